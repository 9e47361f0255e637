package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// markdownMaxRows bounds the findings table: GitHub refuses comments over
// 65,536 characters, and a PR gate needs the worst findings, not all.
const markdownMaxRows = 200

// Markdown writes a summary and the findings that need attention (fail,
// unknown, waived, manual; worst first) as GitHub-flavoured Markdown, for PR
// comments and tickets.
func Markdown(w io.Writer, r *engine.Report, o Options) error {
	ew := &errWriter{w: w}
	name := mdEscape(r.AccountID)
	if r.AccountName != "" {
		name += " (" + mdEscape(r.AccountName) + ")"
	}
	if r.IsOrg() {
		ew.printf("## shoulder: organization %s (%d accounts)\n\n", mdEscape(nonEmpty(r.OrganizationID, "of account snapshots")), len(r.Accounts))
	} else {
		ew.printf("## shoulder: account %s\n\n", name)
	}
	ew.printf("Source %s, collected %s. %d checks, %d results.\n\n", mdEscape(r.Source), r.CollectedAt.UTC().Format("2006-01-02 15:04 MST"), r.Summary.Checks, r.Summary.Total)

	ew.printf("| Status | Results |\n|---|---:|\n")
	for _, st := range check.Statuses {
		ew.printf("| %s %s | %d |\n", statusEmoji(st), st, r.Summary.ByStatus[st])
	}
	ew.printf("\n| Failures by severity | Count |\n|---|---:|\n")
	for s := check.Critical; s >= check.Info; s-- {
		ew.printf("| %s | %d |\n", s, r.Summary.FailBySeverity[s.String()])
	}
	ew.printf("\n%s\n", coverageSentence(r))
	if r.IsOrg() {
		markdownAccounts(ew, r)
	}
	if len(r.WaiverIssues) > 0 {
		ew.printf("\n**Waivers that need attention:**\n\n")
		for _, wi := range r.WaiverIssues {
			ew.printf("- %s: %s on %s (owner %s, expires %s)\n", wi.Problem, textsafe.MarkdownCode(wi.Waiver.Check), textsafe.MarkdownCode(wi.Waiver.Resource),
				mdEscape(wi.Waiver.Owner), wi.Waiver.Expires.Format("2006-01-02"))
		}
	}

	var rows []*engine.Finding
	for i := range r.Results {
		if needsAttention(r.Results[i].Status) {
			rows = append(rows, &r.Results[i])
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if ra, rb := statusRank(a.Status), statusRank(b.Status); ra != rb {
			return ra < rb
		}
		return a.Severity > b.Severity
	})
	ew.printf("\n### Findings that need attention (%d)\n\n", len(rows))
	if len(rows) == 0 {
		ew.printf("None: every evaluated duty is met.\n")
		return ew.err
	}
	acctCol, acctSep := "", ""
	if r.IsOrg() {
		acctCol, acctSep = " Account |", "---|"
	}
	ew.printf("| Status | Severity |%s Check | Resource | Region | Evidence |\n|---|---|%s---|---|---|---|\n", acctCol, acctSep)
	for i, f := range rows {
		if i == markdownMaxRows {
			ew.printf("\n_%d more not shown; see the full report (`--format html` or `csv`)._\n", len(rows)-markdownMaxRows)
			break
		}
		sev := ""
		if f.Status == check.Fail || f.Status == check.Waived {
			sev = f.Severity.String()
		}
		acct := ""
		if r.IsOrg() {
			id, n := findingAccount(r, f)
			acct = " " + textsafe.MarkdownCode(id)
			if n != "" {
				acct += " " + mdEscape(n)
			}
			acct += " |"
		}
		ew.printf("| %s %s | %s |%s %s %s | %s | %s | %s |\n", statusEmoji(f.Status), f.Status, sev, acct, textsafe.MarkdownCode(f.CheckID),
			mdEscape(o.title(f)), textsafe.MarkdownCode(shortResource(f.Resource)), mdEscape(f.Region), mdEscape(f.Message))
	}
	return ew.err
}

// coverageSentence says how much could not be evaluated and why.
func coverageSentence(r *engine.Report) string {
	s := r.Summary
	unknown := s.ByStatus[check.Unknown]
	evaluated := s.Total - s.ByStatus[check.NotApplicable]
	out := fmt.Sprintf("**Coverage:** %d of %d applicable results are unknown", unknown, evaluated)
	if evaluated > 0 {
		out += fmt.Sprintf(" (%.1f%%)", 100*float64(unknown)/float64(evaluated))
	}
	if len(r.Gaps) == 0 {
		return out + "; every API call shoulder needed succeeded."
	}
	var rs []string
	for reason, n := range s.GapsByReason {
		rs = append(rs, fmt.Sprintf("%d %s", n, reason))
	}
	sort.Strings(rs)
	return out + fmt.Sprintf("; %d coverage gaps (%s).", len(r.Gaps), strings.Join(rs, ", "))
}

func statusEmoji(s check.Status) string {
	switch s {
	case check.Fail:
		return "🔴"
	case check.Unknown:
		return "🟡"
	case check.Waived:
		return "🔵"
	case check.Manual:
		return "🟣"
	case check.Pass:
		return "🟢"
	}
	return "⚪"
}

// mdEscape makes text from the account safe as Markdown text outside a
// code span (see textsafe.Markdown).
func mdEscape(s string) string { return textsafe.Markdown(s) }

// markdownAccounts writes a combined report's accounts, ranked by critical
// then high failures.
func markdownAccounts(ew *errWriter, r *engine.Report) {
	ew.printf("\n| Account | Name | OU | Read | Critical | High | Failures | Unknown |\n|---|---|---|---|---:|---:|---:|---:|\n")
	for _, i := range engine.AccountRank(r) {
		e := &r.Accounts[i]
		var crit, high, fail, unk int
		if s := e.Summary; s != nil {
			crit, high = s.FailBySeverity[check.Critical.String()], s.FailBySeverity[check.High.String()]
			fail, unk = s.ByStatus[check.Fail], s.ByStatus[check.Unknown]
		}
		read := e.Read
		if e.Reason != "" {
			read += ": " + mdEscape(e.Reason)
		}
		ew.printf("| %s | %s | %s | %s | %d | %d | %d | %d |\n", textsafe.MarkdownCode(e.ID), mdEscape(e.Name), mdEscape(e.OUPath), read, crit, high, fail, unk)
	}
}
