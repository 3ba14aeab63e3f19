package notes

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// factCase is the expected reading of one note. km and min 0 mean "not
// said" (NaN); the id lists are space-separated and sorted.
type factCase struct {
	text                 string
	numb                 Tri
	foot                 string
	km, min              float64
	when                 string
	sym, place, ctx, red string
}

var factCases = []factCase{
	// The three notes from the issue.
	{text: "no numbness today, just a sore heel", numb: No, sym: "pain", place: "heel"},
	{text: "left foot fine, right foot numb at 6k", numb: Yes, foot: "right", km: 6, sym: "numb"},
	{text: "numb toes after 3 miles on the treadmill", numb: Yes, km: 4.828032, sym: "numb", place: "toes", ctx: "treadmill"},

	// Denials.
	{text: "No numbness.", numb: No},
	{text: "not numb at all today", numb: No},
	{text: "Easy 8k without tingling", numb: No},
	{text: "feet fine", numb: No},
	{text: "Feet were totally fine on the long run", numb: No},
	{text: "no issues", numb: No},
	{text: "didn't go numb this time", numb: No},
	{text: "Numbness-free run!", numb: No},
	{text: "No pain, numbness or tingling", numb: No},
	{text: "neither numbness nor tingling", numb: No},
	{text: "I didn't really feel any numbness", numb: No},
	{text: "never went numb, even on the hills", numb: No},
	{text: "no pins and needles", numb: No},
	{text: "Toes felt great; no burning", numb: No, place: ""},
	{text: "no more tingling since I loosened the laces", numb: No, ctx: "laces"},
	{text: "zero numbness in the new shoes", numb: No, ctx: "new_shoes"},
	{text: "Pain-free run", numb: Unknown},
	{text: "no back pain", numb: Unknown},
	{text: "back pain gone, no numbness", numb: No, red: "back_pain"},

	// Negation lifted or not in scope.
	{text: "no numbness until 8 km, then left foot went numb", numb: Yes, foot: "left", km: 8, sym: "numb"},
	{text: "didn't go numb until the last km", numb: Yes, when: "end", sym: "numb"},
	{text: "feet fine until 8k then both feet numb", numb: Yes, foot: "both", km: 8, sym: "numb"},
	{text: "no back pain but numb toes at 5 km", numb: Yes, km: 5, sym: "numb", place: "toes"},
	{text: "no idea why my toes went numb", numb: Yes, sym: "numb", place: "toes"},
	{text: "not much numbness today", numb: Yes, sym: "numb"},
	{text: "no numbness, but tingling at 4k", numb: Yes, km: 4, sym: "tingling"},
	{text: "No numbness with the new shoes", numb: No, ctx: "new_shoes"},
	{text: "not cold, but toes tingling", numb: Yes, sym: "tingling", place: "toes"},
	{text: "wasn't on the treadmill; pins and needles at 4k", numb: Yes, km: 4, sym: "pins_and_needles"},

	// Foot.
	{text: "Left foot went numb", numb: Yes, foot: "left", sym: "numb"},
	{text: "R foot tingly", numb: Yes, foot: "right", sym: "tingling"},
	{text: "L foot numb, R foot fine", numb: Yes, foot: "left", sym: "numb"},
	{text: "both feet numb", numb: Yes, foot: "both", sym: "numb"},
	{text: "left and right toes numb", numb: Yes, foot: "both", sym: "numb", place: "toes"},
	{text: "one foot went numb", numb: Yes, foot: "one", sym: "numb"},
	{text: "left toes fell asleep", numb: Yes, foot: "left", sym: "asleep", place: "toes"},
	{text: "numbness in my right big toe", numb: Yes, foot: "right", sym: "numb", place: "toes"},
	{text: "numb on the left", numb: Yes, foot: "left", sym: "numb"},
	{text: "Left foot. Numb toes at 5k.", numb: Yes, foot: "left", km: 5, sym: "numb", place: "toes"},
	{text: "left foot numb and right foot tingling", numb: Yes, foot: "both", sym: "numb tingling"},
	{text: "right away the left foot went numb", numb: Yes, foot: "left", when: "start", sym: "numb"},

	// Onset.
	{text: "numb after 5 km", numb: Yes, km: 5, sym: "numb"},
	{text: "tingling at 5k", numb: Yes, km: 5, sym: "tingling"},
	{text: "went numb at km 5", numb: Yes, km: 5, sym: "numb"},
	{text: "numb around 3 miles", numb: Yes, km: 4.828032, sym: "numb"},
	{text: "toes numb 3 mi", numb: Yes, km: 4.828032, sym: "numb", place: "toes"},
	{text: "numb by mile 2", numb: Yes, km: 3.218688, sym: "numb"},
	{text: "tingling after 25 minutes", numb: Yes, min: 25, sym: "tingling"},
	{text: "numb 25 min in", numb: Yes, min: 25, sym: "numb"},
	{text: "half an hour in, my toes went numb", numb: Yes, min: 30, sym: "numb", place: "toes"},
	{text: "numb after an hour", numb: Yes, min: 60, sym: "numb"},
	{text: "toes numb after two miles", numb: Yes, km: 3.218688, sym: "numb", place: "toes"},
	{text: "numb at 800m", numb: Yes, km: 0.8, sym: "numb"},
	{text: "numb at 6.5 km", numb: Yes, km: 6.5, sym: "numb"},
	{text: "numb at 6,5 km", numb: Yes, km: 6.5, sym: "numb"},
	{text: "numb after 5 km (about 28 min)", numb: Yes, km: 5, min: 28, sym: "numb"},
	{text: "ran 10k, numb at 6k", numb: Yes, km: 6, sym: "numb"},
	{text: "10k run, left foot went numb", numb: Yes, foot: "left", sym: "numb"},
	{text: "numb for 20 minutes after the run", numb: Yes, sym: "numb"},
	{text: "halfway through the toes went numb", numb: Yes, when: "halfway", sym: "numb", place: "toes"},
	{text: "numb at the end", numb: Yes, when: "end", sym: "numb"},
	{text: "tingling in the final mile", numb: Yes, when: "end", sym: "tingling"},
	{text: "numb from the start", numb: Yes, when: "start", sym: "numb"},
	{text: "feet fine for the first 5 km, then burning", numb: Yes, km: 5, sym: "burning"},
	{text: "at the 5k mark my foot fell asleep", numb: Yes, km: 5, sym: "asleep"},
	{text: "ran 5 km in 25 minutes", numb: Unknown},

	// Symptoms.
	{text: "pins & needles in the forefoot", numb: Yes, sym: "pins_and_needles", place: "ball_of_foot"},
	{text: "prickling under the ball of my foot", numb: Yes, sym: "pins_and_needles", place: "ball_of_foot"},
	{text: "burning sole", numb: Yes, sym: "burning", place: "sole"},
	{text: "foot hurt and ached", numb: Unknown, sym: "pain"},
	{text: "felt like a pebble in my shoe", numb: Unknown, sym: "pebble"},
	{text: "like a stone under the ball of the foot", numb: Unknown, sym: "pebble", place: "ball_of_foot"},
	{text: "couldn't feel my toes", numb: Yes, sym: "numb", place: "toes"},
	{text: "tingly arch", numb: Yes, sym: "tingling", place: "arch"},

	// Places.
	{text: "numb between the third and fourth toes", numb: Yes, sym: "numb", place: "third_fourth_toes"},
	{text: "3rd and 4th toes tingling", numb: Yes, sym: "tingling", place: "third_fourth_toes"},
	{text: "numb between toes 3 and 4", numb: Yes, sym: "numb", place: "third_fourth_toes"},
	{text: "numbness on top of the foot", numb: Yes, sym: "numb", place: "top_of_foot"},
	{text: "instep went numb", numb: Yes, sym: "numb", place: "top_of_foot"},
	{text: "heel numb", numb: Yes, sym: "numb", place: "heel"},
	{text: "bottom of my foot burning", numb: Yes, sym: "burning", place: "sole"},

	// Context.
	{text: "numb toes in new shoes", numb: Yes, sym: "numb", place: "toes", ctx: "new_shoes"},
	{text: "shoes too tight, toes numb", numb: Yes, sym: "numb", place: "toes", ctx: "tight_shoes"},
	{text: "laces too tight - top of foot numb", numb: Yes, sym: "numb", place: "top_of_foot", ctx: "laces"},
	{text: "tied them too tight, instep tingling", numb: Yes, sym: "tingling", place: "top_of_foot", ctx: "laces"},
	{text: "toe box too narrow, numb", numb: Yes, sym: "numb", ctx: "narrow_shoes"},
	{text: "freezing morning, -5 °C, toes numb", numb: Yes, sym: "numb", place: "toes", ctx: "cold"},
	{text: "below zero and feet fine", numb: No, ctx: "cold"},
	{text: "I have flat feet and went numb", numb: Yes, sym: "numb", ctx: "flat_feet"},
	{text: "fallen arches, arch tingling", numb: Yes, sym: "tingling", place: "arch", ctx: "flat_feet"},
	{text: "high arches; numb on the top of the foot", numb: Yes, sym: "numb", place: "top_of_foot", ctx: "high_arches"},
	{text: "doctor says low B12", ctx: "b_vitamin_deficiency"},
	{text: "vitamin B deficiency, tingling feet", numb: Yes, sym: "tingling", ctx: "b_vitamin_deficiency"},
	{text: "numb on the dreadmill", numb: Yes, sym: "numb", ctx: "treadmill"},

	// Red flags.
	{text: "numb toes and lower back hurts", numb: Yes, sym: "numb", place: "toes", red: "back_pain"},
	{text: "back and neck pain, tingling", numb: Yes, sym: "tingling", red: "back_pain neck_pain"},
	{text: "severe pain in the heel", numb: Unknown, sym: "pain", place: "heel", red: "severe_pain"},
	{text: "excruciating burning", numb: Yes, sym: "burning", red: "severe_pain"},
	{text: "numbness lasted for hours", numb: Yes, sym: "numb", red: "lasting"},
	{text: "still numb the next day", numb: Yes, sym: "numb", red: "lasting"},
	{text: "tingling for two days", numb: Yes, sym: "tingling", red: "lasting"},
	{text: "the numbness doesn't go away", numb: Yes, sym: "numb", red: "lasting"},
	{text: "persistent tingling", numb: Yes, sym: "tingling", red: "lasting"},
	{text: "numb toes even at rest", numb: Yes, sym: "numb", place: "toes", red: "at_rest"},
	{text: "toes go numb sitting on the couch", numb: Yes, sym: "numb", place: "toes", red: "at_rest"},
	{text: "burning feet at night, it woke me up", numb: Yes, sym: "burning", red: "at_night"},
	{text: "I'm diabetic; toes tingle", numb: Yes, sym: "tingling", place: "toes", red: "diabetes"},
	{text: "ran for 2 hours, feet fine", numb: No},
	{text: "numb for 2 hours after", numb: Yes, sym: "numb", red: "lasting"},
	{text: "ran at night, toes numb at 5k", numb: Yes, km: 5, sym: "numb", place: "toes"},
	{text: "resting heart rate 48, toes fine", numb: No},
	{text: "pain was not severe", numb: Unknown, sym: "pain"},

	// runlog's own journal text (FormatEntry) reads back.
	{text: "left foot; at 5 km; severity 3/5; shoes: Pegasus 40 — numb toes after the long hill", numb: Yes, foot: "left", km: 5, sym: "numb", place: "toes"},
	{text: "both feet; at 25 min — tingling again on the treadmill", numb: Yes, foot: "both", min: 25, sym: "tingling", ctx: "treadmill"},

	// Nothing to read.
	{text: ""},
	{text: "Easy 10k in the park, felt strong"},
	{text: "number of strides: 9000"},
}

