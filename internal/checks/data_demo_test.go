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

// TestDemoServiceVerdicts keeps the demo teaching: each check of these
// services passes on some resource of the demo and fails on another, so
// the report shows what each duty looks like met and unmet. Where the
// demo reads everything a group needs, it also shows no unknowns.
func TestDemoServiceVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat := func(groups ...[]check.Check) []check.Check {
		var all []check.Check
		for _, g := range groups {
			all = append(all, g...)
		}
		return all
	}
	for _, tc := range []struct {
		name      string
		checks    []check.Check
		noUnknown bool
	}{
		// ACM certificates and CloudFront distributions.
		{"acm+cloudfront", cat(acmChecks(), cloudFrontChecks()), false},
		// Queues, secrets, repositories and buses (a replica's rotation is
		// its primary's).
		{"messaging", messagingChecks(), false},
		// ECS clusters, services and task definitions, EKS clusters, Auto
		// Scaling groups and launch configurations.
		{"ecs+eks+autoscaling", cat(ecsChecks(), eksChecks(), autoScalingChecks()), false},
		// Caches and the DocumentDB and Neptune clusters.
		{"elasticache+docdb+neptune", cat(elastiCacheChecks(), docdbNeptuneChecks()), false},
		// Kinesis data streams and Firehose delivery streams.
		{"kinesis+firehose", cat(kinesisChecks(), firehoseChecks()), false},
		// Frankfurt's egress firewall and supplier server pass; Ireland's
		// hand-made DR firewall and the agency's public FTP server fail.
		{"networkfirewall+transfer", cat(networkFirewallChecks(), transferChecks()), true},
		// OpenSearch Service domains of both engines and Route 53 zones.
		{"opensearch+route53", cat(openSearchChecks(), route53Checks()), false},
		// WAF Classic, AppSync and Cognito.
		{"wafclassic+appsync+cognito", cat(wafClassicChecks(), appSyncChecks(), cognitoChecks()), false},
		// MSK clusters and connectors, state machines, Redshift Serverless
		// workgroups and namespaces.
		{"msk", mskChecks(), false},
		{"stepfunctions", stepFunctionsChecks(), false},
		{"redshiftserverless", redshiftServerlessChecks(), false},
		// svc-dax: Frankfurt's order cache passes both, the agency's lead
		// scoring cache fails both; every cluster reports both settings.
		{"dax", daxChecks(), true},
		// svc-eb: Elastic Beanstalk environments, each with its options read.
		{"elasticbeanstalk", elasticBeanstalkChecks(), true},
		// svc-glue: Glue jobs, ML transforms and catalogs; Athena workgroups.
		{"glue", glueChecks(), false},
		{"athena", athenaChecks(), false},
		// svc-fsx: each type has a file system that meets its duties in
		// Frankfurt and one that does not elsewhere; every setting reported.
		{"fsx", fsxChecks(), true},
		// svc-mq: Frankfurt's order queue passes every broker check, the
		// agency's public lead intake fails them all; every broker is
		// described.
		{"mq", mqChecks(), true},
		// svc-mq: Frankfurt's data-lake ingest logs, the agency's CRM
		// export does not.
		{"datasync", dataSyncChecks(), true},
		// svc-connect: Frankfurt's support desk publishes flow logs, the
		// agency's outbound center does not.
		{"connect", connectChecks(), true},
		// svc-catalog: Frankfurt's golden paths are shared through the
		// organization only, the agency's landing zone account to account.
		{"servicecatalog", serviceCatalogChecks(), true},
		// svc-s3dir: Frankfurt's feature store passes all three, the
		// agency's ad-bids scratch bucket fails all three; every setting
		// is read.
		{"s3express", s3ExpressChecks(), true},
		// svc-s3dir: Frankfurt's root CA is disabled, the agency's root in
		// N. Virginia is active (the issuing CA is not applicable).
		{"acmpca", acmPCAChecks(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range tc.checks {
				got := map[check.Status]int{}
				for _, r := range c.Run(a, policy.Default()) {
					got[r.Status]++
				}
				if got[check.Pass] == 0 || got[check.Fail] == 0 || (tc.noUnknown && got[check.Unknown] != 0) {
					t.Errorf("%s on the demo: %v, want passes and failures (unknowns allowed: %v)", c.ID, got, !tc.noUnknown)
				}
			}
		})
	}
}
