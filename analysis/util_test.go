package analysis

import (
	"math"
	"time"
)

func secondsToDuration(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func nan() float64 { return math.NaN() }
