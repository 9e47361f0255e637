package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// sagemaker lists a region's notebook instances, endpoint configurations
// and models (names and ARNs, 100 a page) and describes each: what the
// checks judge (internet and root access, subnet, KMS keys, production
// variants, network isolation) exists only in the Describe calls.
func (c *collector) sagemaker(ctx context.Context, region string) {
	cl := sagemaker.NewFromConfig(c.cfg, func(o *sagemaker.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("sagemaker", region))
	})
	c.sageMakerNotebooks(ctx, cl, region)
	c.sageMakerEndpointConfigs(ctx, cl, region)
	c.sageMakerModels(ctx, cl, region)
}

func (c *collector) sageMakerNotebooks(ctx context.Context, cl *sagemaker.Client, region string) {
	var nbs []state.SageMakerNotebook
	err := c.do(ctx, "sagemaker", "ListNotebookInstances", region, "", nil, func(ctx context.Context) error {
		params := sagemaker.ListNotebookInstancesInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListNotebookInstances(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.NotebookInstances {
				nbs = append(nbs, state.SageMakerNotebook{Meta: meta(str(s.NotebookInstanceArn), region, nil), Name: str(s.NotebookInstanceName),
					Status: string(s.NotebookInstanceStatus), InstanceType: string(s.InstanceType)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(nbs), func() {
		c.rec.Update(func(a *state.Account) { a.SageMaker.NotebookInstances = append(a.SageMaker.NotebookInstances, nbs...) })
	})
	for i := range nbs {
		n := &nbs[i]
		c.item("sagemaker", region, n.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "sagemaker", "DescribeNotebookInstance", region, n.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeNotebookInstance(ctx, &sagemaker.DescribeNotebookInstanceInput{NotebookInstanceName: sdk.String(n.Name)})
				if err != nil {
					return err
				}
				n.DirectInternetAccess, n.RootAccess = string(out.DirectInternetAccess), string(out.RootAccess)
				n.SubnetID, n.KMSKeyID, n.PlatformIdentifier = str(out.SubnetId), str(out.KmsKeyId), str(out.PlatformIdentifier)
				return nil
			})
		}, "DescribeNotebookInstance")
	}
}

func (c *collector) sageMakerEndpointConfigs(ctx context.Context, cl *sagemaker.Client, region string) {
	var cfgs []state.SageMakerEndpointConfig
	err := c.do(ctx, "sagemaker", "ListEndpointConfigs", region, "", nil, func(ctx context.Context) error {
		params := sagemaker.ListEndpointConfigsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListEndpointConfigs(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.EndpointConfigs {
				cfgs = append(cfgs, state.SageMakerEndpointConfig{Meta: meta(str(s.EndpointConfigArn), region, nil), Name: str(s.EndpointConfigName)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(cfgs), func() {
		c.rec.Update(func(a *state.Account) { a.SageMaker.EndpointConfigs = append(a.SageMaker.EndpointConfigs, cfgs...) })
	})
	for i := range cfgs {
		e := &cfgs[i]
		c.item("sagemaker", region, e.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "sagemaker", "DescribeEndpointConfig", region, e.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: sdk.String(e.Name)})
				if err != nil {
					return err
				}
				e.KMSKeyID = str(out.KmsKeyId)
				for _, v := range out.ProductionVariants {
					e.Variants = append(e.Variants, state.SageMakerVariant{Name: str(v.VariantName), InitialInstanceCount: i32(v.InitialInstanceCount),
						Serverless: v.ServerlessConfig != nil})
				}
				return nil
			})
		}, "DescribeEndpointConfig")
	}
}

func (c *collector) sageMakerModels(ctx context.Context, cl *sagemaker.Client, region string) {
	var models []state.SageMakerModel
	err := c.do(ctx, "sagemaker", "ListModels", region, "", nil, func(ctx context.Context) error {
		params := sagemaker.ListModelsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListModels(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.Models {
				models = append(models, state.SageMakerModel{Meta: meta(str(s.ModelArn), region, nil), Name: str(s.ModelName)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(models), func() {
		c.rec.Update(func(a *state.Account) { a.SageMaker.Models = append(a.SageMaker.Models, models...) })
	})
	for i := range models {
		m := &models[i]
		c.item("sagemaker", region, m.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "sagemaker", "DescribeModel", region, m.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: sdk.String(m.Name)})
				if err != nil {
					return err
				}
				m.ExecutionRoleARN, m.NetworkIsolation = str(out.ExecutionRoleArn), b(out.EnableNetworkIsolation)
				return nil
			})
		}, "DescribeModel")
	}
}
