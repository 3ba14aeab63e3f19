package notes

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func appendEntry() Entry {
	return Entry{When: time.Date(2026, 11, 20, 7, 10, 0, 0, time.UTC), HasTime: true, Text: "numb toes, laces, after the long hill",
		Foot: "left", OnsetKm: 3 * kmPerMile, OnsetUnit: "mi", OnsetMin: math.NaN(), Severity: 3, Shoes: "Pegasus 40"}
}

// TestAppendNoteKeepsFormat: for every format the note is added in the
// file's own shape, the notes already there are kept, and the new note
// reads back with its date, time, foot, onset, severity, shoes and text.
func TestAppendNoteKeepsFormat(t *testing.T) {
	cases := []struct {
		name, file, old string
		want            []string // in the new file
	}{
		{"journal", "notes.md", "# my log\n- 9 Jul 2024: left toes numb at 5k\n", []string{"- 9 Jul 2024: left toes numb at 5k\n2026-11-20 07:10 left foot; at 3 mi; severity 3/5; shoes: Pegasus 40 — numb toes"}},
		{"journal without final newline", "log.txt", "2024-07-09 numb", []string{"2024-07-09 numb\n2026-11-20 07:10 "}},
		{"new journal", "new.md", "", []string{JournalHeader + "\n2026-11-20 07:10 left foot"}},
		{"csv", "notes.csv", "Date,Foot,Notes\n09/07/2024,left,numb toes at 5k\n", []string{"09/07/2024,left,numb toes at 5k\n2026-11-20 07:10,left,\"at 3 mi; severity 3/5; shoes: Pegasus 40 — numb toes, laces, after the long hill\"\n"}},
		{"spreadsheet csv", "log.csv", "\xef\xbb\xbfsep=;\r\n\"Date\";\"Time\";\"Onset (mi)\";\"Shoes\";\"Pain level\";\"Comments, free text\"\r\n2024-07-09;07:00;3;Ghost;2;\"numb\r\nagain\"", []string{"\"numb\r\nagain\"\r\n2026-11-20;07:10;3;Pegasus 40;3;left foot — numb toes, laces, after the long hill\r\n"}},
		{"csv keeps tabs", "notes.tsv", "date\tnotes\n2024-07-09\tnumb\n", []string{"2024-07-09\tnumb\n2026-11-20 07:10\tleft foot; at 3 mi; severity 3/5; shoes: Pegasus 40 — numb toes, laces, after the long hill\n"}},
		{"new csv", "fresh.csv", "", []string{"date,time,foot,onset,severity,shoes,notes\n2026-11-20,07:10,left,3 mi,3,Pegasus 40,\"numb toes, laces, after the long hill\"\n"}},
		{"json array", "notes.json", "[\n  {\n    \"day\": \"2024-07-09\",\n    \"comment\": \"numb toes\"\n  }\n]\n",
			[]string{"    \"comment\": \"numb toes\"\n  },\n  {\n    \"day\": \"2026-11-20 07:10\",\n    \"foot\": \"left\",\n    \"onset_mi\": 3,\n    \"severity\": 3,\n    \"shoes\": \"Pegasus 40\",\n    \"comment\": \"numb toes, laces, after the long hill\"\n  }\n]\n"}},
		{"empty json array", "e.json", "[]", []string{"[\n  {\n    \"date\": \"2026-11-20 07:10\""}},
		{"compact json array", "c.json", `[{"date":"2024-07-09","text":"numb"}]`, []string{`[{"date":"2024-07-09","text":"numb"},{"date":"2026-11-20 07:10","foot":"left","onset_mi":3,`}},
		{"wrapped json", "export.json", "{\"version\": 2, \"data\": {\"entries\": [\n    {\"date\": \"2024-07-09\", \"time\": \"07:00\", \"onset_km\": 5, \"notes\": \"numb\"}\n  ]}, \"tags\": [\"a\"]}\n",
			[]string{"\"notes\": \"numb\"},\n    {\n      \"date\": \"2026-11-20\",\n      \"time\": \"07:10\",\n      \"foot\": \"left\",\n      \"onset_km\": 4.83,", "\n  ]}, \"tags\": [\"a\"]}\n"}},
		{"wrapped empty list", "w.json", "{\"athlete\": \"ana\", \"entries\": []}\n", []string{"{\"athlete\": \"ana\", \"entries\": [\n  {\n    \"date\": \"2026-11-20 07:10\""}},
		{"json lines", "notes.jsonl", "{\"date\": \"2024-07-09\", \"numb\": true, \"text\": \"toes\"}\n", []string{"\n{\"date\":\"2026-11-20 07:10\",\"foot\":\"left\",\"onset_mi\":3,\"severity\":3,\"shoes\":\"Pegasus 40\",\"text\":\"numb toes, laces, after the long hill\"}\n"}},
		{"new json lines", "n.ndjson", "", []string{"{\"date\":\"2026-11-20 07:10\""}},
		{"markdown table", "table.md", "| Date | Notes |\n|---|---|\n| 9 Jul 2024 | numb |\n", []string{"| 9 Jul 2024 | numb |\n2026-11-20 07:10 left foot"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.file)
			if c.old != "" {
				os.WriteFile(path, []byte(c.old), 0o640)
			}
			before, _, _ := ReadFile(path)
			e := appendEntry()
			shown, err := AppendNote(path, e, Options{})
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(path)
			for _, w := range c.want {
				if !strings.Contains(string(data), w) {
					t.Errorf("file lacks %q:\n%s", w, data)
				}
			}
			if !strings.Contains(shown, "numb toes, laces") || !strings.Contains(shown, "2026-11-20") {
				t.Errorf("shown %q", shown)
			}
			got, warnings, err := ReadFile(path)
			if err != nil || len(got) != len(before)+1 {
				t.Fatalf("read back %d notes (before %d): %v %v", len(got), len(before), err, warnings)
			}
			for i := range before {
				if got[i].Text != before[i].Text || !got[i].When.Equal(before[i].When) {
					t.Errorf("note %d changed: %+v -> %+v", i, before[i], got[i])
				}
			}
			n := got[len(got)-1]
			if n.When != e.When || !n.HasTime || n.Facts.Foot != "left" || math.Abs(n.Facts.OnsetKm-e.OnsetKm) > 0.01 || n.Facts.Numbness != Yes ||
				!strings.Contains(n.Text, e.Text) || !strings.Contains(n.Shoes+n.Text, "Pegasus 40") {
				t.Errorf("read back as %+v", n)
			}
			if n.Severity != 3 && !strings.Contains(n.Text, "severity 3/5") {
				t.Errorf("severity lost: %+v", n)
			}
			if info, _ := os.Stat(path); c.old != "" && info.Mode().Perm() != 0o640 {
				t.Errorf("mode %v", info.Mode().Perm())
			}
			leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*runlog-*"))
			if len(leftovers) > 0 {
				t.Errorf("temporary files left: %v", leftovers)
			}
		})
	}
}

