package analysis

// Shoe mileage (issue 14 point 4): the distance each pair had run before
// each run, counted over the runs given in date order, and whether new or
// worn pairs go with numbness. Thresholds and sources: docs/causes.md,
// "Shoe age".

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/runlog/runlog/analysis/notes"
	"golang.org/x/text/cases"
)

const (
	// NewShoeKm: a pair is new for its first 80 km (50 miles). Cook,
	// Kester & Brunet 1985 (Am J Sports Med 13:248) found that shoes lose
	// the largest part of their change in cushioning in the first 50
	// miles, then level off: a pair is at its stiffest, and its upper has
	// not yet given to the foot, over about that distance. New running
	// shoes are among the shoe-related risk factors a review of
	// recreational runners lists (Dobnik & Vauhnik 2017, Fizioterapija
	// 25(1):21).
	NewShoeKm = 80.0
	// WornShoeKm: a pair is worn past 500 km. Peak plantar pressure in
	// EVA-midsole running shoes rose by about 100 % on average after 500
	// km of running (Verdejo & Mills 2004, J Biomech 37:1379; foam damage
	// seen after 750 km), and pressure under the midfoot rose over 350
	// and 700 km (Escamilla-Martínez et al. 2020, IJERPH 17:1707).
	// Makers' advice is 300–500 miles (480–800 km); 500 km is the low end,
	// where the pressure under the sole, which bears on numbness, has
	// already risen.
	WornShoeKm = 500.0
)

// How a pair's distance before a run is known (RunResult.ShoeKmFrom).
const (
	// ShoeKmFromNew: counted from a note that called the pair new.
	ShoeKmFromNew = "new"
	// ShoeKmFromStated: counted from a distance a note gave ("420 km on
	// them").
	ShoeKmFromStated = "stated"
	// ShoeKmFromRunsGiven: counted from the pair's first run given; what it
	// ran before is unknown, so the distance is a lower bound ("at least").
	ShoeKmFromRunsGiven = "runs_given"
)

// ShoePair is one pair of shoes over the runs given: a shoe name, and a
// new pair of the same name each time a note calls it new again.
type ShoePair struct {
	Shoe string // the name as the notes or Strava's Activity Gear give it
	Pair int    // 1 for the first pair of that name in the runs given, 2 after a "new shoes" mark, …
	// From says how StartKm is known: ShoeKmFromNew (0), ShoeKmFromStated,
	// or ShoeKmFromRunsGiven (StartKm NaN: unknown).
	From    string
	StartKm float64 // km before its first run given; NaN when unknown
	// CountedKm is the distance of its runs given (runs without a
	// distance add nothing).
	CountedKm float64
	// LastKm is the pair's distance after its last run given: StartKm +
	// CountedKm when the start is known, else CountedKm, a lower bound
	// (LastKmAtLeast).
	LastKm        float64
	LastKmAtLeast bool
	First, Last   time.Time // the start of its first and last run given, in the run's own zone (RunResult.LocalStart)
	Runs          int
	NumbRuns      int // runs in it the notes report numb
	CleanRuns     int // runs in it reported (or counted) free of numbness
	// NewRuns, NewNumb: its runs in the first NewShoeKm and how many of
	// them were numb; WornRuns, WornNumb: the same past WornShoeKm.
	NewRuns, NewNumb   int
	WornRuns, WornNumb int
}

// Label names the pair for a report: the shoe, and "(pair N)" when the
// runs given hold more than one pair of that name.
func (p *ShoePair) Label(pairsOfName int) string {
	if pairsOfName > 1 {
		return fmt.Sprintf("%s (pair %d)", p.Shoe, p.Pair)
	}
	return p.Shoe
}

// Shoes is the shoe-mileage part of a Result.
type Shoes struct {
	Pairs []ShoePair // by name, then pair
	// Named: runs whose shoe is named; Runs: all runs.
	Named, Runs int
	// New and Worn compare numb runs with clean ones on new and worn
	// pairs (Fisher's exact test); nil when no numb or no clean run has
	// a known answer.
	New, Worn *ShareComparison
	// NewKnown and WornKnown count the numb and the clean runs whose
	// answer is known, compared or not (the report says why a comparison
	// could not be made).
	NewKnown, WornKnown KnownRuns
}

