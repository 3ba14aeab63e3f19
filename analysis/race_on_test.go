//go:build race

package analysis

// raceOn: the race detector is on (make test), which makes decoding some
// ten times slower; long sweeps take fewer variants.
const raceOn = true
