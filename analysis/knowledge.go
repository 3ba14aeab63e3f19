package analysis

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed knowledge.yaml
var knowledgeYAML []byte

// Knowledge is the article's knowledge as runlog applies it: causes with
// their evidence rules, fixes, prevention, red flags, the doctor's advice
// and the FAQ. It is data (knowledge.yaml); this file only evaluates it.
type Knowledge struct {
	Verdict struct {
		Points       map[string]int `yaml:"points"`
		LikelyFrom   int            `yaml:"likely_from"`
		PossibleFrom int            `yaml:"possible_from"`
		// JudgedAgainst are the strengths whose lines are evidence
		// against a cause judged on data (as common on clean runs, the
		// notes point elsewhere): a cause is unlikely only with one.
		JudgedAgainst []string `yaml:"judged_against"`
	} `yaml:"verdict"`
	Causes     []CauseRules `yaml:"causes"`
	Fixes      []FixInfo    `yaml:"fixes"`
	Prevention []FixInfo    `yaml:"prevention"`
	// LoggingGuide replaces the fixes when no notes were given: how and
	// what to note, so that runlog can tell numb runs from clean ones.
	LoggingGuide string    `yaml:"logging_guide"`
	RedFlags     []RedFlag `yaml:"red_flags"`
	SeeDoctor    struct {
		Rules []Rule `yaml:"rules"`
		// Banner leads the text report when a doctor is advised.
		Banner string `yaml:"banner"`
		// Now: a red flag, a see_doctor rule, or a likely doctor-level
		// cause; Check: a doctor-level cause is possible ({cause});
		// Otherwise: nothing calls for a doctor yet.
		Now       string `yaml:"now"`
		Check     string `yaml:"check"`
		Otherwise string `yaml:"otherwise"`
		// Likely is the reason given for a likely doctor-level cause.
		Likely string `yaml:"likely"`
		// Earlier replaces Otherwise (or leads Check) in a period report
		// when notes before the period had red flags ({notes}).
		Earlier string `yaml:"earlier"`
	} `yaml:"see_doctor"`
	FAQ []FAQRule `yaml:"faq"`
	// WhatElse are the lines of "What else the watch shows", in order.
	WhatElse   []WhatElseLine `yaml:"what_else"`
	Disclaimer string         `yaml:"disclaimer"`
}

// WhatElseLine is one line of "What else the watch shows": what the watch
// (or the notes) records beyond form, the signal that compares it on numb
// and clean runs, the sentence with the signal's numbers ({placeholders}
// as in rules) and the sentence for when nothing was recorded.
type WhatElseLine struct {
	ID     string `yaml:"id"`
	Title  string `yaml:"title"`
	Signal string `yaml:"signal"`
	Text   string `yaml:"text"`
	None   string `yaml:"none"`
	// Same replaces the verdict "as on clean runs" where the line is not
	// set against clean runs (an onset on a descent is set against
	// chance); "" keeps it.
	Same string `yaml:"same"`
}

// CauseRules is one cause with the rules that weigh for or against it.
type CauseRules struct {
	ID    string   `yaml:"id"`
	Title string   `yaml:"title"`
	About string   `yaml:"about"`
	Needs []string `yaml:"needs"` // numb_runs, numb_cadence
	// Doctor: a cause only a doctor can confirm; likely sends the runner
	// to one, possible says a check is worth it.
	Doctor bool     `yaml:"doctor"`
	Fixes  []string `yaml:"fixes"`
	Rules  []Rule   `yaml:"rules"`
	// Unknown says why the cause is unknown when enough runs were judged
	// but no line for or against it holds: the first rule that holds
	// gives the line (a rule without a signal always holds; these rules
	// have no strength). The last must be such a rule.
	Unknown []Rule `yaml:"unknown"`
}

