package collect

import (
	"context"
	"sync"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// Recorder guards the account being filled: collectors running on the pool
// change it only through Update and Gap, which serialise on one mutex.
type Recorder struct {
	mu   sync.Mutex
	acct *state.Account
}

// NewRecorder wraps a.
func NewRecorder(a *state.Account) *Recorder { return &Recorder{acct: a} }

// Update runs f with the account locked.
func (r *Recorder) Update(f func(a *state.Account)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(r.acct)
}

// Gap records a coverage gap.
func (r *Recorder) Gap(g state.Gap) {
	r.mu.Lock()
	r.acct.Gaps.Add(g)
	r.mu.Unlock()
}

// Failure records the gap for an operation that failed with err: the
// reason is Classify(parent, err) and the message is the AWS error.
func (r *Recorder) Failure(parent context.Context, op Operation, region, resource string, err error) state.Gap {
	g := state.Gap{Service: op.Service, Region: region, Operation: op.Action, Resource: resource,
		Reason: Classify(parent, err), Message: Message(err)}
	r.Gap(g)
	return g
}