// TestAppendNoteRefuses: what cannot hold a note that reads back is
// refused, names the file and why, and leaves the file as it was.
func TestAppendNoteRefuses(t *testing.T) {
	cases := []struct {
		name, file, old, why string
	}{
		{"csv without text column", "notes.csv", "Date,Foot,Severity\n2024-07-09,left,3\n", "no text or notes column"},
		{"csv without date column", "log.csv", "Run,Notes\n1,numb\n", "date column"},
		{"strava", "activities.csv", "Activity ID,Activity Date,Activity Name\n1,\"Jul 9, 2024, 7:00:00 AM\",Run\n", "Strava"},
		{"json that is not", "notes.json", "2024-07-09 numb\n", "does not hold JSON"},
		{"invalid json array", "notes.json", "[{\"date\": \"2024-07-09\", \"text\": \"numb\"},\n {\"date\": oops}]\n", "invalid JSON on line 2"},
		{"several lists", "x.json", "{\"a\": [{\"date\": \"2024-07-09\"}], \"b\": [{\"date\": \"2024-07-10\"}]}", "several lists"},
		{"object without a list", "a.json", "{\"athlete\": \"ana\"}\n", "no list of notes"},
		{"binary", "notes.md", "\x00\x01\x02binary", "cannot read it"},
		{"open comment", "notes.md", "2024-07-09 numb\n<!-- old notes\n", "would not read back"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.file)
			os.WriteFile(path, []byte(c.old), 0o644)
			_, err := AppendNote(path, appendEntry(), Options{})
			var re *RefusedError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), c.why) || !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error %v, want a refusal saying %q", err, c.why)
			}
			if data, _ := os.ReadFile(path); string(data) != c.old {
				t.Errorf("file changed:\n%q", data)
			}
		})
	}
	// A note that is not valid: refused before the file is touched.
	path := filepath.Join(t.TempDir(), "none.md")
	if _, err := AppendNote(path, Entry{When: time.Now(), Text: " "}, Options{}); err == nil {
		t.Error("an empty note was written")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a refused note created the file")
	}
}

