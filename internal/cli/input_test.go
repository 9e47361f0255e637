package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// runEnv is run with an environment.
func runEnv(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		IsTTY: func(io.Writer) bool { return false }, Getenv: withDataDir(t, func(k string) string { return env[k] })}
	code := app.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// TestBoundedInputs: snapshots, policy files and diff inputs that are not
// regular files, or are above their cap, are refused at once with exit 2
// and an error naming the file; the caps are raised by environment.
func TestBoundedInputs(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "snap.json")
	acct, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := state.SaveSnapshot(snap, acct, "test"); err != nil {
		t.Fatal(err)
	}
	result := filepath.Join(dir, "result.json")
	if code, _, stderr := run(t, "scan", "--demo", "--format", "json", "-o", result, "--fail-on", "none"); code != ExitOK {
		t.Fatalf("scan: %d %s", code, stderr)
	}
	pol := filepath.Join(dir, "shoulder.yaml")
	if err := os.WriteFile(pol, []byte("allowed_regions: [eu-west-1]\n"+strings.Repeat("# padding\n", 200_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	small := map[string]string{envMaxInputSize: "1KiB"}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string // in stderr; exit 2 always
	}{
		{"snapshot /dev/zero", nil, []string{"scan", "--snapshot", "/dev/zero"}, []string{"/dev/zero", "not a regular file (a character device)"}},
		{"snapshot /dev/urandom", nil, []string{"scan", "--snapshot", "/dev/urandom"}, []string{"/dev/urandom", "not a regular file"}},
		// A directory is an organization's snapshots now (orgdir.go): one
		// holding anything else is refused, naming the file.
		{"snapshot directory", nil, []string{"matrix", "--snapshot", dir}, []string{dir, "is not an account snapshot"}},
		{"snapshot above the cap", small, []string{"scan", "--snapshot", snap}, []string{snap, "above the limit of 1 KiB", envMaxInputSize}},
		{"bad cap", map[string]string{envMaxInputSize: "lots"}, []string{"scan", "--snapshot", snap}, []string{envMaxInputSize, `"lots" is not a size`}},
		{"policy /dev/urandom", nil, []string{"scan", "--demo", "--config", "/dev/urandom"}, []string{"/dev/urandom", "not a regular file"}},
		{"policy directory", nil, []string{"scan", "--demo", "--config", dir}, []string{dir, "not a regular file (a directory)"}},
		{"policy above the default 1 MiB cap", nil, []string{"scan", "--demo", "--config", pol}, []string{pol, "above the limit of 1 MiB", envMaxPolicySize}},
		{"diff /dev/zero", nil, []string{"diff", "/dev/zero", result}, []string{"/dev/zero", "not a regular file"}},
		{"diff directory", nil, []string{"diff", result, dir}, []string{dir, "not a regular file (a directory)"}},
		{"diff above the cap", small, []string{"diff", result, result}, []string{result, "above the limit of 1 KiB"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var code int
			var stderr string
			go func() {
				defer close(done)
				code, _, stderr = runEnv(t, tc.env, tc.args...)
			}()
			select {
			case <-done:
			case <-time.After(time.Minute):
				t.Fatal("still reading after a minute")
			}
			if code != ExitError {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
		})
	}
	// Raised caps read the same files.
	big := map[string]string{envMaxInputSize: "off", envMaxPolicySize: "2MiB"}
	if code, _, stderr := runEnv(t, big, "scan", "--snapshot", snap, "--config", pol, "--fail-on", "none"); code != ExitOK {
		t.Errorf("with raised caps: exit %d: %s", code, stderr)
	}
}
