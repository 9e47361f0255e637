package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildElasticBeanstalk creates application "shop" with web environment
// "shop-web" in the region. This moto keeps no option settings, so the
// environment is the same in every region.
func buildElasticBeanstalk(ctx context.Context, cfg sdk.Config) {
	c := elasticbeanstalk.NewFromConfig(cfg)
	must(c.CreateApplication(ctx, &elasticbeanstalk.CreateApplicationInput{ApplicationName: sdk.String("shop")}))
	must(c.CreateEnvironment(ctx, &elasticbeanstalk.CreateEnvironmentInput{ApplicationName: sdk.String("shop"), EnvironmentName: sdk.String("shop-web"),
		SolutionStackName: sdk.String("64bit Amazon Linux 2023 v4.3.0 running Python 3.11")}))
}

// TestMotoElasticBeanstalk: every region's environment is listed with its
// application and tier; this moto serves no DescribeConfigurationSettings,
// so each environment's configuration is a not_implemented gap on its ARN
// (which the checks turn into unknown), never defaults read as settings.
func TestMotoElasticBeanstalk(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		t.Run(r, func(t *testing.T) {
			e := find(t, "environment", res.Account.ElasticBeanstalk.Environments,
				func(x state.BeanstalkEnvironment) string { return x.Region + "/" + x.Name }, r+"/shop-web")
			arn := "arn:aws:elasticbeanstalk:" + r + ":" + motoAccount + ":environment/shop/shop-web"
			eq(t, "arn", e.ARN, arn)
			eq(t, "application", e.Application, "shop")
			eq(t, "tier", e.Tier, "WebServer")
			eq(t, "configured", e.Configured, false)
			g, ok := res.Account.Gaps.Find("elasticbeanstalk", r, "DescribeConfigurationSettings", arn)
			if !ok || g.Reason != state.ReasonNotImplemented {
				t.Errorf("configuration gap = %+v (found %v), want not_implemented", g, ok)
			}
		})
	}
}
