package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsFnARN = "arn:aws:lambda:eu-west-1:" + testAccountID + ":function:etl"

// dsFunction adds a zip function "etl" on python3.13 in eu-west-1, edited by mut.
func dsFunction(mut func(f *state.LambdaFunction)) func(*state.Account) {
	return func(a *state.Account) {
		f := state.LambdaFunction{Meta: state.Meta{ARN: dsFnARN, Region: "eu-west-1"}, Name: "etl", Runtime: "python3.13", PackageType: "Zip", RuntimeUpdateMode: "Auto"}
		if mut != nil {
			mut(&f)
		}
		a.Lambda.Functions = append(a.Lambda.Functions, f)
	}
}

func dsSubnet(id, az string) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.Subnets = append(a.EC2.Subnets, state.Subnet{Meta: state.Meta{Region: "eu-west-1"}, ID: id, AvailabilityZone: az})
	}
}

func lambdaCases() map[string][]checkCase {
	listDenied := checkCase{name: "functions denied", acct: baseAccount(dsFunction(nil), dsGap("lambda", "eu-west-1", "ListFunctions", "")), want: dsWant(dsU)}
	image := func(f *state.LambdaFunction) { f.PackageType, f.Runtime = "Image", "" }
	functionUpdate := func(daysAgo int) func(*state.LambdaFunction) {
		return func(f *state.LambdaFunction) {
			t := testTime.AddDate(0, 0, -daysAgo)
			f.RuntimeUpdateMode, f.LastModified = "FunctionUpdate", &t
		}
	}
	invoke := func(principal, cond string) func(f *state.LambdaFunction) {
		return func(f *state.LambdaFunction) {
			f.Policy = dsDoc(`{"Sid":"Invoke","Effect":"Allow","Principal":` + principal + `,"Action":"lambda:InvokeFunction","Resource":"` + dsFnARN + `"` + cond + `}`)
		}
	}
	inVPC := func(subnets ...string) func(f *state.LambdaFunction) {
		return func(f *state.LambdaFunction) { f.SubnetIDs = subnets }
	}
	return map[string][]checkCase{
		"lambda_function_policy_trusted": {
			{name: "no policy", acct: baseAccount(dsFunction(nil)), want: dsWant(dsP)},
			{name: "s3 with source account", acct: baseAccount(dsFunction(invoke(`{"Service":"s3.amazonaws.com"}`, `,"Condition":{"StringEquals":{"aws:SourceAccount":"`+testAccountID+`"}}`))), want: dsWant(dsP)},
			{name: "everyone", acct: baseAccount(dsFunction(invoke(`"*"`, ""))), want: dsWant(dsF), msg: "everyone"},
			{name: "untrusted account", acct: baseAccount(dsFunction(invoke(`{"AWS":"777788889999"}`, ""))), want: dsWant(dsF), msg: "777788889999"},
			{name: "trusted account", acct: baseAccount(dsFunction(invoke(`{"AWS":"777788889999"}`, ""))), pol: &policy.Policy{TrustedAccounts: []string{"777788889999"}}, want: dsWant(dsP)},
			{name: "policy denied", acct: baseAccount(dsFunction(nil), dsGap("lambda", "eu-west-1", "GetPolicy", dsFnARN)), want: dsWant(dsU)},
			listDenied,
			// Regressions: each passed when the checks dropped every grantee
			// that was not an account (internal/exposure judges them now).
			// FSBP Lambda.1: an S3 permission with no source condition lets any
			// account's bucket invoke the function (confused deputy).
			{name: "s3 without source condition", acct: baseAccount(dsFunction(invoke(`{"Service":"s3.amazonaws.com"}`, ""))), want: dsWant(dsF), msg: "confused deputy"},
			{name: "s3 pinned to an untrusted source account", acct: baseAccount(dsFunction(invoke(`{"Service":"s3.amazonaws.com"}`, `,"Condition":{"StringEquals":{"aws:SourceAccount":"777788889999"}}`))), want: dsWant(dsF), msg: "777788889999"},
			// A web identity provider with no audience condition is anyone
			// signed in to it (S3 counts it public).
			{name: "web identity without audience", acct: baseAccount(dsFunction(invoke(`{"Federated":"accounts.google.com"}`, ""))), want: dsWant(dsF), msg: "everyone"},
			{name: "foreign organization", acct: baseAccount(dsFunction(invoke(`"*"`, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-foreign0001"}}`))),
				pol: &policy.Policy{OrganizationID: "o-own1234567"}, want: dsWant(dsF), msg: "o-foreign0001"},
			{name: "own organization", acct: baseAccount(dsFunction(invoke(`"*"`, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-own1234567"}}`))),
				pol: &policy.Policy{OrganizationID: "o-own1234567"}, want: dsWant(dsP)},
			{name: "partner organization", acct: baseAccount(dsFunction(invoke(`"*"`, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-partner0001"}}`))),
				pol: &policy.Policy{OrganizationID: "o-own1234567", TrustedOrganizations: []string{"o-partner0001"}}, want: dsWant(dsP)},
			{name: "source IP outside corporate networks", acct: baseAccount(dsFunction(invoke(`"*"`, `,"Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`))), want: dsWant(dsF)},
			{name: "canonical user", acct: baseAccount(dsFunction(invoke(`{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`, ""))), want: dsWant(dsF)},
			// AWS refuses wildcards inside a principal: the document is
			// rejected, never silently passed.
			{name: "forbidden principal wildcard", acct: baseAccount(dsFunction(invoke(`{"AWS":"arn:aws:iam::*:root"}`, ""))), want: dsWant(dsU), msg: "wildcard"},
			{name: "canonical user star", acct: baseAccount(dsFunction(invoke(`{"CanonicalUser":"*"}`, ""))), want: dsWant(dsU), msg: "wildcard"},
		},
		"lambda_function_supported_runtime": {
			{name: "current", acct: baseAccount(dsFunction(nil)), want: dsWant(dsP), msg: "2029-06-30"},
			{name: "deprecated", acct: baseAccount(dsFunction(func(f *state.LambdaFunction) { f.Runtime = "python3.8" })), want: dsWant(dsF), msg: "2024-10-14"},
			{name: "deprecated on the evaluation day", acct: baseAccount(dsFunction(func(f *state.LambdaFunction) { f.Runtime = "nodejs20.x" })),
				pol: &policy.Policy{Now: time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)}, want: dsWant(dsF)},
			{name: "a day before", acct: baseAccount(dsFunction(func(f *state.LambdaFunction) { f.Runtime = "nodejs20.x" })),
				pol: &policy.Policy{Now: time.Date(2026, 4, 29, 0, 0, 0, 0, time.UTC)}, want: dsWant(dsP)},
			{name: "unknown runtime", acct: baseAccount(dsFunction(func(f *state.LambdaFunction) { f.Runtime = "cobol85" })), want: dsWant(dsU)},
			{name: "image", acct: baseAccount(dsFunction(image)), want: dsWant(dsNA)},
			listDenied,
		},
		"lambda_function_runtime_update_auto": {
			{name: "auto", acct: baseAccount(dsFunction(nil)), want: dsWant(dsP)},
			{name: "manual", acct: baseAccount(dsFunction(func(f *state.LambdaFunction) { f.RuntimeUpdateMode = "Manual" })), want: dsWant(dsF)},
			{name: "not collected", acct: baseAccount(dsFunction(func(f *state.LambdaFunction) { f.RuntimeUpdateMode = "" })), want: dsWant(dsU)},
			{name: "config denied", acct: baseAccount(dsFunction(nil), dsGap("lambda", "eu-west-1", "GetRuntimeManagementConfig", dsFnARN)), want: dsWant(dsU)},
			{name: "image", acct: baseAccount(dsFunction(image)), want: dsWant(dsNA)},
			listDenied,
			{name: "function update, updated recently", acct: baseAccount(dsFunction(functionUpdate(30))), want: dsWant(dsP), msg: "30 days ago"},
			{name: "function update, not updated for long", acct: baseAccount(dsFunction(functionUpdate(200))), want: dsWant(dsF), msg: "200 days ago (limit 90"},
			{name: "function update, policy allows longer", acct: baseAccount(dsFunction(functionUpdate(200))), pol: &policy.Policy{MaxLambdaUpdateAgeDays: 365}, want: dsWant(dsP)},
			{name: "function update, last update unknown", acct: baseAccount(dsFunction(func(f *state.LambdaFunction) { f.RuntimeUpdateMode = "FunctionUpdate" })), want: dsWant(dsU)},
		},
		"lambda_function_multi_az": {
			{name: "two zones", acct: baseAccount(dsFunction(inVPC("s-a", "s-b")), dsSubnet("s-a", "eu-west-1a"), dsSubnet("s-b", "eu-west-1b")), want: dsWant(dsP)},
			{name: "one zone", acct: baseAccount(dsFunction(inVPC("s-a", "s-a2")), dsSubnet("s-a", "eu-west-1a"), dsSubnet("s-a2", "eu-west-1a")), want: dsWant(dsF), msg: "eu-west-1a"},
			{name: "subnet unknown", acct: baseAccount(dsFunction(inVPC("s-a", "s-x")), dsSubnet("s-a", "eu-west-1a")), want: dsWant(dsU)},
			{name: "subnets denied", acct: baseAccount(dsFunction(inVPC("s-x")), dsGap("ec2", "eu-west-1", "DescribeSubnets", "")), want: dsWant(dsU)},
			{name: "no vpc", acct: baseAccount(dsFunction(nil)), want: dsWant(dsNA)},
			listDenied,
		},
	}
}
