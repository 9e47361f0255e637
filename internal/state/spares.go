package state

import "sync"

// Spares keeps slices for reuse between the checks of one evaluation,
// which each need one sized by their results. A slice is taken once its
// size is known, so the one that fits best is chosen: handing whichever
// slice came first to whichever check came next grew small slices for
// large checks again and again. Safe for concurrent use; a nil *Spares
// keeps nothing.
type Spares[T any] struct {
	mu   sync.Mutex
	max  int // slices kept at most
	free [][]T
}

// NewSpares returns a Spares that keeps at most max slices.
func NewSpares[T any](max int) *Spares[T] { return &Spares[T]{max: max} }

// Get returns a slice of length n: the smallest kept one that holds n,
// else a new one (the kept ones stay for later, smaller requests; Put
// keeps the largest). Its elements are zero.
func (b *Spares[T]) Get(n int) []T {
	if b == nil {
		return make([]T, n)
	}
	b.mu.Lock()
	best := -1
	for i, s := range b.free {
		if cap(s) >= n && (best < 0 || cap(s) < cap(b.free[best])) {
			best = i
		}
	}
	if best < 0 {
		b.mu.Unlock()
		return make([]T, n)
	}
	s := b.free[best]
	last := len(b.free) - 1
	b.free[best] = b.free[last]
	b.free[last] = nil
	b.free = b.free[:last]
	b.mu.Unlock()
	return s[:n]
}

// Put clears s and keeps it for a later Get, or drops the smallest kept
// slice when b is full and s is larger. The caller must not use s again.
func (b *Spares[T]) Put(s []T) {
	if b == nil || cap(s) == 0 {
		return
	}
	s = s[:cap(s)]
	clear(s) // drop references to the state and messages
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.free) < b.max {
		b.free = append(b.free, s[:0])
		return
	}
	small := 0
	for i := range b.free {
		if cap(b.free[i]) < cap(b.free[small]) {
			small = i
		}
	}
	if cap(s) > cap(b.free[small]) {
		b.free[small] = s[:0]
	}
}
