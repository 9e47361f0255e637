package engine

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Sink receives an evaluation as it is produced, so that a writer can put
// each result out as soon as it exists instead of holding millions of them.
// Its methods are called from one goroutine, in this order: Start once,
// Findings once per check in report order, End once. An error from any of
// them stops the evaluation and is returned by Stream.
type Sink interface {
	// Start receives the report's header: every field but Results (never
	// set while streaming), Summary and WaiverIssues (known only at the
	// end). The same report, complete, is passed to End.
	Start(r *Report) error
	// Findings receives one check's findings, ordered by resource, with
	// the policy applied (severity overrides, sensitivity, waivers). The
	// checks come in report order (area, service, ID), so the findings of
	// all calls, one after another, are Run's Results. The slice and its
	// findings are reused once Findings returns: a sink that keeps a
	// finding copies it. A check with no results is passed with none.
	Findings(c *check.Check, fs []Finding) error
	// End receives the report without its results, with the summary and
	// waiver issues counted over every finding streamed.
	End(r *Report) error
}

// Stream evaluates checks over a in parallel, applies p and passes the
// findings to sink in report order as each check's turn comes. Only the
// findings of the checks in flight are held (a window of a few checks
// beyond the one being written), not the whole report's. It returns the
// report without its results (its Summary, WaiverIssues, Coverage and
// FailuresAtOrAbove count every finding streamed), and the sink's first
// error.
func Stream(checks []check.Check, a *state.Account, p *policy.Policy, sink Sink) (*Report, error) {
	return stream(checks, a, p, sink, false)
}

// done is one check's evaluation, passed from a worker to the writer.
type done struct {
	findings []Finding
	ready    chan struct{}
}

// stream is Stream; with keep the sink owns each findings slice (Run's
// keeper), otherwise slices are reused for later checks.
func stream(checks []check.Check, a *state.Account, p *policy.Policy, sink Sink, keep bool) (*Report, error) {
	if p == nil {
		p = policy.Default()
	}
	// Indexes and parsed documents the checks share are built once for
	// this evaluation (state.Derive) and let go with it.
	a = a.ForEvaluation()
	now := p.Clock(a.CollectedAt)
	order := reportOrder(checks)
	rep := &Report{
		AccountID: a.AccountID, AccountName: a.Name, Source: a.Source, Policy: p.Source,
		CollectedAt: a.CollectedAt, EvaluatedAt: now,
		Gaps: a.Gaps.Sorted(),
		// Never nil: an empty list says "none", absence "not recorded".
		ChecksRun:      make([]string, 0, len(checks)),
		RegionsScanned: append([]string{}, a.ScannedRegions()...),
	}
	for _, i := range order {
		rep.ChecksRun = append(rep.ChecksRun, checks[i].ID)
	}
	tally := newTally()
	rep.tally = tally
	if err := sink.Start(rep); err != nil {
		return rep, err
	}

	// Workers take checks in report order; the writer below passes them to
	// the sink in that order. window bounds how far the workers may run
	// ahead of the writer, and so the findings held.
	workers := runtime.GOMAXPROCS(0)
	window := 2 * workers
	if keep {
		// Everything is held anyway: no reason to keep workers waiting
		// behind a long check.
		window = max(len(order), 1)
	}
	slots := make([]done, len(order))
	for k := range slots {
		slots[k].ready = make(chan struct{})
	}
	tokens := make(chan struct{}, window)
	stop := make(chan struct{})
	work := make(chan int)
	free := state.NewSpares[Finding](window + workers) // slices for reuse
	if keep {
		free = nil
	}
	sorts := &orders{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range work {
				slots[k].findings = evaluate(&checks[order[k]], a, p, free, sorts)
				close(slots[k].ready)
			}
		}()
	}
	go func() {
		defer close(work)
		for k := range order {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case work <- k:
			case <-stop:
				return
			}
		}
	}()

	used := make([]bool, len(p.Waivers))
	var err error
	for k := range order {
		<-slots[k].ready
		c := &checks[order[k]]
		fs := slots[k].findings
		slots[k].findings = nil
		for i := range fs {
			f := &fs[i]
			if f.Status == check.Fail || f.Status == check.Unknown {
				applyWaiver(f, p, now, used)
			}
			tally.add(f)
		}
		err = sink.Findings(c, fs)
		if !keep {
			free.Put(fs)
		}
		<-tokens
		if err != nil {
			break
		}
	}
	if err != nil {
		close(stop)
		wg.Wait()
		return rep, err
	}
	wg.Wait()

	rep.WaiverIssues = waiverIssues(checks, a, p, now, used)
	rep.Summary = tally.summary(a, len(checks))
	return rep, sink.End(rep)
}

