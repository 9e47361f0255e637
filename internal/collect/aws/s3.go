package aws

import (
	"context"
	"errors"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/s3control"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3Client returns the S3 client of a region. Against an endpoint override
// (an emulator) it addresses buckets by path: emulators do not serve
// virtual-hosted bucket names under their loopback address.
// It is made once per region: each bucket's settings are read at its region.
func (c *collector) s3Client(region string) *s3.Client {
	return c.clients.s3In(region, func() *s3.Client {
		return s3.NewFromConfig(c.cfg, func(o *s3.Options) {
			o.Region = region
			o.APIOptions = append(o.APIOptions, c.instrument("s3", region))
			if o.BaseEndpoint != nil {
				o.UsePathStyle = true
			}
		})
	})
}

// bucketSettingActions are the per-bucket reads, in the order they run.
var bucketSettingActions = []string{"GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketAcl", "GetBucketOwnershipControls",
	"GetPublicAccessBlock", "GetBucketEncryption", "GetBucketVersioning", "GetObjectLockConfiguration", "GetBucketLogging",
	"GetBucketLifecycleConfiguration", "GetBucketReplication", "GetBucketNotificationConfiguration", "GetBucketWebsite", "GetBucketTagging"}

// s3 lists the buckets once (a global call), then reads each bucket's
// settings at its own regional endpoint; AWS has no bulk form for them.
func (c *collector) s3(ctx context.Context, _ string) {
	home := c.s3Client(c.home())
	var buckets []state.Bucket
	err := c.do(ctx, "s3", "ListBuckets", "", "", nil, func(ctx context.Context) error {
		params := s3.ListBucketsInput{MaxBuckets: sdk.Int32(10000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.ContinuationToken = token
			page, err := home.ListBuckets(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, bk := range page.Buckets {
				buckets = append(buckets, state.Bucket{Meta: meta("arn:"+c.partition+":s3:::"+str(bk.Name), str(bk.BucketRegion), nil),
					Name: str(bk.Name), CreationDate: tm(bk.CreationDate)})
			}
			return page.ContinuationToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(buckets), func() {
		c.rec.Update(func(a *state.Account) { a.S3.Buckets = buckets })
	})
	for i := range buckets {
		bk := &buckets[i]
		actions := bucketSettingActions
		if bk.Region == "" {
			actions = append([]string{"GetBucketLocation"}, actions...)
		}
		c.item("s3", bk.Region, bk.ARN, done, func(ctx context.Context) { c.bucket(ctx, home, bk) }, actions...)
	}
}

// bucket reads one bucket's settings. Each "not configured" error code is
// the absence of the setting, not a gap.
func (c *collector) bucket(ctx context.Context, home *s3.Client, bk *state.Bucket) {
	name := sdk.String(bk.Name)
	if bk.Region == "" {
		// Older endpoints do not return BucketRegion in ListBuckets.
		err := c.do(ctx, "s3", "GetBucketLocation", "", bk.ARN, nil, func(ctx context.Context) error {
			out, err := home.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: name})
			if err == nil {
				bk.Region = bucketRegion(out.LocationConstraint)
			}
			return err
		})
		if err != nil {
			// Without its region the bucket's settings cannot be asked for.
			for _, a := range bucketSettingActions {
				c.rec.Gap(state.Gap{Service: "s3", Operation: a, Resource: bk.ARN, Reason: state.ReasonError, Message: "the bucket's region is unknown (GetBucketLocation failed)"})
			}
			return
		}
	}
	r := bk.Region
	cl := c.s3Client(r)
	get := func(action string, absent []string, fn func(context.Context) error) error {
		return c.do(ctx, "s3", action, r, bk.ARN, absent, fn)
	}
	perr := get("GetBucketPolicy", []string{"NoSuchBucketPolicy"}, func(ctx context.Context) error {
		out, err := cl.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: name})
		if err == nil {
			bk.Policy = str(out.Policy)
		}
		return err
	})
	if errors.Is(perr, errAbsent) {
		// No policy, so no public policy: S3's verdict exists only for a policy.
		bk.PolicyIsPublic = sdk.Bool(false)
	} else {
		err := get("GetBucketPolicyStatus", []string{"NoSuchBucketPolicy"}, func(ctx context.Context) error {
			out, err := cl.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: name})
			if err == nil && out.PolicyStatus != nil {
				bk.PolicyIsPublic = sdk.Bool(b(out.PolicyStatus.IsPublic))
			}
			return err
		})
		if errors.Is(err, errAbsent) {
			bk.PolicyIsPublic = sdk.Bool(false)
		}
	}
	_ = get("GetBucketAcl", nil, func(ctx context.Context) error {
		out, err := cl.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: name})
		if err != nil {
			return err
		}
		if out.Owner != nil {
			bk.OwnerID = str(out.Owner.ID)
		}
		for _, g := range out.Grants {
			gr := state.ACLGrant{Permission: string(g.Permission)}
			if g.Grantee != nil {
				gr.GranteeType, gr.GranteeURI, gr.GranteeID = string(g.Grantee.Type), str(g.Grantee.URI), str(g.Grantee.ID)
			}
			bk.ACLGrants = append(bk.ACLGrants, gr)
		}
		return nil
	})
	_ = get("GetBucketOwnershipControls", []string{"OwnershipControlsNotFoundError"}, func(ctx context.Context) error {
		out, err := cl.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: name})
		if err == nil && out.OwnershipControls != nil && len(out.OwnershipControls.Rules) > 0 {
			bk.ObjectOwnership = string(out.OwnershipControls.Rules[0].ObjectOwnership)
		}
		return err
	})
	_ = get("GetPublicAccessBlock", []string{"NoSuchPublicAccessBlockConfiguration"}, func(ctx context.Context) error {
		out, err := cl.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: name})
		if err == nil && out.PublicAccessBlockConfiguration != nil {
			p := out.PublicAccessBlockConfiguration
			bk.PublicAccessBlock = &state.PublicAccessBlock{BlockPublicAcls: b(p.BlockPublicAcls), IgnorePublicAcls: b(p.IgnorePublicAcls),
				BlockPublicPolicy: b(p.BlockPublicPolicy), RestrictPublicBuckets: b(p.RestrictPublicBuckets)}
		}
		return err
	})
	_ = get("GetBucketEncryption", []string{"ServerSideEncryptionConfigurationNotFoundError"}, func(ctx context.Context) error {
		out, err := cl.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: name})
		if err == nil {
			bk.Encryption = bucketEncryption(out.ServerSideEncryptionConfiguration)
		}
		return err
	})
	_ = get("GetBucketVersioning", nil, func(ctx context.Context) error {
		out, err := cl.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: name})
		if err == nil {
			bk.Versioning = string(out.Status)
			bk.MFADelete = out.MFADelete == types.MFADeleteStatusEnabled
		}
		return err
	})
	_ = get("GetObjectLockConfiguration", []string{"ObjectLockConfigurationNotFoundError"}, func(ctx context.Context) error {
		out, err := cl.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: name})
		if err == nil && out.ObjectLockConfiguration != nil {
			ol := &state.ObjectLock{Enabled: out.ObjectLockConfiguration.ObjectLockEnabled == types.ObjectLockEnabledEnabled}
			if r := out.ObjectLockConfiguration.Rule; r != nil && r.DefaultRetention != nil {
				ol.Mode, ol.Days, ol.Years = string(r.DefaultRetention.Mode), i32(r.DefaultRetention.Days), i32(r.DefaultRetention.Years)
			}
			bk.ObjectLock = ol
		}
		return err
	})
	_ = get("GetBucketLogging", nil, func(ctx context.Context) error {
		out, err := cl.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: name})
		if err == nil && out.LoggingEnabled != nil {
			bk.Logging = &state.BucketLogging{TargetBucket: str(out.LoggingEnabled.TargetBucket), TargetPrefix: str(out.LoggingEnabled.TargetPrefix)}
		}
		return err
	})
	_ = get("GetBucketLifecycleConfiguration", []string{"NoSuchLifecycleConfiguration"}, func(ctx context.Context) error {
		out, err := cl.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: name})
		if err != nil {
			return err
		}
		bk.LifecycleRules = lifecycleRules(out.Rules)
		return nil
	})
	_ = get("GetBucketReplication", []string{"ReplicationConfigurationNotFoundError"}, func(ctx context.Context) error {
		out, err := cl.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: name})
		if err != nil || out.ReplicationConfiguration == nil {
			return err
		}
		for _, r := range out.ReplicationConfiguration.Rules {
			rr := state.ReplicationRule{ID: str(r.ID), Enabled: r.Status == types.ReplicationRuleStatusEnabled}
			if d := r.Destination; d != nil {
				rr.DestinationBucket, rr.DestinationAccount = str(d.Bucket), str(d.Account)
				if d.EncryptionConfiguration != nil {
					rr.ReplicaKMSKeyID = str(d.EncryptionConfiguration.ReplicaKmsKeyID)
				}
			}
			bk.Replication = append(bk.Replication, rr)
		}
		return nil
	})
	_ = get("GetBucketNotificationConfiguration", nil, func(ctx context.Context) error {
		out, err := cl.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: name})
		if err == nil {
			bk.EventNotifications = out.EventBridgeConfiguration != nil || len(out.LambdaFunctionConfigurations) > 0 ||
				len(out.QueueConfigurations) > 0 || len(out.TopicConfigurations) > 0
		}
		return err
	})
	_ = get("GetBucketWebsite", []string{"NoSuchWebsiteConfiguration"}, func(ctx context.Context) error {
		_, err := cl.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: name})
		if err == nil {
			bk.Website = true
		}
		return err
	})
	_ = get("GetBucketTagging", []string{"NoSuchTagSet", "NoSuchTagSetError"}, func(ctx context.Context) error {
		out, err := cl.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: name})
		if err == nil {
			bk.Tags = tagMap(out.TagSet, func(t types.Tag) (*string, *string) { return t.Key, t.Value })
		}
		return err
	})
}

