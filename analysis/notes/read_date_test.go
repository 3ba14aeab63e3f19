package notes

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestReadDate(t *testing.T) {
	d := func(y, m, dd int) Day { return Day{y, time.Month(m), dd} }
	for _, c := range []struct {
		in, order string
		n         int   // bytes read; -1: the whole input
		days      []Day // nil with n 0: no date
		problem   bool
		weekday   string
	}{
		{in: "2024-07-09", n: -1, days: []Day{d(2024, 7, 9)}},
		{in: "2024/07/09 numb", n: 10, days: []Day{d(2024, 7, 9)}},
		{in: "2024.7.9", n: -1, days: []Day{d(2024, 7, 9)}},
		{in: "2024-07/09", n: 0},
		{in: "9 Jul 2024", n: -1, days: []Day{d(2024, 7, 9)}},
		{in: "9 jul. 2024: numb", n: 11, days: []Day{d(2024, 7, 9)}},
		{in: "July 9, 2024", n: -1, days: []Day{d(2024, 7, 9)}},
		{in: "March 14, 2020", n: -1, days: []Day{d(2020, 3, 14)}},
		{in: "march 14 2020", n: -1, days: []Day{d(2020, 3, 14)}},
		{in: "Sept 3rd, 2023", n: -1, days: []Day{d(2023, 9, 3)}},
		{in: "9th July 2024", n: -1, days: []Day{d(2024, 7, 9)}},
		{in: "3rd of March 2024", n: -1, days: []Day{d(2024, 3, 3)}},
		{in: "9-Jul-24", n: -1, days: []Day{d(2024, 7, 9)}},
		{in: "09-Jul-2024", n: -1, days: []Day{d(2024, 7, 9)}},
		// 1 January 2024 was a Monday.
		{in: "Wednesday, 3 January 2024", n: -1, days: []Day{d(2024, 1, 3)}, weekday: "Wednesday"},
		{in: "Wed 3 Jan 2024", n: -1, days: []Day{d(2024, 1, 3)}, weekday: "Wednesday"},
		{in: "Tue 3 Jan 2024", n: -1, days: []Day{d(2024, 1, 3)}, weekday: "Tuesday", problem: true},
		{in: "Thurs, Jan 4", n: -1, days: []Day{d(0, 1, 4)}, weekday: "Thursday"},
		// Without a year.
		{in: "Tue 9 July", n: -1, days: []Day{d(0, 7, 9)}, weekday: "Tuesday"},
		{in: "9 July 10k easy", n: 6, days: []Day{d(0, 7, 9)}},
		{in: "9 July, 10k easy", n: 6, days: []Day{d(0, 7, 9)}},
		{in: "May 5", n: -1, days: []Day{d(0, 5, 5)}},
		{in: "29 Feb", n: -1, days: []Day{d(0, 2, 29)}},
		{in: "30 Feb", n: -1, problem: true},
		{in: "31 Apr 2024", n: -1, problem: true},
		// Numeric, year last.
		{in: "15/08/2015", n: -1, days: []Day{d(2015, 8, 15)}},
		{in: "08/15/2015", n: -1, days: []Day{d(2015, 8, 15)}},
		{in: "15.08.2015", n: -1, days: []Day{d(2015, 8, 15)}},
		{in: "15-08-15", n: -1, days: []Day{d(2015, 8, 15)}},
		{in: "04/04/2024", n: -1, days: []Day{d(2024, 4, 4)}},
		{in: "03/04/2024", n: -1, days: []Day{d(2024, 3, 4), d(2024, 4, 3)}, problem: true},
		{in: "03/04/2024", order: DayFirst, n: -1, days: []Day{d(2024, 4, 3)}},
		{in: "03/04/2024", order: MonthFirst, n: -1, days: []Day{d(2024, 3, 4)}},
		{in: "15/08/2015", order: MonthFirst, n: -1, days: []Day{d(2015, 8, 15)}}, // only one reading: the order does not matter
		{in: "13/13/2024", n: -1, problem: true},
		// A two-digit year: the year-first reading counts too.
		{in: "24-07-09", n: -1, days: []Day{d(2009, 7, 24), d(2024, 7, 9)}, problem: true},
		{in: "03/04/24", n: -1, days: []Day{d(2003, 4, 24), d(2024, 3, 4), d(2024, 4, 3)}, problem: true},
		{in: "03/04/24", order: MonthFirst, n: -1, days: []Day{d(2024, 3, 4)}},
		{in: "24-07-09", order: MonthFirst, n: -1, days: []Day{d(2009, 7, 24), d(2024, 7, 9)}, problem: true},
		{in: "31/02/2024", n: -1, problem: true},
		// Not dates.
		{in: "Ran 9 July", n: 0},
		{in: "Maybe 5 km", n: 0},
		{in: "9 Julyish", n: 0},
		{in: "1/2/2024/5", n: 0},
		{in: "9/7 felt numb", n: 0},
		{in: "3/5 severity", n: 0},
		{in: "May 2024", n: 0},
		{in: "2024-07-091", n: 0},
		{in: "10.5 km", n: 0},
		{in: "", n: 0},
	} {
		got := readDate(c.in, c.order)
		n := c.n
		if n < 0 {
			n = len(c.in)
		}
		var bad []string
		if got.n != n {
			bad = append(bad, "n")
		}
		if !sameDays(got.days, c.days) && !(c.problem && c.days == nil) {
			bad = append(bad, "days")
		}
		if (got.problem != "") != c.problem {
			bad = append(bad, "problem")
		}
		if wd := map[bool]string{true: got.weekday.String()}[got.hasWeekday]; wd != c.weekday {
			bad = append(bad, "weekday")
		}
		if len(bad) > 0 {
			t.Errorf("readDate(%q, %q) = n %d, days %v, problem %q, weekday %v/%v: wrong %s",
				c.in, c.order, got.n, got.days, got.problem, got.hasWeekday, got.weekday, strings.Join(bad, ", "))
		}
	}
}

