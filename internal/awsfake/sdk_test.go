package awsfake

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/account"
	acctypes "github.com/aws/aws-sdk-go-v2/service/account/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/workspaces"
	"github.com/aws/smithy-go"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func sdkConfig(url, region string) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDFAKE", "secret", ""),
		BaseEndpoint: aws.String(url),
		// The SDK closes a request body as soon as the response headers
		// arrive; on loopback that can be before the transport's write loop
		// has closed it, which kills the connection mid-response (aws-sdk-go-v2
		// issue 2737). The SDK retries that error by default: keep a retry.
		RetryMaxAttempts: 3,
	}
}

func startDemo(t testing.TB, o Options) *Running {
	t.Helper()
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Start(a, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// TestSDKClientsReadTheDemo calls every declared operation once through
// the real SDK clients and checks a value of each answer against the
// demo account: the wire formats are the ones the clients decode.
func TestSDKClientsReadTheDemo(t *testing.T) {
	r := startDemo(t, Options{})
	a := r.Account()
	ctx := context.Background()
	must := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	eq := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	us := sdkConfig(r.URL, "us-east-1")
	fra := sdkConfig(r.URL, "eu-central-1")

	id, err := sts.NewFromConfig(us).GetCallerIdentity(ctx, nil)
	must("GetCallerIdentity", err)
	eq("account", aws.ToString(id.Account), a.AccountID)

	ic := iam.NewFromConfig(us)
	n := 0
	for pg := iam.NewGetAccountAuthorizationDetailsPaginator(ic, &iam.GetAccountAuthorizationDetailsInput{MaxItems: aws.Int32(7)}); pg.HasMorePages(); {
		out, err := pg.NextPage(ctx)
		must("GetAccountAuthorizationDetails", err)
		n += len(out.UserDetailList) + len(out.RoleDetailList) + len(out.GroupDetailList) + len(out.Policies)
		for _, p := range out.Policies {
			if !strings.HasPrefix(aws.ToString(p.PolicyVersionList[0].Document), "%7B") {
				t.Errorf("policy document not URL-encoded: %.20s", aws.ToString(p.PolicyVersionList[0].Document))
			}
		}
	}
	eq("authorization details", n, len(a.IAM.Users)+len(a.IAM.Roles)+len(a.IAM.Groups)+len(a.IAM.Policies))
	gen, err := ic.GenerateCredentialReport(ctx, nil)
	must("GenerateCredentialReport", err)
	eq("report state", string(gen.State), "COMPLETE")
	cr, err := ic.GetCredentialReport(ctx, nil)
	must("GetCredentialReport", err)
	eq("report rows", strings.Count(string(cr.Content), "\n"), len(a.IAM.CredentialReport)+1)
	sum, err := ic.GetAccountSummary(ctx, nil)
	must("GetAccountSummary", err)
	eq("Users", int(sum.SummaryMap["Users"]), a.IAM.Summary["Users"])
	_, err = ic.GetAccountPasswordPolicy(ctx, nil)
	if a.IAM.PasswordPolicy == nil {
		eq("password policy code", apiCode(err), "NoSuchEntity")
	} else {
		must("GetAccountPasswordPolicy", err)
	}
	mfa, err := ic.ListVirtualMFADevices(ctx, nil)
	must("ListVirtualMFADevices", err)
	eq("virtual MFA devices", len(mfa.VirtualMFADevices), len(a.IAM.VirtualMFADevices))
	u := a.IAM.Users[0]
	keys, err := ic.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String(u.Name)})
	must("ListAccessKeys", err)
	eq("access keys", len(keys.AccessKeyMetadata), len(u.AccessKeys))
	md, err := ic.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String(u.Name)})
	must("ListMFADevices", err)
	eq("mfa devices", len(md.MFADevices), len(u.MFADevices))
	certs, err := ic.ListServerCertificates(ctx, nil)
	must("ListServerCertificates", err)
	eq("server certs", len(certs.ServerCertificateMetadataList), len(a.IAM.ServerCertificates))
	al, err := ic.ListAccountAliases(ctx, nil)
	must("ListAccountAliases", err)
	eq("alias", strings.Join(al.AccountAliases, ","), a.Alias)
	saml, err := ic.ListSAMLProviders(ctx, nil)
	must("ListSAMLProviders", err)
	eq("saml", len(saml.SAMLProviderList), len(a.IAM.SAMLProviders))

	contact, err := account.NewFromConfig(us).GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: acctypes.AlternateContactTypeSecurity})
	if a.IAM.SecurityContactSet != nil && *a.IAM.SecurityContactSet {
		must("GetAlternateContact", err)
		eq("contact", string(contact.AlternateContact.AlternateContactType), "SECURITY")
	} else {
		eq("contact code", apiCode(err), "ResourceNotFoundException")
	}
	an, err := accessanalyzer.NewFromConfig(fra).ListAnalyzers(ctx, nil)
	must("ListAnalyzers", err)
	eq("analyzers", len(an.Analyzers), len(r.idx.analyzer["eu-central-1"]))

	oc := organizations.NewFromConfig(us)
	org, err := oc.DescribeOrganization(ctx, nil)
	must("DescribeOrganization", err)
	eq("org", aws.ToString(org.Organization.Id), a.Organization.ID)
	pols, err := oc.ListPolicies(ctx, &organizations.ListPoliciesInput{Filter: orgtypes.PolicyTypeServiceControlPolicy})
	must("ListPolicies", err)
	eq("scps", len(pols.Policies), len(a.Organization.SCPs))

	// S3: list, then every per-bucket call at the bucket's region.
	b := a.S3.Buckets[0]
	lb, err := s3.NewFromConfig(us).ListBuckets(ctx, nil)
	must("ListBuckets", err)
	eq("buckets", len(lb.Buckets), len(a.S3.Buckets))
	eq("bucket region", aws.ToString(lb.Buckets[0].BucketRegion), b.Region)
	sc := s3.NewFromConfig(sdkConfig(r.URL, b.Region), func(o *s3.Options) { o.UsePathStyle = true })
	loc, err := s3.NewFromConfig(us, func(o *s3.Options) { o.UsePathStyle = true }).GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: &b.Name})
	must("GetBucketLocation", err)
	eq("location", string(loc.LocationConstraint), b.Region)
	pol, err := sc.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: &b.Name})
	must("GetBucketPolicy", err)
	eq("policy", aws.ToString(pol.Policy), b.Policy)
	_, err = sc.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: &b.Name})
	must("GetBucketPolicyStatus", err)
	acl, err := sc.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: &b.Name})
	must("GetBucketAcl", err)
	eq("acl grants", len(acl.Grants), len(b.ACLGrants))
	own, err := sc.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: &b.Name})
	must("GetBucketOwnershipControls", err)
	eq("ownership", string(own.OwnershipControls.Rules[0].ObjectOwnership), b.ObjectOwnership)
	pab, err := sc.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: &b.Name})
	must("GetPublicAccessBlock", err)
	eq("pab", aws.ToBool(pab.PublicAccessBlockConfiguration.BlockPublicAcls), b.PublicAccessBlock.BlockPublicAcls)
	enc, err := sc.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: &b.Name})
	must("GetBucketEncryption", err)
	eq("sse", aws.ToString(enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID), b.Encryption.KMSKeyID)
	ver, err := sc.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: &b.Name})
	must("GetBucketVersioning", err)
	eq("versioning", string(ver.Status), b.Versioning)
	_, err = sc.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: &b.Name})
	eq("object lock code", apiCode(err), "ObjectLockConfigurationNotFoundError")
	lg, err := sc.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: &b.Name})
	must("GetBucketLogging", err)
	eq("logging", aws.ToString(lg.LoggingEnabled.TargetBucket), b.Logging.TargetBucket)
	lc, err := sc.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: &b.Name})
	must("GetBucketLifecycleConfiguration", err)
	eq("lifecycle", aws.ToInt32(lc.Rules[0].NoncurrentVersionExpiration.NoncurrentDays), int32(b.LifecycleRules[0].NoncurrentExpDays))
	rep, err := sc.GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: &b.Name})
	must("GetBucketReplication", err)
	eq("replication", aws.ToString(rep.ReplicationConfiguration.Rules[0].Destination.Bucket), b.Replication[0].DestinationBucket)
	_, err = sc.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: &b.Name})
	must("GetBucketNotificationConfiguration", err)
	_, err = sc.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: &b.Name})
	eq("website code", apiCode(err), "NoSuchWebsiteConfiguration")
	tg, err := sc.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: &b.Name})
	must("GetBucketTagging", err)
	eq("tags", len(tg.TagSet), len(b.Tags))
	_, err = s3.NewFromConfig(us, func(o *s3.Options) { o.UsePathStyle = true }).GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: &b.Name})
	eq("wrong region code", apiCode(err), "PermanentRedirect")
	// s3control puts the account ID in front of the endpoint's host
	// (123456789012.127.0.0.1): the loopback client dials the IP anyway.
	s3c := us
	s3c.HTTPClient = LoopbackHTTPClient()
	apab, err := s3control.NewFromConfig(s3c).GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: aws.String(a.AccountID)})
	if a.S3.AccountPublicAccessBlock == nil {
		eq("account pab code", apiCode(err), "NoSuchPublicAccessBlockConfiguration")
	} else {
		must("s3control GetPublicAccessBlock", err)
		eq("account pab", aws.ToBool(apab.PublicAccessBlockConfiguration.BlockPublicPolicy), a.S3.AccountPublicAccessBlock.BlockPublicPolicy)
	}

	// EC2
	ec := ec2.NewFromConfig(fra)
	regs, err := ec.DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(true)})
	must("DescribeRegions", err)
	eq("regions", len(regs.Regions), len(a.Regions))
	count := func(name string, want int, f func(next *string) (int, *string, error)) {
		t.Helper()
		got := 0
		var next *string
		for {
			k, nt, err := f(next)
			must(name, err)
			got += k
			if aws.ToString(nt) == "" {
				break
			}
			next = nt
		}
		eq(name, got, want)
	}
	idx := r.idx
	count("DescribeInstances", len(idx.instances["eu-central-1"]), func(nt *string) (int, *string, error) {
		o, err := ec.DescribeInstances(ctx, &ec2.DescribeInstancesInput{MaxResults: aws.Int32(5), NextToken: nt})
		if err != nil {
			return 0, nil, err
		}
		k := 0
		for _, rv := range o.Reservations {
			k += len(rv.Instances)
		}
		return k, o.NextToken, nil
	})
	in, err := ec.DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
	must("DescribeInstances", err)
	first := in.Reservations[0].Instances[0]
	want := idx.instances["eu-central-1"][0]
	eq("instance id", aws.ToString(first.InstanceId), want.ID)
	eq("instance tokens", string(first.MetadataOptions.HttpTokens), want.MetadataHTTPTokens)
	eq("instance launch", first.LaunchTime.Equal(want.LaunchTime), true)
	sg, err := ec.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(1000)})
	must("DescribeSecurityGroups", err)
	eq("sgs", len(sg.SecurityGroups), len(idx.securityGroups["eu-central-1"]))
	enis, err := ec.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{MaxResults: aws.Int32(1000)})
	must("DescribeNetworkInterfaces", err)
	total := 0
	for _, g := range idx.securityGroups["eu-central-1"] {
		total += g.AttachedENIs
	}
	eq("enis", len(enis.NetworkInterfaces), total)
	_, err = ec.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{})
	must("DescribeNetworkAcls", err)
	_, err = ec.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	must("DescribeVpcs", err)
	_, err = ec.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{})
	must("DescribeSubnets", err)
	rts, err := ec.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{})
	must("DescribeRouteTables", err)
	eq("route target", aws.ToString(rts.RouteTables[0].Routes[1].GatewayId), idx.routeTables["eu-central-1"][0].Routes[1].Target)
	_, err = ec.DescribeFlowLogs(ctx, &ec2.DescribeFlowLogsInput{})
	must("DescribeFlowLogs", err)
	_, err = ec.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{})
	must("DescribeVolumes", err)
	snaps, err := ec.DescribeSnapshots(ctx, &ec2.DescribeSnapshotsInput{OwnerIds: []string{"self"}})
	must("DescribeSnapshots", err)
	eq("snapshots", len(snaps.Snapshots), len(idx.snapshots["eu-central-1"]))
	_, err = ec.DescribeSnapshotAttribute(ctx, &ec2.DescribeSnapshotAttributeInput{SnapshotId: snaps.Snapshots[0].SnapshotId, Attribute: ec2types.SnapshotAttributeNameCreateVolumePermission})
	must("DescribeSnapshotAttribute", err)
	imgs, err := ec.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"self"}})
	must("DescribeImages", err)
	if len(imgs.Images) > 0 {
		_, err = ec.DescribeImageAttribute(ctx, &ec2.DescribeImageAttributeInput{ImageId: imgs.Images[0].ImageId, Attribute: ec2types.ImageAttributeNameLaunchPermission})
		must("DescribeImageAttribute", err)
	}
	ebs, err := ec.GetEbsEncryptionByDefault(ctx, nil)
	must("GetEbsEncryptionByDefault", err)
	st, _ := a.EC2.Settings("eu-central-1")
	eq("ebs default", aws.ToBool(ebs.EbsEncryptionByDefault), st.EBSEncryptionByDefault)
	kid, err := ec.GetEbsDefaultKmsKeyId(ctx, nil)
	must("GetEbsDefaultKmsKeyId", err)
	eq("ebs key", aws.ToString(kid.KmsKeyId), st.EBSDefaultKMSKeyID)
	sbpa, err := ec.GetSnapshotBlockPublicAccessState(ctx, nil)
	must("GetSnapshotBlockPublicAccessState", err)
	eq("sbpa", string(sbpa.State), st.SnapshotBlockPublicAccess)
	ibpa, err := ec.GetImageBlockPublicAccessState(ctx, nil)
	must("GetImageBlockPublicAccessState", err)
	eq("ibpa", aws.ToString(ibpa.ImageBlockPublicAccessState), st.ImageBlockPublicAccess)
	imd, err := ec.GetInstanceMetadataDefaults(ctx, nil)
	must("GetInstanceMetadataDefaults", err)
	eq("imds", string(imd.AccountLevel.HttpTokens), st.IMDSDefaultHTTPTokens)
	vpn, err := ec.DescribeVpnConnections(ctx, nil)
	must("DescribeVpnConnections", err)
	eq("vpn tunnels", len(vpn.VpnConnections[0].Options.TunnelOptions), len(idx.vpns["eu-central-1"][0].Tunnels))
	eq("vpn dh", aws.ToInt32(vpn.VpnConnections[0].Options.TunnelOptions[0].Phase1DHGroupNumbers[0].Value), int32(idx.vpns["eu-central-1"][0].Tunnels[0].Phase1DHGroups[0]))
	_, err = ec.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{})
	must("DescribeVpcEndpoints", err)

	// KMS
	kc := kms.NewFromConfig(fra)
	lk, err := kc.ListKeys(ctx, &kms.ListKeysInput{Limit: aws.Int32(1000)})
	must("ListKeys", err)
	eq("keys", len(lk.Keys), len(idx.keys["eu-central-1"]))
	_, err = kc.ListAliases(ctx, nil)
	must("ListAliases", err)
	k := idx.keys["eu-central-1"][0]
	dk, err := kc.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: &k.ID})
	must("DescribeKey", err)
	eq("key manager", string(dk.KeyMetadata.KeyManager), k.Manager)
	eq("key created", dk.KeyMetadata.CreationDate.Equal(k.CreationDate), true)
	rot, err := kc.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: &k.ID})
	must("GetKeyRotationStatus", err)
	eq("rotation", rot.KeyRotationEnabled, k.RotationEnabled)
	kp, err := kc.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: &k.ID})
	must("GetKeyPolicy", err)
	eq("key policy", aws.ToString(kp.Policy), k.Policy)
	_, err = kc.ListGrants(ctx, &kms.ListGrantsInput{KeyId: &k.ID})
	must("ListGrants", err)
	kt, err := kc.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: &k.ID})
	must("ListResourceTags", err)
	eq("key tags", len(kt.Tags), len(k.Tags))

	ct := cloudtrail.NewFromConfig(fra)
	trails, err := ct.DescribeTrails(ctx, nil)
	must("DescribeTrails", err)
	tr := trails.TrailList[0]
	ts, err := ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: tr.TrailARN})
	must("GetTrailStatus", err)
	eq("is logging", aws.ToBool(ts.IsLogging), a.CloudTrail.Trails[0].IsLogging)
	_, err = ct.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: tr.TrailARN})
	must("GetEventSelectors", err)

	cc := configservice.NewFromConfig(fra)
	recs, err := cc.DescribeConfigurationRecorders(ctx, nil)
	must("DescribeConfigurationRecorders", err)
	eq("recorder all", recs.ConfigurationRecorders[0].RecordingGroup.AllSupported, idx.recorders["eu-central-1"][0].AllSupported)
	_, err = cc.DescribeConfigurationRecorderStatus(ctx, nil)
	must("DescribeConfigurationRecorderStatus", err)
	_, err = cc.DescribeDeliveryChannels(ctx, nil)
	must("DescribeDeliveryChannels", err)

	gd := guardduty.NewFromConfig(fra)
	dets, err := gd.ListDetectors(ctx, nil)
	must("ListDetectors", err)
	det, err := gd.GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: &dets.DetectorIds[0]})
	must("GetDetector", err)
	eq("detector status", string(det.Status), idx.detectors["eu-central-1"][0].Status)
	_, err = gd.GetAdministratorAccount(ctx, &guardduty.GetAdministratorAccountInput{DetectorId: &dets.DetectorIds[0]})
	must("GetAdministratorAccount", err)
	_, err = gd.GetFindingsStatistics(ctx, &guardduty.GetFindingsStatisticsInput{DetectorId: &dets.DetectorIds[0]})
	must("GetFindingsStatistics", err)

	sm := ssm.NewFromConfig(fra)
	ii, err := sm.DescribeInstanceInformation(ctx, &ssm.DescribeInstanceInformationInput{MaxResults: aws.Int32(50)})
	must("DescribeInstanceInformation", err)
	eq("managed", len(ii.InstanceInformationList), len(idx.managed["eu-central-1"]))
	_, err = sm.ListResourceComplianceSummaries(ctx, &ssm.ListResourceComplianceSummariesInput{})
	must("ListResourceComplianceSummaries", err)
	docs, err := sm.ListDocuments(ctx, &ssm.ListDocumentsInput{Filters: []ssmtypes.DocumentKeyValuesFilter{{Key: aws.String("Owner"), Values: []string{"Self"}}}})
	must("ListDocuments", err)
	for _, d := range docs.DocumentIdentifiers {
		_, err = sm.DescribeDocumentPermission(ctx, &ssm.DescribeDocumentPermissionInput{Name: d.Name, PermissionType: ssmtypes.DocumentPermissionTypeShare})
		must("DescribeDocumentPermission", err)
	}

	rc := rds.NewFromConfig(fra)
	dbs, err := rc.DescribeDBInstances(ctx, nil)
	must("DescribeDBInstances", err)
	eq("db", aws.ToString(dbs.DBInstances[0].DBInstanceIdentifier), idx.dbInstances["eu-central-1"][0].ID)
	_, err = rc.DescribeDBClusters(ctx, nil)
	must("DescribeDBClusters", err)
	ds, err := rc.DescribeDBSnapshots(ctx, nil)
	must("DescribeDBSnapshots", err)
	_, err = rc.DescribeDBSnapshotAttributes(ctx, &rds.DescribeDBSnapshotAttributesInput{DBSnapshotIdentifier: ds.DBSnapshots[0].DBSnapshotIdentifier})
	must("DescribeDBSnapshotAttributes", err)
	_, err = rc.DescribeDBClusterSnapshots(ctx, nil)
	must("DescribeDBClusterSnapshots", err)
	pgs, err := rc.DescribeDBParameterGroups(ctx, nil)
	must("DescribeDBParameterGroups", err)
	params, err := rc.DescribeDBParameters(ctx, &rds.DescribeDBParametersInput{DBParameterGroupName: pgs.DBParameterGroups[0].DBParameterGroupName})
	must("DescribeDBParameters", err)
	eq("params", len(params.Parameters), len(idx.dbParamGroups["eu-central-1"][0].Parameters))
	_, err = rc.DescribeDBClusterParameterGroups(ctx, nil)
	must("DescribeDBClusterParameterGroups", err)
	_, err = rc.DescribePendingMaintenanceActions(ctx, nil)
	must("DescribePendingMaintenanceActions", err)
	_, err = rc.DescribeEventSubscriptions(ctx, nil)
	must("DescribeEventSubscriptions", err)
	px, err := rc.DescribeDBProxies(ctx, nil) // svc-gaps
	must("DescribeDBProxies", err)
	eq("proxy", aws.ToString(px.DBProxies[0].DBProxyName), "customers-prod-proxy")
	eq("proxy tls", aws.ToBool(px.DBProxies[0].RequireTLS), true)

	rs := redshift.NewFromConfig(fra)
	cls, err := rs.DescribeClusters(ctx, nil)
	must("DescribeClusters", err)
	eq("rs encrypted", aws.ToBool(cls.Clusters[0].Encrypted), idx.rsClusters["eu-central-1"][0].Encrypted)
	_, err = rs.DescribeLoggingStatus(ctx, &redshift.DescribeLoggingStatusInput{ClusterIdentifier: cls.Clusters[0].ClusterIdentifier})
	must("DescribeLoggingStatus", err)
	rpg, err := rs.DescribeClusterParameterGroups(ctx, nil)
	must("DescribeClusterParameterGroups", err)
	rp, err := rs.DescribeClusterParameters(ctx, &redshift.DescribeClusterParametersInput{ParameterGroupName: rpg.ParameterGroups[0].ParameterGroupName})
	must("DescribeClusterParameters", err)
	eq("rs params", len(rp.Parameters), len(idx.rsParamGroups["eu-central-1"][0].Parameters))

	wc := workspaces.NewFromConfig(fra)
	count("DescribeWorkspaces", len(idx.workspaces["eu-central-1"]), func(nt *string) (int, *string, error) {
		o, err := wc.DescribeWorkspaces(ctx, &workspaces.DescribeWorkspacesInput{Limit: aws.Int32(3), NextToken: nt})
		if err != nil {
			return 0, nil, err
		}
		return len(o.Workspaces), o.NextToken, nil
	})
	_, err = wc.DescribeWorkspaceDirectories(ctx, nil)
	must("DescribeWorkspaceDirectories", err)
	_, err = wc.DescribeIpGroups(ctx, nil)
	must("DescribeIpGroups", err)
	_, err = wc.DescribeWorkspaceImages(ctx, nil)
	must("DescribeWorkspaceImages", err)

	st2 := r.Stats()
	if len(st2.Rejected)+len(st2.Unimplemented)+len(st2.Unroutable) > 0 {
		t.Errorf("rejected %v unimplemented %v unroutable %v", st2.Rejected, st2.Unimplemented, st2.Unroutable)
	}
}

