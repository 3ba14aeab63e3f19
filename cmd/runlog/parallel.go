package main

import (
	"cmp"
	"slices"
	"sync"
)

// mapLargestFirst applies fn to every item on up to workers goroutines and
// returns the results in the order of items, so the report is the same
// bytes whatever the number of workers. Items are started largest first
// (by size; ties in their own order): one long file started last would
// otherwise run alone while the other workers idle, and the speed-up of a
// second worker would be lost (docs/performance.md). done, when not nil, is
// called once per finished item, from one goroutine at a time. With one
// worker (or fewer) fn runs in the caller's goroutine, item by item, in
// the items' order.
//
// The results are all kept until the end: callers keep only small
// per-file summaries (analysis.FileResult drops a run's samples), so a
// season of files still never sits in memory at once.
func mapLargestFirst[T, U any](items []T, size func(T) int64, workers int, fn func(T) U, done func(U)) []U {
	out := make([]U, len(items))
	if workers <= 1 {
		for i, it := range items {
			out[i] = fn(it)
			if done != nil {
				done(out[i])
			}
		}
		return out
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size(items[b]), size(items[a])) })
	next := make(chan int)
	var mu sync.Mutex // serialises done
	var wg sync.WaitGroup
	for range min(workers, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = fn(items[i])
				if done != nil {
					mu.Lock()
					done(out[i])
					mu.Unlock()
				}
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
