package checks

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsTableARN = "arn:aws:dynamodb:eu-west-1:" + testAccountID + ":table/orders"

// dsTable adds a well-configured on-demand table "orders" in eu-west-1, edited by mut.
func dsTable(mut func(t *state.DynamoDBTable)) func(*state.Account) {
	return func(a *state.Account) {
		t := state.DynamoDBTable{Meta: state.Meta{ARN: dsTableARN, Region: "eu-west-1"}, Name: "orders", Status: "ACTIVE",
			SSEType: "KMS", KMSKeyARN: dsKeyARN, PITR: true, DeletionProtection: true, BillingMode: "PAY_PER_REQUEST"}
		if mut != nil {
			mut(&t)
		}
		a.DynamoDB.Tables = append(a.DynamoDB.Tables, t)
	}
}

func dynamodbCases() map[string][]checkCase {
	listDenied := checkCase{name: "list denied", acct: baseAccount(dsTable(nil), dsGap("dynamodb", "eu-west-1", "ListTables", "")), want: dsWant(dsU)}
	describeDenied := checkCase{name: "describe denied", acct: baseAccount(dsTable(nil), dsGap("dynamodb", "eu-west-1", "DescribeTable", dsTableARN)), want: dsWant(dsU)}
	return map[string][]checkCase{
		"dynamodb_table_pitr": {
			{name: "on", acct: baseAccount(dsTable(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) { t.PITR = false })), want: dsWant(dsF)},
			{name: "backups denied", acct: baseAccount(dsTable(nil), dsGap("dynamodb", "eu-west-1", "DescribeContinuousBackups", dsTableARN)), want: dsWant(dsU)},
			listDenied, describeDenied,
		},
		"dynamodb_table_deletion_protection": {
			{name: "on", acct: baseAccount(dsTable(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) { t.DeletionProtection = false })), want: dsWant(dsF)},
			listDenied, describeDenied,
		},
		"dynamodb_table_autoscaling": {
			{name: "on demand", acct: baseAccount(dsTable(nil)), want: dsWant(dsP)},
			{name: "provisioned scaling", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) { t.BillingMode, t.AutoScaling = "PROVISIONED", true })), want: dsWant(dsP)},
			{name: "provisioned fixed", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) { t.BillingMode = "PROVISIONED" })), want: dsWant(dsF)},
			{name: "scaling denied", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) { t.BillingMode = "PROVISIONED" }),
				dsGap("application-autoscaling", "eu-west-1", "DescribeScalableTargets", "")), want: dsWant(dsU)},
			{name: "mode unreported", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) { t.BillingMode = "" })), want: dsWant(dsU)},
			listDenied,
		},
		"dynamodb_table_policy_trusted": {
			{name: "no policy", acct: baseAccount(dsTable(nil)), want: dsWant(dsP), msg: "no resource policy"},
			{name: "own role", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) {
				t.ResourcePolicy = dsDoc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + testAccountID + `:role/app"},"Action":"dynamodb:GetItem","Resource":"` + dsTableARN + `"}`)
			})), want: dsWant(dsP)},
			{name: "public", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) {
				t.ResourcePolicy = dsDoc(`{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"dynamodb:PutItem","Resource":"` + dsTableARN + `"}`)
			})), want: dsWant(dsF), msg: "everyone"},
			{name: "untrusted account", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) {
				t.ResourcePolicy = dsDoc(`{"Effect":"Allow","Principal":{"AWS":"777788889999"},"Action":"dynamodb:Query","Resource":"` + dsTableARN + `"}`)
			})), want: dsWant(dsF), msg: "777788889999"},
			{name: "policy denied", acct: baseAccount(dsTable(nil), dsGap("dynamodb", "eu-west-1", "GetResourcePolicy", dsTableARN)), want: dsWant(dsU)},
			{name: "garbled", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) { t.ResourcePolicy = "not json" })), want: dsWant(dsU)},
			listDenied,
		},
		"dynamodb_table_kms_encryption": {
			{name: "cmk", acct: baseAccount(dsTable(nil)), want: dsWant(dsP)},
			{name: "aws owned", acct: baseAccount(dsTable(func(t *state.DynamoDBTable) { t.SSEType, t.KMSKeyARN = "", "" })), want: dsWant(dsF), msg: "AWS owned"},
			listDenied, describeDenied,
		},
	}
}