// evaluate runs one check and turns its results, ordered by resource, into
// findings with the check's metadata, its severity after overrides and
// sensitivity; waivers are applied by the caller, in report order. The
// findings' slice comes from free (nil: a new one); sorts orders results
// that are not in order already.
func evaluate(c *check.Check, a *state.Account, p *policy.Policy, free *state.Spares[Finding], sorts *orders) []Finding {
	rs := runOne(*c, a, p)
	// Each check's results are ordered here, in parallel, so the report
	// needs no global sort of millions of findings. Positions are sorted,
	// not the results (a stable merge sort of large structs moved more
	// memory than the checks allocate): by resource, then by position,
	// which is the stable order. The findings are built in that order.
	var at []int32
	byResource := func(x, y check.Result) int { return strings.Compare(x.Resource, y.Resource) }
	if !slices.IsSortedFunc(rs, byResource) {
		at = sorts.order(rs)
	}
	sev := c.Severity
	if s, ok := p.SeverityOverrides[c.ID]; ok {
		if v, err := check.ParseSeverity(s); err == nil {
			sev = v
		}
	}
	raises := raisesWithSensitivity(c.Area)
	ouPath := ""
	if a.Organization != nil {
		ouPath = a.Organization.Tree.Path(a.AccountID)
	}
	fs := free.Get(len(rs))
	for i := range rs {
		r := &rs[i]
		if at != nil {
			r = &rs[at[i]]
		}
		f := &fs[i]
		*f = Finding{Result: check.Result{CheckID: c.ID, Status: r.Status, Severity: sev, Resource: r.Resource,
			Region: r.Region, Message: r.Message, Waiver: r.Waiver, Tags: r.Tags},
			Title: c.Title, Area: c.Area, Service: c.Service, AccountID: a.AccountID, AccountName: a.Name, OUPath: ouPath}
		f.Sensitive = p.IsSensitive(r.Tags)
		if f.Sensitive && raises && r.Status == check.Fail && f.Severity < check.Critical {
			f.Severity++
		}
	}
	check.Recycle(a, rs) // copied out: a later check fills it
	return fs
}

// waiverIssues lists the waivers that are expired, matched nothing (stale)
// or could not be judged in this scan; used marks the waivers that
// matched a result.
func waiverIssues(checks []check.Check, a *state.Account, p *policy.Policy, now time.Time, used []bool) []WaiverIssue {
	ran := make(map[string]bool, len(checks))
	for _, c := range checks {
		ran[c.ID] = true
	}
	unscanned := unscannedRegions(a)
	var out []WaiverIssue
	for i, w := range p.Waivers {
		switch {
		case w.Expired(now):
			out = append(out, WaiverIssue{Waiver: w, Problem: WaiverExpired})
		case used[i]:
		case !ran[w.Check]:
			out = append(out, WaiverIssue{Waiver: w, Problem: WaiverUnevaluated,
				Reason: "not evaluated in this scan: its check " + w.Check + " was not run (--check or --framework)"})
		case len(unscanned) > 0 && !scannedRegion(a, w.Resource):
			out = append(out, WaiverIssue{Waiver: w, Problem: WaiverUnevaluated,
				Reason: "not evaluated in this scan: enabled regions not scanned (--regions): " + strings.Join(unscanned, ", ")})
		default:
			out = append(out, WaiverIssue{Waiver: w, Problem: WaiverStale})
		}
	}
	return out
}

// tally counts findings as they stream: the summary's counts, the
// coverage and the failures by severity. Report.Summary, Coverage and
// FailuresAtOrAbove all count through it, streamed or not.
type tally struct {
	total    int
	byStatus map[check.Status]int
	failSev  [check.Critical + 1]int
	coverage Coverage
}

func newTally() *tally { return &tally{byStatus: map[check.Status]int{}} }

