package fitparse

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Repair of what real writers get wrong in a run's records, applied to every
// run's samples whichever decoder read them (buildRun). The rules and their
// sources are in docs/analysis.md ("Sparse records", "Halved or doubled
// cadence").

// carryMaxS is how long, in seconds, the last measured speed and cadence
// stand in for a record that lacks them. Watches that write sparse records
// leave holes of one or two seconds between data records (Suunto Ambit3:
// records with no speed, cadence, heart rate or altitude, each alone in its
// second); a real stop is recorded as speed 0, which is a value and never
// overwritten, so the carry only bridges holes. Five seconds bridges those
// holes and the usual 1–4 s recording intervals, and is short enough that a
// stale value never stands for a change of pace: a runner reaches a new
// steady speed within a few strides.
const carryMaxS = 5

// Halved or doubled cadence. Cadence against speed in recreational runners
// wearing watches: about 150 + 6·v steps/min (v in m/s, valid about
// 1.6–4.7 m/s), with a between-runner SD of about 8 spm (van Oeveren et al.
// 2019, 256 runners; agrees with de Ruiter et al. 2020, 165 ± 8 spm at
// 3.04 m/s, and Lieberman et al. 2015, 170 ± 7 at 3.0 m/s).
const (
	cadBaseSPM      = 150 // expected cadence at 0 m/s of the linear relation
	cadSlopeSPMPerV = 6   // spm per m/s
	cadSDSPM        = 8   // between-runner SD at a given speed
	// A record's cadence looks rescaled when the cadence as recorded is
	// more than scaleOffSD SDs below (or above) the expected one while twice
	// (or half) of it is within scaleFitSD SDs: at 3 m/s (168 spm expected)
	// a recorded 68–100 spm looks halved; 85 spm means 2.1 m steps, longer
	// than any runner's at that pace.
	scaleOffSD = 6
	scaleFitSD = 4
	// Only between scaleMinMPS and scaleMaxMPS is the relation trusted:
	// below ~2 m/s people walk (walk–run transition, Hreljac 1993), where
	// 60–100 spm is a real walking cadence; 6 m/s is the top of the range
	// over which running step lengths of 0.7–2.0 m are reported.
	scaleMinMPS = 2.0
	scaleMaxMPS = 6.0
	// A stretch is corrected only when it lasts at least scaleMinS seconds
	// (a minute of steady misreading, not one odd record) and its records
	// that look rescaled outnumber those that look right. Records that look
	// rescaled and lie at most scaleGapS seconds apart form one stretch.
	scaleMinS = 60
	scaleGapS = 30
)

// repairSamples returns samples (sorted by time) with records that share a
// timestamp merged, short holes in speed and cadence filled from the last
// measured value, stretches of halved or doubled cadence corrected and, in
// a running session (running), values no runner's body can produce set to
// NaN; plus the plain-words warnings: one per corrected stretch, one per
// kind of impossible value, one per long stretch without speed or distance.
// start is the run's start, from which the warnings count time. samples is
// never modified: when anything changes a new slice is returned. It never
// panics.
func repairSamples(samples []Sample, start time.Time, running bool) ([]Sample, []string) {
	out := mergeSameTime(samples) // a new, shorter slice when it merged
	shared := len(out) == len(samples)
	out = carryForward(out, shared)
	shared = shared && (len(out) == 0 || &out[0] == &samples[0])
	out, warnings := fixCadenceScale(out, start, shared)
	if running {
		shared = shared && (len(out) == 0 || &out[0] == &samples[0])
		var notes []string
		out, notes = dropImpossible(out, shared)
		warnings = append(warnings, notes...)
	}
	return out, append(warnings, gapWarnings(out, start)...)
}

// mergeSameTime merges runs of samples with the same time into one: the
// first sample's values, each NaN filled by the first later non-NaN value.
// It returns samples itself when no two share a time.
func mergeSameTime(samples []Sample) []Sample {
	dup := false
	for i := 1; i < len(samples); i++ {
		if samples[i].T.Equal(samples[i-1].T) {
			dup = true
			break
		}
	}
	if !dup {
		return samples
	}
	out := make([]Sample, 0, len(samples))
	for _, s := range samples {
		if n := len(out); n > 0 && out[n-1].T.Equal(s.T) {
			fillNaN(&out[n-1], &s)
			continue
		}
		out = append(out, s)
	}
	return out
}

