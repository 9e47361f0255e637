package datamap

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestElastiCacheStores: a cache's store is its replication group, or a
// cluster outside any group; member nodes are not stores of their own.
// Custody follows encryption at rest, exposure is never public (no public
// endpoint), backup follows snapshot retention, and Memcached has none.
func TestElastiCacheStores(t *testing.T) {
	a := account(func(a *state.Account) {
		// A plan whose selection takes every resource and copies to
		// us-east-1 copies none of a cache's data.
		a.Backup.Plans = []state.BackupPlan{{Name: "all", Selections: []state.BackupSelection{{Name: "all", Resources: []string{"*"}}},
			Rules: []state.BackupRule{{Name: "daily", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-1:" + own + ":backup-vault:dr"}}}}}}
		a.ElastiCache.ReplicationGroups = []state.CacheReplicationGroup{
			{Meta: state.Meta{ARN: arn("elasticache", "eu-west-1", "replicationgroup:sessions"), Region: "eu-west-1"}, ID: "sessions",
				AtRestEncryption: true, SnapshotRetentionDays: 7, Members: []string{"sessions-001"}},
			{Meta: state.Meta{ARN: arn("elasticache", "us-east-1", "replicationgroup:plain"), Region: "us-east-1"}, ID: "plain"},
		}
		a.ElastiCache.Clusters = []state.CacheCluster{
			{Meta: state.Meta{ARN: arn("elasticache", "eu-west-1", "cluster:sessions-001"), Region: "eu-west-1"}, ID: "sessions-001",
				Engine: "redis", ReplicationGroupID: "sessions"},
			{Meta: state.Meta{ARN: arn("elasticache", "eu-west-1", "cluster:pages"), Region: "eu-west-1"}, ID: "pages", Engine: "memcached"},
		}
	})
	m := Build(a, pol(nil))
	for _, s := range m.Stores {
		if s.Name == "sessions-001" {
			t.Errorf("a replication group's node is listed as a store of its own: %+v", s)
		}
	}
	cases := []struct {
		arn, kind, custody string
		backup             string
		detail             string
	}{
		{arn("elasticache", "eu-west-1", "replicationgroup:sessions"), "replication-group", "aws_owned", Protected, "7 days"},
		{arn("elasticache", "us-east-1", "replicationgroup:plain"), "replication-group", "none", Unprotected, "automatic snapshots off"},
		{arn("elasticache", "eu-west-1", "cluster:pages"), "cache-cluster", "none", Unprotected, "Memcached"},
	}
	for _, tc := range cases {
		s := storeOf(t, m, tc.arn)
		if s.Kind != tc.kind || s.Service != "elasticache" || s.Encryption.Custody != tc.custody {
			t.Errorf("%s: kind %s service %s custody %s, want %s elasticache %s", tc.arn, s.Kind, s.Service, s.Encryption.Custody, tc.kind, tc.custody)
		}
		if s.Exposure.Level != Private || !strings.Contains(s.Exposure.Detail, "security groups") {
			t.Errorf("%s: exposure %+v, want private through security groups", tc.arn, s.Exposure)
		}
		if len(s.Copies) != 0 {
			t.Errorf("%s: copies %+v, want none (AWS Backup does not cover ElastiCache)", tc.arn, s.Copies)
		}
		if s.Backup.State != tc.backup || !strings.Contains(strings.Join(s.Backup.Detail, "; "), tc.detail) {
			t.Errorf("%s: backup %+v, want %s with %q", tc.arn, s.Backup, tc.backup, tc.detail)
		}
	}
}
