package notes

// The phrase tables Extract reads notes with. Text is lower-cased and
// normalized before matching (see normalize): typographic apostrophes are
// plain, "toe box" is one word "toebox", and "and" inside fixed phrases
// ("pins and needles", "3rd and 4th", "left and right") is written "&" so
// that clause splitting on "and" leaves them whole ("back and neck pain"
// becomes "back pain & neck pain").
//
// Within one table the rules, and the alternatives of each rule, are tried
// in order and every match hides its text from the later ones (so a longer
// phrase comes before a phrase it contains); a rule with an empty id only hides text (e.g.
// "high arches" before "arch", "resting heart rate" before "resting").

import (
	"regexp"
	"strings"
)

type rule struct {
	id string
	re *regexp.Regexp
	// needSymptom: counts only in a clause that reports a symptom
	// ("numb for hours" is lasting, "ran for 2 hours" is not).
	needSymptom bool
	keys        []string // see keywords
}

// rules compiles id, pattern pairs. Each alternative of a pattern's top
// level becomes a rule of its own: small regexps with their own keywords
// (see facts_prefilter.go) run much faster than one big alternation.
func rules(pairs ...string) []rule {
	var out []rule
	for i := 0; i+1 < len(pairs); i += 2 {
		for _, alt := range topAlternatives(pairs[i+1]) {
			re := regexp.MustCompile(alt)
			out = append(out, rule{id: pairs[i], re: re, keys: keywords(re)})
		}
	}
	return out
}

// topAlternatives splits a pattern at the "|" that are outside groups and
// character classes.
func topAlternatives(pattern string) []string {
	var alts []string
	depth, class, start := 0, false, 0
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			alts = append(alts, pattern[start:i])
			start = i + 1
		}
	}
	return append(alts, pattern[start:])
}

// Shared by the symptom table (to hide them: back pain is not foot pain)
// and the red-flag table.
const (
	backPain = `\b(?:lower |low |upper |mid )?back (?:pain|aches?|aching|hurts?|hurting|is sore|was sore|sore|spasms?|problems?|issues?|injury)\b|\bback-?ache\b|\bpain in (?:my |the )?(?:lower |low |upper )?back\b|\bsciatic\w*|\bherniat\w*|\bslipped dis[ck]\b`
	neckPain = `\bneck (?:pain|aches?|aching|hurts?|hurting|sore|stiff|is stiff|problems?)\b|\bstiff neck\b|\bsore neck\b|\bpain in (?:my |the )?neck\b|\bneck-?ache\b`
)

// numbnessSymptoms are the symptoms that mean numbness was reported.
var numbnessSymptoms = map[string]bool{"numb": true, "tingling": true, "pins_and_needles": true, "asleep": true, "burning": true}

var symptomRules = rules(
	"", backPain,
	"", neckPain,
	"pins_and_needles", `\bpins ?(?:&|n|'n'|-&-)? ?needles\b|\bprickl\w*|\bpricking\b`,
	// Typos runners make ("numbess", "numbnes", "numbb", "nubmness") read as
	// numbness too: a misspelt complaint must not count as a clean run.
	"numb", `\bnumb(?:ness|ed|ing|s|ish)?\b|\bnumb+(?:n?e+s+|n+e*s*)?\b|\bnubm\w*|\bnumnb\w*|\bno feeling\b|\blost (?:all |the )*(?:feeling|sensation)\b|\bloss of (?:feeling|sensation)\b|\b(?:could ?n'?t|could not|can'?t|cannot|can not) (?:really )?feel\b|\bdead (?:foot|feet|toes?)\b|\b(?:foot|feet|toes?) (?:went|go|goes|going|felt|feel|feels|were|was) dead\b|\bfuzzy\b`,
	"tingling", `\btingl\w*|\bbuzz\w*`,
	"burning", `\bburn(?:s|ing|ed|t)?\b|\bhot (?:foot|feet)\b|\bon fire\b`,
	"asleep", `\basleep\b|\b(?:went|go|goes|going|gone) to sleep\b`,
	"pebble", `\bpebbles?\b|\b(?:stone|rock|marble)s? (?:in|under) (?:my|the)\b|\blike (?:a|there was a) (?:stone|rock|marble)\b|\bbunched(?: up)? socks?\b|\bsocks? (?:bunched|folded)\b`,
	"pain", `\bpain(?:s|ful|fully)?\b|\bhurt(?:s|ing)?\b|\bach(?:e|es|ed|ing|y)\b|\bsore(?:ness)?\b|\bthrobb\w*`,
)

