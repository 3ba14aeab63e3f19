// Package baseline is the yardstick runlog's speed is measured against: a
// bare decode of FIT bytes with github.com/tormoder/fit, the decoder runlog
// started with, doing nothing else. Benchmarks outside fitparse use it, so
// that only fitparse and its packages import a FIT library.
package baseline

import (
	"bytes"

	tfit "github.com/tormoder/fit"
)

// TormoderDecode decodes data with tormoder's fit.Decode and discards the
// result. It returns tormoder's error, if any. tormoder keeps decoder state
// in package variables: do not call it from several goroutines at once.
func TormoderDecode(data []byte) error {
	_, err := tfit.Decode(bytes.NewReader(data))
	return err
}
