package main

import (
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// IOStreams is everything a command reads from or writes to outside its
// flags: the report goes to Out, progress and warnings to ErrOut. Whether
// each is a terminal, how wide stdout's terminal is, the environment and
// the clock are fields too, so that every behaviour that depends on them is
// tested without a real terminal, environment or date (gh's pattern).
type IOStreams struct {
	Out    io.Writer
	ErrOut io.Writer
	// OutTerminal and ErrTerminal say whether Out and ErrOut are terminals.
	OutTerminal, ErrTerminal bool
	// Width is the width in columns of the terminal Out is on; 0 when Out
	// is not a terminal or its width is unknown.
	Width int
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// systemIO describes the process's own stdout and stderr.
func systemIO(out, errOut io.Writer) IOStreams {
	ios := IOStreams{Out: out, ErrOut: errOut}
	if f, ok := out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		ios.OutTerminal = true
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			ios.Width = w
		}
	}
	if f, ok := errOut.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		ios.ErrTerminal = true
	}
	return ios
}

// getenv reads the environment variable key.
func (ios IOStreams) getenv(key string) string {
	if ios.Getenv != nil {
		return ios.Getenv(key)
	}
	return os.Getenv(key)
}

// now is the current time.
func (ios IOStreams) now() time.Time {
	if ios.Now != nil {
		return ios.Now()
	}
	return time.Now()
}
