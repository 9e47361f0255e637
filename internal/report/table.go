// Package report renders an engine.Report for people (terminal table) and
// for tools (JSON and the standard formats).
package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// TableOptions control the terminal table.
type TableOptions struct {
	// Color enables ANSI colours (only on a TTY, decided by the caller).
	Color bool
	// ShowAll includes pass and not_applicable rows; by default only results
	// that need attention (fail, unknown, waived, manual) are listed.
	ShowAll bool
	// Statuses, when not empty, lists only results of these statuses
	// (instead of the attention set, or every status with ShowAll).
	Statuses []check.Status
	// Severities, when not empty, lists only results of these severities.
	Severities []check.Severity
	// Width is the terminal width evidence is wrapped to (0 = DefaultWidth).
	Width int
}

// DefaultWidth is the table width when the terminal's is not known.
const DefaultWidth = 100

// evidenceLines bounds how many lines one result's evidence wraps to; the
// last is cut with "…" (the full text is in every other format).
const evidenceLines = 4

// filtered reports whether --status or --severity narrowed the listing.
func (o TableOptions) filtered() bool { return len(o.Statuses) > 0 || len(o.Severities) > 0 }

// lists reports whether the table lists result f.
func (o TableOptions) lists(f *engine.Finding) bool {
	if len(o.Statuses) > 0 {
		if !slices.Contains(o.Statuses, f.Status) {
			return false
		}
	} else if !o.ShowAll && !needsAttention(f.Status) {
		return false
	}
	return len(o.Severities) == 0 || slices.Contains(o.Severities, f.Severity)
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiMag    = "\x1b[35m"
)

type painter bool

func (p painter) paint(code, s string) string {
	if !p {
		return s
	}
	return code + s + ansiReset
}

func statusColor(s check.Status) string {
	switch s {
	case check.Fail:
		return ansiRed
	case check.Pass:
		return ansiGreen
	case check.Unknown:
		return ansiYellow
	case check.Waived:
		return ansiBlue
	case check.Manual:
		return ansiMag
	}
	return ansiDim
}

// Table writes a one-screen overview (per area: failures by severity,
// unknown, waived and manual counts; the worst failures), then the
// findings grouped by area and service, then a summary. It is TableSink
// given the whole report: both write the same bytes.
func Table(w io.Writer, r *engine.Report, o TableOptions) error {
	s := TableSink(w, o, DigestOf(r))
	if err := s.Start(r); err != nil {
		return err
	}
	// A combined report's results are grouped by account (engine.Combine);
	// the listing of each account (of the whole report otherwise) is
	// grouped by area and service.
	for lo := 0; lo < len(r.Results); {
		hi := len(r.Results)
		if r.IsOrg() {
			hi = lo + 1
			for hi < len(r.Results) && r.Results[hi].AccountID == r.Results[lo].AccountID {
				hi++
			}
		}
		if err := listGrouped(s, r.Results[lo:hi]); err != nil {
			return err
		}
		lo = hi
	}
	return s.End(r)
}

