package analysis

import (
	"fmt"
	"math"
)

// Signals on shoe age (issue 14 point 5), for the wrong-shoes cause in
// knowledge.yaml. Thresholds: NewShoeKm and WornShoeKm (shoes.go).

// newShoeShare: runs on a pair's first NewShoeKm among numb runs against
// clean runs (likelihood ratio, Fisher's test), over the runs whose shoe
// age is known (ShoeNew). A new pair's upper has not given to the foot yet.
func newShoeShare(d *evidenceData) (Signal, bool) {
	return d.shoeAgeShare((*RunResult).ShoeNew, NewShoeKm)
}

// wornShoeShare: runs on a pair past WornShoeKm among numb runs against
// clean runs, over the runs where that is known (ShoeWorn). A worn midsole
// lets more pressure through to the sole.
func wornShoeShare(d *evidenceData) (Signal, bool) {
	return d.shoeAgeShare((*RunResult).ShoeWorn, WornShoeKm)
}

// shoeAgeShare is share on a shoe age, with the threshold as {km}. When
// no run of either group has that age, Value is -1 rather than the ratio
// 1, so that the rules can say so instead of "as common".
func (d *evidenceData) shoeAgeShare(age func(*RunResult) (bool, bool), km float64) (Signal, bool) {
	s, ok := d.share(withShoeAge, func(r *RunResult) (bool, bool) { return age(r) })
	if !ok {
		return s, false
	}
	s.Vars["km"] = fmt.Sprintf("%.0f", km)
	if s.Vars["numb"] == "0" && s.Vars["clean"] == "0" {
		s.Value = -1
	}
	return s, true
}

// shoeAgeUnrecorded: shoe age cannot be set against numbness, because no
// numb run or no clean run has a shoe of known age. Value is how many
// runs name their shoe (0: none, so shoe age is not recorded at all).
// Only when some runs are numb and some clean: otherwise nothing is
// compared anyway.
func shoeAgeUnrecorded(d *evidenceData) (Signal, bool) {
	if len(d.numb) == 0 || len(d.clean) == 0 {
		return Signal{}, false
	}
	if _, ok := newShoeShare(d); ok {
		return Signal{}, false
	}
	if _, ok := wornShoeShare(d); ok {
		return Signal{}, false
	}
	named := 0
	for i := range d.runs {
		if d.runs[i].Gear != "" {
			named++
		}
	}
	return Signal{Value: float64(named), N: len(d.runs), P: math.NaN(), Vars: vars("named", named, "n", len(d.runs),
		"new_km", fmt.Sprintf("%.0f", NewShoeKm), "worn_km", fmt.Sprintf("%.0f", WornShoeKm))}, true
}
