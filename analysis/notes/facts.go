package notes

// Extract: facts from the free text of a note (English). The phrases are in
// facts_rules.go, onsets in facts_onset.go. How a note is read:
//
//  1. It is lower-cased and normalized (see normalize), then cut into
//     clauses at sentence ends, ";", " - ", "but", "then", "though" and
//     similar, and then at commas and "and" — except that a part that only
//     lists symptoms stays with a negated part before it ("no pain,
//     numbness or tingling").
//  2. In each clause every table's phrases are found, and negation cues
//     ("no", "not", "without", "didn't", ...) mark the fact right after
//     them (see negWindow). "numbness-free" is negated too. "No numbness
//     until 8 km" is not a denial: the numbness came at 8 km.
//  3. Clauses are ranked: those reporting numbness (numb, tingling, pins
//     and needles, asleep, burning) first, then those reporting another
//     symptom (pain, pebble), then neutral ones; clauses that only deny a
//     symptom (or say the feet were fine) come last and give no foot,
//     place or onset.
//  4. Numbness is Yes when any clause reports numb, tingling, pins and
//     needles, asleep or burning; else No when one denies them or says the
//     feet were fine; else Unknown.
//  5. Foot and places come from the best-ranked clauses that name one
//     ("left foot fine, right foot numb" is the right foot; "right heel
//     sore, left toes numb" the left). Left and right make both. A clause
//     that only names a foot or place shares the symptom of the clause
//     next to it in its sentence: "left toes and right heel numb" is both
//     feet (see shareSymptoms).
//  6. Context and red flags come from every clause, unless negated ("no
//     back pain" is no red flag). Shoe context (new, tight or narrow
//     shoes, laces) said to be normal, unchanged or fine is not a
//     complaint: "laces normal", "same lacing as always", "laces weren't
//     too tight", "new shoes feel great" (see shoesFine). Other context
//     (treadmill, cold) is a condition, not a complaint, and stays.
//  7. Onset: see facts_onset.go.

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

type category int

const (
	catSymptom category = iota
	catPlace
	catFoot
	catContext
	catRedFlag
	catDeny
	nCategories
)

var tables = [nCategories][]rule{
	catSymptom: symptomRules,
	catPlace:   placeRules,
	catFoot:    footRules,
	catContext: contextRules,
	catRedFlag: redFlagRules,
	catDeny:    denyRules,
}

// hit is one phrase found in a clause, at bytes [s, e).
type hit struct {
	cat         category
	id          string
	s, e        int
	neg         bool
	needSymptom bool
}

// clause is one clause of a note with what was found in it.
type clause struct {
	text     string
	sentence int // index of its sentence: clauses of one sentence are listed together
	hits     []hit
	positive bool // reports a symptom
	numb     bool // reports a numbness symptom
	negative bool // only denies
}

// Clause ranks (see step 3 above).
const (
	rankNumb = iota
	rankSymptom
	rankNeutral
	rankNegative
)

func (c *clause) rank() int {
	switch {
	case c.numb:
		return rankNumb
	case c.positive:
		return rankSymptom
	case c.negative:
		return rankNegative
	}
	return rankNeutral
}

