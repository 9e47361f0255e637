package aws

import "context"

func (c *collector) iam(ctx context.Context, _ string)                 {}
func (c *collector) alternateContact(ctx context.Context, _ string)    {}
func (c *collector) organizations(ctx context.Context, _ string)       {}
func (c *collector) s3(ctx context.Context, _ string)                  {}
func (c *collector) s3AccountBPA(ctx context.Context, _ string)        {}
func (c *collector) ec2(ctx context.Context, region string)            {}
func (c *collector) kms(ctx context.Context, region string)            {}
func (c *collector) cloudtrail(ctx context.Context, region string)     {}
func (c *collector) config(ctx context.Context, region string)         {}
func (c *collector) guardduty(ctx context.Context, region string)      {}
func (c *collector) ssm(ctx context.Context, region string)            {}
func (c *collector) rds(ctx context.Context, region string)            {}
func (c *collector) redshift(ctx context.Context, region string)       {}
func (c *collector) workspaces(ctx context.Context, region string)     {}
func (c *collector) accessAnalyzer(ctx context.Context, region string) {}
func (c *collector) regions(ctx context.Context) []string              { return nil }
