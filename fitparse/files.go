package fitparse

import "iter"

// Files yields one File per input found under paths (see Inputs), reading
// and decoding one input at a time so that a season of files never sits in
// memory at once. An input that cannot be opened or read yields a File whose
// Err names it and says why.
func Files(paths []string, opt InputOptions) iter.Seq[File] {
	return func(yield func(File) bool) {
		for in := range Inputs(paths, opt) {
			if !yield(ReadInput(in, opt.Decode)) {
				return
			}
		}
	}
}

// ReadInput reads one input and decodes it as opt says (DecodeWith). An
// input that cannot be opened or read gives a File whose Err names it and
// says why. It is safe to call for different inputs from several goroutines.
func ReadInput(in Input, opt DecodeOptions) File {
	if in.Err != nil {
		return File{Source: in.Name, Err: in.Err}
	}
	data, err := in.ReadAll()
	if err != nil {
		return File{Source: in.Name, Err: err}
	}
	return DecodeWith(in.Name, data, opt)
}
