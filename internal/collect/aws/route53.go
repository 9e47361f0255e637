package aws

import (
	"context"
	"strings"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// route53Region is where Route 53's API answers (a global service).
const route53Region = "us-east-1"

// route53 lists the account's hosted zones (ListHostedZones, 100 a page)
// and every query logging configuration (ListQueryLoggingConfigs, in
// bulk), then reads GetDNSSEC for each public zone: its signing status
// is in no listing. Private zones answer only inside their VPCs, so
// neither query logging (Route53.2 is about public zones) nor DNSSEC
// applies to them.
func (c *collector) route53(ctx context.Context, _ string) {
	cl := route53.NewFromConfig(c.cfg, func(o *route53.Options) {
		o.Region = route53Region
		if c.opts.EndpointURL != "" {
			o.Region = c.home() // an emulator serves every region at one address
		}
		o.APIOptions = append(o.APIOptions, c.instrument("route53", ""))
	})
	var zones []state.HostedZone
	err := c.do(ctx, "route53", "ListHostedZones", "", "", nil, func(ctx context.Context) error {
		params := route53.ListHostedZonesInput{MaxItems: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListHostedZones(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, z := range page.HostedZones {
				id := strings.TrimPrefix(str(z.Id), "/hostedzone/")
				x := state.HostedZone{Meta: meta(c.arn("route53", "", "", "hostedzone/"+id), "", nil), ID: id, Name: str(z.Name),
					RecordCount: int(sdk.ToInt64(z.ResourceRecordSetCount))}
				if z.Config != nil {
					x.Private = z.Config.PrivateZone
				}
				zones = append(zones, x)
			}
			return page.NextMarker, nil
		})
	})
	if err != nil {
		return
	}
	logs := map[string]string{}
	_ = c.do(ctx, "route53", "ListQueryLoggingConfigs", "", "", nil, func(ctx context.Context) error {
		params := route53.ListQueryLoggingConfigsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListQueryLoggingConfigs(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, q := range page.QueryLoggingConfigs {
				logs[strings.TrimPrefix(str(q.HostedZoneId), "/hostedzone/")] = str(q.CloudWatchLogsLogGroupArn)
			}
			return page.NextToken, nil
		})
	})
	for i := range zones {
		zones[i].QueryLogGroupARN = logs[zones[i].ID]
	}
	public := 0
	for _, z := range zones {
		if !z.Private {
			public++
		}
	}
	done := c.perItem(public, func() {
		c.rec.Update(func(a *state.Account) { a.Route53.HostedZones = append(a.Route53.HostedZones, zones...) })
	})
	if public == 0 {
		return
	}
	for i := range zones {
		z := &zones[i]
		if z.Private {
			continue
		}
		c.item("route53", "", z.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "route53", "GetDNSSEC", "", z.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetDNSSEC(ctx, &route53.GetDNSSECInput{HostedZoneId: sdk.String(z.ID)})
				if err != nil {
					return err
				}
				z.DNSSECRead = true
				if out.Status != nil {
					z.DNSSECStatus = str(out.Status.ServeSignature)
				}
				return nil
			})
		}, "GetDNSSEC")
	}
}