func sameDays(a, b []Day) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReadStampTime(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2024-07-09T07:10", "2024-07-09 07:10"},
		{"July 9, 2024, 7:10 pm", "2024-07-09 19:10"},
		{"9 Jul 2024 at 6:05", "2024-07-09 06:05"},
		{"2024-07-09 07:10:00Z", "2024-07-09 07:10"},
		{"2024-07-09T07:10+02:00", "2024-07-09 05:10"},
	} {
		st := readStamp(c.in, "")
		if st.n != len(c.in) || st.problem != "" || !st.hasTime || len(st.days) != 1 {
			t.Errorf("readStamp(%q) = %+v", c.in, st)
			continue
		}
		if got := st.at(st.days[0]).t.Format("2006-01-02 15:04"); got != c.want {
			t.Errorf("readStamp(%q): %s, want %s", c.in, got, c.want)
		}
	}
}

// TestSerialDate: serials whose dates are known from spreadsheets
// (=DATE(2024,1,1) is 45292; the Unix epoch is 25569; the 45482).
func TestSerialDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "" not a serial
	}{
		{"45292", "2024-01-01 00:00"},
		{"45482", "2024-07-09 00:00"},
		{"45482.75", "2024-07-09 18:00"},
		{"25569", "1970-01-01 00:00"},
		{"25568", ""}, // 1969: before runlog reads serials
		{"4548", ""},
		{"45482.", ""},
		{"-45482", ""},
		{"4.5482e4", ""},
	} {
		tm, _, ok := serialDate(c.in)
		got := ""
		if ok {
			got = tm.Format("2006-01-02 15:04")
		}
		if got != c.want {
			t.Errorf("serialDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDayString(t *testing.T) {
	if s := (Day{2024, 3, 4}).String(); s != "2024-03-04" {
		t.Error(s)
	}
	if d := (Day{0, 7, 9}); d.String() != "--07-09" || !d.YearMissing() {
		t.Error(d.String())
	}
}

func TestOptionsCheck(t *testing.T) {
	if _, _, err := ReadWith("n.md", strings.NewReader("2024-07-09 numb\n"), Options{DateOrder: "ymd"}); err == nil || !strings.Contains(err.Error(), "date order") {
		t.Errorf("bad order: %v", err)
	}
}

func FuzzReadDate(f *testing.F) {
	for _, s := range []string{"2024-07-09T07:10+02:00", "Tue 9 July", "03/04/2024", "July 9, 2024, 7:10 pm", "9-Jul-24", "31 Apr 2024", "Wed, 3rd of Jan. 2024 at 25:99"} {
		f.Add(s, "")
		f.Add(s, DayFirst)
	}
	f.Fuzz(func(t *testing.T, s, order string) {
		st := readStamp(s, order)
		if st.n < 0 || st.n > len(s) || st.n == 0 && (st.days != nil || st.problem != "") {
			t.Fatalf("readStamp(%q) = %+v", s, st)
		}
		if st.n > 0 && !utf8.ValidString(s[:st.n]) && utf8.ValidString(s) {
			t.Fatalf("cut a character: %q", s[:st.n])
		}
		if st.problem == "" && st.n > 0 && len(st.days) != 1 {
			t.Fatalf("read without one date: %+v", st)
		}
		for _, d := range st.days {
			if !validDay(d.Year, int(d.Month), d.Day) || d.Year != 0 && !plausibleYear(d.Year) {
				t.Fatalf("impossible candidate %v from %q", d, s)
			}
			if d.Year != 0 && st.problem == "" {
				if w := st.at(d); w.t.Location() != time.UTC {
					t.Fatalf("zone %v", w.t.Location())
				}
			}
		}
		for i := 1; i < len(st.days); i++ {
			if !(st.days[i-1].String() < st.days[i].String()) {
				t.Fatalf("candidates not sorted and distinct: %v", st.days)
			}
		}
	})
}
