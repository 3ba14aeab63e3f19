package analysis

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/runlog/runlog/analysis/notes"
)

// shoeDay is one day of a shoe athlete: a run in a shoe with its note, or
// (kind "") a note on a day without a run.
type shoeDay struct {
	kind, shoe, note string
}

// shoeAthlete builds runs on consecutive days from 2026-10-01 (kind "" is
// a day without a run whose note names the shoe) and runs the whole
// result.
func shoeAthlete(t testing.TB, days []shoeDay) Result {
	t.Helper()
	var b Builder
	b.Notes.Location = time.UTC
	for i, d := range days {
		at := time.Date(2026, 10, 1, 6, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		if d.note != "" {
			b.Notes.Given = true
			e := entry(at.Format("2006-01-02"), d.note, d.shoe)
			e.Line = i + 1
			b.Notes.Entries = append(b.Notes.Entries, e)
		}
		if d.kind == "" {
			continue
		}
		r := template(t, d.kind)
		r.Start = at
		r.Source = at.Format("2006-01-02") + ".fit"
		r.Gear = ""
		if d.note == "" {
			r.Gear = d.shoe // a shoe known without a note, as from Strava's Activity Gear
		}
		b.res.Runs = append(b.res.Runs, r)
	}
	res := b.Result()
	checkCounts(t, res, "athlete with shoes")
	return res
}

func kmNear(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// TestShoeKmCounted: the distance before each run is the sum of the
// pair's earlier runs given; a pair first seen in the runs given is a
// lower bound; "new shoes" (on the run, or on a day before it) starts a
// pair at 0, and said again while the pair is under NewShoeKm it is the
// same pair; a stated distance counts the pair's earlier runs back from
// it; a run without a shoe has none.
func TestShoeKmCounted(t *testing.T) {
	km := template(t, "good").DistanceM / 1000
	if !(km > 1 && 3*km < NewShoeKm) {
		t.Fatalf("template distance %v km", km)
	}
	res := shoeAthlete(t, []shoeDay{
		{"good", "Racer", ""},                                     // 0: Racer, first run given: at least 0
		{"good", "Racer", ""},                                     // 1: at least km
		{"good", "", "easy run, feet fine"},                       // 2: no shoe
		{"", "Cruiser", "bought new shoes today"},                 // 3: no run; Cruiser is new from here
		{"good", "Cruiser", ""},                                   // 4: Cruiser 0 (new)
		{"good", "Cruiser", "feet fine"},                          // 5: the note names Cruiser: km
		{"good", "Racer", "400 km on them now, no numbness"},      // 6: Racer stated 400; runs 0 and 1 counted back
		{"good", "Cruiser", "still breaking in the new shoes"},    // 7: Cruiser under 80 km: the same pair, 2 km
		{"good", "Racer", ""},                                     // 8: Racer 400 + km
		{"good", "Racer", "first run in the new pair, fine"},      // 9: Racer past 80 km: pair 2 at 0
		{"good", "Zoom", ""},                                      // 10: Zoom at least 0 ... then new from here
		{"good", "Zoom", "new shoes feel stiff, no numbness yet"}, // 11: Zoom under 80 km: new since run 10
	})
	runs := res.Runs
	if len(runs) != 11 {
		t.Fatalf("%d runs", len(runs))
	}
	want := []struct {
		km   float64
		from string
	}{
		{400 - 2*km, ShoeKmFromStated}, {400 - km, ShoeKmFromStated}, {math.NaN(), ""},
		{0, ShoeKmFromNew}, {km, ShoeKmFromNew}, {400, ShoeKmFromStated}, {2 * km, ShoeKmFromNew}, {400 + km, ShoeKmFromStated},
		{0, ShoeKmFromNew}, {0, ShoeKmFromNew}, {km, ShoeKmFromNew},
	}
	for i, w := range want {
		r := &runs[i]
		if r.ShoeKmFrom != w.from || !(kmNear(r.ShoeKmBefore, w.km) || math.IsNaN(w.km) && math.IsNaN(r.ShoeKmBefore)) {
			t.Errorf("run %d (%s, %s): %v km from %q, want %v from %q", i, r.Source, r.Gear, r.ShoeKmBefore, r.ShoeKmFrom, w.km, w.from)
		}
	}
	if got := len(res.Shoes.Pairs); got != 4 {
		t.Fatalf("%d pairs: %+v", got, res.Shoes.Pairs)
	}
	cruiser, racer, racer2, zoom := res.Shoes.Pairs[0], res.Shoes.Pairs[1], res.Shoes.Pairs[2], res.Shoes.Pairs[3]
	if cruiser.Shoe != "Cruiser" || cruiser.Pair != 1 || cruiser.Runs != 3 || cruiser.From != ShoeKmFromNew || !kmNear(cruiser.LastKm, 3*km) ||
		cruiser.LastKmAtLeast || cruiser.NewRuns != 3 {
		t.Errorf("Cruiser %+v", cruiser)
	}
	if racer.Shoe != "Racer" || racer.Runs != 4 || racer.From != ShoeKmFromStated || !kmNear(racer.StartKm, 400-2*km) ||
		!kmNear(racer.CountedKm, 4*km) || !kmNear(racer.LastKm, 400+2*km) || !racer.First.Equal(runs[0].Start) || !racer.Last.Equal(runs[7].Start) ||
		racer.First.Location() == time.UTC {
		t.Errorf("Racer %+v", racer)
	}
	if racer2.Pair != 2 || racer2.Runs != 1 || racer2.StartKm != 0 || racer2.From != ShoeKmFromNew || res.Shoes.PairsOf("Racer") != 2 ||
		racer2.Label(2) != "Racer (pair 2)" {
		t.Errorf("Racer pair 2 %+v", racer2)
	}
	if zoom.Shoe != "Zoom" || zoom.From != ShoeKmFromNew || zoom.StartKm != 0 || zoom.Runs != 2 {
		t.Errorf("Zoom %+v", zoom)
	}
	if res.Shoes.Named != 10 || res.Shoes.Runs != 11 {
		t.Errorf("named %d of %d", res.Shoes.Named, res.Shoes.Runs)
	}
	if is, known := runs[3].ShoeNew(); !is || !known {
		t.Errorf("Cruiser at 0 km: new %v known %v", is, known)
	}
	if is, known := runs[7].ShoeWorn(); is || !known {
		t.Errorf("Racer at %v km: worn %v known %v", runs[7].ShoeKmBefore, is, known)
	}
	// The note on a day without a run is used, and the summary says so.
	if u := res.Notes.Unmatched; len(u) != 1 || !strings.HasSuffix(u[0].Why, "; used for the mileage of Cruiser") {
		t.Errorf("unmatched notes: %+v", u)
	}
	// Each run knows its pair: Racer's last run is in pair 2, its others
	// in pair 1; a run without a shoe in none.
	for i, want := range []int{1, 1, 0, 1, 1, 1, 1, 1, 2, 1, 1} {
		if runs[i].ShoePair != want {
			t.Errorf("run %d (%s): pair %d, want %d", i, runs[i].Gear, runs[i].ShoePair, want)
		}
	}
}

// TestShoeLowerBound: without a mark, a pair's distance is at least what
// the runs given add up to: new is unknown until that passes NewShoeKm,
// worn until it passes WornShoeKm.
func TestShoeLowerBound(t *testing.T) {
	r := RunResult{ShoeKmFrom: ShoeKmFromRunsGiven, ShoeKmBefore: 40}
	if _, known := r.ShoeNew(); known {
		t.Error("at least 40 km: new should be unknown")
	}
	if _, known := r.ShoeWorn(); known {
		t.Error("at least 40 km: worn should be unknown")
	}
	r.ShoeKmBefore = NewShoeKm + 1
	if is, known := r.ShoeNew(); is || !known {
		t.Error("past NewShoeKm: not new, known")
	}
	r.ShoeKmBefore = WornShoeKm
	if is, known := r.ShoeWorn(); !is || !known {
		t.Error("at least WornShoeKm: worn, known")
	}
	r = RunResult{ShoeKmBefore: math.NaN()}
	if _, known := r.ShoeNew(); known {
		t.Error("no shoe: new should be unknown")
	}
}

// newPairsAthlete: three pairs, each marked new on the day before its
// first run (a note naming the shoe), each run numbOn(i) numb, i the run's
// place in its pair. Long runs, so a pair leaves its first NewShoeKm
// after a few.
func newPairsAthlete(t *testing.T, perPair int, numbOn func(i int) bool) Result {
	var days []shoeDay
	for _, shoe := range []string{"Alpha", "Bravo", "Charlie"} {
		days = append(days, shoeDay{"", shoe, "new shoes: " + shoe})
		for i := 0; i < perPair; i++ {
			note := "no numbness"
			if numbOn(i) {
				note = "left foot numb"
			}
			days = append(days, shoeDay{"long", shoe, note})
		}
	}
	return shoeAthlete(t, days)
}

// TestScenarioNewShoes: a runner numb on the first runs of each new pair
// and clean later: the wrong-shoes evidence names shoe age, as a line
// for the cause, with the counts of new-pair runs.
func TestScenarioNewShoes(t *testing.T) {
	km := template(t, "long").DistanceM / 1000
	newRuns := int(math.Ceil(NewShoeKm / km)) // runs a pair is new for
	if newRuns < 2 || newRuns > 8 {
		t.Fatalf("a long run is %.1f km: %d runs in a pair's first %v km", km, newRuns, NewShoeKm)
	}
	numbRuns := newRuns - 1
	res := newPairsAthlete(t, newRuns+6, func(i int) bool { return i < numbRuns })
	c := cause(res, "wrong_shoes")
	want := "shoe age: " + strconv.Itoa(3*numbRuns) + " of " + strconv.Itoa(3*numbRuns) + " numb runs were in a pair's first 80 km, against 3 of " + strconv.Itoa(3*7) + " clean runs"
	found := false
	for _, l := range linesFor(c) {
		found = found || strings.HasPrefix(l, want)
	}
	if !found {
		t.Fatalf("no line for wrong shoes starting %q: %s (%s)", want, strings.Join(c.Evidence, " | "), c.Verdict)
	}
	if c.Verdict != VerdictLikely && c.Verdict != VerdictPossible {
		t.Errorf("wrong shoes %s", c.Verdict)
	}
	if s := res.Shoes.New; s == nil || s.NumbYes != 3*numbRuns || s.CleanYes != 3 || !(s.PValue < 0.05) {
		t.Errorf("new-shoe comparison %+v", s)
	}
	if cmp := res.Comparison; cmp == nil || cmp.NewShoes != res.Shoes.New {
		t.Error("the comparison does not carry the new-shoe share")
	}
	// The shoe names are alike: each pair as numb as the others.
	if strings.Contains(strings.Join(linesFor(c), "|"), "were in Alpha") {
		t.Errorf("a shoe name counted: %q", linesFor(c))
	}
}

// TestScenarioShoeAgeEven: the control athlete, numbness spread evenly
// over each pair's life: shoe age is not evidence, and the line says it
// is as common on clean runs.
func TestScenarioShoeAgeEven(t *testing.T) {
	km := template(t, "long").DistanceM / 1000
	newRuns := int(math.Ceil(NewShoeKm / km))
	perPair := 2 * newRuns
	res := newPairsAthlete(t, perPair, func(i int) bool { return i%2 == 1 })
	c := cause(res, "wrong_shoes")
	for _, l := range linesFor(c) {
		if strings.Contains(l, "shoe age") {
			t.Fatalf("shoe age counted for wrong shoes: %q", l)
		}
	}
	if !strings.Contains(strings.Join(c.Evidence, "|"), "as common on clean runs: a pair's first 80 km on") {
		t.Errorf("no 'as common' line on new shoes: %q", c.Evidence)
	}
	if s := res.Shoes.New; s == nil || s.PValue < 0.2 {
		t.Errorf("new-shoe comparison %+v", s)
	}
}

// TestScenarioWornShoes: a pair whose runner says it has 460 km, numb
// once past 500 km and clean before, beside a new pair run clean.
func TestScenarioWornShoes(t *testing.T) {
	km := template(t, "long").DistanceM / 1000
	days := []shoeDay{{"", "Old", "460 km on these shoes"}, {"", "Fresh", "new shoes"}}
	before := 0.0
	for i := 0; i < 10; i++ {
		note := "no numbness"
		if 460+before >= WornShoeKm {
			note = "right foot numb"
		}
		days = append(days, shoeDay{"long", "Old", note}, shoeDay{"long", "Fresh", "no numbness"})
		before += km
	}
	res := shoeAthlete(t, days)
	c := cause(res, "wrong_shoes")
	if !strings.Contains(strings.Join(linesFor(c), "|"), "numb runs were in a pair past 500 km") {
		t.Fatalf("worn shoes not evidence: %s", strings.Join(c.Evidence, " | "))
	}
	for _, r := range res.Runs {
		worn, known := r.ShoeWorn()
		if !known || worn != (r.ShoeKmBefore >= WornShoeKm) {
			t.Errorf("%s %s at %.0f km: worn %v known %v", r.Source, r.Gear, r.ShoeKmBefore, worn, known)
		}
	}
}

// TestShoeAgeNotRecorded: without a shoe on any run, the wrong-shoes
// evidence says shoe age is not recorded; with shoes named but no pair's
// distance known, that it is unknown; neither counts.
func TestShoeAgeNotRecorded(t *testing.T) {
	var days []day
	for i := 0; i < 4; i++ {
		days = append(days, day{"good", "", "left foot numb"}, day{"good", "", "no numbness"})
	}
	c := cause(athlete(t, days), "wrong_shoes")
	if !strings.Contains(strings.Join(c.Evidence, "|"), "shoe age not recorded: no run names its shoe") ||
		strings.Contains(strings.Join(linesFor(c), "|"), "shoe age") {
		t.Errorf("no shoes: %q", c.Evidence)
	}
	for i := range days {
		days[i].shoe = "Same"
	}
	res := athlete(t, days)
	c = cause(res, "wrong_shoes")
	if !strings.Contains(strings.Join(c.Evidence, "|"), "shoe age unknown: 8 of 8 runs name their shoe") ||
		strings.Contains(strings.Join(linesFor(c), "|"), "shoe age") {
		t.Errorf("shoes of unknown age: %q", c.Evidence)
	}
	if res.Shoes.New != nil || res.Shoes.Worn != nil || len(res.Shoes.Pairs) != 1 || !res.Shoes.Pairs[0].LastKmAtLeast {
		t.Errorf("shoes %+v", res.Shoes)
	}
}

// TestNoteMarks: what notes.MarksNewPair and notes.StatedShoeKm read.
func TestNoteMarks(t *testing.T) {
	for text, want := range map[string]bool{
		"new shoes today": true, "first run in the new Pegasus": true, "New pair of Pegasus 40, felt tight": true,
		"new shoes feel great": true, "new shoes: Kinvara": true, "brand new trainers": true,
		"first run in the rain": false, "not new shoes": false, "no new shoes yet": false, "old shoes": false,
		"left foot numb at 5 km": false, "New Pegasus, laced tight": true, "not the new Pegasus": false, "new personal best": false,
		"New Balance 1080 shoes, fine": false, "new New Balance shoes": true,
	} {
		if got := notes.MarksNewPair(text, "Pegasus 41"); got != want {
			t.Errorf("MarksNewPair(%q) = %v", text, got)
		}
	}
	for text, want := range map[string]float64{
		"420 km on them": 420, "about 300 miles on these shoes": 300 * 1.609344, "shoes at 612 km now": 612,
		"pair has 250 mi": 250 * 1.609344, "ran 12 km on the track": math.NaN(), "numb at 5 km": math.NaN(),
	} {
		got := notes.StatedShoeKm(text)
		if !(kmNear(got, want) || math.IsNaN(want) && math.IsNaN(got)) {
			t.Errorf("StatedShoeKm(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestShoeNamesIgnoreCase: a shoe spelled with other case or spaces in a
// note or in Strava's gear is the same shoe, shown with its first spelling.
func TestShoeNamesIgnoreCase(t *testing.T) {
	res := shoeAthlete(t, []shoeDay{
		{"", "Pegasus 40", "new shoes today"}, // no run: the pair is new from here
		{"good", "pegasus  40", ""},           // Strava's gear, other case and spaces
		{"good", "PEGASUS 40", "feet fine"},
		{"good", "Pegasus 40", "toes numb"},
		{"good", "Laufschuh Größe 44", ""},
		{"good", "LAUFSCHUH GRÖSSE 44", ""},
	})
	if n := len(res.Shoes.Pairs); n != 2 {
		t.Fatalf("%d pairs, want two: %+v", n, res.Shoes.Pairs)
	}
	if g := res.Shoes.Pairs[0]; g.Shoe != "Laufschuh Größe 44" || g.Runs != 2 {
		t.Errorf("Unicode case: pair %q, %d runs", g.Shoe, g.Runs)
	}
	p := res.Shoes.Pairs[1]
	if p.Shoe != "pegasus  40" || p.Runs != 3 || p.From != ShoeKmFromNew {
		t.Errorf("pair %q: %d runs, from %q; want the first run's spelling, 3 runs, counted from new", p.Shoe, p.Runs, p.From)
	}
	for i, r := range res.Runs[:3] {
		if r.Gear != p.Shoe || r.ShoeKmFrom != ShoeKmFromNew {
			t.Errorf("run %d: shoe %q from %q", i, r.Gear, r.ShoeKmFrom)
		}
	}
}

// TestNewAndStatedKm: a note that calls the pair new and gives its
// distance is read by the distance.
func TestNewAndStatedKm(t *testing.T) {
	res := shoeAthlete(t, []shoeDay{{"good", "Racer", "new shoes. 420 km on them, feet fine"}})
	if r := res.Runs[0]; r.ShoeKmFrom != ShoeKmFromStated || r.ShoeKmBefore != 420 {
		t.Errorf("%v km from %q, want 420 stated", r.ShoeKmBefore, r.ShoeKmFrom)
	}
}

// TestAgainstNeedsItsOwnRuns: "as common on clean runs" set against one
// clean run in a new pair is shown but does not make the shoes unlikely,
// however many runs the notes cover otherwise.
func TestAgainstNeedsItsOwnRuns(t *testing.T) {
	days := []shoeDay{{"good", "Pegasus", "new shoes, toes numb"}}
	for i := 0; i < 3; i++ {
		days = append(days, shoeDay{"good", "Pegasus", "toes numb"})
	}
	days = append(days, shoeDay{"good", "Pegasus", "feet fine"})
	for i := 0; i < 4; i++ {
		days = append(days, shoeDay{"good", "", "feet fine"})
	}
	res := shoeAthlete(t, days)
	for _, c := range res.Advice.Causes {
		if c.ID != "wrong_shoes" {
			continue
		}
		if c.Verdict == VerdictUnlikely {
			t.Errorf("shoes unlikely on one clean run in a new pair: %q", c.Evidence)
		}
		for _, l := range c.Lines {
			if strings.Contains(l.Text, "1 of 1 clean run") && l.Weighs != WeighsNone {
				t.Errorf("a line on one clean run weighs %s: %s", l.Weighs, l.Text)
			}
		}
	}
}