var placeRules = rules(
	"third_fourth_toes", `\btoes? (?:3|3rd|third) ?(?:&|\+|/|-|to) ?(?:4|4th|fourth)\b|\b(?:3rd|third|3) ?(?:&|\+|/|-|to) ?(?:the )?(?:4th|fourth|4)(?: toes?)?\b|\bmorton'?s?\b`,
	"ball_of_foot", `\bballs? of (?:my |the |both )?(?:left |right )?(?:foot|feet)\b|\bforefoot\b|\bmetatarsals?\b`,
	"top_of_foot", `\btops? of (?:my |the |both )?(?:left |right )?(?:foot|feet)\b|\binsteps?\b|\bdorsum\b`,
	"sole", `\bsoles?\b|\bbottoms? of (?:my |the |both )?(?:left |right )?(?:foot|feet)\b|\bunderside of (?:my |the )?(?:foot|feet)\b|\bunderfoot\b`,
	"", `\b(?:high|fallen|flat|low|collapsed)[- ]arch\w*`,
	"arch", `\barch(?:es)?\b`,
	"", `\bheel[- ](?:lock|strik\w*|counter|drop|cup|tab)\b`,
	"heel", `\bheels?\b`,
	"toes", `\btoes?\b|\bpinky\b`,
)

// Foot words that may follow "left" / "right".
const footPart = `(?:foot|feet|toes?|heel|arch|sole|side|leg|forefoot|instep|shoe|big toe|little toe|pinky|ball|midfoot|calf)\b`

var footRules = rules(
	"both", `\bboth (?:feet|foot|sides|legs|heels|arches|soles|forefeet)\b|\bbilateral\w*|\b(?:left|l) ?(?:&|\+|/) ?(?:right|r)\b|\b(?:right|r) ?(?:&|\+|/) ?(?:left|l)\b|\beach foot\b`,
	// Typed fast: "lfet", "letf", "rigth", "rihgt" as well.
	"left", `\b(?:left|lfet|letf|l|lt)[ -]`+footPart+`|\b(?:on|in|of) (?:the|my) left\b|\bleft one\b`,
	"right", `\b(?:right|rigth|rihgt|rght|r|rt)[ -]`+footPart+`|\b(?:on|in|of) (?:the|my) right\b|\bright one\b`,
	"one", `\bone (?:foot|side|leg)\b|\bone of (?:my|the) feet\b`,
	"left", `\b(?:foot|feet|side|numb|numbness): ?left\b`,
	"right", `\b(?:foot|feet|side|numb|numbness): ?right\b`,
)

// Words that may sit between a shoe and how it fits.
const fitWords = `(?:(?:is|are|was|were|felt|feel|feels|seem|seemed|too|a|bit|little|very|really|quite|so|pretty|slightly|kind|of|half|size|way)\s+)*`

var contextRules = rules(
	"narrow_shoes", `\b(?:narrow|tight|cramped|small|snug) (?:\w+ )?toebox\b|\bnarrow (?:\w+ )?(?:shoes?|trainers|sneakers|fit|last|forefoot|runners)\b|\b(?:shoes?|toebox|fit|trainers|sneakers|forefoot) `+fitWords+`narrow\b`,
	"laces", `\blac(?:e|es|ed|ing)\b|\bheel[- ]lock\b|\btied (?:\w+ )?(?:too )?tight\w*|\btight(?:ly)? tied\b`,
	"tight_shoes", `\b(?:tight|snug|small) (?:\w+ )?(?:shoes?|trainers|sneakers|fit|runners)\b|\b(?:shoes?|trainers|sneakers|fit) `+fitWords+`(?:tight|snug|small)\b`,
	"new_shoes", `\bnew (?:pair of )?(?:\w+ )?(?:shoes?|trainers|sneakers|runners|kicks|racers)\b|\bfirst (?:run|time|outing) in (?:the|my|these|those|new)\b`,
	"treadmill", `\btreadmill\w*|\bdreadmill\b|\bindoors?\b`,
	"cold", `\bcold\b|\bfreezing\b|\bfrozen\b|\bfrost\w*|\bicy\b|\bbelow (?:zero|freezing)\b|\bsub-?zero\b|\bminus \d+|(?:^|[^\w-])-\d+(?:\.\d+)? ?°? ?c\b|\bchilly\b|\bwinter\b|\bsnow\w*`,
	"flat_feet", `\bflat[- ](?:feet|foot|footed)\b|\b(?:fallen|collapsed|low)[- ]arch\w*|\boverpronat\w*|\bpes planus\b`,
	"high_arches", `\bhigh[- ]arch\w*|\bpes cavus\b|\bhigh insteps?\b`,
	"b_vitamin_deficiency", `\bb-? ?12\b|\bvitamin b\w*|\bb[- ]vitamins?\b|\bb-complex\b`,
)

