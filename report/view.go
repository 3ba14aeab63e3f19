package report

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/analysis/notes"
)

// view is the report as the Markdown and HTML renderers show it: every
// figure already formatted, every string still raw (each renderer escapes
// for its own format). It holds no number that analysis did not compute.
type view struct {
	Doctor     *doctorView // the red flags, first; nil unless a doctor is advised
	Runs       []runRow
	UTCNote    bool   // some time is UTC because its file gives no zone
	Legend     string // what the run tables' headings mean
	Watch      []labelled
	Why        []labelled
	Onset      []labelled
	Splits     []splitTable
	Problems   []labelled
	Notes      *notesView
	Shoes      *shoesView // report/shoes.go
	Comparison *comparisonView
	Extras     *extrasView // issue 14: balance, hills, temperature
	Advice     *adviceView
	Disclaimer string
	Tail       string // what was skipped or could not be read
}

type doctorView struct {
	Banner  string
	Reasons []string
	Advice  string
}

type runRow struct {
	Date, Kind, Km, Timer, Running, Pace, Numb  string
	SPM, GCT, VO, Step, Overstride, Worst, Shoe string
	File                                        string // the run's file name, without its folder (user text)
	NumbYes                                     bool
}

// labelled is a line of text under a label (a run's date, a file:line).
type labelled struct{ Label, Text string }

type splitTable struct {
	Date, Detail string
	Notes        []string // the notes matched to the run (user text)
	Rows         []splitRow
	HasBalance   bool // a split recorded left/right balance: the Left column is shown
}

type splitRow struct {
	Km, Pace, SPM, GCT, Score string
	Left                      string // the left foot's share of contact, %; "-" when not recorded
	Onset                     bool
}

type notesView struct {
	Head       string
	Files      []string
	Unmatched  []labelled
	UnreadHead string
	Unread     []labelled
	UnreadFix  string
	Warnings   string
}

type comparisonView struct {
	Head    string
	Rows    [][4]string // what, numb vs clean, p, what it means
	Caution []string
}

type adviceView struct {
	Shared       string // "none can be judged yet: …" when every cause is unknown for one reason
	Causes       []causeView
	FAQ          []faqView
	LoggingGuide string
	Fixes        []fixView
	Prevention   []fixView
	DoctorHead   string
	Doctor       []string
	DoctorAdvice string
}

type causeView struct {
	Verdict, Title string
	Evidence       []string
}

type faqView struct{ Question, Answer, Data string }

type fixView struct{ Title, How, Why string }

// runsLegend explains the run tables' headings.
const runsLegend = `Averages count running time only: "running" is the timer time less standing, walk breaks ` +
	`and records without speed or cadence (pauses are not timer time). spm: cadence in steps per minute; ` +
	`contact: ground-contact time; osc: vertical oscillation; step: step length; pace: running pace; ` +
	`overstride: level and score 0-100; worst km: the km that scored highest, on runs of moderate or high overstriding.`

// newView formats res for the Markdown and HTML reports.
func newView(res *analysis.Result) *view {
	v := &view{Legend: runsLegend}
	adv := &res.Advice
	if adv.SeeDoctor.Advised {
		v.Doctor = &doctorView{Banner: adv.SeeDoctor.Banner, Reasons: adv.SeeDoctor.Reasons, Advice: adv.SeeDoctor.Advice}
	}
	for i := range res.Runs {
		r := &res.Runs[i]
		f := r.Form()
		worst := missing
		if r.Overstride.WorstKm > 0 && r.Overstride.Level != analysis.LevelLow {
			worst = fmt.Sprint(r.Overstride.WorstKm)
		}
		v.Runs = append(v.Runs, runRow{Date: strings.TrimSpace(dateText(r)), Kind: kindText(r), Km: fixed(r.DistanceM/1000, 2),
			Timer: clock(r.TimerS), Running: clock(r.RunningS()), Pace: clock(r.AvgPaceSPerKm()), Numb: numbText(&r.Numbness),
			SPM: fixed(f.CadenceSPM, 0), GCT: fixed(f.GCTms, 0), VO: fixed(f.VOmm, 0), Step: fixed(f.StepLengthM, 2),
			Overstride: levelText(&r.Overstride), Worst: worst, Shoe: r.Gear, File: baseName(r.Source), NumbYes: r.Numbness.Reported == notes.Yes})
		if !r.HasUTCOffset {
			v.UTCNote = true
		}
		date := strings.TrimSpace(dateText(r))
		for _, c := range r.WatchDiffers() {
			v.Watch = append(v.Watch, labelled{date, watchText(&c)})
		}
		if len(r.Overstride.Reasons) > 0 {
			v.Why = append(v.Why, labelled{date, r.Overstride.Reasons[0]})
		}
		if win := r.Numbness.Window; win != nil {
			v.Onset = append(v.Onset, labelled{date, onsetLine(r, win)})
		}
		if r.Numbness.Reported == notes.Yes && len(r.Measure.Splits) > 0 {
			st := splitTable{Date: date, Detail: numbDetail(r)}
			for _, n := range r.Numbness.Notes {
				st.Notes = append(st.Notes, n.Text)
			}
			onset := r.OnsetKmIndex()
			for k, sp := range r.Measure.Splits {
				left := splitBalance(r, k)
				st.HasBalance = st.HasBalance || !math.IsNaN(left)
				st.Rows = append(st.Rows, splitRow{Km: fmt.Sprint(sp.Km), Pace: clock(splitPace(&sp)), SPM: fixed(sp.Form.CadenceSPM, 0),
					GCT: fixed(sp.Form.GCTms, 0), Score: scoreText(&sp.Overstride), Left: fixed(left, 1), Onset: sp.Km == onset})
			}
			v.Splits = append(v.Splits, st)
		}
		for _, w := range r.Warnings {
			v.Problems = append(v.Problems, labelled{date, w})
		}
	}
	for _, e := range res.Errors {
		v.Problems = append(v.Problems, labelled{"not read", e.Err})
	}
	v.Notes = newNotesView(&res.Notes)
	v.Shoes = newShoesView(res)
	if c := res.Comparison; c != nil {
		v.Comparison = &comparisonView{Head: fmt.Sprintf("Runs with numbness against runs without (%d vs %d)", c.NumbRuns, c.CleanRuns),
			Rows: comparisonRows(c), Caution: c.Caution}
	}
	v.Disclaimer = adv.Disclaimer
	if len(adv.Causes) > 0 && (len(res.Runs) > 0 || adv.SeeDoctor.Advised) {
		v.Advice = newAdviceView(adv)
	}
	var tail []string
	if n := len(res.Skipped); n > 0 {
		tail = append(tail, plural(n, "input or session", "inputs or sessions")+" skipped (not runs)")
	}
	if n := len(res.Duplicates); n > 0 {
		tail = append(tail, plural(n, "second copy of a run", "second copies of runs")+" left out")
	}
	if n := len(res.Errors); n > 0 {
		tail = append(tail, plural(n, "file", "files")+" could not be read")
	}
	if len(tail) > 0 {
		v.Tail = strings.Join(tail, ", ") + "; details on stderr."
	}
	v.Extras = newExtrasView(res)
	return v
}

