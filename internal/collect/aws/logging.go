package aws

import (
	"context"
	"strings"
	"sync"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	gdtypes "github.com/aws/aws-sdk-go-v2/service/guardduty/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// trailSeen deduplicates trails across regions: DescribeTrails with shadow
// trails returns a multi-region trail in every region, and its status and
// selectors are read once, at its home region.
type trailSeen struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (t *trailSeen) first(arn string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.seen == nil {
		t.seen = map[string]bool{}
	}
	if t.seen[arn] {
		return false
	}
	t.seen[arn] = true
	return true
}

// trailClient returns the CloudTrail client of a region, made once: a
// trail's status and settings are read at its home region.
func (c *collector) trailClient(region string) *cloudtrail.Client {
	return c.clients.trailIn(region, func() *cloudtrail.Client {
		return cloudtrail.NewFromConfig(c.cfg, func(o *cloudtrail.Options) {
			o.Region = region
			o.APIOptions = append(o.APIOptions, c.instrument("cloudtrail", region))
		})
	})
}

// cloudtrail lists the trails that apply to a region (its own, multi-region
// and organization trails via shadow trails) and reads each trail's status,
// event selectors and tags once, at its home region.
func (c *collector) cloudtrail(ctx context.Context, region string) {
	cl := c.trailClient(region)
	var trails []cttypes.Trail
	err := c.do(ctx, "cloudtrail", "DescribeTrails", region, "", nil, func(ctx context.Context) error {
		out, err := cl.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: sdk.Bool(true)})
		if err == nil {
			trails = out.TrailList
		}
		return err
	})
	if err != nil {
		return
	}
	var xs []*state.Trail
	for _, t := range trails {
		if !c.trails.first(str(t.TrailARN)) {
			continue
		}
		home := str(t.HomeRegion)
		if home == "" {
			home = region
		}
		x := &state.Trail{Meta: meta(str(t.TrailARN), home, nil), Name: str(t.Name), HomeRegion: home,
			IsMultiRegion: b(t.IsMultiRegionTrail), IsOrganization: b(t.IsOrganizationTrail), LogFileValidation: b(t.LogFileValidationEnabled),
			KMSKeyID: str(t.KmsKeyId), S3Bucket: str(t.S3BucketName), IncludeGlobalEvents: b(t.IncludeGlobalServiceEvents),
			CloudWatchLogGroupARN: str(t.CloudWatchLogsLogGroupArn)}
		if a, err := arn.Parse(x.ARN); err == nil {
			x.OwnerAccountID = a.AccountID
		}
		xs = append(xs, x)
	}
	// Tags in batches of up to 20 trails of one home region (ListTags
	// answers only for the region it is called in).
	byHome := map[string][]*state.Trail{}
	var homes []string
	for _, x := range xs {
		if byHome[x.HomeRegion] == nil {
			homes = append(homes, x.HomeRegion)
		}
		byHome[x.HomeRegion] = append(byHome[x.HomeRegion], x)
	}
	var batches [][]*state.Trail
	for _, h := range homes {
		for ts := byHome[h]; len(ts) > 0; {
			n := min(20, len(ts))
			batches = append(batches, ts[:n])
			ts = ts[n:]
		}
	}
	done := c.perItem(len(xs)+len(batches), func() {
		c.rec.Update(func(a *state.Account) {
			for _, x := range xs {
				a.CloudTrail.Trails = append(a.CloudTrail.Trails, *x)
			}
		})
	})
	for _, x := range xs {
		hc := c.trailClient(x.HomeRegion)
		c.item("cloudtrail", x.HomeRegion, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "cloudtrail", "GetTrailStatus", x.HomeRegion, x.ARN, nil, func(ctx context.Context) error {
				out, err := hc.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: sdk.String(x.ARN)})
				if err == nil {
					x.IsLogging, x.LatestCloudWatchDelivery, x.LatestDelivery = b(out.IsLogging), tptr(out.LatestCloudWatchLogsDeliveryTime), tptr(out.LatestDeliveryTime)
				}
				return err
			})
			_ = c.do(ctx, "cloudtrail", "GetEventSelectors", x.HomeRegion, x.ARN, nil, func(ctx context.Context) error {
				out, err := hc.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: sdk.String(x.ARN)})
				if err == nil {
					applySelectors(x, out)
				}
				return err
			})
		}, "GetTrailStatus", "GetEventSelectors")
	}
	for _, batch := range batches {
		home := batch[0].HomeRegion
		c.item("cloudtrail", home, "", done, func(ctx context.Context) { c.trailTags(ctx, home, batch) }, "ListTags")
	}
}

