package analysis

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed knowledge.yaml
var knowledgeYAML []byte

// Knowledge is the article's knowledge as runlog applies it: causes with
// their evidence rules, fixes, red flags, the doctor rule and the FAQ. It
// is data (knowledge.yaml); this file only evaluates it.
type Knowledge struct {
	Verdict struct {
		Points       map[string]int `yaml:"points"`
		LikelyFrom   int            `yaml:"likely_from"`
		PossibleFrom int            `yaml:"possible_from"`
	} `yaml:"verdict"`
	Causes    []CauseRules `yaml:"causes"`
	Fixes     []FixInfo    `yaml:"fixes"`
	RedFlags  []RedFlag    `yaml:"red_flags"`
	SeeDoctor struct {
		Rules []Rule `yaml:"rules"`
	} `yaml:"see_doctor"`
	FAQ        []FAQRule `yaml:"faq"`
	Disclaimer string    `yaml:"disclaimer"`
}

// CauseRules is one cause with the rules that weigh for or against it.
type CauseRules struct {
	ID    string   `yaml:"id"`
	Title string   `yaml:"title"`
	About string   `yaml:"about"`
	Needs []string `yaml:"needs"` // numb_runs, numb_cadence
	Fixes []string `yaml:"fixes"`
	Rules []Rule   `yaml:"rules"`
}