// fillNaN sets each NaN measurement of dst to src's value.
func fillNaN(dst, src *Sample) {
	for _, p := range [...][2]*float64{
		{&dst.DistanceM, &src.DistanceM}, {&dst.SpeedMPS, &src.SpeedMPS},
		{&dst.HeartRateBPM, &src.HeartRateBPM}, {&dst.CadenceSPM, &src.CadenceSPM},
		{&dst.GCTms, &src.GCTms}, {&dst.GCTPercent, &src.GCTPercent}, {&dst.VOmm, &src.VOmm},
		{&dst.AltitudeM, &src.AltitudeM}, {&dst.TemperatureC, &src.TemperatureC},
		{&dst.StanceBalanceLeftPct, &src.StanceBalanceLeftPct},
	} {
		if math.IsNaN(*p[0]) {
			*p[0] = *p[1]
		}
	}
}

// carryForward fills a sample's missing speed and cadence with the last
// measured value when that was at most carryMaxS seconds earlier. shared
// says samples is the caller's slice, to be copied before any change.
func carryForward(samples []Sample, shared bool) []Sample {
	var lastV, lastC float64
	var tV, tC time.Time
	for i := range samples {
		s := &samples[i]
		needV := math.IsNaN(s.SpeedMPS) && !tV.IsZero() && s.T.Sub(tV).Seconds() <= carryMaxS
		needC := math.IsNaN(s.CadenceSPM) && !tC.IsZero() && s.T.Sub(tC).Seconds() <= carryMaxS
		if !math.IsNaN(s.SpeedMPS) {
			lastV, tV = s.SpeedMPS, s.T
		}
		if !math.IsNaN(s.CadenceSPM) {
			lastC, tC = s.CadenceSPM, s.T
		}
		if !needV && !needC {
			continue
		}
		if shared {
			samples = append([]Sample(nil), samples...)
			shared = false
			s = &samples[i]
		}
		if needV {
			s.SpeedMPS = lastV
		}
		if needC {
			s.CadenceSPM = lastC
		}
	}
	return samples
}

// expectedSPM is the group cadence at speed v (m/s), steps per minute.
func expectedSPM(v float64) float64 { return cadBaseSPM + cadSlopeSPMPerV*v }

// rescaled reports the factor that puts a record's cadence right: 2 when it
// looks recorded at half its value, 0.5 when at double, 0 otherwise.
func rescaled(s *Sample) float64 {
	v, c := s.SpeedMPS, s.CadenceSPM
	if !(v >= scaleMinMPS && v <= scaleMaxMPS) || !(c > 0) || math.IsInf(c, 0) {
		return 0
	}
	e := expectedSPM(v)
	switch {
	case c < e-scaleOffSD*cadSDSPM && math.Abs(2*c-e) <= scaleFitSD*cadSDSPM:
		return 2
	case c > e+scaleOffSD*cadSDSPM && math.Abs(c/2-e) <= scaleFitSD*cadSDSPM:
		return 0.5
	}
	return 0
}

// looksRight reports whether a record's cadence fits its speed as recorded.
func looksRight(s *Sample) bool {
	v, c := s.SpeedMPS, s.CadenceSPM
	return v >= scaleMinMPS && v <= scaleMaxMPS && math.Abs(c-expectedSPM(v)) <= scaleFitSD*cadSDSPM
}

// fixCadenceScale corrects stretches of halved or doubled cadence (see the
// constants above). Inside a confirmed stretch every record with a positive
// cadence is multiplied by the factor when that brings it nearer the
// cadence expected at its speed (speeds held inside 2–6 m/s for this
// comparison; the stretch's median speed when the record has none), so
// walking steps inside the stretch are corrected too and stay walking.
func fixCadenceScale(samples []Sample, start time.Time, shared bool) ([]Sample, []string) {
	var warnings []string
	n := len(samples)
	for i := 0; i < n; {
		f := rescaled(&samples[i])
		if f == 0 {
			i++
			continue
		}
		// Grow the stretch while records of the same factor follow within
		// scaleGapS seconds.
		first, last := i, i
		hits := 1
		for j := i + 1; j < n && samples[j].T.Sub(samples[last].T).Seconds() <= scaleGapS; j++ {
			if rescaled(&samples[j]) == f {
				last = j
				hits++
			}
		}
		i = last + 1
		right := 0
		for j := first; j <= last; j++ {
			if looksRight(&samples[j]) {
				right++
			}
		}
		if samples[last].T.Sub(samples[first].T).Seconds() < scaleMinS || hits <= right {
			continue
		}
		if shared {
			samples = append([]Sample(nil), samples...)
			shared = false
		}
		warnings = append(warnings, applyScale(samples[first:last+1], f, start))
	}
	return samples, warnings
}

