package state

import "time"

// Lambda holds the Lambda functions of every scanned region.
//
// Gaps: ListFunctions hides a region's functions; GetPolicy and
// GetRuntimeManagementConfig are recorded per function ARN.
type Lambda struct {
	Functions []LambdaFunction `json:"functions,omitempty"`
}

// LambdaFunction is a Lambda function ($LATEST) with the settings the checks read.
type LambdaFunction struct {
	Meta
	Name string `json:"name"`
	// Runtime is the managed runtime identifier (python3.12, nodejs20.x,
	// ...); empty for container images, whose runtime is inside the image.
	Runtime string `json:"runtime,omitempty"`
	// PackageType is Zip or Image.
	PackageType string `json:"package_type,omitempty"`
	// RuntimeUpdateMode is Auto, FunctionUpdate or Manual (runtime
	// management configuration); empty when not read.
	RuntimeUpdateMode string `json:"runtime_update_mode,omitempty"`
	// Policy is the function's resource-based policy, empty when none.
	Policy string `json:"policy,omitempty"`
	// SubnetIDs are the VPC subnets of a VPC-attached function.
	SubnetIDs []string `json:"subnet_ids,omitempty"`
	// KMSKeyARN encrypts the environment variables; empty for aws/lambda.
	KMSKeyARN string `json:"kms_key_arn,omitempty"`
	// LastModified is when the function's code or configuration was last
	// updated (in FunctionUpdate mode, the last time a runtime update could
	// reach it); nil when not read.
	LastModified *time.Time `json:"last_modified,omitempty"`
}
