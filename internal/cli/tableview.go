package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
)

// tableFilters are the parsed --status and --severity flags of scan.
type tableFilters struct {
	statuses   []check.Status
	severities []check.Severity
}

// parseTableFilters validates --status and --severity (repeatable or
// comma-separated); a misspelt name gets a "did you mean", exit 2.
func parseTableFilters(statuses, severities []string) (tableFilters, error) {
	var tf tableFilters
	statusNames := make([]string, 0, len(check.Statuses))
	for _, s := range check.Statuses {
		statusNames = append(statusNames, string(s))
	}
	for _, s := range statuses {
		name := strings.ToLower(strings.TrimSpace(s))
		if name == "n/a" || name == "na" {
			name = string(check.NotApplicable)
		}
		st, err := check.ParseStatus(name)
		if err != nil {
			return tf, withCode(ExitError, fmt.Errorf("--status: %q is not a status%s (want %s)", s, didYouMean(s, statusNames), strings.Join(statusNames, ", ")))
		}
		if !slices.Contains(tf.statuses, st) {
			tf.statuses = append(tf.statuses, st)
		}
	}
	severityNames := []string{"critical", "high", "medium", "low", "info"}
	for _, s := range severities {
		sev, err := check.ParseSeverity(strings.TrimSpace(s))
		if err != nil {
			return tf, withCode(ExitError, fmt.Errorf("--severity: %q is not a severity%s (want %s)", s, didYouMean(s, severityNames), strings.Join(severityNames, ", ")))
		}
		if !slices.Contains(tf.severities, sev) {
			tf.severities = append(tf.severities, sev)
		}
	}
	return tf, nil
}

// didYouMean renders " (did you mean X?)" for a misspelt name, or "".
func didYouMean(s string, known []string) string {
	if c, ok := policy.Closest(s, known); ok {
		return fmt.Sprintf(" (did you mean %s?)", c)
	}
	return ""
}

// apply sets the filters and the width on the table options.
func (tf tableFilters) apply(o *report.TableOptions, width int) {
	o.Statuses, o.Severities, o.Width = tf.statuses, tf.severities, width
}

// tableWidth is the width the table wraps evidence to: the COLUMNS
// environment variable when set, else the terminal's own width when w is
// one, else report.DefaultWidth (a pipe or a file).
func (app *App) tableWidth(w io.Writer) int {
	if app.Getenv != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(app.Getenv("COLUMNS"))); err == nil && n > 0 {
			return n
		}
	}
	if f, ok := w.(*os.File); ok && app.IsTTY != nil && app.IsTTY(w) {
		if n := terminalColumns(f); n > 0 {
			return n
		}
	}
	return report.DefaultWidth
}
