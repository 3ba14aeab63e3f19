package analysis

// Version is the version of runlog's per-file analysis: what MeasureFile
// (and the fitparse decoding under it) makes of a file's bytes. Bump it
// whenever that changes, so cached per-file results (cmd/runlog/cache)
// made by an older runlog are measured again rather than reused.
const Version = 2
