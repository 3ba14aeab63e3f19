package main

import "runtime"

func isDarwinOrWindows() bool {
	return runtime.GOOS == "darwin" || runtime.GOOS == "ios" || runtime.GOOS == "windows" || runtime.GOOS == "plan9"
}
