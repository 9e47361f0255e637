// Package mototest starts moto (the AWS emulator, in server mode from the
// default python3) for tests: one server on a free loopback port, stopped
// when the tests end. Without moto, tests skip with the reason, unless
// SHOULDER_REQUIRE_MOTO=1 (set by .ci/run), where they fail.
//
// It is imported only by _test.go files.
package mototest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"
)

// Account is moto's fixed account ID.
const Account = "123456789012"

// Server is a running moto.
type Server struct {
	// URL is the endpoint, e.g. http://127.0.0.1:41234.
	URL string
	cmd *exec.Cmd
}

// Required reports whether the environment demands moto (CI).
func Required() bool { return os.Getenv("SHOULDER_REQUIRE_MOTO") == "1" }

// Start launches moto on a free loopback port and waits until it answers.
//
// moto binds port 0 itself and prints the port the kernel gave it, which is
// read from its standard error. Picking a free port first and handing it
// over raced with other test processes doing the same: two servers could be
// given one port, the second failed to bind, and its tests silently talked
// to the first one's (different) state.
func Start() (*Server, error) {
	if err := exec.Command("python3", "-c", "import moto.server").Run(); err != nil {
		return nil, fmt.Errorf("python3 cannot import moto.server (install it with: pip install 'moto[server]'): %w", err)
	}
	cmd := exec.Command("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", "0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// moto's ~1000 default AMIs come with snapshots owned by the test
	// account; reading each one's sharing would dominate the test time.
	cmd.Env = append(os.Environ(), "MOTO_EC2_LOAD_DEFAULT_AMIS=false")
	if os.Getenv("SHOULDER_MOTO_LOG") != "" {
		cmd.Stdout = os.Stderr
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, fmt.Errorf("starting moto: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting moto: %w", err)
	}
	s := &Server{cmd: cmd}
	url, err := announcedURL(stderr, 60*time.Second)
	if err != nil {
		s.Stop()
		return nil, err
	}
	s.URL = url
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(s.URL + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return s, nil
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("moto did not answer on %s within 60s: %w", s.URL, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// runningOn matches the line werkzeug prints once moto listens.
var runningOn = regexp.MustCompile(`Running on (http://127\.0\.0\.1:[0-9]+)`)

// announcedURL reads moto's standard error until it names the address it
// listens on, then keeps draining it (to the test log when SHOULDER_MOTO_LOG
// is set) so moto never blocks on a full pipe.
func announcedURL(stderr io.Reader, wait time.Duration) (string, error) {
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		var seen bool
		for sc.Scan() {
			line := sc.Text()
			if os.Getenv("SHOULDER_MOTO_LOG") != "" {
				fmt.Fprintln(os.Stderr, line)
			}
			if m := runningOn.FindStringSubmatch(line); m != nil && !seen {
				seen = true
				found <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			return "", errors.New("moto exited before it listened (run with SHOULDER_MOTO_LOG=1 to see why)")
		}
		return u, nil
	case <-time.After(wait):
		return "", fmt.Errorf("moto did not say where it listens within %s", wait)
	}
}

// Stop ends moto (its whole process group).
func (s *Server) Stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// Main runs a package's tests with one moto for all of them, for TestMain:
//
//	var moto = new(mototest.Shared)
//	func TestMain(m *testing.M) { os.Exit(moto.Main(m)) }
type Shared struct {
	srv *Server
	err error
}

// Main starts moto, runs the tests and stops moto. Under
// SHOULDER_REQUIRE_MOTO=1 a moto that cannot start fails the run.
func (sh *Shared) Main(m *testing.M) int {
	// Never let a test's credential chain reach for instance metadata.
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	sh.srv, sh.err = Start()
	if sh.err != nil && Required() {
		fmt.Fprintf(os.Stderr, "moto is required (SHOULDER_REQUIRE_MOTO=1) but could not start: %v\n", sh.err)
		return 1
	}
	defer sh.srv.Stop()
	return m.Run()
}

// URL returns the shared moto's endpoint, or skips the test when moto is
// not available.
func (sh *Shared) URL(t testing.TB) string {
	t.Helper()
	if sh.srv == nil {
		err := sh.err
		if err == nil {
			err = errors.New("TestMain did not start it")
		}
		t.Skipf("moto is not available, skipping: %v", err)
	}
	return sh.srv.URL
}

// StartT starts a moto for one test and stops it at the test's end; it
// skips (or fails under SHOULDER_REQUIRE_MOTO=1) when moto is missing.
func StartT(t testing.TB) string {
	t.Helper()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	s, err := Start()
	if err != nil {
		if Required() {
			t.Fatalf("moto is required (SHOULDER_REQUIRE_MOTO=1): %v", err)
		}
		t.Skipf("moto is not available, skipping: %v", err)
	}
	t.Cleanup(s.Stop)
	return s.URL
}
