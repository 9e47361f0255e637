package awsfake

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// FaultKind is what an injected fault does to a matching call.
type FaultKind uint8

// The kinds of fault.
const (
	// FaultNone only adds the fault's Latency.
	FaultNone FaultKind = iota
	// FaultThrottle answers the service's throttling error
	// (RequestLimitExceeded, Throttling, ThrottlingException, SlowDown, ...).
	FaultThrottle
	// FaultAccessDenied answers the service's permission error
	// (UnauthorizedOperation, AccessDenied, AccessDeniedException).
	FaultAccessDenied
	// FaultServerError answers HTTP 500.
	FaultServerError
	// FaultTimeout never answers: the request hangs until the client gives up.
	FaultTimeout
)

func (k FaultKind) String() string {
	switch k {
	case FaultThrottle:
		return "throttle"
	case FaultAccessDenied:
		return "access_denied"
	case FaultServerError:
		return "server_error"
	case FaultTimeout:
		return "timeout"
	}
	return "none"
}

// Fault injects trouble into the calls it matches.
type Fault struct {
	// Service is the SigV4 signing name (ec2, s3, s3control, iam, kms, ...).
	Service string
	// Action is the API action, e.g. DescribeInstances; empty matches all.
	Action string
	// Region matches one region; empty matches all.
	Region string
	// Resource matches the subject of a per-item call (a bucket name, a key
	// ID, a snapshot ID, or an ARN ending in one of those); empty matches all.
	Resource string
	Kind     FaultKind
	// Latency is added to every matching call, failing or not.
	Latency time.Duration
	// Fail and Of shape a storm: of every Of matching calls the first Fail
	// fail and the rest succeed. Zero Of means every matching call fails.
	Fail, Of int
	// Limit stops the fault after that many failures; zero never stops.
	Limit int
}

type faultState struct {
	Fault
	seen   atomic.Int64
	failed atomic.Int64
}

func (f *faultState) matches(c *call) bool {
	if f.Service != c.svc.name || (f.Action != "" && f.Action != c.action) || (f.Region != "" && f.Region != c.region) {
		return false
	}
	if f.Resource == "" {
		return true
	}
	r := c.resource
	return r != "" && (f.Resource == r || strings.HasSuffix(f.Resource, ":"+r) || strings.HasSuffix(f.Resource, "/"+r))
}

// fires counts a matching call and reports whether it fails.
func (f *faultState) fires() bool {
	if f.Kind == FaultNone {
		return false
	}
	n := f.seen.Add(1) - 1
	if f.Of > 0 && int(n%int64(f.Of)) >= f.Fail {
		return false
	}
	if f.Limit > 0 && f.failed.Load() >= int64(f.Limit) {
		return false
	}
	f.failed.Add(1)
	return true
}

// matchFault returns the effective fault for c: the summed latency of every
// matching fault and the kind of the first one that fires.
func (s *Server) matchFault(c *call) *Fault {
	var out *Fault
	for _, f := range s.faults {
		if !f.matches(c) {
			continue
		}
		if out == nil {
			out = &Fault{}
		}
		out.Latency += f.Latency
		if out.Kind == FaultNone && f.fires() {
			out.Kind = f.Kind
		}
	}
	return out
}

func faultError(svc *service, f *Fault) *apiError {
	switch f.Kind {
	case FaultThrottle:
		return throttleError(svc, "")
	case FaultAccessDenied:
		return accessDenied(svc, "")
	default:
		return serverError(svc)
	}
}

// GapFaults turns an account's coverage gaps into the faults that make a
// collector record them again.
func GapFaults(a *state.Account) []Fault {
	var out []Fault
	for _, g := range a.Gaps.All() {
		f := Fault{Service: g.Service, Region: g.Region, Resource: g.Resource}
		if g.Operation != state.AllOperations {
			f.Action = g.Operation
		}
		switch g.Reason {
		case state.ReasonRegionDisabled, state.ReasonCancelled, state.ReasonUnsupported:
			continue
		case state.ReasonAccessDenied:
			f.Kind = FaultAccessDenied
		case state.ReasonThrottled:
			f.Kind = FaultThrottle
		case state.ReasonTimeout:
			f.Kind = FaultTimeout
		default:
			f.Kind = FaultServerError
		}
		out = append(out, f)
	}
	return out
}

