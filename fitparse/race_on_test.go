//go:build race

package fitparse

// raceOn: the race detector is on (make test), which makes decoding some
// ten times slower; long tests do less.
const raceOn = true
