package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/runlog/runlog/analysis"
)

// hostileRoster is a roster whose first athlete's folder name carries
// HTML, a quote and a table pipe, with an error naming a hostile file.
func hostileRoster() ([]analysis.Summary, map[string]string) {
	name := `ev"il|<script>alert(1)</script>`
	list := []analysis.Summary{
		{Name: name, Runs: 8, Numb: 3, LikelyCauses: []string{"lacing"}, WithNumb: []string{"downhill", "cold_notes"},
			WithNumbTitles: []string{"downhill running", "cold in the notes"}, SeeDoctor: true,
			Errors: []analysis.InputError{{Source: "x", Err: `runs/<img src=x onerror="a()">|b.fit: not a FIT file`}}, NotesUnread: 2},
		{Name: "bob", Runs: 5, Numb: 0, LikelyCauses: []string{}},
	}
	files := map[string]string{name: `ev_il_ _script_alert(1)_#x.html`, "bob": "bob.html"}
	return list, files
}

func TestRosterMarkdown(t *testing.T) {
	list, files := hostileRoster()
	var buf bytes.Buffer
	if err := RosterMarkdown(&buf, list, files); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", "<img", "](http"} {
		if regexp.MustCompile(`(^|[^\\])` + regexp.QuoteMeta(bad)).MatchString(out) {
			t.Errorf("markdown holds %q unescaped:\n%s", bad, out)
		}
	}
	want := []string{
		"# runlog roster\n\n2 athletes, by the attention they need",
		"| athlete | runs | numb runs | likely causes | also with numb runs | doctor advised | errors | notes unread |\n|---|--:|--:|---|---|---|--:|--:|\n",
		"| [ev\"il\\|\\<script\\>alert(1)\\</script\\>](ev_il_%20_script_alert%281%29_%23x.html) | 8 | 3 | lacing | downhill running, cold in the notes | YES | 1 | 2 |\n",
		"| [bob](bob.html) | 5 | 0 | - | - | - | - | - |\n",
		"- **ev\"il\\|\\<script\\>alert(1)\\</script\\>**: runs/\\<img src=x onerror=\"a()\"\\>\\|b.fit: not a FIT file\n",
		"*runlog is not medical advice",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("markdown lacks %q:\n%s", w, out)
		}
	}
	// Every row has the heading's cell borders.
	unescaped := regexp.MustCompile(`(^|[^\\])\|`)
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| ") {
			if n := len(unescaped.FindAllString(l, -1)); n != 9 {
				t.Errorf("row with %d cell borders: %q", n, l)
			}
		}
	}
	// Without files, no links.
	buf.Reset()
	RosterMarkdown(&buf, list, nil)
	if strings.Contains(buf.String(), "](") || !strings.Contains(buf.String(), "| bob | 5 |") {
		t.Errorf("roster without files:\n%s", buf.String())
	}
	buf.Reset()
	RosterMarkdown(&buf, nil, nil)
	if !strings.Contains(buf.String(), "No athletes") || strings.Contains(buf.String(), "|") {
		t.Errorf("empty roster:\n%s", buf.String())
	}
}

func TestRosterHTML(t *testing.T) {
	list, files := hostileRoster()
	var buf bytes.Buffer
	if err := RosterHTML(&buf, list, files); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	low := strings.ToLower(out)
	for _, bad := range []string{"<script", "<img", "onerror=\"", "javascript:", "<link"} {
		if strings.Contains(low, bad) {
			t.Errorf("html holds %q", bad)
		}
	}
	want := []string{
		`<a href="ev_il_%20_script_alert%281%29_%23x.html">ev&#34;il|&lt;script&gt;alert(1)&lt;/script&gt;</a>`,
		`<tr class="doctor"><td class="l"><a`,
		`<td>8</td><td>3</td><td class="l">lacing</td><td class="l">downhill running, cold in the notes</td><td class="l doctor">YES</td><td>1</td><td>2</td></tr>`,
		`<a href="bob.html">bob</a></td><td>5</td><td>0</td><td class="l">-</td>`,
		`runs/&lt;img src=x onerror=&#34;a()&#34;&gt;|b.fit: not a FIT file`,
		`<th class="l">athlete</th><th>runs</th><th>numb runs</th><th class="l">likely causes</th><th class="l">also with numb runs</th><th class="l">doctor advised</th><th>errors</th><th>notes unread</th>`,
		"<style>",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("html lacks %q:\n%s", w, out)
		}
	}
	buf.Reset()
	RosterHTML(&buf, list, nil)
	if strings.Contains(buf.String(), "<a ") {
		t.Error("links without files")
	}
}

func TestRelLink(t *testing.T) {
	for in, want := range map[string]string{
		"ana.html":       "ana.html",
		"dan_the man.md": "dan_the%20man.md",
		"Zoë.html":       "Zo%C3%AB.html",
		"a#b?c:d&e.html": "a%23b%3Fc%3Ad%26e.html",
	} {
		if got := relLink(in); got != want {
			t.Errorf("relLink(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRosterTextLegend: the text roster says what "also with numb runs"
// holds, wrapped to 100 columns, and names the findings for people.
func TestRosterTextLegend(t *testing.T) {
	list, _ := hostileRoster()
	var buf bytes.Buffer
	if err := RosterText(&buf, list); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "downhill running, cold in the notes") || !strings.Contains(out, "Also with numb runs: what the watch") {
		t.Errorf("roster:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "  ev") && !strings.HasPrefix(l, "  athlete") && !strings.HasPrefix(l, "  bob") && len([]rune(l)) > rosterWidth {
			t.Errorf("%d columns: %q", len([]rune(l)), l)
		}
	}
}