// neutralCases (issue 9): shoe context mentioned as normal, unchanged or
// fine, and negations, are not complaints; other context stays.
var neutralCases = []factCase{
	{text: "laces normal, toes numb at 5k", numb: Yes, km: 5, sym: "numb", place: "toes"},
	{text: "Same shoes as always, laces normal"},
	{text: "shoes fine, left foot numb", numb: Yes, foot: "left", sym: "numb"},
	{text: "laces not tight, still got tingling", numb: Yes, sym: "tingling"},
	{text: "laces weren't too tight"},
	{text: "laces were not tight, toes went numb", numb: Yes, sym: "numb", place: "toes"},
	{text: "new shoes feel great, no numbness", numb: No},
	{text: "new insoles feel great"},
	{text: "laced as usual, numb toes", numb: Yes, sym: "numb", place: "toes"},
	{text: "usual lacing, tingling in the arch", numb: Yes, sym: "tingling", place: "arch"},
	{text: "didn't change the laces, still numb", numb: Yes, sym: "numb"},
	{text: "shoes not too tight this time, numb anyway", numb: Yes, sym: "numb"},
	{text: "shoes felt comfortable, no tingling", numb: No},
	{text: "laces loose, toes still numb", numb: Yes, sym: "numb", place: "toes"},
	{text: "same laces as always, pins and needles at 8k", numb: Yes, km: 8, sym: "pins_and_needles"},
	{text: "laces unchanged; right toes tingling", numb: Yes, foot: "right", sym: "tingling", place: "toes"},
	{text: "toe box is fine, numb ball of foot", numb: Yes, sym: "numb", place: "ball_of_foot"},
	{text: "not the new shoes, numb anyway", numb: Yes, sym: "numb"},
	{text: "laces were fine but the left foot went numb", numb: Yes, foot: "left", sym: "numb"},
	{text: "lacing was ok"},
	{text: "no tight shoes today, feet fine", numb: No},
	{text: "Cold morning, laces normal, feet fine", numb: No, ctx: "cold"},
	{text: "treadmill as usual, no numbness", numb: No, ctx: "treadmill"},
	{text: "lfet foot numb", numb: Yes, foot: "left", sym: "numb"},
	{text: "rigth toes numb", numb: Yes, foot: "right", sym: "numb", place: "toes"},
	{text: "treadmill? no, outside today. toes numb at 5 km", numb: Yes, km: 5, sym: "numb", place: "toes"},
	{text: "tight laces? nope. left foot numb", numb: Yes, foot: "left", sym: "numb"},
	{text: "numb? not really", numb: No},
	{text: "cold? no. feet fine", numb: No},
	{text: "laces, not too tight. Toes numb", numb: Yes, sym: "numb", place: "toes"},
	{text: "tied them not too tight", numb: Unknown},
	{text: "shoes fine"},
	{text: "same shoes as always"},
	{text: "laces normal"},
}

