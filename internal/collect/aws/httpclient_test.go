package aws

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// fakeOptions are the options of a collection of the fake through the
// counting proxy p, with static credentials.
func fakeOptions(p *countingProxy, regions []string, workers int, client sdk.HTTPClient) Options {
	return Options{EndpointURL: p.url(), Regions: regions, Concurrency: workers, HTTPClient: client,
		LoadOptions: []func(*config.LoadOptions) error{
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDFAKE", "fake", "")),
			config.WithRegion("us-east-1"),
		}}
}

// startFake serves a synthetic account of n resources in regions.
func startFake(t *testing.T, n int, regions []string) string {
	t.Helper()
	a := synth.Account(synth.Options{Seed: 1, Resources: n, Regions: regions})
	// A little latency, like AWS's: a fake that answers at once can answer
	// before net/http has finished writing the request (it copies what
	// follows the body once more, after the SDK closed it once the answer
	// was read), and net/http then closes the connection.
	srv, err := awsfake.Start(a, awsfake.Options{Latency: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return strings.TrimPrefix(srv.URL, "http://")
}

// TestEveryServiceSharesOneConnection proves that the SDK clients of a
// collection (one per service and region, dozens here) send through one
// transport: with one worker, the calls of every service follow each other
// on the connection the first one opened, so the loopback listener in
// front of the fake accepts one connection for hundreds of calls, in the
// SDK's standard defaults mode too (AWS_DEFAULTS_MODE=standard, or
// defaults_mode in the shared config). The control is the SDK's own client
// in that mode: every service client copies it to apply the mode's
// connect and TLS timeouts, each copy with a transport (and connections)
// of its own; the SDK's 2026 per-service read timeouts copy it the same way.
func TestEveryServiceSharesOneConnection(t *testing.T) {
	regions := []string{"eu-west-1", "us-east-1"}
	target := startFake(t, 60, regions)
	standard := config.WithDefaultsMode(sdk.DefaultsModeStandard)
	tests := []struct {
		name            string
		client          func() sdk.HTTPClient
		mode            func(*config.LoadOptions) error
		atLeast, atMost int64 // connections accepted
	}{
		{name: "the run's client", client: func() sdk.HTTPClient { return NewHTTPClient(1) }, atLeast: 1, atMost: 1},
		{name: "no client given: the collection's own", client: func() sdk.HTTPClient { return nil }, atLeast: 1, atMost: 1},
		{name: "the run's client, standard defaults mode", client: func() sdk.HTTPClient { return NewHTTPClient(1) }, mode: standard, atLeast: 1, atMost: 1},
		{name: "control: the SDK's client, standard defaults mode", client: func() sdk.HTTPClient { return awshttp.NewBuildableClient() }, mode: standard, atLeast: 20, atMost: 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startCountingProxy(t, target)
			o := fakeOptions(p, regions, 1, tt.client())
			if tt.mode != nil {
				o.LoadOptions = append(o.LoadOptions, tt.mode)
			}
			res, err := Collect(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			calls := res.Stats.Totals().Calls
			services := map[string]bool{}
			for _, a := range res.Stats.Snapshot() {
				services[a.Service] = true
			}
			if calls < 100 || len(services) < 20 {
				t.Fatalf("%d calls to %d services; the scenario should read dozens of services", calls, len(services))
			}
			n := p.accepts.Load()
			t.Logf("%d connections accepted for %d calls to %d services", n, calls, len(services))
			if n < tt.atLeast || n > tt.atMost {
				t.Errorf("connections accepted = %d, want %d..%d", n, tt.atLeast, tt.atMost)
			}
		})
	}
}

// waitOpen waits until p has at most want connections open, or gives up
// after a generous while (a loaded machine runs the proxy's goroutines
// late); it returns what is open then.
func waitOpen(p *countingProxy, want int) int {
	deadline := time.Now().Add(20 * time.Second)
	for {
		n := p.openNow()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestIdleConnectionsClosedWhenCollectionsEnd proves that the connections
// of a collection do not outlive it: once the last collection using the
// run's client ends, the loopback listener sees every connection closed
// (the SDK keeps them for 90 s). While another collection (another
// account of an organization, here a held use) still uses the client, the
// idle connections stay for it: the same endpoints.
func TestIdleConnectionsClosedWhenCollectionsEnd(t *testing.T) {
	regions := []string{"eu-west-1", "us-east-1"}
	target := startFake(t, 60, regions)
	tests := []struct {
		name   string
		client func() sdk.HTTPClient
		held   bool // another collection still uses the client
		closed bool // every connection closed once Collect returns
	}{
		{name: "one collection", client: func() sdk.HTTPClient { return NewHTTPClient(8) }, closed: true},
		{name: "no client given", client: func() sdk.HTTPClient { return nil }, closed: true},
		{name: "another collection still using the client", client: func() sdk.HTTPClient { return NewHTTPClient(8) }, held: true},
		{name: "control: the SDK's client", client: func() sdk.HTTPClient { return awshttp.NewBuildableClient() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startCountingProxy(t, target)
			client := tt.client()
			var release func()
			if tt.held {
				release = client.(*HTTPClient).use()
			}
			if _, err := Collect(context.Background(), fakeOptions(p, regions, 8, client)); err != nil {
				t.Fatal(err)
			}
			if p.accepts.Load() == 0 {
				t.Fatal("no connection reached the proxy")
			}
			if tt.closed {
				if n := waitOpen(p, 0); n != 0 {
					t.Fatalf("%d connections still open after the collection ended", n)
				}
				return
			}
			// Nothing closes them: they are still open a while later.
			time.Sleep(200 * time.Millisecond)
			if n := p.openNow(); n == 0 {
				t.Fatal("every connection closed, want the idle ones kept")
			}
			if release == nil {
				return
			}
			release()
			if n := waitOpen(p, 0); n != 0 {
				t.Fatalf("%d connections still open after the last use ended", n)
			}
		})
	}
}

// TestHTTPClientUseCounts proves the bookkeeping under the collections:
// the idle connections are closed by the last use to end only, once
// however often its done is called.
func TestHTTPClientUseCounts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	p := startCountingProxy(t, strings.TrimPrefix(srv.URL, "http://"))
	h := NewHTTPClient(4)
	a, b := h.use(), h.use()
	get := func() {
		req, _ := http.NewRequest(http.MethodGet, p.url(), nil)
		resp, err := h.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	get()
	a()
	a() // twice: still one use ended
	time.Sleep(100 * time.Millisecond)
	if n := p.openNow(); n != 1 {
		t.Fatalf("%d connections open with one use left, want the idle one kept", n)
	}
	b()
	if n := waitOpen(p, 0); n != 0 {
		t.Fatalf("%d connections open after the last use, want none", n)
	}
	// A client used again reconnects.
	c := h.use()
	defer c()
	get()
	if n := p.accepts.Load(); n != 2 {
		t.Fatalf("%d connections accepted, want 2", n)
	}
}

// TestSharedClientKeepsSDKTransport proves that the shared client is the
// SDK's resolved transport with shoulder's bounds: the proxy from the
// environment, the SDK's dial and TLS timeouts, the redirect rule.
func TestSharedClientKeepsSDKTransport(t *testing.T) {
	h := NewHTTPClient(16)
	h.bind(awshttp.NewBuildableClient())
	tr := h.tr
	if reflect.ValueOf(tr.Proxy).Pointer() != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() {
		t.Error("the transport does not take its proxy from the environment")
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"MaxConnsPerHost", tr.MaxConnsPerHost, 16},
		{"MaxIdleConnsPerHost", tr.MaxIdleConnsPerHost, 16},
		{"MaxIdleConns", tr.MaxIdleConns, awshttp.DefaultHTTPTransportMaxIdleConns},
		{"IdleConnTimeout", tr.IdleConnTimeout, 30 * time.Second},
		{"TLSHandshakeTimeout", tr.TLSHandshakeTimeout, awshttp.DefaultHTTPTransportTLSHandleshakeTimeout},
		{"ExpectContinueTimeout", tr.ExpectContinueTimeout, awshttp.DefaultHTTPTransportExpectContinueTimeout},
		{"TLS minimum version", tr.TLSClientConfig.MinVersion, uint16(awshttp.DefaultHTTPTransportTLSMinVersion)},
		{"client timeout", h.client.Timeout, time.Duration(0)},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	big := NewHTTPClient(128)
	big.bind(nil)
	if big.tr.MaxIdleConns != 512 {
		t.Errorf("MaxIdleConns for 128 workers = %d, want 512", big.tr.MaxIdleConns)
	}
}

// TestSharedClientRedirects proves the SDK's redirect rule is kept: 307
// and 308 are followed (the session token dropped when the host changes),
// 301 and 302 handed back, with or without a location.
func TestSharedClientRedirects(t *testing.T) {
	var tokenAtOther atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tokenAtOther.Store(r.Header.Get("X-Amz-Security-Token"))
		w.WriteHeader(http.StatusOK)
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/307":
			http.Redirect(w, r, "/ok", http.StatusTemporaryRedirect)
		case "/308-other-host":
			http.Redirect(w, r, other.URL+"/ok", http.StatusPermanentRedirect)
		case "/301":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		case "/302-no-location":
			w.WriteHeader(http.StatusFound)
		default:
			w.WriteHeader(http.StatusOK)
		}
	}))
	defer srv.Close()
	h := NewHTTPClient(4)
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/307", http.StatusOK},
		{"/308-other-host", http.StatusOK},
		{"/301", http.StatusMovedPermanently},
		{"/302-no-location", http.StatusFound},
	} {
		t.Run(tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+tt.path, nil)
			req.Header.Set("X-Amz-Security-Token", "secret")
			resp, err := h.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	if v, _ := tokenAtOther.Load().(string); v != "" {
		t.Errorf("the session token reached another host: %q", v)
	}
}