// Rule compares a signal with a value; when it holds (on at least MinN
// runs or notes, and within MaxP/MinP for a compared signal) its sentence
// becomes a line of the cause's evidence. Of the rules on one signal, only
// the first that holds counts, so a signal gives one line.
type Rule struct {
	Signal string  `yaml:"signal"`
	Op     string  `yaml:"op"`
	Value  float64 `yaml:"value"`
	MinN   int     `yaml:"min_n"`
	// MaxP: holds only when the signal's test gives p < MaxP (0: no
	// condition). MinP: holds only when p ≥ MinP or there is no p (0: no
	// condition).
	MaxP float64 `yaml:"max_p"`
	MinP float64 `yaml:"min_p"`
	// Tested: holds only when the signal's test could be run (a p-value):
	// "as on clean runs" from one run a side, or runs that do not vary,
	// says nothing.
	Tested   bool   `yaml:"tested"`
	Strength string `yaml:"strength"` // strong, support, against; hint, same, cap: shown, not counted
	Text     string `yaml:"text"`
}

// FixInfo is something to try.
type FixInfo struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	How   string `yaml:"how"`
}

// RedFlag is a sign that calls for a doctor rather than self-help.
type RedFlag struct {
	ID   string `yaml:"id"`
	Text string `yaml:"text"`
}

// FAQRule is a frequently asked question and when its answer applies.
type FAQRule struct {
	ID       string `yaml:"id"`
	Question string `yaml:"question"`
	Answer   string `yaml:"answer"`
	Rule     Rule   `yaml:"rule"`
}

var (
	knowledgeOnce sync.Once
	knowledge     *Knowledge
	knowledgeErr  error
)

// LoadKnowledge parses and checks the embedded knowledge file once.
func LoadKnowledge() (*Knowledge, error) {
	knowledgeOnce.Do(func() { knowledge, knowledgeErr = parseKnowledge(knowledgeYAML) })
	return knowledge, knowledgeErr
}

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// parseKnowledge reads a knowledge file and checks that every rule names a
// known signal, operator and strength, and every fix a cause lists exists.
func parseKnowledge(b []byte) (*Knowledge, error) {
	var k Knowledge
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&k); err != nil {
		return nil, fmt.Errorf("knowledge file: %w", err)
	}
	fixes := map[string]bool{}
	for _, f := range k.Fixes {
		fixes[f.ID] = true
	}
	check := func(where string, r Rule) error {
		if Signals[r.Signal] == nil {
			return fmt.Errorf("knowledge file: %s: unknown signal %q", where, r.Signal)
		}
		if _, ok := ops[r.Op]; !ok {
			return fmt.Errorf("knowledge file: %s: unknown op %q", where, r.Op)
		}
		if _, ok := k.Verdict.Points[r.Strength]; !ok {
			return fmt.Errorf("knowledge file: %s: unknown strength %q", where, r.Strength)
		}
		if r.Text == "" {
			return fmt.Errorf("knowledge file: %s: rule on %s has no text", where, r.Signal)
		}
		return nil
	}
	for _, s := range k.Verdict.JudgedAgainst {
		if _, ok := k.Verdict.Points[s]; !ok {
			return nil, fmt.Errorf("knowledge file: verdict.judged_against: unknown strength %q", s)
		}
	}
	for _, c := range k.Causes {
		for i, r := range c.Rules {
			if err := check(fmt.Sprintf("cause %s rule %d", c.ID, i+1), r); err != nil {
				return nil, err
			}
		}
		if n := len(c.Unknown); n == 0 || c.Unknown[n-1].Signal != "" {
			return nil, fmt.Errorf("knowledge file: cause %s: its unknown rules must end with one without a signal", c.ID)
		}
		for i, r := range c.Unknown {
			where := fmt.Sprintf("cause %s unknown rule %d", c.ID, i+1)
			switch {
			case r.Text == "":
				return nil, fmt.Errorf("knowledge file: %s has no text", where)
			case r.Strength != "":
				return nil, fmt.Errorf("knowledge file: %s: an unknown rule has no strength", where)
			case r.Signal == "":
			case Signals[r.Signal] == nil:
				return nil, fmt.Errorf("knowledge file: %s: unknown signal %q", where, r.Signal)
			default:
				if _, ok := ops[r.Op]; !ok {
					return nil, fmt.Errorf("knowledge file: %s: unknown op %q", where, r.Op)
				}
			}
		}
		for _, f := range c.Fixes {
			if !fixes[f] {
				return nil, fmt.Errorf("knowledge file: cause %s: unknown fix %q", c.ID, f)
			}
		}
		for _, n := range c.Needs {
			if n != needNumbRuns && n != needNumbCadence {
				return nil, fmt.Errorf("knowledge file: cause %s: unknown need %q", c.ID, n)
			}
		}
	}
	for _, t := range []struct{ name, text string }{{"see_doctor.banner", k.SeeDoctor.Banner}, {"see_doctor.now", k.SeeDoctor.Now},
		{"see_doctor.check", k.SeeDoctor.Check}, {"see_doctor.otherwise", k.SeeDoctor.Otherwise}, {"see_doctor.likely", k.SeeDoctor.Likely},
		{"see_doctor.earlier", k.SeeDoctor.Earlier},
		{"logging_guide", k.LoggingGuide}} {
		if strings.TrimSpace(t.text) == "" && len(k.Causes) > 0 {
			return nil, fmt.Errorf("knowledge file: %s is missing", t.name)
		}
	}
	for i, r := range k.SeeDoctor.Rules {
		if err := check(fmt.Sprintf("see_doctor rule %d", i+1), r); err != nil {
			return nil, err
		}
	}
	for _, w := range k.WhatElse {
		switch {
		case Signals[w.Signal] == nil:
			return nil, fmt.Errorf("knowledge file: what_else %s: unknown signal %q", w.ID, w.Signal)
		case w.Title == "" || w.Text == "" || w.None == "":
			return nil, fmt.Errorf("knowledge file: what_else %s needs a title, a text and a none", w.ID)
		}
	}
	for _, q := range k.FAQ {
		if err := check("faq "+q.ID, q.Rule); err != nil {
			return nil, err
		}
	}
	return &k, nil
}