// applyScale multiplies the cadence of the stretch's records by f where that
// brings it nearer the expected cadence, and returns the warning naming the
// stretch.
func applyScale(stretch []Sample, f float64, start time.Time) string {
	var speeds, cads []float64
	for i := range stretch {
		if rescaled(&stretch[i]) == f {
			speeds = append(speeds, stretch[i].SpeedMPS)
			cads = append(cads, stretch[i].CadenceSPM)
		}
	}
	medianV := quantile(speeds, 0.5)
	for i := range stretch {
		s := &stretch[i]
		c := s.CadenceSPM
		if !(c > 0) || math.IsInf(c, 0) {
			continue
		}
		v := s.SpeedMPS
		if math.IsNaN(v) {
			v = medianV
		}
		e := expectedSPM(min(max(v, scaleMinMPS), scaleMaxMPS))
		if math.Abs(c*f-e) < math.Abs(c-e) {
			s.CadenceSPM = c * f
		}
	}
	what, done := "half", "doubled"
	if f < 1 {
		what, done = "double", "halved"
	}
	return fmt.Sprintf("cadence was recorded at %s its value from %s to %s of the run (%s spm at %s km/h); %s",
		what, clock(stretch[0].T.Sub(start)), clock(stretch[len(stretch)-1].T.Sub(start)),
		valueRange("%.0f", quantile(cads, 0.05), quantile(cads, 0.95)),
		valueRange("%.1f", 3.6*quantile(speeds, 0.05), 3.6*quantile(speeds, 0.95)), done)
}

// valueRange formats lo and hi with format as "lo–hi", or as one value when
// both print the same ("90", not "90–90").
func valueRange(format string, lo, hi float64) string {
	a, b := fmt.Sprintf(format, lo), fmt.Sprintf(format, hi)
	if a == b {
		return a
	}
	return a + "–" + b
}

// quantile returns the q-quantile (nearest rank) of xs, NaN when empty. xs
// is sorted in place.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return nan
	}
	sort.Float64s(xs)
	return xs[min(len(xs)-1, int(q*float64(len(xs))))]
}

// Values no runner produces. A record whose value lies outside these bounds
// is a sensor or writer error (a foot pod's spike, a corrupted field), not a
// measurement of running: the value is set to NaN (missing) and the run
// warns with a count per field. The other fields of the record are kept.
// The bounds lie well outside what the fastest runners reach, so real
// running never trips them (every real fixture is checked); they apply to
// running sessions only (a bike is faster, and cycling cadence is rpm).
const (
	// maxCadenceSPM: the fastest sprinters step at about 4.5–5 steps per
	// second at top speed (Mann's elite sprint data; Weyand et al. 2000,
	// J Appl Physiol 89:1991, found that faster top speeds come from greater
	// ground force, not quicker legs, so step rate stays in that narrow
	// band). Bolt's 9.58 s 100 m (Berlin 2009) took 40.92 steps: 4.3
	// steps/s on average, start included (IAAF biomechanics analysis, as
	// reported by Reuters, 23 Aug 2009). 5 steps/s is 300 spm.
	maxCadenceSPM = 300
	// minGCTms, maxGCTms: at top sprint speed foot contact lasts about
	// 80–100 ms (Weyand et al. 2000, as commonly quoted), and a walking
	// stance about 600–700 ms (stance is ~60 % of a walking stride of
	// 1.0–1.2 s; Perry, Gait Analysis, 1992). A contact under 50 ms is
	// shorter than any sprinter's; one over 1000 ms is longer than a walking
	// step's, so not a measurement of running.
	minGCTms = 50
	maxGCTms = 1000
	// maxVOmm: a runner's centre of mass rises and falls about 60–130 mm a
	// step (Garmin Running Dynamics; the fixtures here reach 128 mm). Rising
	// h takes a flight of 2·sqrt(2h/g) s: 300 mm needs 0.49 s in the air,
	// a whole step at 120 spm, with no time left for the foot on the
	// ground. So more than 300 mm cannot be running.
	maxVOmm = 300
	// maxSpeedMPS: faster than anyone has run: Bolt's top speed in his 9.58 s
	// world record (Berlin 2009) was 12.35 m/s, about 44.5 km/h (IAAF
	// biomechanics analysis, as reported by Reuters, 23 Aug 2009).
	maxSpeedMPS = 12.5
)

