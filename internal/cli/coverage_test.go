package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// TestCoverageExitCodes: lost coverage is said on stderr and, with
// --fail-on-unknown or --min-coverage, is exit 1. The demo has unknowns;
// its coverage is what engine.Report.Coverage says (the one rule).
func TestCoverageExitCodes(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	pol, err := (&policyFlags{}).load(&App{}, &sourceFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	cov := engine.Run(checks.All(), a, pol).Coverage()
	if cov.Unknown() == 0 || cov.Percent() < 1 {
		t.Fatalf("the demo's coverage %v no longer tests anything", cov)
	}
	pct := fmt.Sprintf("%.1f", cov.Percent())
	above := fmt.Sprintf("%.1f", cov.Percent()+0.1)
	// The message names the threshold as a number (94.0 reads "94").
	aboveShown, err := strconv.ParseFloat(above, 64)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stderr []string
	}{
		{[]string{"--fail-on", "none"}, ExitOK, []string{"coverage " + cov.String(), "--fail-on-unknown or --min-coverage"}},
		{[]string{"--fail-on", "none", "--fail-on-unknown"}, ExitFindings, []string{fmt.Sprintf("--fail-on-unknown: %d results could not be evaluated", cov.Unknown())}},
		{[]string{"--fail-on", "none", "--min-coverage", pct}, ExitOK, []string{"coverage " + pct + "%"}},
		{[]string{"--fail-on", "none", "--min-coverage", above}, ExitFindings, []string{fmt.Sprintf("--min-coverage %g: the coverage is ", aboveShown) + pct + "%"}},
		{[]string{"--fail-on", "none", "--min-coverage", "101"}, ExitError, []string{"between 0 and 100"}},
		{[]string{"--fail-on", "none", "--min-coverage", "-5"}, ExitError, []string{"between 0 and 100"}},
		// A check without unknowns: nothing to say, nothing to fail.
		{[]string{"--fail-on", "none", "--fail-on-unknown", "--check", "iam_root_mfa_enabled"}, ExitOK, nil},
	} {
		args := append([]string{"scan", "--demo", "--format", "json"}, tc.args...)
		code, _, errOut := run(t, args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d:\n%s", tc.args, code, tc.code, errOut)
		}
		for _, want := range tc.stderr {
			if !strings.Contains(errOut, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", tc.args, want, errOut)
			}
		}
		if tc.stderr == nil && strings.Contains(errOut, "coverage") {
			t.Errorf("%v: stderr speaks of coverage:\n%s", tc.args, errOut)
		}
	}
}

// TestCollectCoverage: collect saves the snapshot and, with
// --fail-on-unknown, exits 1 when a service could not be read.
func TestCollectCoverage(t *testing.T) {
	fakeCredentials(t)
	r := startFake(t, awsfake.Options{Faults: []awsfake.Fault{{Service: "kms", Kind: awsfake.FaultAccessDenied}}})
	snap := filepath.Join(t.TempDir(), "snap.json")
	code, _, errOut := run(t, "collect", "-q", "--endpoint-url", r.URL, "--regions", "eu-west-1", "-o", snap, "--fail-on-unknown")
	if code != ExitFindings || !strings.Contains(errOut, "--fail-on-unknown") || !strings.Contains(errOut, "coverage ") {
		t.Errorf("exit %d, want 1 with the coverage:\n%s", code, errOut)
	}
	if _, err := os.Stat(snap); err != nil {
		t.Errorf("the snapshot was not saved: %v", err)
	}
	code, _, errOut = run(t, "collect", "-q", "--endpoint-url", r.URL, "--regions", "eu-west-1", "-o", snap)
	if code != ExitOK || !strings.Contains(errOut, "unknown is not pass") {
		t.Errorf("without a flag: exit %d, want 0 saying coverage was lost:\n%s", code, errOut)
	}
}