var ops = map[string]func(a, b float64) bool{
	">=": func(a, b float64) bool { return a >= b },
	"<=": func(a, b float64) bool { return a <= b },
	">":  func(a, b float64) bool { return a > b },
	"<":  func(a, b float64) bool { return a < b },
}

// holds reports whether r holds on the signals, and its sentence. A rule
// without a signal (the last of a cause's unknown rules) always holds.
func (r *Rule) holds(sig map[string]Signal) (bool, string) {
	if r.Signal == "" {
		return true, r.Text
	}
	s, ok := sig[r.Signal]
	if !ok || s.N < r.MinN || !ops[r.Op](s.Value, r.Value) {
		return false, ""
	}
	if r.MaxP > 0 && !(s.P < r.MaxP) {
		return false, ""
	}
	if r.MinP > 0 && s.P < r.MinP {
		return false, ""
	}
	if r.Tested && math.IsNaN(s.P) {
		return false, ""
	}
	return true, fill(r.Text, s)
}

// fill puts a signal's numbers into a sentence of the knowledge file:
// {name} is the signal's variable of that name; {welch}, {fisher} and
// {binomial} are the named test with its p-value ("Welch p = 0.021"), or
// "too few runs for a test" when the test could not be run. A placeholder
// the signal does not have is left as it is (a test catches it).
func fill(text string, s Signal) string {
	return placeholder.ReplaceAllStringFunc(text, func(p string) string {
		name := p[1 : len(p)-1]
		if test, ok := testNames[name]; ok {
			if math.IsNaN(s.P) {
				return "too few runs for a test"
			}
			return test + " " + pStr(s.P)
		}
		if v, ok := s.Vars[name]; ok {
			return v
		}
		return p
	})
}

// testNames are the placeholders that stand for a test and its p-value.
var testNames = map[string]string{"welch": "Welch", "fisher": "Fisher", "binomial": "binomial"}

// Data a cause may need before it can be judged.
const (
	needNumbRuns    = "numb_runs"
	needNumbCadence = "numb_cadence"
)

// Verdicts.
const (
	VerdictLikely   = "likely"
	VerdictPossible = "possible"
	VerdictUnlikely = "unlikely"
	VerdictUnknown  = "unknown"
)

// How a line of evidence weighs.
const (
	WeighsFor     = "for"
	WeighsAgainst = "against"
	WeighsNone    = "none" // shown, not counted: as common on clean runs, could be chance, a cap
)

// strengthCap is the strength of a rule that, when it holds, keeps a cause
// from being likely (e.g. numb and clean runs score alike for overstriding).
const strengthCap = "cap"

