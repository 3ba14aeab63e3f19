# runlog — build, test and demo. Everything needs only Go (and gcc for -race).
GO      ?= go
BIN     := bin/runlog
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build install test vet fmtcheck demo testdata bench bench-decode bench-js scaling-example fuzz fuzz-ci clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/runlog

install:
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/runlog

# The test command CI runs: formatting, vet, and every test with the race detector.
# The real watch files' tests skip without ../shared/fixtures/fit; say so
# up front, not only in -v output.
FIXTURES := ../shared/fixtures/fit
test: fmtcheck vet
	@if [ -d $(FIXTURES) ]; then echo "real watch files: $(FIXTURES) (their tests run)"; \
	else echo "real watch files: $(FIXTURES) is absent, so the tests that need them are SKIPPED (put the shared fixtures beside the project to run them)"; fi
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# Build runlog, analyse the bundled demo athlete, and write its HTML report
# (charts; one file that works offline) to bin/demo.html.
demo: build
	./$(BIN) analyze testdata/demo
	@./$(BIN) analyze --format html --out bin/demo.html testdata/demo 2>/dev/null
	@echo "HTML report with charts: bin/demo.html (open it in a browser)"

# Regenerate the synthetic FIT files in testdata/ (see testdata/README.md).
testdata:
	$(GO) run ./cmd/gentestdata -out testdata

# Benchmarks (docs/performance.md says what each measures and how to
# reproduce it alone). `make bench` runs the ratios of issues 8 and 13, each
# measured in one run (interleaved), BENCHCOUNT times, then prints each with
# its target: analyze against a bare tormoder decode (1 and 2 workers),
# against Garmin's JavaScript FIT SDK (needs Node; npm ci installs the SDK
# into testdata/jsbench/node_modules, else that line says "not run"), warm
# cache against cold, growth from 10 to 1,000 files and peak memory for
# 1,000 (it generates 114 MB of runs in a temporary folder: about a minute).
# `make bench-decode` runs the decoding and analysis micro-benchmarks.
BENCHCOUNT ?= 3
bench:
	@if command -v npm >/dev/null; then npm ci --prefix testdata/jsbench --no-audit --no-fund --silent || echo "npm ci failed: the JS SDK ratio will not run"; \
	else echo "npm not found: the JS SDK ratio will not run"; fi
	$(GO) test -run '^$$' -bench 'AnalyzeVsTormoder|AnalyzeVsJSSDK' -benchtime 20x -count $(BENCHCOUNT) ./cmd/runlog | tee bench.out
	$(GO) test -run '^$$' -bench 'CacheWarmVsCold' -benchtime 10x -count $(BENCHCOUNT) ./cmd/runlog | tee -a bench.out
	$(GO) test -run '^$$' -bench 'Scale1000' -benchtime 1x -count 1 ./cmd/runlog | tee -a bench.out
	@echo; .ci/bench-summary bench.out

bench-decode:
	$(GO) test -run '^$$' -bench . -benchmem -count 3 ./fitparse ./analysis | tee bench-decode.out

# Only the comparison with Garmin's JavaScript FIT SDK.
bench-js:
	npm ci --prefix testdata/jsbench --no-audit --no-fund --silent
	$(GO) test -run '^$$' -bench 'AnalyzeVsJSSDK' -benchtime 20x -count $(BENCHCOUNT) ./cmd/runlog | tee bench-js.out
	@echo; .ci/bench-summary bench-js.out | grep -E 'ratio|JS SDK'

# docs/scaling.md's worked example: a generated club (6 athletes × 40
# hour-long runs, in bin/club), runlog analyze --format jsonl per athlete
# and for the demo athlete into bin/club.jsonl, and per-athlete aggregates
# in DuckDB (npm ci installs @duckdb/node-api into docs/examples/duckdb).
scaling-example: build
	npm ci --prefix docs/examples/duckdb --no-audit --no-fund --silent
	rm -rf bin/club
	$(GO) run ./cmd/gentestdata -club bin/club -athletes 6 -runs 40
	@for d in bin/club/*/ testdata/demo/; do ./$(BIN) analyze --no-cache --no-journal --format jsonl "$$d" 2>/dev/null; done > bin/club.jsonl
	@echo "bin/club.jsonl: $$(wc -l < bin/club.jsonl) runs"
	node docs/examples/duckdb/run.mjs bin/club.jsonl

# Fuzzing: every parser and reader of outside bytes — FIT decoding (both
# decoders, the salvage of files cut short, the fast path against
# muktihari's full decoder), zip/.gz inputs, the base-type
# fix, the repair of samples, each notes reader (journal, CSV, JSON, JSON
# Lines, Strava's activities.csv), dates, the facts of a note, the notes
# appender and the cache reader. Seeds come from testdata and, when present,
# the real files in ../shared/fixtures/fit (added at run time, never
# committed); a crasher is written to the package's testdata/fuzz/ and then
# runs in every `make test` as a seed. `make fuzz` runs each FUZZTIME (30 s);
# `make fuzz-ci` (CI, after make test) each FUZZTIME_CI (1.4 s: about 18 s of fuzzing,
# about 30 s in all on 2 cores: each package's fuzzing binary is built once, .ci/fuzz).
FUZZ_TARGETS = \
	./fitparse:FuzzDecode ./fitparse:FuzzDecodeMuktihari ./fitparse:FuzzFastPath ./fitparse:FuzzNormalize \
	./fitparse:FuzzZipInput ./fitparse:FuzzRepair \
	./analysis/notes:FuzzRead ./analysis/notes:FuzzReadFormats ./analysis/notes:FuzzExtract \
	./analysis/notes:FuzzReadDate ./analysis/notes:FuzzAppend ./analysis/notes:FuzzAppendFile \
	./cmd/runlog/cache:FuzzDecode
FUZZTIME ?= 30s
FUZZTIME_CI ?= 1400ms
fuzz:
	GO=$(GO) .ci/fuzz $(FUZZTIME) $(FUZZ_TARGETS)
fuzz-ci:
	GO=$(GO) .ci/fuzz $(FUZZTIME_CI) $(FUZZ_TARGETS)

clean:
	rm -rf bin bench.out bench-decode.out bench-js.out
