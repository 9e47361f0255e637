package aws

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// motoURL is the endpoint of the moto server TestMain started, or "" when
// moto is not available (motoSkip says why).
var (
	motoURL  string
	motoSkip string
)

// TestMain starts one moto server (the AWS emulator in the default
// python3) on a free loopback port for the whole package, and stops it.
// Without moto the moto tests skip, unless SHOULDER_REQUIRE_MOTO=1 (CI),
// where they fail.
func TestMain(m *testing.M) {
	os.Exit(runWithMoto(m))
}

func runWithMoto(m *testing.M) int {
	// Never let a test's credential chain reach for instance metadata.
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	stop, err := startMoto()
	if err != nil {
		motoSkip = err.Error()
		if os.Getenv("SHOULDER_REQUIRE_MOTO") == "1" {
			fmt.Fprintf(os.Stderr, "moto is required (SHOULDER_REQUIRE_MOTO=1) but could not start: %v\n", err)
			return 1
		}
	} else {
		defer stop()
	}
	return m.Run()
}

func startMoto() (func(), error) {
	if err := exec.Command("python3", "-c", "import moto.server").Run(); err != nil {
		return nil, fmt.Errorf("python3 cannot import moto.server (install it with: pip install 'moto[server]'): %v", err)
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
	if os.Getenv("SHOULDER_MOTO_LOG") == "" {
		cmd.Stdout, cmd.Stderr = nil, nil
	} else {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting moto: %w", err)
	}
	stop := func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("moto did not answer on %s within 60s: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	motoURL = url
	return stop, nil
}

// needMoto skips (or, under SHOULDER_REQUIRE_MOTO=1, has already failed
// TestMain) when moto is not running.
func needMoto(t *testing.T) string {
	t.Helper()
	if motoURL == "" {
		t.Skipf("moto is not available: %s", motoSkip)
	}
	return motoURL
}

// motoAccount is moto's fixed account ID.
const motoAccount = "123456789012"

// testCreds are static credentials for moto (it accepts any).
func testCreds() []func(*config.LoadOptions) error {
	return []func(*config.LoadOptions) error{
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")),
		config.WithRegion("us-east-1"),
	}
}

// sdkConfig is an SDK configuration for building scenarios in moto.
func sdkConfig(t *testing.T, region string) sdk.Config {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")),
		config.WithRegion(region), config.WithBaseEndpoint(needMoto(t)))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
