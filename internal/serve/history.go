package serve

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// The overview's history: failures per severity over the stored scans
// (the HTML report's trend chart), mean time to resolve per severity and
// how fully the accounts were read, each over the viewer's accounts only.

// trendDays is how many days of history the overview's chart draws.
const trendDays = 90

// scopeAccounts is the accounts of sc as the store's page reads take them:
// nil for every account, else the allowed ones (empty: none).
func scopeAccounts(sc Scope) []string {
	f, ok := sc.Filter(store.FindingFilter{})
	if !ok {
		return []string{}
	}
	return f.Accounts
}

// scopeKey names a scope in cache keys.
func scopeKey(accounts []string) string {
	if accounts == nil {
		return "*"
	}
	return strings.Join(accounts, ",")
}

// historyView is the overview's history section.
type historyView struct {
	// Trend is the chart (an <svg> built by report.TrendSVG, whose text is
	// escaped there); empty with fewer than two days.
	Trend template.HTML
	Days  int
	// Resolve is the mean time to resolve per severity.
	Resolve []resolveRow
	// Read counts the accounts read fully, partly and not at all by their
	// latest scans.
	Full, Partial, None int
	NotRead             []string
}

type resolveRow struct {
	Severity string
	Resolved int64
	Mean     string
}

// orgTrend turns the stored scans' failures into the organization's
// failures per severity at the end of each day: every account counts with
// its latest scan so far (a scan of several accounts counts as one unit,
// for its accounts together). Only scans whose accounts sc allows count: a
// scan that covered any other account is left out, since its counts cannot
// be split by account and severity. The last trendDays days are kept.
func orgTrend(points []store.TrendPoint, sc Scope) []report.TrendPoint {
	return orgTrendDays(points, sc, trendDays)
}

// allowedIn reports whether sc allows every account of a scan (and the
// scan names some).
func allowedIn(sc Scope, accounts []string) bool {
	allowed := len(accounts) > 0
	for _, a := range accounts {
		allowed = allowed && sc.Allows(a)
	}
	return allowed
}

// orgTrendDays is orgTrend keeping the last days days.
func orgTrendDays(points []store.TrendPoint, sc Scope, days int) []report.TrendPoint {
	latest := map[string]map[string]int{}
	var out []report.TrendPoint
	day := ""
	flush := func() {
		if day == "" {
			return
		}
		sum := map[string]int{}
		for _, by := range latest {
			for sev, n := range by {
				sum[sev] += n
			}
		}
		out = append(out, report.TrendPoint{Label: day, BySeverity: sum})
	}
	for _, p := range points {
		if !allowedIn(sc, p.Accounts) {
			continue
		}
		d := p.RecordedAt.Format(time.DateOnly)
		if d != day {
			flush()
			day = d
		}
		latest[strings.Join(p.Accounts, ",")] = p.BySeverity
	}
	flush()
	if len(out) > days {
		out = out[len(out)-days:]
	}
	return out
}

// trendScans chooses, from every stored scan's head (store.ScanHeads, in
// ID order), the scans whose counts orgTrendDays needs to draw its last
// days days for sc: every allowed scan from the first of the days-th last
// day it draws on, and before that only each group of accounts' latest
// allowed scan (what the chart's first day starts from). orgTrendDays over
// the points of these scans draws what it draws over every scan
// (TestTrendScansAgree); over a year of daily scans of 200 accounts it
// reads the counts of a quarter of them.
func trendScans(heads []store.TrendPoint, sc Scope, days int) []int64 {
	// The positions in heads where the chart's points begin: a new day in
	// the allowed scans' order.
	var starts []int
	day := ""
	for i, h := range heads {
		if !allowedIn(sc, h.Accounts) {
			continue
		}
		if d := h.RecordedAt.Format(time.DateOnly); d != day {
			starts = append(starts, i)
			day = d
		}
	}
	if len(starts) <= days {
		var all []int64
		for _, h := range heads {
			if allowedIn(sc, h.Accounts) {
				all = append(all, h.ScanID)
			}
		}
		return all
	}
	from := starts[len(starts)-days]
	// Before from: each group's latest allowed scan.
	latest := map[string]int{}
	for i, h := range heads[:from] {
		if allowedIn(sc, h.Accounts) {
			latest[strings.Join(h.Accounts, ",")] = i
		}
	}
	var ids []int64
	for i, h := range heads {
		if i >= from {
			if allowedIn(sc, h.Accounts) {
				ids = append(ids, h.ScanID)
			}
			continue
		}
		if latest[strings.Join(h.Accounts, ",")] == i && allowedIn(sc, h.Accounts) {
			ids = append(ids, h.ScanID)
		}
	}
	return ids
}