// Extract reads the facts of a note's free text. It never fails: text it
// does not understand gives Unknown, "" and NaN.
func Extract(text string) Facts {
	f := Facts{OnsetKm: math.NaN(), OnsetMin: math.NaN()}
	clauses := splitClauses(normalize(text))
	sets := [nCategories]map[string]bool{}
	for i := range sets {
		sets[i] = map[string]bool{}
	}
	var numbYes, numbNo bool
	for i := range clauses {
		c := &clauses[i]
		c.hits = findHits(c.text)
		negate(c)
	}
	shoesFine(clauses)
	for i := range clauses {
		c := &clauses[i]
		for _, h := range c.hits {
			switch {
			case h.cat == catSymptom && !h.neg:
				c.positive = true
				c.numb = c.numb || numbnessSymptoms[h.id]
				numbYes = numbYes || c.numb
			case h.cat == catSymptom && numbnessSymptoms[h.id], h.cat == catDeny && !h.neg:
				// A denied numbness symptom, or "feet fine".
				numbNo = true
				c.negative = true
			case h.cat == catSymptom:
				c.negative = true
			}
		}
		c.negative = c.negative && !c.positive
	}
	shareSymptoms(clauses)
	for i := range clauses {
		c := &clauses[i]
		for _, h := range c.hits {
			if !h.neg && (h.cat == catContext || h.cat == catRedFlag || h.cat == catSymptom) && (!h.needSymptom || c.positive) {
				sets[h.cat][h.id] = true
			}
		}
	}
	switch {
	case numbYes:
		f.Numbness = Yes
	case numbNo:
		f.Numbness = No
	}

	// Foot and places: from the best-ranked clauses that name them.
	for _, cat := range []category{catFoot, catPlace} {
		for rank := rankNumb; rank < rankNegative && len(sets[cat]) == 0; rank++ {
			for i := range clauses {
				for _, h := range clauses[i].hits {
					if h.cat == cat && !h.neg && clauses[i].rank() == rank {
						sets[cat][h.id] = true
					}
				}
			}
		}
	}
	f.Foot = CombineFeet(sets[catFoot])
	f.Symptoms = sortedKeys(sets[catSymptom])
	f.Places = sortedKeys(sets[catPlace])
	f.Context = sortedKeys(sets[catContext])
	f.RedFlags = sortedKeys(sets[catRedFlag])

	f.OnsetKm, f.OnsetMin, f.OnsetWhen = pickOnset(clauses)
	return f
}

// shoeContext are the context ids that are complaints about shoes.
var shoeContext = map[string]bool{"new_shoes": true, "tight_shoes": true, "narrow_shoes": true, "laces": true}

var (
	// fineAfterRe after a shoe fact says it was fine: "laces normal",
	// "laces weren't too tight", "new shoes feel great", "laced as usual".
	fineAfterRe = regexp.MustCompile(`^[\s,:-]*(?:(?:are|is|was|were|felt|feel|feels|seemed|seem|seems|looked|look|looks|stayed|stay|all|totally|perfectly|just|pretty|still|both|really|quite)\s+)*(?:normal(?:ly)?|fine|ok|okay|good|great|unchanged|comfortable|comfy|loose\w*|perfect|the same|no (?:issues?|problems?)|not (?:an? )?(?:issue|problem)|not (?:too |very |overly |that |so |at all )?(?:tight|narrow|small|snug)|as (?:usual|always|normal|before|ever)|same as (?:always|usual|before|ever))\b|^[\s,:-]*(?:are|is|was|were|felt|feel|feels|seemed|did|do|does)\s*(?:n't|not)\b`)
	// sameBeforeRe before laces says they were as always: "same lacing".
	sameBeforeRe = regexp.MustCompile(`\b(?:same|usual|normal|regular|unchanged)\s+(?:\w+\s+)?$`)
	// fineClauseRe is a clause that only says the shoe fact before it was
	// fine: "laces, not too tight".
	fineClauseRe = regexp.MustCompile(`^(?:(?:but|and|though)\s+)?(?:(?:not|never)\s+(?:too\s+|very\s+|overly\s+)?(?:tight|narrow|small|snug)|(?:all\s+)?(?:normal|fine|ok|okay|as usual|as always|unchanged|loose))$`)
)

// shoesFine negates the shoe context that a note says was normal, the same
// as always, or fine (step 6 above).
func shoesFine(clauses []clause) {
	for i := range clauses {
		c := &clauses[i]
		next := i+1 < len(clauses) && clauses[i+1].sentence == c.sentence && len(clauses[i+1].hits) == 0 &&
			fineClauseRe.MatchString(clauses[i+1].text)
		for j := range c.hits {
			h := &c.hits[j]
			if h.cat != catContext || h.neg || !shoeContext[h.id] {
				continue
			}
			switch {
			case next, fineAfterRe.MatchString(c.text[h.e:]),
				negCueRe.MatchString(c.text[h.s:h.e]), // "tied not too tight"
				h.id == "laces" && sameBeforeRe.MatchString(c.text[:h.s]):
				h.neg = true
			}
		}
	}
}

