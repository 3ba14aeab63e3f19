package report

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// TestTextWidth: prose wraps to the width asked for (60 at the least),
// the two run tables stay within 80 columns, and a numb run's kilometres
// are listed with the km numbness began in marked.
func TestTextWidth(t *testing.T) {
	res := sampleResult()
	r := &res.Runs[0]
	r.Overstride.Reasons = []string{strings.Repeat("cadence 150 spm is well below the 168 spm typical at that speed; ", 4)}
	r.Numbness = analysis.Numbness{Reported: notes.Yes, Foot: "left", OnsetKm: 2, OnsetMin: math.NaN(), OnsetTimerS: 400}
	r.Measure.Splits = []analysis.Split{
		{Km: 1, DistanceM: 1000, Form: analysis.Form{SpeedMPS: 3.4, CadenceSPM: 171, GCTms: 250}, Overstride: analysis.Overstride{Level: analysis.LevelUnknown, Score: math.NaN()}},
		{Km: 2, DistanceM: 1000, Form: analysis.Form{SpeedMPS: 3.3, CadenceSPM: 160, GCTms: 281}, Overstride: analysis.Overstride{Level: analysis.LevelHigh, Score: 61}},
	}
	for _, c := range []struct{ ask, prose int }{{0, 100}, {80, 80}, {30, 60}, {140, 140}} {
		var buf bytes.Buffer
		if err := Text(&buf, &res, TextOptions{Width: c.ask}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		widest := 0
		for _, l := range strings.Split(out, "\n") {
			widest = max(widest, len([]rune(l)))
			if n := len([]rune(l)); n > max(c.prose, 80) {
				t.Errorf("width %d: line %d columns wide: %q", c.ask, n, l)
			}
		}
		if c.ask == 140 && widest <= 100 {
			t.Errorf("width 140: the long reason was still wrapped to %d", widest)
		}
		if !strings.Contains(out, "Numb runs, km by km") || !strings.Contains(out, "(numb: left foot, from km 2)") {
			t.Errorf("width %d: no km table for the numb run:\n%s", c.ask, out)
		}
		var km2 string
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) > 0 && f[0] == "2" && strings.Contains(l, "5:03") {
				km2 = l
			}
		}
		if !strings.Contains(km2, "160") || !strings.Contains(km2, "281") || !strings.Contains(km2, "61") || !strings.HasSuffix(km2, "numb from here") {
			t.Errorf("width %d: km 2 row %q", c.ask, km2)
		}
	}
}
