// Package collect holds what live collection needs that is not specific to
// one cloud SDK: the declaration of every AWS operation the collectors call
// (with the IAM permission, scope and rate quota of each), the read-only
// rule, a bounded worker pool, client-side token buckets, per-action call
// accounting, error classification into coverage-gap reasons, a
// mutex-protected gap recorder and the progress display.
//
// The declaration (Operations) is the single source of truth: the
// collectors refuse to call an operation it does not list, `shoulder
// permissions` prints the IAM policy derived from it, and the tests check
// that every operation sent on the wire is declared and read-only.
package collect

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// Scope says how often an operation is called during one collection.
type Scope string

// The scopes of an operation.
const (
	// Global operations are called once per account (IAM, S3 ListBuckets, Organizations).
	Global Scope = "global"
	// Regional operations are called once (plus pagination) per scanned region.
	Regional Scope = "regional"
	// PerItem operations are called once per resource, where AWS offers no bulk form.
	PerItem Scope = "per-item"
)

// Rate is a client-side token bucket: RPS tokens per second, up to Burst
// tokens saved up.
type Rate struct {
	RPS   float64 `json:"rps"`
	Burst int     `json:"burst"`
}

// String renders the rate as "20/s burst 100".
func (r Rate) String() string { return fmt.Sprintf("%g/s burst %d", r.RPS, r.Burst) }

// DefaultRate paces operations whose quota AWS does not publish ("n/p" in
// the quota catalog): 20 requests per second, in the lower half of the
// 15-40 that peer scanners use for IAM. The adaptive retry slows down
// further on throttling, and --rate changes it per service or action.
func DefaultRate() Rate { return Rate{RPS: 20, Burst: 40} }

// Operation is one AWS API operation the collectors call.
type Operation struct {
	// Service is the API's endpoint prefix: ec2, s3, s3control, iam, sts,
	// organizations, kms, cloudtrail, config, guardduty, ssm, rds, redshift,
	// workspaces, access-analyzer, account, logs, ... Coverage gaps of this
	// operation carry it as state.Gap.Service. One exception: the two
	// generations of Elastic Load Balancing share the elasticloadbalancing
	// endpoint and action names, and are elbv2 and elb here.
	Service string `json:"service"`
	// Action is the API action name as the SDK and the wire protocol name
	// it, e.g. GetBucketPolicy. Gaps carry it as state.Gap.Operation.
	Action string `json:"action"`
	// Permission is the IAM action that authorises the call. It often
	// differs from the API action: s3 GetBucketEncryption needs
	// s3:GetEncryptionConfiguration, s3control GetPublicAccessBlock needs
	// s3:GetAccountPublicAccessBlock, ListBuckets needs s3:ListAllMyBuckets.
	Permission string `json:"permission"`
	// Scope says whether the call is made once, per region or per resource.
	Scope Scope `json:"scope"`
	// Rate is the default client-side pace per (region, Pool).
	Rate Rate `json:"rate"`
	// Pool names the token bucket the action draws from; actions that AWS
	// throttles together (every RDS call, for example) share one. Empty
	// means the action has its own bucket.
	Pool string `json:"pool,omitempty"`
	// Fills names the state the operation reads into, as typed inputs
	// (e.g. state.InputS3BucketPolicy). Checks name the same inputs in
	// check.Check.Reads and ask Gaps.ForInput whether one is missing; the
	// input -> operations table they use (internal/state/inputs_gen.go) is
	// generated from this field (go test ./internal/collect -run
	// TestInputBinding -update), so a check can only ask about state some
	// declared operation fills.
	Fills []state.Input `json:"fills"`
	// Detail marks a per-item operation whose data no check judges (it
	// feeds the data map and saved snapshots): a collection may skip it,
	// recording a `skipped` gap, when reading it would take long (see the
	// collectors' Details option and `--details`).
	Detail bool `json:"detail,omitempty"`
	// Budgeted marks a per-item operation a check does judge, but which
	// can take too long to make for every resource (the accounts each EBS
	// snapshot is shared with): like a Detail operation it is skipped in a
	// region where it would overrun DetailBudget (unless --details all),
	// and the checks that need it then answer unknown for what was not read.
	Budgeted bool `json:"budgeted,omitempty"`
}

// FillsText is Fills as one comma-separated string, for messages.
func (o Operation) FillsText() string {
	names := make([]string, len(o.Fills))
	for i, in := range o.Fills {
		names[i] = string(in)
	}
	return strings.Join(names, ",")
}

// Key is "service:Action", the operation's identity in maps, stats and --rate.
func (o Operation) Key() string { return o.Service + ":" + o.Action }

// Bucket is the name of the token bucket the operation draws from.
func (o Operation) Bucket() string {
	if o.Pool != "" {
		return o.Pool
	}
	return o.Key()
}

// Quotas published by AWS (see /shared/catalogs/aws_api_quotas.csv and the
// sources it cites). Each is per account and region unless said otherwise.
var (
	// EC2 throttles each Describe*/Get* action in its own bucket: 20/s with
	// a burst of 100 for paginated or filtered calls (unpaginated, unfiltered
	// calls get half). The collectors always paginate.
	ec2Rate = Rate{RPS: 20, Burst: 100}
	// ECS throttles per category of actions: cluster reads (ListClusters,
	// DescribeClusters) 20/s burst 50, service reads 20/s burst 100, task
	// definition reads 20/s burst 50.
	ecsClusterRate = Rate{RPS: 20, Burst: 50}
	ecsServiceRate = Rate{RPS: 20, Burst: 100}
	ecsTaskDefRate = Rate{RPS: 20, Burst: 50}
	// RDS throttles every API call of the account and region together.
	rdsRate = Rate{RPS: 12, Burst: 300}
	// CloudTrail management reads: 10/s per account and region.
	trailRate = Rate{RPS: 10, Burst: 10}
	// S3 bucket-configuration GETs are limited per bucket, not per account,
	// and the limit is unpublished; one token bucket per (region, action)
	// across all buckets at 100/s stays far below any per-bucket limit.
	s3BucketRate = Rate{RPS: 100, Burst: 100}
	// svc-api: API Gateway control plane, all operations together ("Total
	// operations"): 10/s burst 40 per account, fixed.
	apiGatewayRate = Rate{RPS: 10, Burst: 40}
	// svc-api: AWS WAF Get*/List* without their own quota: 5/s per action
	// (fixed; no burst published).
	wafRate = Rate{RPS: 5, Burst: 5}
	// Organizations' per-parent listings (ListParents,
	// ListAccountsForParent, ListOrganizationalUnitsForParent): 5/s burst 8.
	orgTreeRate = Rate{RPS: 5, Burst: 8}
	// svc-build: DMS, every API call of the account and region together:
	// 4/s burst 100, fixed.
	dmsRate = Rate{RPS: 4, Burst: 100}
	// svc-search: Route 53, every action and the account together: 10/s
	// burst 50.
	route53Rate = Rate{RPS: 10, Burst: 50}
)

// detail marks o as a Detail operation.
func detail(o Operation) Operation {
	o.Detail = true
	return o
}

// budgeted marks o as a Budgeted operation.
func budgeted(o Operation) Operation {
	o.Budgeted = true
	return o
}

func op(service, action, permission string, scope Scope, rate Rate, fills ...state.Input) Operation {
	return Operation{Service: service, Action: action, Permission: permission, Scope: scope, Rate: rate, Fills: fills}
}

// pooled sets the token bucket o shares with other actions.
func pooled(o Operation, pool string) Operation {
	o.Pool = pool
	return o
}

