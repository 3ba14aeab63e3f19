package analysis

import (
	"sort"
	"strings"

	"github.com/runlog/runlog/analysis/notes"
)

// Athlete is one athlete of a coach's batch: a folder's runs and notes
// analysed on their own.
type Athlete struct {
	Name   string
	Result Result
	// Problems are what kept some or all of the athlete's inputs from
	// being read, beyond Result.Errors (no FIT file in the folder).
	Problems []string
}

// Summary is an athlete's line in the roster.
type Summary struct {
	Name         string
	Runs, Numb   int
	LikelyCauses []string // cause ids judged likely, in the knowledge file's order
	// WithNumb are the ids of what the watch or notes record beyond form
	// (Finding: balance, downhill, ...) that goes with the numb runs;
	// WithNumbTitles the same by their titles, for people.
	WithNumb, WithNumbTitles []string
	SeeDoctor                bool
	Errors                   []InputError
	NotesUnread              int
	// Unread are the notes (or notes files) not read, as the athlete's
	// report lists them: where, and why.
	Unread []UnreadNote
}

// NumbShare is the share of runs with numbness reported; 0 without runs.
func (s *Summary) NumbShare() float64 {
	if s.Runs == 0 {
		return 0
	}
	return float64(s.Numb) / float64(s.Runs)
}

// Summarize makes an athlete's roster line.
func Summarize(a *Athlete) Summary {
	r := &a.Result
	s := Summary{Name: a.Name, Runs: len(r.Runs), LikelyCauses: []string{}, WithNumb: []string{}, SeeDoctor: r.Advice.SeeDoctor.Advised,
		Errors: append([]InputError{}, r.Errors...), NotesUnread: len(r.Notes.Unread), Unread: r.Notes.Unread}
	for _, p := range a.Problems {
		s.Errors = append(s.Errors, InputError{Source: a.Name, Err: p})
	}
	for i := range r.Runs {
		if r.Runs[i].Numbness.Reported == notes.Yes {
			s.Numb++
		}
	}
	for _, c := range r.Advice.Causes {
		if c.Verdict == VerdictLikely {
			s.LikelyCauses = append(s.LikelyCauses, c.ID)
		}
	}
	for _, f := range r.Advice.WhatElse {
		if f.Verdict == FindingSeparates {
			s.WithNumb = append(s.WithNumb, f.ID)
			s.WithNumbTitles = append(s.WithNumbTitles, strings.ToLower(f.Title))
		}
	}
	return s
}

// SortRoster orders athletes by the attention they need: a doctor advised
// first, then more causes judged likely, then a larger share of numb runs,
// then name (so the order is the same every time).
func SortRoster(list []Summary) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := &list[i], &list[j]
		if a.SeeDoctor != b.SeeDoctor {
			return a.SeeDoctor
		}
		if len(a.LikelyCauses) != len(b.LikelyCauses) {
			return len(a.LikelyCauses) > len(b.LikelyCauses)
		}
		if sa, sb := a.NumbShare(), b.NumbShare(); sa != sb {
			return sa > sb
		}
		return a.Name < b.Name
	})
}
