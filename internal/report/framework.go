package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// FrameworkTable writes a scan judged control by control: each control's
// status and reason, the checks behind it with their resource counts, and
// guidance for controls a human must verify.
func FrameworkTable(w io.Writer, as frameworks.Assessment, r *engine.Report, o TableOptions) error {
	p := painter(o.Color)
	width := o.Width
	if width <= 0 {
		width = 160
	}
	ew := &errWriter{w: w}
	ew.printf("%s\n", p.paint(ansiBold, accountTitle(r)))
	ew.printf("%s\n", p.paint(ansiBold, fmt.Sprintf("%s %s (%s): %d controls", as.Name, as.Version, as.Framework, len(as.Controls))))
	ew.printf("%s\n\n", p.paint(ansiDim, fmt.Sprintf("source %s, collected %s, %d checks, %d results", textsafe.Terminal(r.Source), r.CollectedAt.Format("2006-01-02 15:04 MST"), r.Summary.Checks, r.Summary.Total)))
	for _, c := range as.Controls {
		kind := "automated"
		if !c.Automated {
			kind = "manual"
		}
		ew.printf("%s %-8s %s %s\n", p.paint(statusColor(c.Status), fmt.Sprintf("%-7s", shortStatus(c.Status))), c.ID, clip(c.Title, width-20), p.paint(ansiDim, "["+kind+"]"))
		ew.printf("        %s\n", p.paint(ansiDim, textsafe.Terminal(c.Reason)))
		for _, t := range c.Checks {
			if !t.Ran {
				ew.printf("        - %-46s %s\n", t.CheckID, p.paint(ansiDim, "not run"))
				continue
			}
			ew.printf("        - %-46s %s %s\n", t.CheckID, p.paint(statusColor(t.Status), string(t.Status)), p.paint(ansiDim, resourceCounts(t.Resources)))
		}
		if c.Guidance != "" && (c.Status == check.Manual || len(c.Checks) == 0 || o.ShowAll) {
			ew.printf("        %s\n", p.paint(ansiMag, clip("guidance: "+c.Guidance, width-8)))
		}
	}
	ew.printf("\n%s\n", p.paint(ansiBold, "Controls"))
	var parts []string
	for _, st := range as.Statuses() {
		parts = append(parts, p.paint(statusColor(st), fmt.Sprintf("%d %s", as.Summary[st], st)))
	}
	ew.printf("  %s\n", strings.Join(parts, "  "))
	writeSummary(ew, r, p)
	return ew.err
}

func resourceCounts(m map[check.Status]int) string {
	if len(m) == 0 {
		return "(no resources)"
	}
	return "(" + countLine(m) + ")"
}

// clip shortens s to max characters (runes, so a character is never cut
// in half), ending in "…"; a width of 20 or less leaves s whole.
func clip(s string, max int) string {
	if max <= 20 || utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// frameworkDoc is the --framework JSON output (see docs/json-output.md).
type frameworkDoc struct {
	SchemaVersion int                   `json:"schema_version"`
	Tool          string                `json:"tool"`
	Version       string                `json:"version"`
	AccountID     string                `json:"account_id"`
	AccountName   string                `json:"account_name,omitempty"`
	Source        string                `json:"source,omitempty"`
	CollectedAt   time.Time             `json:"collected_at"`
	Framework     frameworks.Assessment `json:"framework"`
	// Results are the findings of the checks the framework names.
	Results []engine.Finding `json:"results"`
	Summary engine.Summary   `json:"summary"`
}

// FrameworkJSON writes the per-control assessment with the findings behind it.
func FrameworkJSON(w io.Writer, as frameworks.Assessment, r *engine.Report, version string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	doc := frameworkDoc{SchemaVersion: JSONSchemaVersion, Tool: "shoulder", Version: version,
		AccountID: r.AccountID, AccountName: r.AccountName, Source: r.Source, CollectedAt: r.CollectedAt,
		Framework: as, Results: r.Results, Summary: r.Summary}
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing framework JSON report: %w", err)
	}
	return nil
}
