package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/atomicfile/atomicfiletest"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// TestScanStreamsByteIdentical: scan with only formats that stream (json,
// csv) writes them while the checks run; with a format that needs the whole
// report (markdown) it renders them from engine.Run's report. The files must
// be the same bytes either way, over the demo (and equal to its goldens)
// and over a synthetic account, with the same exit code.
func TestScanStreamsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "synth.json")
	if err := state.SaveSnapshot(snap, synth.Account(synth.Options{Seed: 5, Resources: 3000}), "test"); err != nil {
		t.Fatal(err)
	}
	for _, src := range [][]string{{"--demo"}, {"--snapshot", snap}} {
		name := strings.TrimPrefix(src[0], "--")
		streamed, whole := filepath.Join(dir, name, "streamed"), filepath.Join(dir, name, "whole")
		c1, _, e1 := run(t, append([]string{"scan", "--no-store", "--format", "json,csv", "-o", streamed + "/"}, src...)...)
		c2, _, e2 := run(t, append([]string{"scan", "--format", "json,csv,markdown", "-o", whole + "/"}, src...)...)
		if c1 != c2 || c1 == ExitError {
			t.Fatalf("%s: exit %d streamed, %d whole: %s %s", name, c1, c2, e1, e2)
		}
		for _, file := range []string{"report.json", "report.csv"} {
			a, err := os.ReadFile(filepath.Join(streamed, file))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(whole, file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) || len(a) < 1000 {
				t.Errorf("%s %s: streamed %d bytes, whole report %d, not the same", name, file, len(a), len(b))
			}
			if name == "demo" {
				golden(t, filepath.Join("golden", "demo"+strings.TrimPrefix(file, "report")), normaliseVersion(a))
			}
		}
	}
	// One format to standard output streams too.
	code, out, _ := run(t, "scan", "--demo", "--format", "json")
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	if code != ExitFindings || !bytes.Equal(normaliseVersion([]byte(out)), want) {
		t.Errorf("scan --demo --format json to standard output: exit %d, differs from the golden", code)
	}
}

// TestScanStreamFullDisk: when one streamed format cannot be written (a
// full disk), the stream stops with that error and no file is replaced.
func TestScanStreamFullDisk(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	sel := checks.All()
	opts, err := reportOptions(sel, a, nil, policy.Default(), false)
	if err != nil {
		t.Fatal(err)
	}
	formats, err := report.ParseFormats("json,csv")
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
			outs, err := plan.open(&App{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}})
			if err != nil {
				t.Fatal(err)
			}
			outs.list[failing].w = &atomicfiletest.FullDisk{W: outs.list[failing].w, Room: 100}
			_, err = outs.stream(sel, a, policy.Default(), opts)
			if err == nil || !strings.Contains(err.Error(), "no space left") || !strings.Contains(err.Error(), formats[failing].Name) {
				t.Fatalf("stream = %v, want the full disk's error naming the format", err)
			}
			outs.closeAll()
			sameDir(t, before, dirState(t, dir))
		})
	}
}
