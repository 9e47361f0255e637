package awsfake

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// AccessKey is the access key ID the fake hands out for account (and the
// one a test gives as the management account's base credentials): the key
// tells the fake which account signed a request.
func AccessKey(account string) string { return "AKIAFAKE" + account }

// accountOfKey is the account AccessKey encoded, or "".
func accountOfKey(key string) string {
	if id, ok := strings.CutPrefix(key, "AKIAFAKE"); ok && len(id) == 12 {
		return id
	}
	return ""
}

// OrgMember is one account of a fake organization.
type OrgMember struct {
	// Account is the state served to requests signed with the account's
	// key; its AccountID names it. Organization is set by StartOrg.
	Account *state.Account
	// Name and Status are what Organizations lists (Status default ACTIVE;
	// SUSPENDED, PENDING_CLOSURE, CLOSED).
	Name, Status string
	// Parent is the root or OU the account sits in (default the root).
	Parent string
	// Options are the account's own latency, rate limits and faults (an
	// SCP deny is an access-denied fault on an operation).
	Options Options
	// NoRole: the member role does not exist in the account (or its
	// trust policy does not name the caller): AssumeRole is refused with
	// AccessDenied, as AWS answers both.
	NoRole bool
}

// OrgOptions describe a fake organization: a management account and
// members, each served its own state with its own limits and faults.
type OrgOptions struct {
	// ID is the organization ID (default o-fake0000001).
	ID string
	// RootID is the root's ID (default r-fake).
	RootID string
	// Units are the organizational units (ParentID the root or a unit).
	Units []state.OrgUnit
	// Role is the member role that exists in every member without NoRole
	// (default ShoulderAudit); the management account may assume it in
	// every member.
	Role string
	// Management is the management account (the caller of an org run).
	Management OrgMember
	// Members are the other accounts.
	Members []OrgMember
	// DelegatedAdmin, when set, is a member registered as a delegated
	// administrator of Organizations: it lists the tree and may assume
	// the member role in every member, as the management account may, so
	// an organization run can start from it.
	DelegatedAdmin string
}

// Org is a fake organization: one Server per account behind one handler
// that routes each request by the access key that signed it.
type Org struct {
	mgmt     string
	servers  map[string]*Server
	ids      []string
	reachers map[string]bool
}

// NewOrg builds the organization: every account's state gets its
// Organization (the management account's with the tree), and AssumeRole is
// decided by the organization: the management account may assume the
// member role in every active member that has it, a member only roles of
// its own account; credentials are per account (AccessKey). A request
// signed with a key of no account is refused.
func NewOrg(o OrgOptions) (*Org, error) {
	if o.ID == "" {
		o.ID = "o-fake0000001"
	}
	if o.RootID == "" {
		o.RootID = "r-fake"
	}
	if o.Role == "" {
		o.Role = "ShoulderAudit"
	}
	if o.Management.Account == nil {
		return nil, errors.New("awsfake: an organization needs a management account")
	}
	mgmt := o.Management.Account.AccountID
	tree := &state.OrgTree{Roots: []state.OrgRoot{{ID: o.RootID, Name: "Root"}}, Units: append([]state.OrgUnit(nil), o.Units...)}
	all := append([]OrgMember{o.Management}, o.Members...)
	byID := map[string]OrgMember{}
	for i := range all {
		m := &all[i]
		if m.Account == nil {
			return nil, fmt.Errorf("awsfake: member %d has no account state", i)
		}
		id := m.Account.AccountID
		if _, dup := byID[id]; dup {
			return nil, fmt.Errorf("awsfake: account %s twice in the organization", id)
		}
		if m.Status == "" {
			m.Status = "ACTIVE"
		}
		if m.Parent == "" {
			m.Parent = o.RootID
		}
		byID[id] = *m
		tree.Accounts = append(tree.Accounts, state.OrgAccount{ID: id, Name: m.Name, Email: id + "@example.com", Status: m.Status, ParentID: m.Parent})
	}
	org := &Org{mgmt: mgmt, servers: map[string]*Server{}}
	for _, m := range all {
		id := m.Account.AccountID
		a := m.Account
		var scps []state.SCP
		if a.Organization != nil {
			scps = a.Organization.SCPs
		}
		a.Organization = &state.Organization{ID: o.ID, MasterAccountID: mgmt, IsManagementAccount: id == mgmt, SCPs: scps}
		if id == mgmt || id == o.DelegatedAdmin {
			a.Organization.Tree = tree
		}
		opts := m.Options
		caller := id
		opts.AssumeRole = func(roleARN string) (string, bool) {
			target, role, ok := parseRoleARN(roleARN)
			if !ok {
				return "", false
			}
			if target == caller {
				return target, true
			}
			t, in := byID[target]
			if (caller != mgmt && caller != o.DelegatedAdmin) || !in || t.NoRole || role != o.Role || t.Status != "ACTIVE" {
				return "", false
			}
			return target, true
		}
		org.servers[id] = New(a, opts)
		org.ids = append(org.ids, id)
	}
	sort.Strings(org.ids)
	return org, nil
}