// trailTags reads the tags of up to 20 trails of one home region in one
// ListTags call. A failure is recorded for the whole home region (the call
// names no single trail), leaving those trails' tags unknown.
func (c *collector) trailTags(ctx context.Context, home string, batch []*state.Trail) {
	cl := c.trailClient(home)
	byARN := map[string]*state.Trail{}
	arns := make([]string, 0, len(batch))
	for _, x := range batch {
		byARN[x.ARN] = x
		arns = append(arns, x.ARN)
	}
	tags := map[string]map[string]string{}
	err := c.do(ctx, "cloudtrail", "ListTags", home, "", nil, func(ctx context.Context) error {
		in := &cloudtrail.ListTagsInput{ResourceIdList: arns}
		for {
			out, err := cl.ListTags(ctx, in)
			if err != nil {
				return err
			}
			for _, r := range out.ResourceTagList {
				tags[str(r.ResourceId)] = tagMap(r.TagsList, func(t cttypes.Tag) (*string, *string) { return t.Key, t.Value })
			}
			if out.NextToken == nil || *out.NextToken == "" {
				return nil
			}
			in.NextToken = out.NextToken
		}
	})
	if err != nil {
		return
	}
	for arn, t := range tags {
		if x, ok := byARN[arn]; ok {
			x.Tags = t
		}
	}
}

// applySelectors reads management and S3 data event logging from basic or
// advanced event selectors.
func applySelectors(x *state.Trail, out *cloudtrail.GetEventSelectorsOutput) {
	for _, s := range out.EventSelectors {
		if b(s.IncludeManagementEvents) {
			x.ManagementEvents = true
			x.ReadWriteType = string(s.ReadWriteType)
		}
		for _, d := range s.DataResources {
			if str(d.Type) != "AWS::S3::Object" {
				continue
			}
			x.S3DataEventBuckets = append(x.S3DataEventBuckets, s3SelectorBuckets(d.Values)...)
			switch s.ReadWriteType {
			case cttypes.ReadWriteTypeAll:
				x.S3DataEventsRead, x.S3DataEventsWrite = true, true
			case cttypes.ReadWriteTypeReadOnly:
				x.S3DataEventsRead = true
			case cttypes.ReadWriteTypeWriteOnly:
				x.S3DataEventsWrite = true
			}
		}
	}
	for _, s := range out.AdvancedEventSelectors {
		var category, resType, readOnly []string
		for _, f := range s.FieldSelectors {
			switch str(f.Field) {
			case "eventCategory":
				category = f.Equals
			case "resources.type":
				resType = f.Equals
			case "readOnly":
				readOnly = f.Equals
			}
		}
		rw := "All"
		read, write := true, true
		if len(readOnly) == 1 {
			if strings.EqualFold(readOnly[0], "true") {
				rw, write = "ReadOnly", false
			} else {
				rw, read = "WriteOnly", false
			}
		}
		switch {
		case contains(category, "Management"):
			x.ManagementEvents = true
			x.ReadWriteType = rw
		case contains(category, "Data") && contains(resType, "AWS::S3::Object"):
			x.S3DataEventsRead = x.S3DataEventsRead || read
			x.S3DataEventsWrite = x.S3DataEventsWrite || write
			for _, f := range s.FieldSelectors {
				if str(f.Field) == "resources.ARN" {
					x.S3DataEventBuckets = append(x.S3DataEventBuckets, s3SelectorBuckets(append(f.Equals, f.StartsWith...))...)
				}
			}
		}
	}
}

