package state

// Lambda holds the Lambda functions of every scanned region.
//
// Gaps use the service prefix lambda: ListFunctions hides a region's
// functions; GetPolicy and GetFunctionUrlConfig are recorded per function
// ARN (a function without a policy or URL is not a gap: AWS answers
// ResourceNotFoundException, which collectors record as "none").
type Lambda struct {
	Functions []LambdaFunction `json:"functions,omitempty"`
}

// LambdaFunction is a function with the settings that decide who can invoke
// it and who keeps its runtime patched.
type LambdaFunction struct {
	Meta
	Name string `json:"name"`
	// Runtime is e.g. python3.12; empty for container images.
	Runtime string `json:"runtime,omitempty"`
	// PackageType is Zip or Image.
	PackageType string `json:"package_type,omitempty"`
	// RoleARN is the execution role.
	RoleARN string `json:"role_arn,omitempty"`
	// RuntimeUpdateMode is Auto (AWS patches the runtime), FunctionUpdate
	// or Manual (the customer does).
	RuntimeUpdateMode string `json:"runtime_update_mode,omitempty"`
	// Policy is the function's resource-based policy, empty when none.
	Policy string `json:"policy,omitempty"`
	// URLAuthType is NONE or AWS_IAM when the function has a function URL,
	// empty when it has none.
	URLAuthType string `json:"url_auth_type,omitempty"`
	// VPCID is set when the function is attached to a VPC.
	VPCID string `json:"vpc_id,omitempty"`
}
