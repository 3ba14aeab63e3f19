package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/runlog/runlog/analysis"
)

// watchLabels name the checked averages for people.
var watchLabels = map[string]string{
	"avg_cadence_spm": "cadence",
	"avg_gct_ms":      "ground contact",
}

// leftOutText lists the left-out time by reason, e.g. "1:52 of walking and
// 12:53 standing"; "" when nothing was left out.
func leftOutText(l analysis.LeftOut) string {
	var parts []string
	if l.WalkingS >= 0.5 {
		parts = append(parts, clock(l.WalkingS)+" of walking")
	}
	if l.StandingS >= 0.5 {
		parts = append(parts, clock(l.StandingS)+" standing")
	}
	if l.NoDataS >= 0.5 {
		parts = append(parts, clock(l.NoDataS)+" with neither speed nor cadence")
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// watchText says how runlog's average stands to the watch's, and why when
// the check found out: e.g. "cadence: watch 122 spm, runlog 160. The watch
// also counts 1:52 of walking and 12:53 standing that runlog leaves out;
// counting them too, runlog gets 122 spm." Every number comes from c.
func watchText(c *analysis.WatchCheck) string {
	label := watchLabels[c.Metric]
	runlog := fixed(c.RunlogValue, 0)
	if runlog == missing {
		runlog = "none"
	}
	head := fmt.Sprintf("%s: watch %s %s, runlog %s", label, fixed(c.DeviceValue, 0), c.Unit, runlog)
	left := leftOutText(c.Left)
	switch {
	case !c.Differs:
		return head + " (within " + fixed(c.Tolerance, 0) + " " + c.Unit + ")"
	case c.Explained:
		return fmt.Sprintf("%s. The watch also counts %s that runlog leaves out; counting them too, runlog gets %s %s.",
			head, left, fixed(c.TimerValue, 0), c.Unit)
	case math.IsNaN(c.TimerValue):
		return fmt.Sprintf("%s. Unexplained: the records hold no %s runlog can average; the watch's figure is its own.", head, label)
	case math.IsNaN(c.RunlogValue):
		return fmt.Sprintf("%s. Unexplained: runlog counts no running here, and over all timer time it gets %s %s; the watch's figure is its own.",
			head, fixed(c.TimerValue, 0), c.Unit)
	case left == "":
		return fmt.Sprintf("%s. Unexplained: runlog's differs by %s %s over the same time; the watch's figure is its own.",
			head, fixed(math.Abs(c.DiffersBy()), 0), c.Unit)
	}
	return fmt.Sprintf("%s. Unexplained: runlog's differs by %s %s, and leaving out %s does not explain it (counting it gives %s %s); the watch's figure is its own.",
		head, fixed(math.Abs(c.DiffersBy()), 0), c.Unit, left, fixed(c.TimerValue, 0), c.Unit)
}

// checkState is "agrees", "explained" or "unexplained".
func checkState(c *analysis.WatchCheck) string {
	switch {
	case !c.Differs:
		return "agrees"
	case c.Explained:
		return "explained"
	}
	return "unexplained"
}

// wrapWords breaks s into lines of at most width runes, continuation lines
// starting with indent; the first line already holds start runes.
func wrapWords(s string, start, width int, indent string) string {
	var b strings.Builder
	line := start
	for i, w := range unitWords(strings.Fields(s)) {
		n := len([]rune(w))
		if i > 0 {
			if line+1+n > width {
				b.WriteString("\n" + indent)
				line = len(indent)
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(w)
		line += n
	}
	return b.String()
}

// units are the words a number is never parted from at a line break.
var units = map[string]bool{"ms": true, "spm": true, "km/h": true, "km": true, "mm": true, "m": true,
	"s": true, "min": true, "%": true, "m/s": true, "bpm": true, "MiB": true}

// unitWords joins a unit to the number before it ("16 ms" stays one word
// for wrapping; punctuation after the unit is allowed), an equals sign to
// the words on both sides, and "p <" to the number after it.
func unitWords(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		n := len(out)
		// "p = 0.196" and "p < 0.001" stay together too.
		if n > 0 && (w == "=" || strings.HasSuffix(out[n-1], " =") ||
			w == "<" && strings.HasSuffix(out[n-1], "p") || strings.HasSuffix(out[n-1], "p <")) {
			out[n-1] += " " + w
			continue
		}
		if n > 0 && units[strings.TrimRight(w, ".,;:)")] && startsWithDigit(out[n-1]) {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

func startsWithDigit(s string) bool {
	s = strings.TrimLeft(s, "(+−-~≈")
	return s != "" && s[0] >= '0' && s[0] <= '9'
}
