package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// cloudFrontRegion is where CloudFront's API answers (a global service).
const cloudFrontRegion = "us-east-1"

// cloudFront lists the account's distributions: ListDistributions carries
// origins, cache behaviours, viewer certificate and web ACL, 100 a page.
// The default root object and standard logging exist only in
// GetDistributionConfig, one call per distribution.
func (c *collector) cloudFront(ctx context.Context, _ string) {
	cl := cloudfront.NewFromConfig(c.cfg, func(o *cloudfront.Options) {
		o.Region = cloudFrontRegion
		if c.opts.EndpointURL != "" {
			o.Region = c.home() // an emulator serves every region at one address
		}
		o.APIOptions = append(o.APIOptions, c.instrument("cloudfront", ""))
	})
	var dists []state.Distribution
	err := c.do(ctx, "cloudfront", "ListDistributions", "", "", nil, func(ctx context.Context) error {
		params := cloudfront.ListDistributionsInput{MaxItems: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListDistributions(ctx, &params)
			if err != nil || page.DistributionList == nil {
				return nil, err
			}
			for _, s := range page.DistributionList.Items {
				dists = append(dists, distribution(s))
			}
			return page.DistributionList.NextMarker, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(dists), func() {
		c.rec.Update(func(a *state.Account) { a.CloudFront.Distributions = append(a.CloudFront.Distributions, dists...) })
	})
	for i := range dists {
		x := &dists[i]
		c.item("cloudfront", "", x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "cloudfront", "GetDistributionConfig", "", x.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetDistributionConfig(ctx, &cloudfront.GetDistributionConfigInput{Id: sdk.String(x.ID)})
				if err != nil {
					return err
				}
				if dc := out.DistributionConfig; dc != nil {
					x.DefaultRootObject = str(dc.DefaultRootObject)
					if l := dc.Logging; l != nil && b(l.Enabled) {
						x.Logging, x.LoggingBucket = true, str(l.Bucket)
					}
				}
				return nil
			})
		}, "GetDistributionConfig")
	}
}

// distribution reads one ListDistributions entry.
func distribution(s cftypes.DistributionSummary) state.Distribution {
	x := state.Distribution{Meta: meta(str(s.ARN), "", nil), ID: str(s.Id), DomainName: str(s.DomainName), Enabled: b(s.Enabled),
		WebACLID: str(s.WebACLId)}
	if s.Aliases != nil {
		x.Aliases = append(x.Aliases, s.Aliases.Items...)
	}
	if d := s.DefaultCacheBehavior; d != nil {
		x.Behaviors = append(x.Behaviors, state.CacheBehavior{PathPattern: "*", ViewerProtocolPolicy: string(d.ViewerProtocolPolicy)})
	}
	if s.CacheBehaviors != nil {
		for _, cb := range s.CacheBehaviors.Items {
			x.Behaviors = append(x.Behaviors, state.CacheBehavior{PathPattern: str(cb.PathPattern), ViewerProtocolPolicy: string(cb.ViewerProtocolPolicy)})
		}
	}
	if s.Origins != nil {
		for _, o := range s.Origins.Items {
			y := state.DistributionOrigin{ID: str(o.Id), DomainName: str(o.DomainName), OACID: str(o.OriginAccessControlId)}
			if o.S3OriginConfig != nil {
				y.S3, y.OAI = true, str(o.S3OriginConfig.OriginAccessIdentity)
			}
			if co := o.CustomOriginConfig; co != nil {
				y.ProtocolPolicy = string(co.OriginProtocolPolicy)
				if co.OriginSslProtocols != nil {
					for _, p := range co.OriginSslProtocols.Items {
						y.SSLProtocols = append(y.SSLProtocols, string(p))
					}
				}
			}
			x.Origins = append(x.Origins, y)
		}
	}
	if s.OriginGroups != nil { // svc-gaps3: origin failover (CloudFront.4)
		for _, g := range s.OriginGroups.Items {
			y := state.OriginGroup{ID: str(g.Id)}
			if g.Members != nil {
				for _, m := range g.Members.Items {
					y.Members = append(y.Members, str(m.OriginId))
				}
			}
			x.OriginGroups = append(x.OriginGroups, y)
		}
	}
	if vc := s.ViewerCertificate; vc != nil {
		x.CertificateSource = string(vc.CertificateSource)
		switch {
		case str(vc.ACMCertificateArn) != "":
			x.CertificateSource, x.CertificateARN = "acm", str(vc.ACMCertificateArn)
		case str(vc.IAMCertificateId) != "":
			x.CertificateSource, x.CertificateARN = "iam", str(vc.IAMCertificateId)
		case b(vc.CloudFrontDefaultCertificate):
			x.CertificateSource = "cloudfront"
		}
		x.SSLSupportMethod = string(vc.SSLSupportMethod)
		x.MinimumProtocolVersion = string(vc.MinimumProtocolVersion)
	}
	return x
}