// proxyChildEnv marks the child process TestSharedClientKeepsProxyEnv
// runs: net/http reads the proxy variables once per process, so the
// collection through a proxy runs in a process of its own.
const proxyChildEnv = "SHOULDER_TEST_PROXY_CHILD"

// TestSharedClientKeepsProxyEnv proves that HTTP_PROXY still works: a
// collection of an endpoint that is not loopback (0.0.0.0, where nothing
// listens) reaches the fake only through the proxy the environment names,
// which counts the requests it forwards.
func TestSharedClientKeepsProxyEnv(t *testing.T) {
	if os.Getenv(proxyChildEnv) != "" {
		o := Options{EndpointURL: os.Getenv(proxyChildEnv), Regions: []string{"us-east-1"}, Concurrency: 4,
			CallTimeout: 10 * time.Second, MaxAttempts: 1,
			LoadOptions: []func(*config.LoadOptions) error{
				config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDFAKE", "fake", "")),
				config.WithRegion("us-east-1"),
			}}
		res, err := Collect(context.Background(), o)
		if err != nil {
			t.Fatalf("Collect: %v", err)
		}
		fmt.Printf("calls=%d\n", res.Stats.Totals().Calls)
		return
	}
	backend, err := url.Parse("http://" + startFake(t, 20, []string{"us-east-1"}))
	if err != nil {
		t.Fatal(err)
	}
	var forwarded atomic.Int64
	rp := httputil.NewSingleHostReverseProxy(backend)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		forwarded.Add(1)
		rp.ServeHTTP(w, r)
	}))
	defer proxy.Close()
	for _, tt := range []struct {
		name  string
		proxy string
		ok    bool
	}{
		{name: "through HTTP_PROXY", proxy: proxy.URL, ok: true},
		{name: "control: no proxy", ok: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			forwarded.Store(0)
			cmd := exec.Command(os.Args[0], "-test.run=^TestSharedClientKeepsProxyEnv$", "-test.count=1")
			cmd.Env = append(os.Environ(), proxyChildEnv+"=http://0.0.0.0:1", "HTTP_PROXY="+tt.proxy, "http_proxy=",
				"NO_PROXY=", "no_proxy=")
			out, err := cmd.CombinedOutput()
			if tt.ok {
				if err != nil {
					t.Fatalf("the collection through the proxy failed: %v\n%s", err, out)
				}
				if n := forwarded.Load(); n < 20 {
					t.Fatalf("the proxy forwarded %d requests, want the collection's\n%s", n, out)
				}
				return
			}
			if err == nil || forwarded.Load() != 0 {
				t.Fatalf("without a proxy the collection reached the fake (%d requests forwarded, err %v)\n%s", forwarded.Load(), err, out)
			}
		})
	}
}

