package main

import (
	"fmt"
	"io"
	"time"
)

// progress counts inputs on stderr while a long batch runs — only when
// stderr is a terminal (never in cron or a pipe) and never with NO_COLOR
// or TERM=dumb.
type progress struct {
	w    io.Writer // nil: silent
	now  func() time.Time
	last time.Time
	n    int
}

// progressWanted says whether ios's stderr may show progress.
func progressWanted(ios IOStreams) bool {
	return ios.ErrTerminal && ios.getenv("NO_COLOR") == "" && ios.getenv("TERM") != "dumb"
}

func newProgress(ios IOStreams) *progress {
	if !progressWanted(ios) {
		return &progress{}
	}
	return &progress{w: ios.ErrOut, now: ios.now, last: ios.now()}
}

// step counts one more input, redrawing at most five times a second.
func (p *progress) step(name string) {
	p.n++
	if p.w == nil || p.now().Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = p.now()
	if len(name) > 50 {
		name = "…" + name[len(name)-49:]
	}
	fmt.Fprintf(p.w, "\r\033[Krunlog: %d read, %s", p.n, name)
}

// done clears the progress line.
func (p *progress) done() {
	if p.w != nil && p.n > 0 {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