// TestRejectsWrites: a non-read operation is refused with a clear error
// and counted.
func TestRejectsWrites(t *testing.T) {
	r := startDemo(t, Options{})
	ctx := context.Background()
	cfg := sdkConfig(r.URL, "eu-central-1")
	_, err := iam.NewFromConfig(cfg).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("x")})
	if apiCode(err) != "ReadOnlyEndpoint" {
		t.Errorf("CreateUser: %v", err)
	}
	_, err = ec2.NewFromConfig(cfg).TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{"i-1"}})
	if apiCode(err) != "ReadOnlyEndpoint" {
		t.Errorf("TerminateInstances: %v", err)
	}
	_, err = s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("alpenglow-datalake-raw"), Policy: aws.String("{}")})
	if apiCode(err) != "ReadOnlyEndpoint" {
		t.Errorf("PutBucketPolicy: %v", err)
	}
	_, err = kms.NewFromConfig(cfg).ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String("x")})
	if apiCode(err) != "ReadOnlyEndpoint" {
		t.Errorf("ScheduleKeyDeletion: %v", err)
	}
	st := r.Stats()
	for _, k := range []string{"iam:CreateUser", "ec2:TerminateInstances", "s3:PutBucketPolicy", "kms:ScheduleKeyDeletion"} {
		if st.Rejected[k] != 1 {
			t.Errorf("Rejected[%s] = %d, want 1 (all: %v)", k, st.Rejected[k], st.Rejected)
		}
	}
}

