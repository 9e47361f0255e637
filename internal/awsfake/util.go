package awsfake

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// route names a REST operation by method and path. Path segments in braces
// are labels ({Bucket}); a trailing "+" label matches the rest of the path.
// Query lists query keys that must be present (S3 names its bucket
// sub-resources so: GET /{Bucket}?policy is GetBucketPolicy).
type route struct {
	method string
	path   []string
	query  []string
	action string
}

func rt(method, path, action string, query ...string) route {
	p := strings.Split(strings.Trim(path, "/"), "/")
	if len(p) == 1 && p[0] == "" {
		p = nil
	}
	return route{method: method, path: p, query: query, action: action}
}

// matchRoute finds the most specific route (the one with most query keys)
// matching r.
func matchRoute(routes []route, r *http.Request) (string, map[string]string, bool) {
	segs := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		segs = nil
	}
	q := r.URL.Query()
	best, bestQ := -1, -1
	var bestLabels map[string]string
	for i, rt := range routes {
		if rt.method != r.Method || len(rt.path) != len(segs) {
			continue
		}
		labels := map[string]string{}
		ok := true
		for j, p := range rt.path {
			if strings.HasPrefix(p, "{") {
				v, err := url.PathUnescape(segs[j])
				if err != nil {
					ok = false
					break
				}
				labels[strings.Trim(p, "{}")] = v
			} else if p != segs[j] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for _, k := range rt.query {
			if _, has := q[k]; !has {
				ok = false
				break
			}
		}
		// The most specific route wins: more required query keys, then
		// more literal path segments (file-systems/replication-configurations
		// before file-systems/{FileSystemId}).
		score := len(rt.query)*100 + len(rt.path) - len(labels)
		if ok && score > bestQ {
			best, bestQ, bestLabels = i, score, labels
		}
	}
	if best < 0 {
		return "", nil, false
	}
	return routes[best].action, bestLabels, true
}

func decodeJSONBody(r *http.Request, into *map[string]any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return fmt.Errorf("reading body: %w", err)
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		*into = map[string]any{}
		return nil
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("decoding JSON body: %w", err)
	}
	*into = m
	return nil
}

// str returns a string input: a JSON member, a form value or a REST label
// or query parameter, in that order.
func (c *call) str(name string) string {
	if v, ok := c.body[name].(string); ok {
		return v
	}
	if v, ok := c.labels[name]; ok {
		return v
	}
	if c.form != nil {
		return c.form.Get(name)
	}
	return ""
}

// num returns an integer input, or def when absent.
func (c *call) num(name string, def int) (int, error) {
	if v, ok := c.body[name]; ok {
		if f, ok := v.(float64); ok {
			return int(f), nil
		}
		return 0, errf(400, "ValidationException", "%s must be a number", name)
	}
	s := ""
	if c.form != nil {
		s = c.form.Get(name)
	}
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errf(400, "ValidationError", "%s must be a number, got %q", name, s)
	}
	return n, nil
}

// strs returns a list input: a JSON array, or form values Name.member.N
// (awsQuery) / Name.N (ec2Query).
func (c *call) strs(name string) []string {
	if v, ok := c.body[name].([]any); ok {
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	if c.form == nil {
		return nil
	}
	var out []string
	for _, prefix := range []string{name + ".member.", name + "."} {
		for i := 1; ; i++ {
			v, ok := c.form[prefix+strconv.Itoa(i)]
			if !ok {
				break
			}
			out = append(out, v[0])
		}
		if out != nil {
			return out
		}
	}
	if v, ok := c.form[name]; ok && len(v) > 0 {
		return v
	}
	return nil
}

// pageOf is the page of a listing of n items that the request's
// MaxResults and NextToken ask for (def items when MaxResults is unset, at
// most limit): the paging of the JSON services' listings.
func (c *call) pageOf(n, def, limit int) (start, end int, next string, err error) {
	return c.pageBy("MaxResults", "NextToken", n, def, limit)
}

// pageOfLower is pageOf for the services that name them maxResults and
// nextToken (most restJson1 APIs).
func (c *call) pageOfLower(n, def, limit int) (start, end int, next string, err error) {
	return c.pageBy("maxResults", "nextToken", n, def, limit)
}

// pageBy pages n items by the client's page size (maxKey) and token
// (tokenKey).
func (c *call) pageBy(maxKey, tokenKey string, n, def, limit int) (start, end int, next string, err error) {
	mx, err := c.num(maxKey, 0)
	if err != nil {
		return 0, 0, "", err
	}
	return page(c.action, n, c.str(tokenKey), mx, def, limit)
}

// page selects items [start, end) of n for a paginated call. tokenIn is
// the token the client sent (empty for the first page); max is the
// client's page size (0 when it sent none); def is the service's default
// and limit its maximum page size. It returns the next token ("" at the end).
//
// Tokens are opaque strings, like AWS's: the action's name and the offset,
// base64-encoded, so a token of one listing is refused by another.
func page(action string, n int, tokenIn string, max, def, limit int) (start, end int, next string, err error) {
	size := def
	if max > 0 {
		size = max
	}
	if limit > 0 && size > limit {
		return 0, 0, "", errf(400, "InvalidParameterValue", "page size %d is above the maximum %d", size, limit)
	}
	if size <= 0 {
		size = n
	}
	if tokenIn != "" {
		start, err = decodeToken(action, tokenIn)
		if err != nil {
			return 0, 0, "", err
		}
		if start > n {
			return 0, 0, "", errf(400, "InvalidNextToken", "the pagination token is past the end")
		}
	}
	end = start + size
	if end >= n {
		return start, n, "", nil
	}
	return start, end, encodeToken(action, end), nil
}

func encodeToken(action string, off int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("awsfake|" + action + "|" + strconv.Itoa(off)))
}

