package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// sageMakerChecks are the customer's duties on SageMaker: AWS runs the
// hosts, but whether a notebook reaches the internet directly, lets its
// users be root, lives in the customer's VPC and on a supported platform,
// which key encrypts the ML volumes, how many instances serve an endpoint
// and whether a model's containers may call out are the customer's
// settings.
func sageMakerChecks() []check.Check {
	return []check.Check{
		sageMakerNotebookCheck("sagemaker_notebook_no_direct_internet", smNoDirectInternet),
		sageMakerNotebookCheck("sagemaker_notebook_in_vpc", smNotebookInVPC),
		sageMakerNotebookCheck("sagemaker_notebook_no_root_access", smNoRootAccess),
		sageMakerNotebookCheck("sagemaker_notebook_kms_encrypted", smNotebookKMS),
		sageMakerNotebookCheck("sagemaker_notebook_supported_platform", smSupportedPlatform),
		sageMakerEndpointConfigCheck("sagemaker_endpoint_config_kms_encrypted", smEndpointConfigKMS),
		sageMakerEndpointConfigCheck("sagemaker_endpoint_config_multiple_instances", smEndpointConfigInstances),
		sageMakerModelNetworkIsolation(),
	}
}

// sageMakerNotebookCheck judges every described notebook instance; one
// whose description was not read is unknown.
func sageMakerNotebookCheck(id string, judge func(n state.SageMakerNotebook) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "sagemaker", []state.Input{state.InputSageMakerNotebooks}, a.SageMaker.NotebookInstances, func(n state.SageMakerNotebook) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputSageMakerNotebookDetails, n.Region, n.ARN); ok {
					return check.GapR(n, g)
				}
				if !n.Described() {
					return check.UnknownR(n, "notebook instance %s's configuration was not reported", n.Name)
				}
				return judge(n)
			})
		},
	}
}

func smNoDirectInternet(n state.SageMakerNotebook) check.Result {
	if n.DirectInternetAccess == "Disabled" {
		return check.PassR(n, "notebook instance %s has no direct internet access: its traffic goes through VPC subnet %s", n.Name, n.SubnetID)
	}
	return check.FailR(n, "notebook instance %s has direct internet access through SageMaker's own network (DirectInternetAccess %s)", n.Name, n.DirectInternetAccess)
}

func smNotebookInVPC(n state.SageMakerNotebook) check.Result {
	if n.SubnetID == "" {
		return check.FailR(n, "notebook instance %s is not in a VPC of the account: it runs in SageMaker's service network", n.Name)
	}
	return check.PassR(n, "notebook instance %s is in subnet %s", n.Name, n.SubnetID)
}

func smNoRootAccess(n state.SageMakerNotebook) check.Result {
	if n.RootAccess == "Disabled" {
		return check.PassR(n, "notebook instance %s gives its users no root access", n.Name)
	}
	return check.FailR(n, "notebook instance %s gives its users root access (RootAccess %s)", n.Name, n.RootAccess)
}

func smNotebookKMS(n state.SageMakerNotebook) check.Result {
	if n.KMSKeyID == "" {
		return check.FailR(n, "notebook instance %s encrypts its ML storage volume only with SageMaker's AWS managed key", n.Name)
	}
	return check.PassR(n, "notebook instance %s encrypts its ML storage volume with KMS key %s", n.Name, n.KMSKeyID)
}

// smPlatforms are the notebook instance platforms and whether SageMaker
// still supports them (Amazon Linux 1 and the JupyterLab 1 and 3 platforms
// on Amazon Linux 2 are deprecated; see "Amazon Linux 2 vs Amazon Linux 2023
// notebook instances" in the SageMaker AI developer guide).
var smPlatforms = map[string]bool{
	"notebook-al1-v1":    false,
	"notebook-al2-v1":    false,
	"notebook-al2-v2":    false,
	"notebook-al2-v3":    true,
	"notebook-al2023-v1": true,
}

func smSupportedPlatform(n state.SageMakerNotebook) check.Result {
	supported, known := smPlatforms[n.PlatformIdentifier]
	switch {
	case n.PlatformIdentifier == "":
		return check.UnknownR(n, "notebook instance %s reported no platform identifier", n.Name)
	case !known:
		return check.UnknownR(n, "notebook instance %s runs platform %s, which is not in shoulder's platform table", n.Name, n.PlatformIdentifier)
	case !supported:
		return check.FailR(n, "notebook instance %s runs deprecated platform %s", n.Name, n.PlatformIdentifier)
	}
	return check.PassR(n, "notebook instance %s runs supported platform %s", n.Name, n.PlatformIdentifier)
}

// sageMakerEndpointConfigCheck judges every described endpoint
// configuration; one whose description was not read is unknown.
func sageMakerEndpointConfigCheck(id string, judge func(e state.SageMakerEndpointConfig) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "sagemaker", []state.Input{state.InputSageMakerEndpointConfigs}, a.SageMaker.EndpointConfigs, func(e state.SageMakerEndpointConfig) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputSageMakerEndpointConfigDetails, e.Region, e.ARN); ok {
					return check.GapR(e, g)
				}
				if len(e.Variants) == 0 {
					return check.UnknownR(e, "endpoint configuration %s's production variants were not reported", e.Name)
				}
				return judge(e)
			})
		},
	}
}

func smEndpointConfigKMS(e state.SageMakerEndpointConfig) check.Result {
	if e.KMSKeyID != "" {
		return check.PassR(e, "endpoint configuration %s encrypts its instances' storage volumes with KMS key %s", e.Name, e.KMSKeyID)
	}
	for _, v := range e.Variants {
		if !v.Serverless {
			return check.FailR(e, "endpoint configuration %s names no KMS key: its instances' storage volumes use SageMaker's own key", e.Name)
		}
	}
	return check.NotApplicableR(e, "endpoint configuration %s has only serverless variants, which attach no storage volume to encrypt", e.Name)
}

func smEndpointConfigInstances(e state.SageMakerEndpointConfig) check.Result {
	var single, serverless []string
	for _, v := range e.Variants {
		switch {
		case v.Serverless:
			serverless = append(serverless, v.Name)
		case v.InitialInstanceCount < 2:
			single = append(single, v.Name)
		}
	}
	switch {
	case len(single) > 0:
		return check.FailR(e, "endpoint configuration %s starts production variant(s) %s on a single instance", e.Name, strings.Join(single, ", "))
	case len(serverless) == len(e.Variants):
		return check.NotApplicableR(e, "endpoint configuration %s has only serverless variants, which SageMaker spreads itself", e.Name)
	}
	return check.PassR(e, "every instance-based production variant of endpoint configuration %s starts with more than one instance", e.Name)
}

// sageMakerModelNetworkIsolation judges every described model.
func sageMakerModelNetworkIsolation() check.Check {
	return check.Check{
		ID: "sagemaker_model_network_isolation",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "sagemaker", []state.Input{state.InputSageMakerModels}, a.SageMaker.Models, func(m state.SageMakerModel) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputSageMakerModelDetails, m.Region, m.ARN); ok {
					return check.GapR(m, g)
				}
				if m.ExecutionRoleARN == "" {
					return check.UnknownR(m, "model %s's configuration was not reported", m.Name)
				}
				if m.NetworkIsolation {
					return check.PassR(m, "model %s's containers run with network isolation", m.Name)
				}
				return check.FailR(m, "model %s's containers may make outbound network calls (network isolation off)", m.Name)
			})
		},
	}
}
