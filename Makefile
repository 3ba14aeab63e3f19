# runlog — build, test and demo. Everything needs only Go (and gcc for -race).
GO      ?= go
BIN     := bin/runlog
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build install test vet fmtcheck demo testdata bench fuzz clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/runlog

install:
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/runlog

# The test command CI runs: formatting, vet, and every test with the race detector.
test: fmtcheck vet
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

# Benchmarks: decoding speed (MB/s), runlog's cost over a bare tormoder
# decode of the same bytes, and the speed ratio of the two decoders
# (docs/performance.md).
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 3 ./fitparse ./analysis ./cmd/runlog | tee bench.out

# A short fuzzing pass over every parser (FUZZTIME each).
FUZZTIME ?= 30s
FUZZFLAGS = -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
fuzz:
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzDecode$$' ./fitparse
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzDecodeMuktihari$$' ./fitparse
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzNormalize$$' ./fitparse
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzZipInput$$' ./fitparse
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzRepair$$' ./fitparse
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzRead$$' ./analysis/notes
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzExtract$$' ./analysis/notes
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzReadDate$$' ./analysis/notes
	$(GO) test $(FUZZFLAGS) -fuzz '^FuzzAppend$$' ./analysis/notes

clean:
	rm -rf bin bench.out
