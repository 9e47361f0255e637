package datamap

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestOpenSearchStores (svc-search): every domain of either engine is a
// store; custody follows encryption at rest (no key is aws/es, AWS
// managed); reach is exposure.JudgeDomain's (a public endpoint with an
// open access policy is public, the same policy in a VPC is bounded by the
// network, a status that was not read is unknown); the service's hourly
// snapshots are its backup, and an AWS Backup plan that selects
// everything copies nothing of a domain.
func TestOpenSearchStores(t *testing.T) {
	open := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"es:*","Resource":"*"}]}`
	a := account(func(a *state.Account) {
		a.Backup.Plans = []state.BackupPlan{{Name: "all", Selections: []state.BackupSelection{{Name: "all", Resources: []string{"*"}}},
			Rules: []state.BackupRule{{Name: "daily", CopyActions: []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-1:" + own + ":backup-vault:dr"}}}}}}
		a.OpenSearch.Domains = []state.OpenSearchDomain{
			{Meta: state.Meta{ARN: arn("es", "eu-west-1", "domain/private"), Region: "eu-west-1"}, Name: "private", EngineType: state.EngineOpenSearch,
				Described: true, VPCID: "vpc-1", AccessPolicy: open, EncryptedAtRest: true},
			{Meta: state.Meta{ARN: arn("es", "us-east-1", "domain/legacy"), Region: "us-east-1"}, Name: "legacy", EngineType: state.EngineElasticsearch,
				Described: true, AccessPolicy: open},
			{Meta: state.Meta{ARN: arn("es", "us-east-1", "domain/unread"), Region: "us-east-1"}, Name: "unread", EngineType: state.EngineOpenSearch},
		}
	})
	m := Build(a, pol(nil))
	cases := []struct {
		name, region, custody, level, detail string
	}{
		{"private", "eu-west-1", "aws_managed", Shared, "endpoint in vpc-1"},
		{"legacy", "us-east-1", "none", Public, "public endpoint"},
		{"unread", "us-east-1", "unknown", Unknown, "not reported"},
	}
	for _, c := range cases {
		s := storeOf(t, m, arn("es", c.region, "domain/"+c.name))
		if s.Kind != "domain" || s.Service != "es" || s.Encryption.Custody != c.custody {
			t.Errorf("%s: kind %s service %s custody %s, want domain es %s", c.name, s.Kind, s.Service, s.Encryption.Custody, c.custody)
		}
		if s.Exposure.Level != c.level || !strings.Contains(s.Exposure.Detail, c.detail) {
			t.Errorf("%s: exposure %+v, want %s with %q", c.name, s.Exposure, c.level, c.detail)
		}
		if len(s.Copies) != 0 {
			t.Errorf("%s: copies %+v, want none (AWS Backup does not cover OpenSearch Service)", c.name, s.Copies)
		}
		if c.name != "unread" && (s.Backup.State != Protected || !strings.Contains(strings.Join(s.Backup.Detail, "; "), "hourly")) {
			t.Errorf("%s: backup %+v, want the service's automated snapshots", c.name, s.Backup)
		}
	}
}
