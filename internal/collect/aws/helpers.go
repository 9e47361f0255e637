package aws

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// sub queues a part of a service's collection (one listing or one item)
// as its own task, so independent calls of one region run in parallel.
// actions are the calls the task makes: when the collection is cancelled
// before it starts, each is recorded as a `cancelled` gap for resource.
func (c *collector) sub(service, region, resource string, run func(context.Context), actions ...string) {
	c.submit(region, service, resource, run, c.skipGaps(service, region, resource, actions...))
}

// str, i32, b and t dereference SDK pointers to zero values.
func str(p *string) string { return sdk.ToString(p) }
func i32(p *int32) int     { return int(sdk.ToInt32(p)) }
func b(p *bool) bool       { return sdk.ToBool(p) }
func tm(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return p.UTC()
}

// tptr returns a UTC copy of p, nil for nil or zero.
func tptr(p *time.Time) *time.Time {
	if p == nil || p.IsZero() {
		return nil
	}
	u := p.UTC()
	return &u
}

// parseTime reads the RFC 3339 strings some APIs return (EC2 image dates).
func parseTime(s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z", time.RFC3339} {
		if t, err := time.Parse(layout, *s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// decodePolicy undoes the URL encoding IAM applies to policy documents.
func decodePolicy(s *string) string {
	if s == nil {
		return ""
	}
	d, err := url.QueryUnescape(*s)
	if err != nil {
		return *s
	}
	return d
}

// tagMap builds a tag map from key/value pairs; nil when empty.
func tagMap[T any](tags []T, kv func(T) (*string, *string)) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		k, v := kv(t)
		m[str(k)] = str(v)
	}
	return m
}

// meta builds a resource's Meta.
func meta(arn, region string, tags map[string]string) state.Meta {
	return state.Meta{ARN: arn, Region: region, Tags: tags}
}

// perItem returns a function that per-item tasks call when they end; the
// n-th call (or an immediate call when n is 0) runs commit, which stores the
// items once every per-item read has filled them. Items are committed even
// when their tasks were skipped: what they lack is recorded as gaps.
func (c *collector) perItem(n int, commit func()) func() {
	if n == 0 {
		commit()
		return func() {}
	}
	var mu sync.Mutex
	left := n
	return func() {
		mu.Lock()
		left--
		last := left == 0
		mu.Unlock()
		if last {
			commit()
		}
	}
}

// skipDetail says whether to skip the n per-item calls of a Detail
// operation in region (see collect.Details); when it does, it records one
// `skipped` gap for the region saying what was not read and how to read it.
func (c *collector) skipDetail(service, action, region string, n int) bool {
	op, ok := c.decl.Lookup(service, action)
	if !ok {
		return false
	}
	why, skip := c.opts.Details.Skip(op, n)
	if skip {
		c.rec.Gap(state.Gap{Service: service, Region: region, Operation: action, Reason: state.ReasonSkipped, Message: why})
	}
	return skip
}

// item queues per-item work whose end (run or skipped) is reported to done.
func (c *collector) item(service, region, resource string, done func(), run func(context.Context), actions ...string) {
	skipped := c.skipGaps(service, region, resource, actions...)
	lane, limit := c.lane(service, region, actions)
	c.submitLane(collect.Task{Region: region, Service: service, Resource: resource, Lane: lane, LaneLimit: limit, Run: func(ctx context.Context) {
		defer done()
		run(ctx)
	}}, func() {
		skipped()
		done()
	})
}

// laneWindow is how much of its token bucket's rate a lane may hold in
// running tasks: rate × window tasks keep a bucket busy at AWS's latencies
// (tens of milliseconds a call) without parking more workers on it.
const laneWindow = 0.25 // seconds

// lane names the per-item tasks of these actions in a region and caps how
// many run at once by the slowest action's rate, so that per-item work
// waiting for one token bucket never holds every worker.
func (c *collector) lane(service, region string, actions []string) (string, int) {
	rate := 0.0
	for _, a := range actions {
		if op, ok := c.decl.Lookup(service, a); ok && (rate == 0 || op.Rate.RPS < rate) {
			rate = op.Rate.RPS
		}
	}
	if rate == 0 {
		return "", 0
	}
	limit := int(rate*laneWindow + 0.999)
	limit = max(2, min(limit, c.opts.Concurrency))
	return service + "|" + region + "|" + strings.Join(actions, ","), limit
}

// pages reads a paged listing: it calls page with a nil token, then with
// each token the previous page answered, until a page answers no token (nil
// or empty), a token it answered before (the SDK paginators' stop on a
// duplicate token: an endpoint that repeats itself would loop forever), an
// error, or ctx ends.
//
// Collectors page with it rather than with the SDK's paginators: a
// paginator takes the client as an interface (XxxAPIClient), and a client
// converted to an interface keeps every exported method of it in the
// binary, the writes included (see TestBinaryHasNoWrites).
func pages(ctx context.Context, page func(ctx context.Context, token *string) (next *string, err error)) error {
	var token *string
	var seen []string
	for {
		next, err := page(ctx, token)
		if err != nil {
			return err
		}
		if str(next) == "" || slices.Contains(seen, *next) {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		seen = append(seen, *next)
		token = next
	}
}
