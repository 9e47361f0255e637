package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/report"
)

// TestGoldenReports renders the demo account in every format through the
// real CLI (the demo's policy, every framework, the duty matrix and the data
// map) and compares each with testdata/golden/demo.<ext>. The goldens
// change whenever checks or the demo change: regenerate them with
// `go test ./internal/cli -run Golden -update` and read the diff.
func TestGoldenReports(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "scan", "--demo", "--format", strings.Join(report.FormatNames(), ","), "-o", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range report.Formats() {
		t.Run(f.Name, func(t *testing.T) {
			got := []byte(stdout)
			if !f.Stdout {
				b, err := os.ReadFile(filepath.Join(dir, f.FileName))
				if err != nil {
					t.Fatal(err)
				}
				got = b
			}
			golden(t, filepath.Join("golden", "demo"+strings.TrimPrefix(f.FileName, "report")), normaliseVersion(got))
		})
	}
}

// normaliseVersion replaces the build's version wherever a format writes it
// (golden() handles the indented JSON form).
func normaliseVersion(b []byte) []byte {
	for _, form := range []string{`"version":"%s"`, `"version": "%s"`, `shoulder %s.`} {
		b = bytes.ReplaceAll(b, []byte(strings.Replace(form, "%s", Version, 1)), []byte(strings.Replace(form, "%s", "VERSION", 1)))
	}
	return b
}
