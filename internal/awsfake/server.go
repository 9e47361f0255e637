// Package awsfake is a fast, test-only fake AWS endpoint. It serves one
// state.Account through each service's real wire protocol (awsQuery,
// ec2Query, REST-XML, awsJson1.0 and 1.1, restJson1, Smithy RPC v2 CBOR) so
// that the real aws-sdk-go-v2 clients, pointed at it with an endpoint
// override and static credentials, read back exactly that state.
//
// It paginates like AWS (real page-size limits and opaque tokens), injects
// faults per action (latency, throttling, AccessDenied, 5xx, timeouts),
// enforces per-action token buckets like AWS's request-rate quotas, counts
// every call per action, and rejects any operation that is not a read.
//
// Requests are routed by the SigV4 credential scope of the Authorization
// header (service and region), then by Action (query protocols),
// X-Amz-Target (JSON protocols) or method and path (REST protocols).
//
// The package is used by tests and benchmarks only; the shoulder binary
// never links it.
package awsfake

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// Options configure a Server. The zero value serves the state with no
// latency, no limits and no faults.
type Options struct {
	// Latency is added to every response, like a round trip to AWS.
	Latency time.Duration
	// Limits are token buckets like AWS's request-rate quotas; a request
	// that finds its bucket empty is answered with the service's throttling
	// error, as AWS does.
	Limits []Limit
	// Faults are injected per action (see Fault).
	Faults []Fault
	// ReproduceGaps turns the account's own coverage gaps into faults, so
	// that collecting from the fake records the same gaps: access_denied
	// becomes AccessDenied, throttled a throttling storm, timeout a hang,
	// anything else a 5xx. Gaps for disabled regions need no fault.
	ReproduceGaps bool
	// HangLimit bounds how long a FaultTimeout request hangs when the
	// client never gives up (default 2 minutes).
	HangLimit time.Duration
	// ForeignSnapshots, when above zero, makes DescribeSnapshots answer as
	// some emulators do: it ignores the OwnerIds and RestorableByUserIds
	// filters, listing every snapshot of the account plus this many public
	// snapshots of another account (ForeignOwner) in each region.
	ForeignSnapshots int
	// AssumeRole, when set, decides sts:AssumeRole: the account of a role
	// ARN the caller may assume, or false (AccessDenied). Unset, only the
	// served account's own roles may be assumed. StartOrg sets it.
	AssumeRole func(roleARN string) (account string, ok bool)
}

// ForeignOwner is the account that owns the fake's ForeignSnapshots.
const ForeignOwner = "999988887777"

// Server is the fake endpoint. It is an http.Handler; Start serves it on a
// loopback port.
type Server struct {
	acct     *state.Account
	opts     Options
	services map[string]*service
	idx      *index
	limits   *limiter
	faults   []*faultState
	stats    stats
	cache    sync.Map // cacheKey -> *reply: rendered responses of immutable state
	reqID    atomic.Uint64
	wire     wireSchemas // how replies are serialized (wire.go)
}

// New returns a fake endpoint serving a. The account must not change while
// the server runs: responses are rendered once and cached.
func New(a *state.Account, o Options) *Server {
	if o.HangLimit <= 0 {
		o.HangLimit = 2 * time.Minute
	}
	s := &Server{acct: a, opts: o, idx: buildIndex(a), limits: newLimiter(o.Limits)}
	s.stats.init()
	faults := append([]Fault(nil), o.Faults...)
	if o.ReproduceGaps {
		faults = append(faults, GapFaults(a)...)
	}
	for i := range faults {
		s.faults = append(s.faults, &faultState{Fault: faults[i]})
	}
	s.services = s.registry()
	return s
}

// Account returns the served state.
func (s *Server) Account() *state.Account { return s.acct }

// Running is a Server listening on a loopback port.
type Running struct {
	*Server
	// URL is the endpoint to give the SDK (AWS_ENDPOINT_URL), e.g. http://127.0.0.1:41234.
	URL string
	hs  *http.Server
	ln  net.Listener
	wg  sync.WaitGroup
}

// Start serves a new fake endpoint for a on 127.0.0.1 at a free port.
func Start(a *state.Account, o Options) (*Running, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("awsfake: listening on loopback: %w", err)
	}
	srv := New(a, o)
	r := &Running{Server: srv, URL: "http://" + ln.Addr().String(), ln: ln}
	r.hs = &http.Server{Handler: srv, ReadHeaderTimeout: 30 * time.Second}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		_ = r.hs.Serve(ln)
	}()
	return r, nil
}

