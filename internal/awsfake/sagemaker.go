package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- SageMaker (awsJson1.1, X-Amz-Target SageMaker.*) ----

func (s *Server) sageMakerService() *service {
	return &service{name: "sagemaker", proto: protoJSON, ops: map[string]handler{
		"ListNotebookInstances":    smListNotebookInstances,
		"DescribeNotebookInstance": smDescribeNotebookInstance,
		"ListEndpointConfigs":      smListEndpointConfigs,
		"DescribeEndpointConfig":   smDescribeEndpointConfig,
		"ListModels":               smListModels,
		"DescribeModel":            smDescribeModel,
	}}
}

// smNotebook is the notebook instance as SageMaker reports it: internet
// and root access are Enabled unless set (AWS's defaults at creation).
func smNotebook(n state.SageMakerNotebook) state.SageMakerNotebook {
	n.DirectInternetAccess = orDefault(n.DirectInternetAccess, "Enabled")
	n.RootAccess = orDefault(n.RootAccess, "Enabled")
	return n
}

// smEndpointConfig is the endpoint configuration as SageMaker reports it:
// one variant of one instance unless set (AWS requires a variant).
func smEndpointConfig(e state.SageMakerEndpointConfig) state.SageMakerEndpointConfig {
	if len(e.Variants) == 0 {
		e.Variants = []state.SageMakerVariant{{Name: "AllTraffic", InitialInstanceCount: 1}}
	}
	return e
}

// smModel is the model as SageMaker reports it: every model has an
// execution role (one named after the account unless set).
func smModel(m state.SageMakerModel, account string) state.SageMakerModel {
	m.ExecutionRoleARN = orDefault(m.ExecutionRoleARN, "arn:aws:iam::"+account+":role/SageMakerExecution")
	return m
}

func smListNotebookInstances(c *call) (*reply, error) {
	xs := c.s.idx.smNotebooks[c.region]
	start, end, next, err := c.pageOf(len(xs), 10, 100)
	if err != nil {
		return nil, err
	}
	out := &sagemaker.ListNotebookInstancesOutput{NotebookInstances: []smtypes.NotebookInstanceSummary{}, NextToken: sp(next)}
	for _, x := range xs[start:end] {
		out.NotebookInstances = append(out.NotebookInstances, smtypes.NotebookInstanceSummary{NotebookInstanceName: sp(x.Name),
			NotebookInstanceArn: sp(x.ARN), NotebookInstanceStatus: smtypes.NotebookInstanceStatus(x.Status),
			InstanceType: smtypes.InstanceType(x.InstanceType)})
	}
	return c.jsonReply(out), nil
}

func smDescribeNotebookInstance(c *call) (*reply, error) {
	name := c.str("NotebookInstanceName")
	for _, x := range c.s.idx.smNotebooks[c.region] {
		if x.Name != name {
			continue
		}
		n := smNotebook(*x)
		return c.jsonReply(&sagemaker.DescribeNotebookInstanceOutput{NotebookInstanceName: sp(n.Name), NotebookInstanceArn: sp(n.ARN),
			NotebookInstanceStatus: smtypes.NotebookInstanceStatus(n.Status), InstanceType: smtypes.InstanceType(n.InstanceType),
			DirectInternetAccess: smtypes.DirectInternetAccess(n.DirectInternetAccess), RootAccess: smtypes.RootAccess(n.RootAccess),
			SubnetId: sp(n.SubnetID), KmsKeyId: sp(n.KMSKeyID), PlatformIdentifier: sp(n.PlatformIdentifier)}), nil
	}
	return nil, errf(400, "ValidationException", "RecordNotFound")
}

func smListEndpointConfigs(c *call) (*reply, error) {
	xs := c.s.idx.smEndpointConfigs[c.region]
	start, end, next, err := c.pageOf(len(xs), 10, 100)
	if err != nil {
		return nil, err
	}
	out := &sagemaker.ListEndpointConfigsOutput{EndpointConfigs: []smtypes.EndpointConfigSummary{}, NextToken: sp(next)}
	for _, x := range xs[start:end] {
		out.EndpointConfigs = append(out.EndpointConfigs, smtypes.EndpointConfigSummary{EndpointConfigName: sp(x.Name),
			EndpointConfigArn: sp(x.ARN), CreationTime: p(c.s.acct.CollectedAt)})
	}
	return c.jsonReply(out), nil
}

