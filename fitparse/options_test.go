package fitparse

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestDecoderChoice: muktihari reads first by default; DecodeOptions can put
// tormoder first, and each falls back to the other.
func TestDecoderChoice(t *testing.T) {
	for _, c := range []struct {
		file, def, tormoderFirst string
	}{
		{"fenix2-run.fit", DecoderMuktihari, DecoderTormoder},
		{"fr70-run-compressed-speed.fit", DecoderMuktihari, DecoderTormoder},
		{"fr255-triathlon.fit", DecoderMuktihari, DecoderMuktihari}, // tormoder refuses it (field sizes)
		{"fr55-walk.fit", DecoderMuktihari, DecoderMuktihari},
	} {
		data := fixture(t, c.file)
		for _, opt := range []struct{ name, want string }{{"", c.def}, {DecoderMuktihari, c.def}, {DecoderTormoder, c.tormoderFirst}} {
			f := DecodeWith(c.file, data, DecodeOptions{Decoder: opt.name})
			if f.Err != nil || f.Decoder != opt.want {
				t.Errorf("%s with %q first: read by %q (error %v), want %q", c.file, opt.name, f.Decoder, f.Err, opt.want)
			}
		}
	}
}

func TestCheckDecoder(t *testing.T) {
	for _, ok := range []string{"", "muktihari", "tormoder"} {
		if err := CheckDecoder(ok); err != nil {
			t.Errorf("CheckDecoder(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"Tormoder", "garmin", " muktihari"} {
		err := CheckDecoder(bad)
		if err == nil || !strings.Contains(err.Error(), "muktihari") || !strings.Contains(err.Error(), "tormoder") {
			t.Errorf("CheckDecoder(%q) = %v, want an error naming both decoders", bad, err)
		}
		if f := DecodeWith("a.fit", []byte("x"), DecodeOptions{Decoder: bad}); f.Err == nil || !strings.HasPrefix(f.Err.Error(), "a.fit: ") {
			t.Errorf("DecodeWith with decoder %q: %v", bad, f.Err)
		}
	}
}

// TestDecodeConcurrent decodes every fixture from several goroutines at once,
// with both decoder orders, and compares each result with a serial decode.
// Run with -race, it is the proof that Decode may be called concurrently
// (tormoder keeps its state in package variables).
func TestDecodeConcurrent(t *testing.T) {
	names := allFixtures(t)
	type job struct {
		name string
		opt  DecodeOptions
	}
	var jobs []job
	for _, n := range names {
		for _, d := range []string{"", DecoderTormoder} {
			jobs = append(jobs, job{n, DecodeOptions{Decoder: d}})
		}
	}
	data := map[string][]byte{}
	for _, n := range names {
		data[n] = fixture(t, n)
	}
	serial := make([]File, len(jobs))
	for i, j := range jobs {
		serial[i] = DecodeWith(j.name, data[j.name], j.opt)
	}
	// Each worker decodes every job, starting at its own place in the list,
	// so the same files are read at the same time by different workers.
	const workers = 4
	var results [workers][]File
	var wg sync.WaitGroup
	for w := range workers {
		results[w] = make([]File, len(jobs))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				i := (k + w*len(jobs)/workers) % len(jobs)
				results[w][i] = DecodeWith(jobs[i].name, data[jobs[i].name], jobs[i].opt)
			}
		}()
	}
	wg.Wait()
	for _, parallel := range results {
		for i, j := range jobs {
			a, b := serial[i], parallel[i]
			if a.Decoder != b.Decoder || fmt.Sprint(a.Err) != fmt.Sprint(b.Err) || fmt.Sprint(a.Warnings) != fmt.Sprint(b.Warnings) {
				t.Errorf("%s (%q): serial %s %v %q, concurrent %s %v %q", j.name, j.opt.Decoder, a.Decoder, a.Err, a.Warnings, b.Decoder, b.Err, b.Warnings)
				continue
			}
			if d := diffFiles(a, b); len(d) > 0 {
				t.Errorf("%s (%q): concurrent decode differs: %s", j.name, j.opt.Decoder, d[0])
			}
		}
	}
}

// TestPlainWords: what a File says about a problem is written for a runner,
// with no decoder internals in the text; the decoders' own errors stay
// reachable by unwrapping.
func TestPlainWords(t *testing.T) {
	internals := []string{"unexpected EOF", "parsing", "btype", "Base", "basetype", "mesg", "sequence 1:", "byte pos", "integrity", "error"}
	check := func(what string, texts ...string) {
		for _, s := range texts {
			for _, w := range internals {
				if strings.Contains(s, w) {
					t.Errorf("%s: %q shows decoder internals (%q)", what, s, w)
				}
			}
		}
	}
	good := fixture(t, "fr920xt-run-dynamics.fit")
	inputs := map[string][]byte{
		"cut-70.fit":      good[:len(good)*7/10],
		"cut-crc.fit":     good[:len(good)-1],
		"header-only.fit": good[:14],
		"header+1.fit":    good[:15],
	}
	garbled := append([]byte(nil), good...)
	for i := 200; i < 260; i++ {
		garbled[i] = 0xEE
	}
	inputs["garbled.fit"] = garbled
	undefined, _ := synthNonstandard()
	undefined = append([]byte(nil), undefined...)
	undefined[len(undefined)-5] = 0x05 // a data message of a local type never defined
	inputs["undefined.fit"] = undefined
	for _, n := range allFixtures(t) {
		inputs[n] = fixture(t, n)
	}
	for name, data := range inputs {
		for _, d := range []string{"", DecoderTormoder} {
			f := DecodeWith(name, data, DecodeOptions{Decoder: d})
			check(name, f.Warnings...)
			if f.Err != nil {
				check(name, f.Err.Error())
			}
		}
	}
	f := Decode("cut-70.fit", inputs["cut-70.fit"])
	if len(f.Warnings) == 0 || !strings.Contains(f.Warnings[0], "file is cut short: it ends in the middle of a message at byte ") {
		t.Errorf("cut file: warnings %q", f.Warnings)
	}
	u := Decode("undefined.fit", undefined)
	if u.Err == nil || !strings.Contains(u.Err.Error(), "the message at byte ") || errors.Unwrap(u.Err) == nil {
		t.Errorf("undefined local type: %v (cause %v)", u.Err, errors.Unwrap(u.Err))
	}
}

// TestDecodeConcurrentTormoder reads the file whose records make tormoder
// update its package-level running totals (compressed_speed_distance) with
// tormoder first, from several goroutines at once. TestDecodeConcurrent
// alone does not catch a missing lock under -race: muktihari's pooled
// decoders order the goroutines that use them, hiding tormoder's race.
func TestDecodeConcurrentTormoder(t *testing.T) {
	data := fixture(t, "fr70-run-compressed-speed.fit")
	want := DecodeWith("fr70.fit", data, DecodeOptions{Decoder: DecoderTormoder})
	var wg sync.WaitGroup
	got := make([]File, 4)
	for w := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				got[w] = DecodeWith("fr70.fit", data, DecodeOptions{Decoder: DecoderTormoder})
			}
		}()
	}
	wg.Wait()
	for w, f := range got {
		if f.Err != nil || f.Decoder != DecoderTormoder {
			t.Fatalf("worker %d: %s %v", w, f.Decoder, f.Err)
		}
		if d := diffFiles(want, f); len(d) > 0 {
			t.Errorf("worker %d: %s", w, d[0])
		}
	}
}