// EvidenceLine is one sentence of evidence and how it weighs.
type EvidenceLine struct {
	Text   string
	Weighs string // WeighsFor, WeighsAgainst or WeighsNone
}

// CauseVerdict is runlog's judgement of one cause.
type CauseVerdict struct {
	ID       string
	Title    string
	About    string
	Verdict  string
	Evidence []string       // every line once: the lines for it first, then "against: …", then those not counted
	Lines    []EvidenceLine // the same lines with how each weighs
	Fixes    []string       // fix ids
	Doctor   bool           // only a doctor can confirm it
}

// FAQAnswer is one FAQ entry and whether it applies to this runner.
type FAQAnswer struct {
	ID, Question, Answer string
	Applies              bool
	Evidence             []string
}

// DoctorAdvice says whether to see a doctor, and why.
type DoctorAdvice struct {
	// Advised: a red flag, a see_doctor rule, or a likely doctor-level
	// cause: see a doctor now.
	Advised bool
	// Check: no red flag, but a doctor-level cause is possible: a check
	// is worth it, without urgency.
	Check   bool
	Reasons []string // red flags first; empty unless Advised
	Advice  string   // what to do, in words (knowledge file)
	Banner  string   // the text report's opening line when Advised; "" otherwise
}

// RankedFix is a fix with why it is suggested.
type RankedFix struct {
	ID, Title, How string
	Why            []string
}

// Advice is what runlog concludes from the whole result.
type Advice struct {
	Causes    []CauseVerdict
	FAQ       []FAQAnswer
	SeeDoctor DoctorAdvice
	// Fixes are only those for causes judged likely or possible.
	Fixes []RankedFix
	// Prevention applies whatever the cause (the article's prevention).
	Prevention []FixInfo
	// LoggingGuide says how to note numbness; set when no notes were
	// given (then there are no fixes).
	LoggingGuide string
	Disclaimer   string
	// WhatElse says whether balance, hills and cold go with the numb runs,
	// or that the watch did not record them (whatelse.go).
	WhatElse []Finding
}

// verdictWeight ranks fixes: a fix for a likely cause comes before one for
// a possible cause.
var verdictWeight = map[string]int{VerdictLikely: 3, VerdictPossible: 2}

// Advise applies the knowledge to a result: every cause gets a verdict with
// its evidence, the FAQ is checked, red flags are collected, and the fixes
// of the likely and possible causes are ranked.
func Advise(k *Knowledge, runs []RunResult, cmp *Comparison, in *NotesInput) Advice {
	d := newEvidenceData(runs, cmp, in)
	sig := computeSignals(d)
	a := Advice{Disclaimer: k.Disclaimer, Prevention: append([]FixInfo(nil), k.Prevention...)}
	for i := range a.Prevention {
		a.Prevention[i].How = strings.TrimSpace(a.Prevention[i].How)
	}
	for _, c := range k.Causes {
		a.Causes = append(a.Causes, judgeCause(k, &c, d, sig))
	}
	for _, q := range k.FAQ {
		ans := FAQAnswer{ID: q.ID, Question: q.Question, Answer: q.Answer}
		if ok, text := q.Rule.holds(sig); ok {
			ans.Applies, ans.Evidence = true, []string{text}
		}
		a.FAQ = append(a.FAQ, ans)
	}
	a.SeeDoctor = doctorAdvice(k, d, sig, a.Causes)
	a.WhatElse = whatElse(k, d, sig)
	a.Fixes = rankFixes(k, a.Causes)
	if !d.notesGiven {
		a.LoggingGuide = strings.TrimSpace(k.LoggingGuide)
	}
	return a
}

// judged counts the numb and clean runs a cause can be judged on: for
// form, those with an overstriding estimate; subset names them (withEstimate)
// or is "".
func judged(c *CauseRules, d *evidenceData) (numb, clean int, subset string) {
	numb, clean = len(d.numb), len(d.clean)
	if has(c.Needs, needNumbCadence) {
		numb, clean, subset = countCadence(d.numb), countCadence(d.clean), withEstimate
	}
	return numb, clean, subset
}