// s3SelectorBuckets reduces S3 data event selector values to bucket ARNs
// (or prefixes); "arn:aws:s3" (or "arn:aws:s3:::") alone means every
// bucket, which the state says with an empty list.
func s3SelectorBuckets(values []string) []string {
	var out []string
	for _, v := range values {
		if v == "" || strings.TrimSuffix(strings.TrimSuffix(v, ":::"), ":") == "arn:aws:s3" || strings.HasSuffix(v, ":s3:::") {
			continue
		}
		out = append(out, v)
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// config reads a region's AWS Config recorders, their status and the
// delivery channels.
func (c *collector) config(ctx context.Context, region string) {
	cl := configservice.NewFromConfig(c.cfg, func(o *configservice.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("config", region))
	})
	var recs []state.ConfigRecorder
	err := c.do(ctx, "config", "DescribeConfigurationRecorders", region, "", nil, func(ctx context.Context) error {
		out, err := cl.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
		if err != nil {
			return err
		}
		for _, r := range out.ConfigurationRecorders {
			arn := str(r.Arn)
			if arn == "" {
				arn = c.arn("config", region, c.accountID, "config-recorder/"+str(r.Name))
			}
			x := state.ConfigRecorder{Meta: meta(arn, region, nil), Name: str(r.Name), RoleARN: str(r.RoleARN), ServiceLinked: r.ServicePrincipal != nil}
			if g := r.RecordingGroup; g != nil {
				x.AllSupported, x.IncludeGlobalResourceTypes = g.AllSupported, g.IncludeGlobalResourceTypes
			}
			recs = append(recs, x)
		}
		return nil
	})
	if err == nil && len(recs) > 0 {
		_ = c.do(ctx, "config", "DescribeConfigurationRecorderStatus", region, "", nil, func(ctx context.Context) error {
			out, err := cl.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
			if err != nil {
				return err
			}
			for _, s := range out.ConfigurationRecordersStatus {
				for i := range recs {
					if recs[i].Name == str(s.Name) {
						recs[i].Recording, recs[i].LastStatus = s.Recording, string(s.LastStatus)
					}
				}
			}
			return nil
		})
	}
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.Config.Recorders = append(a.Config.Recorders, recs...) })
	}
	var chans []state.DeliveryChannel
	err = c.do(ctx, "config", "DescribeDeliveryChannels", region, "", nil, func(ctx context.Context) error {
		out, err := cl.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
		if err != nil {
			return err
		}
		for _, d := range out.DeliveryChannels {
			chans = append(chans, state.DeliveryChannel{Meta: meta(c.arn("config", region, c.accountID, "delivery-channel/"+str(d.Name)), region, nil),
				Name: str(d.Name), S3Bucket: str(d.S3BucketName), SNSTopic: str(d.SnsTopicARN)})
		}
		return nil
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.Config.DeliveryChannels = append(a.Config.DeliveryChannels, chans...) })
	}
	var aggs []state.ConfigAggregator
	err = c.do(ctx, "config", "DescribeConfigurationAggregators", region, "", nil, func(ctx context.Context) error {
		params := configservice.DescribeConfigurationAggregatorsInput{}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeConfigurationAggregators(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.ConfigurationAggregators {
				x := state.ConfigAggregator{Meta: meta(str(g.ConfigurationAggregatorArn), region, nil), Name: str(g.ConfigurationAggregatorName)}
				if o := g.OrganizationAggregationSource; o != nil {
					x.Organization, x.AllRegions = true, o.AllAwsRegions
				}
				aggs = append(aggs, x)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.Config.Aggregators = append(a.Config.Aggregators, aggs...) })
	}
}