var redFlagRules = append(rules(
	"", `\b(?:ran|run|running|runs|jog\w*) (?:at|last|late at|in the) night\b|\bnight[- ]?(?:run|running|runs|jog\w*)\b|\bresting (?:hr|heart\w*|pulse)\b|\brest (?:intervals?|between|stops?)\b`,
	"back_pain", backPain,
	"neck_pain", neckPain,
	"severe_pain", `\bsevere\b|\bexcruciating\b|\bunbearable\b|\bagoni[sz]\w*|\bagony\b|\bsharp (?:\w+ )?pain\b|\bstabbing\b|\bintense pain\b|\b(?:terrible|horrible|awful|worst|crippling) pain\b|\b(?:9|10) ?/ ?10\b|\b(?:could ?n'?t|could not|can'?t|cannot) (?:walk|stand)\b`,
	"lasting", `\b(?:lasted|lasts|lasting|last for)\b (?:\w+ ){0,3}?(?:hours|days?|weeks?|all day|overnight)\b|\bfor (?:\w+ ){0,2}?(?:days|weeks|months)\b|\bfor an? (?:whole |full )?(?:day|week|month)\b|\b(?:next|following) (?:day|morning)\b|\b(?:does ?n'?t|does not|did ?n'?t|did not|wo ?n'?t|would ?n'?t|never) (?:go|goes|went) away\b|\bpersist\w*|\ball day\b|\bconstant\w*|\bpermanent\w*|\bchronic\w*|\b(?:hours|days) (?:later|after)\b|\bstill (?:numb|tingl\w*|asleep|burning)\b (?:\w+ )?(?:now|hours?|today|tonight|tomorrow|next|this)\b`,
	"at_rest", `\bat rest\b|\b(?:while|when) (?:resting|sitting|lying|standing still)\b|\bresting\b|\bsitting\b|\bl[ay]ing down\b|\bon the (?:couch|sofa)\b|\bat (?:my|the) desk\b|\brest days?\b|\bnon-?running days?\b|\bwhen not running\b|\bwithout running\b`,
	"at_night", `\bat night\b|\bnight(?:s|time|-time)?\b|\bwok(?:e|en) me\b|\bwakes me\b|\bwaking me\b|\bwoke up (?:with|because|from|to)\b|\bin (?:my )?bed\b|\bin the night\b|\bovernight\b|\bwhile sleeping\b|\bin my sleep\b|\bnocturnal\b`,
	"diabetes", `\b(?:pre-?)?diabet\w*|\bblood (?:sugar|glucose)\b|\binsulin\b|\b(?:hb)?a1c\b`,
), rule{id: "lasting", re: regexp.MustCompile(`\bfor (?:\w+ ){0,2}?hours?\b`), needSymptom: true, keys: []string{"for "}})

// denyRules are phrases that say the feet were fine (Numbness No) without
// naming a symptom.
var denyRules = rules(
	"fine", `\b(?:foot|feet|toes?)\b:? (?:(?:were|was|are|is|felt|feel|feels|stayed|stay|remained|all|both|totally|completely|perfectly|absolutely|seemed|seem|just|100%)\s+)*(?:fine|ok|okay|good|great|normal|perfect|happy|comfortable|comfy|alright|all right|awesome|grand)\b|\bno (?:issues?|problems?|symptoms?|complaints?|trouble)\b|\b(?:symptom|problem|issue|trouble)[- ]free\b`,
)

