package main

import (
	"fmt"

	"github.com/runlog/runlog/fitparse"
	"github.com/spf13/pflag"
)

// inputFlags are the flags every command that reads FIT files shares.
type inputFlags struct {
	MaxInputMB int64 // per-input bound on decompressed size, MiB
}

func (f *inputFlags) register(fs *pflag.FlagSet) {
	fs.Int64Var(&f.MaxInputMB, "max-input-mb", fitparse.DefaultMaxDecompressedBytes>>20,
		"refuse an input (file, .gz or zip entry) that decompresses to more than this many MiB")
}

func (f *inputFlags) options() (fitparse.InputOptions, error) {
	if f.MaxInputMB <= 0 {
		return fitparse.InputOptions{}, usageError{fmt.Errorf("--max-input-mb must be positive, not %d", f.MaxInputMB)}
	}
	return fitparse.InputOptions{MaxDecompressedBytes: f.MaxInputMB << 20}, nil
}

// checkFormat validates a --format value.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageError{fmt.Errorf("unknown --format %q (use one of %v)", format, allowed)}
}
