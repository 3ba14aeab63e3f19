package notes

// Strava's bulk export, activities.csv. Its header repeats names (Elapsed
// Time, Distance, Max Heart Rate, ... appear twice, the first time in
// display units); a column is found by its exact name, first occurrence.
// Text fields may be quoted over several lines. Activity Date is UTC, as
// "Nov 20, 2026, 7:10:23 AM". Only running activities become entries; other
// sports are skipped without a warning. Every running activity is an entry,
// with or without a description: Filename ("activities/123.fit.gz", empty
// for a manual activity) links it to its run.

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"time"
)

// stravaDateLayouts are the Activity Date layouts runlog knows; the first
// is what English-language exports use.
var stravaDateLayouts = []string{
	"Jan 2, 2006, 3:04:05 PM",
	"Jan 2, 2006 3:04:05 PM",
	"2 Jan 2006, 15:04:05",
	"2006-01-02 15:04:05",
}

// stravaRunTypes are Strava's running activity types, normalized (see
// normName): Run, Trail Run, Virtual Run.
var stravaRunTypes = map[string]bool{"run": true, "trailrun": true, "virtualrun": true}

func isStravaHeader(header []string) bool {
	var id, date bool
	for _, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "activity id":
			id = true
		case "activity date":
			date = true
		}
	}
	return id && date
}

func parseStrava(name string, data []byte, w *warner) []Entry {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		w.unread(1, nil, "unreadable header: %v: file skipped", csvErr(err))
		return nil
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, seen := col[h]; !seen {
			col[h] = i
		}
	}
	get := func(rec []string, column string) string {
		if i, ok := col[column]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	_, hasType := col["activity type"]
	if !hasType {
		w.add(1, `no "Activity Type" column: every activity is read as a run`)
	}

	var entries []Entry
	eachRow(r, w, 0, func(row int, rec []string) {
		sport := get(rec, "activity type")
		if hasType && !stravaRunTypes[normName(sport)] {
			return
		}
		date := get(rec, "activity date")
		t, ok := stravaDate(date)
		if !ok {
			w.unread(row, nil, "Activity Date %q not understood (want e.g. \"Nov 20, 2026, 7:10:23 AM\"): skipped", clip(date))
			return
		}
		var text []string
		for _, c := range []string{"activity description", "activity private note"} {
			if s := get(rec, c); s != "" {
				text = append(text, s)
			}
		}
		e := Entry{File: name, Line: row, When: t, HasTime: true, WhenUTC: true,
			Text: strings.Join(text, "\n"), OnsetKm: math.NaN(), OnsetMin: math.NaN(),
			Shoes: get(rec, "activity gear"), FITFile: get(rec, "filename"), Sport: sport}
		e.fill()
		entries = append(entries, e)
	})
	return entries
}

func stravaDate(s string) (time.Time, bool) {
	for _, layout := range stravaDateLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil && plausibleYear(t.Year()) {
			return t, true
		}
	}
	return time.Time{}, false
}