// Close stops the server, ending any hanging request.
func (r *Running) Close() error {
	err := r.hs.Close()
	r.wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

type protocol uint8

const (
	protoQuery    protocol = iota // awsQuery: form POST, XML <OpResponse><OpResult>
	protoEC2                      // ec2Query: form POST, XML <OpResponse>
	protoJSON                     // awsJson1.1: X-Amz-Target, JSON body
	protoRestJSON                 // restJson1: method + path, JSON body
	protoRestXML                  // restXml: method + path + query, XML body
	protoCBOR                     // rpcv2Cbor: POST /service/S/operation/Op, CBOR body
)

// handler serves one operation.
type handler func(c *call) (*reply, error)

// service is one AWS service as the fake serves it.
type service struct {
	name   string // SigV4 signing name, e.g. ec2
	proto  protocol
	xmlns  string // query protocols: the response namespace
	global bool   // served the same in every region (IAM, Organizations, ...)
	ops    map[string]handler
	routes []route // REST protocols: how method and path name an operation
	// jsonVersion is the awsJson content type version, 1.0 or 1.1.
	jsonVersion string
}

// call is one request being served.
type call struct {
	s        *Server
	svc      *service
	r        *http.Request
	region   string
	action   string
	resource string     // the item a per-item call is about (bucket, key, ...)
	form     url.Values // query protocols: the form; REST: the query string
	labels   map[string]string
	body     map[string]any // JSON protocols: the decoded input
}

// reply is a rendered response.
type reply struct {
	status  int
	ctype   string
	body    []byte
	headers map[string]string
}

// apiError is an error answered in the service's own error format.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c, svc, perr := s.identify(r)
	if perr != nil {
		s.stats.add(&s.stats.unroutable, "?:"+r.Method+" "+r.URL.Path)
		writeError(w, svc, protoOf(svc), perr, s.nextID())
		return
	}
	key := svc.name + ":" + c.action
	s.stats.add(&s.stats.calls, key)
	s.stats.addRegion(svc.name, c.region, c.action)

	if !isRead(c.action) {
		s.stats.add(&s.stats.rejected, key)
		s.respondErr(w, c, errf(400, "ReadOnlyEndpoint",
			"awsfake serves read operations only: %s:%s is not a read and was rejected", svc.name, c.action))
		return
	}
	h, ok := svc.ops[c.action]
	if !ok {
		s.stats.add(&s.stats.unimplemented, key)
		s.respondErr(w, c, errf(400, "InvalidAction", "awsfake does not implement %s:%s", svc.name, c.action))
		return
	}
	if !svc.global && !s.idx.regionEnabled(c.region) {
		s.respondErr(w, c, s.disabledRegionError(svc, c.region))
		return
	}

	// Decide the outcome on arrival: a fault, or a throttle when the
	// action's bucket is empty. Latency applies to every answer.
	lat := s.opts.Latency
	f := s.matchFault(c)
	if f != nil {
		lat += f.Latency
	}
	var outcome *apiError
	hang := false
	if f != nil && f.Kind != FaultNone {
		s.stats.add(&s.stats.faulted, key)
		switch f.Kind {
		case FaultTimeout:
			hang = true
		case FaultThrottle:
			s.stats.add(&s.stats.throttled, key)
			outcome = faultError(svc, f)
		default:
			outcome = faultError(svc, f)
		}
	}
	if outcome == nil && !hang && !s.limits.allow(svc.name, c.region, c.action) {
		s.stats.add(&s.stats.throttled, key)
		outcome = throttleError(svc, "Rate exceeded")
	}
	if lat > 0 && !sleepCtx(r.Context(), lat) {
		return
	}
	if hang {
		// Hang until the client gives up (its context deadline closes the
		// connection) or the server closes.
		t := time.NewTimer(s.opts.HangLimit)
		defer t.Stop()
		select {
		case <-r.Context().Done():
		case <-t.C:
			s.respondErr(w, c, errf(504, "RequestTimeout", "awsfake hung for %s", s.opts.HangLimit))
		}
		return
	}
	if outcome != nil {
		s.respondErr(w, c, outcome)
		return
	}
	rep, err := h(c)
	if err != nil {
		var ae *apiError
		if !errors.As(err, &ae) {
			ae = errf(500, "InternalError", "awsfake: %v", err)
		}
		s.respondErr(w, c, ae)
		return
	}
	s.write(w, c, rep)
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Server) nextID() string {
	return "fake-" + strconv.FormatUint(s.reqID.Add(1), 16)
}

