package aws

import (
	"context"
	"strconv"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ec2SpotFleets reads the region's Spot Fleet requests (svc-gaps3, FSBP
// EC2.173): DescribeSpotFleetRequests, 1,000 a page, with the launch
// specifications and their block device mappings in bulk.
func (c *collector) ec2SpotFleets(ctx context.Context, cl *ec2.Client, region string) {
	var out []state.SpotFleetRequest
	err := c.do(ctx, "ec2", "DescribeSpotFleetRequests", region, "", nil, func(ctx context.Context) error {
		params := ec2.DescribeSpotFleetRequestsInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeSpotFleetRequests(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, r := range page.SpotFleetRequestConfigs {
				out = append(out, c.spotFleet(r, region))
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	c.rec.Update(func(a *state.Account) { a.EC2.SpotFleetRequests = append(a.EC2.SpotFleetRequests, out...) })
}

// spotFleet is the state of one Spot Fleet request.
func (c *collector) spotFleet(r types.SpotFleetRequestConfig, region string) state.SpotFleetRequest {
	id := str(r.SpotFleetRequestId)
	x := state.SpotFleetRequest{Meta: meta(c.ec2ARN(region, "spot-fleet-request/"+id), region, ec2Tags(r.Tags)), ID: id,
		State: string(r.SpotFleetRequestState)}
	if d := r.SpotFleetRequestConfig; d != nil {
		x.LaunchSpecifications = len(d.LaunchSpecifications)
		for i, spec := range d.LaunchSpecifications {
			for _, m := range spec.BlockDeviceMappings {
				if m.Ebs == nil {
					continue // instance store or no device
				}
				x.EBSVolumes = append(x.EBSVolumes, state.TemplateVolume{Device: strconv.Itoa(i+1) + ":" + str(m.DeviceName), Encrypted: m.Ebs.Encrypted})
			}
		}
	}
	return x
}
