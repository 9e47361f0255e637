package exposure

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestParsePolicyShared: within one evaluation the same document is parsed
// once and every caller gets that parse, with the same verdict as
// iampolicy.Parse; outside one each call parses again.
func TestParsePolicyShared(t *testing.T) {
	const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`
	plain := &state.Account{AccountID: "111122223333"}
	eval := plain.ForEvaluation()
	tests := []struct {
		name   string
		a      *state.Account
		doc    string
		shared bool
		err    bool
	}{
		{"evaluation", eval, doc, true, false},
		{"plain account", plain, doc, false, false},
		{"no account", nil, doc, false, false},
		{"bad document, evaluation", eval, `{"Statement":`, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p1, err1 := ParsePolicy(tc.a, tc.doc)
			p2, err2 := ParsePolicy(tc.a, tc.doc)
			want, wantErr := iampolicy.Parse(tc.doc)
			if (err1 != nil) != tc.err || (err2 != nil) != tc.err || (wantErr != nil) != tc.err {
				t.Fatalf("errors %v, %v (iampolicy.Parse: %v), want error %v", err1, err2, wantErr, tc.err)
			}
			if tc.err {
				if err1.Error() != wantErr.Error() {
					t.Errorf("error %q, want iampolicy.Parse's %q", err1, wantErr)
				}
				return
			}
			if (p1 == p2) != tc.shared {
				t.Errorf("same parse for both calls: %v, want %v", p1 == p2, tc.shared)
			}
			if len(p1.Statements) != len(want.Statements) {
				t.Errorf("%d statements, want %d", len(p1.Statements), len(want.Statements))
			}
			c := Context{OwnAccount: "111122223333", account: tc.a}
			if got, w := Judge(tc.doc, c).Level, JudgePolicy(want, c).Level; got != w {
				t.Errorf("Judge = %v, want %v", got, w)
			}
		})
	}
}
