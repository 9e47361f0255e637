package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsSMNotebookARN = "arn:aws:sagemaker:eu-west-1:" + testAccountID + ":notebook-instance/research"
	dsSMConfigARN   = "arn:aws:sagemaker:eu-west-1:" + testAccountID + ":endpoint-config/churn"
	dsSMModelARN    = "arn:aws:sagemaker:eu-west-1:" + testAccountID + ":model/churn"
	dsSMKeyARN      = "arn:aws:kms:eu-west-1:" + testAccountID + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

// dsSMNotebook adds notebook instance "research" in eu-west-1: in a
// subnet without direct internet or root access, under a KMS key, on
// notebook-al2023-v1, edited by mut.
func dsSMNotebook(mut func(n *state.SageMakerNotebook)) func(*state.Account) {
	return func(a *state.Account) {
		n := state.SageMakerNotebook{Meta: state.Meta{ARN: dsSMNotebookARN, Region: "eu-west-1"}, Name: "research", Status: "InService",
			InstanceType: "ml.t3.medium", DirectInternetAccess: "Disabled", RootAccess: "Disabled", SubnetID: "subnet-0a1b2c3d",
			KMSKeyID: dsSMKeyARN, PlatformIdentifier: "notebook-al2023-v1"}
		if mut != nil {
			mut(&n)
		}
		a.SageMaker.NotebookInstances = append(a.SageMaker.NotebookInstances, n)
	}
}

// dsSMConfig adds endpoint configuration "churn" in eu-west-1: one
// variant on two instances under a KMS key, edited by mut.
func dsSMConfig(mut func(e *state.SageMakerEndpointConfig)) func(*state.Account) {
	return func(a *state.Account) {
		e := state.SageMakerEndpointConfig{Meta: state.Meta{ARN: dsSMConfigARN, Region: "eu-west-1"}, Name: "churn", KMSKeyID: dsSMKeyARN,
			Variants: []state.SageMakerVariant{{Name: "AllTraffic", InitialInstanceCount: 2}}}
		if mut != nil {
			mut(&e)
		}
		a.SageMaker.EndpointConfigs = append(a.SageMaker.EndpointConfigs, e)
	}
}

// dsSMModel adds model "churn" in eu-west-1 with network isolation,
// edited by mut.
func dsSMModel(mut func(m *state.SageMakerModel)) func(*state.Account) {
	return func(a *state.Account) {
		m := state.SageMakerModel{Meta: state.Meta{ARN: dsSMModelARN, Region: "eu-west-1"}, Name: "churn",
			ExecutionRoleARN: "arn:aws:iam::" + testAccountID + ":role/SageMakerExecution", NetworkIsolation: true}
		if mut != nil {
			mut(&m)
		}
		a.SageMaker.Models = append(a.SageMaker.Models, m)
	}
}

