package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo"
)

func TestGoldenMatrixJSON(t *testing.T) {
	code, out, stderr := run(t, "matrix", "--demo", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "matrix-demo.json", []byte(out))
}

func TestMatrixDemo(t *testing.T) {
	code, out, stderr := run(t, "matrix", "--demo", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		SchemaVersion int    `json:"schema_version"`
		Kind          string `json:"kind"`
		Policy        string `json:"policy"`
		Services      []struct {
			ID     string   `json:"id"`
			Model  string   `json:"model"`
			AWS    []string `json:"aws"`
			Duties []struct {
				ID            string `json:"id"`
				Status        string `json:"status"`
				Reason        string `json:"reason"`
				WorstSeverity string `json:"worst_severity"`
				Resources     int    `json:"resources"`
			} `json:"duties"`
		} `json:"services"`
		Summary struct {
			Duties   int            `json:"duties"`
			ByStatus map[string]int `json:"by_status"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.Kind != "responsibility-matrix" || doc.Policy != demo.PolicyName {
		t.Errorf("header: %d %q %q", doc.SchemaVersion, doc.Kind, doc.Policy)
	}
	statuses := map[string]bool{}
	services := map[string]bool{}
	total := 0
	for _, s := range doc.Services {
		services[s.ID] = true
		if len(s.AWS) == 0 {
			t.Errorf("%s: AWS's duties missing", s.ID)
		}
		for _, d := range s.Duties {
			total++
			statuses[d.Status] = true
			if d.Reason == "" {
				t.Errorf("%s: no reason", d.ID)
			}
			if (d.Status == "not_met" || d.Status == "partly_met") && d.WorstSeverity == "" {
				t.Errorf("%s: %s without a worst severity", d.ID, d.Status)
			}
		}
	}
	if total != doc.Summary.Duties {
		t.Errorf("summary counts %d duties, rows %d", doc.Summary.Duties, total)
	}
	// The demo uses these services; it trips duties it does not meet, some
	// it meets partly, and some only a person can decide.
	for _, id := range []string{"ec2", "ebs", "vpc", "s3", "iam", "cloudtrail"} {
		if !services[id] {
			t.Errorf("service %s not in the demo's matrix", id)
		}
	}
	for _, st := range []string{"met", "not_met", "partly_met", "manual"} {
		if !statuses[st] {
			t.Errorf("no duty is %s on the demo", st)
		}
	}
}

func TestMatrixTable(t *testing.T) {
	code, out, stderr := run(t, "matrix", "--demo")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"shoulder matrix: account 210987654321", "Amazon EC2 (infrastructure)", "STATUS", "WORST", "RESOURCES",
		"NOT MET", "partly ", "manual", "What AWS carries (context, not findings)", "Summary"} {
		if !strings.Contains(out, want) {
			t.Errorf("matrix table lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour on a non-TTY")
	}
	_, colored, _ := run(t, "matrix", "--demo", "--color", "always")
	if !strings.Contains(colored, "\x1b[2m") {
		t.Error("--color always: the AWS section is not dimmed")
	}
}

// TestMatrixSources: the demo as a snapshot (with its policy) gives the
// same matrix; -o and --format work as for scan.
func TestMatrixSources(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "demo.json")
	pol := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(snap, demo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pol, demo.Policy(), 0o644); err != nil {
		t.Fatal(err)
	}
	strip := func(s string) string {
		var doc map[string]any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			t.Fatal(err)
		}
		delete(doc, "policy")
		delete(doc, "source")
		b, _ := json.Marshal(doc)
		return string(b)
	}
	_, a, _ := run(t, "matrix", "--demo", "--format", "json")
	code, b, stderr := run(t, "matrix", "--snapshot", snap, "--config", pol, "--format", "json")
	if code != ExitOK {
		t.Fatalf("snapshot: exit %d %s", code, stderr)
	}
	if strip(a) != strip(b) {
		t.Error("the demo as a snapshot gives a different matrix")
	}
	out := filepath.Join(dir, "m.json")
	if code, stdout, _ := run(t, "matrix", "--demo", "--format", "json", "-o", out); code != ExitOK || stdout != "" {
		t.Errorf("-o: exit %d, stdout %q", code, stdout)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), `"kind": "responsibility-matrix"`) {
		t.Errorf("-o file: %v", err)
	}
	if code, _, stderr := run(t, "matrix", "--demo", "--format", "xml"); code != ExitError || !strings.Contains(stderr, `"xml" is not table or json`) {
		t.Errorf("bad format: %d %q", code, stderr)
	}
}
