package cli

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
)

// TestWriteCheckRationaleReferences: `checks show` prints a rationale only
// where it says more than the description, and the references when the
// check cites any.
func TestWriteCheckRationaleReferences(t *testing.T) {
	base := check.Check{ID: "x_check", Title: "T", Description: "D", Area: check.Network, Service: "ec2",
		Remediation: check.Remediation{Console: "c", CLI: "aws ec2 describe-vpcs", Terraform: "# none"}}
	cases := []struct {
		name          string
		rationale     string
		refs          []string
		want, wantNot []string
	}{
		{name: "rationale is the description", rationale: "D", wantNot: []string{"Why it matters", "References"}},
		{name: "rationale says more", rationale: "R", want: []string{"\n  Why it matters: R\n"}, wantNot: []string{"References"}},
		{name: "references", rationale: "D", refs: []string{"https://docs.aws.amazon.com/x.html"},
			want: []string{"\nReferences\n  https://docs.aws.amazon.com/x.html\n"}, wantNot: []string{"Why it matters"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			c.Rationale, c.References = tc.rationale, tc.refs
			var b strings.Builder
			if err := writeCheck(&b, checkInfo{Check: c}, nil); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, b.String())
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(b.String(), w) {
					t.Errorf("output has %q:\n%s", w, b.String())
				}
			}
		})
	}
}
