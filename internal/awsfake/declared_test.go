package awsfake

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestServesEveryDeclaredOperation: the collectors' operation declaration
// is the source of truth; the fake must serve each operation it lists, and
// refuse none of them as a write.
func TestServesEveryDeclaredOperation(t *testing.T) {
	s := New(&state.Account{AccountID: "123456789012"}, Options{})
	for _, op := range collect.Operations() {
		svc := s.services[op.Service]
		if svc == nil {
			t.Errorf("%s: service not served", op.Key())
			continue
		}
		if _, ok := svc.ops[op.Action]; !ok {
			t.Errorf("%s: operation not served", op.Key())
		}
		if !isRead(op.Action) {
			t.Errorf("%s: the fake would reject it as a write", op.Key())
		}
	}
}

// TestServesNothingUndeclared: every operation the fake serves is one the
// collectors declare, so the fake is not a place for dead code to hide.
func TestServesNothingUndeclared(t *testing.T) {
	declared := map[string]bool{}
	for _, op := range collect.Operations() {
		declared[op.Key()] = true
	}
	s := New(&state.Account{AccountID: "123456789012"}, Options{})
	for name, svc := range s.services {
		for action := range svc.ops {
			if !declared[name+":"+action] {
				t.Errorf("%s:%s is served but not declared", name, action)
			}
		}
	}
}
