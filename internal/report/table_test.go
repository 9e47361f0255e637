package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
)

func table(t *testing.T, r *engine.Report, o report.TableOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.Table(&b, r, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// listedRows are the result lines of the listing ("    FAIL ..."), by
// check ID.
func listedRows(out string) []string {
	var ids []string
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "     ") && len(f) >= 3 && (strings.ToUpper(f[0]) == f[0] || f[0] == "n/a") && f[0] != "AREA" {
			for _, x := range f[1:] {
				if strings.Contains(x, "_") {
					ids = append(ids, x)
					break
				}
			}
		}
	}
	return ids
}

func TestTableFilters(t *testing.T) {
	r, _ := everyStatusReport()
	tests := []struct {
		name string
		o    report.TableOptions
		want []string
	}{
		{"attention by default", report.TableOptions{}, []string{"ec2_fail", "ec2_waived", "ec2_manual", "ec2_unknown"}},
		{"all", report.TableOptions{ShowAll: true}, []string{"ec2_fail", "ec2_waived", "ec2_manual", "ec2_pass", "ec2_na", "ec2_unknown"}},
		{"status fail", report.TableOptions{Statuses: []check.Status{check.Fail}}, []string{"ec2_fail"}},
		{"status pass overrides the attention set", report.TableOptions{Statuses: []check.Status{check.Pass, check.Unknown}}, []string{"ec2_pass", "ec2_unknown"}},
		{"severity", report.TableOptions{Severities: []check.Severity{check.Critical, check.High}}, []string{"ec2_fail", "ec2_unknown"}},
		{"severity with all", report.TableOptions{ShowAll: true, Severities: []check.Severity{check.Medium}}, []string{"ec2_waived", "ec2_na"}},
		{"status and severity", report.TableOptions{Statuses: []check.Status{check.Fail}, Severities: []check.Severity{check.Low}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := table(t, r, tc.o)
			if got := listedRows(out); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("listed %v, want %v\n%s", got, tc.want, out)
			}
			if tc.o.Statuses != nil || tc.o.Severities != nil {
				if want := fmt.Sprintf("listed %d of %d results", len(tc.want), len(r.Results)); !strings.Contains(out, want) {
					t.Errorf("lacks %q", want)
				}
			}
			// The overview and the summary count everything, filtered or not.
			for _, want := range []string{"Overview", "network", "Top failures (1 of 1):", "critical ec2_fail", "results: 1 fail  1 unknown  1 waived  1 manual  1 pass"} {
				if !strings.Contains(out, want) {
					t.Errorf("lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

// TestTableOverview: per area, failures with their critical and high
// share, unknown, waived, manual and pass counts, and the worst failures
// first (at most five).
func TestTableOverview(t *testing.T) {
	mk := func(id string, area check.Area, st check.Status, sev check.Severity) engine.Finding {
		return engine.Finding{Result: check.Result{CheckID: id, Status: st, Severity: sev, Resource: "arn:aws:s3:::" + id, Message: "m"}, Area: area, Service: "s3"}
	}
	r := &engine.Report{AccountID: "1"}
	for i := 0; i < 3; i++ {
		r.Results = append(r.Results, mk(fmt.Sprintf("low_%d", i), check.Network, check.Fail, check.Low))
	}
	for i := 0; i < 6; i++ {
		r.Results = append(r.Results, mk(fmt.Sprintf("crit_%d", i), check.Logging, check.Fail, check.Critical))
	}
	r.Results = append(r.Results, mk("high_0", check.Logging, check.Fail, check.High), mk("unk", check.Logging, check.Unknown, check.High),
		mk("ok", check.Network, check.Pass, check.High))
	out := table(t, r, report.TableOptions{})
	out = out[strings.Index(out, "Overview"):strings.Index(out, "== ")]
	for _, want := range []string{
		"  AREA      FAIL  CRITICAL  HIGH  UNKNOWN  WAIVED  MANUAL   PASS\n",
		"  network      3         0     0        0       0       0      1\n",
		"  logging      7         6     1        1       0       0      0\n",
		"Top failures (5 of 10):",
		"    critical crit_0  s3:::crit_0",
		"    critical crit_4  s3:::crit_4",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("overview lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "crit_5") || strings.Contains(out, "high_0") || strings.Contains(out, "low_0") {
		t.Errorf("overview names more than the five worst:\n%s", out)
	}
}

// TestTableWrapsEvidence: evidence wraps at the width, at most four lines,
// the last cut with "…"; no line of evidence is longer than the width.
func TestTableWrapsEvidence(t *testing.T) {
	r, _ := everyStatusReport()
	for _, width := range []int{40, 80, 100, 200} {
		out := table(t, r, report.TableOptions{ShowAll: true, Width: width})
		var evidence []string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "long evidence") {
				evidence = append(evidence, l)
			}
		}
		if len(evidence) != 4 {
			t.Errorf("width %d: %d evidence lines, want 4:\n%s", width, len(evidence), strings.Join(evidence, "\n"))
			continue
		}
		for _, l := range evidence {
			if n := utf8.RuneCountInString(l); n > width {
				t.Errorf("width %d: evidence line of %d characters: %q", width, n, l)
			}
		}
		if last := evidence[3]; !strings.HasSuffix(last, "…") {
			t.Errorf("width %d: the cut line does not end in …: %q", width, last)
		}
	}
	// Short evidence stays on one line.
	out := table(t, r, report.TableOptions{Width: 100})
	if !strings.Contains(out, "      waived failure\n") {
		t.Errorf("short evidence is not one line:\n%s", out)
	}
}
