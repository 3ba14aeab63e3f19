// Times Garmin's official JavaScript FIT SDK (@garmin/fitsdk) decoding FIT
// files, for runlog's benchmark against it (docs/performance.md).
//
// Only the decoding is timed, inside this process: Node's start-up, loading
// the SDK and reading the files from disk are not counted. Each pass decodes
// every file's bytes, already in memory, with the SDK's Decoder and its
// default options (what a JavaScript program gets from `decoder.read()`:
// scale and offset applied, components and subfields expanded, types as
// strings, dates as Date objects, heart rates merged).
//
//   node decode.mjs [--passes N] FILE...
//       decodes the files N times (default 5) and prints one JSON object:
//       the files, their bytes, the SDK's errors per file, and each pass's
//       time in nanoseconds (the first pass runs before V8 has optimised
//       the SDK's code).
//
//   node decode.mjs --serve FILE...
//       for cmd/runlog's BenchmarkAnalyzeVsJSSDK: prints a "ready" JSON line
//       with the first (cold) pass, then for every line read on stdin decodes
//       all files once more and prints that pass's time in nanoseconds on a
//       line of its own; stops at the end of stdin.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { Decoder, Stream } from "@garmin/fitsdk";

const args = process.argv.slice(2);
let passes = 5;
let serve = false;
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--passes") {
    passes = Number(args[++i]);
  } else if (args[i] === "--serve") {
    serve = true;
  } else {
    paths.push(args[i]);
  }
}
if (paths.length === 0 || !(passes >= 1)) {
  console.error("usage: node decode.mjs [--passes N | --serve] FILE...");
  process.exit(2);
}

const files = paths.map((p) => readFileSync(p));
const bytes = files.reduce((n, f) => n + f.length, 0);

// pass decodes every file once and returns the nanoseconds it took and the
// SDK's errors (a message per file that had any). The decoded messages are
// counted so that V8 cannot drop the work.
let sink = 0;
function pass() {
  const errors = {};
  const t0 = process.hrtime.bigint();
  files.forEach((data, i) => {
    const decoder = new Decoder(Stream.fromBuffer(data));
    const { messages, errors: errs } = decoder.read();
    sink += Object.keys(messages).length;
    if (errs.length > 0) {
      errors[paths[i]] = errs.map((e) => String(e.message ?? e));
    }
  });
  const ns = process.hrtime.bigint() - t0;
  return { ns: Number(ns), errors };
}

const first = pass();
if (serve) {
  console.log(JSON.stringify({ ready: true, files: files.length, bytes, cold_ns: first.ns, errors: first.errors }));
  const lines = createInterface({ input: process.stdin });
  for await (const _ of lines) {
    console.log(String(pass().ns));
  }
} else {
  const times = [first.ns];
  for (let i = 1; i < passes; i++) {
    times.push(pass().ns);
  }
  console.log(JSON.stringify({ sdk: "@garmin/fitsdk", files: files.length, bytes, pass_ns: times, errors: first.errors, sink }));
}
