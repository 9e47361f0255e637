package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/store"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// TestScanSpillsByteIdentical: a single account's scan whose formats all
// replay (the default table among them) evaluates into a file and writes
// every format, and records the scan, from it a check at a time
// (spillScan); with a format that needs the whole report (markdown) it
// holds engine.Run's report. Standard output (the table), every file and
// the recorded scan must be the same either way, over the demo and a
// synthetic account, with and without the table's listing options, and
// the spilled report must hold every result.
func TestScanSpillsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "synth.json")
	if err := state.SaveSnapshot(snap, synth.Account(synth.Options{Seed: 7, Resources: 2000}), "test"); err != nil {
		t.Fatal(err)
	}
	replaying := "table,json,sarif,junit,csv,asff,ocsf"
	for _, fm := range mustFormats(t, replaying) {
		if fm.Replay == nil {
			t.Fatalf("format %s does not replay: the scan below would not spill", fm.Name)
		}
	}
	cases := []struct {
		name string
		args []string
	}{
		{"demo", []string{"--demo"}},
		{"demo all", []string{"--demo", "--all"}},
		{"demo filtered", []string{"--demo", "--status", "fail,pass", "--severity", "critical,high"}},
		{"synth", []string{"--snapshot", snap}},
		{"synth filtered", []string{"--snapshot", snap, "--status", "unknown", "--asff-region", "eu-west-1"}},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			spilled, held := filepath.Join(base, "spilled"), filepath.Join(base, "held")
			dbS, dbH := filepath.Join(base, "spilled.db"), filepath.Join(base, "held.db")
			c1, out1, e1 := run(t, append([]string{"scan", "--color", "never", "--store", dbS, "--format", replaying, "-o", spilled + "/"}, tc.args...)...)
			c2, out2, e2 := run(t, append([]string{"scan", "--color", "never", "--store", dbH, "--format", replaying + ",markdown", "-o", held + "/"}, tc.args...)...)
			if c1 != c2 || c1 == ExitError {
				t.Fatalf("exit %d spilled, %d held: %s %s", c1, c2, e1, e2)
			}
			if out1 != out2 || !strings.Contains(out1, "Summary") {
				t.Errorf("the table differs:\nspilled:\n%s\nheld:\n%s", out1, out2)
			}
			for _, fm := range mustFormats(t, replaying) {
				if fm.Stdout {
					continue
				}
				a, err := os.ReadFile(filepath.Join(spilled, fm.FileName))
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(filepath.Join(held, fm.FileName))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a, b) || len(a) < 500 {
					t.Errorf("%s: spilled %d bytes, held %d, not the same", fm.FileName, len(a), len(b))
				}
			}
			// Nothing lost: the spilled JSON holds every result the summary
			// counts, and as many as the held report.
			res, err := report.ReadJSON("report.json", mustRead(t, filepath.Join(spilled, "report.json")))
			if err != nil {
				t.Fatal(err)
			}
			rep := res.Report
			if len(rep.Results) == 0 || len(rep.Results) != rep.Summary.Total {
				t.Errorf("spilled report: %d results, summary %d", len(rep.Results), rep.Summary.Total)
			}
			if i == 0 {
				golden(t, filepath.Join("golden", "demo.json"), normaliseVersion(mustRead(t, filepath.Join(spilled, "report.json"))))
			}
			// The recorded scans are the same: their reports rebuilt from
			// the lifecycles, and the lifecycles' states and messages.
			sameStoredScan(t, dbS, dbH, len(rep.Results))
		})
	}
}

func mustFormats(t *testing.T, list string) []report.Format {
	t.Helper()
	fs, err := report.ParseFormats(list)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameStoredScan compares the one scan recorded in each of two stores:
// its report rebuilt from the store (JSON, every result) must be the same.
func sameStoredScan(t *testing.T, dbA, dbB string, results int) {
	t.Helper()
	ctx := context.Background()
	var docs [2][]byte
	for i, db := range []string{dbA, dbB} {
		s, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.ScanReport(ctx, 1, checks.ByID())
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Results) != results {
			t.Errorf("%s: the stored scan has %d results, want %d", db, len(rep.Results), results)
		}
		var b bytes.Buffer
		if err := report.JSON(&b, rep, "test"); err != nil {
			t.Fatal(err)
		}
		docs[i] = b.Bytes()
	}
	if !bytes.Equal(docs[0], docs[1]) {
		t.Errorf("the recorded scans differ:\nspilled: %.2000s\nheld: %.2000s", docs[0], docs[1])
	}
}
