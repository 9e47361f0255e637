package aws

import (
	"context"
	"encoding/pem"
	"io"
	"net"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// countingProxy accepts connections on loopback, counts them, and relays
// each to target: how many connections clients opened to one host, and how
// many of them were open at once.
type countingProxy struct {
	ln      net.Listener
	accepts atomic.Int64
	mu      sync.Mutex
	open    int
	maxOpen int
}

func (p *countingProxy) opened(d int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.open += d
	p.maxOpen = max(p.maxOpen, p.open)
}

// openNow is how many connections are open.
func (p *countingProxy) openNow() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.open
}

func (p *countingProxy) peak() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.maxOpen
}

func startCountingProxy(t *testing.T, target string) *countingProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &countingProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.accepts.Add(1)
			p.opened(1)
			go func() {
				defer p.opened(-1)
				defer c.Close()
				b, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer b.Close()
				go func() { _, _ = io.Copy(b, c); _ = b.Close() }()
				_, _ = io.Copy(c, b)
			}()
		}
	}()
	t.Cleanup(func() { _ = ln.Close() })
	return p
}

func (p *countingProxy) url() string { return "http://" + p.ln.Addr().String() }

// TestOneRunBoundsConnectionsPerHost proves that the SDK clients of a
// collection (one per service and region, about a hundred here), and of
// several collections side by side, share one connection pool with at most
// NewHTTPClient's bound of connections open to a host, however many
// workers they run: the fake endpoint is one host, and a loopback listener
// in front of it counts the connections open at once. The last case is the
// control: the SDK's own client opens one connection per call in flight.
func TestOneRunBoundsConnectionsPerHost(t *testing.T) {
	regions := []string{"eu-west-1", "eu-central-1", "us-east-1"}
	a := synth.Account(synth.Options{Seed: 1, Resources: 100, Regions: regions})
	srv, err := awsfake.Start(a, awsfake.Options{Latency: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	target := strings.TrimPrefix(srv.URL, "http://")
	const bound, workers = 4, 16
	tests := []struct {
		name     string
		client   func() *HTTPClient
		plain    bool // the SDK's BuildableClient instead (the control)
		workers  int
		accounts int
		atMost   int // connections open at once, at most
		atLeast  int // connections open at once, at least
	}{
		{name: "one collection", client: func() *HTTPClient { return NewHTTPClient(bound) }, workers: workers, accounts: 1, atMost: bound, atLeast: 1},
		{name: "three collections side by side, one client", client: func() *HTTPClient { return NewHTTPClient(bound) }, workers: workers, accounts: 3, atMost: bound, atLeast: 1},
		{name: "default client: as many as the workers", workers: bound, accounts: 1, atMost: bound, atLeast: 1},
		{name: "control: the SDK's client", plain: true, workers: workers, accounts: 1, atMost: 1 << 20, atLeast: bound + 1},
	}
	measure := func(t *testing.T, client func() *HTTPClient, plain bool, workers, accounts int) int {
		p := startCountingProxy(t, target)
		var shared *HTTPClient
		if client != nil {
			shared = client()
		}
		var wg sync.WaitGroup
		calls := make([]int64, accounts)
		errs := make([]error, accounts)
		for i := 0; i < accounts; i++ {
			o := Options{EndpointURL: p.url(), Regions: regions, Concurrency: workers,
				LoadOptions: []func(*config.LoadOptions) error{
					config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDFAKE", "fake", "")),
					config.WithRegion("us-east-1"),
				}}
			switch {
			case shared != nil:
				o.HTTPClient = shared
			case plain:
				o.HTTPClient = awshttp.NewBuildableClient()
			}
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				res, err := Collect(context.Background(), o)
				if err != nil {
					errs[i] = err
					return
				}
				calls[i] = res.Stats.Totals().Calls
			}(i)
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("collection %d: %v", i, err)
			}
			if calls[i] < 50 {
				t.Fatalf("collection %d made %d calls; the scenario should need hundreds", i, calls[i])
			}
		}
		n := p.peak()
		t.Logf("%d connections open at most, %d accepted, for %v calls", n, p.accepts.Load(), calls)
		return n
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The proxy sees a connection closed only when its reader
			// goroutine runs, after the client has already dialed the
			// next one; on a loaded machine that lag can count one
			// connection too many. A client over its bound is over it in
			// every run, so it fails only when three runs in a row exceed
			// it.
			var n int
			for attempt := 0; attempt < 3; attempt++ {
				n = measure(t, tt.client, tt.plain, tt.workers, tt.accounts)
				if n <= tt.atMost {
					break
				}
			}
			if n > tt.atMost || n < tt.atLeast {
				t.Errorf("connections open at once = %d, want %d..%d", n, tt.atLeast, tt.atMost)
			}
		})
	}
}

// TestSharedClientKeepsCABundle proves that the shared client is built from
// what the SDK resolved, AWS_CA_BUNDLE included: the fake behind a TLS
// endpoint whose certificate only the bundle vouches for is read; without
// the bundle, the collection cannot start.
func TestSharedClientKeepsCABundle(t *testing.T) {
	a := synth.Account(synth.Options{Seed: 1, Resources: 20, Regions: []string{"us-east-1"}})
	srv, err := awsfake.Start(a, awsfake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	backend, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	tlsSrv := httptest.NewTLSServer(httputil.NewSingleHostReverseProxy(backend))
	defer tlsSrv.Close()
	bundle := filepath.Join(t.TempDir(), "ca.pem")
	pemCert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tlsSrv.Certificate().Raw})
	if err := os.WriteFile(bundle, pemCert, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		bundle string
		ok     bool
	}{
		{name: "with the bundle", bundle: bundle, ok: true},
		{name: "without it", ok: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AWS_CA_BUNDLE", tt.bundle)
			o := Options{EndpointURL: tlsSrv.URL, Regions: []string{"us-east-1"}, Concurrency: 4, HTTPClient: NewHTTPClient(4),
				CallTimeout: 5 * time.Second, MaxAttempts: 1,
				LoadOptions: []func(*config.LoadOptions) error{
					config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDFAKE", "fake", "")),
					config.WithRegion("us-east-1"),
				}}
			res, err := Collect(context.Background(), o)
			if tt.ok {
				if err != nil {
					t.Fatalf("Collect: %v", err)
				}
				if n := res.Stats.Totals().Calls; n < 20 {
					t.Fatalf("%d calls; want the scenario's reads", n)
				}
				return
			}
			if err == nil {
				t.Fatal("Collect succeeded against an endpoint whose certificate nothing vouches for")
			}
		})
	}
}