// shareSymptoms lets a clause that only names feet or places share the
// symptom of the clause after it in its sentence ("left toes and right
// heel numb"), else of the clause before it ("numb left toes and right
// heel").
func shareSymptoms(clauses []clause) {
	onlyWhere := func(c *clause) bool {
		if c.positive || c.negative || len(c.hits) == 0 {
			return false
		}
		for _, h := range c.hits {
			if h.neg || h.cat != catFoot && h.cat != catPlace {
				return false
			}
		}
		return true
	}
	share := func(c, from *clause) {
		c.positive, c.numb = from.positive, from.numb
	}
	for i := len(clauses) - 1; i >= 0; i-- {
		c := &clauses[i]
		if onlyWhere(c) && i+1 < len(clauses) && clauses[i+1].sentence == c.sentence && clauses[i+1].positive {
			share(c, &clauses[i+1])
		}
	}
	for i := range clauses {
		c := &clauses[i]
		if onlyWhere(c) && i > 0 && clauses[i-1].sentence == c.sentence && clauses[i-1].positive {
			share(c, &clauses[i-1])
		}
	}
}

// normalize lower-cases text and evens out the ways the same thing is
// written (see facts_rules.go).
func normalize(text string) string {
	s := textReplacer.Replace(strings.ToLower(text))
	if strings.Contains(s, ",") {
		s = thousandsRe.ReplaceAllString(s, "$1$2")
		s = decimalRe.ReplaceAllString(s, "$1.$2")
	}
	for _, j := range joinRules {
		if mayMatch(s, j.keys) {
			s = j.re.ReplaceAllString(s, j.repl)
		}
	}
	return spacesRe.ReplaceAllString(s, " ")
}

// splitClauses cuts normalized text into clauses (step 1 above).
func splitClauses(s string) []clause {
	var out []clause
	for si, sentence := range sentenceRe.Split(s, -1) {
		negated := false // the previous part of this sentence has a cue
		for _, part := range partRe.Split(sentence, -1) {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			if negated && len(out) > 0 && onlySymptoms(part) {
				out[len(out)-1].text += " or " + part
				continue
			}
			negated = negCueRe.MatchString(part)
			out = append(out, clause{text: part, sentence: si})
		}
	}
	return out
}

// listWordsRe are the words that may join the items of a list.
var listWordsRe = regexp.MustCompile(`\b(?:or|nor|any|also|even|other|either)\b|[\s,/&]`)

// onlySymptoms reports whether part is nothing but symptoms ("numbness or
// tingling").
func onlySymptoms(part string) bool {
	found := false
	rest := []byte(part)
	for _, r := range symptomRules {
		if !mayMatch(part, r.keys) {
			continue
		}
		for _, m := range r.re.FindAllIndex(rest, -1) {
			found = found || r.id != ""
			mask(rest, m[0], m[1])
		}
	}
	return found && len(listWordsRe.ReplaceAll(rest, nil)) == 0
}

func mask(b []byte, s, e int) {
	for i := s; i < e; i++ {
		b[i] = ' '
	}
}

// findHits finds every table's phrases in a clause, sorted by position.
func findHits(text string) []hit {
	var hits []hit
	for cat, table := range tables {
		rest := []byte(text)
		for _, r := range table {
			if !mayMatch(text, r.keys) {
				continue
			}
			for _, m := range r.re.FindAllIndex(rest, -1) {
				if r.id != "" {
					hits = append(hits, hit{cat: category(cat), id: r.id, s: m[0], e: m[1], needSymptom: r.needSymptom})
				}
				mask(rest, m[0], m[1])
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].s < hits[j].s })
	return hits
}