// listGrouped passes one account's results to the table's writer group by
// group (area and service, in the order the groups first appear). The
// engine's results are in that order already (report order: area,
// service, check) and go as they are; results in another order go one at
// a time, group after group.
func listGrouped(s engine.Sink, fs []engine.Finding) error {
	type key struct {
		area    check.Area
		service string
	}
	seen := map[key]bool{}
	var last key
	contiguous := true
	for i := range fs {
		k := key{fs[i].Area, fs[i].Service}
		if i > 0 && k != last && seen[k] {
			contiguous = false
			break
		}
		seen[k], last = true, k
	}
	if contiguous {
		return s.Findings(nil, fs)
	}
	groups := map[key][]int{}
	var order []key
	for i := range fs {
		k := key{fs[i].Area, fs[i].Service}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range order {
		for _, i := range groups[k] {
			if err := s.Findings(nil, fs[i:i+1]); err != nil {
				return err
			}
		}
	}
	return nil
}

// TableSink returns the table's writer for a finished report whose
// results come a batch at a time, in the report's order (Format.Replay):
// d, the digest of every result, holds what the table prints before the
// first row (the overview's counts and worst failures, each group's
// counts), so no result is held. The bytes are those of Table.
func TableSink(w io.Writer, o TableOptions, d *Digest) engine.Sink {
	width := o.Width
	if width <= 0 {
		width = DefaultWidth
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	return &tableSink{bw: bw, ew: &errWriter{w: bw}, o: o, p: painter(o.Color), width: width, d: d}
}

// tableSink writes the table as the results come (TableSink).
type tableSink struct {
	bw    *bufio.Writer
	ew    *errWriter
	o     TableOptions
	p     painter
	width int
	d     *Digest
	org   bool
	// account is the account being listed (a combined report's results
	// are grouped by account), inAccount whether one is.
	account   string
	inAccount bool
	// group is the area and service being listed, headed whether its
	// header is written (a filtered table heads only groups it lists
	// from); lastArea is the area of the last header written.
	group    tableGroup
	inGroup  bool
	headed   bool
	lastArea check.Area
	listed   int
}

// tableGroup is one group of the listing: an account's area and service.
type tableGroup struct {
	account string
	area    check.Area
	service string
}

func (t *tableSink) Start(r *engine.Report) error {
	ew, p := t.ew, t.p
	t.org = r.IsOrg()
	ew.printf("%s\n", p.paint(ansiBold, accountTitle(r)))
	pol := "default policy"
	if r.Policy != "" {
		pol = "policy " + textsafe.Terminal(r.Policy)
	}
	ew.printf("%s\n\n", p.paint(ansiDim, fmt.Sprintf("source %s, %s, collected %s, %d checks, %d results", textsafe.Terminal(r.Source), pol, r.CollectedAt.Format("2006-01-02 15:04 MST"), r.Summary.Checks, r.Summary.Total)))
	if t.org {
		writeAccountRanking(ew, r, p, t.width)
	} else {
		writeOverview(ew, t.d.table, p, t.width)
	}
	return ew.err
}

// Findings lists a batch of results, grouped by area and service (and in
// a combined report by account, each under its header).
func (t *tableSink) Findings(_ *check.Check, fs []engine.Finding) error {
	ew, p := t.ew, t.p
	for i := range fs {
		f := &fs[i]
		if t.org && (!t.inAccount || f.AccountID != t.account) {
			if t.inAccount {
				ew.printf("\n")
			}
			t.account, t.inAccount, t.inGroup, t.lastArea = f.AccountID, true, false, ""
			head := "### account " + textsafe.Terminal(f.AccountID)
			if f.AccountName != "" {
				head += " (" + textsafe.Terminal(f.AccountName) + ")"
			}
			if f.OUPath != "" {
				head += "  " + textsafe.Terminal(f.OUPath)
			}
			ew.printf("%s\n", p.paint(ansiBold, head))
		}
		g := tableGroup{account: f.AccountID, area: f.Area, service: f.Service}
		if !t.inGroup || g != t.group {
			t.group, t.inGroup, t.headed = g, true, false
			if !t.o.filtered() {
				t.head()
			}
		}
		if !t.o.lists(f) {
			continue
		}
		if !t.headed {
			t.head()
		}
		t.listed++
		st := fmt.Sprintf("%-7s", shortStatus(f.Status))
		sev := ""
		if f.Status == check.Fail || f.Status == check.Waived {
			sev = f.Severity.String()
		}
		line := fmt.Sprintf("    %s %-8s %-44s %s", p.paint(statusColor(f.Status), st), sev, f.CheckID, textsafe.Terminal(shortResource(f.Resource)))
		ew.printf("%s\n", line)
		for _, l := range wrap(textsafe.Terminal(f.Message), t.width-6, evidenceLines) {
			ew.printf("      %s\n", p.paint(ansiDim, l))
		}
	}
	return ew.err
}

// head writes the current group's header (and its area's, when the area
// changes) with the group's counts.
func (t *tableSink) head() {
	ew, p := t.ew, t.p
	k := t.group
	if k.area != t.lastArea {
		ew.printf("%s\n", p.paint(ansiBold, "== "+strings.ToUpper(string(k.area))+" =="))
		t.lastArea = k.area
	}
	ew.printf("  %s  %s\n", p.paint(ansiBold, k.service), p.paint(ansiDim, countLine(t.d.table.groups[k])))
	t.headed = true
}

func (t *tableSink) End(r *engine.Report) error {
	ew, p := t.ew, t.p
	if t.org {
		if t.inAccount {
			ew.printf("\n")
		}
		for _, e := range r.Accounts {
			if e.Read == engine.ReadNone {
				ew.printf("%s\n", p.paint(ansiYellow, fmt.Sprintf("### account %s NOT READ: %s", textsafe.Terminal(e.ID), textsafe.Terminal(e.Reason))))
			}
		}
	}
	if t.o.filtered() {
		ew.printf("%s\n", p.paint(ansiDim, fmt.Sprintf("listed %d of %d results (%s)", t.listed, t.d.results, t.o.filterLine())))
	}
	ew.printf("\n")
	writeSummary(ew, r, p)
	if ew.err != nil {
		return ew.err
	}
	return t.bw.Flush()
}

// filterLine names the listing's filters: "status fail, unknown; severity high".
func (o TableOptions) filterLine() string {
	var parts []string
	if len(o.Statuses) > 0 {
		var ss []string
		for _, s := range o.Statuses {
			ss = append(ss, string(s))
		}
		parts = append(parts, "status "+strings.Join(ss, ", "))
	}
	if len(o.Severities) > 0 {
		var ss []string
		for _, s := range o.Severities {
			ss = append(ss, s.String())
		}
		parts = append(parts, "severity "+strings.Join(ss, ", "))
	}
	return strings.Join(parts, "; ")
}

// overviewTop is how many failures the overview names.
const overviewTop = 5

// tableDigest is what the table prints before the first row: the
// overview's counts per area and its worst failures, and each group's
// counts per status. It is bounded by the areas, services and accounts,
// not the results.
type tableDigest struct {
	areas []check.Area
	per   map[check.Area]*areaCount
	// worst holds, per severity, the first overviewTop failures in the
	// report's order (all the overview can name); failures counts them
	// all.
	worst    map[check.Severity][]worstFailure
	failures int
	groups   map[tableGroup]map[check.Status]int
}

// areaCount is one area's line of the overview.
type areaCount struct {
	fail, critical, high, unknown, waived, manual, pass int
}

// worstFailure is a failure the overview may name.
type worstFailure struct {
	severity check.Severity
	checkID  string
	resource string
}

func newTableDigest() *tableDigest {
	return &tableDigest{per: map[check.Area]*areaCount{}, worst: map[check.Severity][]worstFailure{},
		groups: map[tableGroup]map[check.Status]int{}}
}

// add counts one result of the batch of key key (the account, where a
// result does not name it); results of one account come in the report's
// order (the overview's worst failures are its first ones).
func (d *tableDigest) add(key string, f *engine.Finding) {
	g := tableGroup{account: f.AccountID, area: f.Area, service: f.Service}
	if g.account == "" {
		g.account = key
	}
	gc := d.groups[g]
	if gc == nil {
		gc = map[check.Status]int{}
		d.groups[g] = gc
	}
	gc[f.Status]++
	c := d.per[f.Area]
	if c == nil {
		c = &areaCount{}
		d.per[f.Area] = c
		d.areas = append(d.areas, f.Area)
	}
	switch f.Status {
	case check.Fail:
		c.fail++
		switch f.Severity {
		case check.Critical:
			c.critical++
		case check.High:
			c.high++
		}
		d.failures++
		if w := d.worst[f.Severity]; len(w) < overviewTop {
			d.worst[f.Severity] = append(w, worstFailure{severity: f.Severity, checkID: f.CheckID, resource: f.Resource})
		}
	case check.Unknown:
		c.unknown++
	case check.Waived:
		c.waived++
	case check.Manual:
		c.manual++
	case check.Pass:
		c.pass++
	}
}

// top is the overview's worst failures: worst severity first, equal
// severities in the report's order.
func (d *tableDigest) top() []worstFailure {
	sevs := make([]check.Severity, 0, len(d.worst))
	for s := range d.worst {
		sevs = append(sevs, s)
	}
	sort.Slice(sevs, func(i, j int) bool { return sevs[i] > sevs[j] })
	var out []worstFailure
	for _, s := range sevs {
		for _, w := range d.worst[s] {
			if len(out) == overviewTop {
				return out
			}
			out = append(out, w)
		}
	}
	return out
}

// writeOverview writes one line per area (failures, the critical and high
// ones among them, unknown, waived, manual) and the worst failures: what
// a reader needs before the full listing.
func writeOverview(ew *errWriter, d *tableDigest, p painter, width int) {
	ew.printf("%s\n", p.paint(ansiBold, "Overview"))
	aw := len("AREA")
	for _, a := range d.areas {
		aw = max(aw, len(a))
	}
	ew.printf("  %s\n", p.paint(ansiDim, fmt.Sprintf("%-*s  %5s  %8s  %4s  %7s  %6s  %6s  %5s", aw, "AREA", "FAIL", "CRITICAL", "HIGH", "UNKNOWN", "WAIVED", "MANUAL", "PASS")))
	for _, a := range d.areas {
		c := d.per[a]
		fail := fmt.Sprintf("%5d", c.fail)
		if c.fail > 0 {
			fail = p.paint(ansiRed, fail)
		}
		unknown := fmt.Sprintf("%7d", c.unknown)
		if c.unknown > 0 {
			unknown = p.paint(ansiYellow, unknown)
		}
		ew.printf("  %-*s  %s  %8d  %4d  %s  %6d  %6d  %5d\n", aw, a, fail, c.critical, c.high, unknown, c.waived, c.manual, c.pass)
	}
	if d.failures == 0 {
		ew.printf("  %s\n\n", p.paint(ansiDim, "no failures"))
		return
	}
	worst := d.top()
	ew.printf("  %s\n", p.paint(ansiBold, fmt.Sprintf("Top failures (%d of %d):", len(worst), d.failures)))
	idW := 0
	for _, f := range worst {
		idW = max(idW, len(f.checkID))
	}
	for _, f := range worst {
		line := fmt.Sprintf("%-8s %-*s  %s", f.severity, idW, f.checkID, textsafe.Terminal(shortResource(f.resource)))
		ew.printf("    %s\n", clip(line, width-4))
	}
	ew.printf("\n")
}

// wrap breaks s into lines of at most width characters at spaces (a word
// longer than a line is cut), at most maxLines of them; when text is left
// over, the last line ends in "…". A width under 20 is taken as 20.
func wrap(s string, width, maxLines int) []string {
	width = max(width, 20)
	if utf8.RuneCountInString(s) <= width {
		return []string{s}
	}
	var lines []string
	rest := []rune(s)
	for len(rest) > 0 {
		if len(lines) == maxLines-1 {
			if len(rest) > width {
				rest = append(rest[:width-1:width-1], '…')
			}
			return append(lines, string(rest))
		}
		if len(rest) <= width {
			return append(lines, string(rest))
		}
		cut := width
		for i := width; i > width/2; i-- {
			if rest[i] == ' ' {
				cut = i
				break
			}
		}
		lines = append(lines, strings.TrimRight(string(rest[:cut]), " "))
		rest = rest[cut:]
		for len(rest) > 0 && rest[0] == ' ' {
			rest = rest[1:]
		}
	}
	return lines
}

func needsAttention(s check.Status) bool {
	return s == check.Fail || s == check.Unknown || s == check.Waived || s == check.Manual
}

func shortStatus(s check.Status) string {
	switch s {
	case check.NotApplicable:
		return "n/a"
	}
	return strings.ToUpper(string(s))
}

// shortResource drops the "arn:aws:" prefix that every row would repeat.
func shortResource(arn string) string {
	return strings.TrimPrefix(arn, "arn:aws:")
}

// accountTitle is the first line of a table: the account ID and name,
// shown as text (the name is the account's alias, chosen in the account).
func accountTitle(r *engine.Report) string {
	if r.IsOrg() {
		return fmt.Sprintf("shoulder: organization %s (%d accounts)", textsafe.Terminal(nonEmpty(r.OrganizationID, "of account snapshots")), len(r.Accounts))
	}
	title := fmt.Sprintf("shoulder: account %s", textsafe.Terminal(r.AccountID))
	if r.AccountName != "" {
		title += " (" + textsafe.Terminal(r.AccountName) + ")"
	}
	return title
}

func countLine(c map[check.Status]int) string {
	var parts []string
	for _, s := range check.Statuses {
		if c[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c[s], s))
		}
	}
	return strings.Join(parts, ", ")
}

