package state

// SageMaker holds the SageMaker notebook instances, endpoint
// configurations and models of every scanned region.
//
// Gaps: ListNotebookInstances, ListEndpointConfigs and ListModels hide a
// region's notebook instances, endpoint configurations and models;
// DescribeNotebookInstance (internet access, root access, subnet, KMS
// key, platform), DescribeEndpointConfig (KMS key, production variants)
// and DescribeModel (network isolation) are recorded per resource ARN.
type SageMaker struct {
	NotebookInstances []SageMakerNotebook       `json:"notebook_instances,omitempty"`
	EndpointConfigs   []SageMakerEndpointConfig `json:"endpoint_configs,omitempty"`
	Models            []SageMakerModel          `json:"models,omitempty"`
}

// SageMakerNotebook is a SageMaker notebook instance.
type SageMakerNotebook struct {
	Meta
	Name string `json:"name"`
	// Status is Pending, InService, Stopping, Stopped, Failed, Deleting or
	// Updating; InstanceType the ML instance type (ml.t3.medium).
	Status       string `json:"status,omitempty"`
	InstanceType string `json:"instance_type,omitempty"`
	// DirectInternetAccess and RootAccess are "Enabled" or "Disabled";
	// both empty when the notebook instance was not described.
	DirectInternetAccess string `json:"direct_internet_access,omitempty"`
	RootAccess           string `json:"root_access,omitempty"`
	// SubnetID is the VPC subnet the instance's network interface is in;
	// empty when SageMaker runs it in its own service VPC.
	SubnetID string `json:"subnet_id,omitempty"`
	// KMSKeyID is the customer's KMS key encrypting the ML storage
	// volume; empty when SageMaker uses its AWS managed key.
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// PlatformIdentifier is the Amazon Linux and JupyterLab platform
	// (notebook-al2-v3, notebook-al2023-v1...).
	PlatformIdentifier string `json:"platform_identifier,omitempty"`
}

// Described reports whether the notebook instance's configuration was read.
func (n SageMakerNotebook) Described() bool {
	return n.DirectInternetAccess != "" || n.RootAccess != ""
}

// SageMakerEndpointConfig is a SageMaker endpoint configuration: the
// instances (or serverless capacity) a real-time endpoint runs on.
type SageMakerEndpointConfig struct {
	Meta
	Name string `json:"name"`
	// KMSKeyID is the customer's KMS key encrypting the storage volumes
	// of the hosting instances; empty when SageMaker uses its own key.
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// Variants are the production variants; empty when the
	// configuration was not described (AWS requires at least one).
	Variants []SageMakerVariant `json:"variants,omitempty"`
}

// SageMakerVariant is one production variant of an endpoint configuration.
type SageMakerVariant struct {
	Name string `json:"name"`
	// InitialInstanceCount is the number of instances the variant starts
	// with; Serverless variants have none.
	InitialInstanceCount int  `json:"initial_instance_count,omitempty"`
	Serverless           bool `json:"serverless,omitempty"`
}

// SageMakerModel is a SageMaker model (the container an endpoint,
// batch transform or pipeline runs).
type SageMakerModel struct {
	Meta
	Name string `json:"name"`
	// ExecutionRoleARN is the role the model's containers assume; every
	// model has one, so it is empty only when the model was not described.
	ExecutionRoleARN string `json:"execution_role_arn,omitempty"`
	// NetworkIsolation is true when the containers make no outbound
	// network calls.
	NetworkIsolation bool `json:"network_isolation,omitempty"`
}
