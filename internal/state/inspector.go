package state

// Inspector holds Amazon Inspector's (inspector2) scanning status in every
// scanned region.
//
// Gaps: BatchGetAccountStatus hides a region's status (one call per
// region, for the caller's own account).
type Inspector struct {
	// Accounts is the account's status in each region read.
	Accounts []InspectorStatus `json:"accounts,omitempty"`
}

// InspectorStatus is the account's Amazon Inspector status in one region:
// Inspector's own and that of each scan type. Each status is one of
// ENABLING, ENABLED, DISABLING, DISABLED, SUSPENDING or SUSPENDED; an
// empty one was not reported.
type InspectorStatus struct {
	Region string `json:"region"`
	// Status is Inspector's own status in the region.
	Status string `json:"status,omitempty"`
	// EC2 is the status of EC2 instance scanning.
	EC2 string `json:"ec2,omitempty"`
	// ECR is the status of ECR container image scanning.
	ECR string `json:"ecr,omitempty"`
	// Lambda is the status of Lambda standard scanning (dependencies).
	Lambda string `json:"lambda,omitempty"`
	// LambdaCode is the status of Lambda code scanning.
	LambdaCode string `json:"lambda_code,omitempty"`
}

// StatusIn returns the Inspector status recorded for a region.
func (x *Inspector) StatusIn(region string) (InspectorStatus, bool) {
	for _, s := range x.Accounts {
		if s.Region == region {
			return s, true
		}
	}
	return InspectorStatus{}, false
}
