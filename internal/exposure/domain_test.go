package exposure

import "testing"

// TestJudgeDomain (svc-search): on a public endpoint the access policy's
// verdict is the domain's reach; in a VPC, grants to everyone are bounded
// by the network (shared with a trusted network), while grants to
// untrusted accounts stay untrusted and unreadable policies unknown.
func TestJudgeDomain(t *testing.T) {
	open := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"es:*","Resource":"*"}]}`
	other := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"es:ESHttpGet","Resource":"*"}]}`
	c := Context{OwnAccount: "111122223333"}
	cases := []struct {
		name, vpc, doc string
		public         bool
		want           Level
	}{
		{"public endpoint, open", "", open, true, Public},
		{"public endpoint, no policy", "", "", true, Private},
		{"vpc, open", "vpc-1", open, false, SharedTrusted},
		{"vpc, untrusted account", "vpc-1", other, false, SharedUntrusted},
		{"vpc, unparsable", "vpc-1", "{", false, Unknown},
	}
	for _, tc := range cases {
		v := JudgeDomain(tc.vpc, tc.doc, c)
		if v.PublicEndpoint != tc.public || v.Level != tc.want {
			t.Errorf("%s: public endpoint %v level %s, want %v %s", tc.name, v.PublicEndpoint, v.Level, tc.public, tc.want)
		}
		if tc.vpc != "" && len(v.At(Public)) > 0 {
			t.Errorf("%s: a domain in a VPC keeps grants to everyone: %v", tc.name, v.Describe(Public))
		}
	}
}
