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
// findings grouped by area and service, then a summary.
func Table(w io.Writer, r *engine.Report, o TableOptions) error {
	p := painter(o.Color)
	width := o.Width
	if width <= 0 {
		width = DefaultWidth
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	ew := &errWriter{w: bw}
	ew.printf("%s\n", p.paint(ansiBold, accountTitle(r)))
	pol := "default policy"
	if r.Policy != "" {
		pol = "policy " + textsafe.Terminal(r.Policy)
	}
	ew.printf("%s\n\n", p.paint(ansiDim, fmt.Sprintf("source %s, %s, collected %s, %d checks, %d results", textsafe.Terminal(r.Source), pol, r.CollectedAt.Format("2006-01-02 15:04 MST"), r.Summary.Checks, r.Summary.Total)))
	listed := 0
	if r.IsOrg() {
		writeAccountRanking(ew, r, p, width)
		// The results are grouped by account (engine.Combine): each
		// account's run is listed by area and service under its header.
		for lo := 0; lo < len(r.Results); {
			id := r.Results[lo].AccountID
			hi := lo + 1
			for hi < len(r.Results) && r.Results[hi].AccountID == id {
				hi++
			}
			f := &r.Results[lo]
			head := "### account " + textsafe.Terminal(id)
			if f.AccountName != "" {
				head += " (" + textsafe.Terminal(f.AccountName) + ")"
			}
			if f.OUPath != "" {
				head += "  " + textsafe.Terminal(f.OUPath)
			}
			ew.printf("%s\n", p.paint(ansiBold, head))
			listed += writeListing(ew, r, lo, hi, o, p, width)
			ew.printf("\n")
			lo = hi
		}
		for _, e := range r.Accounts {
			if e.Read == engine.ReadNone {
				ew.printf("%s\n", p.paint(ansiYellow, fmt.Sprintf("### account %s NOT READ: %s", textsafe.Terminal(e.ID), textsafe.Terminal(e.Reason))))
			}
		}
	} else {
		writeOverview(ew, r, p, width)
		listed = writeListing(ew, r, 0, len(r.Results), o, p, width)
	}
	if o.filtered() {
		ew.printf("%s\n", p.paint(ansiDim, fmt.Sprintf("listed %d of %d results (%s)", listed, len(r.Results), o.filterLine())))
	}
	ew.printf("\n")
	writeSummary(ew, r, p)
	if ew.err != nil {
		return ew.err
	}
	return bw.Flush()
}

// writeListing lists results lo to hi (one account's) grouped by area and
// service, and returns how many it listed.
func writeListing(ew *errWriter, r *engine.Report, lo, hi int, o TableOptions, p painter, width int) int {
	type key struct {
		area    check.Area
		service string
	}
	// groups hold indices into r.Results: copying the findings would double
	// the memory of a large report.
	groups := map[key][]int{}
	counts := map[key]map[check.Status]int{}
	var order []key
	listed := 0
	for i := lo; i < hi; i++ {
		f := &r.Results[i]
		k := key{f.Area, f.Service}
		if counts[k] == nil {
			counts[k] = map[check.Status]int{}
			order = append(order, k)
		}
		counts[k][f.Status]++
		if o.lists(f) {
			groups[k] = append(groups[k], i)
			listed++
		}
	}
	lastArea := check.Area("")
	for _, k := range order {
		if o.filtered() && len(groups[k]) == 0 {
			continue
		}
		if k.area != lastArea {
			ew.printf("%s\n", p.paint(ansiBold, "== "+strings.ToUpper(string(k.area))+" =="))
			lastArea = k.area
		}
		ew.printf("  %s  %s\n", p.paint(ansiBold, k.service), p.paint(ansiDim, countLine(counts[k])))
		for _, i := range groups[k] {
			f := &r.Results[i]
			st := fmt.Sprintf("%-7s", shortStatus(f.Status))
			sev := ""
			if f.Status == check.Fail || f.Status == check.Waived {
				sev = f.Severity.String()
			}
			line := fmt.Sprintf("    %s %-8s %-44s %s", p.paint(statusColor(f.Status), st), sev, f.CheckID, textsafe.Terminal(shortResource(f.Resource)))
			ew.printf("%s\n", line)
			for _, l := range wrap(textsafe.Terminal(f.Message), width-6, evidenceLines) {
				ew.printf("      %s\n", p.paint(ansiDim, l))
			}
		}
	}
	return listed
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

// writeOverview writes one line per area (failures, the critical and high
// ones among them, unknown, waived, manual) and the worst failures: what
// a reader needs before the full listing.
func writeOverview(ew *errWriter, r *engine.Report, p painter, width int) {
	type areaCount struct {
		fail, critical, high, unknown, waived, manual, pass int
	}
	per := map[check.Area]*areaCount{}
	var areas []check.Area
	var worst []*engine.Finding
	for i := range r.Results {
		f := &r.Results[i]
		c := per[f.Area]
		if c == nil {
			c = &areaCount{}
			per[f.Area] = c
			areas = append(areas, f.Area)
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
			worst = append(worst, f)
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
	ew.printf("%s\n", p.paint(ansiBold, "Overview"))
	aw := len("AREA")
	for _, a := range areas {
		aw = max(aw, len(a))
	}
	ew.printf("  %s\n", p.paint(ansiDim, fmt.Sprintf("%-*s  %5s  %8s  %4s  %7s  %6s  %6s  %5s", aw, "AREA", "FAIL", "CRITICAL", "HIGH", "UNKNOWN", "WAIVED", "MANUAL", "PASS")))
	for _, a := range areas {
		c := per[a]
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
	if len(worst) == 0 {
		ew.printf("  %s\n\n", p.paint(ansiDim, "no failures"))
		return
	}
	// Worst first; equal severities keep the report's order.
	sort.SliceStable(worst, func(i, j int) bool { return worst[i].Severity > worst[j].Severity })
	n := min(overviewTop, len(worst))
	ew.printf("  %s\n", p.paint(ansiBold, fmt.Sprintf("Top failures (%d of %d):", n, len(worst))))
	idW := 0
	for _, f := range worst[:n] {
		idW = max(idW, len(f.CheckID))
	}
	for _, f := range worst[:n] {
		line := fmt.Sprintf("%-8s %-*s  %s", f.Severity, idW, f.CheckID, textsafe.Terminal(shortResource(f.Resource)))
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
