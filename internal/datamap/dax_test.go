package datamap

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestDAXStores: every DAX cluster is a store named by its cluster name;
// custody is a key AWS owns when encrypted at rest, none when not, unknown
// when the listing reported no SSE status; never public; a copy of its
// tables' items.
func TestDAXStores(t *testing.T) {
	a := account(func(a *state.Account) {
		a.DAX.Clusters = []state.DAXCluster{
			{Meta: state.Meta{ARN: arn("dax", "eu-west-1", "cache/orders"), Region: "eu-west-1"}, Name: "orders", SSEStatus: "ENABLED", EndpointEncryption: "TLS"},
			{Meta: state.Meta{ARN: arn("dax", "us-east-1", "cache/leads"), Region: "us-east-1"}, Name: "leads", SSEStatus: "DISABLED", EndpointEncryption: "NONE"},
			{Meta: state.Meta{ARN: arn("dax", "us-east-1", "cache/unread"), Region: "us-east-1"}, Name: "unread"},
		}
	})
	m := Build(a, pol(nil))
	for _, tc := range []struct {
		arn, name, custody string
	}{
		{arn("dax", "eu-west-1", "cache/orders"), "orders", "aws_owned"},
		{arn("dax", "us-east-1", "cache/leads"), "leads", "none"},
		{arn("dax", "us-east-1", "cache/unread"), "unread", "unknown"},
	} {
		s := storeOf(t, m, tc.arn)
		if s.Kind != "dax-cluster" || s.Name != tc.name || s.Encryption.Custody != tc.custody || s.Exposure.Level != Private || s.Backup.State != IsBackup {
			t.Errorf("%s: kind %s name %s custody %s exposure %s backup %s, want dax-cluster %s %s private is_backup", tc.arn, s.Kind, s.Name,
				s.Encryption.Custody, s.Exposure.Level, s.Backup.State, tc.name, tc.custody)
		}
	}
}
