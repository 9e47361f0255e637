package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Read levels of an account in a combined report.
const (
	// ReadFull: read without coverage gaps (slow reads skipped by
	// --details aside).
	ReadFull = "full"
	// ReadPartial: read, with coverage gaps.
	ReadPartial = "partial"
	// ReadNone: not read (the role could not be assumed, nothing could be
	// read); the account has no results.
	ReadNone = "none"
)

// ReadLevel classifies a read account by its coverage gaps: partial when
// it has gaps other than slow reads skipped by --details and regions the
// account has not enabled (nothing there to read), else full.
func ReadLevel(gaps []state.Gap) string {
	for _, g := range gaps {
		if g.Reason != state.ReasonSkipped && g.Reason != state.ReasonRegionDisabled {
			return ReadPartial
		}
	}
	return ReadFull
}

// AccountEntry is one account of a combined report.
type AccountEntry struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	OUPath string `json:"ou_path,omitempty"`
	// Read is ReadFull, ReadPartial or ReadNone; Reason says why an
	// account was not read.
	Read   string `json:"read"`
	Reason string `json:"reason,omitempty"`
	// CollectedAt is when the account's state was read (absent when not).
	CollectedAt *time.Time `json:"collected_at,omitempty"`
	// Summary counts the account's own results (absent when not read).
	Summary *Summary `json:"summary,omitempty"`
	// Gaps are the account's coverage gaps, ordered.
	Gaps []state.Gap `json:"gaps,omitempty"`
	// RegionsScanned are the regions whose resources were read in this
	// account: what a later diff needs per account.
	RegionsScanned []string `json:"regions_scanned,omitempty"`
}

// Combiner builds one report for many accounts from their reports, one
// account at a time: each account's results move into the combined report
// as it is added, so an organization run holds one account's state (and
// the results so far), never every account's state.
type Combiner struct {
	rep     *Report
	seen    map[string]bool
	checks  map[string]bool
	regions map[string]bool
	// waivers counts, per waiver, the read accounts that report it as an
	// issue: a waiver is stale for the organization only when it matched
	// nothing in any account.
	waivers   map[string]*waiverTally
	order     []string
	read      int
	sources   map[string]bool
	unordered bool
	// spill, when set, is where each added account's results are kept
	// (one file per account) instead of memory; see SpillTo.
	spill string
}

type waiverTally struct {
	issue WaiverIssue
	n     int
	stale bool
}

// NewCombiner starts an empty combined report.
func NewCombiner() *Combiner {
	return &Combiner{
		rep:  &Report{Results: []Finding{}, Gaps: []state.Gap{}, ChecksRun: []string{}, RegionsScanned: []string{}},
		seen: map[string]bool{}, checks: map[string]bool{}, regions: map[string]bool{},
		waivers: map[string]*waiverTally{}, sources: map[string]bool{},
	}
}

// Add files one account's report into the combined report. The report's
// results are moved, not copied: r must not be used afterwards. An account
// added twice, a report without an account or a combined report is an
// error.
func (c *Combiner) Add(r *Report) error {
	switch {
	case r == nil:
		return errors.New("combining reports: no report")
	case r.IsOrg():
		return errors.New("combining reports: a combined report cannot be combined again")
	case r.AccountID == "":
		return errors.New("combining reports: a report names no account")
	case c.seen[r.AccountID]:
		return fmt.Errorf("combining reports: account %s is there twice", r.AccountID)
	}
	c.note(r.AccountID)
	rep := c.rep
	if rep.Policy == "" {
		rep.Policy = r.Policy
	}
	c.sources[r.Source] = true
	if rep.CollectedAt.IsZero() || (!r.CollectedAt.IsZero() && r.CollectedAt.Before(rep.CollectedAt)) {
		rep.CollectedAt = r.CollectedAt
	}
	if r.EvaluatedAt.After(rep.EvaluatedAt) {
		rep.EvaluatedAt = r.EvaluatedAt
	}
	for _, id := range r.ChecksRun {
		if !c.checks[id] {
			c.checks[id] = true
			rep.ChecksRun = append(rep.ChecksRun, id)
		}
	}
	for _, g := range r.RegionsScanned {
		c.regions[g] = true
	}
	sum := r.Summary
	collected := r.CollectedAt
	e := AccountEntry{ID: r.AccountID, Name: r.AccountName, Read: ReadLevel(r.Gaps), CollectedAt: &collected,
		Summary: &sum, Gaps: r.Gaps, RegionsScanned: r.RegionsScanned}
	for i := range r.Results {
		f := &r.Results[i]
		if f.AccountID == "" { // results read back from before the field
			f.AccountID, f.AccountName = r.AccountID, r.AccountName
		}
		if e.OUPath == "" {
			e.OUPath = f.OUPath
		}
	}
	rep.Accounts = append(rep.Accounts, e)
	if c.spill != "" {
		if err := c.spillResults(r.AccountID, r.Results); err != nil {
			return err
		}
	} else {
		rep.Results = append(rep.Results, r.Results...)
	}
	r.Results = nil
	c.read++
	for _, wi := range r.WaiverIssues {
		k := waiverKey(wi)
		t := c.waivers[k]
		if t == nil {
			t = &waiverTally{issue: wi, stale: true}
			c.waivers[k] = t
		}
		t.n++
		if wi.Problem != WaiverStale {
			t.stale = false
			if t.issue.Problem == WaiverStale {
				t.issue = wi
			}
		}
	}
	return nil
}

