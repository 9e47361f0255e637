package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dynamodbChecks are the customer's duties on DynamoDB tables. AWS runs
// the service and always encrypts; the customer chooses the key, the
// recovery options and who else may reach a table.
func dynamodbChecks() []check.Check {
	return []check.Check{
		dynamodbTablePITR(),
		dynamodbTableDeletionProtection(),
		dynamodbTableAutoScaling(),
		dynamodbTableKMSEncryption(),
		dynamodbTablePolicyTrusted(),
	}
}

// eachTable evaluates every table; item names the per-table input the judge
// relies on ("" when the listing's DescribeTable is enough).
func eachTable(a *state.Account, item state.Input, judge func(t state.DynamoDBTable) check.Result) []check.Result {
	return eachRegional(a, "dynamodb", []state.Input{state.InputDynamoDBTables}, a.DynamoDB.Tables, func(t state.DynamoDBTable) check.Result {
		ins := []state.Input{state.InputDynamoDBTableDescription}
		if item != "" {
			ins = append(ins, item)
		}
		if g, ok := a.Gaps.ForInputs(t.Region, t.ARN, ins...); ok {
			return check.GapR(t, g)
		}
		return judge(t)
	})
}

func dynamodbTablePITR() check.Check {
	return check.Check{
		ID:          "dynamodb_table_pitr",
		Title:       "DynamoDB tables have point-in-time recovery",
		Description: "Point-in-time recovery keeps continuous backups for up to 35 days, so a table can be restored to any second before an accidental write or delete.",
		Area:        check.Backup,
		Service:     "dynamodb",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "DynamoDB > Tables > table > Backups > Point-in-time recovery > Edit > Turn on > Save.",
			CLI:       "aws dynamodb update-continuous-backups --table-name <TABLE> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
			Terraform: "resource \"aws_dynamodb_table\" \"this\" {\n  point_in_time_recovery { enabled = true }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachTable(a, state.InputDynamoDBPITR, func(t state.DynamoDBTable) check.Result {
				if t.PITR {
					return check.PassR(t, "%s has point-in-time recovery", t.Name)
				}
				return check.FailR(t, "%s has no point-in-time recovery", t.Name)
			})
		},
	}
}

func dynamodbTableDeletionProtection() check.Check {
	return check.Check{
		ID:          "dynamodb_table_deletion_protection",
		Title:       "DynamoDB tables have deletion protection",
		Description: "Deleting a table also deletes its point-in-time backups after 35 days; deletion protection makes the delete call fail until someone turns it off.",
		Area:        check.Backup,
		Service:     "dynamodb",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "DynamoDB > Tables > table > Additional settings > Deletion protection > Turn on.",
			CLI:       "aws dynamodb update-table --table-name <TABLE> --deletion-protection-enabled",
			Terraform: "resource \"aws_dynamodb_table\" \"this\" {\n  deletion_protection_enabled = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachTable(a, "", func(t state.DynamoDBTable) check.Result {
				if t.DeletionProtection {
					return check.PassR(t, "%s has deletion protection", t.Name)
				}
				return check.FailR(t, "%s can be deleted in one call", t.Name)
			})
		},
	}
}

func dynamodbTableAutoScaling() check.Check {
	return check.Check{
		ID:          "dynamodb_table_autoscaling",
		Title:       "DynamoDB tables scale capacity with demand",
		Description: "A provisioned table without auto scaling throttles requests when load grows; on-demand tables scale by themselves. Rated below FSBP's medium: it guards availability, not who can read or change data.",
		Area:        check.Backup,
		Service:     "dynamodb",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "DynamoDB > Tables > table > Additional settings > Read/write capacity > Edit > On-demand, or Provisioned with Auto scaling on for reads and writes > Save.",
			CLI:       "aws dynamodb update-table --table-name <TABLE> --billing-mode PAY_PER_REQUEST",
			Terraform: "resource \"aws_dynamodb_table\" \"this\" {\n  billing_mode = \"PAY_PER_REQUEST\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachTable(a, "", func(t state.DynamoDBTable) check.Result {
				switch {
				case t.BillingMode == "PAY_PER_REQUEST":
					return check.PassR(t, "%s is on-demand", t.Name)
				case t.BillingMode == "":
					return check.UnknownR(t, "%s: billing mode was not reported", t.Name)
				}
				if g, ok := a.Gaps.ForInput(state.InputDynamoDBAutoScaling, t.Region, ""); ok {
					return check.GapR(t, g)
				}
				if t.AutoScaling {
					return check.PassR(t, "%s is provisioned with auto scaling", t.Name)
				}
				return check.FailR(t, "%s is provisioned without auto scaling", t.Name)
			})
		},
	}
}

func dynamodbTableKMSEncryption() check.Check {
	return check.Check{
		ID:          "dynamodb_table_kms_encryption",
		Title:       "DynamoDB tables are encrypted under a KMS key in the account",
		Description: "By default DynamoDB encrypts with an AWS owned key the customer can neither see nor audit; a KMS key in the account (aws/dynamodb or, better, customer managed) logs every use in CloudTrail.",
		Area:        check.EncryptionAtRest,
		Service:     "dynamodb",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "DynamoDB > Tables > table > Additional settings > Encryption > Manage encryption > Stored in your account, and owned and managed by you (choose a customer managed key) > Save.",
			CLI:       "aws dynamodb update-table --table-name <TABLE> --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=<KEY_ARN>",
			Terraform: "resource \"aws_dynamodb_table\" \"this\" {\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.dynamodb.arn\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachTable(a, "", func(t state.DynamoDBTable) check.Result {
				if t.AWSOwnedKey() {
					return check.FailR(t, "%s is encrypted with the AWS owned key: key use is invisible to the customer", t.Name)
				}
				return check.PassR(t, "%s is encrypted with %s", t.Name, t.KMSKeyARN)
			})
		},
	}
}

func dynamodbTablePolicyTrusted() check.Check {
	return check.Check{
		ID:          "dynamodb_table_policy_trusted",
		Title:       "DynamoDB table policies grant nothing to everyone or to untrusted accounts",
		Description: "A table's resource-based policy can open it to other accounts, or to everyone; sharing must be deliberate and go only to trusted accounts (trusted_accounts in shoulder.yaml).",
		Area:        check.AccessSharing,
		Service:     "dynamodb",
		Severity:    severityFor(scopeSharing),
		Remediation: check.Remediation{
			Console:   "DynamoDB > Tables > table > Permissions > Resource-based policy > Edit: remove statements for Principal \"*\" and for accounts you do not trust (or delete the policy) > Save.",
			CLI:       "aws dynamodb delete-resource-policy --resource-arn <TABLE_ARN>\naws dynamodb put-resource-policy --resource-arn <TABLE_ARN> --policy file://trusted-only.json",
			Terraform: "resource \"aws_dynamodb_resource_policy\" \"this\" {\n  resource_arn = aws_dynamodb_table.this.arn\n  policy       = data.aws_iam_policy_document.trusted_only.json\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposure.NewContext(a, p)
			return eachTable(a, state.InputDynamoDBResourcePolicy, func(t state.DynamoDBTable) check.Result {
				return sharingResult(t, "table "+t.Name, t.ResourcePolicy, c)
			})
		},
	}
}
