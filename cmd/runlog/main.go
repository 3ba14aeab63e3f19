// Command runlog reads running-watch FIT files, measures running form and
// links it to the runner's foot-numbness notes.
package main

import (
	"os"
)

func main() {
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}