// negate marks the negated hits of c (step 2 above).
func negate(c *clause) {
	hits, text := c.hits, c.text
	var notCues [][]int
	if mayMatch(text, notCueKeys) {
		notCues = notCueRe.FindAllStringIndex(text, -1)
	}
	inside := func(s, e int) bool {
		for _, h := range hits {
			if s >= h.s && e <= h.e {
				return true
			}
		}
		for _, m := range notCues {
			if s >= m[0] && e <= m[1] {
				return true
			}
		}
		return false
	}
	for _, cue := range negCueRe.FindAllStringIndex(text, -1) {
		if inside(cue[0], cue[1]) {
			continue
		}
		j := sort.Search(len(hits), func(i int) bool { return hits[i].s >= cue[1] })
		if j == len(hits) || len(strings.Fields(text[cue[1]:hits[j].s])) > negWindow {
			continue
		}
		hits[j].neg = true
		for k := j + 1; k < len(hits); k++ {
			if hits[k].s >= hits[k-1].e && !listGapRe.MatchString(text[hits[k-1].e:hits[k].s]) {
				break
			}
			hits[k].neg = true
		}
	}
	for i := range hits {
		if freeRe.MatchString(text[hits[i].e:]) {
			hits[i].neg = true
		}
	}
	// "no numbness until 8 km": the symptom did come.
	if u := untilRe.FindStringIndex(text); u != nil {
		kept := hits[:0]
		for _, h := range hits {
			if h.e <= u[0] && h.neg && h.cat == catSymptom {
				h.neg = false
			}
			if h.e <= u[0] && h.cat == catDeny {
				continue
			}
			kept = append(kept, h)
		}
		c.hits = kept
	}
}

// fill sets e.Shoes from a "shoes: NAME" in the text when the entry has
// no shoes of its own, sets e.Facts from e.Text, then lets the entry's own columns win over
// what the text says: Numb, Foot, OnsetKm and OnsetMin replace the text's; a
// Surface such as "treadmill" or "icy road" adds its context.
func (e *Entry) fill() {
	if e.Shoes == "" {
		e.Shoes = ShoesInText(e.Text) // "shoes: Pegasus 40" in a free-text note
	}
	f := Extract(e.Text)
	if e.Surface != "" {
		f.Context = union(f.Context, Extract(e.Surface).Context)
	}
	if e.Foot != "" {
		f.Foot = e.Foot
	}
	if e.Numb != Unknown {
		f.Numbness = e.Numb
	}
	if !math.IsNaN(e.OnsetKm) {
		f.OnsetKm = e.OnsetKm
	}
	if !math.IsNaN(e.OnsetMin) {
		f.OnsetMin = e.OnsetMin
	}
	e.Facts = f
}

// union merges two sorted id lists.
func union(a, b []string) []string {
	set := map[string]bool{}
	for _, s := range append(append([]string(nil), a...), b...) {
		set[s] = true
	}
	return sortedKeys(set)
}

// CombineFeet names the feet a set of mentions adds up to: "both" for both
// or for left and right, else "left", "right", "one", or "" for none.
func CombineFeet(feet map[string]bool) string {
	switch {
	case feet["both"] || feet["left"] && feet["right"]:
		return "both"
	case feet["left"]:
		return "left"
	case feet["right"]:
		return "right"
	case feet["one"]:
		return "one"
	}
	return ""
}

// Merge adds g's symptoms, places, context and red flags to f (sorted,
// without repeats); a reported numbness wins over a denied one, a denied
// one over not said.
func (f *Facts) Merge(g *Facts) {
	f.Symptoms = union(f.Symptoms, g.Symptoms)
	f.Places = union(f.Places, g.Places)
	f.Context = union(f.Context, g.Context)
	f.RedFlags = union(f.RedFlags, g.RedFlags)
	if g.Numbness == Yes || (g.Numbness == No && f.Numbness == Unknown) {
		f.Numbness = g.Numbness
	}
}

// saysSomething reports whether f holds anything about the feet: a line
// without a date that says something is a note lost, not a stray line.
func saysSomething(f Facts) bool {
	return f.Numbness != Unknown || f.Foot != "" || len(f.Symptoms) > 0 || len(f.Places) > 0 ||
		len(f.Context) > 0 || len(f.RedFlags) > 0
}