func smDescribeEndpointConfig(c *call) (*reply, error) {
	name := c.str("EndpointConfigName")
	for _, x := range c.s.idx.smEndpointConfigs[c.region] {
		if x.Name != name {
			continue
		}
		e := smEndpointConfig(*x)
		out := &sagemaker.DescribeEndpointConfigOutput{EndpointConfigName: sp(e.Name), EndpointConfigArn: sp(e.ARN), KmsKeyId: sp(e.KMSKeyID),
			CreationTime: p(c.s.acct.CollectedAt)}
		for _, v := range e.Variants {
			pv := smtypes.ProductionVariant{VariantName: sp(v.Name)}
			if v.Serverless {
				pv.ServerlessConfig = &smtypes.ProductionVariantServerlessConfig{MemorySizeInMB: p(int32(2048)), MaxConcurrency: p(int32(5))}
			} else {
				pv.InitialInstanceCount, pv.InstanceType = p(int32(v.InitialInstanceCount)), smtypes.ProductionVariantInstanceTypeMlM5Large
			}
			out.ProductionVariants = append(out.ProductionVariants, pv)
		}
		return c.jsonReply(out), nil
	}
	return nil, errf(400, "ValidationException", "Could not find endpoint configuration %q.", name)
}

func smListModels(c *call) (*reply, error) {
	xs := c.s.idx.smModels[c.region]
	start, end, next, err := c.pageOf(len(xs), 10, 100)
	if err != nil {
		return nil, err
	}
	out := &sagemaker.ListModelsOutput{Models: []smtypes.ModelSummary{}, NextToken: sp(next)}
	for _, x := range xs[start:end] {
		out.Models = append(out.Models, smtypes.ModelSummary{ModelName: sp(x.Name), ModelArn: sp(x.ARN), CreationTime: p(c.s.acct.CollectedAt)})
	}
	return c.jsonReply(out), nil
}

func smDescribeModel(c *call) (*reply, error) {
	name := c.str("ModelName")
	for _, x := range c.s.idx.smModels[c.region] {
		if x.Name != name {
			continue
		}
		m := smModel(*x, c.s.acct.AccountID)
		return c.jsonReply(&sagemaker.DescribeModelOutput{ModelName: sp(m.Name), ModelArn: sp(m.ARN), ExecutionRoleArn: sp(m.ExecutionRoleARN),
			EnableNetworkIsolation: p(m.NetworkIsolation), CreationTime: p(c.s.acct.CollectedAt)}), nil
	}
	return nil, errf(400, "ValidationException", "Could not find model %q.", name)
}

// sageMakerExpressible applies SageMaker's defaults (the same functions
// the handlers answer with) and drops what a failed Describe call hides.
func sageMakerExpressible(c *state.Account) {
	for i := range c.SageMaker.NotebookInstances {
		n := &c.SageMaker.NotebookInstances[i]
		n.Tags = nil
		if _, unread := c.Gaps.Find("sagemaker", n.Region, "DescribeNotebookInstance", n.ARN); unread {
			*n = state.SageMakerNotebook{Meta: state.Meta{ARN: n.ARN, Region: n.Region}, Name: n.Name, Status: n.Status, InstanceType: n.InstanceType}
			continue
		}
		*n = smNotebook(*n)
	}
	for i := range c.SageMaker.EndpointConfigs {
		e := &c.SageMaker.EndpointConfigs[i]
		e.Tags = nil
		if _, unread := c.Gaps.Find("sagemaker", e.Region, "DescribeEndpointConfig", e.ARN); unread {
			*e = state.SageMakerEndpointConfig{Meta: state.Meta{ARN: e.ARN, Region: e.Region}, Name: e.Name}
			continue
		}
		*e = smEndpointConfig(*e)
	}
	for i := range c.SageMaker.Models {
		m := &c.SageMaker.Models[i]
		m.Tags = nil
		if _, unread := c.Gaps.Find("sagemaker", m.Region, "DescribeModel", m.ARN); unread {
			*m = state.SageMakerModel{Meta: state.Meta{ARN: m.ARN, Region: m.Region}, Name: m.Name}
			continue
		}
		*m = smModel(*m, c.AccountID)
	}
}