func sageMakerCases() map[string][]checkCase {
	nbUnknowns := []checkCase{
		{name: "description denied", acct: baseAccount(dsSMNotebook(nil), dsGap("sagemaker", "eu-west-1", "DescribeNotebookInstance", dsSMNotebookARN)), want: dsWant(dsU)},
		{name: "listing denied", acct: baseAccount(dsSMNotebook(nil), dsGap("sagemaker", "eu-west-1", "ListNotebookInstances", "")), want: dsWant(dsU)},
		{name: "not described", acct: baseAccount(dsSMNotebook(func(n *state.SageMakerNotebook) { n.DirectInternetAccess, n.RootAccess = "", "" })), want: dsWant(dsU)},
	}
	nb := func(name string, mut func(*state.SageMakerNotebook), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsSMNotebook(mut)), want: want}
	}
	cfgUnknowns := []checkCase{
		{name: "description denied", acct: baseAccount(dsSMConfig(nil), dsGap("sagemaker", "eu-west-1", "DescribeEndpointConfig", dsSMConfigARN)), want: dsWant(dsU)},
		{name: "listing denied", acct: baseAccount(dsSMConfig(nil), dsGap("sagemaker", "eu-west-1", "ListEndpointConfigs", "")), want: dsWant(dsU)},
		{name: "not described", acct: baseAccount(dsSMConfig(func(e *state.SageMakerEndpointConfig) { e.Variants = nil })), want: dsWant(dsU)},
	}
	cfg := func(name string, mut func(*state.SageMakerEndpointConfig), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsSMConfig(mut)), want: want}
	}
	serverless := func(e *state.SageMakerEndpointConfig) {
		e.KMSKeyID, e.Variants = "", []state.SageMakerVariant{{Name: "AllTraffic", Serverless: true}}
	}
	return map[string][]checkCase{
		"sagemaker_notebook_no_direct_internet": append([]checkCase{
			nb("disabled", nil, dsP),
			nb("enabled", func(n *state.SageMakerNotebook) { n.DirectInternetAccess = "Enabled" }, dsF),
		}, nbUnknowns...),
		"sagemaker_notebook_in_vpc": append([]checkCase{
			nb("in a subnet", nil, dsP),
			nb("service network", func(n *state.SageMakerNotebook) { n.SubnetID, n.DirectInternetAccess = "", "Enabled" }, dsF),
		}, nbUnknowns...),
		"sagemaker_notebook_no_root_access": append([]checkCase{
			nb("disabled", nil, dsP),
			nb("enabled", func(n *state.SageMakerNotebook) { n.RootAccess = "Enabled" }, dsF),
		}, nbUnknowns...),
		"sagemaker_notebook_kms_encrypted": append([]checkCase{
			nb("customer key", nil, dsP),
			nb("aws managed key", func(n *state.SageMakerNotebook) { n.KMSKeyID = "" }, dsF),
		}, nbUnknowns...),
		"sagemaker_notebook_supported_platform": append([]checkCase{
			nb("al2023", nil, dsP),
			nb("al2 jupyterlab 4", func(n *state.SageMakerNotebook) { n.PlatformIdentifier = "notebook-al2-v3" }, dsP),
			nb("al1", func(n *state.SageMakerNotebook) { n.PlatformIdentifier = "notebook-al1-v1" }, dsF),
			nb("al2 jupyterlab 3", func(n *state.SageMakerNotebook) { n.PlatformIdentifier = "notebook-al2-v2" }, dsF),
			nb("not in the table", func(n *state.SageMakerNotebook) { n.PlatformIdentifier = "notebook-al2029-v1" }, dsU),
			nb("not reported", func(n *state.SageMakerNotebook) { n.PlatformIdentifier = "" }, dsU),
		}, nbUnknowns...),
		"sagemaker_endpoint_config_kms_encrypted": append([]checkCase{
			cfg("customer key", nil, dsP),
			cfg("no key", func(e *state.SageMakerEndpointConfig) { e.KMSKeyID = "" }, dsF),
			cfg("serverless only", serverless, dsNA),
		}, cfgUnknowns...),
		"sagemaker_endpoint_config_multiple_instances": append([]checkCase{
			cfg("two instances", nil, dsP),
			cfg("one instance", func(e *state.SageMakerEndpointConfig) { e.Variants[0].InitialInstanceCount = 1 }, dsF),
			cfg("one of two variants single", func(e *state.SageMakerEndpointConfig) {
				e.Variants = append(e.Variants, state.SageMakerVariant{Name: "Canary", InitialInstanceCount: 1})
			}, dsF),
			cfg("serverless only", serverless, dsNA),
		}, cfgUnknowns...),
		"sagemaker_model_network_isolation": {
			{name: "isolated", acct: baseAccount(dsSMModel(nil)), want: dsWant(dsP)},
			{name: "not isolated", acct: baseAccount(dsSMModel(func(m *state.SageMakerModel) { m.NetworkIsolation = false })), want: dsWant(dsF)},
			{name: "description denied", acct: baseAccount(dsSMModel(nil), dsGap("sagemaker", "eu-west-1", "DescribeModel", dsSMModelARN)), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsSMModel(nil), dsGap("sagemaker", "eu-west-1", "ListModels", "")), want: dsWant(dsU)},
			{name: "not described", acct: baseAccount(dsSMModel(func(m *state.SageMakerModel) { m.ExecutionRoleARN = "" })), want: dsWant(dsU)},
		},
	}
}

// TestDemoSageMakerVerdicts pins what the demo's notebook instances,
// endpoint configurations and models show: each SageMaker check passes
// somewhere and fails somewhere.
func TestDemoSageMakerVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range sageMakerChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}
