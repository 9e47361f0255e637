package aws

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/backup"
	bktypes "github.com/aws/aws-sdk-go-v2/service/backup/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwltypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cstypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/directoryservice"
	dstypes "github.com/aws/aws-sdk-go-v2/service/directoryservice/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	rstypes "github.com/aws/aws-sdk-go-v2/service/redshift/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3ctypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
	"github.com/aws/aws-sdk-go-v2/service/workspaces"
	wstypes "github.com/aws/aws-sdk-go-v2/service/workspaces/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// tinyZip is a deployment package holding one Python file.
func tinyZip() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("app.py")
	io.WriteString(w, "def handler(event, context):\n    return 'ok'\n")
	zw.Close()
	return buf.Bytes()
}

// stripAccountHost sends the test's own s3control calls to moto's address
// (the SDK puts the account ID in front of the host, as for AWS).
func stripAccountHost(st *middleware.Stack) error {
	return st.Finalize.Insert(middleware.FinalizeMiddlewareFunc("test/no-account-host",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			if req, ok := in.Request.(*smithyhttp.Request); ok {
				req.URL.Host = strings.TrimPrefix(req.URL.Host, motoAccount+".")
			}
			return next.HandleFinalize(ctx, in)
		}), "ResolveEndpointV2", middleware.After)
}

// The scenario's three regions: a secure one, an insecure one, and a
// mixed one (the global services' home).
const (
	secureRegion   = "eu-central-1"
	insecureRegion = "eu-west-1"
	homeRegion     = "us-east-1"
)

var scenarioRegions = []string{homeRegion, insecureRegion, secureRegion}

// scenario is what buildScenario created, for the assertions.
type scenario struct {
	// per region
	vpc, subnet, openSG, closedSG, nacl, flowLog, encVol, plainVol map[string]string
	sharedSnap, publicSnap, privateSnap, instance, image           map[string]string
	rotatingKey, staticKey, vpn, endpoint                          map[string]string
	// prefixList holds 0.0.0.0/1 and 128.0.0.0/1; plSG admits SSH from it.
	prefixList, plSG        map[string]string
	alice, bob              string
	orgID, scpID, directory string
	// delegatedAdmin is the member account registered as GuardDuty's
	// delegated administrator.
	delegatedAdmin string
}

var (
	scenarioOnce sync.Once
	scenarioVal  *scenario
	scenarioRes  *Result
	scenarioErr  error
)

// collected builds the scenario in moto once per package run and collects
// it once; every moto test reads the same result (moto is slow).
func collected(t *testing.T) (*scenario, *Result) {
	t.Helper()
	url := moto.URL(t)
	scenarioOnce.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				scenarioErr = fmt.Errorf("building the scenario: %v", r)
			}
		}()
		scenarioVal = buildScenario(t)
		rec := &recordingClient{}
		scenarioRes, scenarioErr = Collect(context.Background(), Options{EndpointURL: url, LoadOptions: testCreds(),
			Regions: scenarioRegions, APIOptions: []func(*middleware.Stack) error{rec.middleware}, CredentialReportWait: 20 * time.Second})
		recorded = rec
	})
	if scenarioErr != nil {
		t.Fatal(scenarioErr)
	}
	return scenarioVal, scenarioRes
}

// must stops the scenario on a failed SDK call (moto refusing a setup call
// is a test bug, not something to assert around).
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// unauthorizedPattern is the CIS filter for unauthorized API calls.
const unauthorizedPattern = `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`

const permissivePolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}`

func buildScenario(t *testing.T) *scenario {
	ctx := context.Background()
	sc := &scenario{}
	for _, m := range []*map[string]string{&sc.vpc, &sc.subnet, &sc.openSG, &sc.closedSG, &sc.nacl, &sc.flowLog, &sc.encVol, &sc.plainVol,
		&sc.sharedSnap, &sc.publicSnap, &sc.privateSnap, &sc.instance, &sc.image, &sc.rotatingKey, &sc.staticKey, &sc.vpn, &sc.endpoint, &sc.prefixList, &sc.plSG} {
		*m = map[string]string{}
	}
	home := sdkConfig(t, homeRegion)

	// IAM: alice (console, virtual MFA, admins group), bob (key, no MFA,
	// inline policy), a role with a customer policy, a password policy.
	ic := iam.NewFromConfig(home)
	must(ic.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: sdk.String("admins")}))
	// moto loads no AWS managed policies by default: a customer admin policy.
	admin := must(ic.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: sdk.String("Admin"),
		PolicyDocument: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}))
	must(ic.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: sdk.String("admins"), PolicyArn: admin.Policy.Arn}))
	sc.alice = "alice"
	must(ic.CreateUser(ctx, &iam.CreateUserInput{UserName: sdk.String("alice")}))
	must(ic.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: sdk.String("alice"), Password: sdk.String("Str0ng!Passw0rd")}))
	must(ic.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: sdk.String("admins"), UserName: sdk.String("alice")}))
	mfa := must(ic.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: sdk.String("alice")}))
	must(ic.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: sdk.String("alice"), SerialNumber: mfa.VirtualMFADevice.SerialNumber,
		AuthenticationCode1: sdk.String("123456"), AuthenticationCode2: sdk.String("654321")}))
	sc.bob = "bob"
	must(ic.CreateUser(ctx, &iam.CreateUserInput{UserName: sdk.String("bob")}))
	must(ic.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: sdk.String("bob")}))
	must(ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: sdk.String("bob"), PolicyName: sdk.String("s3-all"),
		PolicyDocument: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}))
	// carol has a hardware MFA device only: the collector must ask for it
	// per user (no bulk API lists non-virtual devices).
	must(ic.CreateUser(ctx, &iam.CreateUserInput{UserName: sdk.String("carol")}))
	must(ic.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: sdk.String("carol"), SerialNumber: sdk.String("GAHT12345678"),
		AuthenticationCode1: sdk.String("123456"), AuthenticationCode2: sdk.String("654321")}))
	pol := must(ic.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: sdk.String("AppPolicy"),
		PolicyDocument: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}`)}))
	must(ic.CreateRole(ctx, &iam.CreateRoleInput{RoleName: sdk.String("app-role"), MaxSessionDuration: sdk.Int32(7200),
		AssumeRolePolicyDocument: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)}))
	must(ic.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: sdk.String("app-role"), PolicyArn: pol.Policy.Arn}))
	must(ic.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: sdk.Int32(14), RequireSymbols: true,
		RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, PasswordReusePrevention: sdk.Int32(24)}))
	must(ic.CreateAccountAlias(ctx, &iam.CreateAccountAliasInput{AccountAlias: sdk.String("shoulder-moto")}))
	must(ic.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: sdk.String("corp-idp"), SAMLMetadataDocument: sdk.String(strings.Repeat("x", 1000))}))

	// Organizations: this account manages an organization with one extra SCP.
	oc := organizations.NewFromConfig(home)
	org := must(oc.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll}))
	sc.orgID = sdk.ToString(org.Organization.Id)
	roots := must(oc.ListRoots(ctx, &organizations.ListRootsInput{}))
	scp := must(oc.CreatePolicy(ctx, &organizations.CreatePolicyInput{Name: sdk.String("deny-leave"), Description: sdk.String("no leaving"),
		Type:    orgtypes.PolicyTypeServiceControlPolicy,
		Content: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}`)}))
	sc.scpID = sdk.ToString(scp.Policy.PolicySummary.Id)
	must(oc.AttachPolicy(ctx, &organizations.AttachPolicyInput{PolicyId: scp.Policy.PolicySummary.Id, TargetId: roots.Roots[0].Id}))
	// Org-wide facts: a tag policy on the root, GuardDuty trusted and
	// administered by a security member account.
	tagPol := must(oc.CreatePolicy(ctx, &organizations.CreatePolicyInput{Name: sdk.String("classification-tags"), Description: sdk.String("tags"),
		Type:    orgtypes.PolicyTypeTagPolicy,
		Content: sdk.String(`{"tags":{"data-classification":{"tag_key":{"@@assign":"data-classification"}}}}`)}))
	must(oc.AttachPolicy(ctx, &organizations.AttachPolicyInput{PolicyId: tagPol.Policy.PolicySummary.Id, TargetId: roots.Roots[0].Id}))
	member := must(oc.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: sdk.String("security"), Email: sdk.String("security@example.com")}))
	sc.delegatedAdmin = sdk.ToString(member.CreateAccountStatus.AccountId)
	must(oc.EnableAWSServiceAccess(ctx, &organizations.EnableAWSServiceAccessInput{ServicePrincipal: sdk.String("guardduty.amazonaws.com")}))
	must(oc.RegisterDelegatedAdministrator(ctx, &organizations.RegisterDelegatedAdministratorInput{AccountId: sdk.String(sc.delegatedAdmin), ServicePrincipal: sdk.String("guardduty.amazonaws.com")}))

	// Account: a security contact.
	ac := account.NewFromConfig(home)
	must(ac.PutAlternateContact(ctx, &account.PutAlternateContactInput{AlternateContactType: "SECURITY", EmailAddress: sdk.String("sec@example.com"),
		Name: sdk.String("Security"), PhoneNumber: sdk.String("+100000000"), Title: sdk.String("CISO")}))

	buildS3(ctx, t)
	for _, r := range scenarioRegions {
		buildRegion(ctx, t, sc, r)
	}
	buildCloudFront(ctx, home)
	buildAPIGateway(ctx, home) // svc-api
	buildWAF(ctx, home)        // svc-api

	// Aurora copies: the home region's cluster leads a global database
	// with a secondary in the secure region, and has a cross-region read
	// replica cluster in the insecure one.
	src := "arn:aws:rds:" + homeRegion + ":" + motoAccount + ":cluster:aurora-" + homeRegion
	must(rds.NewFromConfig(home).CreateGlobalCluster(ctx, &rds.CreateGlobalClusterInput{GlobalClusterIdentifier: sdk.String("events-global"), SourceDBClusterIdentifier: sdk.String(src)}))
	must(rds.NewFromConfig(sdkConfig(t, secureRegion)).CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: sdk.String("aurora-secondary"),
		Engine: sdk.String("aurora-postgresql"), GlobalClusterIdentifier: sdk.String("events-global")}))
	must(rds.NewFromConfig(sdkConfig(t, insecureRegion)).CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: sdk.String("aurora-replica"),
		Engine: sdk.String("aurora-postgresql"), ReplicationSourceIdentifier: sdk.String(src), MasterUsername: sdk.String("dbadmin"), MasterUserPassword: sdk.String("Passw0rd!Passw0rd")}))
	return sc
}

func buildS3(ctx context.Context, t *testing.T) {
	s3c := func(region string) *s3.Client {
		return s3.NewFromConfig(sdkConfig(t, region), func(o *s3.Options) { o.UsePathStyle = true })
	}
	create := func(region, name string, lock bool) *s3.Client {
		cl := s3c(region)
		in := &s3.CreateBucketInput{Bucket: sdk.String(name), ObjectLockEnabledForBucket: sdk.Bool(lock)}
		if region != "us-east-1" {
			in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
		}
		must(cl.CreateBucket(ctx, in))
		return cl
	}
	// Insecure: public-read ACL, a policy open to everyone, nothing else.
	open := create(insecureRegion, "shoulder-open", false)
	must(open.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: sdk.String("shoulder-open"), ACL: s3types.BucketCannedACLPublicRead}))
	must(open.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: sdk.String("shoulder-open"),
		Policy: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shoulder-open/*"}]}`)}))
	// Logs and replica targets.
	logs := create(secureRegion, "shoulder-logs", false)
	must(logs.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: sdk.String("shoulder-logs"), ACL: s3types.BucketCannedACL("log-delivery-write")}))
	replica := create(homeRegion, "shoulder-replica", false)
	must(replica.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: sdk.String("shoulder-replica"),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}))
	// Secure: KMS encryption, versioning, logging, replication, lifecycle,
	// Block Public Access, owner-enforced, tags, object lock.
	name := sdk.String("shoulder-secure")
	sec := create(secureRegion, "shoulder-secure", true)
	must(sec.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: name, ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
		Rules: []s3types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAwsKms, KMSMasterKeyID: sdk.String("alias/data")}, BucketKeyEnabled: sdk.Bool(true)}}}}))
	must(sec.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: name, VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}))
	must(sec.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: name, BucketLoggingStatus: &s3types.BucketLoggingStatus{
		LoggingEnabled: &s3types.LoggingEnabled{TargetBucket: sdk.String("shoulder-logs"), TargetPrefix: sdk.String("secure/")}}}))
	must(sec.PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: name, ReplicationConfiguration: &s3types.ReplicationConfiguration{
		Role: sdk.String("arn:aws:iam::" + motoAccount + ":role/replication"),
		Rules: []s3types.ReplicationRule{{ID: sdk.String("dr"), Status: s3types.ReplicationRuleStatusEnabled, Priority: sdk.Int32(1),
			Filter: &s3types.ReplicationRuleFilter{Prefix: sdk.String("")}, DeleteMarkerReplication: &s3types.DeleteMarkerReplication{Status: s3types.DeleteMarkerReplicationStatusDisabled},
			Destination: &s3types.Destination{Bucket: sdk.String("arn:aws:s3:::shoulder-replica")}}}}}))
	must(sec.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: name, LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{
		Rules: []s3types.LifecycleRule{{ID: sdk.String("expire-old"), Status: s3types.ExpirationStatusEnabled, Filter: &s3types.LifecycleRuleFilter{Prefix: sdk.String("")},
			NoncurrentVersionExpiration:    &s3types.NoncurrentVersionExpiration{NoncurrentDays: sdk.Int32(90)},
			AbortIncompleteMultipartUpload: &s3types.AbortIncompleteMultipartUpload{DaysAfterInitiation: sdk.Int32(7)}}}}}))
	must(sec.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: name, PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
		BlockPublicAcls: sdk.Bool(true), IgnorePublicAcls: sdk.Bool(true), BlockPublicPolicy: sdk.Bool(true), RestrictPublicBuckets: sdk.Bool(true)}}))
	must(sec.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: name, OwnershipControls: &s3types.OwnershipControls{
		Rules: []s3types.OwnershipControlsRule{{ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}}}}))
	must(sec.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: name, Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: sdk.String("data-classification"), Value: sdk.String("confidential")}}}}))
	must(sec.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: name, ObjectLockConfiguration: &s3types.ObjectLockConfiguration{
		ObjectLockEnabled: s3types.ObjectLockEnabledEnabled, Rule: &s3types.ObjectLockRule{DefaultRetention: &s3types.DefaultRetention{Mode: s3types.ObjectLockRetentionModeCompliance, Days: sdk.Int32(30)}}}}))
	must(sec.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: name, Policy: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::shoulder-secure","arn:aws:s3:::shoulder-secure/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`)}))
	must(sec.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: sdk.String("shoulder-logs"), WebsiteConfiguration: &s3types.WebsiteConfiguration{IndexDocument: &s3types.IndexDocument{Suffix: sdk.String("index.html")}}}))

	// Account-level Block Public Access.
	sc := s3control.NewFromConfig(sdkConfig(t, homeRegion), func(o *s3control.Options) {
		o.APIOptions = append(o.APIOptions, stripAccountHost)
	})
	must(sc.PutPublicAccessBlock(ctx, &s3control.PutPublicAccessBlockInput{AccountId: sdk.String(motoAccount), PublicAccessBlockConfiguration: &s3ctypes.PublicAccessBlockConfiguration{
		BlockPublicAcls: sdk.Bool(true), IgnorePublicAcls: sdk.Bool(true), BlockPublicPolicy: sdk.Bool(false), RestrictPublicBuckets: sdk.Bool(false)}}))

	// Access points: one open to the Internet with the policy settings of
	// Block Public Access off, one confined to a VPC with S3's defaults
	// (all on). Moto keeps them per partition, lists them in every region
	// and puts us-east-1 in every access point ARN.
	must(sc.CreateAccessPoint(ctx, &s3control.CreateAccessPointInput{AccountId: sdk.String(motoAccount), Name: sdk.String("open-ap"), Bucket: sdk.String("shoulder-open"),
		PublicAccessBlockConfiguration: &s3ctypes.PublicAccessBlockConfiguration{
			BlockPublicAcls: sdk.Bool(true), IgnorePublicAcls: sdk.Bool(true), BlockPublicPolicy: sdk.Bool(false), RestrictPublicBuckets: sdk.Bool(false)}}))
	// A Multi-Region Access Point over the open bucket with the ACL
	// settings of Block Public Access off.
	must(sc.CreateMultiRegionAccessPoint(ctx, &s3control.CreateMultiRegionAccessPointInput{AccountId: sdk.String(motoAccount), ClientToken: sdk.String("shoulder-mrap"),
		Details: &s3ctypes.CreateMultiRegionAccessPointInput{Name: sdk.String("open-mrap"), Regions: []s3ctypes.Region{{Bucket: sdk.String("shoulder-open")}},
			PublicAccessBlock: &s3ctypes.PublicAccessBlockConfiguration{
				BlockPublicAcls: sdk.Bool(false), IgnorePublicAcls: sdk.Bool(false), BlockPublicPolicy: sdk.Bool(true), RestrictPublicBuckets: sdk.Bool(true)}}}))
	must(sc.CreateAccessPoint(ctx, &s3control.CreateAccessPointInput{AccountId: sdk.String(motoAccount), Name: sdk.String("vpc-ap"), Bucket: sdk.String("shoulder-secure"),
		VpcConfiguration: &s3ctypes.VpcConfiguration{VpcId: sdk.String("vpc-0123456789abcdef0")}}))
}

func buildRegion(ctx context.Context, t *testing.T, sc *scenario, r string) {
	cfg := sdkConfig(t, r)
	secure := r == secureRegion
	ec := ec2.NewFromConfig(cfg)
	tag := func(kind, name string) []ec2types.TagSpecification {
		return []ec2types.TagSpecification{{ResourceType: ec2types.ResourceType(kind), Tags: []ec2types.Tag{{Key: sdk.String("Name"), Value: sdk.String(name)}}}}
	}
	vpc := must(ec.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: sdk.String("10.20.0.0/16"), TagSpecifications: tag("vpc", "main-"+r)}))
	sc.vpc[r] = *vpc.Vpc.VpcId
	sub := must(ec.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: sdk.String("10.20.1.0/24"), AvailabilityZone: sdk.String(r + "a")}))
	sc.subnet[r] = *sub.Subnet.SubnetId
	if !secure {
		must(ec.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: sub.Subnet.SubnetId, MapPublicIpOnLaunch: &ec2types.AttributeBooleanValue{Value: sdk.Bool(true)}}))
	}
	openSG := must(ec.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: sdk.String("ssh-open"), Description: sdk.String("ssh from anywhere"), VpcId: vpc.Vpc.VpcId}))
	sc.openSG[r] = *openSG.GroupId
	must(ec.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: openSG.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: sdk.String("tcp"), FromPort: sdk.Int32(22), ToPort: sdk.Int32(22), IpRanges: []ec2types.IpRange{{CidrIp: sdk.String("0.0.0.0/0"), Description: sdk.String("world")}}}}}))
	closedSG := must(ec.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: sdk.String("https-corp"), Description: sdk.String("https from corp"), VpcId: vpc.Vpc.VpcId}))
	sc.closedSG[r] = *closedSG.GroupId
	must(ec.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: closedSG.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: sdk.String("tcp"), FromPort: sdk.Int32(443), ToPort: sdk.Int32(443), IpRanges: []ec2types.IpRange{{CidrIp: sdk.String("10.0.0.0/8")}},
		UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: openSG.GroupId}}}}}))
	pl := must(ec.CreateManagedPrefixList(ctx, &ec2.CreateManagedPrefixListInput{PrefixListName: sdk.String("world-halves"), AddressFamily: sdk.String("IPv4"), MaxEntries: sdk.Int32(5),
		Entries: []ec2types.AddPrefixListEntry{{Cidr: sdk.String("0.0.0.0/1")}, {Cidr: sdk.String("128.0.0.0/1")}}}))
	sc.prefixList[r] = *pl.PrefixList.PrefixListId
	plSG := must(ec.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: sdk.String("ssh-prefix-list"), Description: sdk.String("ssh from a prefix list"), VpcId: vpc.Vpc.VpcId}))
	sc.plSG[r] = *plSG.GroupId
	must(ec.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: plSG.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: sdk.String("tcp"), FromPort: sdk.Int32(22), ToPort: sdk.Int32(22), PrefixListIds: []ec2types.PrefixListId{{PrefixListId: pl.PrefixList.PrefixListId}}}}}))
	nacl := must(ec.CreateNetworkAcl(ctx, &ec2.CreateNetworkAclInput{VpcId: vpc.Vpc.VpcId}))
	sc.nacl[r] = *nacl.NetworkAcl.NetworkAclId
	must(ec.CreateNetworkAclEntry(ctx, &ec2.CreateNetworkAclEntryInput{NetworkAclId: nacl.NetworkAcl.NetworkAclId, RuleNumber: sdk.Int32(100), Protocol: sdk.String("6"),
		RuleAction: ec2types.RuleActionDeny, Egress: sdk.Bool(false), CidrBlock: sdk.String("0.0.0.0/0"), PortRange: &ec2types.PortRange{From: sdk.Int32(3389), To: sdk.Int32(3389)}}))
	if secure {
		fl := must(ec.CreateFlowLogs(ctx, &ec2.CreateFlowLogsInput{ResourceIds: []string{*vpc.Vpc.VpcId}, ResourceType: ec2types.FlowLogsResourceTypeVpc,
			TrafficType: ec2types.TrafficTypeAll, LogDestinationType: ec2types.LogDestinationTypeS3, LogDestination: sdk.String("arn:aws:s3:::shoulder-logs")}))
		sc.flowLog[r] = fl.FlowLogIds[0]
		must(ec.EnableEbsEncryptionByDefault(ctx, &ec2.EnableEbsEncryptionByDefaultInput{}))
	}
	enc := must(ec.CreateVolume(ctx, &ec2.CreateVolumeInput{AvailabilityZone: sdk.String(r + "a"), Size: sdk.Int32(10), Encrypted: sdk.Bool(true), TagSpecifications: tag("volume", "enc")}))
	sc.encVol[r] = *enc.VolumeId
	plain := must(ec.CreateVolume(ctx, &ec2.CreateVolumeInput{AvailabilityZone: sdk.String(r + "a"), Size: sdk.Int32(20), Encrypted: sdk.Bool(false)}))
	sc.plainVol[r] = *plain.VolumeId
	snap := func(vol string) string {
		return *must(ec.CreateSnapshot(ctx, &ec2.CreateSnapshotInput{VolumeId: sdk.String(vol)})).SnapshotId
	}
	sc.privateSnap[r] = snap(*enc.VolumeId)
	sc.sharedSnap[r] = snap(*plain.VolumeId)
	must(ec.ModifySnapshotAttribute(ctx, &ec2.ModifySnapshotAttributeInput{SnapshotId: sdk.String(sc.sharedSnap[r]), Attribute: ec2types.SnapshotAttributeNameCreateVolumePermission,
		OperationType: ec2types.OperationTypeAdd, UserIds: []string{"111122223333"}}))
	if !secure {
		sc.publicSnap[r] = snap(*plain.VolumeId)
		must(ec.ModifySnapshotAttribute(ctx, &ec2.ModifySnapshotAttributeInput{SnapshotId: sdk.String(sc.publicSnap[r]), Attribute: ec2types.SnapshotAttributeNameCreateVolumePermission,
			OperationType: ec2types.OperationTypeAdd, GroupNames: []string{"all"}}))
	}
	// An AMI of our own from a snapshot, an instance launched from it, and
	// the AMI shared with another account (public in the insecure region).
	img := must(ec.RegisterImage(ctx, &ec2.RegisterImageInput{Name: sdk.String("golden-" + r), RootDeviceName: sdk.String("/dev/xvda"),
		BlockDeviceMappings: []ec2types.BlockDeviceMapping{{DeviceName: sdk.String("/dev/xvda"), Ebs: &ec2types.EbsBlockDevice{SnapshotId: sdk.String(sc.privateSnap[r])}}}}))
	sc.image[r] = *img.ImageId
	perm := &ec2types.LaunchPermissionModifications{Add: []ec2types.LaunchPermission{{UserId: sdk.String("111122223333")}}}
	if !secure {
		perm.Add = append(perm.Add, ec2types.LaunchPermission{Group: ec2types.PermissionGroupAll})
	}
	must(ec.ModifyImageAttribute(ctx, &ec2.ModifyImageAttributeInput{ImageId: img.ImageId, LaunchPermission: perm}))
	tokens := ec2types.HttpTokensStateRequired
	if !secure {
		tokens = ec2types.HttpTokensStateOptional
	}
	run := must(ec.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: img.ImageId, MinCount: sdk.Int32(1), MaxCount: sdk.Int32(1), InstanceType: ec2types.InstanceTypeT3Micro,
		SubnetId: sub.Subnet.SubnetId, SecurityGroupIds: []string{*openSG.GroupId}, MetadataOptions: &ec2types.InstanceMetadataOptionsRequest{HttpTokens: tokens},
		TagSpecifications: tag("instance", "app-"+r)}))
	sc.instance[r] = *run.Instances[0].InstanceId
	cgw := must(ec.CreateCustomerGateway(ctx, &ec2.CreateCustomerGatewayInput{BgpAsn: sdk.Int32(65000), IpAddress: sdk.String("198.51.100.7"), Type: ec2types.GatewayTypeIpsec1}))
	vgw := must(ec.CreateVpnGateway(ctx, &ec2.CreateVpnGatewayInput{Type: ec2types.GatewayTypeIpsec1}))
	vpn := must(ec.CreateVpnConnection(ctx, &ec2.CreateVpnConnectionInput{CustomerGatewayId: cgw.CustomerGateway.CustomerGatewayId, VpnGatewayId: vgw.VpnGateway.VpnGatewayId, Type: sdk.String("ipsec.1")}))
	sc.vpn[r] = *vpn.VpnConnection.VpnConnectionId
	ep := must(ec.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{VpcId: vpc.Vpc.VpcId, ServiceName: sdk.String("com.amazonaws." + r + ".s3"), VpcEndpointType: ec2types.VpcEndpointTypeGateway}))
	sc.endpoint[r] = *ep.VpcEndpoint.VpcEndpointId

	// A launch template (IMDSv2 and private when secure) and, in the
	// insecure region, a transit gateway that accepts any attachment.
	ltTokens := ec2types.LaunchTemplateHttpTokensStateRequired
	if !secure {
		ltTokens = ec2types.LaunchTemplateHttpTokensStateOptional
		must(ec.CreateTransitGateway(ctx, &ec2.CreateTransitGatewayInput{Description: sdk.String("hub"),
			Options: &ec2types.TransitGatewayRequestOptions{AutoAcceptSharedAttachments: ec2types.AutoAcceptSharedAttachmentsValueEnable}}))
	}
	must(ec.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: sdk.String("app-" + r), LaunchTemplateData: &ec2types.RequestLaunchTemplateData{
		ImageId: img.ImageId, MetadataOptions: &ec2types.LaunchTemplateInstanceMetadataOptionsRequest{HttpTokens: ltTokens},
		NetworkInterfaces: []ec2types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest{{DeviceIndex: sdk.Int32(0), AssociatePublicIpAddress: sdk.Bool(!secure)}},
		// svc-gaps: EC2.181, the data volume encrypted when secure.
		BlockDeviceMappings: []ec2types.LaunchTemplateBlockDeviceMappingRequest{{DeviceName: sdk.String("/dev/sdf"), Ebs: &ec2types.LaunchTemplateEbsBlockDeviceRequest{Encrypted: sdk.Bool(secure), VolumeSize: sdk.Int32(20)}}}}}))

	// KMS: a rotating key and a static one with a policy open to everyone.
	kc := kms.NewFromConfig(cfg)
	rot := must(kc.CreateKey(ctx, &kms.CreateKeyInput{Description: sdk.String("data key"), Tags: []kmstypes.Tag{{TagKey: sdk.String("owner"), TagValue: sdk.String("platform")}}}))
	sc.rotatingKey[r] = *rot.KeyMetadata.KeyId
	must(kc.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: rot.KeyMetadata.KeyId}))
	must(kc.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: sdk.String("alias/data"), TargetKeyId: rot.KeyMetadata.KeyId}))
	must(kc.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: rot.KeyMetadata.KeyId, GranteePrincipal: sdk.String("arn:aws:iam::" + motoAccount + ":role/app-role"),
		Operations: []kmstypes.GrantOperation{"Decrypt", "Encrypt"}}))
	static := must(kc.CreateKey(ctx, &kms.CreateKeyInput{Description: sdk.String("legacy key"), Policy: sdk.String(permissivePolicy)}))
	sc.staticKey[r] = *static.KeyMetadata.KeyId

	// CloudTrail: a logging multi-region trail at home with validation and
	// selectors; a stopped single-region trail in the insecure region.
	if r == homeRegion || r == insecureRegion {
		tc := cloudtrail.NewFromConfig(cfg)
		name := "org-trail"
		in := &cloudtrail.CreateTrailInput{Name: sdk.String(name), S3BucketName: sdk.String("shoulder-logs")}
		if r == homeRegion {
			in.IsMultiRegionTrail, in.EnableLogFileValidation, in.IncludeGlobalServiceEvents = sdk.Bool(true), sdk.Bool(true), sdk.Bool(true)
			in.TagsList = []cttypes.Tag{{Key: sdk.String("data-classification"), Value: sdk.String("restricted")}}
		} else {
			name = "local-trail"
			in.Name = sdk.String(name)
		}
		must(tc.CreateTrail(ctx, in))
		if r == homeRegion {
			must(tc.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: sdk.String(name)}))
			must(tc.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: sdk.String(name), EventSelectors: []cttypes.EventSelector{{
				IncludeManagementEvents: sdk.Bool(true), ReadWriteType: cttypes.ReadWriteTypeAll,
				DataResources: []cttypes.DataResource{{Type: sdk.String("AWS::S3::Object"), Values: []string{"arn:aws:s3"}}}}}}))
		}
	}

	// CIS monitoring in the home region: a CloudTrail log group with a
	// metric filter, and a topic with one email subscription. (No alarm:
	// the SDK speaks CloudWatch's CBOR protocol, which this moto lacks.) The insecure region has a log group that keeps
	// events forever and no filter.
	lc := cloudwatchlogs.NewFromConfig(cfg)
	switch r {
	case homeRegion:
		must(lc.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: sdk.String("cloudtrail")}))
		must(lc.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: sdk.String("cloudtrail"), RetentionInDays: sdk.Int32(365)}))
		must(lc.PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{LogGroupName: sdk.String("cloudtrail"), FilterName: sdk.String("unauthorized"),
			FilterPattern: sdk.String(unauthorizedPattern), MetricTransformations: []cwltypes.MetricTransformation{{
				MetricName: sdk.String("UnauthorizedAPICalls"), MetricNamespace: sdk.String("CISBenchmark"), MetricValue: sdk.String("1")}}}))
		sn := sns.NewFromConfig(cfg)
		topic := must(sn.CreateTopic(ctx, &sns.CreateTopicInput{Name: sdk.String("security-alerts"), Attributes: map[string]string{"KmsMasterKeyId": "alias/aws/sns"}}))
		must(sn.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: sdk.String("email"), Endpoint: sdk.String("sec@example.com")}))
	case insecureRegion:
		must(lc.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: sdk.String("app")}))
	}

	// DynamoDB: a table (encrypted under a KMS key, with point-in-time
	// recovery, deletion protection and a classification tag when secure).
	dc := dynamodb.NewFromConfig(cfg)
	tin := &dynamodb.CreateTableInput{TableName: sdk.String("orders"), BillingMode: ddbtypes.BillingModePayPerRequest,
		AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: sdk.String("id"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
		KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: sdk.String("id"), KeyType: ddbtypes.KeyTypeHash}}}
	if secure {
		tin.SSESpecification = &ddbtypes.SSESpecification{Enabled: sdk.Bool(true), SSEType: ddbtypes.SSETypeKms, KMSMasterKeyId: rot.KeyMetadata.Arn}
		tin.DeletionProtectionEnabled = sdk.Bool(true)
		tin.Tags = []ddbtypes.Tag{{Key: sdk.String("data-classification"), Value: sdk.String("confidential")}}
	}
	must(dc.CreateTable(ctx, tin))
	if secure {
		must(dc.UpdateContinuousBackups(ctx, &dynamodb.UpdateContinuousBackupsInput{TableName: sdk.String("orders"),
			PointInTimeRecoverySpecification: &ddbtypes.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: sdk.Bool(true)}}))
	}

	// Lambda: a function (open to everyone by its policy when insecure).
	lc2 := lambda.NewFromConfig(cfg)
	// Its tags (readable only through the Tagging API in bulk) classify it
	// in the secure region.
	fnTags := map[string]string{"owner": "media"}
	if secure {
		fnTags["data-classification"] = "confidential"
	}
	must(lc2.CreateFunction(ctx, &lambda.CreateFunctionInput{FunctionName: sdk.String("resize"), Runtime: lambdatypes.RuntimePython312, Tags: fnTags,
		Role: sdk.String("arn:aws:iam::" + motoAccount + ":role/app-role"), Handler: sdk.String("app.handler"), Code: &lambdatypes.FunctionCode{ZipFile: tinyZip()}}))
	if !secure {
		must(lc2.AddPermission(ctx, &lambda.AddPermissionInput{FunctionName: sdk.String("resize"), StatementId: sdk.String("anyone"),
			Action: sdk.String("lambda:InvokeFunction"), Principal: sdk.String("*")}))
	}

	buildMessaging(ctx, cfg, r, secure, *rot.KeyMetadata.Arn)
	buildECS(ctx, cfg, secure, *sub.Subnet.SubnetId, *closedSG.GroupId)
	buildEKS(ctx, cfg, secure, *sub.Subnet.SubnetId, *rot.KeyMetadata.Arn)
	buildACM(ctx, cfg, r, secure)
	buildSageMaker(ctx, cfg, secure, *sub.Subnet.SubnetId, *closedSG.GroupId, *rot.KeyMetadata.Arn) // svc-analytics
	if r == homeRegion {
		buildEMR(ctx, cfg, *sub.Subnet.SubnetId) // this moto keeps EMR in us-east-1 whatever the region asked
	}
	buildElastiCache(ctx, cfg, secure, *sub.Subnet.SubnetId) // svc-data
	buildKinesis(ctx, cfg, secure)                           // svc-stream
	buildFirehose(ctx, cfg, r, secure)
	buildOpenSearch(ctx, cfg, r, secure, *sub.Subnet.SubnetId, *rot.KeyMetadata.Arn) // svc-search
	if r == homeRegion {
		buildRoute53(ctx, cfg, *sub.Subnet.VpcId) // svc-search: global, built once
	}
	buildInspector(ctx, cfg, r, secure) // svc-sec
	buildMacie(ctx, cfg, r)
	buildCodeBuild(ctx, cfg, secure)                                                // svc-build
	buildRDSMore(ctx, cfg, r, secure, *sub.Subnet.SubnetId)                         // svc-gaps
	buildNetworkFirewall(ctx, cfg, r, secure, *vpc.Vpc.VpcId, *sub.Subnet.SubnetId) // svc-netfw
	buildTransfer(ctx, cfg, r, secure, *vpc.Vpc.VpcId, *sub.Subnet.SubnetId)
	buildAppSync(ctx, cfg, secure)                      // svc-classic
	buildCognito(ctx, cfg, secure)                      // svc-classic
	buildMSK(ctx, cfg, r, *sub.Subnet.SubnetId, secure) // svc-msk
	buildStepFunctions(ctx, cfg, r, secure)
	buildDAX(ctx, cfg, secure)      // svc-dax
	buildElasticBeanstalk(ctx, cfg) // svc-eb
	buildGlue(ctx, cfg, r, secure)  // svc-glue
	buildAthena(ctx, cfg, secure)
	buildFSx(ctx, cfg, r, *sub.Subnet.SubnetId, secure) // svc-fsx
	buildMQ(ctx, cfg, r, secure)                        // svc-mq
	buildDataSync(ctx, cfg, r, secure)

	// svc-catalog: AWS Service Catalog portfolios
	buildServiceCatalog(ctx, cfg, r, secure)

	buildPCA(ctx, cfg, secure) // svc-s3dir

	// EFS: a file system with a mount target and an access point
	// (encrypted, with a policy and a fixed identity when secure; this moto
	// cannot set a backup policy).
	fc := efs.NewFromConfig(cfg)
	fs := must(fc.CreateFileSystem(ctx, &efs.CreateFileSystemInput{CreationToken: sdk.String("fs-" + r), Encrypted: sdk.Bool(secure),
		Tags: []efstypes.Tag{{Key: sdk.String("Name"), Value: sdk.String("shared-" + r)}}}))
	must(fc.CreateMountTarget(ctx, &efs.CreateMountTargetInput{FileSystemId: fs.FileSystemId, SubnetId: sub.Subnet.SubnetId}))
	ap := &efs.CreateAccessPointInput{FileSystemId: fs.FileSystemId, RootDirectory: &efstypes.RootDirectory{Path: sdk.String("/app")}}
	if secure {
		ap.PosixUser = &efstypes.PosixUser{Uid: sdk.Int64(1000), Gid: sdk.Int64(1000)}
		must(fc.PutFileSystemPolicy(ctx, &efs.PutFileSystemPolicyInput{FileSystemId: fs.FileSystemId,
			Policy: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`)}))
	}
	must(fc.CreateAccessPoint(ctx, ap))

	// Load balancers: an internet-facing ALB (plain HTTP forwarding when
	// insecure; redirecting to HTTPS, logging and deletion-protected when
	// secure) and, in the insecure region, a classic ELB.
	sub2 := must(ec.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: sdk.String("10.20.2.0/24"), AvailabilityZone: sdk.String(r + "b")}))
	lbc := elbv2.NewFromConfig(cfg)
	alb := must(lbc.CreateLoadBalancer(ctx, &elbv2.CreateLoadBalancerInput{Name: sdk.String("web"), Subnets: []string{*sub.Subnet.SubnetId, *sub2.Subnet.SubnetId},
		SecurityGroups: []string{*closedSG.GroupId}, Scheme: elbv2types.LoadBalancerSchemeEnumInternetFacing, Type: elbv2types.LoadBalancerTypeEnumApplication,
		Tags: []elbv2types.Tag{{Key: sdk.String("tier"), Value: sdk.String("edge")}}}))
	albARN := alb.LoadBalancers[0].LoadBalancerArn
	tg := must(lbc.CreateTargetGroup(ctx, &elbv2.CreateTargetGroupInput{Name: sdk.String("app"), Protocol: elbv2types.ProtocolEnumHttp, Port: sdk.Int32(8080), VpcId: vpc.Vpc.VpcId}))
	forward := []elbv2types.Action{{Type: elbv2types.ActionTypeEnumForward, TargetGroupArn: tg.TargetGroups[0].TargetGroupArn}}
	def := forward
	if secure {
		def = []elbv2types.Action{{Type: elbv2types.ActionTypeEnumRedirect, RedirectConfig: &elbv2types.RedirectActionConfig{Protocol: sdk.String("HTTPS"), Port: sdk.String("443"), StatusCode: elbv2types.RedirectActionStatusCodeEnumHttp301}}}
	}
	lis := must(lbc.CreateListener(ctx, &elbv2.CreateListenerInput{LoadBalancerArn: albARN, Protocol: elbv2types.ProtocolEnumHttp, Port: sdk.Int32(80), DefaultActions: def}))
	if secure {
		must(lbc.CreateRule(ctx, &elbv2.CreateRuleInput{ListenerArn: lis.Listeners[0].ListenerArn, Priority: sdk.Int32(10), Actions: forward,
			Conditions: []elbv2types.RuleCondition{{Field: sdk.String("path-pattern"), Values: []string{"/health"}}}}))
		must(lbc.ModifyLoadBalancerAttributes(ctx, &elbv2.ModifyLoadBalancerAttributesInput{LoadBalancerArn: albARN, Attributes: []elbv2types.LoadBalancerAttribute{
			{Key: sdk.String("access_logs.s3.enabled"), Value: sdk.String("true")}, {Key: sdk.String("access_logs.s3.bucket"), Value: sdk.String("shoulder-logs")},
			{Key: sdk.String("deletion_protection.enabled"), Value: sdk.String("true")},
			{Key: sdk.String("routing.http.drop_invalid_header_fields.enabled"), Value: sdk.String("true")}}}))
	} else {
		must(elb.NewFromConfig(cfg).CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{LoadBalancerName: sdk.String("legacy"), AvailabilityZones: []string{r + "a"},
			Listeners: []elbtypes.Listener{{Protocol: sdk.String("HTTP"), LoadBalancerPort: 80, InstanceProtocol: sdk.String("HTTP"), InstancePort: sdk.Int32(8080)},
				{Protocol: sdk.String("HTTPS"), LoadBalancerPort: 443, InstanceProtocol: sdk.String("HTTP"), InstancePort: sdk.Int32(8080),
					SSLCertificateId: sdk.String("arn:aws:iam::" + motoAccount + ":server-certificate/legacy")}}}))
	}

	buildAutoScaling(ctx, cfg, r, secure, *img.ImageId, []string{*sub.Subnet.SubnetId, *sub2.Subnet.SubnetId}, *tg.TargetGroups[0].TargetGroupArn)

	// WorkSpaces (secure region): a Simple AD directory registered with
	// WorkSpaces and one encrypted WorkSpace on it.
	if secure {
		dir := must(directoryservice.NewFromConfig(cfg).CreateDirectory(ctx, &directoryservice.CreateDirectoryInput{Name: sdk.String("corp.example.com"),
			Password: sdk.String("Passw0rd!Passw0rd"), Size: dstypes.DirectorySizeSmall,
			VpcSettings: &dstypes.DirectoryVpcSettings{VpcId: vpc.Vpc.VpcId, SubnetIds: []string{*sub.Subnet.SubnetId, *sub2.Subnet.SubnetId}}}))
		wc := workspaces.NewFromConfig(cfg)
		must(wc.RegisterWorkspaceDirectory(ctx, &workspaces.RegisterWorkspaceDirectoryInput{DirectoryId: dir.DirectoryId}))
		sc.directory = *dir.DirectoryId
		must(wc.CreateWorkspaces(ctx, &workspaces.CreateWorkspacesInput{Workspaces: []wstypes.WorkspaceRequest{{DirectoryId: dir.DirectoryId,
			UserName: sdk.String("alice"), BundleId: sdk.String("wsb-0123456789"), RootVolumeEncryptionEnabled: sdk.Bool(true),
			UserVolumeEncryptionEnabled: sdk.Bool(true), VolumeEncryptionKey: rot.KeyMetadata.Arn,
			Tags: []wstypes.Tag{{Key: sdk.String("data-classification"), Value: sdk.String("confidential")}}}}}))
	}

	// AWS Backup: a vault in each region; in the secure one under the
	// customer key, and a plan whose rule copies to another region (this
	// moto has neither vault access policies nor backup selections: the
	// stub endpoint test reads those).
	bc := backup.NewFromConfig(cfg)
	vin := &backup.CreateBackupVaultInput{BackupVaultName: sdk.String("vault-" + r)}
	if secure {
		vin.EncryptionKeyArn = rot.KeyMetadata.Arn
	}
	vault := must(bc.CreateBackupVault(ctx, vin))
	if secure {
		must(bc.CreateBackupPlan(ctx, &backup.CreateBackupPlanInput{BackupPlan: &bktypes.BackupPlanInput{BackupPlanName: sdk.String("daily"),
			Rules: []bktypes.BackupRuleInput{{RuleName: sdk.String("daily-35d"), TargetBackupVaultName: vault.BackupVaultName, ScheduleExpression: sdk.String("cron(0 3 * * ? *)"),
				Lifecycle:   &bktypes.Lifecycle{DeleteAfterDays: sdk.Int64(35)},
				CopyActions: []bktypes.CopyAction{{DestinationBackupVaultArn: sdk.String("arn:aws:backup:" + insecureRegion + ":" + motoAccount + ":backup-vault:vault-" + insecureRegion)}}}}}}))
	}

	// Config, GuardDuty and Security Hub in the secure region only.
	if secure {
		must(securityhub.NewFromConfig(cfg).EnableSecurityHub(ctx, &securityhub.EnableSecurityHubInput{}))
		cc := configservice.NewFromConfig(cfg)
		must(cc.PutConfigurationRecorder(ctx, &configservice.PutConfigurationRecorderInput{ConfigurationRecorder: &cstypes.ConfigurationRecorder{
			Name: sdk.String("default"), RoleARN: sdk.String("arn:aws:iam::" + motoAccount + ":role/config"),
			RecordingGroup: &cstypes.RecordingGroup{AllSupported: true, IncludeGlobalResourceTypes: true}}}))
		must(cc.PutDeliveryChannel(ctx, &configservice.PutDeliveryChannelInput{DeliveryChannel: &cstypes.DeliveryChannel{Name: sdk.String("default"), S3BucketName: sdk.String("shoulder-logs")}}))
		must(cc.StartConfigurationRecorder(ctx, &configservice.StartConfigurationRecorderInput{ConfigurationRecorderName: sdk.String("default")}))
		gc := guardduty.NewFromConfig(cfg)
		must(gc.CreateDetector(ctx, &guardduty.CreateDetectorInput{Enable: sdk.Bool(true)}))
	}

	// SSM: a document of ours shared with another account.
	sm := ssm.NewFromConfig(cfg)
	must(sm.CreateDocument(ctx, &ssm.CreateDocumentInput{Name: sdk.String("patch-now"), DocumentType: ssmtypes.DocumentTypeCommand,
		Content: sdk.String(`{"schemaVersion":"2.2","description":"x","mainSteps":[{"action":"aws:runShellScript","name":"run","inputs":{"runCommand":["true"]}}]}`)}))
	if !secure {
		must(sm.ModifyDocumentPermission(ctx, &ssm.ModifyDocumentPermissionInput{Name: sdk.String("patch-now"), PermissionType: ssmtypes.DocumentPermissionTypeShare, AccountIdsToAdd: []string{"111122223333"}}))
	}

	// RDS: an instance (encrypted and private when secure), a manual
	// snapshot (public when insecure), a parameter group with a user
	// setting, a cluster with a snapshot, an event subscription.
	rc := rds.NewFromConfig(cfg)
	must(rc.CreateDBParameterGroup(ctx, &rds.CreateDBParameterGroupInput{DBParameterGroupName: sdk.String("pg-secure"), DBParameterGroupFamily: sdk.String("postgres15"), Description: sdk.String("tls")}))
	must(rc.ModifyDBParameterGroup(ctx, &rds.ModifyDBParameterGroupInput{DBParameterGroupName: sdk.String("pg-secure"), Parameters: []rdstypes.Parameter{{
		ParameterName: sdk.String("rds.force_ssl"), ParameterValue: sdk.String("1"), ApplyMethod: rdstypes.ApplyMethodImmediate}}}))
	must(rc.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: sdk.String("db-" + r), Engine: sdk.String("postgres"), EngineVersion: sdk.String("15.7"),
		DBInstanceClass: sdk.String("db.t3.micro"), AllocatedStorage: sdk.Int32(20), MasterUsername: sdk.String("dbadmin"), MasterUserPassword: sdk.String("Passw0rd!Passw0rd"),
		StorageEncrypted: sdk.Bool(secure), PubliclyAccessible: sdk.Bool(!secure), BackupRetentionPeriod: sdk.Int32(map[bool]int32{true: 14, false: 0}[secure]),
		DeletionProtection: sdk.Bool(secure), DBParameterGroupName: sdk.String("pg-secure"), Tags: []rdstypes.Tag{{Key: sdk.String("data-classification"), Value: sdk.String("internal")}}}))
	must(rc.CreateDBSnapshot(ctx, &rds.CreateDBSnapshotInput{DBInstanceIdentifier: sdk.String("db-" + r), DBSnapshotIdentifier: sdk.String("snap-" + r)}))
	if !secure {
		must(rc.ModifyDBSnapshotAttribute(ctx, &rds.ModifyDBSnapshotAttributeInput{DBSnapshotIdentifier: sdk.String("snap-" + r), AttributeName: sdk.String("restore"), ValuesToAdd: []string{"all"}}))
	}
	must(rc.CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: sdk.String("aurora-" + r), Engine: sdk.String("aurora-postgresql"),
		MasterUsername: sdk.String("dbadmin"), MasterUserPassword: sdk.String("Passw0rd!Passw0rd"), StorageEncrypted: sdk.Bool(secure)}))
	must(rc.CreateDBClusterParameterGroup(ctx, &rds.CreateDBClusterParameterGroupInput{DBClusterParameterGroupName: sdk.String("cpg-secure"),
		DBParameterGroupFamily: sdk.String("aurora-postgresql15"), Description: sdk.String("tls")}))
	must(rc.CreateDBClusterSnapshot(ctx, &rds.CreateDBClusterSnapshotInput{DBClusterIdentifier: sdk.String("aurora-" + r), DBClusterSnapshotIdentifier: sdk.String("csnap-" + r)}))
	must(rc.ModifyDBClusterSnapshotAttribute(ctx, &rds.ModifyDBClusterSnapshotAttributeInput{DBClusterSnapshotIdentifier: sdk.String("csnap-" + r), AttributeName: sdk.String("restore"), ValuesToAdd: []string{"111122223333"}}))
	must(rc.CreateEventSubscription(ctx, &rds.CreateEventSubscriptionInput{SubscriptionName: sdk.String("db-events"), SnsTopicArn: sdk.String("arn:aws:sns:" + r + ":" + motoAccount + ":db"),
		SourceType: sdk.String("db-instance"), EventCategories: []string{"failure"}, Enabled: sdk.Bool(true)}))

	// Redshift: a cluster, encrypted and private when secure, with a custom
	// parameter group (moto cannot set its parameters).
	rs := redshift.NewFromConfig(cfg)
	must(rs.CreateClusterParameterGroup(ctx, &redshift.CreateClusterParameterGroupInput{ParameterGroupName: sdk.String("rs-secure"), ParameterGroupFamily: sdk.String("redshift-1.0"), Description: sdk.String("ssl")}))
	must(rs.CreateCluster(ctx, &redshift.CreateClusterInput{ClusterIdentifier: sdk.String("dw-" + r), NodeType: sdk.String("ra3.xlplus"), MasterUsername: sdk.String("dwadmin"),
		MasterUserPassword: sdk.String("Passw0rd1"), ClusterType: sdk.String("single-node"), Encrypted: sdk.Bool(secure), PubliclyAccessible: sdk.Bool(!secure),
		ClusterParameterGroupName: sdk.String("rs-secure"), Tags: []rstypes.Tag{{Key: sdk.String("team"), Value: sdk.String("bi")}}}))
}

