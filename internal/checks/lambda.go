package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func lambdaChecks() []check.Check {
	return []check.Check{
		lambdaFunctionNotPublic(),
	}
}

func lambdaFunctionNotPublic() check.Check {
	return check.Check{
		ID:    "lambda_function_not_public",
		Title: "Lambda function policies do not let everyone invoke the function",
		Description: "A resource policy statement for Principal \"*\" without a condition that pins the caller (source account, " +
			"source ARN, organization) lets anyone invoke the function, and with a function URL of auth type NONE, anyone on the internet.",
		Area:     check.AccessSharing,
		Service:  "lambda",
		Severity: check.Critical,
		Remediation: check.Remediation{
			Console:   "Lambda > function > Configuration > Permissions > Resource-based policy statements: delete statements for Principal * or add a condition (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID). For a function URL, set Auth type to AWS_IAM.",
			CLI:       "aws lambda remove-permission --function-name <FUNCTION> --statement-id <SID>\naws lambda update-function-url-config --function-name <FUNCTION> --auth-type AWS_IAM",
			Terraform: "resource \"aws_lambda_permission\" \"s3\" {\n  action         = \"lambda:InvokeFunction\"\n  function_name  = aws_lambda_function.this.function_name\n  principal      = \"s3.amazonaws.com\"\n  source_arn     = aws_s3_bucket.in.arn\n  source_account = data.aws_caller_identity.current.account_id\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			var out []check.Result
			bad := regionalListingUnknown(a, "lambda", &out, "ListFunctions")
			opts := policyOptions(a, p)
			for _, f := range a.Lambda.Functions {
				if bad[f.Region] {
					continue
				}
				if g, ok := a.Gaps.Find("lambda", f.Region, "GetPolicy", f.ARN); ok {
					out = append(out, check.GapR(f, g))
					continue
				}
				if strings.TrimSpace(f.Policy) == "" {
					out = append(out, check.PassR(f, "%s has no resource-based policy", f.Name))
					continue
				}
				doc, err := iampolicy.Parse(f.Policy)
				if err != nil {
					out = append(out, check.UnknownR(f, "the policy of %s cannot be read: %v", f.Name, err))
					continue
				}
				var open []string
				for _, g := range iampolicy.Exposure(doc, opts).Grants {
					if g.Public {
						open = append(open, describeGrant(g.Sid, g.Statement, g.Actions, g.NotAction))
					}
				}
				switch {
				case len(open) > 0 && f.URLAuthType == "NONE":
					out = append(out, check.FailR(f, "%s lets everyone invoke it (%s) and has a function URL with auth type NONE: anyone on the internet can call it", f.Name, strings.Join(open, "; ")))
				case len(open) > 0:
					out = append(out, check.FailR(f, "%s lets everyone invoke it: %s", f.Name, strings.Join(open, "; ")))
				default:
					out = append(out, check.PassR(f, "no statement of %s's policy is open to everyone", f.Name))
				}
			}
			return out
		},
	}
}
