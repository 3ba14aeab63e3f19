package main

import (
	"fmt"
	"runtime"

	"github.com/runlog/runlog/fitparse"
	"github.com/spf13/pflag"
)

// inputFlags are the flags every command that reads FIT files shares.
type inputFlags struct {
	MaxInputMB int64  // per-input bound on decompressed size, MiB
	Workers    int    // inputs read, decoded and measured at once; 0 means one per CPU
	Decoder    string // FIT decoder that reads first: "muktihari" (default) or "tormoder"
}

func (f *inputFlags) register(fs *pflag.FlagSet) {
	fs.Int64Var(&f.MaxInputMB, "max-input-mb", fitparse.DefaultMaxDecompressedBytes>>20,
		"refuse an input (file, .gz or zip entry) that decompresses to more than this many MiB")
	fs.IntVar(&f.Workers, "workers", runtime.NumCPU(),
		"inputs read and analysed at once (default: the number of CPUs); the output is the same with any number")
	fs.StringVar(&f.Decoder, "decoder", fitparse.DecoderMuktihari,
		`FIT decoder that reads first: "muktihari" or "tormoder"; the other reads what it refuses (docs/decisions.md)`)
}

func (f *inputFlags) options() (fitparse.InputOptions, error) {
	if f.Workers < 0 {
		return fitparse.InputOptions{}, usageError{fmt.Errorf("--workers must be 1 or more (0 for one per CPU), not %d", f.Workers)}
	}
	if f.Workers == 0 {
		f.Workers = runtime.NumCPU()
	}
	if f.MaxInputMB <= 0 {
		return fitparse.InputOptions{}, usageError{fmt.Errorf("--max-input-mb must be positive, not %d", f.MaxInputMB)}
	}
	if err := fitparse.CheckDecoder(f.Decoder); err != nil {
		return fitparse.InputOptions{}, usageError{fmt.Errorf("--decoder: %w", err)}
	}
	return fitparse.InputOptions{MaxDecompressedBytes: f.MaxInputMB << 20, RaiseLimitHow: "--max-input-mb",
		Decode: fitparse.DecodeOptions{Decoder: f.Decoder}}, nil
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

// inputSize is an input's size as listed, for mapLargestFirst.
func inputSize(in fitparse.Input) int64 { return in.Size }

// countInputs lists the inputs of paths without reading them: the total of
// a progress bar.
func countInputs(paths []string, opt fitparse.InputOptions) int {
	n := 0
	for range fitparse.Inputs(paths, opt) {
		n++
	}
	return n
}
