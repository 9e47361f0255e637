package aws

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// readCounts counts, per region ("" for the global services), the
// operations that answered: with data, or with AWS's "nothing is
// configured". The caller's identity and the region list are not counted:
// they are no data of the account.
type readCounts struct {
	mu sync.Mutex
	m  map[string]int
}

func (r *readCounts) add(service, action, region string) {
	if service == "sts" && action == "GetCallerIdentity" || service == "ec2" && action == "DescribeRegions" {
		return
	}
	r.mu.Lock()
	if r.m == nil {
		r.m = map[string]int{}
	}
	r.m[region]++
	r.mu.Unlock()
}

func (r *readCounts) snapshot() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]int, len(r.m))
	for k, v := range r.m {
		out[k] = v
	}
	return out
}

// NoData says why the collection read nothing usable, or returns nil: no
// operation answered at all (every call failed, or the credentials reach
// no account data), or none of the scanned regions produced any data
// (each failed or timed out; not asked of an interrupted collection).
// Such a collection must not pass for a scan
// of the account, whatever its results say.
func (r *Result) NoData() error {
	total := 0
	for _, n := range r.Reads {
		total += n
	}
	if total == 0 {
		return fmt.Errorf("nothing could be read: every call failed (%s); the credentials reach no account data", gapSummary(r.Account))
	}
	if len(r.Regions) == 0 || r.Interrupted {
		// An interrupted collection keeps what it read; its cancelled
		// gaps say what was not.
		return nil
	}
	for _, reg := range r.Regions {
		if r.Reads[reg] > 0 {
			return nil
		}
	}
	return fmt.Errorf("no scanned region (%s) produced data: every regional call failed (%s)", strings.Join(r.Regions, ", "), gapSummary(r.Account))
}

// gapSummary counts the gaps by reason, e.g. "12 access_denied, 3 timeout".
func gapSummary(a *state.Account) string {
	var parts []string
	for reason, n := range a.Gaps.CountByReason() {
		parts = append(parts, fmt.Sprintf("%d %s", n, reason))
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return "no gap recorded"
	}
	return strings.Join(parts, ", ")
}

// regionBounds are the per-region deadlines of a collection with a
// RegionTimeout: the work of each region, and that of the global services
// (""), must end within it.
type regionBounds struct {
	timeout time.Duration
	mu      sync.Mutex
	ctxs    map[string]context.Context
	cancels []context.CancelFunc
}

// context returns the bounded context of region, started on first use.
func (b *regionBounds) context(parent context.Context, region string) context.Context {
	b.mu.Lock()
	defer b.mu.Unlock()
	if ctx, ok := b.ctxs[region]; ok {
		return ctx
	}
	if b.ctxs == nil {
		b.ctxs = map[string]context.Context{}
	}
	ctx, cancel := context.WithTimeout(parent, b.timeout)
	b.ctxs[region] = ctx
	b.cancels = append(b.cancels, cancel)
	return ctx
}

// expired reports whether region ran out of time.
func (b *regionBounds) expired(region string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	ctx, ok := b.ctxs[region]
	return ok && ctx.Err() == context.DeadlineExceeded
}

func (b *regionBounds) stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range b.cancels {
		c()
	}
}

// bound runs a task's work under its region's deadline. Work that had not
// started when the deadline passed records the gaps of skipped work
// (skipped may be nil); finishTimeouts then gives those gaps their reason.
func (c *collector) bound(region string, run func(context.Context), skipped func()) func(context.Context) {
	if c.opts.RegionTimeout <= 0 {
		return run
	}
	return func(ctx context.Context) {
		rctx := c.bounds.context(ctx, region)
		if rctx.Err() != nil {
			if skipped != nil {
				skipped()
			}
			return
		}
		run(rctx)
	}
}

// finishTimeouts runs once every task ended. In a region whose deadline
// passed (and not because the collection was interrupted), every
// `cancelled` gap is a read the deadline stopped: it becomes a `timeout`
// gap that says so. A scanned region that produced nothing, and where
// every failure was a timeout, gets a gap for the whole region with that
// reason.
func (c *collector) finishTimeouts(ctx context.Context, regions []string, reads map[string]int) {
	if ctx.Err() != nil {
		return
	}
	a := c.acct
	if c.opts.RegionTimeout > 0 {
		why := fmt.Sprintf("not read: the region's work did not end within --region-timeout %s", c.opts.RegionTimeout)
		if all := a.Gaps.All(); len(all) > 0 {
			for i := range all {
				g := all[i]
				if g.Reason == state.ReasonCancelled && c.bounds.expired(g.Region) {
					g.Reason, g.Message = state.ReasonTimeout, why
					a.Gaps.Add(g) // same key: replaces it
				}
			}
		}
	}
	for _, r := range regions {
		if reads[r] > 0 {
			continue
		}
		timeouts, others := 0, 0
		for _, g := range a.Gaps.All() {
			if g.Region != r {
				continue
			}
			switch g.Reason {
			case state.ReasonTimeout:
				timeouts++
			case state.ReasonSkipped, state.ReasonUnsupported:
			default:
				others++
			}
		}
		if timeouts > 0 && others == 0 {
			a.Gaps.Add(state.Gap{Service: state.AllOperations, Region: r, Operation: state.AllOperations, Reason: state.ReasonTimeout,
				Message: fmt.Sprintf("no call in this region answered in time (%d timed out; --call-timeout %s%s)", timeouts, c.opts.CallTimeout, regionTimeoutNote(c.opts.RegionTimeout))})
		}
	}
}

func regionTimeoutNote(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return ", --region-timeout " + d.String()
}
