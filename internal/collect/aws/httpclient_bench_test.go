package aws

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// hostsChildEnv makes the test binary a TLS server on that many loopback
// ports (BenchmarkIdleConnections): the servers run in a process of their
// own so that their memory is not counted as the client's.
const hostsChildEnv = "SHOULDER_BENCH_TLS_HOSTS"

// TestServeTLSHosts is the child BenchmarkIdleConnections starts: it
// prints the certificate and one address per line, then serves until its
// standard input closes. Without hostsChildEnv it does nothing.
func TestServeTLSHosts(t *testing.T) {
	var n int
	if _, err := fmt.Sscan(os.Getenv(hostsChildEnv), &n); err != nil || n <= 0 {
		return
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.StartTLS()
	defer srv.Close()
	fmt.Print(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})))
	hs := &http.Server{Handler: srv.Config.Handler}
	for i := 0; i < n; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go func() { _ = hs.Serve(tls.NewListener(ln, srv.TLS)) }()
		fmt.Println(ln.Addr().String())
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// BenchmarkIdleConnections measures what the connections of a collection
// cost the client while they are kept: one TLS connection to each of 200
// hosts (against AWS every service and region is a host; a small account
// in three regions touches about 200) through the run's HTTP client, then
// the memory they hold idle (heap and goroutine stacks, per connection),
// and what is left once the last use of the client ends.
func BenchmarkIdleConnections(b *testing.B) {
	const hosts = 200
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeTLSHosts$", "-test.count=1")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", hostsChildEnv, hosts))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = stdin.Close(); _ = cmd.Wait() }()
	var certPEM strings.Builder
	var addrs []string
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && sc.Text() != "ready" {
		if line := sc.Text(); strings.Contains(line, ":") {
			addrs = append(addrs, line)
		} else {
			certPEM.WriteString(line + "\n")
		}
	}
	if len(addrs) != hosts {
		b.Fatalf("the child serves %d hosts, want %d", len(addrs), hosts)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM([]byte(certPEM.String())) {
		b.Fatal("no certificate from the child")
	}
	resolved := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		tr.TLSClientConfig.RootCAs = roots
	})
	inUse := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc + m.StackInuse
	}
	var held, left float64
	for b.Loop() {
		h := NewHTTPClient(128)
		h.bind(resolved)
		done := h.use()
		before := inUse()
		for _, a := range addrs {
			// httptest's certificate names 127.0.0.1 and example.com.
			req, _ := http.NewRequest(http.MethodGet, "https://"+a+"/", nil)
			resp, err := h.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		idle := inUse()
		done()
		time.Sleep(100 * time.Millisecond) // the connections' goroutines end
		after := inUse()
		held += float64(idle) - float64(before)
		left += float64(after) - float64(before)
	}
	n := float64(b.N)
	b.ReportMetric(held/n/hosts, "B/idle-conn")
	b.ReportMetric(held/n/(1<<20), "MiB-idle")
	b.ReportMetric(left/n/(1<<20), "MiB-after-done")
}