// guardduty reads a region's detector (there is at most one), its
// features, its administrator and the count of active high-severity findings.
func (c *collector) guardduty(ctx context.Context, region string) {
	cl := guardduty.NewFromConfig(c.cfg, func(o *guardduty.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("guardduty", region))
	})
	var ids []string
	err := c.do(ctx, "guardduty", "ListDetectors", region, "", nil, func(ctx context.Context) error {
		params := guardduty.ListDetectorsInput{MaxResults: sdk.Int32(50)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListDetectors(ctx, &params)
			if err != nil {
				return nil, err
			}
			ids = append(ids, page.DetectorIds...)
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	for _, id := range ids {
		d := state.Detector{Meta: meta(c.arn("guardduty", region, c.accountID, "detector/"+id), region, nil), ID: id}
		did := sdk.String(id)
		_ = c.do(ctx, "guardduty", "GetDetector", region, d.ARN, nil, func(ctx context.Context) error {
			out, err := cl.GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: did})
			if err != nil {
				return err
			}
			d.Status, d.Tags = string(out.Status), out.Tags
			if len(d.Tags) == 0 {
				d.Tags = nil
			}
			for _, f := range out.Features {
				if d.Features == nil {
					d.Features = map[string]string{}
				}
				d.Features[string(f.Name)] = string(f.Status)
				for _, ac := range f.AdditionalConfiguration {
					d.Features[string(f.Name)+"/"+string(ac.Name)] = string(ac.Status)
				}
			}
			return nil
		})
		_ = c.do(ctx, "guardduty", "GetAdministratorAccount", region, d.ARN, nil, func(ctx context.Context) error {
			out, err := cl.GetAdministratorAccount(ctx, &guardduty.GetAdministratorAccountInput{DetectorId: did})
			if err == nil && out.Administrator != nil {
				d.AdministratorAccountID = str(out.Administrator.AccountId)
			}
			return err
		})
		_ = c.do(ctx, "guardduty", "GetFindingsStatistics", region, d.ARN, nil, func(ctx context.Context) error {
			out, err := cl.GetFindingsStatistics(ctx, &guardduty.GetFindingsStatisticsInput{
				DetectorId:            did,
				FindingStatisticTypes: []gdtypes.FindingStatisticType{gdtypes.FindingStatisticTypeCountBySeverity},
				FindingCriteria: &gdtypes.FindingCriteria{Criterion: map[string]gdtypes.Condition{
					"severity":         {GreaterThanOrEqual: sdk.Int64(7)},
					"service.archived": {Equals: []string{"false"}},
				}},
			})
			if err == nil && out.FindingStatistics != nil {
				n := 0
				for _, v := range out.FindingStatistics.CountBySeverity {
					n += int(v)
				}
				d.HighSeverityFindings = n
			}
			return err
		})
		// Only the GuardDuty delegated administrator may read the
		// organization configuration; others get a BadRequestException,
		// recorded as a gap on the detector.
		var oc *state.GuardDutyOrgConfig
		_ = c.do(ctx, "guardduty", "DescribeOrganizationConfiguration", region, d.ARN, nil, func(ctx context.Context) error {
			out, err := cl.DescribeOrganizationConfiguration(ctx, &guardduty.DescribeOrganizationConfigurationInput{DetectorId: did})
			if err == nil {
				oc = &state.GuardDutyOrgConfig{Region: region, DetectorID: id, AutoEnable: string(out.AutoEnableOrganizationMembers)}
				if oc.AutoEnable == "" && sdk.ToBool(out.AutoEnable) {
					oc.AutoEnable = "NEW" // the older flag: new members only
				}
			}
			return err
		})
		c.rec.Update(func(a *state.Account) {
			a.GuardDuty.Detectors = append(a.GuardDuty.Detectors, d)
			if oc != nil {
				a.GuardDuty.OrgConfigs = append(a.GuardDuty.OrgConfigs, *oc)
			}
		})
	}
}
