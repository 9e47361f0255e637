package collect

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"text/tabwriter"
	"time"
)

// ActionStats is the call accounting of one operation over a collection.
type ActionStats struct {
	Service string `json:"service"`
	Action  string `json:"action"`
	// Calls counts HTTP attempts, retries included.
	Calls int64 `json:"calls"`
	// Retries counts attempts after the first of an operation.
	Retries int64 `json:"retries"`
	// Throttles counts attempts AWS answered with a throttling error.
	Throttles int64 `json:"throttles"`
	// Errors counts operations that failed after their retries (each one
	// became a coverage gap unless the error meant "not configured").
	Errors int64 `json:"errors"`
	// Latency is the total time spent in attempts; MaxLatency the longest.
	Latency    time.Duration `json:"latency_ns"`
	MaxLatency time.Duration `json:"max_latency_ns"`
	// Waited is the time spent waiting for the client-side token bucket.
	Waited time.Duration `json:"waited_ns"`
	// Last is when the last attempt ended, counted from the start of the
	// collection: the action that ends last is the collection's long pole.
	Last time.Duration `json:"last_ns"`
}

// Stats accumulates ActionStats per operation. It is safe for concurrent use.
type Stats struct {
	mu    sync.Mutex
	m     map[string]*ActionStats
	start time.Time
}

// NewStats returns empty accounting; the collection starts now.
func NewStats() *Stats { return &Stats{m: map[string]*ActionStats{}, start: time.Now()} }

func (s *Stats) get(service, action string) *ActionStats {
	k := service + ":" + action
	a, ok := s.m[k]
	if !ok {
		a = &ActionStats{Service: service, Action: action}
		s.m[k] = a
	}
	return a
}

// Attempt records one HTTP attempt: its latency, the limiter wait before
// it, whether it was a retry, and whether AWS throttled it.
func (s *Stats) Attempt(service, action string, latency, waited time.Duration, retry, throttled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.get(service, action)
	a.Calls++
	a.Latency += latency
	a.Waited += waited
	if at := time.Since(s.start); at > a.Last {
		a.Last = at
	}
	if latency > a.MaxLatency {
		a.MaxLatency = latency
	}
	if retry {
		a.Retries++
	}
	if throttled {
		a.Throttles++
	}
}

// Failed records an operation that failed after its retries.
func (s *Stats) Failed(service, action string) {
	s.mu.Lock()
	s.get(service, action).Errors++
	s.mu.Unlock()
}

// Snapshot returns the accounting so far, ordered by service and action.
func (s *Stats) Snapshot() []ActionStats {
	s.mu.Lock()
	out := make([]ActionStats, 0, len(s.m))
	for _, a := range s.m {
		out = append(out, *a)
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Service != out[j].Service {
			return out[i].Service < out[j].Service
		}
		return out[i].Action < out[j].Action
	})
	return out
}

// Totals sums the accounting over every operation.
func (s *Stats) Totals() ActionStats {
	var t ActionStats
	for _, a := range s.Snapshot() {
		t.Calls += a.Calls
		t.Retries += a.Retries
		t.Throttles += a.Throttles
		t.Errors += a.Errors
		t.Latency += a.Latency
		t.Waited += a.Waited
		if a.MaxLatency > t.MaxLatency {
			t.MaxLatency = a.MaxLatency
		}
		if a.Last > t.Last {
			t.Last = a.Last
		}
	}
	return t
}

// WriteTable prints the per-action table that `--stats` shows.
func (s *Stats) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "SERVICE\tACTION\tCALLS\tRETRIES\tTHROTTLES\tERRORS\tAVG MS\tMAX MS\tWAITED MS\tLAST S\t")
	row := func(a ActionStats) {
		avg := 0.0
		if a.Calls > 0 {
			avg = float64(a.Latency.Milliseconds()) / float64(a.Calls)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%.1f\t%d\t%d\t%.1f\t\n", a.Service, a.Action, a.Calls, a.Retries, a.Throttles, a.Errors,
			avg, a.MaxLatency.Milliseconds(), a.Waited.Milliseconds(), a.Last.Seconds())
	}
	for _, a := range s.Snapshot() {
		row(a)
	}
	t := s.Totals()
	t.Service, t.Action = "total", ""
	row(t)
	return tw.Flush()
}
