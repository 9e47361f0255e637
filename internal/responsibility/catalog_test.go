package responsibility

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
)

// TestCatalogAgainstRegistry is the strict link between the catalog and
// the checks: every check a duty names exists, every duty names a check or
// is manual with guidance, and every registered check is reachable from
// some duty.
func TestCatalogAgainstRegistry(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(checks.All()); err != nil {
		t.Error(err)
	}
}

// TestCatalogServices: the services the mission names are all there, with
// the model AWS's whitepapers give them.
func TestCatalogServices(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Model{
		"ec2": Infrastructure, "ebs": Infrastructure, "vpc": Infrastructure,
		"s3": Abstracted, "dynamodb": Abstracted, "efs": Abstracted, "lambda": Abstracted, "kms": Abstracted, "iam": Abstracted, "cloudtrail": Abstracted,
		"rds": Managed, "redshift": Managed, "workspaces": Managed, "elb": Managed,
	}
	for id, model := range want {
		s, ok := c.Service(id)
		if !ok {
			t.Errorf("catalog lacks service %s", id)
			continue
		}
		if s.Model != model {
			t.Errorf("%s: model %s, want %s", id, s.Model, model)
		}
	}
}

// TestUsageRules: every catalog service can be found in a state, and no
// rule is left without a service.
func TestUsageRules(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	rules := usageRules()
	for _, s := range c.Services {
		if _, ok := rules[s.ID]; !ok {
			t.Errorf("service %s has no usage rule: matrix cannot tell whether it is in use", s.ID)
		}
		delete(rules, s.ID)
	}
	for id := range rules {
		t.Errorf("usage rule for %s, which the catalog does not have", id)
	}
}

func TestParseRejects(t *testing.T) {
	const head = "services:\n  - id: s3\n    name: S3\n    model: abstracted\n    aws: [durability]\n    duties:\n"
	tests := []struct{ name, doc, want string }{
		{"no check, not manual", head + "      - id: s3.x\n        title: t\n        area: backup\n", "names no check and is not manual"},
		{"manual without guidance", head + "      - id: s3.x\n        title: t\n        area: backup\n        manual: true\n", "manual without guidance"},
		{"manual with checks", head + "      - id: s3.x\n        title: t\n        area: backup\n        manual: true\n        guidance: g\n        checks: [a_b]\n", "manual duties name no checks"},
		{"bad area", head + "      - id: s3.x\n        title: t\n        area: plumbing\n        checks: [a_b]\n", `unknown area "plumbing"`},
		{"duty id prefix", head + "      - id: ec2.x\n        title: t\n        area: backup\n        checks: [a_b]\n", `must be unique and start with "s3."`},
		{"unknown field", head + "      - id: s3.x\n        title: t\n        area: backup\n        checks: [a_b]\n        severity: high\n", "field severity not found"},
		{"bad model", strings.Replace(head, "abstracted", "serverless", 1) + "      - id: s3.x\n        title: t\n        area: backup\n        checks: [a_b]\n", `model "serverless"`},
		{"no aws duties", strings.Replace(head, "    aws: [durability]\n", "", 1) + "      - id: s3.x\n        title: t\n        area: backup\n        checks: [a_b]\n", "needs a name, AWS's duties"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestValidateReportsBothDirections(t *testing.T) {
	c, err := Parse([]byte("services:\n  - id: s3\n    name: S3\n    model: abstracted\n    aws: [d]\n    duties:\n      - id: s3.x\n        title: t\n        area: backup\n        checks: [s3_gone]\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = c.Validate([]check.Check{{ID: "s3_orphan", Service: "s3", Area: check.Backup}})
	if err == nil || !strings.Contains(err.Error(), `unknown check "s3_gone"`) || !strings.Contains(err.Error(), "s3_orphan (s3, backup) is reachable from no duty") {
		t.Errorf("got %v", err)
	}
}
