package responsibility

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// JSONSchemaVersion versions `shoulder matrix --format json` (documented
// in docs/matrix-json.md). Fields are only added within a version.
const JSONSchemaVersion = 1

type jsonDoc struct {
	SchemaVersion int    `json:"schema_version"`
	Tool          string `json:"tool"`
	Version       string `json:"version"`
	Kind          string `json:"kind"`
	*Matrix
}

// JSON writes the matrix as indented JSON.
func JSON(w io.Writer, m *Matrix, version string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDoc{SchemaVersion: JSONSchemaVersion, Tool: "shoulder", Version: version, Kind: "responsibility-matrix", Matrix: m}); err != nil {
		return fmt.Errorf("writing matrix JSON: %w", err)
	}
	return nil
}

// TableOptions control the terminal rendering.
type TableOptions struct {
	Color bool
	// Width is the terminal width used to shorten long text (0 = 160).
	Width int
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiMag    = "\x1b[35m"
)

type painter bool

func (p painter) paint(code, s string) string {
	if !p || s == "" {
		return s
	}
	return code + s + ansiReset
}

func statusColor(s DutyStatus) string {
	switch s {
	case NotMet:
		return ansiRed
	case PartlyMet, Unknown:
		return ansiYellow
	case Met:
		return ansiGreen
	case Manual:
		return ansiMag
	}
	return ansiDim
}

// StatusLabel is how a table shows a duty's status.
func StatusLabel(d DutyRow) string {
	switch d.Status {
	case Met:
		return "met"
	case NotMet:
		return "NOT MET"
	case PartlyMet:
		return fmt.Sprintf("partly %d/%d", d.Counts.Met+d.Counts.Waived, d.Counts.Met+d.Counts.Waived+d.Counts.NotMet+d.Counts.Unknown)
	case Unknown:
		return "unknown"
	case Manual:
		return "manual"
	}
	return "n/a"
}

// Table writes one block per service in use (its duties with status, worst
// severity, resources and area), then AWS's half as a dimmed section.
func Table(w io.Writer, m *Matrix, o TableOptions) error {
	p := painter(o.Color)
	width := o.Width
	if width <= 0 {
		width = 160
	}
	ew := &errWriter{w: w}
	title := "shoulder matrix: account " + textsafe.Terminal(m.AccountID)
	if m.AccountName != "" {
		title += " (" + textsafe.Terminal(m.AccountName) + ")"
	}
	pol := "default policy"
	if m.Policy != "" {
		pol = "policy " + textsafe.Terminal(m.Policy)
	}
	ew.printf("%s\n", p.paint(ansiBold, title))
	ew.printf("%s\n", p.paint(ansiDim, fmt.Sprintf("source %s, %s, collected %s: %d services in use, %d customer duties",
		textsafe.Terminal(m.Source), pol, m.CollectedAt.Format("2006-01-02 15:04 MST"), len(m.Services), m.Summary.Duties)))

	statusW, areaW := len("STATUS"), len("AREA")
	for _, s := range m.Services {
		for _, d := range s.Duties {
			statusW = max(statusW, len(StatusLabel(d)))
			areaW = max(areaW, len(d.Area))
		}
	}
	titleW := max(20, width-(4+statusW+2+8+2+9+2+areaW+2))
	for _, s := range m.Services {
		head := fmt.Sprintf("%s (%s)", s.Name, s.Model)
		usage := fmt.Sprintf("%d resources", s.Usage.Resources)
		if s.Usage.Resources == 1 {
			usage = "1 resource"
		}
		if s.Usage.Gap != nil {
			usage += "; listing incomplete: " + textsafe.Terminal(s.Usage.Gap.String())
		}
		ew.printf("\n%s  %s\n", p.paint(ansiBold, head), p.paint(ansiDim, truncate(usage, width-len(head)-2)))
		ew.printf("  %s\n", p.paint(ansiDim, fmt.Sprintf("%-*s  %-8s  %9s  %-*s  %s", statusW, "STATUS", "WORST", "RESOURCES", areaW, "AREA", "DUTY")))
		for _, d := range s.Duties {
			label := fmt.Sprintf("%-*s", statusW, StatusLabel(d))
			ew.printf("  %s  %-8s  %9d  %-*s  %s\n", p.paint(statusColor(d.Status), label), d.WorstSeverity, d.Resources, areaW, d.Area, truncate(d.Title, titleW))
			if d.Status != Met {
				why := d.Reason
				if d.Status == Manual && d.Guidance != "" {
					why = d.Guidance
				}
				ew.printf("  %s\n", p.paint(ansiDim, strings.Repeat(" ", statusW+2+8+2+9+2)+truncate(textsafe.Terminal(why), width-(statusW+25))))
			}
		}
	}
	ew.printf("\n%s\n", p.paint(ansiDim+ansiBold, "What AWS carries (context, not findings)"))
	for _, s := range m.Services {
		ew.printf("%s\n", p.paint(ansiDim, "  "+s.Name))
		for _, d := range s.AWS {
			ew.printf("%s\n", p.paint(ansiDim, "    - "+truncate(d, width-6)))
		}
	}
	var parts []string
	for _, st := range DutyStatuses {
		parts = append(parts, p.paint(statusColor(st), fmt.Sprintf("%d %s", m.Summary.ByStatus[st], strings.ReplaceAll(string(st), "_", " "))))
	}
	ew.printf("\n%s\n  duties: %s\n", p.paint(ansiBold, "Summary"), strings.Join(parts, ", "))
	if len(m.NotInUse) > 0 {
		ew.printf("  %s\n", p.paint(ansiDim, "not in use (no resources found): "+strings.Join(m.NotInUse, ", ")))
	}
	return ew.err
}

func truncate(s string, n int) string {
	if n < 8 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
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
