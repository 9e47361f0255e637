package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
)

// TestDemoTripsDataChecks keeps the demo account honest for the data-store
// checks: every area they serve shows failures, and every service has a
// failing check, so the demo teaches what these duties look like.
func TestDemoTripsDataChecks(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	// The groups give the IDs; area and service come from the merged
	// metadata (meta/<id>.yaml).
	by := ByID()
	var groups []check.Check
	for _, g := range [][]check.Check{s3Checks(), kmsChecks(), ebsChecks(), rdsChecks(), redshiftChecks(), workspacesChecks(), dynamodbChecks(), efsChecks(), backupChecks(), lambdaChecks(), messagingChecks()} {
		for _, c := range g {
			groups = append(groups, by[c.ID])
		}
	}
	failsByArea := map[check.Area]int{}
	failsByService := map[string]int{}
	for _, c := range groups {
		for _, r := range c.Run(a, policy.Default()) {
			if r.Status == check.Fail {
				failsByArea[c.Area]++
				failsByService[c.Service]++
			}
		}
	}
	for _, ar := range []check.Area{check.EncryptionAtRest, check.EncryptionInTransit, check.KeyCustody, check.AccessSharing, check.Backup} {
		if failsByArea[ar] == 0 {
			t.Errorf("the demo trips no data-store check in %s", ar)
		}
	}
	for _, s := range []string{"s3", "kms", "ec2", "rds", "redshift", "workspaces", "dynamodb", "efs", "backup", "lambda", "sqs", "sns", "secretsmanager", "ecr", "eventbridge"} {
		if failsByService[s] == 0 {
			t.Errorf("the demo trips no %s data-store check", s)
		}
	}
}

// TestDemoMessagingVerdicts pins what the demo's queues, secrets,
// repositories and buses show: each messaging check passes somewhere and
// fails somewhere (the replica's rotation is its primary's).
// TestDemoACMVerdicts: the demo keeps each ACM and CloudFront check
// passing on some certificate or distribution and failing on another.
func TestDemoACMVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(acmChecks(), cloudFrontChecks()...) {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}

func TestDemoMessagingVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range messagingChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}

// TestDemoECSVerdicts pins what the demo's ECS clusters, services and
// task definitions, its EKS clusters and its Auto Scaling groups and
// launch configurations show: each ECS, EKS and Auto Scaling check passes
// somewhere and fails somewhere.
func TestDemoECSVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(append(ecsChecks(), eksChecks()...), autoScalingChecks()...) {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}

// TestDemoElastiCacheVerdicts pins what the demo's caches and its
// DocumentDB and Neptune clusters show: each ElastiCache, DocumentDB and
// Neptune check passes somewhere and fails somewhere (svc-data).
func TestDemoElastiCacheVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(elastiCacheChecks(), docdbNeptuneChecks()...) {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}

// TestDemoKinesisVerdicts pins what the demo's data streams show: each
// Kinesis and Firehose check passes somewhere and fails somewhere
// (svc-stream).
func TestDemoKinesisVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(kinesisChecks(), firehoseChecks()...) {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}

// TestDemoOpenSearchVerdicts pins what the demo's OpenSearch Service
// domains and Route 53 zones show: each OpenSearch and Route 53 check
// passes somewhere and fails somewhere (svc-search).
func TestDemoOpenSearchVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(openSearchChecks(), route53Checks()...) {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}
