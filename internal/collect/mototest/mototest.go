// Package mototest starts moto (the AWS emulator, in server mode from the
// default python3) for tests: one server on a free loopback port, stopped
// when the tests end. Without moto, tests skip with the reason, unless
// SHOULDER_REQUIRE_MOTO=1 (set by .ci/run), where they fail.
//
// It is imported only by _test.go files.
package mototest

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
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
func Start() (*Server, error) {
	if err := exec.Command("python3", "-c", "import moto.server").Run(); err != nil {
		return nil, fmt.Errorf("python3 cannot import moto.server (install it with: pip install 'moto[server]'): %w", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// moto's ~1000 default AMIs come with snapshots owned by the test
	// account; reading each one's sharing would dominate the test time.
	cmd.Env = append(os.Environ(), "MOTO_EC2_LOAD_DEFAULT_AMIS=false")
	if os.Getenv("SHOULDER_MOTO_LOG") != "" {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting moto: %w", err)
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd}
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
