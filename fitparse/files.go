package fitparse

import "iter"

// Files yields one File per input found under paths (see Inputs), reading
// and decoding one input at a time so that a season of files never sits in
// memory at once. An input that cannot be opened or read yields a File whose
// Err names it and says why.
func Files(paths []string, opt InputOptions) iter.Seq[File] {
	return func(yield func(File) bool) {
		for in := range Inputs(paths, opt) {
			var f File
			if in.Err != nil {
				f = File{Source: in.Name, Err: in.Err}
			} else if data, err := in.ReadAll(); err != nil {
				f = File{Source: in.Name, Err: err}
			} else {
				f = Decode(in.Name, data)
			}
			if !yield(f) {
				return
			}
		}
	}
}
