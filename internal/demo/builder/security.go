package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// inspector is Alpenglow's Amazon Inspector (svc-sec): activated for
// everything in Frankfurt, where production runs; Ireland scans EC2 and
// ECR but not Lambda (the DR copy's functions were added later); the
// legacy N. Virginia stack and the forgotten UAE pilot were never
// activated.
func (x *b) inspector() {
	on, off := "ENABLED", "DISABLED"
	x.a.Inspector.Accounts = append(x.a.Inspector.Accounts,
		state.InspectorStatus{Region: "eu-central-1", Status: on, EC2: on, ECR: on, Lambda: on, LambdaCode: on},
		state.InspectorStatus{Region: "eu-west-1", Status: on, EC2: on, ECR: on, Lambda: off, LambdaCode: off},
		state.InspectorStatus{Region: "us-east-1", Status: off, EC2: off, ECR: off, Lambda: off, LambdaCode: off},
		state.InspectorStatus{Region: "me-central-1", Status: off, EC2: off, ECR: off, Lambda: off, LambdaCode: off},
	)
}
