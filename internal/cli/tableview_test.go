package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestScanTableFilterFlags(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stdout (exit 0/1) or stderr (exit 2)
	}{
		{[]string{"--status", "fial"}, ExitError, `--status: "fial" is not a status (did you mean fail?)`},
		{[]string{"--status", "fail,unknwon"}, ExitError, `"unknwon" is not a status (did you mean unknown?)`},
		{[]string{"--severity", "critcal"}, ExitError, `--severity: "critcal" is not a severity (did you mean critical?)`},
		{[]string{"--severity", "urgent"}, ExitError, "(want critical, high, medium, low, info)"},
		{[]string{"--status", "fail", "--severity", "critical"}, ExitFindings, " results (status fail; severity critical)"},
		{[]string{"--status", "FAIL", "--status", "unknown", "--severity", "critical,high"}, ExitFindings, "(status fail, unknown; severity critical, high)"},
		{[]string{"--status", "n/a", "--fail-on", "none"}, ExitOK, "(status not_applicable)"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, stderr := run(t, append([]string{"scan", "--demo"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			got := out
			if code == ExitError {
				got = stderr
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("lacks %q:\n%s", tc.want, head(got, 40))
			}
		})
	}
	// --status fail --severity critical lists critical failures only, as
	// many as the summary counts.
	_, out, _ := run(t, "scan", "--demo", "--status", "fail", "--severity", "critical", "--format", "table")
	rows := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "     ") && strings.Contains(l, "  ") {
			f := strings.Fields(l)
			if len(f) > 2 && (f[0] == "FAIL" || f[0] == "UNKNOWN" || f[0] == "WAIVED" || f[0] == "MANUAL" || f[0] == "PASS") {
				if f[0] != "FAIL" || f[1] != "critical" {
					t.Errorf("--status fail --severity critical lists %q", l)
				}
				rows++
			}
		}
	}
	_, js, _ := run(t, "scan", "--demo", "--format", "json")
	want := strings.Count(js, `"fail_by_severity": {`)
	if want != 1 {
		t.Fatal("no fail_by_severity in the JSON summary")
	}
	if !strings.Contains(out, fmt.Sprintf("listed %d of", rows)) || !strings.Contains(js, fmt.Sprintf(`"critical": %d`, rows)) {
		t.Errorf("%d critical failures listed; the listing line or the JSON summary disagree", rows)
	}
}

// TestScanTableWidth: evidence wraps to COLUMNS; without it (a pipe, a
// file) to 100 columns.
func TestScanTableWidth(t *testing.T) {
	for _, tc := range []struct {
		columns string
		want    int
	}{{"", 100}, {"60", 60}, {"150", 150}, {"junk", 100}} {
		var out, errb bytes.Buffer
		app := &App{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), IsTTY: func(io.Writer) bool { return false },
			Getenv: withDataDir(t, func(k string) string {
				if k == "COLUMNS" {
					return tc.columns
				}
				return ""
			})}
		if code := app.Run(context.Background(), []string{"scan", "--demo"}); code != ExitFindings {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		longest := 0
		for _, l := range strings.Split(out.String(), "\n") {
			// Evidence lines are indented six spaces.
			if strings.HasPrefix(l, "      ") && !strings.HasPrefix(l, "       ") {
				longest = max(longest, utf8.RuneCountInString(l))
			}
		}
		if longest > tc.want || longest < tc.want-20 {
			t.Errorf("COLUMNS=%q: longest evidence line %d, want close to %d", tc.columns, longest, tc.want)
		}
	}
}