// buildHistory reads the history of the accounts sc allows.
func (s *Server) buildHistory(ctx context.Context, sc Scope) (*historyView, error) {
	accounts := scopeAccounts(sc)
	heads, err := s.st.ScanHeads(ctx)
	if err != nil {
		return nil, err
	}
	points, err := s.st.TrendsOf(ctx, trendScans(heads, sc, trendDays))
	if err != nil {
		return nil, err
	}
	v := &historyView{}
	if tr := orgTrend(points, sc); len(tr) >= 2 {
		v.Trend, v.Days = template.HTML(report.TrendSVG(tr)), len(tr) // #nosec: built by report, every label escaped
	}
	res, err := s.st.MeanTimeToResolveIn(ctx, accounts)
	if err != nil {
		return nil, err
	}
	for _, r := range res {
		v.Resolve = append(v.Resolve, resolveRow{r.Severity, r.Resolved, humanDuration(r.Mean)})
	}
	levels, err := s.st.ReadLevels(ctx)
	if err != nil {
		return nil, err
	}
	for a, l := range levels {
		if !sc.Allows(a) {
			continue
		}
		switch l {
		case engine.ReadFull:
			v.Full++
		case engine.ReadPartial:
			v.Partial++
		default:
			v.None++
			v.NotRead = append(v.NotRead, a)
		}
	}
	sort.Strings(v.NotRead)
	return v, nil
}

// humanDuration writes d in days and hours (or minutes below an hour).
func humanDuration(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%.1f days", d.Hours()/24)
	case d >= time.Hour:
		return fmt.Sprintf("%.1f hours", d.Hours())
	}
	return fmt.Sprintf("%d minutes", int(d.Minutes()))
}

// history is buildHistory once per store generation and scope.
func (s *Server) history(ctx context.Context, sc Scope) (*historyView, error) {
	return s.historyAt(ctx, s.generation, sc)
}

// historyAt is history at the generation gen answers (a request's, or the
// one rendered ahead of requests: ahead.go).
func (s *Server) historyAt(ctx context.Context, gen func(context.Context) (string, error), sc Scope) (*historyView, error) {
	v, err := s.pagesCache.get(ctx, gen, "history|"+scopeKey(scopeAccounts(sc)), func() (any, error) {
		return s.buildHistory(ctx, sc)
	})
	if err != nil {
		return nil, err
	}
	return v.(*historyView), nil
}

// maxPageAnswers bounds the answers the new pages keep per generation.
const maxPageAnswers = 256

// pageCache keeps the answers of the history, frameworks and waivers
// pages for the store's current generation (store.Generation): a recorded
// or pruned scan empties it. Concurrent requests for a missing answer share
// one build (the first one's), so a crowd after a new generation costs one
// build per answer, not one per request.
type pageCache struct {
	mu      sync.Mutex
	gen     string
	answers map[string]any
	// flights are the builds in progress for gen, by key.
	flights map[string]*flight
	// max bounds the answers kept (0: maxPageAnswers).
	max int
}

// flight is one build of an answer and the requests waiting for it.
type flight struct {
	done chan struct{}
	v    any
	err  error
}

// get returns the answer under key for the store's generation (as
// generation reads it: Server.generation), building it when missing.
func (c *pageCache) get(ctx context.Context, generation func(context.Context) (string, error), key string, build func() (any, error)) (any, error) {
	gen, err := generation(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen != gen {
		c.gen, c.answers, c.flights = gen, nil, nil
	}
	if v, ok := c.answers[key]; ok {
		c.mu.Unlock()
		return v, nil
	}
	if fl := c.flights[key]; fl != nil {
		c.mu.Unlock()
		select {
		case <-fl.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if fl.err == nil {
			return fl.v, nil
		}
		// The build failed (perhaps its own request went away): build
		// for this request.
		return build()
	}
	fl := &flight{done: make(chan struct{})}
	if c.flights == nil {
		c.flights = map[string]*flight{}
	}
	c.flights[key] = fl
	c.mu.Unlock()
	// Deferred, so that a build that panics still releases its waiters
	// (with an error: they build for themselves).
	fl.err = errBuildPanicked
	defer func() {
		c.mu.Lock()
		if c.gen == gen && c.flights[key] == fl {
			delete(c.flights, key)
			if fl.err == nil {
				max := c.max
				if max == 0 {
					max = maxPageAnswers
				}
				if c.answers == nil || len(c.answers) >= max {
					c.answers = map[string]any{}
				}
				c.answers[key] = fl.v
			}
		}
		c.mu.Unlock()
		close(fl.done)
	}()
	fl.v, fl.err = build()
	return fl.v, fl.err
}

// errBuildPanicked is a flight's error until its build returns.
var errBuildPanicked = errors.New("the page's build did not finish")
