package fitparse

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestInputsZipOddNamesAndNestedZips: an entry with a FIT name is read
// whatever its path ("../../etc/evil.fit", "./a.fit", "/abs/b.fit"), with
// zip's insecure-path check on or off, and a zip inside the zip is listed
// with an error instead of vanishing. Hidden entries stay hidden.
func TestInputsZipOddNamesAndNestedZips(t *testing.T) {
	for _, godebug := range []string{"", "zipinsecurepath=0"} {
		t.Run("GODEBUG="+godebug, func(t *testing.T) {
			if godebug != "" {
				t.Setenv("GODEBUG", godebug)
			}
			archive := filepath.Join(t.TempDir(), "export.zip")
			inner := zipBytes(t, zipItem{"run.fit", []byte("inner")})
			writeFile(t, archive, zipBytes(t,
				zipItem{"../../etc/evil.fit", []byte("evil")},
				zipItem{"./a.fit", []byte("dot")},
				zipItem{"/abs/b.fit", []byte("abs")},
				zipItem{"inner.zip", inner},
				zipItem{"more/Runs.ZIP", inner},
				zipItem{"notes.txt", []byte("not an activity")},
				zipItem{"__MACOSX/._c.fit", []byte("apple double")},
				zipItem{"../.hidden/d.fit", []byte("hidden")},
			))
			ins := collect([]string{archive}, InputOptions{})
			want := []string{"../../etc/evil.fit", "./a.fit", "/abs/b.fit", "inner.zip", "more/Runs.ZIP"}
			slices.Sort(want)
			for i := range want {
				want[i] = archive + "!" + want[i]
			}
			if got := names(ins); !slices.Equal(got, want) {
				t.Fatalf("names\n%q\nwant\n%q", got, want)
			}
			for _, in := range ins {
				b, err := in.ReadAll()
				switch filepath.Ext(in.Name) {
				case ".fit":
					if err != nil || len(b) == 0 {
						t.Errorf("%s: %q, %v", in.Name, b, err)
					}
				default:
					if w := in.Name + ": a zip inside a zip is not read; unpack it first"; in.Err == nil || in.Err.Error() != w || err != in.Err {
						t.Errorf("%s: Err %v, read error %v; want %q", in.Name, in.Err, err, w)
					}
				}
			}
			if b, _ := ins[slices.Index(names(ins), archive+"!../../etc/evil.fit")].ReadAll(); string(b) != "evil" {
				t.Errorf("evil.fit read as %q", b)
			}
			// Files reports the nested zip as an input that could not be read.
			n := 0
			for f := range Files([]string{archive}, InputOptions{}) {
				if f.Err != nil && filepath.Ext(f.Source) != ".fit" {
					n++
				}
			}
			if n != 2 {
				t.Errorf("Files reported %d nested zips, want 2", n)
			}
		})
	}
}