// parseRoleARN splits arn:PARTITION:iam::ACCOUNT:role/NAME.
func parseRoleARN(s string) (account, role string, ok bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" {
		return "", "", false
	}
	name, ok := strings.CutPrefix(parts[5], "role/")
	return parts[4], name, ok && name != ""
}

// Server returns the fake serving account id (nil if none).
func (o *Org) Server(id string) *Server { return o.servers[id] }

// Accounts are the organization's account IDs, sorted.
func (o *Org) Accounts() []string { return append([]string(nil), o.ids...) }

// Calls sums every account's calls per "service:Action".
func (o *Org) Calls() map[string]int {
	out := map[string]int{}
	for _, s := range o.servers {
		for k, n := range s.Stats().Calls {
			out[k] += n
		}
	}
	return out
}

// ServeHTTP routes a request to the server of the account whose key
// signed it.
func (o *Org) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := accessKeyOf(r.Header.Get("Authorization"))
	s := o.servers[accountOfKey(key)]
	if s == nil {
		// Answer in the service's own error format, as the management
		// account's server would for any error.
		o.servers[o.mgmt].refuse(w, r, errf(403, "InvalidClientTokenId", "The security token included in the request is invalid: access key %q belongs to no account of this organization", key))
		return
	}
	s.ServeHTTP(w, r)
}

// accessKeyOf extracts the access key ID from a SigV4 Authorization header.
func accessKeyOf(auth string) string {
	i := strings.Index(auth, "Credential=")
	if i < 0 {
		return ""
	}
	rest := auth[i+len("Credential="):]
	key, _, _ := strings.Cut(rest, "/")
	return key
}

// refuse answers r with e in its service's error format.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, e *apiError) {
	c, svc, perr := s.identify(r)
	if perr != nil {
		writeError(w, svc, protoOf(svc), perr, s.nextID())
		return
	}
	s.respondErr(w, c, e)
}

// RunningOrg is an Org listening on a loopback port.
type RunningOrg struct {
	*Org
	// URL is the endpoint to give the SDK.
	URL string
	hs  *http.Server
	wg  sync.WaitGroup
}

// StartOrg serves a new fake organization on 127.0.0.1 at a free port.
func StartOrg(o OrgOptions) (*RunningOrg, error) {
	org, err := NewOrg(o)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("awsfake: listening on loopback: %w", err)
	}
	r := &RunningOrg{Org: org, URL: "http://" + ln.Addr().String()}
	r.hs = &http.Server{Handler: org, ReadHeaderTimeout: 30 * time.Second}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		_ = r.hs.Serve(ln)
	}()
	return r, nil
}

// Close stops the server.
func (r *RunningOrg) Close() error {
	err := r.hs.Close()
	r.wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