// AddUnread records an account that could not be read, with the reason:
// it is listed with no results, never dropped.
func (c *Combiner) AddUnread(id, name, reason string) error {
	if id == "" {
		return errors.New("combining reports: an unread account has no ID")
	}
	if c.seen[id] {
		return fmt.Errorf("combining reports: account %s is there twice", id)
	}
	c.note(id)
	c.rep.Accounts = append(c.rep.Accounts, AccountEntry{ID: id, Name: name, Read: ReadNone, Reason: reason})
	return nil
}

// SpillTo makes the combiner keep each account's results in a file of
// its own under dir (which must exist and which the caller removes) as the
// account is added, instead of in memory: a combined report of an
// organization then costs the accounts' entries and summaries, not every
// finding of every account. The finished report (Report) has no results;
// ReplayResults passes them, account by account in the report's order, to
// a writer that streams (engine.Sink). Call it before the first Add.
func (c *Combiner) SpillTo(dir string) { c.spill = dir }

// Spilled reports whether the results are kept in files (SpillTo).
func (c *Combiner) Spilled() bool { return c.spill != "" }

func (c *Combiner) spillFile(id string) string {
	return filepath.Join(c.spill, "results-"+id+".gob")
}

// spillResults writes one account's results to its spill file (Spill).
func (c *Combiner) spillResults(id string, fs []Finding) error {
	sp, err := CreateSpill(c.spillFile(id))
	if err == nil {
		err = sp.Write(fs)
		if cerr := sp.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("combining reports: account %s: %w", id, err)
	}
	return nil
}

// ReplayResults passes the results a spilling combiner (SpillTo) kept to
// fn, one account at a time in rep's account order (rep is what Report
// returned), each with the account name and OU path Report settled: the
// findings, in the order, that a combiner holding them in memory would
// have put in rep.Results. Each account's file is removed once passed.
func (c *Combiner) ReplayResults(rep *Report, fn func([]Finding) error) error {
	if c.spill == "" {
		return errors.New("combining reports: the results were not spilled")
	}
	for _, e := range rep.Accounts {
		if e.Summary == nil {
			continue // not read: no results
		}
		err := ReadSpill(c.spillFile(e.ID), func(fs []Finding) error {
			for i := range fs {
				fs[i].AccountName, fs[i].OUPath = e.Name, e.OUPath
			}
			return fn(fs)
		})
		if err != nil {
			return fmt.Errorf("combining reports: account %s: %w", e.ID, err)
		}
		if err := os.Remove(c.spillFile(e.ID)); err != nil {
			return fmt.Errorf("combining reports: %w", err)
		}
	}
	return nil
}

func (c *Combiner) note(id string) {
	c.seen[id] = true
	if n := len(c.order); n > 0 && c.order[n-1] > id {
		c.unordered = true
	}
	c.order = append(c.order, id)
}

func waiverKey(wi WaiverIssue) string {
	w := wi.Waiver
	return strings.Join([]string{w.Check, w.Resource, w.Owner, w.Reason, w.Expires.Format(time.RFC3339)}, "\x00")
}

