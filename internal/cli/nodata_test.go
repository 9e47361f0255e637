package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// failEvery returns a fault of kind for every service the fake answers
// but the one that says who the caller is; region "" means every region.
func failEvery(t *testing.T, kind awsfake.FaultKind, region string, latency time.Duration) []awsfake.Fault {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	var out []awsfake.Fault
	for _, svc := range awsfake.New(a, awsfake.Options{}).Services() {
		if svc == "sts" {
			continue
		}
		out = append(out, awsfake.Fault{Service: svc, Region: region, Kind: kind, Latency: latency})
	}
	return out
}

// TestNothingReadIsExit2: credentials that reach no account data (every
// call but GetCallerIdentity denied) make scan and collect exit 2 whatever
// --fail-on says, and collect keeps the earlier snapshot.
func TestNothingReadIsExit2(t *testing.T) {
	fakeCredentials(t)
	r := startFake(t, awsfake.Options{Faults: failEvery(t, awsfake.FaultAccessDenied, "", 0)})
	live := []string{"-q", "--endpoint-url", r.URL, "--regions", "eu-west-1"}

	code, _, errOut := run(t, append([]string{"scan", "--fail-on", "none"}, live...)...)
	if code != ExitError || !strings.Contains(errOut, "nothing could be read") {
		t.Errorf("scan: exit %d, want 2 saying nothing could be read:\n%s", code, errOut)
	}
	snap := filepath.Join(t.TempDir(), "prod.json")
	if err := os.WriteFile(snap, []byte("EARLIER"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, append([]string{"collect", "-o", snap}, live...)...)
	if code != ExitError || !strings.Contains(errOut, "access_denied") {
		t.Errorf("collect: exit %d, want 2 naming the reason:\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(snap); string(b) != "EARLIER" {
		t.Errorf("collect replaced the earlier snapshot with one that holds nothing (%d bytes)", len(b))
	}
}

// TestRegionTimeouts: an endpoint that never answers in a region gives up
// per call (--call-timeout) and per region (--region-timeout); a region
// that produced nothing but timeouts is a gap for the whole region with
// that reason, and the run exits 2 when no scanned region produced data.
func TestRegionTimeouts(t *testing.T) {
	fakeCredentials(t)
	hang := startFake(t, awsfake.Options{Faults: failEvery(t, awsfake.FaultTimeout, "eu-west-1", 0), HangLimit: time.Minute})
	// slow answers every call in eu-west-1, but only after 20 seconds.
	slow := startFake(t, awsfake.Options{Faults: failEvery(t, awsfake.FaultNone, "eu-west-1", 20*time.Second)})
	for _, tc := range []struct {
		name    string
		url     string
		regions string
		flags   []string
		code    int
		// msg is in the region gap's or a timeout gap's message.
		msg string
	}{
		{"hung region, call timeout", hang.URL, "eu-central-1,eu-west-1", []string{"--call-timeout", "2s"}, ExitOK, "no call in this region answered"},
		{"only region hung, call timeout", hang.URL, "eu-west-1", []string{"--call-timeout", "2s"}, ExitError, ""},
		{"slow region, region timeout", slow.URL, "eu-central-1,eu-west-1", []string{"--region-timeout", "3s"}, ExitOK, "--region-timeout 3s"},
		{"only region slow, region timeout", slow.URL, "eu-west-1", []string{"--region-timeout", "3s"}, ExitError, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			snap := filepath.Join(t.TempDir(), "snap.json")
			args := append([]string{"collect", "-q", "--endpoint-url", tc.url, "--regions", tc.regions, "-o", snap}, tc.flags...)
			code, _, errOut := run(t, args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tc.code, errOut)
			}
			if tc.code == ExitError {
				if !strings.Contains(errOut, "no scanned region (eu-west-1) produced data") || !strings.Contains(errOut, "timeout") {
					t.Errorf("stderr does not say no region produced data, and why:\n%s", errOut)
				}
				if _, err := os.Stat(snap); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("a snapshot without data was written: %v", err)
				}
				return
			}
			a, err := state.LoadSnapshot(snap)
			if err != nil {
				t.Fatal(err)
			}
			g, ok := a.Gaps.Find("ec2", "eu-west-1", "DescribeInstances", "")
			if !ok || g.Reason != state.ReasonTimeout {
				t.Fatalf("eu-west-1 DescribeInstances: gap %v %v, want a timeout", g, ok)
			}
			found := false
			for _, g := range a.Gaps.All() {
				found = found || g.Region == "eu-west-1" && g.Reason == state.ReasonTimeout && strings.Contains(g.Message, tc.msg)
			}
			if !found {
				t.Errorf("no eu-west-1 timeout gap says %q: %v", tc.msg, a.Gaps.All())
			}
			// Exit 0 says eu-central-1 produced data; it has no region gap.
			for _, g := range a.Gaps.All() {
				if g.Region == "eu-central-1" && g.Service == state.AllOperations {
					t.Errorf("eu-central-1 answered, yet has a region gap: %v", g)
				}
			}
		})
	}
}