// Operations returns the declaration: every operation the collectors call,
// in a fixed order (by service, then as the collector calls them). The
// slice is new on every call.
func Operations() []Operation {
	d := DefaultRate()
	rds := func(action string, scope Scope, fills ...state.Input) Operation {
		o := op("rds", action, "rds:"+action, scope, rdsRate, fills...)
		o.Pool = "rds:*"
		return o
	}
	// ELB Describe*: 10/s, burst 40, shared by the account's ELB calls in a region.
	elbOp := func(service, action string, scope Scope, fills ...state.Input) Operation {
		o := op(service, action, "elasticloadbalancing:"+action, scope, Rate{RPS: 10, Burst: 40}, fills...)
		o.Pool = "elasticloadbalancing:*"
		return o
	}
	lambdaOp := func(action string, scope Scope, fills ...state.Input) Operation {
		o := op("lambda", action, "lambda:"+action, scope, Rate{RPS: 15, Burst: 15}, fills...)
		o.Pool = "lambda:*"
		return o
	}
	eventsOp := func(action string, scope Scope, fills ...state.Input) Operation {
		o := op("events", action, "events:"+action, scope, Rate{RPS: 50, Burst: 50}, fills...)
		o.Pool = "events:*"
		return o
	}
	ecsOp := func(action, pool string, scope Scope, r Rate, fills ...state.Input) Operation {
		o := op("ecs", action, "ecs:"+action, scope, r, fills...)
		o.Pool = pool
		return o
	}
	// svc-api: every API Gateway read is authorised by apigateway:GET and
	// drawn from the one control-plane bucket (10/s burst 40).
	apigw := func(service, action string, scope Scope, fills ...state.Input) Operation {
		o := op(service, action, "apigateway:GET", scope, apiGatewayRate, fills...)
		o.Pool = "apigateway:*"
		return o
	}
	ec2 := func(action string, scope Scope, fills ...state.Input) Operation {
		return op("ec2", action, "ec2:"+action, scope, ec2Rate, fills...)
	}
	s3b := func(action, permission string, fills ...state.Input) Operation {
		return op("s3", action, "s3:"+permission, PerItem, s3BucketRate, fills...)
	}
	orgServiceAccess := func(action string, scope Scope, fills ...state.Input) Operation {
		o := op("organizations", action, "organizations:"+action, scope, Rate{RPS: 1, Burst: 3}, fills...)
		o.Pool = "organizations:service-access"
		return o
	}
	return []Operation{
		// Identity of the caller: account ID and partition. AWS allows this
		// call even when a policy denies it.
		op("sts", "GetCallerIdentity", "sts:GetCallerIdentity", Global, Rate{RPS: 100, Burst: 100}, state.InputAccountID),
		// --role-arn and --accounts: the credentials of the role the
		// account is read with, the gate to its identity (and to everything
		// else: where it fails, nothing of that account is read).
		op("sts", "AssumeRole", "sts:AssumeRole", Global, Rate{RPS: 100, Burst: 100}, state.InputAccountID),

		// IAM (global). GetAccountAuthorizationDetails returns every user,
		// group, role and managed policy with their documents in bulk.
		op("iam", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails", Global, d, state.InputIAMAuthorizationDetails),
		// GetAccountAuthorizationDetails' RoleDetail has no MaxSessionDuration;
		// ListRoles has it (1 call per 1,000 roles; GetRole would be 1 per role).
		op("iam", "ListRoles", "iam:ListRoles", Global, d, state.InputIAMRoleSessionDurations),
		op("iam", "GenerateCredentialReport", "iam:GenerateCredentialReport", Global, d, state.InputIAMCredentialReport),
		op("iam", "GetCredentialReport", "iam:GetCredentialReport", Global, d, state.InputIAMCredentialReport),
		op("iam", "GetAccountSummary", "iam:GetAccountSummary", Global, d, state.InputIAMAccountSummary),
		op("iam", "GetAccountPasswordPolicy", "iam:GetAccountPasswordPolicy", Global, d, state.InputIAMPasswordPolicy),
		op("iam", "ListVirtualMFADevices", "iam:ListVirtualMFADevices", Global, d, state.InputIAMVirtualMFADevices),
		// Per user, only for users the credential report shows with MFA but
		// no virtual device (hardware and FIDO devices are listed nowhere else).
		// Detail: the checks judge users' MFA from the credential report
		// (the root's from the virtual device list).
		detail(op("iam", "ListMFADevices", "iam:ListMFADevices", PerItem, d, state.InputIAMUserMFADevices)),
		// Per user, only for users the credential report shows with a key.
		// Detail: the checks judge keys from the credential report; only
		// the key IDs come from here.
		detail(op("iam", "ListAccessKeys", "iam:ListAccessKeys", PerItem, d, state.InputIAMUserAccessKeys)),
		op("iam", "ListServerCertificates", "iam:ListServerCertificates", Global, d, state.InputIAMServerCertificates),
		op("iam", "ListAccountAliases", "iam:ListAccountAliases", Global, d, state.InputAccountAlias),
		op("iam", "ListSAMLProviders", "iam:ListSAMLProviders", Global, d, state.InputIAMSAMLProviders),
		op("account", "GetAlternateContact", "account:GetAlternateContact", Global, d, state.InputSecurityContact),
		op("access-analyzer", "ListAnalyzers", "access-analyzer:ListAnalyzers", Regional, d, state.InputAccessAnalyzers),
		// Quota unpublished: the default pace. One paginated call per
		// external-access analyzer (usually one a region).
		op("access-analyzer", "ListFindingsV2", "access-analyzer:ListFindingsV2", Regional, d, state.InputAccessAnalyzerFindings),

		// Organizations (global). A member account is denied the policy
		// listing; that is normal and recorded as a gap.
		op("organizations", "DescribeOrganization", "organizations:DescribeOrganization", Global, d, state.InputOrganization),
		// ListPolicies is called once per policy type (service control,
		// backup and tag policies); DescribePolicy and ListTargetsForPolicy
		// once per policy of any of those types.
		op("organizations", "ListPolicies", "organizations:ListPolicies", Global, d, state.InputSCPs, state.InputOrgPolicies),
		op("organizations", "DescribePolicy", "organizations:DescribePolicy", PerItem, d, state.InputSCPDocuments),
		op("organizations", "ListTargetsForPolicy", "organizations:ListTargetsForPolicy", PerItem, d, state.InputSCPTargets),
		// Org-level facts the management account (or a delegated
		// administrator) reads once and the members inherit
		// (state.OrgFacts). ListDelegatedAdministrators: 5/s burst 8;
		// ListAWSServiceAccessForOrganization and
		// ListDelegatedServicesForAccount share one 1/s burst 3 row.
		op("organizations", "ListDelegatedAdministrators", "organizations:ListDelegatedAdministrators", Global, Rate{RPS: 5, Burst: 8}, state.InputOrgDelegatedAdmins),
		orgServiceAccess("ListDelegatedServicesForAccount", PerItem, state.InputOrgDelegatedServices),
		orgServiceAccess("ListAWSServiceAccessForOrganization", Global, state.InputOrgTrustedServices),
		// Centralised root access for member accounts (an IAM call, made by
		// the organizations collector once it knows the account is in an
		// organization).
		op("iam", "ListOrganizationsFeatures", "iam:ListOrganizationsFeatures", Global, d, state.InputIAMOrgFeatures),
		// The OU tree, read once per organization run (--org) from the
		// management or a delegated-administrator account: ListRoots, then
		// per root and OU its child OUs and its accounts. Per node that is
		// 2 calls (plus a page per 20 children); the alternative, ListAccounts
		// (20 a page) plus ListParents per account, costs one call per
		// account and would still need the OU listing for the names, so the
		// per-parent listings are the minimal plan whenever an OU holds more
		// than one account on average. Quotas (per account, us-east-1):
		// ListRoots 1/s burst 2; ListOrganizationalUnitsForParent and
		// ListAccountsForParent share one row, 5/s burst 8, so they share
		// one bucket here (AWS does not say whether it is shared; sharing
		// is the safe reading).
		op("organizations", "ListRoots", "organizations:ListRoots", Global, Rate{RPS: 1, Burst: 2}, state.InputOrgRoots),
		pooled(op("organizations", "ListOrganizationalUnitsForParent", "organizations:ListOrganizationalUnitsForParent", PerItem, orgTreeRate, state.InputOrgUnits), "organizations:tree"),
		pooled(op("organizations", "ListAccountsForParent", "organizations:ListAccountsForParent", PerItem, orgTreeRate, state.InputOrgAccounts), "organizations:tree"),

		// S3: one global listing, then per-bucket settings at the bucket's
		// regional endpoint (AWS offers no bulk form).
		op("s3", "ListBuckets", "s3:ListAllMyBuckets", Global, d, state.InputS3Buckets),
		s3b("GetBucketLocation", "GetBucketLocation", state.InputS3BucketRegion),
		s3b("GetBucketPolicy", "GetBucketPolicy", state.InputS3BucketPolicy),
		s3b("GetBucketPolicyStatus", "GetBucketPolicyStatus", state.InputS3BucketPolicyStatus),
		s3b("GetBucketAcl", "GetBucketAcl", state.InputS3BucketACL),
		s3b("GetBucketOwnershipControls", "GetBucketOwnershipControls", state.InputS3BucketOwnership),
		s3b("GetPublicAccessBlock", "GetBucketPublicAccessBlock", state.InputS3BucketPublicAccessBlock),
		s3b("GetBucketEncryption", "GetEncryptionConfiguration", state.InputS3BucketEncryption),
		s3b("GetBucketVersioning", "GetBucketVersioning", state.InputS3BucketVersioning),
		s3b("GetObjectLockConfiguration", "GetBucketObjectLockConfiguration", state.InputS3BucketObjectLock),
		s3b("GetBucketLogging", "GetBucketLogging", state.InputS3BucketLogging),
		s3b("GetBucketLifecycleConfiguration", "GetLifecycleConfiguration", state.InputS3BucketLifecycle),
		s3b("GetBucketReplication", "GetReplicationConfiguration", state.InputS3BucketReplication),
		s3b("GetBucketNotificationConfiguration", "GetBucketNotification", state.InputS3BucketNotifications),
		s3b("GetBucketWebsite", "GetBucketWebsite", state.InputS3BucketWebsite),
		s3b("GetBucketTagging", "GetBucketTagging", state.InputS3BucketTags),
		op("s3control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock", Global, d, state.InputS3AccountPublicAccessBlock),
		// S3 access points (regional: an access point lives in its bucket's
		// region). The listing (up to 1,000 a page) has no Block Public
		// Access; GetAccessPoint, once per access point, has it. AWS
		// publishes no quota for either.
		op("s3control", "ListAccessPoints", "s3:ListAccessPoints", Regional, d, state.InputS3AccessPoints),
		op("s3control", "GetAccessPoint", "s3:GetAccessPoint", PerItem, d, state.InputS3AccessPointPublicAccessBlock),
		// Multi-Region Access Points: one account-level listing (up to 100
		// a page, the most an account may have) that already carries each
		// one's Block Public Access; AWS serves it from us-west-2 only.
		op("s3control", "ListMultiRegionAccessPoints", "s3:ListMultiRegionAccessPoints", Global, d, state.InputS3MultiRegionAccessPoints),

		// EC2 (regional). DescribeRegions runs once, in the home region.
		ec2("DescribeRegions", Global, state.InputRegions),
		ec2("DescribeInstances", Regional, state.InputEC2Instances),
		ec2("DescribeSecurityGroups", Regional, state.InputEC2SecurityGroups),
		ec2("DescribeNetworkInterfaces", Regional, state.InputEC2NetworkInterfaces),
		ec2("DescribeNetworkAcls", Regional, state.InputEC2NetworkACLs),
		ec2("DescribeVpcs", Regional, state.InputEC2VPCs),
		ec2("DescribeSubnets", Regional, state.InputEC2Subnets),
		ec2("DescribeRouteTables", Regional, state.InputEC2RouteTables),
		ec2("DescribeFlowLogs", Regional, state.InputEC2FlowLogs),
		ec2("DescribeVolumes", Regional, state.InputEC2Volumes),
		ec2("DescribeSnapshots", Regional, state.InputEC2Snapshots),
		// Detail: whether a snapshot is public comes in bulk from
		// DescribeSnapshots (RestorableByUserIds=all); only the account IDs
		// a snapshot is shared with need one call per snapshot.
		budgeted(ec2("DescribeSnapshotAttribute", PerItem, state.InputEC2SnapshotSharing)),
		ec2("DescribeImages", Regional, state.InputEC2Images),
		ec2("DescribeImageAttribute", PerItem, state.InputEC2ImageSharing),
		ec2("GetEbsEncryptionByDefault", Regional, state.InputEBSEncryptionByDefault),
		ec2("GetEbsDefaultKmsKeyId", Regional, state.InputEBSDefaultKMSKey),
		ec2("GetSnapshotBlockPublicAccessState", Regional, state.InputEC2SnapshotBlockPublicAccess),
		ec2("GetImageBlockPublicAccessState", Regional, state.InputEC2ImageBlockPublicAccess),
		ec2("GetInstanceMetadataDefaults", Regional, state.InputEC2InstanceMetadataDefaults),
		ec2("DescribeVpnConnections", Regional, state.InputEC2VPNConnections),
		ec2("DescribeVpcEndpoints", Regional, state.InputEC2VPCEndpoints),
		ec2("DescribeVpcBlockPublicAccessOptions", Regional, state.InputEC2VPCBlockPublicAccess),
		ec2("DescribeTransitGateways", Regional, state.InputEC2TransitGateways),
		ec2("DescribeLaunchTemplateVersions", Regional, state.InputEC2LaunchTemplates),
		ec2("DescribeClientVpnEndpoints", Regional, state.InputEC2ClientVPNEndpoints),
		ec2("DescribeClientVpnAuthorizationRules", PerItem, state.InputEC2ClientVPNAuthorizationRules),
		// Managed prefix lists that security group rules reference: the
		// listing (the account's, shared and AWS-managed lists), then the
		// entries of each list AWS does not own (AWS's are its service ranges).
		ec2("DescribeManagedPrefixLists", Regional, state.InputEC2ManagedPrefixLists),
		ec2("GetManagedPrefixListEntries", PerItem, state.InputEC2ManagedPrefixListEntries),
		// svc-gaps3: Spot Fleet requests with their launch specifications
		// in bulk (up to 1,000 a page; EC2's describe rate).
		ec2("DescribeSpotFleetRequests", Regional, state.InputSpotFleetRequests),

		// KMS (regional). Per-key calls are skipped for AWS managed keys:
		// AWS owns their policy, rotates them yearly and nobody can change either.
		op("kms", "ListKeys", "kms:ListKeys", Regional, Rate{RPS: 500, Burst: 500}, state.InputKMSKeys),
		op("kms", "ListAliases", "kms:ListAliases", Regional, Rate{RPS: 500, Burst: 500}, state.InputKMSAliases),
		op("kms", "DescribeKey", "kms:DescribeKey", PerItem, Rate{RPS: 2000, Burst: 2000}, state.InputKMSKeyMetadata),
		op("kms", "GetKeyRotationStatus", "kms:GetKeyRotationStatus", PerItem, Rate{RPS: 1000, Burst: 1000}, state.InputKMSKeyRotation),
		op("kms", "GetKeyPolicy", "kms:GetKeyPolicy", PerItem, Rate{RPS: 1000, Burst: 1000}, state.InputKMSKeyPolicy),
		op("kms", "ListGrants", "kms:ListGrants", PerItem, Rate{RPS: 100, Burst: 100}, state.InputKMSKeyGrants),
		op("kms", "ListResourceTags", "kms:ListResourceTags", PerItem, d, state.InputKMSKeyTags),

		// CloudTrail (regional listing incl. shadow trails; status and
		// selectors once per trail, at its home region).
		op("cloudtrail", "DescribeTrails", "cloudtrail:DescribeTrails", Regional, trailRate, state.InputCloudTrailTrails),
		op("cloudtrail", "GetTrailStatus", "cloudtrail:GetTrailStatus", PerItem, trailRate, state.InputCloudTrailStatus),
		op("cloudtrail", "GetEventSelectors", "cloudtrail:GetEventSelectors", PerItem, trailRate, state.InputCloudTrailEventSelectors),
		// Up to 20 trail ARNs a call, at the trails' home region (ListTags
		// answers only for trails of the region it is called in). Its quota
		// is unpublished: paced like CloudTrail's other reads.
		op("cloudtrail", "ListTags", "cloudtrail:ListTags", PerItem, trailRate, state.InputCloudTrailTags),

		// AWS Config (regional).
		op("config", "DescribeConfigurationRecorders", "config:DescribeConfigurationRecorders", Regional, d, state.InputConfigRecorders),
		op("config", "DescribeConfigurationRecorderStatus", "config:DescribeConfigurationRecorderStatus", Regional, d, state.InputConfigRecorderStatus),
		op("config", "DescribeDeliveryChannels", "config:DescribeDeliveryChannels", Regional, d, state.InputConfigDeliveryChannels),
		op("config", "DescribeConfigurationAggregators", "config:DescribeConfigurationAggregators", Regional, d, state.InputConfigAggregators),

		// GuardDuty (regional; at most one detector per region).
		op("guardduty", "ListDetectors", "guardduty:ListDetectors", Regional, d, state.InputGuardDutyDetectors),
		op("guardduty", "GetDetector", "guardduty:GetDetector", PerItem, d, state.InputGuardDutyDetectorSettings),
		op("guardduty", "GetAdministratorAccount", "guardduty:GetAdministratorAccount", PerItem, d, state.InputGuardDutyAdministrator),
		op("guardduty", "GetFindingsStatistics", "guardduty:GetFindingsStatistics", PerItem, d, state.InputGuardDutyFindingsStatistics),
		// Only the GuardDuty delegated administrator may read it; a
		// member's refusal is a gap on its detector.
		op("guardduty", "DescribeOrganizationConfiguration", "guardduty:DescribeOrganizationConfiguration", PerItem, d, state.InputGuardDutyOrgConfig),

		// Systems Manager (regional).
		op("ssm", "DescribeInstanceInformation", "ssm:DescribeInstanceInformation", Regional, d, state.InputSSMManagedInstances),
		op("ssm", "ListResourceComplianceSummaries", "ssm:ListResourceComplianceSummaries", Regional, d, state.InputSSMCompliance),
		op("ssm", "GetServiceSetting", "ssm:GetServiceSetting", Regional, d, state.InputSSMDocumentSharingSetting, state.InputSSMAutomationLogSetting),
		op("ssm", "ListDocuments", "ssm:ListDocuments", Regional, d, state.InputSSMDocuments),
		op("ssm", "DescribeDocumentPermission", "ssm:DescribeDocumentPermission", PerItem, d, state.InputSSMDocumentSharing),

		// RDS (regional; one token bucket for every RDS call).
		rds("DescribeDBInstances", Regional, state.InputRDSInstances),
		rds("DescribeDBClusters", Regional, state.InputRDSClusters),
		rds("DescribeGlobalClusters", PerItem, state.InputRDSGlobalClusters),
		rds("DescribeDBSnapshots", Regional, state.InputRDSSnapshots),
		rds("DescribeDBSnapshotAttributes", PerItem, state.InputRDSSnapshotSharing),
		rds("DescribeDBClusterSnapshots", Regional, state.InputRDSClusterSnapshots),
		rds("DescribeDBClusterSnapshotAttributes", PerItem, state.InputRDSClusterSnapshotSharing),
		rds("DescribeDBParameterGroups", Regional, state.InputRDSParameterGroups),
		rds("DescribeDBParameters", PerItem, state.InputRDSParameters),
		rds("DescribeDBClusterParameterGroups", Regional, state.InputRDSClusterParameterGroups),
		rds("DescribeDBClusterParameters", PerItem, state.InputRDSClusterParameters),
		rds("DescribePendingMaintenanceActions", Regional, state.InputRDSPendingMaintenance),
		rds("DescribeEventSubscriptions", Regional, state.InputRDSEventSubscriptions),
		// svc-gaps: RDS Proxy (RDS.43), one listing per region.
		rds("DescribeDBProxies", Regional, state.InputRDSProxies),

		// Redshift (regional).
		op("redshift", "DescribeClusters", "redshift:DescribeClusters", Regional, d, state.InputRedshiftClusters),
		op("redshift", "DescribeLoggingStatus", "redshift:DescribeLoggingStatus", PerItem, d, state.InputRedshiftLogging),
		op("redshift", "DescribeClusterParameterGroups", "redshift:DescribeClusterParameterGroups", Regional, d, state.InputRedshiftParameterGroups),
		op("redshift", "DescribeClusterParameters", "redshift:DescribeClusterParameters", PerItem, d, state.InputRedshiftParameters),

		// CloudWatch Logs, CloudWatch, SNS, Security Hub (regional).
		op("logs", "DescribeLogGroups", "logs:DescribeLogGroups", Regional, Rate{RPS: 10, Burst: 10}, state.InputLogGroups),
		op("logs", "DescribeMetricFilters", "logs:DescribeMetricFilters", Regional, Rate{RPS: 5, Burst: 5}, state.InputMetricFilters),
		op("cloudwatch", "DescribeAlarms", "cloudwatch:DescribeAlarms", Regional, Rate{RPS: 9, Burst: 9}, state.InputAlarms),
		op("sns", "ListTopics", "sns:ListTopics", Regional, d, state.InputSNSTopics),
		op("sns", "ListSubscriptions", "sns:ListSubscriptions", Regional, d, state.InputSNSSubscriptions),
		op("sns", "GetTopicAttributes", "sns:GetTopicAttributes", PerItem, d, state.InputSNSTopicAttributes),
		op("securityhub", "DescribeHub", "securityhub:DescribeHub", Regional, d, state.InputSecurityHubs),
		op("securityhub", "GetAdministratorAccount", "securityhub:GetAdministratorAccount", Regional, d, state.InputSecurityHubAdministrator),
		op("securityhub", "GetEnabledStandards", "securityhub:GetEnabledStandards", Regional, d, state.InputSecurityHubStandards),
		// Only the Security Hub delegated administrator may read it.
		op("securityhub", "DescribeOrganizationConfiguration", "securityhub:DescribeOrganizationConfiguration", Regional, d, state.InputSecurityHubOrgConfig),

		// DynamoDB (regional listing, per-table reads: no bulk form exists).
		op("dynamodb", "ListTables", "dynamodb:ListTables", Regional, d, state.InputDynamoDBTables),
		op("dynamodb", "DescribeTable", "dynamodb:DescribeTable", PerItem, Rate{RPS: 100, Burst: 100}, state.InputDynamoDBTableDescription),
		op("dynamodb", "DescribeContinuousBackups", "dynamodb:DescribeContinuousBackups", PerItem, Rate{RPS: 10, Burst: 10}, state.InputDynamoDBPITR),
		op("dynamodb", "GetResourcePolicy", "dynamodb:GetResourcePolicy", PerItem, d, state.InputDynamoDBResourcePolicy),
		op("dynamodb", "ListTagsOfResource", "dynamodb:ListTagsOfResource", PerItem, Rate{RPS: 10, Burst: 10}, state.InputDynamoDBTags),
		op("application-autoscaling", "DescribeScalableTargets", "application-autoscaling:DescribeScalableTargets", Regional, d, state.InputDynamoDBAutoScaling),

		// Lambda (regional; every control-plane call shares 15/s).
		lambdaOp("ListFunctions", Regional, state.InputLambdaFunctions),
		lambdaOp("GetPolicy", PerItem, state.InputLambdaPolicy),
		lambdaOp("GetRuntimeManagementConfig", PerItem, state.InputLambdaRuntimeManagement),

		// SQS (regional; AWS publishes no quota for its control-plane
		// reads: the default pace). ListQueues returns up to 1,000 queue
		// URLs a page and nothing else; a queue's encryption and access
		// policy exist only in GetQueueAttributes, one call per queue.
		op("sqs", "ListQueues", "sqs:ListQueues", Regional, d, state.InputSQSQueues),
		op("sqs", "GetQueueAttributes", "sqs:GetQueueAttributes", PerItem, d, state.InputSQSQueueAttributes),

		// Secrets Manager (regional). ListSecrets (100/s) returns each
		// secret's key, rotation, dates and tags in pages of 100; the
		// resource policy needs GetResourcePolicy per secret (50/s,
		// combined with the policy writes).
		op("secretsmanager", "ListSecrets", "secretsmanager:ListSecrets", Regional, Rate{RPS: 100, Burst: 100}, state.InputSecrets),
		op("secretsmanager", "GetResourcePolicy", "secretsmanager:GetResourcePolicy", PerItem, Rate{RPS: 50, Burst: 50}, state.InputSecretPolicy),

		// ECR private registry (regional; quotas unpublished: the default
		// pace). DescribeRepositories returns scan on push, tag mutability
		// and encryption, 1,000 a page; the registry scanning rules are one
		// call; lifecycle and repository policies one call per repository.
		op("ecr", "DescribeRepositories", "ecr:DescribeRepositories", Regional, d, state.InputECRRepositories),
		op("ecr", "GetRegistryScanningConfiguration", "ecr:GetRegistryScanningConfiguration", Regional, d, state.InputECRRegistryScanning),
		op("ecr", "GetLifecyclePolicy", "ecr:GetLifecyclePolicy", PerItem, d, state.InputECRLifecyclePolicy),
		op("ecr", "GetRepositoryPolicy", "ecr:GetRepositoryPolicy", PerItem, d, state.InputECRRepositoryPolicy),

		// EventBridge (regional; every control-plane call shares 50/s).
		// ListEventBuses carries each bus's resource policy.
		eventsOp("ListEventBuses", Regional, state.InputEventBuses),

		// ECS (regional). AWS throttles each category of reads in its own
		// bucket, 20/s sustained: cluster reads burst 50, service reads
		// burst 100, task definition reads burst 50. DescribeClusters
		// takes 100 clusters a call (with their settings), DescribeServices
		// 10 services of one cluster; ListTaskDefinitions (status ACTIVE)
		// lists every active revision, 100 a page, from which the latest
		// of each family is kept, so DescribeTaskDefinition is one call
		// per family, never per revision. A check judges every
		// DescribeTaskDefinition, so none is skipped.
		ecsOp("ListClusters", "ecs:cluster", Regional, ecsClusterRate, state.InputECSClusters),
		ecsOp("DescribeClusters", "ecs:cluster", Regional, ecsClusterRate, state.InputECSClusterSettings),
		ecsOp("ListServices", "ecs:service", PerItem, ecsServiceRate, state.InputECSServices),
		ecsOp("DescribeServices", "ecs:service", PerItem, ecsServiceRate, state.InputECSServiceNetwork),
		ecsOp("ListTaskDefinitions", "ecs:taskdef", Regional, ecsTaskDefRate, state.InputECSTaskDefinitions),
		ecsOp("DescribeTaskDefinition", "ecs:taskdef", PerItem, ecsTaskDefRate, state.InputECSTaskDefinitionContainers),

		// EKS (regional; AWS publishes no quota for its reads: the default
		// pace). ListClusters returns names only, 100 a page; endpoint
		// access, version, secrets encryption, logging and tags exist
		// only in DescribeCluster, one call per cluster.
		op("eks", "ListClusters", "eks:ListClusters", Regional, d, state.InputEKSClusters),
		op("eks", "DescribeCluster", "eks:DescribeCluster", PerItem, d, state.InputEKSClusterDetails),

		// svc-compute2: EC2 Auto Scaling (regional; AWS publishes no rate
		// for its Describe calls: the default pace). Both listings are
		// bulk, 100 a page: DescribeAutoScalingGroups carries each group's
		// zones, health check type, load balancers and target groups,
		// launch configuration or template, mixed instances policy and
		// tags; DescribeLaunchConfigurations each configuration's public IP
		// and metadata options. Nothing is read per item.
		op("autoscaling", "DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingGroups", Regional, d, state.InputAutoScalingGroups),
		op("autoscaling", "DescribeLaunchConfigurations", "autoscaling:DescribeLaunchConfigurations", Regional, d, state.InputAutoScalingLaunchConfigurations),
		// ACM (regional). ListCertificates (8/s) returns each certificate's
		// type, status, key algorithm, validity dates, renewal eligibility
		// and whether it is in use, 1,000 a page, but by default only
		// RSA_2048 certificates: the collector asks for every key type.
		// The transparency logging preference exists only in
		// DescribeCertificate (10/s), read only for Amazon-issued
		// certificates (imported and private ones have none).
		op("acm", "ListCertificates", "acm:ListCertificates", Regional, Rate{RPS: 8, Burst: 8}, state.InputACMCertificates),
		op("acm", "DescribeCertificate", "acm:DescribeCertificate", PerItem, Rate{RPS: 10, Burst: 10}, state.InputACMCertificateTransparency),

		// CloudFront (global; its API answers in us-east-1). ListDistributions
		// returns each distribution's origins, cache behaviours, viewer
		// certificate and web ACL, 100 a page; the default root object and
		// standard logging exist only in GetDistributionConfig, one call
		// per distribution. AWS publishes no rate for these reads.
		op("cloudfront", "ListDistributions", "cloudfront:ListDistributions", Global, d, state.InputCloudFrontDistributions),
		op("cloudfront", "GetDistributionConfig", "cloudfront:GetDistributionConfig", PerItem, d, state.InputCloudFrontConfig),

		// svc-analytics: SageMaker (regional). The listings return names,
		// ARNs and status only (100 a page); their published default is
		// 2/s per action, and DescribeEndpointConfig and DescribeModel 5/s
		// (Service Quotas defaults listed on the SageMaker endpoints and
		// quotas page, https://docs.aws.amazon.com/general/latest/gr/sagemaker.html).
		// DescribeNotebookInstance has no published rate: the default pace.
		// Internet and root access, subnet, KMS key and platform exist only
		// in DescribeNotebookInstance, the KMS key and production variants
		// only in DescribeEndpointConfig, network isolation only in
		// DescribeModel: checks judge each, so none is skipped.
		op("sagemaker", "ListNotebookInstances", "sagemaker:ListNotebookInstances", Regional, Rate{RPS: 2, Burst: 2}, state.InputSageMakerNotebooks),
		op("sagemaker", "DescribeNotebookInstance", "sagemaker:DescribeNotebookInstance", PerItem, d, state.InputSageMakerNotebookDetails),
		op("sagemaker", "ListEndpointConfigs", "sagemaker:ListEndpointConfigs", Regional, Rate{RPS: 2, Burst: 2}, state.InputSageMakerEndpointConfigs),
		op("sagemaker", "DescribeEndpointConfig", "sagemaker:DescribeEndpointConfig", PerItem, Rate{RPS: 5, Burst: 5}, state.InputSageMakerEndpointConfigDetails),
		op("sagemaker", "ListModels", "sagemaker:ListModels", Regional, Rate{RPS: 2, Burst: 2}, state.InputSageMakerModels),
		op("sagemaker", "DescribeModel", "sagemaker:DescribeModel", PerItem, Rate{RPS: 5, Burst: 5}, state.InputSageMakerModelDetails),
		// svc-analytics: EMR (regional; endpoint prefix elasticmapreduce).
		// Published per-API defaults (https://docs.aws.amazon.com/general/latest/gr/emr.html):
		// ListClusters 0.5/s burst 20, DescribeCluster 1/s burst 10, the
		// security configuration reads 0.5/s burst 5; other operations
		// share 5/s burst 25. ListClusters (active states only, 50 a page)
		// carries no network detail: the subnet, the primary node's DNS
		// name and the security configuration exist only in
		// DescribeCluster; a configuration's encryption only in
		// DescribeSecurityConfiguration. Checks judge both, so none is skipped.
		op("elasticmapreduce", "ListClusters", "elasticmapreduce:ListClusters", Regional, Rate{RPS: 0.5, Burst: 20}, state.InputEMRClusters),
		op("elasticmapreduce", "DescribeCluster", "elasticmapreduce:DescribeCluster", PerItem, Rate{RPS: 1, Burst: 10}, state.InputEMRClusterDetails),
		op("elasticmapreduce", "GetBlockPublicAccessConfiguration", "elasticmapreduce:GetBlockPublicAccessConfiguration", Regional, Rate{RPS: 5, Burst: 25}, state.InputEMRBlockPublicAccess),
		op("elasticmapreduce", "ListSecurityConfigurations", "elasticmapreduce:ListSecurityConfigurations", Regional, Rate{RPS: 0.5, Burst: 5}, state.InputEMRSecurityConfigurations),
		op("elasticmapreduce", "DescribeSecurityConfiguration", "elasticmapreduce:DescribeSecurityConfiguration", PerItem, Rate{RPS: 0.5, Burst: 5}, state.InputEMRSecurityConfigurationDetails),
		// svc-api: API Gateway. REST APIs (apigateway) and HTTP/WebSocket
		// APIs (apigatewayv2) are managed over one endpoint and one IAM
		// model: every read is the HTTP verb GET on the resource path, so
		// the IAM action of each is apigateway:GET. GetRestApis and GetApis
		// carry name, endpoint type, resource policy and tags of 500 APIs a
		// page; stage settings (logging, client certificate, X-Ray, web ACL,
		// cache encryption, access logs) need GetStages per API, and route
		// authorization GetRoutes per HTTP/WebSocket API. Published quota:
		// 10/s burst 40 for all control-plane operations ("Total
		// operations", fixed; whether REST and v2 share it is not stated),
		// so both draw from one bucket.
		apigw("apigateway", "GetRestApis", Regional, state.InputRestAPIs),
		apigw("apigateway", "GetStages", PerItem, state.InputRestAPIStages),
		apigw("apigatewayv2", "GetApis", Regional, state.InputAPIsV2),
		apigw("apigatewayv2", "GetStages", PerItem, state.InputAPIv2Stages),
		apigw("apigatewayv2", "GetRoutes", PerItem, state.InputAPIv2Routes),

		// svc-api: AWS WAF web ACLs. ListWebACLs (REGIONAL per region; the
		// CLOUDFRONT scope once, in us-east-1) carries names and IDs only;
		// rules and metrics need GetWebACL per web ACL; every logging
		// configuration of a scope comes in bulk from
		// ListLoggingConfigurations. Published: 5/s per action, fixed.
		op("wafv2", "ListWebACLs", "wafv2:ListWebACLs", Regional, wafRate, state.InputWebACLs),
		op("wafv2", "GetWebACL", "wafv2:GetWebACL", PerItem, wafRate, state.InputWebACLRules),
		op("wafv2", "ListLoggingConfigurations", "wafv2:ListLoggingConfigurations", Regional, wafRate, state.InputWebACLLogging),
		// svc-data: ElastiCache (regional; AWS publishes no quota for its
		// reads, https://docs.aws.amazon.com/general/latest/gr/elasticache-service.html:
		// the default pace). Both are bulk listings, 100 a page (MaxRecords
		// 20..100): DescribeReplicationGroups carries encryption, AUTH/RBAC,
		// failover and snapshot retention of every group, DescribeCacheClusters
		// (without node details) engine, version, minor upgrades, subnet group
		// and the standalone clusters. Tags come from the Tagging API.
		op("elasticache", "DescribeReplicationGroups", "elasticache:DescribeReplicationGroups", Regional, d, state.InputCacheReplicationGroups),
		op("elasticache", "DescribeCacheClusters", "elasticache:DescribeCacheClusters", Regional, d, state.InputCacheClusters),
		// svc-sec: Amazon Inspector, Macie, Network Firewall (regional).
		// Inspector (inspector2): one BatchGetAccountStatus per region for
		// the caller's own account carries Inspector's status and that of
		// every scan type (EC2, ECR, Lambda, Lambda code). AWS publishes no
		// rate for its reads (https://docs.aws.amazon.com/general/latest/gr/inspector2.html):
		// the default pace.
		op("inspector2", "BatchGetAccountStatus", "inspector2:BatchGetAccountStatus", Regional, d, state.InputInspectorStatus),
		// Macie (macie2): GetMacieSession per region (its status; a region
		// where Macie was never enabled answers with an error that says
		// so), and GetAutomatedDiscoveryConfiguration only where Macie is
		// enabled or paused. AWS publishes a rate only for
		// CreateClassificationJob, a write
		// (https://docs.aws.amazon.com/macie/latest/user/macie-quotas.html):
		// the default pace.
		op("macie2", "GetMacieSession", "macie2:GetMacieSession", Regional, d, state.InputMacieSessions),
		op("macie2", "GetAutomatedDiscoveryConfiguration", "macie2:GetAutomatedDiscoveryConfiguration", Regional, d, state.InputMacieAutomatedDiscovery),
		// svc-netfw: AWS Network Firewall (regional; service name
		// network-firewall). AWS publishes no rate for its reads (quota
		// catalog; https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html):
		// the default pace. The listings carry names and ARNs only, 100 a
		// page; deletion and subnet change protection, the policy's default
		// actions and rule group references, a rule group's rules and a
		// firewall's log destinations are in no listing, so each firewall,
		// policy and stateless rule group is described once: a check judges
		// each of them (neither Detail nor Budgeted). ListRuleGroups asks
		// for the account's stateless rule groups only (Type STATELESS).
		op("network-firewall", "ListFirewalls", "network-firewall:ListFirewalls", Regional, d, state.InputFirewalls),
		op("network-firewall", "DescribeFirewall", "network-firewall:DescribeFirewall", PerItem, d, state.InputFirewallDetails),
		op("network-firewall", "DescribeLoggingConfiguration", "network-firewall:DescribeLoggingConfiguration", PerItem, d, state.InputFirewallLogging),
		op("network-firewall", "ListFirewallPolicies", "network-firewall:ListFirewallPolicies", Regional, d, state.InputFirewallPolicies),
		op("network-firewall", "DescribeFirewallPolicy", "network-firewall:DescribeFirewallPolicy", PerItem, d, state.InputFirewallPolicyDetails),
		op("network-firewall", "ListRuleGroups", "network-firewall:ListRuleGroups", Regional, d, state.InputFirewallRuleGroups),
		op("network-firewall", "DescribeRuleGroup", "network-firewall:DescribeRuleGroup", PerItem, d, state.InputFirewallRuleGroupDetails),
		// svc-netfw: AWS Transfer Family (regional; AWS publishes no rate
		// for its reads, quota catalog and
		// https://docs.aws.amazon.com/general/latest/gr/transfer-service.html:
		// the default pace). ListServers (1,000 a page) carries endpoint
		// type, state, identity provider and logging role, but not the
		// protocols or a VPC endpoint's Elastic IPs, which a check judges:
		// DescribeServer once per server. ListConnectors (1,000 a page)
		// carries the URL only; the logging role a check judges is in
		// DescribeConnector, once per connector.
		op("transfer", "ListServers", "transfer:ListServers", Regional, d, state.InputTransferServers),
		op("transfer", "DescribeServer", "transfer:DescribeServer", PerItem, d, state.InputTransferServerDetails),
		op("transfer", "ListConnectors", "transfer:ListConnectors", Regional, d, state.InputTransferConnectors),
		op("transfer", "DescribeConnector", "transfer:DescribeConnector", PerItem, d, state.InputTransferConnectorDetails),

		// svc-stream: Kinesis Data Streams (regional). ListStreams: 5/s per
		// account and region; DescribeStreamSummary: 20/s per account and
		// region (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html,
		// API_DescribeStreamSummary.html; no burst published, so none).
		// ListStreams pages 100 names with their summaries (ARN, status,
		// capacity mode); encryption, its key and retention are only in
		// DescribeStreamSummary, read once per stream because the checks
		// judge them (neither Detail nor Budgeted).
		op("kinesis", "ListStreams", "kinesis:ListStreams", Regional, Rate{RPS: 5, Burst: 5}, state.InputKinesisStreams),
		op("kinesis", "DescribeStreamSummary", "kinesis:DescribeStreamSummary", PerItem, Rate{RPS: 20, Burst: 20}, state.InputKinesisStreamSummary),
		// exposure-gaps: a stream's resource policy (GetResourcePolicy,
		// once per stream: the sharing check judges it, so neither Detail
		// nor Budgeted). AWS publishes no rate for it (neither the API
		// reference nor https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html
		// names one); the lowest published rate of Kinesis's control-plane
		// reads (ListStreams, ListTagsForStream: 5/s per account and
		// region) rather than the default pace. A stream without a policy
		// answers "{}". Consumers' policies are not read: listing them is
		// ListStreamConsumers per stream at 5/s per stream.
		op("kinesis", "GetResourcePolicy", "kinesis:GetResourcePolicy", PerItem, Rate{RPS: 5, Burst: 5}, state.InputKinesisStreamPolicy),

		// svc-stream: Amazon Data Firehose (regional). ListDeliveryStreams
		// and DescribeDeliveryStream: 5/s each per account and region,
		// a hard limit (https://docs.aws.amazon.com/firehose/latest/dev/limits.html).
		// The listing gives names only (up to 10,000 a page), so each
		// delivery stream is described once: its source, encryption and
		// destinations are judged by a check (neither Detail nor Budgeted).
		op("firehose", "ListDeliveryStreams", "firehose:ListDeliveryStreams", Regional, Rate{RPS: 5, Burst: 5}, state.InputFirehoseStreams),
		op("firehose", "DescribeDeliveryStream", "firehose:DescribeDeliveryStream", PerItem, Rate{RPS: 5, Burst: 5}, state.InputFirehoseDescription),
		// svc-search: Amazon OpenSearch Service domains of both engines
		// (regional; the opensearch API, IAM prefix es). AWS publishes no
		// rate for the configuration API
		// (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/limits.html):
		// the default pace. ListDomainNames without an engine filter names
		// every domain with its engine type (OpenSearch and Elasticsearch);
		// DescribeDomains describes five domains a call with everything the
		// checks judge (VPC, access policy, encryption, TLS, logs, nodes,
		// fine-grained access, software update), so nothing is read per
		// domain and DescribeDomainConfig is not needed.
		op("es", "ListDomainNames", "es:ListDomainNames", Regional, d, state.InputOpenSearchDomains),
		op("es", "DescribeDomains", "es:DescribeDomains", Regional, d, state.InputOpenSearchDomainStatus),
		// svc-search: Route 53 (global). Every action has its own bucket of
		// 10/s burst 50 and every call also draws from one account-level
		// bucket of the same size
		// (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/throttling-api-requests.html):
		// one pool at that rate. ListHostedZones pages 100 zones (name,
		// private or public, record count); ListQueryLoggingConfigs lists
		// every query logging configuration of the account, 100 a page;
		// GetDNSSEC is read per public zone for its signing status, which
		// a check judges (neither Detail nor Budgeted).
		pooled(op("route53", "ListHostedZones", "route53:ListHostedZones", Global, route53Rate, state.InputRoute53Zones), "route53"),
		pooled(op("route53", "ListQueryLoggingConfigs", "route53:ListQueryLoggingConfigs", Global, route53Rate, state.InputRoute53QueryLogging), "route53"),
		pooled(op("route53", "GetDNSSEC", "route53:GetDNSSEC", PerItem, route53Rate, state.InputRoute53DNSSEC), "route53"),
		// svc-build: CodeBuild (regional; AWS publishes no rate for its
		// reads, only 100 concurrent requests for build or project
		// information, https://docs.aws.amazon.com/codebuild/latest/userguide/limits.html:
		// the default pace). ListProjects returns names, 100 a page;
		// BatchGetProjects describes 100 projects a call with their
		// sources, environment, logs, artifacts and tags. Nothing is read
		// per project.
		op("codebuild", "ListProjects", "codebuild:ListProjects", Regional, d, state.InputCodeBuildProjects),
		op("codebuild", "BatchGetProjects", "codebuild:BatchGetProjects", Regional, d, state.InputCodeBuildProjectConfig),
		// svc-gaps3: CodeBuild report groups (the same unpublished rate):
		// ListReportGroups returns ARNs, 100 a page; BatchGetReportGroups
		// describes 100 a call with their export configuration.
		op("codebuild", "ListReportGroups", "codebuild:ListReportGroups", Regional, d, state.InputCodeBuildReportGroups),
		op("codebuild", "BatchGetReportGroups", "codebuild:BatchGetReportGroups", Regional, d, state.InputCodeBuildReportGroupConfig),
		// svc-build: Database Migration Service (regional; one token bucket
		// for every DMS API call of the account and region, 4/s burst 100,
		// https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Limits.html).
		// Three bulk listings, 100 a page: replication instances (public
		// access, minor upgrades, Multi-AZ, storage key), endpoints (SSL
		// mode and the engine settings) and replication tasks with their
		// settings document (logging). Nothing is read per item.
		pooled(op("dms", "DescribeReplicationInstances", "dms:DescribeReplicationInstances", Regional, dmsRate, state.InputDMSReplicationInstances), "dms:*"),
		pooled(op("dms", "DescribeEndpoints", "dms:DescribeEndpoints", Regional, dmsRate, state.InputDMSEndpoints), "dms:*"),
		pooled(op("dms", "DescribeReplicationTasks", "dms:DescribeReplicationTasks", Regional, dmsRate, state.InputDMSTasks), "dms:*"),
		// svc-classic: AWS WAF Classic, global (service waf, endpoint
		// waf.amazonaws.com, for CloudFront; once per account, recorded
		// under us-east-1) and regional (waf-regional, per region). Any Get
		// or List action without its own quota: 5/s per action, fixed
		// (https://docs.aws.amazon.com/waf/latest/developerguide/classic-limits.html).
		// The listings carry IDs and names only (100 a page), so each web
		// ACL (its rules), rule (its conditions) and rule group (its rules)
		// is read once: checks judge all three. Logging configurations
		// come in bulk, for the global scope only (FSBP WAF.1).
		op("waf", "ListWebACLs", "waf:ListWebACLs", Global, wafRate, state.InputClassicWebACLs),
		op("waf", "GetWebACL", "waf:GetWebACL", PerItem, wafRate, state.InputClassicWebACLRules),
		op("waf", "ListLoggingConfigurations", "waf:ListLoggingConfigurations", Global, wafRate, state.InputClassicWebACLLogging),
		op("waf", "ListRules", "waf:ListRules", Global, wafRate, state.InputClassicRules),
		op("waf", "GetRule", "waf:GetRule", PerItem, wafRate, state.InputClassicRuleConditions),
		op("waf", "ListRuleGroups", "waf:ListRuleGroups", Global, wafRate, state.InputClassicRuleGroups),
		op("waf", "ListActivatedRulesInRuleGroup", "waf:ListActivatedRulesInRuleGroup", PerItem, wafRate, state.InputClassicRuleGroupRules),
		op("waf-regional", "ListWebACLs", "waf-regional:ListWebACLs", Regional, wafRate, state.InputClassicWebACLs),
		op("waf-regional", "GetWebACL", "waf-regional:GetWebACL", PerItem, wafRate, state.InputClassicWebACLRules),
		op("waf-regional", "ListRules", "waf-regional:ListRules", Regional, wafRate, state.InputClassicRules),
		op("waf-regional", "GetRule", "waf-regional:GetRule", PerItem, wafRate, state.InputClassicRuleConditions),
		op("waf-regional", "ListRuleGroups", "waf-regional:ListRuleGroups", Regional, wafRate, state.InputClassicRuleGroups),
		op("waf-regional", "ListActivatedRulesInRuleGroup", "waf-regional:ListActivatedRulesInRuleGroup", PerItem, wafRate, state.InputClassicRuleGroupRules),
		// svc-classic: AWS AppSync (regional; AWS publishes no rate for
		// its control plane reads: the default pace). ListGraphqlApis
		// carries authorization modes, log configuration and tags, 25 a
		// page; a cache's encryption settings exist only in GetApiCache,
		// read once per API (a check judges them; NotFoundException means
		// no cache).
		op("appsync", "ListGraphqlApis", "appsync:ListGraphqlApis", Regional, d, state.InputAppSyncAPIs),
		op("appsync", "GetApiCache", "appsync:GetApiCache", PerItem, d, state.InputAppSyncAPICache),
		// svc-classic: Amazon Cognito (regional). Identity pools
		// (cognito-identity): ListIdentityPools 5/s, DescribeIdentityPool
		// 5/s; user pools (cognito-idp): ListUserPools 5/s and
		// DescribeUserPool 25/s, the UserPoolRead category
		// (https://docs.aws.amazon.com/cognito/latest/developerguide/limits.html,
		// documented defaults, adjustable). The listings carry IDs and
		// names only (60 a page); guest access and the password policy
		// need one describe per pool, which checks judge.
		op("cognito-identity", "ListIdentityPools", "cognito-identity:ListIdentityPools", Regional, Rate{RPS: 5, Burst: 5}, state.InputCognitoIdentityPools),
		op("cognito-identity", "DescribeIdentityPool", "cognito-identity:DescribeIdentityPool", PerItem, Rate{RPS: 5, Burst: 5}, state.InputCognitoIdentityPoolGuest),
		op("cognito-idp", "ListUserPools", "cognito-idp:ListUserPools", Regional, Rate{RPS: 5, Burst: 5}, state.InputCognitoUserPools),
		op("cognito-idp", "DescribeUserPool", "cognito-idp:DescribeUserPool", PerItem, Rate{RPS: 25, Burst: 25}, state.InputCognitoUserPoolPolicy),
		// svc-msk: Amazon MSK (regional; signing name and IAM prefix kafka)
		// and MSK Connect (kafkaconnect). AWS publishes no rate for either's
		// reads (https://docs.aws.amazon.com/msk/latest/developerguide/limits.html,
		// .../msk-connect-limits.html list cluster and connector quotas
		// only): the default pace. ListClustersV2 carries every
		// provisioned and serverless cluster with its encryption, public
		// access, client authentication and tags, 100 a page;
		// ListConnectors every connector with its encryption in transit,
		// authentication and worker log delivery, 100 a page. Nothing is
		// read per item.
		op("kafka", "ListClustersV2", "kafka:ListClustersV2", Regional, d, state.InputMSKClusters),
		// exposure-gaps: each cluster's policy (GetClusterPolicy, once per
		// cluster: the data map's exposure and the sharing check judge it,
		// so neither Detail nor Budgeted); no rate published, the default
		// pace as for the listings. A cluster without a policy answers
		// NotFoundException: no policy, not a gap.
		op("kafka", "GetClusterPolicy", "kafka:GetClusterPolicy", PerItem, d, state.InputMSKClusterPolicy),
		op("kafkaconnect", "ListConnectors", "kafkaconnect:ListConnectors", Regional, d, state.InputMSKConnectors),
		// svc-msk: AWS Step Functions (regional; endpoint, signing name and
		// IAM prefix states). ListStateMachines: 5/s burst 100;
		// DescribeStateMachine: 20/s burst 200, per account and region
		// (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-action-throttling-general).
		// The listing carries names, ARNs and types, 1,000 a page; the
		// logging configuration is only in DescribeStateMachine, read once
		// per state machine because a check judges it (neither Detail nor
		// Budgeted).
		op("states", "ListStateMachines", "states:ListStateMachines", Regional, Rate{RPS: 5, Burst: 100}, state.InputStateMachines),
		op("states", "DescribeStateMachine", "states:DescribeStateMachine", PerItem, Rate{RPS: 20, Burst: 200}, state.InputStateMachineDescription),
		// svc-msk: Amazon Redshift Serverless (regional; endpoint, signing
		// name and IAM prefix redshift-serverless). AWS publishes no rate
		// for its reads (https://docs.aws.amazon.com/redshift/latest/mgmt/amazon-redshift-limits.html):
		// the default pace. ListWorkgroups carries every workgroup with
		// its enhanced VPC routing, public access and configuration
		// parameters (require_ssl); ListNamespaces every namespace with its
		// admin user name, key and log exports; 100 a page each, nothing
		// per item (GetWorkgroup and GetNamespace add nothing a check needs).
		op("redshift-serverless", "ListWorkgroups", "redshift-serverless:ListWorkgroups", Regional, d, state.InputServerlessWorkgroups),
		op("redshift-serverless", "ListNamespaces", "redshift-serverless:ListNamespaces", Regional, d, state.InputServerlessNamespaces),
		// svc-dax: DynamoDB Accelerator (regional; endpoint, signing name
		// and IAM prefix dax). AWS publishes no rate for DescribeClusters
		// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
		// lists none; only ListTags has one, 10/s): the default pace. It
		// carries every cluster with its encryption at rest (SSEDescription)
		// and in transit (ClusterEndpointEncryptionType), 100 a page;
		// nothing is read per item.
		op("dax", "DescribeClusters", "dax:DescribeClusters", Regional, d, state.InputDAXClusters),
		// svc-eb: AWS Elastic Beanstalk (regional; endpoint, signing name
		// and IAM prefix elasticbeanstalk). AWS publishes no rate for its
		// reads (https://docs.aws.amazon.com/general/latest/gr/elasticbeanstalk.html):
		// the default pace. DescribeEnvironments lists every live
		// environment with its application, platform and tier, up to 1,000
		// a page; health reporting, managed platform updates and log
		// streaming are option settings only DescribeConfigurationSettings
		// returns, read once per environment because the checks judge them
		// (neither Detail nor Budgeted).
		op("elasticbeanstalk", "DescribeEnvironments", "elasticbeanstalk:DescribeEnvironments", Regional, d, state.InputBeanstalkEnvironments),
		op("elasticbeanstalk", "DescribeConfigurationSettings", "elasticbeanstalk:DescribeConfigurationSettings", PerItem, d, state.InputBeanstalkEnvironmentConfig),
		// svc-glue: AWS Glue (regional; endpoint, signing name and IAM
		// prefix glue). AWS publishes no rate for Glue's read APIs
		// (https://docs.aws.amazon.com/general/latest/gr/glue.html, "not
		// published" in the API quotas catalog): the default pace. GetJobs
		// (up to 1,000 a page) and GetMLTransforms (up to 100 a page) carry
		// every field the checks judge, so there are no per-item reads;
		// GetDataCatalogEncryptionSettings is one call per region.
		op("glue", "GetJobs", "glue:GetJobs", Regional, d, state.InputGlueJobs),
		op("glue", "GetMLTransforms", "glue:GetMLTransforms", Regional, d, state.InputGlueMLTransforms),
		op("glue", "GetDataCatalogEncryptionSettings", "glue:GetDataCatalogEncryptionSettings", Regional, d, state.InputGlueCatalogEncryption),
		// svc-glue: Amazon Athena (regional; endpoint, signing name and IAM
		// prefix athena). ListWorkGroups and GetWorkGroup have no published
		// rate (https://docs.aws.amazon.com/athena/latest/ug/service-limits.html,
		// "not published" in the API quotas catalog): the default pace.
		// The listing carries names and states, 50 a page; the
		// configuration (CloudWatch metrics, result encryption) is only in
		// GetWorkGroup, read once per workgroup because the checks judge it
		// (neither Detail nor Budgeted).
		op("athena", "ListWorkGroups", "athena:ListWorkGroups", Regional, d, state.InputAthenaWorkGroups),
		op("athena", "GetWorkGroup", "athena:GetWorkGroup", PerItem, d, state.InputAthenaWorkGroupConfig),
		// svc-fsx: Amazon FSx (regional; endpoint, signing name and IAM
		// prefix fsx). AWS publishes no request rate for DescribeFileSystems
		// (https://docs.aws.amazon.com/fsx/latest/WindowsGuide/limits.html and
		// the other types' quota pages list resource quotas only; the
		// general reference lists no API rate): the default pace. It carries
		// every file system of the four types with its deployment type, KMS
		// key, automatic backup retention, copy-tags flags, Windows audit log
		// configuration and Lustre data repository; the collector asks for
		// 1,000 a page (MaxResults has no published maximum: FSx answers
		// at most its own internal page size). Nothing is read per item;
		// DescribeBackups is not read: no check judges the backups.
		op("fsx", "DescribeFileSystems", "fsx:DescribeFileSystems", Regional, d, state.InputFSxFileSystems),
		// svc-mq: Amazon MQ (regional; endpoint, signing name and IAM prefix
		// mq). Amazon MQ throttles its APIs together per account
		// (https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/amazon-mq-limits.html,
		// "API throttling"; no figure for the read APIs in the API quotas
		// catalog), so both calls draw from one bucket at the default pace.
		// ListBrokers carries names, engines, deployment modes and states,
		// 100 a page; logs, minor version upgrades, public access,
		// encryption and tags are only in DescribeBroker, read once per
		// broker because the checks judge them (neither Detail nor Budgeted).
		pooled(op("mq", "ListBrokers", "mq:ListBrokers", Regional, d, state.InputMQBrokers), "mq:*"),
		pooled(op("mq", "DescribeBroker", "mq:DescribeBroker", PerItem, d, state.InputMQBrokerDetails), "mq:*"),
		// svc-mq: AWS DataSync (regional; endpoint, signing name and IAM
		// prefix datasync). AWS publishes no rate for its reads
		// (https://docs.aws.amazon.com/datasync/latest/userguide/datasync-limits.html
		// lists task and transfer quotas only; none in the API quotas
		// catalog): the default pace. ListTasks carries names and states,
		// 100 a page; the log group and log level are only in DescribeTask,
		// read once per task because DataSync.1 judges them.
		op("datasync", "ListTasks", "datasync:ListTasks", Regional, d, state.InputDataSyncTasks),
		op("datasync", "DescribeTask", "datasync:DescribeTask", PerItem, d, state.InputDataSyncTaskDetails),
		// svc-connect: Amazon Connect (regional; endpoint, signing name and
		// IAM prefix connect). The Amazon Connect API Reference publishes 2
		// requests a second with a burst of 5 for every operation without
		// its own figure, throttled per API, account and region
		// (https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html,
		// "API throttling quotas"; none in the API quotas catalog).
		// ListInstances carries ids, aliases and states, 10 a page; the
		// flow-logs setting is only in DescribeInstanceAttribute
		// (AttributeType CONTACTFLOW_LOGS), read once per instance because
		// Connect.2 judges it (neither Detail nor Budgeted).
		op("connect", "ListInstances", "connect:ListInstances", Regional, Rate{RPS: 2, Burst: 5}, state.InputConnectInstances),
		op("connect", "DescribeInstanceAttribute", "connect:DescribeInstanceAttribute", PerItem, Rate{RPS: 2, Burst: 5}, state.InputConnectInstanceLogging),
		// svc-catalog: AWS Service Catalog (regional; endpoint, signing name
		// and IAM prefix servicecatalog). AWS publishes no rate for its
		// reads (https://docs.aws.amazon.com/general/latest/gr/servicecatalog.html
		// lists resource quotas only; none in the API quotas catalog): the
		// default pace. ListPortfolios carries the account's own portfolios
		// (ids, ARNs, names), 20 a page (the API's maximum); who a
		// portfolio is shared with is only in DescribePortfolioShares,
		// which takes one share type a call: the collector asks for Type
		// ACCOUNT once per portfolio because ServiceCatalog.1 judges those
		// shares (neither Detail nor Budgeted). Shares of the types
		// ORGANIZATION, ORGANIZATIONAL_UNIT and ORGANIZATION_MEMBER_ACCOUNT
		// can only name the caller's own organization's nodes, so no check
		// needs them and they are not read.
		op("servicecatalog", "ListPortfolios", "servicecatalog:ListPortfolios", Regional, d, state.InputServiceCatalogPortfolios),
		op("servicecatalog", "DescribePortfolioShares", "servicecatalog:DescribePortfolioShares", PerItem, d, state.InputServiceCatalogPortfolioShares),
		// svc-s3dir: S3 directory buckets (S3 Express One Zone; regional).
		// The SDK's S3 client sends these "Regional endpoint API
		// operations" to the region's s3express-control endpoint, signed
		// with the signing name s3express (the IAM prefix too); the
		// collector disables S3 Express session auth so that no
		// CreateSession is ever made. AWS publishes no rate for them
		// (aws_api_quotas.csv: s3express, "not published";
		// https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-buckets-overview.html):
		// the default pace. ListDirectoryBuckets lists a region's
		// directory buckets, up to 1,000 a page, with names (which carry
		// the zone) and creation dates only; policy, default encryption and
		// lifecycle have no bulk form and are read once per bucket because
		// checks judge them (neither Detail nor Budgeted).
		op("s3express", "ListDirectoryBuckets", "s3express:ListAllMyDirectoryBuckets", Regional, d, state.InputS3DirectoryBuckets),
		op("s3express", "GetBucketPolicy", "s3express:GetBucketPolicy", PerItem, d, state.InputS3DirectoryBucketPolicy),
		op("s3express", "GetBucketEncryption", "s3express:GetEncryptionConfiguration", PerItem, d, state.InputS3DirectoryBucketEncryption),
		op("s3express", "GetBucketLifecycleConfiguration", "s3express:GetLifecycleConfiguration", PerItem, d, state.InputS3DirectoryBucketLifecycle),
		// svc-s3dir: AWS Private CA (regional; endpoint, signing name and
		// IAM prefix acm-pca). ListCertificateAuthorities pages up to 1,000
		// authorities with their type, status, key storage standard and
		// usage mode: all PCA.1 and the catalog read, nothing per item.
		// Its rate is not in the quota catalog (aws_api_quotas.csv has no
		// acm-pca row): the default pace.
		op("acm-pca", "ListCertificateAuthorities", "acm-pca:ListCertificateAuthorities", Regional, d, state.InputCertificateAuthorities),

		// Resource Groups Tagging API (regional; endpoint and signing name
		// tagging, IAM prefix tag): the tags of every Lambda function,
		// WorkSpace, SQS queue and ECR repository of a region in pages of
		// 100, where ListFunctions, DescribeWorkspaces, ListQueues and
		// DescribeRepositories carry none (ListTags and DescribeTags would be
		// one call per resource).
		op("tagging", "GetResources", "tag:GetResources", Regional, d, state.InputTaggedResourceTags),

		// EFS (regional; endpoint prefix elasticfilesystem).
		op("elasticfilesystem", "DescribeFileSystems", "elasticfilesystem:DescribeFileSystems", Regional, d, state.InputEFSFileSystems),
		op("elasticfilesystem", "DescribeReplicationConfigurations", "elasticfilesystem:DescribeReplicationConfigurations", Regional, d, state.InputEFSReplication),
		op("elasticfilesystem", "DescribeBackupPolicy", "elasticfilesystem:DescribeBackupPolicy", PerItem, d, state.InputEFSBackupPolicy),
		op("elasticfilesystem", "DescribeFileSystemPolicy", "elasticfilesystem:DescribeFileSystemPolicy", PerItem, d, state.InputEFSFileSystemPolicy),
		op("elasticfilesystem", "DescribeMountTargets", "elasticfilesystem:DescribeMountTargets", PerItem, d, state.InputEFSMountTargets),
		op("elasticfilesystem", "DescribeAccessPoints", "elasticfilesystem:DescribeAccessPoints", Regional, d, state.InputEFSAccessPoints),

		// Elastic Load Balancing (regional). Both generations answer at the
		// elasticloadbalancing endpoint with the same action names; their
		// gaps are told apart as elbv2 and elb (see state.ELBServiceV2).
		elbOp("elbv2", "DescribeLoadBalancers", Regional, state.InputELBv2LoadBalancers),
		elbOp("elbv2", "DescribeTags", Regional, state.InputELBv2Tags),
		elbOp("elbv2", "DescribeLoadBalancerAttributes", PerItem, state.InputELBv2Attributes),
		elbOp("elbv2", "DescribeListeners", PerItem, state.InputELBv2Listeners),
		elbOp("elbv2", "DescribeRules", PerItem, state.InputELBv2Rules),
		op("wafv2", "GetWebACLForResource", "wafv2:GetWebACLForResource", PerItem, d, state.InputELBWebACL),
		elbOp("elb", "DescribeLoadBalancers", Regional, state.InputELBClassicLoadBalancers),
		elbOp("elb", "DescribeTags", Regional, state.InputELBClassicTags),
		elbOp("elb", "DescribeLoadBalancerAttributes", PerItem, state.InputELBClassicAttributes),
		elbOp("elb", "DescribeLoadBalancerPolicies", PerItem, state.InputELBClassicPolicies),

		// AWS Backup (regional).
		op("backup", "ListBackupVaults", "backup:ListBackupVaults", Regional, d, state.InputBackupVaults),
		op("backup", "GetBackupVaultAccessPolicy", "backup:GetBackupVaultAccessPolicy", PerItem, d, state.InputBackupVaultPolicy),
		op("backup", "ListRecoveryPointsByBackupVault", "backup:ListRecoveryPointsByBackupVault", PerItem, d, state.InputBackupRecoveryPoints),
		op("backup", "ListBackupPlans", "backup:ListBackupPlans", Regional, d, state.InputBackupPlans),
		op("backup", "GetBackupPlan", "backup:GetBackupPlan", PerItem, d, state.InputBackupPlanRules),
		op("backup", "ListBackupSelections", "backup:ListBackupSelections", PerItem, d, state.InputBackupSelections),
		op("backup", "GetBackupSelection", "backup:GetBackupSelection", PerItem, d, state.InputBackupSelections),
		op("backup", "ListProtectedResources", "backup:ListProtectedResources", Regional, d, state.InputBackupProtectedResources),

		// WorkSpaces (regional).
		op("workspaces", "DescribeWorkspaces", "workspaces:DescribeWorkspaces", Regional, d, state.InputWorkSpaces),
		op("workspaces", "DescribeWorkspaceDirectories", "workspaces:DescribeWorkspaceDirectories", Regional, d, state.InputWorkSpacesDirectories),
		op("workspaces", "DescribeIpGroups", "workspaces:DescribeIpGroups", Regional, d, state.InputWorkSpacesIPGroups),
		op("workspaces", "DescribeWorkspaceImages", "workspaces:DescribeWorkspaceImages", Regional, d, state.InputWorkSpacesImages),
		// Only where WorkSpaces exist: one call per 25 bundles they use,
		// whoever owns the bundle; a bundle names its image, a WorkSpace does not.
		op("workspaces", "DescribeWorkspaceBundles", "workspaces:DescribeWorkspaceBundles", PerItem, d, state.InputWorkSpacesBundles),
		// Directory Service, only where WorkSpaces has directories: their MFA (RADIUS).
		op("ds", "DescribeDirectories", "ds:DescribeDirectories", Regional, d, state.InputDirectoryServiceDirectories),
	}
}

// Declaration is the declaration indexed by Key, with rate overrides applied.
type Declaration struct {
	ops   []Operation
	index map[string]int
}

// NewDeclaration indexes Operations() and applies overrides. An override's
// key is "service:Action" (one operation), "service" (every operation of the
// service) or a pool name such as "rds:*"; the most specific one wins. An
// override naming nothing in the declaration is an error, so a typo in
// --rate does not pass silently.
func NewDeclaration(overrides map[string]Rate) (*Declaration, error) {
	ops := Operations()
	d := &Declaration{ops: ops, index: make(map[string]int, len(ops))}
	for i, o := range ops {
		d.index[o.Key()] = i
	}
	used := map[string]bool{}
	for i := range d.ops {
		o := &d.ops[i]
		for _, k := range []string{o.Service, o.Pool, o.Key()} { // least to most specific
			if k == "" {
				continue
			}
			if r, ok := overrides[k]; ok {
				o.Rate = r
				used[k] = true
			}
		}
	}
	var unknown []string
	for k, r := range overrides {
		if r.RPS <= 0 || r.Burst < 1 {
			return nil, fmt.Errorf("rate for %s: need rps > 0 and burst >= 1, got %s", k, r)
		}
		if !used[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("rate override for %s: no such service, pool or service:Action in the declaration (see `shoulder permissions --operations`)", strings.Join(unknown, ", "))
	}
	return d, nil
}

// Lookup returns the declared operation for service and action.
func (d *Declaration) Lookup(service, action string) (Operation, bool) {
	i, ok := d.index[service+":"+action]
	if !ok {
		return Operation{}, false
	}
	return d.ops[i], true
}

// All returns the declared operations (a copy).
func (d *Declaration) All() []Operation { return append([]Operation(nil), d.ops...) }

// readPrefixes are the action-name prefixes of read operations.
var readPrefixes = []string{"Describe", "Get", "List", "BatchGet", "Search", "Lookup"}

// IsRead reports whether an API action is a read by its name. The rule:
// the action starts with Describe, Get, List, BatchGet, Search or Lookup,
// or it is Generate…Report. Generate…Report is accepted because
// GenerateCredentialReport only asks IAM to build a report of data that
// exists; it changes no configuration and is idempotent within 4 hours.
// Everything else (Create, Put, Update, Delete, Attach, Enable, Start,
// Modify, Tag...) is a write for shoulder's purposes. AssumeRole is
// accepted too: it changes nothing in either account, it hands out
// temporary credentials of a role (--role-arn, --accounts).
func IsRead(action string) bool {
	if action == "AssumeRole" {
		return true
	}
	for _, p := range readPrefixes {
		if strings.HasPrefix(action, p) && len(action) > len(p) && isUpper(action[len(p)]) {
			return true
		}
	}
	return strings.HasPrefix(action, "Generate") && strings.HasSuffix(action, "Report")
}

// IsReadPermission reports whether an IAM action (service:Action) only
// reads: its action passes the read rule, or it is API Gateway's GET (API
// Gateway authorises management calls by HTTP verb on a resource path, and
// GET is its only reading verb; PUT, POST, PATCH and DELETE write).
func IsReadPermission(permission string) bool {
	prefix, action, ok := strings.Cut(permission, ":")
	if !ok || prefix == "" {
		return false
	}
	return IsRead(action) || (prefix == "apigateway" && action == "GET")
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
