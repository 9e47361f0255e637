package aws

import (
	"context"
	"strings"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3controltypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3controlClient returns the S3 Control client of a region ("" is the
// home region, for the account-level calls).
func (c *collector) s3controlClient(region string) *s3control.Client {
	return s3control.NewFromConfig(c.cfg, func(o *s3control.Options) {
		o.Region = region
		if region == "" {
			o.Region = c.home()
		}
		o.APIOptions = append(o.APIOptions, c.instrument("s3control", region))
		if o.BaseEndpoint != nil {
			// s3control's endpoint rules put the account ID in front of
			// the host name ({account}.s3-control...), also in front of an
			// override; an emulator's loopback address has no such names.
			o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
				return st.Finalize.Insert(middleware.FinalizeMiddlewareFunc("shoulder/no-account-host",
					func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
						if req, ok := in.Request.(*smithyhttp.Request); ok {
							req.URL.Host = strings.TrimPrefix(req.URL.Host, c.accountID+".")
						}
						return next.HandleFinalize(ctx, in)
					}), "ResolveEndpointV2", middleware.After)
			})
		}
	})
}

// s3AccessPoints lists a region's S3 access points (ListAccessPoints, up to
// 1,000 a page) and reads each one's Block Public Access with
// GetAccessPoint: the listing carries the network origin and VPC but not
// the access point's own Block Public Access settings.
func (c *collector) s3AccessPoints(ctx context.Context, region string) {
	cl := c.s3controlClient(region)
	var aps []state.S3AccessPoint
	err := c.do(ctx, "s3control", "ListAccessPoints", region, "", nil, func(ctx context.Context) error {
		params := s3control.ListAccessPointsInput{AccountId: sdk.String(c.accountID), MaxResults: 1000}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListAccessPoints(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, ap := range page.AccessPointList {
				arn := str(ap.AccessPointArn)
				// An access point belongs to the region in its ARN. AWS
				// lists only the endpoint's region; an emulator may list
				// every region's access points everywhere, and each must
				// be read (and kept) once.
				if r := arnRegion(arn); r != "" && r != region {
					continue
				}
				x := state.S3AccessPoint{Meta: meta(arn, region, nil), Name: str(ap.Name), Bucket: str(ap.Bucket),
					BucketAccountID: str(ap.BucketAccountId), NetworkOrigin: string(ap.NetworkOrigin)}
				if ap.VpcConfiguration != nil {
					x.VPCID = str(ap.VpcConfiguration.VpcId)
				}
				aps = append(aps, x)
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(aps), func() {
		c.rec.Update(func(a *state.Account) { a.S3.AccessPoints = append(a.S3.AccessPoints, aps...) })
	})
	for i := range aps {
		ap := &aps[i]
		c.item("s3control", region, ap.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "s3control", "GetAccessPoint", region, ap.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetAccessPoint(ctx, &s3control.GetAccessPointInput{AccountId: sdk.String(c.accountID), Name: sdk.String(ap.Name)})
				if err == nil && out.PublicAccessBlockConfiguration != nil {
					ap.PublicAccessBlock = controlPAB(out.PublicAccessBlockConfiguration)
				}
				return err
			})
		}, "GetAccessPoint")
	}
}

// arnRegion is the region field of an ARN, "" when it has none.
func arnRegion(arn string) string {
	parts := strings.SplitN(arn, ":", 5)
	if len(parts) < 5 {
		return ""
	}
	return parts[3]
}

// controlPAB converts an S3 Control Block Public Access configuration (the
// account's, an access point's, a Multi-Region Access Point's).
func controlPAB(p *s3controltypes.PublicAccessBlockConfiguration) *state.PublicAccessBlock {
	return &state.PublicAccessBlock{BlockPublicAcls: b(p.BlockPublicAcls), IgnorePublicAcls: b(p.IgnorePublicAcls),
		BlockPublicPolicy: b(p.BlockPublicPolicy), RestrictPublicBuckets: b(p.RestrictPublicBuckets)}
}
