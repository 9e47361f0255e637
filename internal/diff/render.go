package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// SchemaVersion versions the `shoulder diff --format json` output.
const SchemaVersion = 1

// JSON writes the diff as indented JSON with a schema version.
func JSON(w io.Writer, d *Diff) error {
	doc := struct {
		SchemaVersion int            `json:"schema_version"`
		Tool          string         `json:"tool"`
		Summary       map[string]int `json:"summary"`
		*Diff
	}{SchemaVersion, "shoulder", d.counts(), d}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing diff JSON: %w", err)
	}
	return nil
}

func (d *Diff) counts() map[string]int {
	return map[string]int{"new_failures": len(d.NewFailures), "fixed": len(d.Fixed),
		"still_failing": len(d.StillFailing), "no_longer_evaluated": len(d.NoLongerEvaluated), "changed": len(d.Changed)}
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func statusOrNone(s string) string {
	if s == "" {
		return "absent"
	}
	return s
}

// Table writes the diff for a terminal.
func Table(w io.Writer, d *Diff) error {
	p := &printer{w: w}
	p.printf("shoulder diff: %s (%d results) -> %s (%d results)\n", term(d.Old.File), d.Old.Results, term(d.New.File), d.New.Results)
	if d.Old.AccountID != d.New.AccountID && len(d.Accounts) == 0 {
		p.printf("note: the results are of different accounts (%s and %s)\n", term(d.Old.AccountID), term(d.New.AccountID))
	}
	if s := d.Narrowed.sentence(); s != "" {
		p.printf("note: %s\n", term(s))
	}
	p.printf("%d new failures, %d fixed, %d still failing, %d no longer evaluated, %d other status changes\n",
		len(d.NewFailures), len(d.Fixed), len(d.StillFailing), len(d.NoLongerEvaluated), len(d.Changed))
	if len(d.Accounts) > 0 {
		p.printf("\n== ACCOUNTS (%d) ==\n  %-12s  %5s  %5s  %5s  %5s  %s\n", len(d.Accounts), "ACCOUNT", "NEW", "FIXED", "STILL", "NOTEV", "READ (old -> new)")
		for _, a := range d.Accounts {
			line := fmt.Sprintf("  %-12s  %5d  %5d  %5d  %5d  %s -> %s", term(a.AccountID), a.NewFailures, a.Fixed, a.StillFailing, a.NoLongerEvaluated,
				statusOrNone(a.OldRead), statusOrNone(a.NewRead))
			if a.Note != "" {
				line += "  (" + term(a.Note) + ")"
			}
			p.printf("%s\n", line)
		}
	}
	section := func(title string, l []Change, showStatus bool) {
		if len(l) == 0 {
			return
		}
		p.printf("\n== %s (%d) ==\n", title, len(l))
		for _, c := range l {
			st := ""
			if showStatus {
				st = fmt.Sprintf("  [%s -> %s]", statusOrNone(string(c.OldStatus)), statusOrNone(string(c.NewStatus)))
			}
			acct := ""
			if c.AccountID != "" {
				acct = term(c.AccountID) + " "
			}
			p.printf("  %-8s %-44s %s%s%s\n", c.Severity, term(c.CheckID), acct, term(strings.TrimPrefix(c.Resource, "arn:aws:")), st)
			if c.Reason != "" {
				p.printf("           not evaluated: %s\n", term(c.Reason))
			} else if c.Message != "" {
				p.printf("           %s\n", term(c.Message))
			}
		}
	}
	section("NEW FAILURES", d.NewFailures, true)
	section("NO LONGER EVALUATED (not fixed)", d.NoLongerEvaluated, true)
	section("FIXED", d.Fixed, true)
	section("CHANGED STATUS", d.Changed, true)
	section("STILL FAILING", d.StillFailing, false)
	return p.err
}

// sentence says how the new scan is narrower than the old one, or "".
func (n Narrowing) sentence() string {
	var parts []string
	if k := len(n.Checks); k > 0 {
		parts = append(parts, fmt.Sprintf("%d %s (%s)", k, plural(k, "check", "checks"), list(n.Checks, 5)))
	}
	if k := len(n.Regions); k > 0 {
		parts = append(parts, fmt.Sprintf("%d %s (%s)", k, plural(k, "region", "regions"), list(n.Regions, 5)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "the new scan is narrower: it did not evaluate " + strings.Join(parts, " and ") + " of the old scan; failures there are not counted as fixed"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// list joins up to max items and says how many more there are.
func list(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:max], ", ") + fmt.Sprintf(", and %d more", len(items)-max)
}

// md makes text of the results (the account's names and evidence) safe
// as Markdown text outside a code span.
func md(s string) string { return textsafe.Markdown(s) }

// code shows an ID or ARN of the results as a Markdown code span when it
// is plain, as escaped text otherwise.
func code(s string) string { return textsafe.MarkdownCode(s) }

// term makes text of the results safe for a terminal.
func term(s string) string { return textsafe.Terminal(s) }

// Markdown writes the diff for a PR comment.
func Markdown(w io.Writer, d *Diff) error {
	p := &printer{w: w}
	p.printf("## shoulder diff\n\n")
	p.printf("| | Count |\n|---|---:|\n| 🔴 new failures | %d |\n| 🟡 no longer evaluated (not fixed) | %d |\n| 🟢 fixed | %d |\n| 🟠 still failing | %d |\n| 🔄 other status changes | %d |\n",
		len(d.NewFailures), len(d.NoLongerEvaluated), len(d.Fixed), len(d.StillFailing), len(d.Changed))
	if d.Old.AccountID != d.New.AccountID && len(d.Accounts) == 0 {
		p.printf("\n> Note: the results are of different accounts (%s and %s).\n", md(d.Old.AccountID), md(d.New.AccountID))
	}
	if s := d.Narrowed.sentence(); s != "" {
		p.printf("\n> Note: %s\n", md(s))
	}
	if len(d.Accounts) > 0 {
		p.printf("\n### Accounts (%d)\n\n| Account | New failures | Fixed | Still failing | No longer evaluated | Read (old → new) | Note |\n|---|---:|---:|---:|---:|---|---|\n", len(d.Accounts))
		for _, a := range d.Accounts {
			p.printf("| %s | %d | %d | %d | %d | %s → %s | %s |\n", code(a.AccountID), a.NewFailures, a.Fixed, a.StillFailing, a.NoLongerEvaluated,
				statusOrNone(a.OldRead), statusOrNone(a.NewRead), md(a.Note))
		}
	}
	section := func(title string, l []Change) {
		if len(l) == 0 {
			return
		}
		p.printf("\n### %s (%d)\n\n| Severity | Check | Resource | Was | Now | Evidence |\n|---|---|---|---|---|---|\n", title, len(l))
		for i, c := range l {
			if i == 100 {
				p.printf("\n_%d more not shown; see `shoulder diff --format json`._\n", len(l)-100)
				break
			}
			ev := c.Message
			if c.Reason != "" {
				ev = "not evaluated: " + c.Reason
			}
			res := strings.TrimPrefix(c.Resource, "arn:aws:")
			if c.AccountID != "" {
				res = c.AccountID + " " + res
			}
			p.printf("| %s | %s | %s | %s | %s | %s |\n", c.Severity, code(c.CheckID), code(res),
				statusOrNone(string(c.OldStatus)), statusOrNone(string(c.NewStatus)), md(ev))
		}
	}
	section("New failures", d.NewFailures)
	section("No longer evaluated (not fixed)", d.NoLongerEvaluated)
	section("Fixed", d.Fixed)
	section("Other status changes", d.Changed)
	if n := len(d.StillFailing); n > 0 {
		p.printf("\n<details><summary>Still failing (%d)</summary>\n\n", n)
		for i, c := range d.StillFailing {
			if i == 100 {
				p.printf("- … %d more\n", n-100)
				break
			}
			p.printf("- %s %s %s\n", c.Severity, code(c.CheckID), code(strings.TrimPrefix(c.Resource, "arn:aws:")))
		}
		p.printf("\n</details>\n")
	}
	return p.err
}