func writeSummary(ew *errWriter, r *engine.Report, p painter) {
	s := r.Summary
	ew.printf("%s\n", p.paint(ansiBold, "Summary"))
	var parts []string
	for _, st := range check.Statuses {
		parts = append(parts, p.paint(statusColor(st), fmt.Sprintf("%d %s", s.ByStatus[st], st)))
	}
	ew.printf("  results: %s\n", strings.Join(parts, "  "))
	var sev []string
	for i := check.Critical; i >= check.Info; i-- {
		sev = append(sev, fmt.Sprintf("%d %s", s.FailBySeverity[i.String()], i))
	}
	ew.printf("  failures by severity: %s\n", strings.Join(sev, ", "))
	evaluated := s.Total - s.ByStatus[check.NotApplicable]
	if evaluated > 0 {
		ew.printf("  not evaluated: %d of %d results (%.1f%%) are unknown", s.ByStatus[check.Unknown], evaluated, 100*float64(s.ByStatus[check.Unknown])/float64(evaluated))
	} else {
		ew.printf("  not evaluated: %d unknown", s.ByStatus[check.Unknown])
	}
	if nGaps := gapCount(r); nGaps > 0 {
		var rs []string
		for reason, n := range s.GapsByReason {
			rs = append(rs, fmt.Sprintf("%d %s", n, reason))
		}
		sort.Strings(rs)
		ew.printf("; %d coverage gaps (%s)", nGaps, strings.Join(rs, ", "))
	}
	ew.printf("\n")
	for _, wi := range r.WaiverIssues {
		ew.printf("  %s waiver: %s on %s (owner %s, expires %s)\n", wi.Problem, textsafe.Terminal(wi.Waiver.Check), textsafe.Terminal(wi.Waiver.Resource),
			textsafe.Terminal(wi.Waiver.Owner), wi.Waiver.Expires.Format("2006-01-02"))
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}

// gapCount counts a report's coverage gaps, every account's in a combined
// report.
func gapCount(r *engine.Report) int {
	n := len(r.Gaps)
	for _, e := range r.Accounts {
		n += len(e.Gaps)
	}
	return n
}

// accountRankTop is how many accounts the organization's first screen
// names.
const accountRankTop = 20

// writeAccountRanking writes a combined report's first screen: its
// accounts, most critical then high failures first, with how far each was
// read.
func writeAccountRanking(ew *errWriter, r *engine.Report, p painter, width int) {
	ew.printf("%s\n", p.paint(ansiBold, "Accounts (most critical, then high failures first)"))
	ew.printf("  %s\n", p.paint(ansiDim, fmt.Sprintf("%-12s  %8s  %4s  %5s  %7s  %-7s  %s", "ACCOUNT", "CRITICAL", "HIGH", "FAIL", "UNKNOWN", "READ", "NAME / OU")))
	rank := engine.AccountRank(r)
	for n, i := range rank {
		if n == accountRankTop {
			ew.printf("  %s\n", p.paint(ansiDim, fmt.Sprintf("... %d more accounts (listed below by ID)", len(rank)-n)))
			break
		}
		e := &r.Accounts[i]
		var crit, high, fail, unk int
		if s := e.Summary; s != nil {
			crit, high = s.FailBySeverity[check.Critical.String()], s.FailBySeverity[check.High.String()]
			fail, unk = s.ByStatus[check.Fail], s.ByStatus[check.Unknown]
		}
		who := e.Name
		if e.OUPath != "" {
			who = strings.TrimSpace(who + "  " + e.OUPath)
		}
		if e.Read == engine.ReadNone {
			who = "not read: " + e.Reason
		}
		line := fmt.Sprintf("%-12s  %8d  %4d  %5d  %7d  %-7s  %s", textsafe.Terminal(e.ID), crit, high, fail, unk, e.Read, textsafe.Terminal(who))
		color := ansiDim
		switch {
		case e.Read == engine.ReadNone:
			color = ansiYellow
		case crit > 0 || high > 0:
			color = ansiRed
		}
		ew.printf("  %s\n", p.paint(color, clip(line, width-2)))
	}
	ew.printf("\n")
}
