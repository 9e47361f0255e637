package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// mrapControlRegion is the one region whose S3 Control endpoint answers the
// Multi-Region Access Point management calls.
const mrapControlRegion = "us-west-2"

// s3MultiRegionAccessPoints lists the account's Multi-Region Access Points
// (ListMultiRegionAccessPoints, up to 100 a page). The listing carries each
// one's Block Public Access, so no per-item call follows.
func (c *collector) s3MultiRegionAccessPoints(ctx context.Context, _ string) {
	cl := c.s3controlClient("")
	// AWS answers these calls only in us-west-2, whatever the home region;
	// an endpoint override (an emulator) serves every region at one address
	// and is left on the region the other account-level calls use.
	var opt []func(*s3control.Options)
	if c.opts.EndpointURL == "" {
		opt = append(opt, func(o *s3control.Options) { o.Region = mrapControlRegion })
	}
	var mraps []state.S3MultiRegionAccessPoint
	err := c.do(ctx, "s3control", "ListMultiRegionAccessPoints", "", "", nil, func(ctx context.Context) error {
		params := s3control.ListMultiRegionAccessPointsInput{AccountId: sdk.String(c.accountID), MaxResults: 100}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListMultiRegionAccessPoints(ctx, &params, opt...)
			if err != nil {
				return nil, err
			}
			for _, m := range page.AccessPoints {
				alias := str(m.Alias)
				x := state.S3MultiRegionAccessPoint{Meta: meta(c.arn("s3", "", c.accountID, "accesspoint/"+alias), "", nil),
					Name: str(m.Name), Alias: alias, CreatedAt: m.CreatedAt, Status: string(m.Status)}
				for _, r := range m.Regions {
					x.Regions = append(x.Regions, state.S3MultiRegionAccessPointRegion{Bucket: str(r.Bucket), Region: str(r.Region)})
				}
				if m.PublicAccessBlock != nil {
					x.PublicAccessBlock = controlPAB(m.PublicAccessBlock)
				}
				mraps = append(mraps, x)
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	c.rec.Update(func(a *state.Account) { a.S3.MultiRegionAccessPoints = append(a.S3.MultiRegionAccessPoints, mraps...) })
}
