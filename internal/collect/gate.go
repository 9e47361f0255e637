package collect

import "context"

// Gate bounds the calls in flight across several collections: an
// organization run reads accounts side by side, each with its own workers
// and token buckets (AWS's quotas are per account and region), and the gate
// keeps the sum of their calls on the wire within one bound. A nil Gate
// admits everything.
type Gate struct{ slots chan struct{} }

// NewGate returns a gate admitting n calls at once (n < 1 means 1).
func NewGate(n int) *Gate {
	return &Gate{slots: make(chan struct{}, max(n, 1))}
}

// Enter waits for a slot; it fails when ctx ends first.
func (g *Gate) Enter(ctx context.Context) error {
	if g == nil {
		return nil
	}
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Leave frees the slot Enter took.
func (g *Gate) Leave() {
	if g != nil {
		<-g.slots
	}
}

// InFlight is the number of calls inside the gate now.
func (g *Gate) InFlight() int {
	if g == nil {
		return 0
	}
	return len(g.slots)
}