func (s *Server) write(w http.ResponseWriter, c *call, rep *reply) {
	h := w.Header()
	if rep.ctype != "" {
		h.Set("Content-Type", rep.ctype)
	}
	for k, v := range rep.headers {
		h.Set(k, v)
	}
	id := s.nextID()
	h.Set("X-Amzn-Requestid", id)
	h.Set("X-Amz-Request-Id", id)
	h.Set("Content-Length", strconv.Itoa(len(rep.body)))
	st := rep.status
	if st == 0 {
		st = 200
	}
	w.WriteHeader(st)
	if c.r.Method != http.MethodHead {
		_, _ = w.Write(rep.body)
	}
}

func (s *Server) respondErr(w http.ResponseWriter, c *call, e *apiError) {
	if c.r.Method == http.MethodHead {
		w.WriteHeader(e.status)
		return
	}
	writeError(w, c.svc, c.svc.proto, e, s.nextID())
}

func protoOf(svc *service) protocol {
	if svc == nil {
		return protoQuery
	}
	return svc.proto
}

// identify routes a request to its service, region and action and decodes
// its input.
func (s *Server) identify(r *http.Request) (*call, *service, *apiError) {
	svcName, region := credentialScope(r.Header.Get("Authorization"))
	if svcName == "" {
		return nil, nil, errf(403, "MissingAuthenticationToken", "awsfake needs a SigV4 Authorization header to route the request")
	}
	// A few services sign with another service's name: tell them apart.
	switch {
	case svcName == "s3" && strings.HasPrefix(r.URL.Path, "/v20180820/"):
		svcName = "s3control"
	case svcName == "apigateway" && strings.HasPrefix(r.URL.Path, "/v2/"):
		// svc-api: REST and HTTP/WebSocket APIs share the endpoint; v2 paths start /v2/.
		svcName = "apigatewayv2"
	case svcName == "monitoring":
		svcName = "cloudwatch"
	case svcName == "elasticloadbalancing":
		// Classic and v2 load balancing share the endpoint; the API version says which.
		if err := r.ParseForm(); err != nil {
			return nil, nil, errf(400, "MalformedQueryString", "%v", err)
		}
		svcName = "elbv2"
		if r.Form.Get("Version") == "2012-06-01" {
			svcName = "elb"
		}
	}
	svc := s.services[svcName]
	if svc == nil {
		return nil, nil, errf(400, "UnknownService", "awsfake does not serve service %q", svcName)
	}
	c := &call{s: s, svc: svc, r: r, region: region}
	switch svc.proto {
	case protoQuery, protoEC2:
		if err := r.ParseForm(); err != nil {
			return nil, svc, errf(400, "MalformedQueryString", "%v", err)
		}
		c.form = r.Form
		c.action = r.Form.Get("Action")
		if c.action == "" {
			return nil, svc, errf(400, "MissingAction", "no Action in the request")
		}
	case protoJSON:
		t := r.Header.Get("X-Amz-Target")
		i := strings.LastIndexByte(t, '.')
		if i < 0 {
			return nil, svc, errf(400, "UnknownOperationException", "no X-Amz-Target in the request")
		}
		c.action = t[i+1:]
		if err := decodeJSONBody(r, &c.body); err != nil {
			return nil, svc, errf(400, "SerializationException", "%v", err)
		}
	case protoCBOR:
		i := strings.LastIndex(r.URL.Path, "/operation/")
		if i < 0 {
			return nil, svc, errf(404, "UnknownOperationException", "no /operation/ in the path")
		}
		c.action = r.URL.Path[i+len("/operation/"):]
		if err := decodeCBORBody(r, &c.body); err != nil {
			return nil, svc, errf(400, "SerializationException", "%v", err)
		}
	case protoRestJSON, protoRestXML:
		c.form = r.URL.Query()
		action, labels, ok := matchRoute(svc.routes, r)
		if !ok {
			// Name it from the method so writes are still recognised as such.
			action = "Unknown" + strings.ToUpper(r.Method[:1]) + strings.ToLower(r.Method[1:]) + strings.ReplaceAll(r.URL.Path, "/", "_")
		}
		c.action, c.labels = action, labels
		if svc.proto == protoRestJSON && r.Method != http.MethodGet {
			if err := decodeJSONBody(r, &c.body); err != nil {
				return nil, svc, errf(400, "SerializationException", "%v", err)
			}
		}
	}
	c.resource = requestResource(c)
	return c, svc, nil
}