// buildMessaging creates region r's queue, secret, repository and event
// bus: encrypted under the data key, shared only with the account and
// scanned when secure; unencrypted, open to everyone (or another account)
// and unscanned when not.
func buildMessaging(ctx context.Context, cfg sdk.Config, r string, secure bool, key string) {
	own := "arn:aws:iam::" + motoAccount + ":root"
	principal := map[bool]string{true: `{"AWS":"` + own + `"}`, false: `"*"`}[secure]
	qc := sqs.NewFromConfig(cfg)
	qarn := "arn:aws:sqs:" + r + ":" + motoAccount + ":jobs"
	attrs := map[string]string{"SqsManagedSseEnabled": "false",
		"Policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"sqs:SendMessage","Resource":"` + qarn + `"}]}`}
	qtags := map[string]string{"owner": "jobs"}
	if secure {
		attrs["SqsManagedSseEnabled"] = "true"
		qtags["data-classification"] = "confidential"
	}
	must(qc.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: sdk.String("jobs"), Attributes: attrs, Tags: qtags}))

	smc := secretsmanager.NewFromConfig(cfg)
	sin := &secretsmanager.CreateSecretInput{Name: sdk.String("db-password"), SecretString: sdk.String("hunter2"),
		Tags: []smtypes.Tag{{Key: sdk.String("owner"), Value: sdk.String("db")}}}
	if secure {
		sin.KmsKeyId = sdk.String(key)
	}
	sec := must(smc.CreateSecret(ctx, sin))
	if !secure {
		must(smc.PutResourcePolicy(ctx, &secretsmanager.PutResourcePolicyInput{SecretId: sec.ARN,
			ResourcePolicy: sdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`)}))
	}

	ec := ecr.NewFromConfig(cfg)
	rin := &ecr.CreateRepositoryInput{RepositoryName: sdk.String("team/api"), ImageTagMutability: ecrtypes.ImageTagMutabilityMutable,
		ImageScanningConfiguration: &ecrtypes.ImageScanningConfiguration{ScanOnPush: secure}}
	if secure {
		rin.ImageTagMutability = ecrtypes.ImageTagMutabilityImmutable
		rin.EncryptionConfiguration = &ecrtypes.EncryptionConfiguration{EncryptionType: ecrtypes.EncryptionTypeKms, KmsKey: sdk.String(key)}
	}
	must(ec.CreateRepository(ctx, rin))
	if secure {
		must(ec.PutLifecyclePolicy(ctx, &ecr.PutLifecyclePolicyInput{RepositoryName: sdk.String("team/api"),
			LifecyclePolicyText: sdk.String(`{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}`)}))
	} else {
		must(ec.SetRepositoryPolicy(ctx, &ecr.SetRepositoryPolicyInput{RepositoryName: sdk.String("team/api"),
			PolicyText: sdk.String(`{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage"]}]}`)}))
	}

	eb := eventbridge.NewFromConfig(cfg)
	must(eb.CreateEventBus(ctx, &eventbridge.CreateEventBusInput{Name: sdk.String("orders")}))
	if secure {
		must(eb.PutPermission(ctx, &eventbridge.PutPermissionInput{EventBusName: sdk.String("orders"), Action: sdk.String("events:PutEvents"),
			Principal: sdk.String("444455556666"), StatementId: sdk.String("partner")}))
	}
}

// buildECS creates the region's cluster "apps", two revisions of the task
// definition family "web" (the first the opposite of the second, so only
// reading the latest gives the right verdict) and the service "web" on
// awsvpc: Container Insights on, a non-root, read-only, logged container
// with its password from Secrets Manager and no public IP when secure;
// insights off, a privileged root container with a password in its
// environment, no logs and a public IP when not.
func buildECS(ctx context.Context, cfg sdk.Config, secure bool, subnet, sg string) {
	ec := ecs.NewFromConfig(cfg)
	insights := map[bool]string{true: "enabled", false: "disabled"}[secure]
	k := must(ec.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: sdk.String("apps"),
		Settings: []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: sdk.String(insights)}},
		Tags:     []ecstypes.Tag{{Key: sdk.String("team"), Value: sdk.String("web")}}}))
	container := func(hardened bool) ecstypes.ContainerDefinition {
		c := ecstypes.ContainerDefinition{Name: sdk.String("app"), Image: sdk.String("nginx:1.27"), Memory: sdk.Int32(256),
			Environment: []ecstypes.KeyValuePair{{Name: sdk.String("LOG_LEVEL"), Value: sdk.String("info")}}}
		if hardened {
			c.User, c.ReadonlyRootFilesystem = sdk.String("1000"), sdk.Bool(true)
			c.LogConfiguration = &ecstypes.LogConfiguration{LogDriver: ecstypes.LogDriverAwslogs,
				Options: map[string]string{"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app"}}
			c.Secrets = []ecstypes.Secret{{Name: sdk.String("DB_PASSWORD"), ValueFrom: sdk.String("arn:aws:ssm:eu-west-1:" + motoAccount + ":parameter/db")}}
		} else {
			c.Privileged = sdk.Bool(true)
			c.Environment = append(c.Environment, ecstypes.KeyValuePair{Name: sdk.String("DB_PASSWORD"), Value: sdk.String("hunter2")})
		}
		return c
	}
	for _, hardened := range []bool{!secure, secure} {
		must(ec.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: sdk.String("web"), NetworkMode: ecstypes.NetworkModeAwsvpc,
			ContainerDefinitions: []ecstypes.ContainerDefinition{container(hardened)}}))
	}
	public := map[bool]ecstypes.AssignPublicIp{true: ecstypes.AssignPublicIpDisabled, false: ecstypes.AssignPublicIpEnabled}[secure]
	must(ec.CreateService(ctx, &ecs.CreateServiceInput{Cluster: k.Cluster.ClusterArn, ServiceName: sdk.String("web"), TaskDefinition: sdk.String("web:2"),
		DesiredCount: sdk.Int32(0), LaunchType: ecstypes.LaunchTypeFargate,
		NetworkConfiguration: &ecstypes.NetworkConfiguration{AwsvpcConfiguration: &ecstypes.AwsVpcConfiguration{Subnets: []string{subnet}, SecurityGroups: []string{sg}, AssignPublicIp: public}}}))
}

