package report

import "testing"

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"run.fit":                 "run.fit",
		"a\nrunlog: all good.fit": `a\nrunlog: all good.fit`,
		"\x1b[31mred\x1b[0m.fit":  `\x1b[31mred\x1b[0m.fit`,
		"Läufe/2026 morning.fit":  "Läufe/2026 morning.fit",
		"tab\there":               `tab\there`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