// TestConnectionsReusedAcrossManyHosts proves the pool is sized for AWS,
// where every service and region is a host of its own (a small account in
// three regions touches about 200): a worker that visits 200 hosts in turn,
// twice, reuses the first round's connection to each in the second. The
// control is the SDK's default transport, whose 100 idle connections over
// all hosts make the second round dial every host again.
func TestConnectionsReusedAcrossManyHosts(t *testing.T) {
	const hosts = 200
	var accepted atomic.Int64
	hs := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}),
		ConnState: func(_ net.Conn, st http.ConnState) {
			if st == http.StateNew {
				accepted.Add(1)
			}
		},
	}
	var urls []string
	for i := 0; i < hosts; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go func() { _ = hs.Serve(ln) }()
		urls = append(urls, "http://"+ln.Addr().String()+"/")
	}
	defer hs.Close()
	for _, tt := range []struct {
		name   string
		client func() sdk.HTTPClient
		want   int64 // connections accepted over both rounds
	}{
		{name: "the run's client, 128 workers", client: func() sdk.HTTPClient { return NewHTTPClient(128) }, want: hosts},
		{name: "control: the SDK's client", client: func() sdk.HTTPClient { return awshttp.NewBuildableClient() }, want: 2 * hosts},
	} {
		t.Run(tt.name, func(t *testing.T) {
			accepted.Store(0)
			c := tt.client()
			for round := 0; round < 2; round++ {
				for _, u := range urls {
					req, _ := http.NewRequest(http.MethodGet, u, nil)
					resp, err := c.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
			if h, ok := c.(*HTTPClient); ok {
				h.use()()
			}
			if n := accepted.Load(); n != tt.want {
				t.Errorf("%d connections accepted for 2 rounds over %d hosts, want %d", n, hosts, tt.want)
			}
		})
	}
}