// add counts one finding.
func (t *tally) add(f *Finding) {
	t.total++
	t.byStatus[f.Status]++
	if f.Status == check.Fail && f.Severity >= check.Info && f.Severity <= check.Critical {
		t.failSev[f.Severity]++
	}
	t.coverage.add(f)
}

// tallyOf counts a list of findings.
func tallyOf(fs []Finding) *tally {
	t := newTally()
	for i := range fs {
		t.add(&fs[i])
	}
	return t
}

// summary is the report's Summary of the findings counted.
func (t *tally) summary(a *state.Account, nChecks int) Summary {
	return t.summaryWith(a.Gaps.CountByReason(), nChecks)
}

// summaryWith is summary with the gaps per reason given.
func (t *tally) summaryWith(gapsByReason map[state.GapReason]int, nChecks int) Summary {
	s := Summary{
		Total:          t.total,
		ByStatus:       map[check.Status]int{},
		FailBySeverity: map[string]int{},
		GapsByReason:   gapsByReason,
		Checks:         nChecks,
	}
	for _, st := range check.Statuses {
		s.ByStatus[st] = 0
	}
	for st, n := range t.byStatus {
		s.ByStatus[st] += n
	}
	for i := check.Info; i <= check.Critical; i++ {
		s.FailBySeverity[i.String()] = t.failSev[i]
	}
	return s
}

// failuresAtOrAbove counts failures with severity >= min.
func (t *tally) failuresAtOrAbove(min check.Severity) int {
	n := 0
	for s := max(min, check.Info); s <= check.Critical; s++ {
		n += t.failSev[s]
	}
	return n
}

// orders sorts check results by resource, then position (the stable
// order), and remembers the orders of long lists: most checks of a
// service judge the same resources in the same order, and sorting each
// one's results again was about a seventh of an evaluation's CPU at 1M
// resources. A remembered order is used only for results whose resources
// are the same strings in the same order (compared one by one), so it is
// the order a sort gives them. Safe for concurrent use; the orders it
// returns are shared and read-only.
type orders struct {
	mu   sync.Mutex
	seen []*sorted // the most recently used last
}

// sorted is the order of one list of resources.
type sorted struct {
	resources []string
	at        []int32
}

const (
	minRemembered = 4096 // shorter lists are sorted each time
	maxRemembered = 8    // lists remembered at once
)

// order returns the positions of rs sorted by resource, then position.
func (o *orders) order(rs []check.Result) []int32 {
	if len(rs) < minRemembered {
		return sortPositions(rs)
	}
	o.mu.Lock()
	seen := slices.Clone(o.seen)
	o.mu.Unlock()
	for i := len(seen) - 1; i >= 0; i-- {
		if seen[i].matches(rs) {
			o.mu.Lock()
			if j := slices.Index(o.seen, seen[i]); j >= 0 {
				o.seen = append(slices.Delete(o.seen, j, j+1), seen[i])
			}
			o.mu.Unlock()
			return seen[i].at
		}
	}
	e := &sorted{resources: make([]string, len(rs)), at: sortPositions(rs)}
	for i := range rs {
		e.resources[i] = rs[i].Resource
	}
	o.mu.Lock()
	o.seen = append(o.seen, e)
	if len(o.seen) > maxRemembered {
		o.seen = slices.Delete(o.seen, 0, 1)
	}
	o.mu.Unlock()
	return e.at
}

// matches reports whether rs are results about s's resources, in order.
func (s *sorted) matches(rs []check.Result) bool {
	n := len(rs)
	if len(s.resources) != n || rs[0].Resource != s.resources[0] || rs[n-1].Resource != s.resources[n-1] ||
		rs[n/2].Resource != s.resources[n/2] {
		return false
	}
	for i := range rs {
		if rs[i].Resource != s.resources[i] {
			return false
		}
	}
	return true
}

// sortPositions returns the positions of rs sorted by resource, then
// position.
func sortPositions(rs []check.Result) []int32 {
	at := make([]int32, len(rs))
	for i := range at {
		at[i] = int32(i)
	}
	slices.SortFunc(at, func(x, y int32) int {
		if c := strings.Compare(rs[x].Resource, rs[y].Resource); c != 0 {
			return c
		}
		return int(x - y)
	})
	return at
}
