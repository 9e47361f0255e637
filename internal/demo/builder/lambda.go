package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// lambda adds Alpenglow's functions: an ETL step fed by the data lake bucket
// (pinned to its source), a partner webhook someone exposed with a public
// function URL, and a forgotten image resizer on an old runtime in the US.
func (x *b) lambda() {
	fn := func(region, name string, mut func(*state.LambdaFunction)) {
		f := state.LambdaFunction{Meta: state.Meta{ARN: x.arn("lambda", region, "function:"+name), Region: region, Tags: tags("team", "data-platform")},
			Name: name, Runtime: "python3.12", PackageType: "Zip", RuntimeUpdateMode: "Auto",
			RoleARN: "arn:aws:iam::" + AccountID + ":role/lambda-etl"}
		mut(&f)
		x.a.Lambda.Functions = append(x.a.Lambda.Functions, f)
	}
	fn("eu-central-1", "datalake-etl-transform", func(f *state.LambdaFunction) {
		f.Policy = `{"Version":"2012-10-17","Statement":[{"Sid":"s3-invoke","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},` +
			`"Action":"lambda:InvokeFunction","Resource":"` + f.ARN + `","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::alpenglow-datalake-raw"},` +
			`"StringEquals":{"AWS:SourceAccount":"` + AccountID + `"}}}]}`
		f.VPCID = vpcOf("eu-central-1")
	})
	fn("eu-west-1", "partner-webhook", func(f *state.LambdaFunction) {
		f.URLAuthType = "NONE"
		f.Policy = `{"Version":"2012-10-17","Statement":[{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*",` +
			`"Action":"lambda:InvokeFunctionUrl","Resource":"` + f.ARN + `","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}]}`
	})
	fn("us-east-1", "marketing-image-resize", func(f *state.LambdaFunction) {
		f.Runtime, f.RuntimeUpdateMode = "nodejs16.x", "Manual"
		f.Tags = tags("team", "marketing")
	})
}
