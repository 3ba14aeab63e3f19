package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/runlog/runlog/analysis"
	"github.com/runlog/runlog/cmd/runlog/cache"
	"github.com/runlog/runlog/fitparse"
	"github.com/runlog/runlog/report"
	"github.com/spf13/pflag"
)

// cacheFlags are --cache-dir and --no-cache, with RUNLOG_CACHE_DIR and
// RUNLOG_NO_CACHE behind them.
type cacheFlags struct {
	Dir string // --cache-dir; "" for $RUNLOG_CACHE_DIR, else the user cache folder
	Off bool   // --no-cache
}

func (c *cacheFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.Dir, "cache-dir", "", "folder of runlog's cache of per-file results (default $RUNLOG_CACHE_DIR, else runlog in your cache folder; docs/cache.md)")
	fs.BoolVar(&c.Off, "no-cache", false, "neither read nor write the cache (also RUNLOG_NO_CACHE=1)")
}

// cacheDir is where the cache lives: the flag, else $RUNLOG_CACHE_DIR,
// else runlog in the user cache folder (os.UserCacheDir, with
// $XDG_CACHE_HOME read through ios); "" when none can be found.
func (c *cacheFlags) dir(ios IOStreams) string {
	if c.Dir != "" {
		return c.Dir
	}
	if d := ios.getenv("RUNLOG_CACHE_DIR"); d != "" {
		return d
	}
	if d := ios.getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) && !isDarwinOrWindows() {
		return filepath.Join(d, "runlog")
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "runlog")
}

// open opens the cache, or returns nil (off) when it is turned off or
// cannot be used; problems are warnings on stderr, never errors.
func (c *cacheFlags) open(ios IOStreams) (*cache.Cache, error) {
	switch v := ios.getenv("RUNLOG_NO_CACHE"); v {
	case "", "0", "false":
	case "1", "true":
		return nil, nil
	default:
		return nil, usageError{fmt.Errorf("RUNLOG_NO_CACHE=%s: use 1 to turn the cache off, or leave it unset", v)}
	}
	if c.Off {
		return nil, nil
	}
	dir := c.dir(ios)
	if dir == "" {
		fmt.Fprintln(ios.ErrOut, "runlog: warning: no cache folder (set RUNLOG_CACHE_DIR); running without the cache")
		return nil, nil
	}
	return cache.Open(dir, analysis.Version, func(msg string) {
		fmt.Fprintf(ios.ErrOut, "runlog: warning: %s\n", report.Printable(msg))
	}), nil
}

// measureOptions says in the cache key how files are measured: anything
// that changes a FileResult besides the bytes and the analysis version.
func measureOptions(in fitparse.InputOptions, opt analysis.Options) string {
	return fmt.Sprintf("height_cm=%v decoder=%s max_bytes=%d", opt.HeightCM, in.Decode.Decoder, in.MaxDecompressedBytes)
}

// keyedInput is an input with its cache key (KeyErr: why it has none;
// a zero Key without the cache).
type keyedInput struct {
	Input  fitparse.Input
	Key    cache.Key
	KeyErr error
}

// inputKey makes an input's cache key: the file on disk is the archive for
// a zip entry.
func inputKey(input fitparse.Input, options string) keyedInput {
	file := input.Name
	if archive, _, ok := strings.Cut(input.Name, "!"); ok && strings.EqualFold(filepath.Ext(archive), ".zip") {
		file = archive
	}
	k, err := cache.NewKey(input.Name, file, options)
	return keyedInput{Input: input, Key: k, KeyErr: err}
}

// cachedMeasure reads and measures one input, through the cache when c is
// not nil. A hit gives the FileResult a fresh measurement of the same bytes
// gives, so the output is the same bytes with or without the cache.
func cachedMeasure(c *cache.Cache, in fitparse.InputOptions, opt analysis.Options) func(fitparse.Input) analysis.FileResult {
	options := measureOptions(in, opt)
	measure := measureKeyed(c, c.Prefetch(nil), in, opt)
	return func(input fitparse.Input) analysis.FileResult {
		if c == nil || input.Err != nil {
			return measure(keyedInput{Input: input})
		}
		return measure(inputKey(input, options))
	}
}

// measureKeyed reads and measures one keyed input, looking its result up
// in batch (rows read ahead, else the cache c) first and storing what it
// measures in c; without a key (or with c nil) it only measures.
func measureKeyed(c *cache.Cache, batch *cache.Batch, in fitparse.InputOptions, opt analysis.Options) func(keyedInput) analysis.FileResult {
	return func(ki keyedInput) analysis.FileResult {
		keyed := c != nil && ki.Input.Err == nil && ki.KeyErr == nil
		if keyed {
			if fr, ok := batch.Get(ki.Key); ok {
				return fr
			}
		}
		f := fitparse.ReadInput(ki.Input, in.Decode)
		fr := analysis.MeasureFile(&f, opt)
		if keyed {
			c.Put(ki.Key, fr)
		}
		return fr
	}
}

// measureAll reads, decodes and measures every FIT input under paths, on
// workers goroutines, through the cache cf opens (when on),
// with a progress bar on a terminal; the results come in input order.
func measureAll(ios IOStreams, cf *cacheFlags, paths []string, in fitparse.InputOptions, opt analysis.Options, workers int) ([]analysis.FileResult, error) {
	c, err := cf.open(ios)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	ins := slices.Collect(fitparse.Inputs(paths, in))
	prog := newProgress(ios, func() int { return len(ins) })
	defer prog.done()
	// With the cache, every input's key first (on the workers: each reads
	// a few KB of its file), then their stored results in a few queries
	// (Cache.Prefetch), then what is not stored is measured.
	keyed := make([]keyedInput, len(ins))
	if c != nil {
		options := measureOptions(in, opt)
		keyed = mapLargestFirst(ins, inputSize, workers, func(input fitparse.Input) keyedInput {
			if input.Err != nil {
				return keyedInput{Input: input}
			}
			return inputKey(input, options)
		}, nil)
	} else {
		for i, input := range ins {
			keyed[i] = keyedInput{Input: input}
		}
	}
	var keys []cache.Key
	for _, ki := range keyed {
		if ki.KeyErr == nil && ki.Input.Err == nil {
			keys = append(keys, ki.Key)
		}
	}
	measure := measureKeyed(c, c.Prefetch(keys), in, opt)
	size := func(ki keyedInput) int64 { return inputSize(ki.Input) }
	return mapLargestFirst(keyed, size, workers, measure, func(fr analysis.FileResult) { prog.step(fr.Source) }), nil
}