// wordsCases (issue 9): one note naming both feet gives both; shoe
// complaints and red flags are still read next to "fine" context.
var wordsCases = []factCase{
	{text: "left toes and right heel numb", numb: Yes, foot: "both", sym: "numb", place: "heel toes"},
	{text: "numb left toes and right heel", numb: Yes, foot: "both", sym: "numb", place: "heel toes"},
	{text: "left forefoot, right arch tingling", numb: Yes, foot: "both", sym: "tingling", place: "arch ball_of_foot"},
	{text: "right toes and left heel went numb", numb: Yes, foot: "both", sym: "numb", place: "heel toes"},
	{text: "tingling in left toes, right heel too", numb: Yes, foot: "both", sym: "tingling", place: "heel toes"},
	{text: "left toes numb, right foot fine", numb: Yes, foot: "left", sym: "numb", place: "toes"},
	{text: "left foot. right heel numb", numb: Yes, foot: "right", sym: "numb", place: "heel"},
	{text: "laces normal, but numb for hours after", numb: Yes, sym: "numb", red: "lasting"},
	{text: "shoes fine, back pain and left foot numb", numb: Yes, foot: "left", sym: "numb", red: "back_pain"},
	{text: "same shoes, toes numb even at rest", numb: Yes, sym: "numb", place: "toes", red: "at_rest"},
	{text: "laces loose, tingling at night too", numb: Yes, sym: "tingling", red: "at_night"},
	{text: "diabetic, shoes fine, toes burning", numb: Yes, sym: "burning", place: "toes", red: "diabetes"},
	{text: "laces not tight, numbness lasted two days", numb: Yes, sym: "numb", red: "lasting"},
	{text: "laces too tight, numb top of foot", numb: Yes, sym: "numb", place: "top_of_foot", ctx: "laces"},
	{text: "new shoes, toes numb at 6k", numb: Yes, km: 6, sym: "numb", place: "toes", ctx: "new_shoes"},
	{text: "shoes felt tight, left foot numb", numb: Yes, foot: "left", sym: "numb", ctx: "tight_shoes"},
	{text: "laced tighter than usual, instep tingling", numb: Yes, sym: "tingling", place: "top_of_foot", ctx: "laces"},
	{text: "toe box too narrow and toes numb", numb: Yes, sym: "numb", place: "toes", ctx: "narrow_shoes"},
	{text: "laces fine, shoes too tight, toes numb", numb: Yes, sym: "numb", place: "toes", ctx: "tight_shoes"},
}