func newNotesView(ns *analysis.NotesSummary) *notesView {
	if !ns.Given {
		return nil
	}
	nv := &notesView{Head: fmt.Sprintf("%s read, %d matched to runs", plural(ns.Read, "note", "notes"), ns.Matched), Files: ns.Files}
	if n := len(ns.Unmatched); n > 0 {
		nv.Head += fmt.Sprintf("; %d without a run", n)
	}
	shown, more := unmatchedShown(ns)
	for _, u := range shown {
		nv.Unmatched = append(nv.Unmatched, labelled{u.Date, short(u.Text, 60) + " (" + u.Why + ")"})
	}
	if more != "" {
		nv.Unmatched = append(nv.Unmatched, labelled{"", more})
	}
	if len(ns.Unread) > 0 {
		nv.UnreadHead = unreadHead(ns)
		for _, u := range ns.Unread {
			text := u.Reason
			if u.Runs > 0 {
				text += " (" + plural(u.Runs, "run", "runs") + " left unknown)"
			}
			nv.Unread = append(nv.Unread, labelled{analysis.NoteRef{File: u.File, Line: u.Line}.String(), text})
		}
		nv.UnreadFix = unreadFix(ns)
	}
	if n := len(ns.Warnings); n > 0 {
		nv.Warnings = plural(n, "warning", "warnings") + " about the notes on stderr."
	}
	return nv
}

func newAdviceView(adv *analysis.Advice) *adviceView {
	av := &adviceView{LoggingGuide: adv.LoggingGuide, Doctor: adv.SeeDoctor.Reasons, DoctorAdvice: adv.SeeDoctor.Advice}
	shared := ""
	for i, c := range adv.Causes {
		if c.Verdict != analysis.VerdictUnknown || len(c.Evidence) == 0 || (i > 0 && c.Evidence[0] != shared) {
			shared = ""
			break
		}
		shared = c.Evidence[0]
	}
	if shared != "" {
		av.Shared = "none can be judged yet: " + shared + "."
	} else {
		causes := append([]analysis.CauseVerdict(nil), adv.Causes...)
		sort.SliceStable(causes, func(i, j int) bool { return verdictOrder[causes[i].Verdict] < verdictOrder[causes[j].Verdict] })
		printed := map[string]bool{}
		for _, c := range causes {
			cv := causeView{Verdict: c.Verdict, Title: c.Title}
			for _, e := range c.Evidence {
				if printed[e] {
					head, _, _ := strings.Cut(e, ":")
					e = "as above: " + head
				}
				printed[e] = true
				cv.Evidence = append(cv.Evidence, e)
			}
			av.Causes = append(av.Causes, cv)
		}
	}
	for _, q := range adv.FAQ {
		if q.Applies {
			av.FAQ = append(av.FAQ, faqView{q.Question, q.Answer, "Your data: " + strings.Join(q.Evidence, "; ") + "."})
		}
	}
	for _, f := range adv.Fixes {
		av.Fixes = append(av.Fixes, fixView{f.Title, f.How, "why: " + strings.Join(f.Why, "; ")})
	}
	for _, p := range adv.Prevention {
		av.Prevention = append(av.Prevention, fixView{Title: p.Title, How: p.How})
	}
	return av
}

// baseName is a file's name without its folder, for a column of runs.
func baseName(src string) string {
	if _, entry, ok := strings.Cut(src, "!"); ok {
		return filepath.Base(entry)
	}
	return filepath.Base(src)
}
