package aws

import (
	"reflect"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// collectedSections maps every section of state.Account to the collector
// (service name in globalServices/regionalServices) that fills it.
var collectedSections = map[string]string{
	"organization": "organizations", "iam": "iam", "s3": "s3", "ec2": "ec2", "kms": "kms", "cloudtrail": "cloudtrail",
	"config": "config", "guardduty": "guardduty", "ssm": "ssm", "rds": "rds", "redshift": "redshift", "workspaces": "workspaces",
	"elb": "elbv2", "dynamodb": "dynamodb", "efs": "elasticfilesystem", "backup": "backup", "lambda": "lambda",
	"cloudwatch_logs": "logs", "cloudwatch": "cloudwatch", "sns": "sns", "securityhub": "securityhub",
	"sqs": "sqs", "secretsmanager": "secretsmanager", "ecr": "ecr", "eventbridge": "events", "ecs": "ecs", "eks": "eks",
	"sagemaker": "sagemaker", "emr": "elasticmapreduce", // svc-analytics
	"elasticache":      "elasticache", // svc-data
	"kinesis":          "kinesis",     // svc-stream
	"firehose":         "firehose",
	"network_firewall": "network-firewall", // svc-netfw
	"transfer":         "transfer",
	"acm":              "acm", "cloudfront": "cloudfront",
	"opensearch": "es", // svc-search
	"route53":    "route53",
	"apigateway": "apigateway", "waf": "wafv2", // svc-api
	"autoscaling":         "autoscaling", // svc-compute2
	"inspector":           "inspector2",  // svc-sec
	"macie":               "macie2",
	"codebuild":           "codebuild",   // svc-build
	"dms":                 "dms",         // svc-build
	"waf_classic":         "waf",         // svc-classic (and waf-regional)
	"appsync":             "appsync",     // svc-classic
	"cognito":             "cognito-idp", // svc-classic (and cognito-identity)
	"msk":                 "kafka",       // svc-msk
	"stepfunctions":       "states",
	"redshift_serverless": "redshift-serverless",
	"dax":                 "dax",              // svc-dax
	"elasticbeanstalk":    "elasticbeanstalk", // svc-eb
	"glue":                "glue",             // svc-glue
	"athena":              "athena",
	"fsx":                 "fsx", // svc-fsx
	"mq":                  "mq",  // svc-mq
	"datasync":            "datasync",
	"connect":             "connect",   // svc-connect
	"s3express":           "s3express", // svc-s3dir
	"acmpca":              "acm-pca",   // svc-s3dir
	// svc-catalog: AWS Service Catalog
	"servicecatalog": "servicecatalog",
}

// notSections are Account's fields that are not a service's data.
// org_facts is applied from the management account's scan
// (state.Account.ApplyOrgFacts), never collected for the account itself.
var notSections = map[string]bool{"account_id": true, "partition": true, "alias": true, "name": true, "collected_at": true,
	"source": true, "regions": true, "gaps": true, "org_facts": true}

// TestEverySectionCollectedOrUnsupported: a section someone adds to
// state.Account must get a collector or an `unsupported` gap (see
// unsupportedSections), so live scans never pass on data nobody read.
func TestEverySectionCollectedOrUnsupported(t *testing.T) {
	services := map[string]bool{}
	for _, s := range append(globalServices(), regionalServices()...) {
		services[s.name] = true
	}
	unsupported := map[string]bool{}
	for _, u := range unsupportedSections() {
		unsupported[u.section] = true
	}
	typ := reflect.TypeOf(state.Account{})
	for i := 0; i < typ.NumField(); i++ {
		if !typ.Field(i).IsExported() {
			continue // not a section: bookkeeping (state.Derive)
		}
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if notSections[name] {
			continue
		}
		svc, ok := collectedSections[name]
		switch {
		case ok && services[svc]:
		case ok:
			t.Errorf("section %s: collector %q is not registered", name, svc)
		case unsupported[name]:
		default:
			t.Errorf("section %s of state.Account has no live collector and no unsupported gap: add one to unsupportedSections", name)
		}
	}
}
