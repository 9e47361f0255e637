package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/atomicfile/atomicfiletest"
	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// noCredentials empties every source of AWS credentials the SDK looks at.
func noCredentials(t *testing.T) {
	t.Helper()
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// fakeCredentials sets static test credentials for a fake endpoint.
func fakeCredentials(t *testing.T) {
	t.Helper()
	noCredentials(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDFAKEFAKEFAKE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "fake-secret")
	t.Setenv("AWS_REGION", "us-east-1")
}

// startFake serves the demo account (without its own gaps) on a fake
// endpoint for one test. Every answer waits a few milliseconds as AWS's do
// (see awsfake's tests on the SDK race this avoids).
func startFake(t *testing.T, o awsfake.Options) *awsfake.Running {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	a.Gaps = state.Gaps{}
	if o.Latency < 3*time.Millisecond {
		o.Latency = 3 * time.Millisecond
	}
	r, err := awsfake.Start(awsfake.Expressible(a), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// dirState is every file of dir with its content.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func sameDir(t *testing.T, before, after map[string]string) {
	t.Helper()
	var names []string
	for n := range after {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(before) != len(after) {
		t.Errorf("files before %d, after %d: %v", len(before), len(after), names)
	}
	for n, was := range before {
		if now, ok := after[n]; !ok || now != was {
			t.Errorf("%s changed: %q -> %q (present %v)", n, was, now, ok)
		}
	}
}

// TestFailedRunKeepsEarlierOutputs: a run whose source or policy cannot be
// read, whose credentials are missing or rejected, or whose endpoint is
// down, exits 2 and leaves the earlier outputs (-o FILE, and every report
// of -o DIR with several formats) exactly as they were: no truncated file,
// no temporary file.
func TestFailedRunKeepsEarlierOutputs(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	if err := os.WriteFile(corrupt, []byte(`{"schema_version": 1, "account": {`), 0o644); err != nil {
		t.Fatal(err)
	}
	badPolicy := filepath.Join(dir, "shoulder.yaml")
	if err := os.WriteFile(badPolicy, []byte("allowed_regions: [eu-west-1\n  nonsense: :\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deny := startFake(t, awsfake.Options{Faults: []awsfake.Fault{{Service: "sts", Kind: awsfake.FaultAccessDenied}}})
	// An endpoint that is down: a loopback port nobody listens on.
	down := startFake(t, awsfake.Options{})
	down.Close()

	sources := []struct {
		name  string
		args  []string
		setup func(t *testing.T)
		// scanDirOnly: the source is slow to fail (the SDK retries a
		// refused connection): try it on the most exposed output only.
		scanDirOnly bool
	}{
		{"corrupt snapshot", []string{"--snapshot", corrupt}, nil, false},
		{"missing snapshot", []string{"--snapshot", filepath.Join(dir, "nope.json")}, nil, false},
		{"bad shoulder.yaml", []string{"--demo", "--config", badPolicy}, nil, false},
		{"no credentials", []string{"-q"}, noCredentials, false},
		{"credentials rejected", []string{"-q", "--endpoint-url", deny.URL, "--regions", "eu-west-1"}, fakeCredentials, false},
		{"endpoint down", []string{"-q", "--endpoint-url", down.URL, "--regions", "eu-west-1"}, fakeCredentials, true},
	}
	outputs := []struct {
		name string
		cmd  []string
		dir  bool
	}{
		{"scan -o FILE", []string{"scan", "--format", "json"}, false},
		{"scan -o DIR", []string{"scan", "--format", "table,json,html,sarif,junit,csv,markdown"}, true},
		{"matrix -o FILE", []string{"matrix", "--format", "json"}, false},
		{"datamap -o FILE", []string{"datamap"}, false},
	}
	for _, src := range sources {
		for _, out := range outputs {
			if src.scanDirOnly && out.name != "scan -o DIR" {
				continue
			}
			t.Run(src.name+"/"+out.name, func(t *testing.T) {
				if src.setup != nil {
					src.setup(t)
				}
				outDir := t.TempDir()
				dest := filepath.Join(outDir, "report.json")
				files := map[string]string{"report.json": "EARLIER RESULT"}
				if out.dir {
					dest = outDir
					files = map[string]string{}
					for _, f := range report.Formats() {
						if f.FileName != "" {
							files[f.FileName] = "EARLIER " + f.Name
						}
					}
				}
				for n, c := range files {
					if err := os.WriteFile(filepath.Join(outDir, n), []byte(c), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				before := dirState(t, outDir)
				args := append(append(append([]string{}, out.cmd...), src.args...), "-o", dest)
				code, _, errOut := run(t, args...)
				if code != ExitError {
					t.Fatalf("%v: exit %d, want 2: %s", args, code, errOut)
				}
				sameDir(t, before, dirState(t, outDir))
			})
		}
	}
}

// TestFullDiskKeepsEarlierReports: when one report cannot be written in
// full (a full disk, simulated by a size-limited writer), no report of the
// run replaces its earlier file, not even those written before it, and no
// temporary file is left.
func TestFullDiskKeepsEarlierReports(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	pol, err := (&policyFlags{}).load(&App{}, &sourceFlags{demo: true})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := selectChecks(nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := engine.Run(sel, a, pol)
	opts, err := reportOptions(sel, a, rep, pol, true)
	if err != nil {
		t.Fatal(err)
	}
	formats, err := report.ParseFormats("json,html,sarif")
	if err != nil {
		t.Fatal(err)
	}
	for failing := range formats {
		t.Run(formats[failing].Name, func(t *testing.T) {
			dir := t.TempDir()
			before := earlierOutputs(t, dir, formats)
			plan, err := planOutputs(formats, dir)
			if err != nil {
				t.Fatal(err)
			}
			app := &App{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
			outs, err := plan.open(app)
			if err != nil {
				t.Fatal(err)
			}
			outs.list[failing].w = &atomicfiletest.FullDisk{W: outs.list[failing].w, Room: 100}
			err = outs.write(rep, opts)
			if err == nil || !strings.Contains(err.Error(), "no space left") {
				t.Fatalf("write = %v, want the full disk's error", err)
			}
			outs.closeAll()
			sameDir(t, before, dirState(t, dir))
		})
	}
}

// TestSnapshotIsPrivate: collect writes snapshots readable by their owner
// only, also over an earlier world-readable snapshot; reports follow the
// umask.
func TestSnapshotIsPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	fakeCredentials(t)
	r := startFake(t, awsfake.Options{})
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.json")
	over := filepath.Join(dir, "old.json")
	if err := os.WriteFile(over, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fresh, over} {
		code, _, errOut := run(t, "collect", "-q", "--endpoint-url", r.URL, "--regions", "eu-west-1", "-o", p)
		if code != ExitOK {
			t.Fatalf("collect -o %s: exit %d: %s", p, code, errOut)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %o, want 600", p, st.Mode().Perm())
		}
	}
	rep := filepath.Join(dir, "report.json")
	if code, _, errOut := run(t, "scan", "--snapshot", fresh, "--format", "json", "-o", rep, "--fail-on", "none"); code != ExitOK {
		t.Fatalf("scan: exit %d: %s", code, errOut)
	}
	if st, err := os.Stat(rep); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("report mode %v (%v), want 644 under umask 022", st.Mode().Perm(), err)
	}
}

// earlierOutputs writes an earlier file for every format into dir and
// returns the directory's state, which a failed write must leave as is.
func earlierOutputs(t *testing.T, dir string, formats []report.Format) map[string]string {
	t.Helper()
	for _, f := range formats {
		if err := os.WriteFile(filepath.Join(dir, f.FileName), []byte("EARLIER "+f.Name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dirState(t, dir)
}