// buildEKS creates the region's cluster "kube": private, current, with
// secrets under the data key and the audit log when secure; public, on
// an old version, with plain secrets and the API log only when not.
func buildEKS(ctx context.Context, cfg sdk.Config, secure bool, subnet, key string) {
	in := &eks.CreateClusterInput{Name: sdk.String("kube"), RoleArn: sdk.String("arn:aws:iam::" + motoAccount + ":role/eks"),
		Version:            sdk.String(map[bool]string{true: "1.33", false: "1.27"}[secure]),
		ResourcesVpcConfig: &ekstypes.VpcConfigRequest{SubnetIds: []string{subnet}, EndpointPublicAccess: sdk.Bool(!secure), EndpointPrivateAccess: sdk.Bool(true)},
		Logging:            &ekstypes.Logging{ClusterLogging: []ekstypes.LogSetup{{Enabled: sdk.Bool(true), Types: []ekstypes.LogType{ekstypes.LogTypeApi}}}},
		Tags:               map[string]string{"team": "platform"}}
	if secure {
		in.Logging.ClusterLogging[0].Types = append(in.Logging.ClusterLogging[0].Types, ekstypes.LogTypeAudit)
		in.EncryptionConfig = []ekstypes.EncryptionConfig{{Resources: []string{"secrets"}, Provider: &ekstypes.Provider{KeyArn: sdk.String(key)}}}
	}
	must(eks.NewFromConfig(cfg).CreateCluster(ctx, in))
}