// TestLaunchPermissionGrantees: an AMI shared with an account, an
// organization and an organizational unit is served with each grantee in
// its own field of the launch permission, as EC2 sends them.
func TestLaunchPermissionGrantees(t *testing.T) {
	const org, ou = "arn:aws:organizations::999988887777:organization/o-abcdef1234", "arn:aws:organizations::999988887777:ou/o-abcdef1234/ou-ab12-cdef3456"
	a := &state.Account{AccountID: "210987654321", Regions: []state.Region{{Name: "eu-west-1", Enabled: true, Scanned: true}}}
	a.EC2.Images = []state.Image{{Meta: state.Meta{ARN: "arn:aws:ec2:eu-west-1::image/ami-1", Region: "eu-west-1"}, ID: "ami-1", OwnerID: a.AccountID,
		SharedWith: []string{"444455556666", org, ou}}}
	r, err := Start(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	out, err := ec2.NewFromConfig(sdkConfig(r.URL, "eu-west-1")).DescribeImageAttribute(context.Background(),
		&ec2.DescribeImageAttributeInput{ImageId: aws.String("ami-1"), Attribute: ec2types.ImageAttributeNameLaunchPermission})
	if err != nil {
		t.Fatal(err)
	}
	var users, orgs, ous []string
	for _, p := range out.LaunchPermissions {
		if p.UserId != nil {
			users = append(users, *p.UserId)
		}
		if p.OrganizationArn != nil {
			orgs = append(orgs, *p.OrganizationArn)
		}
		if p.OrganizationalUnitArn != nil {
			ous = append(ous, *p.OrganizationalUnitArn)
		}
	}
	if len(users) != 1 || len(orgs) != 1 || orgs[0] != org || len(ous) != 1 || ous[0] != ou {
		t.Errorf("users %v, organizations %v, units %v", users, orgs, ous)
	}
}
