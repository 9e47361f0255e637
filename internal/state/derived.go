package state

import "sync"

// derived remembers values computed from an account's state (indexes,
// parsed policy documents) for one evaluation, so that the checks that need
// the same one build it once instead of once each. It is safe for
// concurrent use: checks run in parallel.
type derived struct {
	mu sync.Mutex
	m  map[any]*derivedValue
}

type derivedValue struct {
	once sync.Once
	v    any
}

// ForEvaluation returns a shallow copy of a that remembers what Derive
// computes from it. The evaluation engine makes one per evaluation: the
// state must not change while the copy is in use, and what it remembers
// goes with it when the evaluation ends. a itself is not changed.
func (a *Account) ForEvaluation() *Account {
	c := *a
	c.derived = &derived{m: map[any]*derivedValue{}}
	return &c
}

// Derive returns build's value for key, built once per account made by
// ForEvaluation (callers asking at the same time wait for the first
// build); on any other account it calls build every time. key must be
// comparable and say everything build depends on besides the account
// (an unexported type per use, with the policy document or the like as a
// field). The value is shared: callers must not change it.
func Derive[T any](a *Account, key any, build func() T) T {
	d := a.derived
	if d == nil {
		return build()
	}
	d.mu.Lock()
	e, ok := d.m[key]
	if !ok {
		e = &derivedValue{}
		d.m[key] = e
	}
	d.mu.Unlock()
	e.once.Do(func() { e.v = build() })
	return e.v.(T)
}
