package awsfake

import (
	"strconv"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// epoch marshals a time as awsJson's default timestamp: epoch seconds.
type epoch time.Time

func (e epoch) MarshalJSON() ([]byte, error) {
	t := time.Time(e)
	return []byte(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64)), nil
}

func ep(t *time.Time) *epoch {
	if t == nil || t.IsZero() {
		return nil
	}
	e := epoch(*t)
	return &e
}

func (s *Server) cloudtrailService() *service {
	return &service{name: "cloudtrail", proto: protoJSON, ops: map[string]handler{
		"DescribeTrails":    ctDescribeTrails,
		"GetTrailStatus":    ctGetTrailStatus,
		"GetEventSelectors": ctGetEventSelectors,
		"ListTags":          ctListTags,
	}}
}

type ctTrail struct {
	Name                       string `json:"Name"`
	TrailARN                   string `json:"TrailARN"`
	HomeRegion                 string `json:"HomeRegion"`
	S3BucketName               string `json:"S3BucketName,omitempty"`
	IncludeGlobalServiceEvents bool   `json:"IncludeGlobalServiceEvents"`
	IsMultiRegionTrail         bool   `json:"IsMultiRegionTrail"`
	IsOrganizationTrail        bool   `json:"IsOrganizationTrail"`
	LogFileValidationEnabled   bool   `json:"LogFileValidationEnabled"`
	CloudWatchLogsLogGroupArn  string `json:"CloudWatchLogsLogGroupArn,omitempty"`
	KmsKeyID                   string `json:"KmsKeyId,omitempty"`
	HasCustomEventSelectors    bool   `json:"HasCustomEventSelectors"`
	HasInsightSelectors        bool   `json:"HasInsightSelectors"`
}

// ctDescribeTrails lists the trails of the region: those created there and,
// unless includeShadowTrails is false, the multi-region and organization
// trails of other home regions that record it (their "shadows").
func ctDescribeTrails(c *call) (*reply, error) {
	shadows := true
	if v, ok := c.body["includeShadowTrails"].(bool); ok {
		shadows = v
	}
	names := c.strs("trailNameList")
	out := struct {
		TrailList []ctTrail `json:"trailList"`
	}{TrailList: []ctTrail{}}
	for i := range c.s.acct.CloudTrail.Trails {
		t := &c.s.acct.CloudTrail.Trails[i]
		here := t.HomeRegion == c.region
		if !here && !(shadows && t.IsMultiRegion) {
			continue
		}
		if len(names) > 0 && !containsStr(names, t.Name) && !containsStr(names, t.ARN) {
			continue
		}
		out.TrailList = append(out.TrailList, ctTrail{
			Name: t.Name, TrailARN: t.ARN, HomeRegion: t.HomeRegion, S3BucketName: t.S3Bucket,
			IncludeGlobalServiceEvents: t.IncludeGlobalEvents, IsMultiRegionTrail: t.IsMultiRegion,
			IsOrganizationTrail: t.IsOrganization, LogFileValidationEnabled: t.LogFileValidation,
			CloudWatchLogsLogGroupArn: t.CloudWatchLogGroupARN, KmsKeyID: t.KMSKeyID,
			HasCustomEventSelectors: t.S3DataEventsRead || t.S3DataEventsWrite,
		})
	}
	return c.rawJSON(out)
}

func (c *call) trail(param string) (*state.Trail, error) {
	id := c.str(param)
	c.resource = id
	for i := range c.s.acct.CloudTrail.Trails {
		t := &c.s.acct.CloudTrail.Trails[i]
		if t.ARN == id || t.Name == id {
			return t, nil
		}
	}
	return nil, errf(400, "TrailNotFoundException", "Unknown trail: %s for the user: %s", id, c.s.acct.AccountID)
}

func ctGetTrailStatus(c *call) (*reply, error) {
	t, err := c.trail("Name")
	if err != nil {
		return nil, err
	}
	return c.rawJSON(struct {
		IsLogging                        bool   `json:"IsLogging"`
		LatestDeliveryTime               *epoch `json:"LatestDeliveryTime,omitempty"`
		LatestCloudWatchLogsDeliveryTime *epoch `json:"LatestCloudWatchLogsDeliveryTime,omitempty"`
	}{t.IsLogging, ep(t.LatestDelivery), ep(t.LatestCloudWatchDelivery)})
}

type ctDataResource struct {
	Type   string   `json:"Type"`
	Values []string `json:"Values"`
}

type ctSelector struct {
	ReadWriteType           string           `json:"ReadWriteType"`
	IncludeManagementEvents bool             `json:"IncludeManagementEvents"`
	DataResources           []ctDataResource `json:"DataResources"`
}

// ctGetEventSelectors renders the trail as basic event selectors: one for
// management events, and one for S3 object-level (data) events on every
// bucket when the trail records them.
func ctGetEventSelectors(c *call) (*reply, error) {
	t, err := c.trail("TrailName")
	if err != nil {
		return nil, err
	}
	sels := []ctSelector{}
	if t.ManagementEvents || t.ReadWriteType != "" {
		sels = append(sels, ctSelector{ReadWriteType: orDefault(t.ReadWriteType, "All"), IncludeManagementEvents: t.ManagementEvents, DataResources: []ctDataResource{}})
	}
	if t.S3DataEventsRead || t.S3DataEventsWrite {
		rw := "All"
		switch {
		case !t.S3DataEventsWrite:
			rw = "ReadOnly"
		case !t.S3DataEventsRead:
			rw = "WriteOnly"
		}
		// Every bucket is "arn:aws:s3"; otherwise the listed bucket ARNs.
		values := []string{"arn:aws:s3"}
		if len(t.S3DataEventBuckets) > 0 {
			values = t.S3DataEventBuckets
		}
		sels = append(sels, ctSelector{ReadWriteType: rw, DataResources: []ctDataResource{{Type: "AWS::S3::Object", Values: values}}})
	}
	return c.rawJSON(struct {
		TrailARN       string       `json:"TrailARN"`
		EventSelectors []ctSelector `json:"EventSelectors"`
	}{t.ARN, sels})
}

// ctListTags serves ListTags: the tags of up to 20 trails, each of which
// must live in the region called (its home region), as AWS requires.
func ctListTags(c *call) (*reply, error) {
	ids := c.strs("ResourceIdList")
	if len(ids) == 0 || len(ids) > 20 {
		return nil, errf(400, "InvalidParameterException", "ResourceIdList must hold 1 to 20 ARNs, got %d", len(ids))
	}
	type resTags struct {
		ResourceID string  `json:"ResourceId"`
		TagsList   []tagKV `json:"TagsList"`
	}
	out := struct {
		ResourceTagList []resTags `json:"ResourceTagList"`
	}{ResourceTagList: []resTags{}}
	for _, id := range ids {
		var t *state.Trail
		for _, x := range c.s.idx.trails[c.region] {
			if x.ARN == id {
				t = x
			}
		}
		if t == nil {
			return nil, errf(400, "ResourceNotFoundException", "Resource %s not found in %s", id, c.region)
		}
		out.ResourceTagList = append(out.ResourceTagList, resTags{t.ARN, tagList(t.Tags)})
	}
	return c.rawJSON(out)
}
