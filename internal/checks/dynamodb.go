package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
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
		ID: "dynamodb_table_pitr",
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
		ID: "dynamodb_table_deletion_protection",
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
		ID: "dynamodb_table_autoscaling",
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
		ID: "dynamodb_table_kms_encryption",
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
		ID: "dynamodb_table_policy_trusted",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachTable(a, state.InputDynamoDBResourcePolicy, func(t state.DynamoDBTable) check.Result {
				return sharingResult(t, "table "+t.Name, t.ResourcePolicy, c)
			})
		},
	}
}