// KnownRuns counts numb and clean runs for which something is known.
type KnownRuns struct{ Numb, Clean int }

// PairsOf counts the pairs of each name (for ShoePair.Label).
func (s *Shoes) PairsOf(name string) int {
	n := 0
	for i := range s.Pairs {
		if s.Pairs[i].Shoe == name {
			n++
		}
	}
	return n
}

// ShoeNew reports whether the run's pair was new (had run under NewShoeKm
// before it), and whether that is known: it is when the pair's distance is
// counted from new or from a stated distance, or when even the lower bound
// is past NewShoeKm.
func (r *RunResult) ShoeNew() (is, known bool) {
	if r.ShoeKmFrom == "" || math.IsNaN(r.ShoeKmBefore) {
		return false, false
	}
	if r.ShoeKmFrom == ShoeKmFromRunsGiven {
		return false, r.ShoeKmBefore >= NewShoeKm
	}
	return r.ShoeKmBefore < NewShoeKm, true
}

// ShoeWorn reports whether the run's pair was worn (had run WornShoeKm or
// more before it), and whether that is known: a lower bound past
// WornShoeKm is worn for certain, one under it unknown.
func (r *RunResult) ShoeWorn() (is, known bool) {
	if r.ShoeKmFrom == "" || math.IsNaN(r.ShoeKmBefore) {
		return false, false
	}
	if r.ShoeKmBefore >= WornShoeKm {
		return true, true
	}
	return false, r.ShoeKmFrom != ShoeKmFromRunsGiven
}

// shoeMark is what a note says about a pair's mileage: new, or a distance.
type shoeMark struct {
	day     string  // the note's date, YYYY-MM-DD as written (for a note about no run)
	newPair bool    // the pair is new: 0 km before this run
	km      float64 // a stated distance before this run; NaN when none
}

// shoeKey is the form of a shoe's name runlog matches on: case and runs
// of spaces do not tell two shoes apart ("Pegasus 40" in Strava is
// "pegasus  40" in a note). Case is folded the Unicode way
// (golang.org/x/text/cases), so that "Größe" and "GRÖSSE" are one name.
func shoeKey(name string) string {
	return cases.Fold().String(strings.Join(strings.Fields(name), " "))
}

// sameShoeNames gives every run's Gear the spelling of its shoe's first
// run (in the runs' order), so that names differing only in case or spaces
// count as one shoe everywhere: mileage, the shoe comparison, the reports.
func sameShoeNames(runs []RunResult) {
	first := map[string]string{}
	for i := range runs {
		g := runs[i].Gear
		if g == "" {
			continue
		}
		k := shoeKey(g)
		if name, ok := first[k]; ok {
			runs[i].Gear = name
		} else {
			first[k] = g
		}
	}
}

// shoeMarksUsed says, of a note on a day without a run that names a shoe
// and calls it new or gives its distance, that it was not lost: CountShoes
// counts that shoe's mileage from it.
func shoeMarksUsed(sum *NotesSummary, entries []notes.Entry) {
	// The notes that name a shoe and mark it, by date and text: one pass
	// over each list (a notes file may hold tens of thousands of notes).
	marks := map[[2]string]string{}
	for _, e := range entries {
		if e.Shoes == "" {
			continue
		}
		id := [2]string{e.When.Format("2006-01-02"), e.Text}
		if _, seen := marks[id]; seen {
			continue
		}
		if _, ok := markOf(e.Text, e.Shoes); ok {
			marks[id] = e.Shoes
		}
	}
	for i := range sum.Unmatched {
		u := &sum.Unmatched[i]
		if shoe, ok := marks[[2]string{u.Date, u.Text}]; ok && u.Why == whyNoRunThatDate {
			u.Why += "; used for the mileage of " + shoe
		}
	}
}

