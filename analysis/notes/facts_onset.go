package notes

// Onset: when in the run the symptoms came.
//
// A distance or time in the text is an onset when a word before it says so
// ("after 5 km", "at 5k", "around 3 miles", "by mile 3", "at km 5", "~5k",
// "25 min in", "half an hour into the run"), or — in a clause that reports
// a symptom — when nothing marks it as the run's own length ("numb 3 mi",
// but not "ran 10k", "on a 10k run", "numb for 20 minutes"). "Until 8 km"
// and "for the first 5 km" give the onset even in a clause that denies
// symptoms ("feet fine until 8 km"). Miles are converted to km (1 mi =
// 1.609344 km); hours to minutes; "m" is metres from 100 up ("800m") and
// minutes below ("20m"). Relative onsets are "start" ("right away", "from
// the start", "first km"), "halfway" ("halfway", "mid-run") and "end" ("at
// the end", "last km", "final mile").
//
// The onset is taken from the first clause that reports numbness and has
// one; else from one that reports another symptom; else from an "until"
// anywhere; else from a clause that neither reports nor denies a symptom
// (see the clause ranks in facts.go). Distance and time are chosen
// separately.

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// kmPerMile is the international mile.
const kmPerMile = 1.609344

// quantity converts v in unit to km or minutes; the other is NaN.
func quantity(v float64, unit string) (km, mins float64, ok bool) {
	km, mins = math.NaN(), math.NaN()
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return km, mins, false
	}
	switch unit {
	case "km", "kms", "k", "kilometer", "kilometers", "kilometre", "kilometres":
		km = v
	case "mi", "mile", "miles":
		km = v * kmPerMile
	case "meter", "meters", "metre", "metres":
		km = v / 1000
	case "m":
		if v >= 100 {
			km = v / 1000
		} else {
			mins = v
		}
	case "min", "mins", "minute", "minutes":
		mins = v
	case "h", "hr", "hrs", "hour", "hours":
		mins = v * 60
	default:
		return km, mins, false
	}
	return km, mins, true
}

var (
	qtyRe       = regexp.MustCompile(`\b(\d+(?:\.\d+)?) ?(kilometers?|kilometres?|kms?|k|miles?|mi|meters?|metres?|minutes?|mins?|hours?|hrs?|h|m)\b`)
	wordQtyRe   = regexp.MustCompile(`\b(half an?|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety) (kilometers?|kilometres?|kms?|miles?|mi|minutes?|mins?|hours?|hrs?)\b`)
	wordQtyKeys = keywords(wordQtyRe)
	unitFirstRe = regexp.MustCompile(`\b(km|kilometer|kilometre|mile|mi) (\d+(?:\.\d+)?)\b`)
)

var wordNumbers = map[string]float64{
	"a": 1, "an": 1, "half a": 0.5, "half an": 0.5, "a couple of": 2,
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
	"forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}

type onsetKind int

const (
	onsetNone   onsetKind = iota
	onsetBare             // no marker; counts only with a symptom
	onsetStrong           // "after 5 km", "25 min in"
	onsetUntil            // "until 8 km", "for the first 5 km"
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// The word before (skipping fillers) or after a quantity decides its kind.
var (
	strongBefore = wordSet("onset after at around about by from past near approximately approx roughly into within beyond since circa ~ @ starting")
	untilBefore  = wordSet("until till til first")
	noneBefore   = wordSet("last final for a an my this that of during easy long total ran run did do over another each every per x than whole entire planned tempo next in")
	fillers      = wordSet("the just almost nearly like maybe only exactly some")
	strongAfter  = wordSet("in into mark")
	noneAfter    = wordSet("run runs race jog loop easy long tempo workout total of route trail session walk hike ride swim later ago each per split splits pace repeats reps x warmup cooldown today")
)

// onsetCand is a distance or time found in a clause.
type onsetCand struct {
	km, mins float64
	kind     onsetKind
}

func words(s string) []string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = strings.Trim(w, `"'()[]:`)
	}
	return f
}

// kindAt classifies the quantity at text[s:e].
func kindAt(text string, s, e int) onsetKind {
	before := words(text[:s])
	for len(before) > 0 && fillers[before[len(before)-1]] {
		before = before[:len(before)-1]
	}
	var prev, prev2, next string
	if n := len(before); n > 0 {
		prev = before[n-1]
		if n > 1 {
			prev2 = before[n-2]
		}
	}
	if after := words(text[e:]); len(after) > 0 {
		next = after[0]
	}
	switch {
	case strongBefore[prev]:
		return onsetStrong
	case untilBefore[prev] || prev == "to" && prev2 == "up":
		return onsetUntil
	case noneBefore[prev]:
		return onsetNone
	case strongAfter[next]:
		return onsetStrong
	case noneAfter[next]:
		return onsetNone
	}
	return onsetBare
}

