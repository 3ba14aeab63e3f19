package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/runlog/runlog/analysis"
)

// TestJSONStreamedSameAsWhole: JSON writes its runs one at a time; the bytes
// must be what encoding the whole document at once gives, with no run, one,
// and several (with markup and a newline in user text, which the encoder
// escapes).
func TestJSONStreamedSameAsWhole(t *testing.T) {
	one, many, none := sampleResult(), hostile(), sampleResult()
	none.Runs = nil
	second := many.Runs[0]
	second.Source, second.Session = "b.fit", 0
	many.Runs = append(many.Runs, second, one.Runs[0])
	for _, c := range []struct {
		name string
		runs int
	}{{"none", 0}, {"one", 1}, {"many", 3}} {
		res := map[string]*analysis.Result{"none": &none, "one": &one, "many": &many}[c.name]
		var got bytes.Buffer
		if err := JSON(&got, res); err != nil {
			t.Fatal(err)
		}
		// The same document encoded whole.
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(got.Bytes(), &doc); err != nil {
			t.Fatalf("%s: output is not JSON: %v", c.name, err)
		}
		var runs []json.RawMessage
		json.Unmarshal(doc["runs"], &runs)
		if len(runs) != c.runs {
			t.Fatalf("%s: %d runs in the output, want %d", c.name, len(runs), c.runs)
		}
		whole := jsonDoc{}
		if err := json.Unmarshal(got.Bytes(), &whole); err != nil {
			t.Fatal(err)
		}
		whole.Runs = []jsonRun{}
		for i := range res.Runs {
			whole.Runs = append(whole.Runs, toJSONRun(&res.Runs[i]))
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(whole); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed JSON differs from the whole document encoded at once:\n got %q\nwant %q", c.name, got.String(), want.String())
		}
	}
}

// TestJSONL: one compact line per run, each the run's object of runlog/v1
// (the same fields and values as the element of "runs" in JSON), in order.
func TestJSONL(t *testing.T) {
	res := hostile()
	second := sampleResult().Runs[0]
	second.Source = "b.fit"
	res.Runs = append(res.Runs, second)
	var out, full bytes.Buffer
	if err := JSONL(&out, &res); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&full, &res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []map[string]any `json:"runs"`
	}
	if err := json.Unmarshal(full.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) != line || strings.Contains(line, "\n  ") {
			t.Errorf("line %d is not one compact object: %q", n+1, line)
		}
		var run map[string]any
		if err := json.Unmarshal([]byte(line), &run); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if n >= len(doc.Runs) {
			t.Fatalf("more lines than runs (%d)", len(doc.Runs))
		}
		a, _ := json.Marshal(run)
		b, _ := json.Marshal(doc.Runs[n])
		if string(a) != string(b) {
			t.Errorf("line %d differs from runs[%d] of JSON:\n%s\n%s", n+1, n, a, b)
		}
		n++
	}
	if n != len(res.Runs) {
		t.Errorf("%d lines, want one per run (%d)", n, len(res.Runs))
	}
	var empty bytes.Buffer
	res.Runs = nil
	if err := JSONL(&empty, &res); err != nil || empty.Len() != 0 {
		t.Errorf("no runs: got %q, %v; want nothing", empty.String(), err)
	}
}
