package exposure

import (
	"encoding/json"
	"net/netip"
	"os"
	"strings"
	"testing"
)

// shapeFile is the differential corpus: each shape is a policy, the context
// it is judged in, the verdict AWS's documented semantics give, and the
// documentation page it follows.
const shapeFile = "testdata/shapes.json"

type shape struct {
	Name    string          `json:"name"`
	Doc     string          `json:"doc"`
	Policy  json.RawMessage `json:"policy"`
	Want    string          `json:"want"`
	WantErr bool            `json:"want_error"`
	Context *struct {
		TrustedAccounts []string `json:"trusted_accounts"`
		Organizations   []string `json:"organizations"`
		CorporateCIDRs  []string `json:"corporate_cidrs"`
		Networks        []string `json:"networks"`
	} `json:"context"`
}

// document is the policy as the state holds it: a JSON string in the file
// is the document itself (possibly malformed or empty), an object is
// marshalled.
func (s shape) document(t *testing.T) string {
	var str string
	if err := json.Unmarshal(s.Policy, &str); err == nil {
		return str
	}
	return string(s.Policy)
}

// shapeContext is the corpus's default context: account 111122223333 that
// trusts 444455556666, organization o-own1234567, corporate network
// 198.51.100.0/24, its own VPC endpoint vpce-0own1111 in vpc-0own1111, and
// canonical user "ownercanonical".
func (s shape) context(t *testing.T) Context {
	c := Context{
		OwnAccount:      "111122223333",
		TrustedAccounts: []string{"444455556666"},
		Organizations:   []string{"o-own1234567"},
		CorporateCIDRs:  []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24")},
		Networks:        []string{"vpce-0own1111", "vpc-0own1111"},
		OwnCanonicalIDs: []string{"ownercanonical"},
	}
	o := s.Context
	if o == nil {
		return c
	}
	if o.TrustedAccounts != nil {
		c.TrustedAccounts = o.TrustedAccounts
	}
	if o.Organizations != nil {
		c.Organizations = o.Organizations
	}
	if o.CorporateCIDRs != nil {
		c.CorporateCIDRs = nil
		for _, v := range o.CorporateCIDRs {
			c.CorporateCIDRs = append(c.CorporateCIDRs, netip.MustParsePrefix(v))
		}
	}
	if o.Networks != nil {
		c.Networks = o.Networks
	}
	return c
}

func loadShapes(t *testing.T) []shape {
	t.Helper()
	data, err := os.ReadFile(shapeFile)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Shapes []shape `json:"shapes"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", shapeFile, err)
	}
	return f.Shapes
}

// TestShapes runs the corpus: every shape's verdict level must be the one
// its documentation gives.
func TestShapes(t *testing.T) {
	shapes := loadShapes(t)
	if len(shapes) < 150 {
		t.Fatalf("%s holds %d shapes, want at least 150", shapeFile, len(shapes))
	}
	names := map[string]bool{}
	for _, s := range shapes {
		if names[s.Name] {
			t.Errorf("duplicate shape name %q", s.Name)
		}
		names[s.Name] = true
		if !strings.Contains(s.Doc, "https://docs.aws.amazon.com/") {
			t.Errorf("%s: cites no AWS documentation page", s.Name)
		}
		t.Run(s.Name, func(t *testing.T) {
			v := Judge(s.document(t), s.context(t))
			if v.Level.String() != s.Want {
				t.Errorf("level = %s, want %s (%s)\ngrants: %+v\nerr: %v", v.Level, s.Want, s.Doc, v.Grants, v.Err)
			}
			if (v.Err != nil) != s.WantErr {
				t.Errorf("err = %v, want error %v", v.Err, s.WantErr)
			}
			for _, g := range v.Grants {
				if g.Level != Public && g.Level != SharedUntrusted && g.Level != SharedTrusted {
					t.Errorf("grant %+v has level %s", g, g.Level)
				}
				if g.Why == "" {
					t.Errorf("grant %+v says not why", g)
				}
			}
		})
	}
}
