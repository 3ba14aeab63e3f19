//go:build !race

package fitparse

const raceOn = false