// whenRules are relative onsets (Facts.OnsetWhen).
var whenRules = rules(
	"start", `\bfrom the (?:start|beginning|get-?go|first step|off)\b|\bright (?:away|from the start)\b|\bstraight away\b|\bimmediately\b|\bat the (?:start|beginning)\b|\b(?:first|1st) (?:km|kms|kilometers?|kilometres?|mile|k|few (?:km|kms|kilometers|kilometres|miles|minutes|steps|strides))\b|\bearly on\b|\bearly in the run\b|\bwithin minutes\b|\b(?:during|in) (?:the |my )?warm[- ]?up\b|\b(?:beginning|start) of (?:the|my) run\b`,
	"halfway", `\bhalf[- ]?way\b|\bmid[- ]?way\b|\bmid[- ]?run\b|\bmiddle of (?:the|my) run\b`,
	"end", `\b(?:at|towards?|near|by|around|close to) the end\b|\bend of (?:the|my) run\b|\b(?:last|final) (?:\w+ )?(?:km|kms|kilometers?|kilometres?|miles?|mi|k|minutes?|mins?|stretch|lap|part|bit|section)\b|\bcool[- ]?down\b|\blate in the run\b|\bfinal stages?\b`,
)

// Negation. A cue negates the first fact after it, at most negWindow words
// later, and the facts listed right after that one ("no pain, numbness or
// tingling"). A cue inside a fact's own words ("no feeling", "doesn't go
// away") is part of that fact; phrases like "no idea" are not cues.
const negWindow = 4

var (
	negCueRe   = regexp.MustCompile(`\b(?:no|not|never|without|none|nothing|zero|neither|nor|free of|lack of|absence of)\b|\b\w+n't\b|\b(?:didnt|dont|doesnt|wasnt|werent|isnt|arent|havent|hasnt|hadnt|cant|couldnt|wont|wouldnt|aint)\b`)
	notCueRe   = regexp.MustCompile(`\b(?:no idea|not sure|no clue|no doubt|not only|no matter|not just|nothing new|no reason|not much|not as much|no more than|nothing more than)\b`)
	notCueKeys = keywords(notCueRe)
	// listGapRe is what may separate the items of one negated list.
	listGapRe = regexp.MustCompile(`^(?:[\s,/&]|\bor\b|\bnor\b|\band\b|\bany\b|\beven\b|\bother\b)*$`)
	// freeRe after a fact negates it: "numbness-free".
	freeRe = regexp.MustCompile(`^[- ]?free\b`)
	// untilRe after a negated symptom lifts the negation: "no numbness
	// until 8 km" says numbness came at 8 km.
	untilRe = regexp.MustCompile(`\b(?:until|till|til|up to)\b`)
)

// Clause splitting: sentences first, then commas and "and".
var (
	sentenceRe = regexp.MustCompile(`[.!?;]+(?:\s|$)|[!?;\n]+|\s-+\s|\b(?:but|however|though|although|then|except|yet|whereas)\b`)
	partRe     = regexp.MustCompile(`,|\band\b`)
)

// Normalization.
var (
	textReplacer = strings.NewReplacer(
		"’", "'", "‘", "'", "`", "'", "´", "'", "“", `"`, "”", `"`,
		"—", " ; ", "–", "-", "−", "-", "\u00a0", " ", "…", ". ", "\t", " ", "\r", "\n")
	thousandsRe = regexp.MustCompile(`(\d),(\d{3})\b`)
	decimalRe   = regexp.MustCompile(`(\d),(\d)`)
	spacesRe    = regexp.MustCompile(` {2,}`)
	joinRules   = []joinRule{
		newJoinRule(`\btoe[- ]box`, "toebox"),
		newJoinRule(`\bpins and needles\b`, "pins & needles"),
		newJoinRule(`\b(3rd|third|3) and (the )?(4th|fourth|4)\b`, "$1 & $2$3"),
		newJoinRule(`\b(left|l|right|r) and (right|r|left|l)\b`, "$1 & $2"),
		newJoinRule(`\bback and neck (pain|aches?|hurts?|problems?)\b`, "back $1 & neck $1"),
		newJoinRule(`\b(on|hours|over) and (off|hours|over)\b`, "$1 & $2"),
		// A question answered no: "treadmill? no, outside" is "no
		// treadmill, outside"; the two words before the "?" are enough
		// for the negation window (negWindow).
		newJoinRule(`\b([a-z]+(?: [a-z]+)?)\? ?(?:no|nope|nah|not really)\b`, "no $1"),
	}
)

// joinRule rewrites a fixed phrase before clauses are split.
type joinRule struct {
	re   *regexp.Regexp
	repl string
	keys []string
}

func newJoinRule(pattern, repl string) joinRule {
	re := regexp.MustCompile(pattern)
	return joinRule{re, repl, keywords(re)}
}
