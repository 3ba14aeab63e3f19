package main

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress shows only when the work takes more than a moment: more than
// progressFiles inputs, or longer than progressAfter.
const (
	progressFiles = 20
	progressAfter = time.Second
)

// progress draws a bar on stderr while a long batch runs — files done of
// total, and the rate — only when stderr is a terminal (never in cron or a
// pipe) and never with NO_COLOR or TERM=dumb.
type progress struct {
	ios      IOStreams
	on       bool
	start    time.Time
	n, total int
	bar      *progressbar.ProgressBar // nil until shown
}

// progressWanted says whether ios's stderr may show progress.
func progressWanted(ios IOStreams) bool {
	return ios.ErrTerminal && ios.getenv("NO_COLOR") == "" && ios.getenv("TERM") != "dumb"
}

// newProgress prepares the progress of a batch of count() items; count is
// called only when progress may be shown (it lists the inputs once more).
func newProgress(ios IOStreams, count func() int) *progress {
	p := &progress{ios: ios}
	if !progressWanted(ios) {
		return p
	}
	p.on, p.start = true, ios.now()
	if count != nil {
		p.total = count()
	}
	if p.total > progressFiles {
		p.show()
	}
	return p
}

func (p *progress) show() {
	max := p.total
	if max <= 0 {
		max = -1 // unknown: a spinner with the count and rate
	}
	p.bar = progressbar.NewOptions(max,
		progressbar.OptionSetWriter(p.ios.ErrOut),
		progressbar.OptionSetDescription("runlog: reading"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionEnableColorCodes(false),
	)
	p.bar.Set(p.n)
}

// step counts one more input done.
func (p *progress) step(string) {
	if !p.on {
		return
	}
	p.n++
	if p.bar == nil && p.ios.now().Sub(p.start) > progressAfter {
		p.show()
		return
	}
	if p.bar != nil {
		p.bar.Add(1)
	}
}

// done clears the bar.
func (p *progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
