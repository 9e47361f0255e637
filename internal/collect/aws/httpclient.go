package aws

import (
	"net/http"
	"sync"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// HTTPClient is the one HTTP client (one http.Transport, one connection
// pool) of a run: every SDK client of every account read with it sends its
// requests through it, with at most PerHost connections to each host, kept
// idle for reuse up to the same bound, and the idle ones closed as soon as
// no collection is using the client any more.
//
// It exists because each aws-sdk-go-v2 service client that is handed an
// *awshttp.BuildableClient derives a copy of its own (resolveHTTPClient in
// every service's api_client.go applies the defaults mode's dialer and TLS
// options, and a per-service read timeout, each by copying), and each copy
// builds its own transport: one connection pool per service and region,
// whose idle connections (buffers and two goroutines each) outlive the
// scan. An HTTPClient is not a BuildableClient, so the services use it as
// it is.
//
// Timeouts: those of the SDK's default transport, which the client is
// built from (connect 30 s, TCP keep-alive 30 s, TLS handshake 10 s,
// Expect: 100-continue 1 s; no whole-request timeout and no per-service
// read timeout, as before it existed), with idle connections dropped after
// 30 s instead of 90 s; every attempt is bounded by Options.CallTimeout
// (shoulder's middleware), so a hung endpoint fails the attempt, not the
// scan. Retries are the retryer's, above the HTTP client, and unchanged.
type HTTPClient struct {
	// PerHost bounds the connections to one host, open and idle.
	PerHost int
	opts    *awshttp.BuildableClient
	once    sync.Once

	mu     sync.Mutex
	tr     *http.Transport
	client *http.Client
	users  int
}

// NewHTTPClient is the HTTP client of a collection (or of an organization
// run) with n calls in flight at most: n connections per host at most, all
// of them kept for reuse while collections use it, so no connection to a
// busy endpoint (S3, EC2 of a region) is closed and reopened with a TLS
// handshake while the run goes on. Accounts read side by side share one
// (Options.HTTPClient): the same endpoints, one pool of connections, none
// left idle per account.
//
// Against AWS every service and region is a host of its own (about 50
// services in 17 regions): the pool keeps up to 4n idle connections over
// all hosts (at least the SDK's 100), the most recently used ones, which
// covers the hosts the n workers are reading at any time.
func NewHTTPClient(n int) *HTTPClient {
	n = max(n, 1)
	return &HTTPClient{PerHost: n, opts: awshttp.NewBuildableClient()}
}

// bind builds the shared client from the SDK's resolved one (the first
// collection to load its configuration does; they all resolve the same
// environment: AWS_CA_BUNDLE's roots, the proxy from the environment) and
// returns it.
func (h *HTTPClient) bind(resolved sdk.HTTPClient) sdk.HTTPClient {
	h.once.Do(func() {
		b, ok := resolved.(*awshttp.BuildableClient)
		if !ok {
			b = h.opts
		}
		// A copy of the transport the SDK resolved: its TLS configuration
		// (with AWS_CA_BUNDLE's roots), Proxy (http.ProxyFromEnvironment),
		// dialer and timeouts. The client around it is built here rather
		// than by BuildableClient.Freeze so that the transport stays in
		// reach: Freeze's client hides it behind a wrapper without
		// CloseIdleConnections.
		tr := b.GetTransport()
		per := h.PerHost
		tr.MaxConnsPerHost = per
		tr.MaxIdleConnsPerHost = per
		tr.MaxIdleConns = max(tr.MaxIdleConns, 4*per)
		// Idle connections of a finished account are kept for the
		// next one, not for the SDK's 90 s past the end of a run.
		tr.IdleConnTimeout = 30 * time.Second
		h.mu.Lock()
		defer h.mu.Unlock()
		h.tr = tr
		h.client = &http.Client{
			Timeout:       b.GetTimeout(),
			Transport:     locationStub{tr},
			CheckRedirect: sdkRedirects,
		}
	})
	return h
}

// Do sends req through the shared transport.
func (h *HTTPClient) Do(req *http.Request) (*http.Response, error) {
	h.bind(nil)
	return h.client.Do(req)
}

// use marks one more collection as using the client; done, called once
// that collection is over, closes the idle connections when it was the
// last one. Accounts read side by side keep each other's connections (the
// same endpoints); a single account's are closed before its checks run,
// and an organization's when its last account in flight is read.
func (h *HTTPClient) use() (done func()) {
	h.mu.Lock()
	h.users++
	h.mu.Unlock()
	return sync.OnceFunc(func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.users--; h.users == 0 && h.tr != nil {
			h.tr.CloseIdleConnections()
		}
	})
}

// sdkRedirects is the SDK's redirect rule (limitedRedirect in
// aws/transport/http/client.go), kept because the shared client is no
// longer built by it: follow only 307 and 308, which keep the method,
// dropping the session token when the redirect leaves the host; hand
// every other redirect, and the stub locationStub sets, to the SDK.
func sdkRedirects(r *http.Request, via []*http.Request) error {
	resp := r.Response
	if r.URL.String() == badRedirectLocation {
		resp.Header.Del(badRedirectLocation)
		return http.ErrUseLastResponse
	}
	switch resp.StatusCode {
	case http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if len(via) > 0 && via[len(via)-1].URL.Host != r.URL.Host {
			r.Header.Del("X-Amz-Security-Token")
		}
		return nil
	}
	return http.ErrUseLastResponse
}

// badRedirectLocation is the SDK's stub location for a 301 or 302 without
// one (S3 sends those), which sdkRedirects refuses to follow.
const badRedirectLocation = `https://amazonaws.com/badhttpredirectlocation`

// locationStub is the SDK's suppressBadHTTPRedirectTransport: it gives a
// 301 or 302 without a Location the stub location, so that net/http hands
// the response back instead of failing on the missing header.
type locationStub struct{ tr http.RoundTripper }

// RoundTrip sends r and stubs a missing redirect location.
func (t locationStub) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.tr.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound:
		if resp.Header.Get("Location") == "" {
			resp.Header.Set("Location", badRedirectLocation)
		}
	}
	return resp, err
}
