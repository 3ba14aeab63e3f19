package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestAnalyzeJSONL: --format jsonl prints one line per run of the demo
// athlete, each the run's object of --format json (same order, same
// values); skipped files are named on stderr.
func TestAnalyzeJSONL(t *testing.T) {
	var lines, full, errOut bytes.Buffer
	if code := Main([]string{"analyze", "--no-cache", "--format", "jsonl", demoDir, "../../testdata/fit/multisport.fit"}, &lines, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if code := Main([]string{"analyze", "--no-cache", "--format", "json", demoDir, "../../testdata/fit/multisport.fit"}, &full, new(bytes.Buffer)); code != exitOK {
		t.Fatalf("json: exit %d", code)
	}
	var doc struct {
		Runs    []json.RawMessage `json:"runs"`
		Skipped []struct {
			Source string `json:"source"`
		} `json:"skipped"`
	}
	if err := json.Unmarshal(full.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) < 8 {
		t.Fatalf("only %d runs in the JSON report", len(doc.Runs))
	}
	sc := bufio.NewScanner(&lines)
	sc.Buffer(nil, 1<<22)
	i := 0
	for ; sc.Scan(); i++ {
		if i >= len(doc.Runs) {
			t.Fatalf("more lines than the %d runs", len(doc.Runs))
		}
		var a, b any
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		json.Unmarshal(doc.Runs[i], &b)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("line %d is not runs[%d] of the JSON report", i+1, i)
		}
	}
	if i != len(doc.Runs) {
		t.Errorf("%d lines for %d runs", i, len(doc.Runs))
	}
	if len(doc.Skipped) == 0 {
		t.Fatal("the multisport file's other legs should be skipped")
	}
	for _, s := range doc.Skipped {
		if !strings.Contains(errOut.String(), "skipped "+s.Source) {
			t.Errorf("stderr does not say %s was skipped:\n%s", s.Source, errOut.String())
		}
	}
}