// markOf reads what a note says of its shoe's mileage. A note that calls
// the pair new and also gives its distance ("new shoes, 420 km on them")
// is read by the distance: the more exact of the two.
func markOf(text, shoe string) (shoeMark, bool) {
	m := shoeMark{km: notes.StatedShoeKm(text)}
	m.newPair = math.IsNaN(m.km) && notes.MarksNewPair(text, shoe)
	return m, m.newPair || !math.IsNaN(m.km)
}

// CountShoes fills every run's ShoeKmBefore and ShoeKmFrom and sums the
// pairs. runs must be in date order with their Gear and Numbness set
// (Builder.Result does this). A note on a run that calls the pair new or
// gives its distance sets the pair's distance before that run; a note on a
// day without a run that names a shoe does the same for that shoe's next
// run on or after its date (docs/notes.md, "Shoe mileage").
func CountShoes(runs []RunResult, in *NotesInput) Shoes {
	// Notes matched to a run are read from the run; the others, which
	// name a shoe and mark it, wait for its next run.
	onRun := map[string]bool{}
	for i := range runs {
		for _, n := range runs[i].Numbness.Notes {
			onRun[fmt.Sprintf("%s\x00%d\x00%s", n.File, n.Line, n.Text)] = true
		}
	}
	pending := map[string][]shoeMark{}
	if in != nil {
		for _, e := range in.Entries {
			if e.Shoes == "" || onRun[fmt.Sprintf("%s\x00%d\x00%s", e.File, e.Line, e.Text)] {
				continue
			}
			if m, ok := markOf(e.Text, e.Shoes); ok {
				m.day = e.When.Format("2006-01-02")
				pending[shoeKey(e.Shoes)] = append(pending[shoeKey(e.Shoes)], m)
			}
		}
	}
	for name := range pending {
		sort.SliceStable(pending[name], func(i, j int) bool { return pending[name][i].day < pending[name][j].day })
	}

	type state struct {
		pair *ShoePair
		km   float64 // the pair's distance so far (a lower bound when from is ShoeKmFromRunsGiven)
		from string
		runs []int // its runs so far, by index
	}
	var pairs []*state
	current := map[string]*state{}
	count := map[string]int{}
	start := func(name, from string, km float64) *state {
		count[name]++
		st := &state{pair: &ShoePair{Shoe: name, Pair: count[name]}, km: km, from: from}
		pairs = append(pairs, st)
		current[name] = st
		return st
	}
	// apply sets the pair's distance from a mark. "New" starts a new pair,
	// unless the current pair of that name is still under NewShoeKm:
	// runners call a pair new for more than its first run ("still
	// breaking in the new shoes"), so a pair counted from new stays as it
	// is, and one counted from its first run given (with every distance
	// known) was new at that run. A stated distance replaces the count;
	// when every run of the pair so far has a distance, it also tells what
	// the pair had run before them, so their distances are counted back
	// from it.
	apply := func(name string, m shoeMark) {
		st := current[name]
		switch {
		case m.newPair && st != nil && st.from != ShoeKmFromRunsGiven && st.km < NewShoeKm:
		case m.newPair && st != nil && st.from == ShoeKmFromRunsGiven && st.km < NewShoeKm && allDistances(runs, st.runs):
			for _, k := range st.runs {
				runs[k].ShoeKmFrom = ShoeKmFromNew
			}
			st.from = ShoeKmFromNew
		case m.newPair:
			start(name, ShoeKmFromNew, 0)
		case st == nil:
			start(name, ShoeKmFromStated, m.km)
		case st.from == ShoeKmFromRunsGiven && st.km <= m.km && allDistances(runs, st.runs):
			before := m.km - st.km
			for _, k := range st.runs {
				runs[k].ShoeKmBefore += before
				runs[k].ShoeKmFrom = ShoeKmFromStated
			}
			st.km, st.from = m.km, ShoeKmFromStated
		default:
			st.km, st.from = m.km, ShoeKmFromStated
		}
	}

	out := Shoes{Runs: len(runs)}
	for i := range runs {
		r := &runs[i]
		r.ShoeKmBefore, r.ShoeKmFrom, r.ShoePair = math.NaN(), "", 0
		name := r.Gear
		if name == "" {
			continue
		}
		out.Named++
		day := r.LocalStart().Format("2006-01-02")
		for k := shoeKey(name); len(pending[k]) > 0 && pending[k][0].day <= day; pending[k] = pending[k][1:] {
			apply(name, pending[k][0])
		}
		for _, n := range r.Numbness.Notes {
			if m, ok := markOf(n.Text, name); ok {
				apply(name, m)
				break
			}
		}
		st := current[name]
		if st == nil {
			st = start(name, ShoeKmFromRunsGiven, 0)
		}
		r.ShoeKmBefore, r.ShoeKmFrom, r.ShoePair = st.km, st.from, st.pair.Pair
		st.runs = append(st.runs, i)
		if d := r.DistanceM / 1000; d > 0 {
			st.km += d
		} else if st.from != ShoeKmFromRunsGiven {
			// A run of unknown distance: what the pair ran after it is a
			// lower bound.
			st.from = ShoeKmFromRunsGiven
		}
	}
	// The pairs' sums, now that every run's distance before it is final.
	for _, st := range pairs {
		p := st.pair
		if len(st.runs) == 0 {
			continue // marked new on a day without a run, never run in
		}
		first := &runs[st.runs[0]]
		p.From, p.StartKm = first.ShoeKmFrom, first.ShoeKmBefore
		if p.From == ShoeKmFromRunsGiven {
			p.StartKm = math.NaN()
		}
		p.First = first.LocalStart()
		for _, k := range st.runs {
			r := &runs[k]
			p.Last = r.LocalStart()
			p.Runs++
			numb := r.Numbness.Reported == notes.Yes
			switch r.Numbness.Reported {
			case notes.Yes:
				p.NumbRuns++
			case notes.No:
				p.CleanRuns++
			}
			if d := r.DistanceM / 1000; d > 0 {
				p.CountedKm += d
			}
			if isNew, _ := r.ShoeNew(); isNew {
				p.NewRuns++
				if numb {
					p.NewNumb++
				}
			}
			if worn, _ := r.ShoeWorn(); worn {
				p.WornRuns++
				if numb {
					p.WornNumb++
				}
			}
		}
		p.LastKm, p.LastKmAtLeast = st.km, st.from == ShoeKmFromRunsGiven
		out.Pairs = append(out.Pairs, *p)
	}
	sort.SliceStable(out.Pairs, func(i, j int) bool {
		if out.Pairs[i].Shoe != out.Pairs[j].Shoe {
			return out.Pairs[i].Shoe < out.Pairs[j].Shoe
		}
		return out.Pairs[i].Pair < out.Pairs[j].Pair
	})
	out.New, out.NewKnown = shoeAgeShare(runs, (*RunResult).ShoeNew)
	out.Worn, out.WornKnown = shoeAgeShare(runs, (*RunResult).ShoeWorn)
	return out
}