// onsetCands finds the distances and times of a clause, in order.
func onsetCands(text string) []onsetCand {
	type found struct {
		s    int
		cand onsetCand
	}
	var all []found
	add := func(s, e int, v float64, unit string, kind onsetKind) {
		if km, mins, ok := quantity(v, unit); ok && kind != onsetNone {
			all = append(all, found{s, onsetCand{km, mins, kind}})
		}
	}
	var withDigits, unitFirst, withWords [][]int
	if strings.ContainsAny(text, "0123456789") {
		withDigits = qtyRe.FindAllStringSubmatchIndex(text, -1)
		unitFirst = unitFirstRe.FindAllStringSubmatchIndex(text, -1)
	}
	if mayMatch(text, wordQtyKeys) {
		withWords = wordQtyRe.FindAllStringSubmatchIndex(text, -1)
	}
	for _, m := range withDigits {
		v, err := strconv.ParseFloat(text[m[2]:m[3]], 64)
		if err == nil {
			add(m[0], m[1], v, text[m[4]:m[5]], kindAt(text, m[0], m[1]))
		}
	}
	for _, m := range withWords {
		add(m[0], m[1], wordNumbers[text[m[2]:m[3]]], text[m[4]:m[5]], kindAt(text, m[0], m[1]))
	}
	for _, m := range unitFirst {
		before := words(text[:m[0]])
		if len(before) > 0 {
			if _, err := strconv.ParseFloat(before[len(before)-1], 64); err == nil || noneBefore[before[len(before)-1]] && before[len(before)-1] != "in" {
				continue // "10 km 5 times", "last km 2"
			}
		}
		v, err := strconv.ParseFloat(text[m[4]:m[5]], 64)
		if err == nil {
			add(m[0], m[1], v, text[m[2]:m[3]], onsetStrong)
		}
	}
	// In text order, so that the first onset of a clause is chosen.
	sort.SliceStable(all, func(i, j int) bool { return all[i].s < all[j].s })
	out := make([]onsetCand, len(all))
	for i, f := range all {
		out[i] = f.cand
	}
	return out
}

// relativeOnset is the first relative onset phrase of a clause.
func relativeOnset(text string) string {
	best, at := "", len(text)+1
	for _, r := range whenRules {
		if !mayMatch(text, r.keys) {
			continue
		}
		if m := r.re.FindStringIndex(text); m != nil && m[0] < at {
			best, at = r.id, m[0]
		}
	}
	return best
}

// pickOnset chooses the onset of a note from its clauses (see the top of
// this file).
func pickOnset(clauses []clause) (km, mins float64, when string) {
	cands := make([][]onsetCand, len(clauses))
	for i := range clauses {
		cands[i] = onsetCands(clauses[i].text)
	}
	tiers := []func(c *clause, k onsetKind) bool{
		func(c *clause, k onsetKind) bool { return c.rank() == rankNumb && k >= onsetStrong },
		func(c *clause, k onsetKind) bool { return c.rank() == rankNumb && k == onsetBare },
		func(c *clause, k onsetKind) bool { return c.rank() == rankSymptom && k >= onsetStrong },
		func(c *clause, k onsetKind) bool { return c.rank() == rankSymptom && k == onsetBare },
		func(c *clause, k onsetKind) bool { return k == onsetUntil },
		func(c *clause, k onsetKind) bool { return c.rank() == rankNeutral && k == onsetStrong },
	}
	choose := func(get func(onsetCand) float64) float64 {
		for _, tier := range tiers {
			for i := range clauses {
				for _, x := range cands[i] {
					if v := get(x); tier(&clauses[i], x.kind) && !math.IsNaN(v) {
						return v
					}
				}
			}
		}
		return math.NaN()
	}
	km = choose(func(x onsetCand) float64 { return x.km })
	mins = choose(func(x onsetCand) float64 { return x.mins })
	for rank := rankNumb; rank < rankNegative; rank++ {
		for i := range clauses {
			if clauses[i].rank() == rank {
				if r := relativeOnset(clauses[i].text); r != "" {
					return km, mins, r
				}
			}
		}
	}
	return km, mins, ""
}
