package report

import (
	"fmt"
	"strings"
	"unicode"
)

// Printable returns s with every control character (a newline, a tab, a
// terminal escape) written as a Go escape such as \n or \x1b, so that a
// file name or note cannot forge a line of the report or of stderr, or
// drive the terminal. Text without control characters is returned as is.
func Printable(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := fmt.Sprintf("%q", string(r))
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