func ids(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Fields(s)
}

func sameFloat(got, want float64) bool {
	if want == 0 {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) < 1e-6
}

func TestExtract(t *testing.T) {
	if len(factCases) < 60 || len(neutralCases) < 20 || len(neutralCases)+len(wordsCases) < 40 {
		t.Fatalf("only %d, %d and %d cases", len(factCases), len(neutralCases), len(wordsCases))
	}
	for _, c := range append(append(append([]factCase(nil), factCases...), neutralCases...), wordsCases...) {
		f := Extract(c.text)
		var bad []string
		check := func(name string, ok bool, got any) {
			if !ok {
				bad = append(bad, name+"="+fmtAny(got))
			}
		}
		check("numb", f.Numbness == c.numb, f.Numbness)
		check("foot", f.Foot == c.foot, f.Foot)
		check("km", sameFloat(f.OnsetKm, c.km), f.OnsetKm)
		check("min", sameFloat(f.OnsetMin, c.min), f.OnsetMin)
		check("when", f.OnsetWhen == c.when, f.OnsetWhen)
		check("sym", equal(f.Symptoms, ids(c.sym)), f.Symptoms)
		check("place", equal(f.Places, ids(c.place)), f.Places)
		check("ctx", equal(f.Context, ids(c.ctx)), f.Context)
		check("red", equal(f.RedFlags, ids(c.red)), f.RedFlags)
		if len(bad) > 0 {
			t.Errorf("Extract(%q): got %s", c.text, strings.Join(bad, ", "))
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case Tri:
		return [...]string{"Unknown", "Yes", "No"}[x]
	case string:
		return `"` + x + `"`
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []string:
		return strings.Join(x, " ")
	}
	return "?"
}

// TestFillColumnsWin: a column beats what the text says.
func TestFillColumnsWin(t *testing.T) {
	e := Entry{Text: "left foot numb at 5 km", Foot: "right", OnsetKm: 7, OnsetMin: math.NaN()}
	e.fill()
	if e.Facts.Foot != "right" || e.Facts.OnsetKm != 7 || e.Facts.Numbness != Yes || !math.IsNaN(e.Facts.OnsetMin) {
		t.Errorf("fill: %+v", e.Facts)
	}
}

func FuzzExtract(f *testing.F) {
	for _, c := range append(append(append([]factCase(nil), factCases...), neutralCases...), wordsCases...) {
		f.Add(c.text)
	}
	f.Add("no no no numb not numb until until 5k 5 km km 5 mile mile")
	f.Add("\xff\xfe numb \x00 at 5k")
	f.Fuzz(func(t *testing.T, text string) {
		got := Extract(text)
		switch got.Numbness {
		case Unknown, Yes, No:
		default:
			t.Fatalf("Numbness %d", got.Numbness)
		}
		if got.Numbness == Yes {
			found := false
			for _, s := range got.Symptoms {
				found = found || numbnessSymptoms[s]
			}
			if !found {
				t.Fatalf("Numbness Yes without a numbness symptom: %+v", got)
			}
		}
		for _, v := range []float64{got.OnsetKm, got.OnsetMin} {
			if !math.IsNaN(v) && (v < 0 || math.IsInf(v, 0)) {
				t.Fatalf("onset %v", v)
			}
		}
		for _, list := range [][]string{got.Symptoms, got.Places, got.Context, got.RedFlags} {
			for i := range list {
				if list[i] == "" || !utf8.ValidString(list[i]) || i > 0 && list[i-1] >= list[i] {
					t.Fatalf("ids not sorted and unique: %q", list)
				}
			}
		}
		switch got.Foot {
		case "", "left", "right", "both", "one":
		default:
			t.Fatalf("foot %q", got.Foot)
		}
	})
}

// TestNumbTypos: a misspelt complaint still reports numbness, and a
// misspelt negation still denies it.
func TestNumbTypos(t *testing.T) {
	for text, want := range map[string]Tri{
		"numbess left foot":      Yes,
		"lef foot numbb at 5k":   Yes,
		"numbnes in toes":        Yes,
		"nubmness in the toes":   Yes,
		"no numbess today":       No,
		"number 5 run, all fine": Unknown,
	} {
		if got := Extract(text).Numbness; got != want {
			t.Errorf("%q: numbness %v, want %v", text, got, want)
		}
	}
}

// TestShoesInText: a shoe named with a label in a free-text note is read
// as the note's shoes; a verdict after the label ("shoes: fine") or a
// shoe without a label is not a name.
func TestShoesInText(t *testing.T) {
	for text, want := range map[string]string{
		"left foot numb at 6 km. new shoes: Nike Pegasus 31": "Nike Pegasus 31",
		"right foot numb, shoes: pegasus 31, at 5 km":        "pegasus 31",
		"shoes: Hoka Clifton 9. numb toes after 10 km":       "Hoka Clifton 9",
		"Shoe: Kinvara 14 (old pair)":                        "Kinvara 14",
		"gear - Saucony Ride 15 - felt fine":                 "Saucony Ride 15",
		"numb again; shoes: Brooks Ghost; tight laces":       "Brooks Ghost",
		"stryd run, feet fine. shoes fine":                   "",
		"shoes: fine":                                        "",
		"Shoes: too tight!":                                  "",
		"numb toes in the Pegasus 40":                        "",
		"new shoes feel great":                               "",
		"shoes: Adidas Boston 12.5 today":                    "Adidas Boston 12.5",
		"shoes: Pegasus 40 new shoes, left foot numb":        "Pegasus 40",
		"shoes: New Balance 1080 felt tight":                 "New Balance 1080",
		"shoes: On Cloudmonster":                             "On Cloudmonster",
	} {
		if got := ShoesInText(text); got != want {
			t.Errorf("ShoesInText(%q) = %q, want %q", text, got, want)
		}
	}
}
