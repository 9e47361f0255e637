// Package report renders an engine.Report for people (terminal table) and
// for tools (JSON and the standard formats).
package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

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
	// Width is the terminal width used to shorten long messages (0 = 160).
	Width int
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

// Table writes findings grouped by area and service, then a summary.
func Table(w io.Writer, r *engine.Report, o TableOptions) error {
	p := painter(o.Color)
	width := o.Width
	if width <= 0 {
		width = 160
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	ew := &errWriter{w: bw}
	ew.printf("%s\n", p.paint(ansiBold, accountTitle(r)))
	pol := "default policy"
	if r.Policy != "" {
		pol = "policy " + textsafe.Terminal(r.Policy)
	}
	ew.printf("%s\n\n", p.paint(ansiDim, fmt.Sprintf("source %s, %s, collected %s, %d checks, %d results", textsafe.Terminal(r.Source), pol, r.CollectedAt.Format("2006-01-02 15:04 MST"), r.Summary.Checks, r.Summary.Total)))

	type key struct {
		area    check.Area
		service string
	}
	// groups hold indices into r.Results: copying the findings would double
	// the memory of a large report.
	groups := map[key][]int{}
	counts := map[key]map[check.Status]int{}
	var order []key
	for i := range r.Results {
		f := &r.Results[i]
		k := key{f.Area, f.Service}
		if counts[k] == nil {
			counts[k] = map[check.Status]int{}
			order = append(order, k)
		}
		counts[k][f.Status]++
		if o.ShowAll || needsAttention(f.Status) {
			groups[k] = append(groups[k], i)
		}
	}
	lastArea := check.Area("")
	for _, k := range order {
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
			ew.printf("      %s\n", p.paint(ansiDim, clip(textsafe.Terminal(f.Message), width-8)))
		}
	}
	ew.printf("\n")
	writeSummary(ew, r, p)
	if ew.err != nil {
		return ew.err
	}
	return bw.Flush()
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
	if len(r.Gaps) > 0 {
		var rs []string
		for reason, n := range s.GapsByReason {
			rs = append(rs, fmt.Sprintf("%d %s", n, reason))
		}
		sort.Strings(rs)
		ew.printf("; %d coverage gaps (%s)", len(r.Gaps), strings.Join(rs, ", "))
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
