package analysis

import "strings"

// PlainWarning returns a reading warning in plain words: parenthesised
// decoder internals (a Go error chain such as "(sequence 1: parsing data
// message: unexpected EOF (field 6 [num: 4 ...]))") are cut, and so is a
// chain of "a: b: c" after the warning's first clause. Reports print this;
// the decoder's own words go to stderr (RunResult.WarningDetails).
func PlainWarning(w string) string {
	var b strings.Builder
	for i := 0; i < len(w); {
		if w[i] == '(' {
			if end := closing(w, i); end > 0 && internal(w[i+1:end]) {
				i = end + 1
				continue
			}
		}
		b.WriteByte(w[i])
		i++
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	s = strings.ReplaceAll(s, " ;", ";")
	s = strings.ReplaceAll(s, " ,", ",")
	// Two or more ": " joins after the cut are an error chain, not a
	// sentence: keep the first clause.
	if strings.Count(s, ": ") >= 2 {
		s = s[:strings.Index(s, ": ")]
	}
	return strings.TrimSpace(s)
}

// closing is the index of the parenthesis that closes the one at open; -1
// when it is not closed.
func closing(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// internal reports whether parenthesised text is a decoder's error rather
// than words for a runner: Go error chains join with ": ", and decoders
// print their structures in brackets or braces and values in hex.
func internal(s string) bool {
	return strings.Contains(s, ": ") || strings.ContainsAny(s, "[{") || strings.Contains(s, "0x")
}

// WarningTopic is a warning's first clause, for a summary line: "file is
// cut short; read up to the cut" gives "file is cut short".
func WarningTopic(plain string) string {
	if i := strings.IndexAny(plain, ";:"); i > 0 {
		plain = plain[:i]
	}
	return strings.TrimSpace(plain)
}

// RunsWithWarnings counts the runs that have warnings and lists their
// topics (WarningTopic), each once, in run order.
func (res *Result) RunsWithWarnings() (runs int, topics []string) {
	seen := map[string]bool{}
	for i := range res.Runs {
		if len(res.Runs[i].Warnings) == 0 {
			continue
		}
		runs++
		for _, w := range res.Runs[i].Warnings {
			if t := WarningTopic(w); !seen[t] {
				seen[t] = true
				topics = append(topics, t)
			}
		}
	}
	return runs, topics
}
