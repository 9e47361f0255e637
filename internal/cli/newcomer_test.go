package cli

import (
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func TestVersionFlag(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, out, _ := run(t, args...)
		if code != ExitOK || !strings.HasPrefix(out, "shoulder "+Version+" (module ") || !strings.Contains(out, "commit ") {
			t.Errorf("%v: exit %d, output %q", args, code, out)
		}
	}
}

func TestDescribeVersion(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/shoulder-dev/shoulder", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	for _, tc := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{info, "shoulder 1.2.3 (module github.com/shoulder-dev/shoulder v1.2.3, commit 0123456789ab of 2026-12-01T10:00:00Z, with uncommitted changes, go1.26.0)"},
		{&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "m", Version: "(devel)"}}, "shoulder 1.2.3 (module m (devel), commit unknown, go1.26.0)"},
		{nil, "shoulder 1.2.3 (no build information)"},
	} {
		if got := describeVersion("1.2.3", tc.info); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

// TestCollectDemo: `collect --demo -o demo.json` gives a newcomer a
// snapshot to try --snapshot, the formats and diff on; it scans like the
// demo itself under the same policy.
func TestCollectDemo(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "demo.json")
	code, _, errOut := run(t, "collect", "--demo", "-o", snap)
	if code != ExitOK || !strings.Contains(errOut, "saved account") {
		t.Fatalf("collect --demo: exit %d:\n%s", code, errOut)
	}
	a, err := state.LoadSnapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := demo.Load()
	if a.AccountID != want.AccountID || len(a.S3.Buckets) != len(want.S3.Buckets) {
		t.Errorf("snapshot: account %s, %d buckets; demo %s, %d", a.AccountID, len(a.S3.Buckets), want.AccountID, len(want.S3.Buckets))
	}
	cfg := writeFile(t, dir, "shoulder.yaml", string(demo.Policy()))
	var outs [2]string
	for i, args := range [][]string{
		{"scan", "--demo", "--format", "csv"},
		{"scan", "--snapshot", snap, "--config", cfg, "--format", "csv"},
	} {
		code, out, errOut := run(t, args...)
		if code != ExitFindings {
			t.Fatalf("%v: exit %d:\n%s", args, code, errOut)
		}
		outs[i] = out
	}
	if outs[0] != outs[1] {
		t.Error("the saved demo does not scan like the demo")
	}
	old, cur := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	for _, p := range []string{old, cur} {
		if code, _, errOut := run(t, "scan", "--snapshot", snap, "--format", "json", "-o", p, "--fail-on", "none"); code != ExitOK {
			t.Fatalf("scan: exit %d:\n%s", code, errOut)
		}
	}
	if code, out, errOut := run(t, "diff", old, cur); code != ExitOK || out == "" {
		t.Errorf("diff of two scans of the saved demo: exit %d:\n%s%s", code, out, errOut)
	}
}
