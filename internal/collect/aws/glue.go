package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// glueService reads a region's AWS Glue jobs (1,000 a page) and machine
// learning transforms (100 a page), whose listings carry every setting a
// check judges, and the region's Data Catalog encryption settings.
func (c *collector) glueService(ctx context.Context, region string) {
	cl := glue.NewFromConfig(c.cfg, func(o *glue.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("glue", region))
	})
	c.sub("glue", region, "", func(ctx context.Context) { c.glueMLTransforms(ctx, cl, region) }, "GetMLTransforms")
	c.sub("glue", region, "", func(ctx context.Context) { c.glueCatalog(ctx, cl, region) }, "GetDataCatalogEncryptionSettings")

	var jobs []state.GlueJob
	err := c.do(ctx, "glue", "GetJobs", region, "", nil, func(ctx context.Context) error {
		params := glue.GetJobsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.GetJobs(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, j := range page.Jobs {
				name := str(j.Name)
				job := state.GlueJob{Meta: meta(c.arn("glue", region, c.accountID, "job/"+name), region, nil), Name: name,
					GlueVersion: str(j.GlueVersion), SecurityConfiguration: str(j.SecurityConfiguration)}
				if j.Command != nil {
					job.Command = str(j.Command.Name)
				}
				jobs = append(jobs, job)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.Glue.Jobs = append(a.Glue.Jobs, jobs...) })
	}
}

// glueMLTransforms lists a region's machine learning transforms with their
// encryption settings.
func (c *collector) glueMLTransforms(ctx context.Context, cl *glue.Client, region string) {
	var ts []state.GlueMLTransform
	err := c.do(ctx, "glue", "GetMLTransforms", region, "", nil, func(ctx context.Context) error {
		params := glue.GetMLTransformsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.GetMLTransforms(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, t := range page.Transforms {
				m := state.GlueMLTransform{Meta: meta(c.arn("glue", region, c.accountID, "mlTransform/"+str(t.TransformId)), region, nil), Name: str(t.Name)}
				if e := t.TransformEncryption; e != nil && e.MlUserDataEncryption != nil {
					m.UserDataEncryption, m.KMSKeyID = string(e.MlUserDataEncryption.MlUserDataEncryptionMode), str(e.MlUserDataEncryption.KmsKeyId)
				}
				ts = append(ts, m)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.Glue.MLTransforms = append(a.Glue.MLTransforms, ts...) })
	}
}

// glueCatalog reads the region's Data Catalog encryption settings: the
// metadata's encryption at rest and the connection passwords'.
func (c *collector) glueCatalog(ctx context.Context, cl *glue.Client, region string) {
	cat := state.GlueCatalog{Meta: meta(c.arn("glue", region, c.accountID, "catalog"), region, nil), EncryptionAtRest: "DISABLED"}
	err := c.do(ctx, "glue", "GetDataCatalogEncryptionSettings", region, "", nil, func(ctx context.Context) error {
		out, err := cl.GetDataCatalogEncryptionSettings(ctx, &glue.GetDataCatalogEncryptionSettingsInput{})
		if err != nil {
			return err
		}
		if s := out.DataCatalogEncryptionSettings; s != nil {
			if e := s.EncryptionAtRest; e != nil && e.CatalogEncryptionMode != "" {
				cat.EncryptionAtRest, cat.KMSKeyID = string(e.CatalogEncryptionMode), str(e.SseAwsKmsKeyId)
			}
			if p := s.ConnectionPasswordEncryption; p != nil {
				cat.PasswordsEncrypted, cat.PasswordKMSKeyID = p.ReturnConnectionPasswordEncrypted, str(p.AwsKmsKeyId)
			}
		}
		return nil
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.Glue.Catalogs = append(a.Glue.Catalogs, cat) })
	}
}
