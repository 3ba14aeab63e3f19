package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/runlog/runlog/analysis"
)

// JSONL writes one line per run: the run's object of runlog/v1 (an element
// of "runs" in JSON's output, the same fields), without indentation, in the
// order of the runs. Skipped files, errors, notes and the advice are not in
// it: it is for engines that read a club's runs line by line (DuckDB,
// Spark, Beam; docs/scaling.md). No runs, no lines.
func JSONL(w io.Writer, res *analysis.Result) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw) // Encode ends each object with a newline
	for i := range res.Runs {
		if err := enc.Encode(toJSONRun(&res.Runs[i])); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// writeWithRuns writes doc, indented by two spaces, as json.Encoder would
// with its "runs" replaced by runs, but converts and encodes one run at a
// time, so the whole document is never in memory at once (a thousand runs
// made an 11 MB buffer and its parts: docs/performance.md, peak memory).
// The bytes are the same as encoding the document whole.
func writeWithRuns(w io.Writer, doc *jsonDoc, runs []analysis.RunResult) error {
	doc.Runs = []jsonRun{}
	head, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	// Top-level keys are the only lines indented by exactly two spaces, and
	// a newline inside a string is escaped, so this is the "runs" key.
	const empty = "\n  \"runs\": [],\n"
	at := bytes.Index(head, []byte(empty))
	if at < 0 {
		return errors.New("report: no runs key in the JSON document")
	}
	bw := bufio.NewWriter(w)
	if len(runs) == 0 {
		bw.Write(head)
	} else {
		bw.Write(head[:at])
		bw.WriteString("\n  \"runs\": [")
		for i := range runs {
			b, err := json.MarshalIndent(toJSONRun(&runs[i]), "    ", "  ")
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n    ")
			bw.Write(b)
		}
		bw.WriteString("\n  ],\n")
		bw.Write(head[at+len(empty):])
	}
	bw.WriteByte('\n')
	return bw.Flush()
}