// physBound is one field's bound: values below lo or above hi are errors.
type physBound struct {
	what, unit string
	lo, hi     float64 // lo 0: no lower bound
	field      func(*Sample) *float64
}

var physBounds = [...]physBound{
	{"cadence", "spm", 0, maxCadenceSPM, func(s *Sample) *float64 { return &s.CadenceSPM }},
	{"ground contact time", "ms", minGCTms, maxGCTms, func(s *Sample) *float64 { return &s.GCTms }},
	{"vertical oscillation", "mm", 0, maxVOmm, func(s *Sample) *float64 { return &s.VOmm }},
	{"speed", "m/s", 0, maxSpeedMPS, func(s *Sample) *float64 { return &s.SpeedMPS }},
}

// dropImpossible sets every value outside physBounds to NaN and returns one
// warning per field and side with the number of records it changed. shared
// says samples is the caller's slice, to be copied before any change.
func dropImpossible(samples []Sample, shared bool) ([]Sample, []string) {
	var below, above [len(physBounds)]int
	for i := range samples {
		for k := range physBounds {
			b := &physBounds[k]
			v := *b.field(&samples[i])
			low, high := v < b.lo, v > b.hi || math.IsInf(v, 1)
			if !low && !high {
				continue
			}
			if shared {
				samples = append([]Sample(nil), samples...)
				shared = false
			}
			*b.field(&samples[i]) = nan
			if low {
				below[k]++
			} else {
				above[k]++
			}
		}
	}
	var warnings []string
	for k := range physBounds {
		b := &physBounds[k]
		if n := above[k]; n > 0 {
			warnings = append(warnings, leftOut(n, b.what, "above", b.hi, b.unit))
		}
		if n := below[k]; n > 0 {
			warnings = append(warnings, leftOut(n, b.what, "below", b.lo, b.unit))
		}
	}
	return samples, warnings
}

// leftOut words the warning for n records whose value was out of bounds.
func leftOut(n int, what, side string, bound float64, unit string) string {
	if n == 1 {
		return fmt.Sprintf("1 record with %s %s %g %s was left out as a sensor error", what, side, bound, unit)
	}
	return fmt.Sprintf("%d records with %s %s %g %s were left out as sensor errors", n, what, side, bound, unit)
}

// gapMinS: a stretch of records without speed or distance is named in a
// warning when it lasts at least this long, in seconds. Holes of a few
// seconds are bridged by the carry-forward above (carryMaxS); over a minute
// a runner covers 150–360 m (2.5–6 m/s) that no record measures, a good
// share of a kilometre, so a km split across it is approximate. It is the
// same minute runlog asks of any steady stretch it judges (scaleMinS).
const gapMinS = 60

// gapWarnings names every stretch of at least gapMinS seconds whose records
// carry neither speed nor distance (after carry-forward), counted from the
// last record that had one to the first that has one again (or to the
// run's end).
func gapWarnings(samples []Sample, start time.Time) []string {
	var warnings []string
	has := func(s *Sample) bool { return !math.IsNaN(s.SpeedMPS) || !math.IsNaN(s.DistanceM) }
	for i := 0; i < len(samples); {
		if has(&samples[i]) {
			i++
			continue
		}
		j := i
		for j+1 < len(samples) && !has(&samples[j+1]) {
			j++
		}
		from, to := samples[i].T, samples[j].T
		if i > 0 {
			from = samples[i-1].T
		}
		if j+1 < len(samples) {
			to = samples[j+1].T
		}
		if d := to.Sub(from); d.Seconds() >= gapMinS {
			warnings = append(warnings, fmt.Sprintf(
				"no speed or distance recorded from %s to %s (%s): km splits across it are approximate",
				clock(from.Sub(start)), clock(to.Sub(start)), clock(d)))
		}
		i = j + 1
	}
	return warnings
}