// bucketEncryption is the default encryption of a GetBucketEncryption
// answer (general purpose and directory buckets alike): its first rule
// with a default, nil when none has one.
func bucketEncryption(c *types.ServerSideEncryptionConfiguration) *state.BucketEncryption {
	if c == nil {
		return nil
	}
	for _, rule := range c.Rules {
		if d := rule.ApplyServerSideEncryptionByDefault; d != nil {
			return &state.BucketEncryption{Algorithm: string(d.SSEAlgorithm), KMSKeyID: str(d.KMSMasterKeyID), BucketKeyEnabled: b(rule.BucketKeyEnabled)}
		}
	}
	return nil
}

// lifecycleRules are the rules of a GetBucketLifecycleConfiguration answer
// (general purpose and directory buckets alike), reduced to what the
// checks read.
func lifecycleRules(rules []types.LifecycleRule) []state.LifecycleRule {
	var out []state.LifecycleRule
	for _, r := range rules {
		lr := state.LifecycleRule{ID: str(r.ID), Enabled: r.Status == types.ExpirationStatusEnabled}
		if r.Expiration != nil {
			lr.ExpirationDays = i32(r.Expiration.Days)
		}
		if len(r.Transitions) > 0 {
			lr.TransitionDays, lr.TransitionClass = i32(r.Transitions[0].Days), string(r.Transitions[0].StorageClass)
		}
		if r.NoncurrentVersionExpiration != nil {
			lr.NoncurrentExpDays = i32(r.NoncurrentVersionExpiration.NoncurrentDays)
		}
		if r.AbortIncompleteMultipartUpload != nil {
			lr.AbortIncompleteDays = i32(r.AbortIncompleteMultipartUpload.DaysAfterInitiation)
		}
		out = append(out, lr)
	}
	return out
}

// bucketRegion turns a LocationConstraint into a region: empty means
// us-east-1 and the legacy "EU" means eu-west-1.
func bucketRegion(lc types.BucketLocationConstraint) string {
	switch lc {
	case "":
		return "us-east-1"
	case "EU":
		return "eu-west-1"
	}
	return string(lc)
}

// s3AccountBPA reads the account-level S3 Block Public Access (an
// s3control call). NoSuchPublicAccessBlockConfiguration means none is set.
func (c *collector) s3AccountBPA(ctx context.Context, _ string) {
	cl := c.s3controlClient("")
	_ = c.do(ctx, "s3control", "GetPublicAccessBlock", "", "", []string{"NoSuchPublicAccessBlockConfiguration"}, func(ctx context.Context) error {
		out, err := cl.GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: sdk.String(c.accountID)})
		if err == nil && out.PublicAccessBlockConfiguration != nil {
			pab := controlPAB(out.PublicAccessBlockConfiguration)
			c.rec.Update(func(a *state.Account) { a.S3.AccountPublicAccessBlock = pab })
		}
		return err
	})
}
