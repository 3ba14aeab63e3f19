package main

import (
	"iter"
	"sync"
)

// orderedMap applies fn to every item of in on up to workers goroutines and
// yields the results in the order of in, so the report is the same bytes
// whatever the number of workers. At most 2×workers items are in flight:
// an archive of thousands of files never sits in memory at once. With one
// worker (or fewer) it runs fn in the caller's goroutine, item by item.
//
// in is iterated on a goroutine of its own. Stopping the loop early stops
// the iteration and waits for the workers to finish what they hold.
func orderedMap[T, U any](in iter.Seq[T], workers int, fn func(T) U) iter.Seq[U] {
	if workers <= 1 {
		return func(yield func(U) bool) {
			for v := range in {
				if !yield(fn(v)) {
					return
				}
			}
		}
	}
	return func(yield func(U) bool) {
		type job struct {
			item T
			out  chan U // buffered 1: a worker never waits for the consumer
		}
		jobs := make(chan job)
		order := make(chan chan U, 2*workers)
		done := make(chan struct{})
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					j.out <- fn(j.item)
				}
			}()
		}
		go func() {
			defer close(order)
			defer close(jobs)
			for v := range in {
				out := make(chan U, 1)
				select {
				case order <- out:
				case <-done:
					return
				}
				select {
				case jobs <- job{v, out}:
				case <-done:
					return
				}
			}
		}()
		defer func() {
			close(done)
			for range order { // let the producer see done and close order
			}
			wg.Wait()
		}()
		for out := range order {
			if !yield(<-out) {
				return
			}
		}
	}
}
