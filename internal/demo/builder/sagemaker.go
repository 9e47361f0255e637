package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// sageMaker adds Alpenglow's machine learning: the Frankfurt churn model
// is built in a notebook inside the data platform's private subnet
// (no direct internet, no root, the data-lake key, Amazon Linux 2023) and
// served from two isolated instances; the forecasting proof of concept a
// data scientist started in Ireland runs in SageMaker's own network with
// internet and root access on a deprecated JupyterLab 1 platform, and its
// endpoint is a single instance with SageMaker's key and a model that may
// call out.
func (x *b) sageMaker() {
	fra, dub := "eu-central-1", "eu-west-1"
	x.a.SageMaker.NotebookInstances = append(x.a.SageMaker.NotebookInstances,
		state.SageMakerNotebook{Meta: state.Meta{ARN: x.arn("sagemaker", fra, "notebook-instance/churn-research"), Region: fra},
			Name: "churn-research", Status: "InService", InstanceType: "ml.t3.large", DirectInternetAccess: "Disabled", RootAccess: "Disabled",
			SubnetID: "subnet-00pri", KMSKeyID: x.datalakeKey(fra), PlatformIdentifier: "notebook-al2023-v1"},
		state.SageMakerNotebook{Meta: state.Meta{ARN: x.arn("sagemaker", dub, "notebook-instance/forecast-poc"), Region: dub},
			Name: "forecast-poc", Status: "Stopped", InstanceType: "ml.m5.xlarge", DirectInternetAccess: "Enabled", RootAccess: "Enabled",
			PlatformIdentifier: "notebook-al2-v1"},
	)
	x.a.SageMaker.EndpointConfigs = append(x.a.SageMaker.EndpointConfigs,
		state.SageMakerEndpointConfig{Meta: state.Meta{ARN: x.arn("sagemaker", fra, "endpoint-config/churn-model-v3"), Region: fra},
			Name: "churn-model-v3", KMSKeyID: x.datalakeKey(fra), Variants: []state.SageMakerVariant{{Name: "AllTraffic", InitialInstanceCount: 2}}},
		state.SageMakerEndpointConfig{Meta: state.Meta{ARN: x.arn("sagemaker", dub, "endpoint-config/forecast-poc"), Region: dub},
			Name: "forecast-poc", Variants: []state.SageMakerVariant{{Name: "AllTraffic", InitialInstanceCount: 1}}},
	)
	x.a.SageMaker.Models = append(x.a.SageMaker.Models,
		state.SageMakerModel{Meta: state.Meta{ARN: x.arn("sagemaker", fra, "model/churn-model-v3"), Region: fra},
			Name: "churn-model-v3", ExecutionRoleARN: x.arn("iam", "", "role/sagemaker-churn"), NetworkIsolation: true},
		state.SageMakerModel{Meta: state.Meta{ARN: x.arn("sagemaker", dub, "model/forecast-poc"), Region: dub},
			Name: "forecast-poc", ExecutionRoleARN: x.arn("iam", "", "role/sagemaker-poc")},
	)
}