// FuzzAppend: for any existing file and note, AppendNote's plan is either
// a refusal or content from which every note read before, and the new one,
// read back.
func FuzzAppend(f *testing.F) {
	f.Add("notes.md", []byte("# log\n2024-07-09 numb\n"), "numb toes", int64(1732086600), true, 3.0, 2)
	f.Add("notes.csv", []byte("Date;Notes\n09.07.2024;numb\n"), "tingling, left foot", int64(1732000000), false, 0.0, 0)
	f.Add("notes.json", []byte(`{"entries": [{"date": "2024-07-09", "text": "x"}]}`), "fine", int64(1700000000), true, 25.0, 5)
	f.Add("notes.jsonl", []byte("{\"date\": \"2024-07-09\"}\n{\"date\": \"2024-07-10\", \"numb\": 1}"), "a \"quoted\" note", int64(1600000000), false, 1.5, 1)
	f.Add("notes.txt", []byte("| Date | Notes |\n|---|---|\n| 9 Jul | numb |"), "x", int64(1650000000), true, 0.0, 0)
	f.Add("n.json", []byte("[]"), "—;|,\"\n", int64(1650000000), true, 0.0, 4)
	f.Fuzz(func(t *testing.T, name string, old []byte, text string, unix int64, hasTime bool, onset float64, severity int) {
		if len(old) > 1<<16 || len(text) > 1<<10 {
			return
		}
		when := time.Unix(unix%4102444800, 0).UTC()
		if !hasTime {
			when = time.Date(when.Year(), when.Month(), when.Day(), 0, 0, 0, 0, time.UTC)
		}
		e := Entry{When: when, HasTime: hasTime, Text: text, OnsetKm: math.NaN(), OnsetMin: math.NaN(), Severity: severity}
		if onset > 0 && onset < 1000 {
			e.OnsetKm = onset
		}
		name = filepath.Base(name)
		plan, err := planAppend(name, old, e, Options{})
		if err != nil {
			var re *RefusedError
			if !errors.As(err, &re) {
				t.Fatalf("not a refusal: %v", err)
			}
			return
		}
		content := plan.Whole
		if content == nil {
			content = append(append([]byte(nil), old...), plan.Add...)
		}
		before, _, _ := Read(name, strings.NewReader(string(old)))
		after, _, err := Read(name, strings.NewReader(string(content)))
		if err != nil || len(after) != len(before)+1 {
			t.Fatalf("%d notes before, %d after (%v):\n%q", len(before), len(after), err, content)
		}
		if plan.Whole == nil && !strings.HasPrefix(string(content), string(old)) {
			t.Fatal("an append changed the bytes before it")
		}
		last := after[len(after)-1]
		if last.When.Format("2006-01-02") != when.Format("2006-01-02") || !strings.Contains(last.Text, cleanText(text)) {
			t.Fatalf("read back as %v %q", last.When, last.Text)
		}
	})
}