// allDistances reports whether every run listed has a distance.
func allDistances(runs []RunResult, idx []int) bool {
	for _, k := range idx {
		if !(runs[k].DistanceM > 0) {
			return false
		}
	}
	return true
}

// shoeAgeShare compares numb and clean runs on a yes/no shoe age, among
// the runs where it is known; nil when either group has none.
func shoeAgeShare(runs []RunResult, age func(*RunResult) (bool, bool)) (*ShareComparison, KnownRuns) {
	var s ShareComparison
	for i := range runs {
		r := &runs[i]
		is, known := age(r)
		if !known {
			continue
		}
		switch r.Numbness.Reported {
		case notes.Yes:
			s.NumbTotal++
			if is {
				s.NumbYes++
			}
		case notes.No:
			s.CleanTotal++
			if is {
				s.CleanYes++
			}
		}
	}
	known := KnownRuns{Numb: s.NumbTotal, Clean: s.CleanTotal}
	if s.NumbTotal == 0 || s.CleanTotal == 0 {
		return nil, known
	}
	s.PValue = fisherP(s.NumbYes, s.NumbTotal-s.NumbYes, s.CleanYes, s.CleanTotal-s.CleanYes)
	s.Interpretation = interpret(s.PValue, s.NumbTotal, s.CleanTotal)
	return &s, known
}
