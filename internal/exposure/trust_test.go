package exposure

import (
	"strings"
	"testing"
)

// trustFile is the corpus of role trust policies (AssumeRolePolicyDocument)
// with the verdict JudgeTrust must give and the page each follows.
const trustFile = "testdata/trust.json"

// TestTrustShapes runs the trust corpus through JudgeTrust: the level,
// the error, and whether a grant lacks the external ID a third party needs.
func TestTrustShapes(t *testing.T) {
	shapes := loadShapeFile(t, trustFile)
	if len(shapes) < 50 {
		t.Fatalf("%s holds %d shapes, want at least 50", trustFile, len(shapes))
	}
	names := map[string]bool{}
	levels := map[string]int{}
	for _, s := range shapes {
		if names[s.Name] {
			t.Errorf("duplicate shape name %q", s.Name)
		}
		names[s.Name] = true
		levels[s.Want]++
		if !strings.Contains(s.Doc, "https://docs.aws.amazon.com/") {
			t.Errorf("%s: cites no AWS documentation page", s.Name)
		}
		t.Run(s.Name, func(t *testing.T) {
			v := JudgeTrust(s.document(t), s.context(t))
			if v.Level.String() != s.Want {
				t.Errorf("level = %s, want %s (%s)\ngrants: %+v\nerr: %v", v.Level, s.Want, s.Doc, v.Grants, v.Err)
			}
			if (v.Err != nil) != s.WantErr {
				t.Errorf("err = %v, want error %v", v.Err, s.WantErr)
			}
			need := false
			for _, g := range v.Grants {
				need = need || g.NeedsExternalID()
				if g.Kind == KindService {
					t.Errorf("service grant kept in a trust verdict: %+v", g)
				}
				if g.Why == "" {
					t.Errorf("grant %+v says not why", g)
				}
			}
			if need != s.NeedsExternalID {
				t.Errorf("needs external ID = %v, want %v\ngrants: %+v", need, s.NeedsExternalID, v.Grants)
			}
		})
	}
	for _, l := range []string{"public", "shared-untrusted", "shared-trusted", "private", "unknown"} {
		if levels[l] == 0 {
			t.Errorf("%s has no %s shape", trustFile, l)
		}
	}
}

// TestTrustAgreesWithJudge: on every resource-policy shape of the main
// corpus whose statements let someone assume a role, the trust verdict of
// the grants trust keeps (everything but services and OIDC providers) is
// the resource verdict's. Trust adds questions; it never judges an
// account, an organization or a network differently.
func TestTrustAgreesWithJudge(t *testing.T) {
	compared := 0
	for _, s := range loadShapes(t) {
		doc, c := s.document(t), s.context(t)
		rv, tv := Judge(doc, c), JudgeTrust(doc, c)
		if rv.Level == Unknown {
			if strings.TrimSpace(doc) != "" && tv.Level != Unknown {
				t.Errorf("%s: resource verdict unknown, trust verdict %s", s.Name, tv.Level)
			}
			continue
		}
		want := map[string]Level{}
		for _, g := range rv.Grants {
			if g.Kind == KindService || !assumes(g) {
				continue
			}
			if _, oidcProvider := oidcHost(strings.Join(g.Principals, "")); oidcProvider {
				continue
			}
			want[g.Name()+"/"+g.Who] = g.Level
		}
		got := map[string]Level{}
		for _, g := range tv.Grants {
			if _, oidcProvider := oidcHost(strings.Join(g.Principals, "")); oidcProvider {
				continue
			}
			got[g.Name()+"/"+g.Who] = g.Level
		}
		for k, l := range want {
			compared++
			if got[k] != l {
				t.Errorf("%s: grant %s: trust %s, resource %s", s.Name, k, got[k], l)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: trust keeps %d grants, resource %d", s.Name, len(got), len(want))
		}
	}
	if compared == 0 {
		t.Fatal("no shape of the resource corpus lets anyone assume a role")
	}
}