func decodeToken(action, tok string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err == nil {
		parts := strings.Split(string(b), "|")
		if len(parts) == 3 && parts[0] == "awsfake" && parts[1] == action {
			if off, err := strconv.Atoi(parts[2]); err == nil && off >= 0 {
				return off, nil
			}
		}
	}
	return 0, errf(400, "InvalidNextToken", "invalid pagination token for %s", action)
}

// queryReply renders an awsQuery response: <OpResponse xmlns><OpResult>
// ...</OpResult><ResponseMetadata/></OpResponse>.
func (c *call) queryReply(out any) *reply {
	w := &xw{b: make([]byte, 0, 1024)}
	w.openNS(c.action+"Response", c.svc.xmlns)
	if out != nil {
		if err := c.s.wire.serializeOutput(newSchemaXML(w, c.action+"Result"), out); err != nil {
			return serializeFailed(err)
		}
	}
	w.open("ResponseMetadata")
	w.elem("RequestId", "fake")
	w.close("ResponseMetadata")
	w.close(c.action + "Response")
	return &reply{ctype: "text/xml", body: w.b}
}

// jsonReply renders an awsJson or restJson1 response body.
func (c *call) jsonReply(out any) *reply {
	s := &schemaJSON{b: make([]byte, 0, 512), jsonName: c.svc.proto == protoRestJSON}
	if err := c.s.wire.serializeOutput(s, out); err != nil {
		return serializeFailed(err)
	}
	ct := "application/json"
	if c.svc.proto == protoJSON {
		v := c.svc.jsonVersion
		if v == "" {
			v = "1.1"
		}
		ct = "application/x-amz-json-" + v
	}
	return &reply{ctype: ct, body: s.b}
}

// serializeFailed answers a reply the fake could not write (an output
// field its wire model lacks): a 500 whose body names it, so the test that
// made the call fails with the reason.
func serializeFailed(err error) *reply {
	return &reply{status: 500, ctype: "text/plain", body: []byte("awsfake: " + err.Error())}
}

// rawJSON answers a JSON body built by hand (services the wire models do not cover).
func (c *call) rawJSON(v any) (*reply, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", c.action, err)
	}
	ct := "application/json"
	if c.svc.proto == protoJSON {
		ct = "application/x-amz-json-" + orDefault(c.svc.jsonVersion, "1.1")
	}
	return &reply{ctype: ct, body: b}, nil
}

// cached returns the reply stored under key, or renders and stores it.
// The state is immutable while the server runs, so a page once rendered
// is the same for every later identical request.
func (c *call) cached(key string, render func() (*reply, error)) (*reply, error) {
	k := c.svc.name + "|" + c.region + "|" + c.action + "|" + key
	if v, ok := c.s.cache.Load(k); ok {
		return v.(*reply), nil
	}
	rep, err := render()
	if err != nil {
		return nil, err
	}
	c.s.cache.Store(k, rep)
	return rep, nil
}

// p returns a pointer to v.
func p[T any](v T) *T { return &v }

// sp returns a pointer to s, or nil when s is empty (the member is absent).
func sp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// tp returns a pointer to t, or nil when t is zero.
func tp(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
