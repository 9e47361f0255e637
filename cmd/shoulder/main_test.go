package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// runMainEnv makes the test binary run main() instead of the tests, so a
// test can start the real command (its signal handling included) as a
// child process.
const runMainEnv = "SHOULDER_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// child is the shoulder command as a child process.
func child(t *testing.T, env []string, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1",
		"AWS_ACCESS_KEY_ID=AKIDFAKEFAKEFAKE", "AWS_SECRET_ACCESS_KEY=fake-secret", "AWS_SESSION_TOKEN=",
		"AWS_REGION=us-east-1", "AWS_PROFILE=", "AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE="+filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(t.TempDir(), "none"),
		// The results store goes to the test's own data directory, never the user's.
		"XDG_DATA_HOME="+t.TempDir(), "SHOULDER_STORE=")
	cmd.Env = append(cmd.Env, env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// waitFor polls cond until it holds; the guard ends a test that would hang.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	guard := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(guard) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// slowDemo serves the demo account from a fake endpoint that answers each
// call after 400 ms, so a signal arrives mid-collection; it is closed when
// the test ends.
func slowDemo(t *testing.T) (*state.Account, *awsfake.Running) {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	a.Gaps = state.Gaps{}
	fake, err := awsfake.Start(awsfake.Expressible(a), awsfake.Options{Latency: 400 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fake.Close() })
	return a, fake
}

// TestSIGTERMSavesWhatWasRead: CI runners and Kubernetes stop a job with
// SIGTERM. collect handles it like Ctrl-C: the snapshot holds what was read
// (the buckets were listed), what was not read is a `cancelled` gap, and
// the exit code is 2. The endpoint is a slow fake so the signal arrives
// mid-collection.
func TestSIGTERMSavesWhatWasRead(t *testing.T) {
	a, fake := slowDemo(t)
	snap := filepath.Join(t.TempDir(), "snap.json")
	cmd, stderr := child(t, nil, "collect", "-q", "--endpoint-url", fake.URL, "--regions", "eu-west-1,eu-central-1", "-o", snap)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// The buckets were listed once a per-bucket read arrives.
	waitFor(t, "a per-bucket read", func() bool {
		for k, n := range fake.Stats().Calls {
			if strings.HasPrefix(k, "s3:GetBucket") && n > 0 {
				return true
			}
		}
		return false
	})
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := <-done
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("collect after SIGTERM: %v, want exit status 2; stderr:\n%s", err, stderr)
	}
	got, err := state.LoadSnapshot(snap)
	if err != nil {
		t.Fatalf("no snapshot after SIGTERM: %v; stderr:\n%s", err, stderr)
	}
	if got.AccountID != a.AccountID || len(got.S3.Buckets) == 0 {
		t.Errorf("snapshot: account %q, %d buckets; want what was read", got.AccountID, len(got.S3.Buckets))
	}
	if n := got.Gaps.CountByReason()[state.ReasonCancelled]; n == 0 {
		t.Errorf("no cancelled gaps in the snapshot: %v", got.Gaps.CountByReason())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say the collection was interrupted:\n%s", stderr)
	}
}

// TestSIGTERMKeepsEarlierReports: a scan stopped by SIGTERM exits 2 and
// leaves the report files of an earlier run as they were.
func TestSIGTERMKeepsEarlierReports(t *testing.T) {
	_, fake := slowDemo(t)
	out := t.TempDir()
	for _, n := range []string{"report.json", "report.html"} {
		if err := os.WriteFile(filepath.Join(out, n), []byte("EARLIER"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd, stderr := child(t, nil, "scan", "-q", "--endpoint-url", fake.URL, "--regions", "eu-west-1", "--format", "json,html", "-o", out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	waitFor(t, "the collection to start", func() bool { return fake.Stats().Total() > 5 })
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := <-done
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("scan after SIGTERM: %v, want exit status 2; stderr:\n%s", err, stderr)
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 2 {
		t.Errorf("files in -o DIR after SIGTERM: %v", ents)
	}
	for _, n := range []string{"report.json", "report.html"} {
		if b, err := os.ReadFile(filepath.Join(out, n)); err != nil || string(b) != "EARLIER" {
			t.Errorf("%s after SIGTERM: replaced (%d bytes, %v), want the earlier report", n, len(b), err)
		}
	}
}