// Limit is a token bucket like AWS's request-rate quotas: Rate tokens per
// second refill a bucket of Burst tokens; each request takes one.
type Limit struct {
	// Service is the SigV4 signing name.
	Service string
	// Action names one action; empty applies to each action of the service
	// that has no limit of its own.
	Action string
	// Shared makes one bucket for all the service's actions in a region (RDS
	// meters all its API calls together), instead of one per action.
	Shared bool
	Rate   float64
	Burst  int
}

type bucket struct {
	mu     sync.Mutex
	tokens float64
	last   time.Time
	rate   float64
	burst  float64
}

func (b *bucket) take(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.last.IsZero() {
		b.tokens = b.burst
	} else {
		b.tokens += now.Sub(b.last).Seconds() * b.rate
		if b.tokens > b.burst {
			b.tokens = b.burst
		}
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true
	}
	return false
}

// limiter holds the buckets, one per (service, region, action) like AWS's
// per-account, per-region, per-action quotas.
type limiter struct {
	rules   map[string]Limit // service:action or service:
	buckets sync.Map         // key -> *bucket
}

func newLimiter(ls []Limit) *limiter {
	l := &limiter{rules: map[string]Limit{}}
	for _, x := range ls {
		if x.Rate <= 0 {
			continue
		}
		if x.Burst < 1 {
			x.Burst = 1
		}
		l.rules[x.Service+":"+x.Action] = x
	}
	return l
}

func (l *limiter) allow(svc, region, action string) bool {
	if len(l.rules) == 0 {
		return true
	}
	rule, ok := l.rules[svc+":"+action]
	if !ok {
		if rule, ok = l.rules[svc+":"]; !ok {
			return true
		}
	}
	key := svc + "|" + region + "|" + action
	if rule.Shared && rule.Action == "" {
		key = svc + "|" + region + "|*"
	}
	v, ok := l.buckets.Load(key)
	if !ok {
		v, _ = l.buckets.LoadOrStore(key, &bucket{rate: rule.Rate, burst: float64(rule.Burst)})
	}
	return v.(*bucket).take(time.Now())
}

// Stats are the calls the endpoint received, per "service:Action".
type Stats struct {
	// Calls counts every request, including failed and rejected ones.
	Calls map[string]int
	// CallsByRegion counts requests per "service:Action@region".
	CallsByRegion map[string]int
	// Throttled counts requests answered with a throttling error.
	Throttled map[string]int
	// Faulted counts requests an injected fault failed.
	Faulted map[string]int
	// Rejected counts non-read operations, all refused.
	Rejected map[string]int
	// Unimplemented counts read operations the fake does not serve.
	Unimplemented map[string]int
	// Unroutable counts requests that named no known service.
	Unroutable map[string]int
}

// Total is the number of requests.
func (st Stats) Total() int {
	n := 0
	for _, v := range st.Calls {
		n += v
	}
	return n
}

// Keys returns the actions called, sorted.
func (st Stats) Keys() []string {
	out := make([]string, 0, len(st.Calls))
	for k := range st.Calls {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type stats struct {
	mu                                                                       sync.Mutex
	calls, byRegion, throttled, faulted, rejected, unimplemented, unroutable map[string]int
}

func (st *stats) init() {
	st.calls, st.byRegion, st.throttled, st.faulted = map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	st.rejected, st.unimplemented, st.unroutable = map[string]int{}, map[string]int{}, map[string]int{}
}

func (st *stats) add(m *map[string]int, key string) {
	st.mu.Lock()
	(*m)[key]++
	st.mu.Unlock()
}

func (st *stats) addRegion(svc, region, action string) {
	st.add(&st.byRegion, svc+":"+action+"@"+region)
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	st := &s.stats
	st.mu.Lock()
	defer st.mu.Unlock()
	cp := func(m map[string]int) map[string]int {
		out := make(map[string]int, len(m))
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	return Stats{Calls: cp(st.calls), CallsByRegion: cp(st.byRegion), Throttled: cp(st.throttled), Faulted: cp(st.faulted),
		Rejected: cp(st.rejected), Unimplemented: cp(st.unimplemented), Unroutable: cp(st.unroutable)}
}

// ResetStats zeroes the counters.
func (s *Server) ResetStats() {
	s.stats.mu.Lock()
	s.stats.init()
	s.stats.mu.Unlock()
}

// Services returns the SigV4 signing names the server answers, sorted:
// what a test passes as Fault.Service to fail every service at once.
func (s *Server) Services() []string {
	out := make([]string, 0, len(s.services))
	for name := range s.services {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}
