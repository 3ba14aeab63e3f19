// Package notes reads the numbness notes runners keep — a journal, CSV,
// JSON or JSON Lines, Strava's bulk export — turns their free text into
// facts, and appends entries to runlog's own journal. It is the one part of
// package analysis that does I/O.
package notes

import "time"

// Entry is one note: one journal line, CSV row, JSON object or Strava
// activity. Fields the note does not give are zero ("" / NaN / 0).
type Entry struct {
	File string // the notes file it came from
	Line int    // 1-based line where the note starts (journal, JSON Lines, CSV and Strava rows, Markdown table rows) or array index+1 (JSON array)

	// When is the time the note gives. For every format but Strava it is
	// the runner's local wall-clock time, stored in time.UTC as a "floating"
	// time (no zone: the matcher decides which zone applies); Strava's
	// Activity Date is a real UTC instant (WhenUTC true).
	When    time.Time
	HasTime bool // false: only the date is known (When is midnight)
	WhenUTC bool // When is a UTC instant, not a floating local time

	Text     string  // free text as written (description and private note joined for Strava)
	Foot     string  // from a foot column/field: "left", "right", "both", "" (not given)
	OnsetKm  float64 // from an onset column/field or --at; NaN when not given
	OnsetMin float64 // NaN when not given
	// OnsetUnit is "mi" when the onset distance was given in miles
	// (OnsetKm still holds it in km), so that it is written back in miles;
	// "" for km.
	OnsetUnit string
	Severity  int    // 1–5; 0 when not given
	Shoes     string // shoe / gear name; "" when not given
	Surface   string // "" when not given
	FITFile   string // Strava "Filename" (e.g. "activities/123.fit.gz"): the exact link to a run
	Sport     string // Strava "Activity Type" (e.g. "Run"); "" for other formats
	// Numb is a numbness column or field ("numb": true, Numbness: no);
	// Unknown when not given. It wins over the text.
	Numb Tri

	Facts Facts // what the text (and the columns above) say
}

// Tri is a yes / no / not said answer.
type Tri int

const (
	Unknown Tri = iota // the note does not say
	Yes
	No
)

// Facts are what runlog reads out of a note's free text, merged with the
// explicit columns (a column wins over the text).
type Facts struct {
	Numbness Tri     // Yes: numbness (or tingling, pins and needles, ...) reported; No: explicitly denied
	Foot     string  // "left", "right", "both", "one" (one foot, side not said), "" (not said)
	OnsetKm  float64 // NaN when not said; miles are converted
	OnsetMin float64 // NaN when not said
	// OnsetWhen is a relative onset: "start", "halfway", "end"; "" when not said.
	OnsetWhen string
	Symptoms  []string // sorted ids: "numb", "tingling", "pins_and_needles", "burning", "asleep", "pain", "pebble"
	Places    []string // sorted ids: "toes", "ball_of_foot", "third_fourth_toes", "top_of_foot", "heel", "arch", "sole"
	Context   []string // sorted ids: "new_shoes", "tight_shoes", "narrow_shoes", "laces", "treadmill", "cold", "flat_feet", "high_arches", "b_vitamin_deficiency"
	RedFlags  []string // sorted ids: "back_pain", "neck_pain", "severe_pain", "lasting", "at_rest", "at_night", "diabetes"
}
