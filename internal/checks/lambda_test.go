package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func lambdaCases() map[string][]checkCase {
	fn := func(policy, urlAuth string) func(*state.Account) {
		return func(a *state.Account) {
			a.Lambda.Functions = append(a.Lambda.Functions, state.LambdaFunction{
				Meta: state.Meta{ARN: "arn:aws:lambda:eu-west-1:111122223333:function:f", Region: "eu-west-1"},
				Name: "f", Runtime: "python3.12", Policy: policy, URLAuthType: urlAuth})
		}
	}
	stmt := func(principal, cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Sid":"s","Effect":"Allow","Principal":` + principal +
			`,"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:eu-west-1:111122223333:function:f"` + cond + `}]}`
	}
	fromBucket := `,"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::in"},"StringEquals":{"AWS:SourceAccount":"111122223333"}}`
	urlPublic := `{"Version":"2012-10-17","Statement":[{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"arn:aws:lambda:eu-west-1:111122223333:function:f","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}]}`
	return map[string][]checkCase{
		"lambda_function_not_public": {
			{name: "no policy", acct: baseAccount(fn("", "")), want: []check.Status{check.Pass}},
			{name: "service principal pinned to the source", acct: baseAccount(fn(stmt(`{"Service":"s3.amazonaws.com"}`, fromBucket), "")), want: []check.Status{check.Pass}},
			{name: "everyone pinned to the source account", acct: baseAccount(fn(stmt(`"*"`, fromBucket), "")), want: []check.Status{check.Pass}},
			{name: "everyone", acct: baseAccount(fn(stmt(`"*"`, ""), "")), want: []check.Status{check.Fail}, msg: "lets everyone invoke it: s (lambda:InvokeFunction)"},
			{name: "public function URL", acct: baseAccount(fn(urlPublic, "NONE")), want: []check.Status{check.Fail}, msg: "anyone on the internet"},
			{name: "IAM-authenticated function URL", acct: baseAccount(fn("", "AWS_IAM")), want: []check.Status{check.Pass}},
			{name: "policy not readable", acct: baseAccount(fn("", ""), withGap(state.Gap{Service: "lambda", Region: "eu-west-1", Operation: "GetPolicy",
				Resource: "arn:aws:lambda:eu-west-1:111122223333:function:f", Reason: state.ReasonAccessDenied})), want: []check.Status{check.Unknown}},
			{name: "listing denied in a region", acct: baseAccount(fn("", ""), withGap(state.Gap{Service: "lambda", Region: "us-east-1", Operation: "ListFunctions", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Unknown, check.Pass}},
		},
	}
}
