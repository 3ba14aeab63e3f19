package notes

// What a note says about a pair of shoes' mileage (issue 14 point 4): that
// the pair is new (its distance starts at 0 km), or how far it had already
// run. Read from the note's free text; the pair itself is the note's shoes
// field (Strava's Activity Gear, a shoes column, "shoes: NAME"), else the
// run's. docs/notes.md, "Shoe mileage".

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// newPairRe finds a pair called new. It is stricter than the context fact
// new_shoes (facts_rules.go), which also takes "first run in the rain"
// and drops "new shoes feel great" (no complaint): a mark that sets a
// pair's distance to 0 must be about a new pair, liked or not.
var newPairRe = regexp.MustCompile(`\b(?:brand[- ])?new (?:pair(?: of)?|(?:pair of )?(?:[\w.-]+ ){0,3}?(?:shoes?|trainers|sneakers|runners|kicks|racers))\b|` +
	`\bfirst (?:run|time|outing|km|kilometres?|kilometers?|miles?) (?:in|with|on) (?:the |my |these |those |a )?(?:brand[- ])?new\b|` +
	`\bnew shoes?:`)

// newPairNeg are words that, just before a match, deny it: "not new shoes",
// "no new pair", "instead of the new shoes".
var newPairNeg = regexp.MustCompile(`(?:\bnot|\bno|n't|\bnever|\binstead of|\bwithout)(?: (?:the|my|a|yet))? $`)

// MarksNewPair reports whether text calls the pair of shoes new, which
// starts that pair's distance at 0 km: "new shoes", "new pair of
// Pegasus", "first run in the new ones", "new shoes: Pegasus 40", and,
// given the pair's name (shoe, "" when unknown), "new Pegasus" for a
// pair called "Pegasus 41": "new" before the first word of its name.
func MarksNewPair(text, shoe string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(text), " "))
	found := newPairRe.FindAllStringIndex(t, -1)
	if name := strings.Fields(strings.ToLower(shoe)); len(name) > 0 && len([]rune(name[0])) >= 3 {
		re := regexp.MustCompile(`\bnew ` + regexp.QuoteMeta(name[0]) + `\b`)
		found = append(found, re.FindAllStringIndex(t, -1)...)
	}
	for _, m := range found {
		if strings.HasPrefix(t[m[0]:], "new balance") {
			continue // the maker, not a new pair
		}
		if !newPairNeg.MatchString(t[max(0, m[0]-20):m[0]]) {
			return true
		}
	}
	return false
}

// statedKmRe finds a distance the shoes had run: "420 km on them",
// "300 miles on these shoes", "shoes at 420 km", "pair has 250 mi".
var statedKmRe = []*regexp.Regexp{
	regexp.MustCompile(`\b(\d{1,5}(?:\.\d+)?) ?(km|kms|k|kilometres?|kilometers?|mi|miles?)\b (?:on|in) (?:them|these|those|it|(?:the|my|this|that|these|those) (?:shoes?|pair|trainers|sneakers|runners))\b`),
	regexp.MustCompile(`\b(?:shoes?|pair|trainers|sneakers|runners) (?:are |is )?(?:now )?(?:at|has|have|with|on) (\d{1,5}(?:\.\d+)?) ?(km|kms|k|kilometres?|kilometers?|mi|miles?)\b`),
}

// kmPerMileShoes is the international mile in kilometres.
const kmPerMileShoes = 1.609344

// StatedShoeKm is the distance text says the shoes had already run, in
// km (miles converted); NaN when it says none. The first statement
// counts.
func StatedShoeKm(text string) float64 {
	t := strings.ToLower(strings.Join(strings.Fields(text), " "))
	for _, re := range statedKmRe {
		m := re.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			continue
		}
		if strings.HasPrefix(m[2], "mi") {
			v *= kmPerMileShoes
		}
		return v
	}
	return math.NaN()
}

// shoesLabelRe finds a shoe named with a label in a note's free text:
// "shoes: Pegasus 40", "new shoes: Nike Pegasus 31", "gear - Hoka
// Clifton". The name runs to the end of the clause (a period followed by a
// space, ";", ",", "!", "?", "(", a dash between spaces or the line's end).
var shoesLabelRe = regexp.MustCompile(`(?i)\b(?:shoes?|gear|trainers|sneakers|runners)\s*(?::|\s[-–—]\s)\s*([^;,!?()\n]+?)\s*(?:\.\s|\.$|[;,!?(\n]|\s[-–—]\s|$)`)

// shoesNotNames are words that follow "shoes:" as a verdict, not a name
// ("shoes: fine", "shoes: tight").
var shoesNotNames = map[string]bool{"fine": true, "ok": true, "okay": true, "good": true, "great": true, "bad": true,
	"tight": true, "loose": true, "new": true, "old": true, "same": true, "none": true, "n/a": true, "comfy": true,
	"comfortable": true, "worn": true, "wet": true, "same as always": true, "same ones": true, "too tight": true}

// shoesNameEnd are words that end a shoe's name in a note: what the note
// says next, not part of the name.
var shoesNameEnd = map[string]bool{"new": true, "old": true, "today": true, "again": true, "still": true,
	"felt": true, "feel": true, "feels": true, "feeling": true, "was": true, "were": true, "is": true, "are": true,
	"and": true, "but": true, "with": true, "numb": true, "numbness": true, "tingling": true, "left": true,
	"right": true, "both": true, "after": true, "at": true, "on": true, "in": true, "for": true, "first": true,
	"shoes": true, "shoe": true, "pair": true, "no": true, "not": true, "too": true}

// ShoesInText is the shoe a note's free text names with a label ("shoes:
// Pegasus 40"), cleaned as a shoes field is; "" when it names none. Used
// for notes without a shoes field of their own (docs/notes.md, "Shoe
// mileage").
func ShoesInText(text string) string {
	m := shoesLabelRe.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	name := strings.TrimSpace(strings.TrimRight(m[1], "."))
	// The name ends where the note goes on without a comma: "shoes:
	// Pegasus 40 new shoes, numb" names "Pegasus 40". The first word is
	// always kept ("New Balance 1080", "On Cloudmonster").
	if w := strings.Fields(name); len(w) > 1 {
		for i := 1; i < len(w); i++ {
			if shoesNameEnd[strings.ToLower(w[i])] {
				name = strings.Join(w[:i], " ")
				break
			}
		}
	}
	if shoesNotNames[strings.ToLower(name)] || len([]rune(name)) > 60 {
		return ""
	}
	return cleanShoes(name)
}