// resourceParams are the input members that name the subject of a
// per-item call, in the order they are looked for.
var resourceParams = []string{"Bucket", "DetectorId", "KeyId", "SnapshotId", "ImageId", "UserName", "DBSnapshotIdentifier",
	"DBClusterSnapshotIdentifier", "DBParameterGroupName", "DBClusterParameterGroupName", "ClusterIdentifier",
	"ParameterGroupName", "TrailName", "Name", "PolicyId", "TableName", "ResourceArn", "FunctionName", "FileSystemId",
	"BackupVaultName", "BackupPlanId", "LoadBalancerArn", "LoadBalancerName", "ListenerArn", "TopicArn", "ClientVpnEndpointId", "analyzerArn",
	"SecretId", "repositoryName", "cluster", "taskDefinition", "CertificateArn", "Id",
	"NotebookInstanceName", "EndpointConfigName", "ModelName", "ClusterId", // svc-analytics: SageMaker, EMR
	"restApiId", "ApiId", // svc-api: API Gateway's API IDs end their ARNs
	"WebACLId", "RuleId", "RuleGroupId", // svc-classic: WAF Classic IDs end their ARNs
	"IdentityPoolId", "UserPoolId"} // svc-classic: Cognito pool IDs end their ARNs

// requestResource is the subject of a per-item call (for faults that
// target one resource), or "" for listings.
func requestResource(c *call) string {
	if id := c.str("GlobalClusterIdentifier"); id != "" && c.svc.name == "rds" {
		return c.globalClusterMember(id)
	}
	for _, k := range resourceParams {
		if v := c.str(k); v != "" {
			return v
		}
	}
	if c.svc.name == "s3" {
		return s3BucketFromHost(c.r.Host, "")
	}
	if c.svc.name == "eks" {
		return c.str("name") // the cluster's name ends its ARN
	}
	if u := c.str("QueueUrl"); u != "" && c.svc.name == "sqs" {
		return u[strings.LastIndexByte(u, '/')+1:] // the queue name ends its ARN
	}
	return ""
}

// credentialScope extracts service and region from a SigV4 Authorization
// header: AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/ec2/aws4_request, ...
func credentialScope(auth string) (svc, region string) {
	i := strings.Index(auth, "Credential=")
	if i < 0 {
		return "", ""
	}
	rest := auth[i+len("Credential="):]
	if j := strings.IndexAny(rest, ", "); j >= 0 {
		rest = rest[:j]
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 5 {
		return "", ""
	}
	return parts[3], parts[2]
}

// isRead reports whether an action only reads. GenerateCredentialReport is
// the one non-Get/List/Describe action a scanner needs: it asks IAM to
// build the report that GetCredentialReport then reads, and IAM classes it
// as a read.
func isRead(action string) bool {
	for _, p := range []string{"Describe", "Get", "List", "Lookup", "Head", "Search", "BatchGet"} {
		if strings.HasPrefix(action, p) {
			return true
		}
	}
	// AssumeRole changes nothing: it hands out a role's temporary
	// credentials (see collect.IsRead).
	return action == "GenerateCredentialReport" || action == "AssumeRole"
}

// LoopbackHTTPClient returns an HTTP client that dials the IP address at
// the end of a host name such as 123456789012.127.0.0.1: the S3 Control
// client prefixes the account ID to the endpoint host, which no resolver
// maps back to the loopback address the fake listens on.
func LoopbackHTTPClient() *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err == nil && net.ParseIP(host) == nil {
				if i := strings.IndexByte(host, '.'); i > 0 && net.ParseIP(host[i+1:]) != nil {
					addr = net.JoinHostPort(host[i+1:], port)
				}
			}
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost: 256,
		IdleConnTimeout:     30 * time.Second,
	}
	return &http.Client{Transport: tr}
}