// buildAutoScaling creates the region's launch configuration "legacy-lc"
// and group "web" behind the target group (empty: no instance is
// launched). Secure: the configuration requires IMDSv2 without a public
// IP, and the group launches the region's launch template in two zones
// with two instance types on ELB health checks. Not secure: the
// configuration allows IMDSv1 and asks for public IPs, and the group
// launches from it in one zone on EC2 health checks.
func buildAutoScaling(ctx context.Context, cfg sdk.Config, r string, secure bool, image string, subnets []string, targetGroup string) {
	ac := autoscaling.NewFromConfig(cfg)
	tokens := map[bool]string{true: "required", false: "optional"}[secure]
	must(ac.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: sdk.String("legacy-lc"),
		ImageId: sdk.String(image), InstanceType: sdk.String("t3.micro"), AssociatePublicIpAddress: sdk.Bool(!secure),
		MetadataOptions: &astypes.InstanceMetadataOptions{HttpTokens: astypes.InstanceMetadataHttpTokensState(tokens), HttpEndpoint: astypes.InstanceMetadataEndpointStateEnabled}}))
	in := &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: sdk.String("web"), MinSize: sdk.Int32(0), MaxSize: sdk.Int32(2), DesiredCapacity: sdk.Int32(0),
		TargetGroupARNs: []string{targetGroup}, Tags: []astypes.Tag{{Key: sdk.String("team"), Value: sdk.String("web"), PropagateAtLaunch: sdk.Bool(true)}}}
	if secure {
		in.VPCZoneIdentifier = sdk.String(strings.Join(subnets, ","))
		in.HealthCheckType, in.HealthCheckGracePeriod = sdk.String("ELB"), sdk.Int32(300)
		in.MixedInstancesPolicy = &astypes.MixedInstancesPolicy{LaunchTemplate: &astypes.LaunchTemplate{
			LaunchTemplateSpecification: &astypes.LaunchTemplateSpecification{LaunchTemplateName: sdk.String("app-" + r), Version: sdk.String("$Default")},
			Overrides:                   []astypes.LaunchTemplateOverrides{{InstanceType: sdk.String("m6i.large")}, {InstanceType: sdk.String("m7i.large")}}}}
	} else {
		in.VPCZoneIdentifier = sdk.String(subnets[0])
		in.HealthCheckType = sdk.String("EC2")
		in.LaunchConfigurationName = sdk.String("legacy-lc")
	}
	must(ac.CreateAutoScalingGroup(ctx, in))
}