func judgeCause(k *Knowledge, c *CauseRules, d *evidenceData, sig map[string]Signal) CauseVerdict {
	v := CauseVerdict{ID: c.ID, Title: c.Title, About: c.About, Fixes: c.Fixes, Doctor: c.Doctor}
	only := func(verdict, line string) CauseVerdict {
		v.Verdict = verdict
		v.Lines = []EvidenceLine{{Text: line, Weighs: WeighsNone}}
		v.Evidence = []string{line}
		return v
	}
	for _, need := range c.Needs {
		switch {
		case need == needNumbRuns && !d.notesGiven:
			return only(VerdictUnknown, "no notes were given, so runlog cannot tell which runs went numb")
		case need == needNumbRuns && len(d.numb) == 0 && d.numbNotes > 0:
			verb := "report"
			if d.numbNotes == 1 {
				verb = "reports"
			}
			why := "check their dates (and --tz)"
			if d.clockNotSet > 0 {
				why += fmt.Sprintf("; %s whose watch clock was not set cannot be matched by date", plural(d.clockNotSet, "run"))
			}
			return only(VerdictUnknown, fmt.Sprintf("%s %s numbness but match no run: %s", plural(d.numbNotes, "note"), verb, why))
		case need == needNumbRuns && len(d.numb) == 0 && len(d.known) >= MinJudgedRuns:
			v = only(VerdictUnlikely, fmt.Sprintf("no numbness in the notes for any of %d runs", len(d.known)))
			v.Lines[0].Weighs = WeighsAgainst // judged: the runner noted runs without it
			return v
		case need == needNumbRuns && len(d.numb) == 0:
			return only(VerdictUnknown, fmt.Sprintf("no numbness in the notes for %s: too few to rule anything out (runlog needs %d)",
				plural(len(d.known), "run"), MinJudgedRuns))
		case need == needNumbCadence && countCadence(d.numb) == 0:
			return only(VerdictUnknown, "no numb run has an overstriding estimate (none recorded cadence, or each was too short to judge: see the reasons per run), so their form cannot be judged")
		}
	}
	judgedAgainst := map[string]bool{}
	for _, s := range k.Verdict.JudgedAgainst {
		judgedAgainst[s] = true
	}
	points, strong, capped := 0, false, false
	// pro: lines for; con: counted against (negative points); judgedCon:
	// judged evidence against that counts no points (as common on clean
	// runs); none: shown, neither.
	var pro, con, judgedCon, none []string
	used := map[string]bool{}
	for _, r := range c.Rules {
		if used[r.Signal] {
			continue
		}
		ok, text := r.holds(sig)
		if !ok {
			continue
		}
		used[r.Signal] = true
		p := k.Verdict.Points[r.Strength]
		// Evidence against rests on its own runs: a line set against
		// fewer than MinJudgedRuns of them ("1 of 1 clean run") is shown,
		// but neither counts nor makes the cause unlikely.
		if (p < 0 || judgedAgainst[r.Strength]) && r.Signal != "" && sig[r.Signal].N < MinJudgedRuns {
			none = appendOnce(none, text)
			continue
		}
		points += p
		switch {
		case p > 0:
			pro = appendOnce(pro, text)
			strong = strong || r.Strength == "strong"
		case p < 0:
			con = appendOnce(con, "against: "+text)
		case judgedAgainst[r.Strength]:
			judgedCon = appendOnce(judgedCon, text)
		default:
			none = appendOnce(none, text)
			capped = capped || r.Strength == strengthCap
		}
	}
	switch {
	case len(pro) > 0 && strong && !capped && points >= k.Verdict.LikelyFrom:
		v.Verdict = VerdictLikely
	case len(pro) > 0 && points >= k.Verdict.PossibleFrom:
		v.Verdict = VerdictPossible
	default:
		// Unlikely needs evidence against, judged on enough runs; without
		// it the cause is unknown, and the line says why.
		n, cl, subset := judged(c, d)
		switch {
		case n < MinJudgedRuns || cl < MinJudgedRuns:
			v.Verdict = VerdictUnknown
			numbRuns, cleanRuns := groupPair(n, len(d.numb), cl, len(d.clean), subset)
			none = append(none, fmt.Sprintf("too few runs to rule it out: %s and %s (runlog calls a cause unlikely from %d of each)",
				numbRuns, cleanRuns, MinJudgedRuns))
		case len(con)+len(judgedCon) > 0:
			v.Verdict = VerdictUnlikely
		default:
			v.Verdict = VerdictUnknown
			for _, r := range c.Unknown {
				if ok, text := r.holds(sig); ok {
					none = append([]string{text}, none...)
					break
				}
			}
		}
	}
	for _, l := range pro {
		v.Lines = append(v.Lines, EvidenceLine{Text: l, Weighs: WeighsFor})
	}
	for _, l := range con {
		v.Lines = append(v.Lines, EvidenceLine{Text: l, Weighs: WeighsAgainst})
	}
	for _, l := range judgedCon {
		v.Lines = append(v.Lines, EvidenceLine{Text: l, Weighs: WeighsAgainst})
	}
	for _, l := range none {
		v.Lines = append(v.Lines, EvidenceLine{Text: l, Weighs: WeighsNone})
	}
	for _, l := range v.Lines {
		v.Evidence = append(v.Evidence, l.Text)
	}
	return v
}

