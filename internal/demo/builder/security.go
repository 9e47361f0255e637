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

// macie is Alpenglow's Amazon Macie (svc-sec): enabled with automated
// discovery in Frankfurt, where the customer data lives; enabled in
// Ireland but without automated discovery (only a monthly job on the
// backup buckets); paused in N. Virginia since a budget review; never
// enabled in the UAE pilot.
func (x *b) macie() {
	x.a.Macie.Sessions = append(x.a.Macie.Sessions,
		state.MacieSession{Region: "eu-central-1", Status: state.MacieEnabled, AutomatedDiscovery: "ENABLED"},
		state.MacieSession{Region: "eu-west-1", Status: state.MacieEnabled, AutomatedDiscovery: "DISABLED"},
		state.MacieSession{Region: "us-east-1", Status: state.MaciePaused, AutomatedDiscovery: "DISABLED"},
		state.MacieSession{Region: "me-central-1", Status: state.MacieNotEnabled},
	)
}