// Report finishes the combined report: accounts ordered by ID (their
// results with them), names and OU paths taken from the organization's
// tree where the accounts' own reports lack them (tree may be nil), the
// summary over every account. The combiner must not be used afterwards.
func (c *Combiner) Report(tree *state.OrgTree, organizationID string) *Report {
	rep := c.rep
	rep.OrganizationID = organizationID
	if len(c.sources) == 1 {
		for s := range c.sources {
			rep.Source = s
		}
	}
	rs := make([]string, 0, len(c.regions))
	for g := range c.regions {
		rs = append(rs, g)
	}
	sort.Strings(rs)
	rep.RegionsScanned = rs
	if c.unordered {
		sort.SliceStable(rep.Accounts, func(i, j int) bool { return rep.Accounts[i].ID < rep.Accounts[j].ID })
		slices.SortStableFunc(rep.Results, func(x, y Finding) int { return strings.Compare(x.AccountID, y.AccountID) })
	}
	byID := map[string]*AccountEntry{}
	for i := range rep.Accounts {
		e := &rep.Accounts[i]
		byID[e.ID] = e
		if oa, ok := tree.Account(e.ID); ok && e.Name == "" {
			e.Name = oa.Name
		}
		if p := tree.Path(e.ID); p != "" {
			e.OUPath = p
		}
	}
	for i := range rep.Results {
		f := &rep.Results[i]
		if e := byID[f.AccountID]; e != nil {
			f.AccountName, f.OUPath = e.Name, e.OUPath
		}
	}
	rep.Summary = combineSummary(rep.Accounts, len(rep.ChecksRun))
	keys := make([]string, 0, len(c.waivers))
	for k := range c.waivers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t := c.waivers[k]
		// A waiver used in one account is not stale for the organization.
		if t.issue.Problem == WaiverExpired || t.n == c.read {
			rep.WaiverIssues = append(rep.WaiverIssues, t.issue)
		}
	}
	c.rep = nil
	return rep
}

// combineSummary adds up the accounts' summaries.
func combineSummary(accts []AccountEntry, nChecks int) Summary {
	s := Summary{ByStatus: map[check.Status]int{}, FailBySeverity: map[string]int{}, GapsByReason: map[state.GapReason]int{}, Checks: nChecks}
	for _, st := range check.Statuses {
		s.ByStatus[st] = 0
	}
	for i := check.Info; i <= check.Critical; i++ {
		s.FailBySeverity[i.String()] = 0
	}
	for _, e := range accts {
		if e.Summary == nil {
			continue
		}
		s.Total += e.Summary.Total
		for k, v := range e.Summary.ByStatus {
			s.ByStatus[k] += v
		}
		for k, v := range e.Summary.FailBySeverity {
			s.FailBySeverity[k] += v
		}
		for k, v := range e.Summary.GapsByReason {
			s.GapsByReason[k] += v
		}
	}
	return s
}

// Combine builds one report from several accounts' reports (moving their
// results) and the accounts that could not be read (id -> reason); tree,
// when known, names the accounts and their OU paths.
func Combine(reps []*Report, unread map[string]string, tree *state.OrgTree, organizationID string) (*Report, error) {
	c := NewCombiner()
	for _, r := range reps {
		if err := c.Add(r); err != nil {
			return nil, err
		}
	}
	ids := make([]string, 0, len(unread))
	for id := range unread {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := c.AddUnread(id, "", unread[id]); err != nil {
			return nil, err
		}
	}
	return c.Report(tree, organizationID), nil
}

// AccountRank orders a combined report's accounts for a first screen:
// most critical failures first, then most high ones, then by ID. It
// returns indices into r.Accounts.
func AccountRank(r *Report) []int {
	idx := make([]int, len(r.Accounts))
	for i := range idx {
		idx[i] = i
	}
	fails := func(i int, sev check.Severity) int {
		if s := r.Accounts[i].Summary; s != nil {
			return s.FailBySeverity[sev.String()]
		}
		return 0
	}
	sort.SliceStable(idx, func(x, y int) bool {
		a, b := idx[x], idx[y]
		if ca, cb := fails(a, check.Critical), fails(b, check.Critical); ca != cb {
			return ca > cb
		}
		if ha, hb := fails(a, check.High), fails(b, check.High); ha != hb {
			return ha > hb
		}
		return r.Accounts[a].ID < r.Accounts[b].ID
	})
	return idx
}