func appendOnce(list []string, s string) []string {
	if has(list, s) {
		return list
	}
	return append(list, s)
}

func countCadence(runs []*RunResult) int {
	n := 0
	for _, r := range runs {
		if r.Overstride.Level != LevelUnknown && r.Overstride.Level != "" {
			n++
		}
	}
	return n
}

// doctorAdvice collects the red flags in every note (matched or not), the
// see_doctor rules and the likely doctor-level causes; a possible
// doctor-level cause asks for a check, without urgency.
func doctorAdvice(k *Knowledge, d *evidenceData, sig map[string]Signal, causes []CauseVerdict) DoctorAdvice {
	var adv DoctorAdvice
	for _, rf := range k.RedFlags {
		n := 0
		for _, f := range d.allFacts {
			if has(f.RedFlags, rf.ID) {
				n++
			}
		}
		if n > 0 {
			adv.Reasons = append(adv.Reasons, fmt.Sprintf("%s (in %s)", rf.Text, plural(n, "note")))
		}
	}
	for _, r := range k.SeeDoctor.Rules {
		if ok, text := r.holds(sig); ok {
			adv.Reasons = append(adv.Reasons, text)
		}
	}
	var possible []string
	for _, c := range causes {
		switch {
		case c.Doctor && c.Verdict == VerdictLikely:
			adv.Reasons = append(adv.Reasons, strings.ReplaceAll(k.SeeDoctor.Likely, "{cause}", c.Title))
		case c.Doctor && c.Verdict == VerdictPossible:
			possible = append(possible, c.Title)
		}
	}
	adv.Advised = len(adv.Reasons) > 0
	adv.Check = !adv.Advised && len(possible) > 0
	switch {
	case adv.Advised:
		adv.Advice, adv.Banner = strings.TrimSpace(k.SeeDoctor.Now), strings.TrimSpace(k.SeeDoctor.Banner)
	case adv.Check:
		adv.Advice = strings.ReplaceAll(strings.TrimSpace(k.SeeDoctor.Check), "{cause}", strings.Join(possible, " and "))
	default:
		adv.Advice = strings.TrimSpace(k.SeeDoctor.Otherwise)
	}
	return adv
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// rankFixes lists the fixes of the likely and possible causes, ordered by
// those verdicts (file order breaks ties), each with the causes it is for.
func rankFixes(k *Knowledge, causes []CauseVerdict) []RankedFix {
	type scored struct {
		fix   RankedFix
		score int
		order int
	}
	var list []scored
	for i, f := range k.Fixes {
		s := scored{fix: RankedFix{ID: f.ID, Title: f.Title, How: strings.TrimSpace(f.How)}, order: i}
		for _, c := range causes {
			if !has(c.Fixes, f.ID) || verdictWeight[c.Verdict] == 0 {
				continue
			}
			s.score += verdictWeight[c.Verdict]
			s.fix.Why = append(s.fix.Why, fmt.Sprintf("%s is %s", c.Title, c.Verdict))
		}
		if len(s.fix.Why) > 0 {
			list = append(list, s)
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].score != list[j].score {
			return list[i].score > list[j].score
		}
		return list[i].order < list[j].order
	})
	out := make([]RankedFix, len(list))
	for i := range list {
		out[i] = list[i].fix
	}
	return out
}
