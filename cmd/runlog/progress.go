package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress counts inputs on stderr while a long batch runs — only on a
// terminal (never in cron or a pipe) and never with NO_COLOR or TERM=dumb.
type progress struct {
	w    io.Writer // nil: silent
	last time.Time
	n    int
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return &progress{}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	return &progress{w: w, last: time.Now()}
}

// step counts one more input, redrawing at most five times a second.
func (p *progress) step(name string) {
	p.n++
	if p.w == nil || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
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
