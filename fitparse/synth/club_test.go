package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	mdecoder "github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
)

// TestWriteClub: a club archive has a folder per athlete with one
// hour-long run per day, each a valid FIT file of 3,600 one-second records
// (fewer by the pause on every 5th run that has no walk break), and the
// same bytes on a second writing.
func TestWriteClub(t *testing.T) {
	dir := t.TempDir()
	paths, err := WriteClub(dir, 2, 6)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 12 {
		t.Fatalf("%d files, want 12", len(paths))
	}
	if got, want := paths[7], filepath.Join(dir, "athlete-02", "2025-01-02-run.fit"); got != want {
		t.Errorf("paths[7] = %s, want %s", got, want)
	}
	for _, p := range paths[:6] {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fit, err := mdecoder.New(bytes.NewReader(data)).Decode()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		act := filedef.NewActivity(fit.Messages...)
		if len(act.Sessions) != 1 || len(act.Records) < 3500 || len(act.Records) > 3600 {
			t.Errorf("%s: %d sessions, %d records; want 1 session of an hour at 1 s", p, len(act.Sessions), len(act.Records))
		}
		if s := act.Sessions[0]; s.TotalTimerTime != 3600_000 {
			t.Errorf("%s: timer %d ms, want an hour", p, s.TotalTimerTime)
		}
	}
	again, err := WriteClub(t.TempDir(), 2, 6)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(paths[11])
	b, _ := os.ReadFile(again[11])
	if !bytes.Equal(a, b) {
		t.Error("a second writing gives other bytes")
	}
}
