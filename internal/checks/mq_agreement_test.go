package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestMQPublicityAgreement: an Amazon MQ broker has no resource policy, so
// its reach is one rule (state.MQBroker.Public); mq_broker_not_public and
// the data map give the same answer on every shape: public, private,
// undescribed and described-but-denied.
func TestMQPublicityAgreement(t *testing.T) {
	undescribed := func(k *state.MQBroker) { k.Described, k.PubliclyAccessible = false, false }
	for _, tc := range []struct {
		name string
		acct *state.Account
		want string // corpus level: public, private, unknown
	}{
		{"private", baseAccount(dsMQ(nil)), "private"},
		{"public", baseAccount(dsMQ(func(k *state.MQBroker) { k.PubliclyAccessible = true })), "public"},
		{"public rabbitmq", baseAccount(dsMQ(func(k *state.MQBroker) { rabbit(k); k.PubliclyAccessible = true })), "public"},
		{"not described", baseAccount(dsMQ(undescribed)), "unknown"},
		{"description denied", baseAccount(dsMQ(undescribed), dsGap("mq", "eu-west-1", "DescribeBroker", dsMQARN)), "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &policy.Policy{}
			st, msg, ok := statusOn(t, mustCheck(t, "mq_broker_not_public"), tc.acct, p, dsMQARN)
			if !ok {
				t.Fatalf("mq_broker_not_public gave no result for %s", dsMQARN)
			}
			want := map[string]check.Status{"public": check.Fail, "private": check.Pass, "unknown": check.Unknown}[tc.want]
			if st != want {
				t.Errorf("mq_broker_not_public = %s (%s), want %s", st, msg, want)
			}
			var e *datamap.Exposure
			m := datamap.Build(tc.acct, p)
			for i := range m.Stores {
				if m.Stores[i].ARN == dsMQARN {
					e = &m.Stores[i].Exposure
				}
			}
			if e == nil {
				t.Fatalf("the data map does not list %s", dsMQARN)
			}
			if got := mapLevel(*e); got != tc.want {
				t.Errorf("data map level = %s (%+v), want %s", got, *e, tc.want)
			}
		})
	}
}

// mustCheck is the registered check id.
func mustCheck(t *testing.T, id string) check.Check {
	t.Helper()
	for _, c := range All() {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no check %s", id)
	return check.Check{}
}