// Rule compares a signal with a value; when it holds (on at least MinN
// runs or notes) its sentence becomes evidence.
type Rule struct {
	Signal   string  `yaml:"signal"`
	Op       string  `yaml:"op"`
	Value    float64 `yaml:"value"`
	MinN     int     `yaml:"min_n"`
	Strength string  `yaml:"strength"` // strong, support, against
	Text     string  `yaml:"text"`
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
		if !signalNames[r.Signal] {
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
	for _, c := range k.Causes {
		for i, r := range c.Rules {
			if err := check(fmt.Sprintf("cause %s rule %d", c.ID, i+1), r); err != nil {
				return nil, err
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
	for i, r := range k.SeeDoctor.Rules {
		if err := check(fmt.Sprintf("see_doctor rule %d", i+1), r); err != nil {
			return nil, err
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

// holds reports whether r holds on the signals, and its sentence.
func (r *Rule) holds(sig map[string]Signal) (bool, string) {
	s, ok := sig[r.Signal]
	if !ok || s.N < r.MinN || !ops[r.Op](s.Value, r.Value) {
		return false, ""
	}
	text := placeholder.ReplaceAllStringFunc(r.Text, func(p string) string {
		if v, ok := s.Vars[p[1:len(p)-1]]; ok {
			return v
		}
		return p
	})
	return true, text
}

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

// CauseVerdict is runlog's judgement of one cause.
type CauseVerdict struct {
	ID       string
	Title    string
	About    string
	Verdict  string
	Evidence []string // sentences with numbers; the lines for it first
	Fixes    []string // fix ids
}

// FAQAnswer is one FAQ entry and whether it applies to this runner.
type FAQAnswer struct {
	ID, Question, Answer string
	Applies              bool
	Evidence             []string
}

// DoctorAdvice says whether to see a doctor, and why.
type DoctorAdvice struct {
	Advised bool
	Reasons []string // red flags first
}

// RankedFix is a fix with why it is suggested.
type RankedFix struct {
	ID, Title, How string
	Why            []string
}

// Advice is what runlog concludes from the whole result.
type Advice struct {
	Causes     []CauseVerdict
	FAQ        []FAQAnswer
	SeeDoctor  DoctorAdvice
	Fixes      []RankedFix
	Disclaimer string
}

// verdictWeight ranks fixes: a fix for a likely cause comes before one for
// a possible cause, which comes before one for a cause runlog cannot judge.
var verdictWeight = map[string]int{VerdictLikely: 3, VerdictPossible: 2, VerdictUnknown: 1, VerdictUnlikely: 0}

// Advise applies the knowledge to a result: every cause gets a verdict with
// its evidence, the FAQ is checked, red flags are collected, and the fixes
// are ranked by the causes they address.
func Advise(k *Knowledge, runs []RunResult, cmp *Comparison, in *NotesInput) Advice {
	d := newEvidenceData(runs, cmp, in)
	sig := computeSignals(d)
	a := Advice{Disclaimer: k.Disclaimer}
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
	a.SeeDoctor = doctorAdvice(k, d, sig)
	a.Fixes = rankFixes(k, a.Causes)
	return a
}

func judgeCause(k *Knowledge, c *CauseRules, d *evidenceData, sig map[string]Signal) CauseVerdict {
	v := CauseVerdict{ID: c.ID, Title: c.Title, About: c.About, Fixes: c.Fixes}
	for _, need := range c.Needs {
		switch {
		case need == needNumbRuns && !d.notesGiven:
			v.Verdict = VerdictUnknown
			v.Evidence = []string{"no notes were given, so runlog cannot tell which runs went numb"}
			return v
		case need == needNumbRuns && len(d.numb) == 0 && d.numbNotes > 0:
			v.Verdict = VerdictUnknown
			v.Evidence = []string{fmt.Sprintf("%s report numbness but match no run: check their dates (and --tz)", plural(d.numbNotes, "note"))}
			return v
		case need == needNumbRuns && len(d.numb) == 0:
			v.Verdict = VerdictUnlikely
			v.Evidence = []string{fmt.Sprintf("no numbness in the notes for any of %d runs", len(d.known))}
			return v
		case need == needNumbCadence && !anyCadence(d.numb):
			v.Verdict = VerdictUnknown
			v.Evidence = []string{"the numb runs carry no cadence, so their form cannot be judged"}
			return v
		}
	}
	points, strong := 0, false
	var pro, con []string
	for _, r := range c.Rules {
		ok, text := r.holds(sig)
		if !ok {
			continue
		}
		p := k.Verdict.Points[r.Strength]
		points += p
		if p > 0 {
			pro = append(pro, text)
			strong = strong || r.Strength == "strong"
		} else {
			con = append(con, "against: "+text)
		}
	}
	switch {
	case len(pro) > 0 && strong && points >= k.Verdict.LikelyFrom:
		v.Verdict = VerdictLikely
	case len(pro) > 0 && points >= k.Verdict.PossibleFrom:
		v.Verdict = VerdictPossible
	default:
		v.Verdict = VerdictUnlikely
	}
	v.Evidence = append(pro, con...)
	if len(v.Evidence) == 0 {
		v.Evidence = []string{fmt.Sprintf("none of its signs shows in %d numb runs and their notes", len(d.numb))}
	}
	return v
}

func anyCadence(runs []*RunResult) bool {
	for _, r := range runs {
		if r.Overstride.Level != LevelUnknown && r.Overstride.Level != "" {
			return true
		}
	}
	return false
}

// doctorAdvice collects the red flags in every note (matched or not) and the
// see_doctor rules.
func doctorAdvice(k *Knowledge, d *evidenceData, sig map[string]Signal) DoctorAdvice {
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
	adv.Advised = len(adv.Reasons) > 0
	return adv
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// rankFixes orders the fixes by the verdicts of the causes that list them
// (file order breaks ties) and says why each is there.
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
			if !has(c.Fixes, f.ID) {
				continue
			}
			s.score += verdictWeight[c.Verdict]
			switch c.Verdict {
			case VerdictLikely, VerdictPossible:
				s.fix.Why = append(s.fix.Why, fmt.Sprintf("%s (%s): %s", c.Title, c.Verdict, c.Evidence[0]))
			case VerdictUnknown:
				s.fix.Why = append(s.fix.Why, fmt.Sprintf("%s (cannot be judged: %s)", c.Title, c.Evidence[0]))
			}
		}
		if len(s.fix.Why) == 0 {
			s.fix.Why = []string{"the causes it addresses look unlikely in your data; keep it in mind"}
		}
		list = append(list, s)
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
