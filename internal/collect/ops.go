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
	// Fills names the state the operation reads into, e.g. "s3.buckets.policy".
	Fills string `json:"fills"`
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
	// RDS throttles every API call of the account and region together.
	rdsRate = Rate{RPS: 12, Burst: 300}
	// CloudTrail management reads: 10/s per account and region.
	trailRate = Rate{RPS: 10, Burst: 10}
	// S3 bucket-configuration GETs are limited per bucket, not per account,
	// and the limit is unpublished; one token bucket per (region, action)
	// across all buckets at 100/s stays far below any per-bucket limit.
	s3BucketRate = Rate{RPS: 100, Burst: 100}
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

func op(service, action, permission string, scope Scope, rate Rate, fills string) Operation {
	return Operation{Service: service, Action: action, Permission: permission, Scope: scope, Rate: rate, Fills: fills}
}

// Operations returns the declaration: every operation the collectors call,
// in a fixed order (by service, then as the collector calls them). The
// slice is new on every call.
func Operations() []Operation {
	d := DefaultRate()
	rds := func(action string, scope Scope, fills string) Operation {
		o := op("rds", action, "rds:"+action, scope, rdsRate, fills)
		o.Pool = "rds:*"
		return o
	}
	// ELB Describe*: 10/s, burst 40, shared by the account's ELB calls in a region.
	elbOp := func(service, action string, scope Scope, fills string) Operation {
		o := op(service, action, "elasticloadbalancing:"+action, scope, Rate{RPS: 10, Burst: 40}, fills)
		o.Pool = "elasticloadbalancing:*"
		return o
	}
	lambdaOp := func(action string, scope Scope, fills string) Operation {
		o := op("lambda", action, "lambda:"+action, scope, Rate{RPS: 15, Burst: 15}, fills)
		o.Pool = "lambda:*"
		return o
	}
	ec2 := func(action string, scope Scope, fills string) Operation {
		return op("ec2", action, "ec2:"+action, scope, ec2Rate, fills)
	}
	s3b := func(action, permission, fills string) Operation {
		return op("s3", action, "s3:"+permission, PerItem, s3BucketRate, "s3.buckets."+fills)
	}
	return []Operation{
		// Identity of the caller: account ID and partition. AWS allows this
		// call even when a policy denies it.
		op("sts", "GetCallerIdentity", "sts:GetCallerIdentity", Global, Rate{RPS: 100, Burst: 100}, "account_id"),

		// IAM (global). GetAccountAuthorizationDetails returns every user,
		// group, role and managed policy with their documents in bulk.
		op("iam", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails", Global, d, "iam.users,groups,roles,policies"),
		// GetAccountAuthorizationDetails' RoleDetail has no MaxSessionDuration;
		// ListRoles has it (1 call per 1,000 roles; GetRole would be 1 per role).
		op("iam", "ListRoles", "iam:ListRoles", Global, d, "iam.roles.max_session_duration"),
		op("iam", "GenerateCredentialReport", "iam:GenerateCredentialReport", Global, d, "iam.credential_report"),
		op("iam", "GetCredentialReport", "iam:GetCredentialReport", Global, d, "iam.credential_report"),
		op("iam", "GetAccountSummary", "iam:GetAccountSummary", Global, d, "iam.summary"),
		op("iam", "GetAccountPasswordPolicy", "iam:GetAccountPasswordPolicy", Global, d, "iam.password_policy"),
		op("iam", "ListVirtualMFADevices", "iam:ListVirtualMFADevices", Global, d, "iam.virtual_mfa_devices,users.mfa_devices"),
		// Per user, only for users the credential report shows with MFA but
		// no virtual device (hardware and FIDO devices are listed nowhere else).
		// Detail: the checks judge users' MFA from the credential report
		// (the root's from the virtual device list).
		detail(op("iam", "ListMFADevices", "iam:ListMFADevices", PerItem, d, "iam.users.mfa_devices")),
		// Per user, only for users the credential report shows with a key.
		// Detail: the checks judge keys from the credential report; only
		// the key IDs come from here.
		detail(op("iam", "ListAccessKeys", "iam:ListAccessKeys", PerItem, d, "iam.users.access_keys")),
		op("iam", "ListServerCertificates", "iam:ListServerCertificates", Global, d, "iam.server_certificates"),
		op("iam", "ListAccountAliases", "iam:ListAccountAliases", Global, d, "alias"),
		op("iam", "ListSAMLProviders", "iam:ListSAMLProviders", Global, d, "iam.saml_providers"),
		op("account", "GetAlternateContact", "account:GetAlternateContact", Global, d, "iam.security_contact_set"),
		op("access-analyzer", "ListAnalyzers", "access-analyzer:ListAnalyzers", Regional, d, "iam.access_analyzers"),
		// Quota unpublished: the default pace. One paginated call per
		// external-access analyzer (usually one a region).
		op("access-analyzer", "ListFindingsV2", "access-analyzer:ListFindingsV2", Regional, d, "iam.analyzer_findings"),

		// Organizations (global). A member account is denied the policy
		// listing; that is normal and recorded as a gap.
		op("organizations", "DescribeOrganization", "organizations:DescribeOrganization", Global, d, "organization"),
		op("organizations", "ListPolicies", "organizations:ListPolicies", Global, d, "organization.scps"),
		op("organizations", "DescribePolicy", "organizations:DescribePolicy", PerItem, d, "organization.scps.document"),
		op("organizations", "ListTargetsForPolicy", "organizations:ListTargetsForPolicy", PerItem, d, "organization.scps.targets"),

		// S3: one global listing, then per-bucket settings at the bucket's
		// regional endpoint (AWS offers no bulk form).
		op("s3", "ListBuckets", "s3:ListAllMyBuckets", Global, d, "s3.buckets"),
		s3b("GetBucketLocation", "GetBucketLocation", "region"),
		s3b("GetBucketPolicy", "GetBucketPolicy", "policy"),
		s3b("GetBucketPolicyStatus", "GetBucketPolicyStatus", "policy_is_public"),
		s3b("GetBucketAcl", "GetBucketAcl", "acl_grants"),
		s3b("GetBucketOwnershipControls", "GetBucketOwnershipControls", "object_ownership"),
		s3b("GetPublicAccessBlock", "GetBucketPublicAccessBlock", "public_access_block"),
		s3b("GetBucketEncryption", "GetEncryptionConfiguration", "encryption"),
		s3b("GetBucketVersioning", "GetBucketVersioning", "versioning"),
		s3b("GetObjectLockConfiguration", "GetBucketObjectLockConfiguration", "object_lock"),
		s3b("GetBucketLogging", "GetBucketLogging", "logging"),
		s3b("GetBucketLifecycleConfiguration", "GetLifecycleConfiguration", "lifecycle_rules"),
		s3b("GetBucketReplication", "GetReplicationConfiguration", "replication"),
		s3b("GetBucketNotificationConfiguration", "GetBucketNotification", "event_notifications"),
		s3b("GetBucketWebsite", "GetBucketWebsite", "website"),
		s3b("GetBucketTagging", "GetBucketTagging", "tags"),
		op("s3control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock", Global, d, "s3.account_public_access_block"),
		// S3 access points (regional: an access point lives in its bucket's
		// region). The listing (up to 1,000 a page) has no Block Public
		// Access; GetAccessPoint, once per access point, has it. AWS
		// publishes no quota for either.
		op("s3control", "ListAccessPoints", "s3:ListAccessPoints", Regional, d, "s3.access_points"),
		op("s3control", "GetAccessPoint", "s3:GetAccessPoint", PerItem, d, "s3.access_points.public_access_block"),
		// Multi-Region Access Points: one account-level listing (up to 100
		// a page, the most an account may have) that already carries each
		// one's Block Public Access; AWS serves it from us-west-2 only.
		op("s3control", "ListMultiRegionAccessPoints", "s3:ListMultiRegionAccessPoints", Global, d, "s3.multi_region_access_points"),

		// EC2 (regional). DescribeRegions runs once, in the home region.
		ec2("DescribeRegions", Global, "regions"),
		ec2("DescribeInstances", Regional, "ec2.instances"),
		ec2("DescribeSecurityGroups", Regional, "ec2.security_groups"),
		ec2("DescribeNetworkInterfaces", Regional, "ec2.security_groups.attached_enis"),
		ec2("DescribeNetworkAcls", Regional, "ec2.network_acls"),
		ec2("DescribeVpcs", Regional, "ec2.vpcs"),
		ec2("DescribeSubnets", Regional, "ec2.subnets"),
		ec2("DescribeRouteTables", Regional, "ec2.route_tables"),
		ec2("DescribeFlowLogs", Regional, "ec2.flow_logs"),
		ec2("DescribeVolumes", Regional, "ec2.volumes"),
		ec2("DescribeSnapshots", Regional, "ec2.snapshots"),
		// Detail: whether a snapshot is public comes in bulk from
		// DescribeSnapshots (RestorableByUserIds=all); only the account IDs
		// a snapshot is shared with need one call per snapshot.
		budgeted(ec2("DescribeSnapshotAttribute", PerItem, "ec2.snapshots.shared_with")),
		ec2("DescribeImages", Regional, "ec2.images"),
		ec2("DescribeImageAttribute", PerItem, "ec2.images.shared_with"),
		ec2("GetEbsEncryptionByDefault", Regional, "ec2.region_settings.ebs_encryption_by_default"),
		ec2("GetEbsDefaultKmsKeyId", Regional, "ec2.region_settings.ebs_default_kms_key_id"),
		ec2("GetSnapshotBlockPublicAccessState", Regional, "ec2.region_settings.snapshot_block_public_access"),
		ec2("GetImageBlockPublicAccessState", Regional, "ec2.region_settings.image_block_public_access"),
		ec2("GetInstanceMetadataDefaults", Regional, "ec2.region_settings.imds_default_http_tokens"),
		ec2("DescribeVpnConnections", Regional, "ec2.vpn_connections"),
		ec2("DescribeVpcEndpoints", Regional, "ec2.vpc_endpoints"),
		ec2("DescribeVpcBlockPublicAccessOptions", Regional, "ec2.region_settings.vpc_block_public_access"),
		ec2("DescribeTransitGateways", Regional, "ec2.transit_gateways"),
		ec2("DescribeLaunchTemplateVersions", Regional, "ec2.launch_templates"),
		ec2("DescribeClientVpnEndpoints", Regional, "ec2.client_vpn_endpoints"),
		ec2("DescribeClientVpnAuthorizationRules", PerItem, "ec2.client_vpn_endpoints.authorization_rules"),
		// Managed prefix lists that security group rules reference: the
		// listing (the account's, shared and AWS-managed lists), then the
		// entries of each list AWS does not own (AWS's are its service ranges).
		ec2("DescribeManagedPrefixLists", Regional, "ec2.prefix_lists"),
		ec2("GetManagedPrefixListEntries", PerItem, "ec2.prefix_lists.entries"),

		// KMS (regional). Per-key calls are skipped for AWS managed keys:
		// AWS owns their policy, rotates them yearly and nobody can change either.
		op("kms", "ListKeys", "kms:ListKeys", Regional, Rate{RPS: 500, Burst: 500}, "kms.keys"),
		op("kms", "ListAliases", "kms:ListAliases", Regional, Rate{RPS: 500, Burst: 500}, "kms.keys.aliases"),
		op("kms", "DescribeKey", "kms:DescribeKey", PerItem, Rate{RPS: 2000, Burst: 2000}, "kms.keys"),
		op("kms", "GetKeyRotationStatus", "kms:GetKeyRotationStatus", PerItem, Rate{RPS: 1000, Burst: 1000}, "kms.keys.rotation_enabled"),
		op("kms", "GetKeyPolicy", "kms:GetKeyPolicy", PerItem, Rate{RPS: 1000, Burst: 1000}, "kms.keys.policy"),
		op("kms", "ListGrants", "kms:ListGrants", PerItem, Rate{RPS: 100, Burst: 100}, "kms.keys.grants"),
		op("kms", "ListResourceTags", "kms:ListResourceTags", PerItem, d, "kms.keys.tags"),

		// CloudTrail (regional listing incl. shadow trails; status and
		// selectors once per trail, at its home region).
		op("cloudtrail", "DescribeTrails", "cloudtrail:DescribeTrails", Regional, trailRate, "cloudtrail.trails"),
		op("cloudtrail", "GetTrailStatus", "cloudtrail:GetTrailStatus", PerItem, trailRate, "cloudtrail.trails.is_logging"),
		op("cloudtrail", "GetEventSelectors", "cloudtrail:GetEventSelectors", PerItem, trailRate, "cloudtrail.trails.management_events"),
		// Up to 20 trail ARNs a call, at the trails' home region (ListTags
		// answers only for trails of the region it is called in). Its quota
		// is unpublished: paced like CloudTrail's other reads.
		op("cloudtrail", "ListTags", "cloudtrail:ListTags", PerItem, trailRate, "cloudtrail.trails.tags"),

		// AWS Config (regional).
		op("config", "DescribeConfigurationRecorders", "config:DescribeConfigurationRecorders", Regional, d, "config.recorders"),
		op("config", "DescribeConfigurationRecorderStatus", "config:DescribeConfigurationRecorderStatus", Regional, d, "config.recorders.recording"),
		op("config", "DescribeDeliveryChannels", "config:DescribeDeliveryChannels", Regional, d, "config.delivery_channels"),

		// GuardDuty (regional; at most one detector per region).
		op("guardduty", "ListDetectors", "guardduty:ListDetectors", Regional, d, "guardduty.detectors"),
		op("guardduty", "GetDetector", "guardduty:GetDetector", PerItem, d, "guardduty.detectors.status,features"),
		op("guardduty", "GetAdministratorAccount", "guardduty:GetAdministratorAccount", PerItem, d, "guardduty.detectors.administrator_account_id"),
		op("guardduty", "GetFindingsStatistics", "guardduty:GetFindingsStatistics", PerItem, d, "guardduty.detectors.high_severity_findings"),

		// Systems Manager (regional).
		op("ssm", "DescribeInstanceInformation", "ssm:DescribeInstanceInformation", Regional, d, "ssm.managed_instances"),
		op("ssm", "ListResourceComplianceSummaries", "ssm:ListResourceComplianceSummaries", Regional, d, "ssm.patch_compliance,association_compliance"),
		op("ssm", "GetServiceSetting", "ssm:GetServiceSetting", Regional, d, "ssm.region_settings.document_public_sharing_blocked"),
		op("ssm", "ListDocuments", "ssm:ListDocuments", Regional, d, "ssm.documents"),
		op("ssm", "DescribeDocumentPermission", "ssm:DescribeDocumentPermission", PerItem, d, "ssm.documents.shared_with"),

		// RDS (regional; one token bucket for every RDS call).
		rds("DescribeDBInstances", Regional, "rds.instances"),
		rds("DescribeDBClusters", Regional, "rds.clusters"),
		rds("DescribeGlobalClusters", PerItem, "rds.clusters.global_cluster_regions"),
		rds("DescribeDBSnapshots", Regional, "rds.snapshots"),
		rds("DescribeDBSnapshotAttributes", PerItem, "rds.snapshots.shared_with"),
		rds("DescribeDBClusterSnapshots", Regional, "rds.snapshots"),
		rds("DescribeDBClusterSnapshotAttributes", PerItem, "rds.snapshots.shared_with"),
		rds("DescribeDBParameterGroups", Regional, "rds.parameter_groups"),
		rds("DescribeDBParameters", PerItem, "rds.parameter_groups.parameters"),
		rds("DescribeDBClusterParameterGroups", Regional, "rds.parameter_groups"),
		rds("DescribeDBClusterParameters", PerItem, "rds.parameter_groups.parameters"),
		rds("DescribePendingMaintenanceActions", Regional, "rds.pending_maintenance"),
		rds("DescribeEventSubscriptions", Regional, "rds.event_subscriptions"),

		// Redshift (regional).
		op("redshift", "DescribeClusters", "redshift:DescribeClusters", Regional, d, "redshift.clusters"),
		op("redshift", "DescribeLoggingStatus", "redshift:DescribeLoggingStatus", PerItem, d, "redshift.clusters.logging_enabled"),
		op("redshift", "DescribeClusterParameterGroups", "redshift:DescribeClusterParameterGroups", Regional, d, "redshift.parameter_groups"),
		op("redshift", "DescribeClusterParameters", "redshift:DescribeClusterParameters", PerItem, d, "redshift.parameter_groups.parameters"),

		// CloudWatch Logs, CloudWatch, SNS, Security Hub (regional).
		op("logs", "DescribeLogGroups", "logs:DescribeLogGroups", Regional, Rate{RPS: 10, Burst: 10}, "cloudwatch_logs.log_groups"),
		op("logs", "DescribeMetricFilters", "logs:DescribeMetricFilters", Regional, Rate{RPS: 5, Burst: 5}, "cloudwatch_logs.log_groups.metric_filters"),
		op("cloudwatch", "DescribeAlarms", "cloudwatch:DescribeAlarms", Regional, Rate{RPS: 9, Burst: 9}, "cloudwatch.alarms"),
		op("sns", "ListTopics", "sns:ListTopics", Regional, d, "sns.topics"),
		op("sns", "ListSubscriptions", "sns:ListSubscriptions", Regional, d, "sns.topics.subscriptions"),
		op("sns", "GetTopicAttributes", "sns:GetTopicAttributes", PerItem, d, "sns.topics.policy,kms_key_id"),
		op("securityhub", "DescribeHub", "securityhub:DescribeHub", Regional, d, "securityhub.hubs"),
		op("securityhub", "GetAdministratorAccount", "securityhub:GetAdministratorAccount", Regional, d, "securityhub.hubs.administrator_account_id"),
		op("securityhub", "GetEnabledStandards", "securityhub:GetEnabledStandards", Regional, d, "securityhub.hubs.standards"),

		// DynamoDB (regional listing, per-table reads: no bulk form exists).
		op("dynamodb", "ListTables", "dynamodb:ListTables", Regional, d, "dynamodb.tables"),
		op("dynamodb", "DescribeTable", "dynamodb:DescribeTable", PerItem, Rate{RPS: 100, Burst: 100}, "dynamodb.tables.sse,deletion_protection,billing,replicas"),
		op("dynamodb", "DescribeContinuousBackups", "dynamodb:DescribeContinuousBackups", PerItem, Rate{RPS: 10, Burst: 10}, "dynamodb.tables.pitr"),
		op("dynamodb", "GetResourcePolicy", "dynamodb:GetResourcePolicy", PerItem, d, "dynamodb.tables.resource_policy"),
		op("dynamodb", "ListTagsOfResource", "dynamodb:ListTagsOfResource", PerItem, Rate{RPS: 10, Burst: 10}, "dynamodb.tables.tags"),
		op("application-autoscaling", "DescribeScalableTargets", "application-autoscaling:DescribeScalableTargets", Regional, d, "dynamodb.tables.auto_scaling"),

		// Lambda (regional; every control-plane call shares 15/s).
		lambdaOp("ListFunctions", Regional, "lambda.functions"),
		lambdaOp("GetPolicy", PerItem, "lambda.functions.policy"),
		lambdaOp("GetRuntimeManagementConfig", PerItem, "lambda.functions.runtime_update_mode"),

		// Resource Groups Tagging API (regional; endpoint and signing name
		// tagging, IAM prefix tag): the tags of every Lambda function and
		// WorkSpace of a region in pages of 100, where ListFunctions and
		// DescribeWorkspaces carry none (ListTags and DescribeTags would be
		// one call per resource).
		op("tagging", "GetResources", "tag:GetResources", Regional, d, "lambda.functions.tags,workspaces.workspaces.tags"),

		// EFS (regional; endpoint prefix elasticfilesystem).
		op("elasticfilesystem", "DescribeFileSystems", "elasticfilesystem:DescribeFileSystems", Regional, d, "efs.file_systems"),
		op("elasticfilesystem", "DescribeReplicationConfigurations", "elasticfilesystem:DescribeReplicationConfigurations", Regional, d, "efs.file_systems.replication_destinations"),
		op("elasticfilesystem", "DescribeBackupPolicy", "elasticfilesystem:DescribeBackupPolicy", PerItem, d, "efs.file_systems.backup_policy"),
		op("elasticfilesystem", "DescribeFileSystemPolicy", "elasticfilesystem:DescribeFileSystemPolicy", PerItem, d, "efs.file_systems.policy"),
		op("elasticfilesystem", "DescribeMountTargets", "elasticfilesystem:DescribeMountTargets", PerItem, d, "efs.mount_targets"),
		op("elasticfilesystem", "DescribeAccessPoints", "elasticfilesystem:DescribeAccessPoints", Regional, d, "efs.access_points"),

		// Elastic Load Balancing (regional). Both generations answer at the
		// elasticloadbalancing endpoint with the same action names; their
		// gaps are told apart as elbv2 and elb (see state.ELBServiceV2).
		elbOp("elbv2", "DescribeLoadBalancers", Regional, "elb.load_balancers"),
		elbOp("elbv2", "DescribeTags", Regional, "elb.load_balancers.tags"),
		elbOp("elbv2", "DescribeLoadBalancerAttributes", PerItem, "elb.load_balancers.access_logs,deletion_protection,..."),
		elbOp("elbv2", "DescribeListeners", PerItem, "elb.load_balancers.listeners"),
		elbOp("elbv2", "DescribeRules", PerItem, "elb.load_balancers.listeners.rule_actions"),
		op("wafv2", "GetWebACLForResource", "wafv2:GetWebACLForResource", PerItem, d, "elb.load_balancers.web_acl_arn"),
		elbOp("elb", "DescribeLoadBalancers", Regional, "elb.load_balancers (classic)"),
		elbOp("elb", "DescribeTags", Regional, "elb.load_balancers.tags (classic)"),
		elbOp("elb", "DescribeLoadBalancerAttributes", PerItem, "elb.load_balancers.access_logs,cross_zone,connection_draining (classic)"),
		elbOp("elb", "DescribeLoadBalancerPolicies", PerItem, "elb.load_balancers.listeners.reference_security_policy (classic)"),

		// AWS Backup (regional).
		op("backup", "ListBackupVaults", "backup:ListBackupVaults", Regional, d, "backup.vaults"),
		op("backup", "GetBackupVaultAccessPolicy", "backup:GetBackupVaultAccessPolicy", PerItem, d, "backup.vaults.policy"),
		op("backup", "ListRecoveryPointsByBackupVault", "backup:ListRecoveryPointsByBackupVault", PerItem, d, "backup.recovery_points"),
		op("backup", "ListBackupPlans", "backup:ListBackupPlans", Regional, d, "backup.plans"),
		op("backup", "GetBackupPlan", "backup:GetBackupPlan", PerItem, d, "backup.plans.rules"),
		op("backup", "ListBackupSelections", "backup:ListBackupSelections", PerItem, d, "backup.plans.selections"),
		op("backup", "GetBackupSelection", "backup:GetBackupSelection", PerItem, d, "backup.plans.selections"),
		op("backup", "ListProtectedResources", "backup:ListProtectedResources", Regional, d, "backup.protected_resources"),

		// WorkSpaces (regional).
		op("workspaces", "DescribeWorkspaces", "workspaces:DescribeWorkspaces", Regional, d, "workspaces.workspaces"),
		op("workspaces", "DescribeWorkspaceDirectories", "workspaces:DescribeWorkspaceDirectories", Regional, d, "workspaces.directories"),
		op("workspaces", "DescribeIpGroups", "workspaces:DescribeIpGroups", Regional, d, "workspaces.ip_groups"),
		op("workspaces", "DescribeWorkspaceImages", "workspaces:DescribeWorkspaceImages", Regional, d, "workspaces.images"),
		// Only where WorkSpaces exist: one call per 25 bundles they use,
		// whoever owns the bundle; a bundle names its image, a WorkSpace does not.
		op("workspaces", "DescribeWorkspaceBundles", "workspaces:DescribeWorkspaceBundles", PerItem, d, "workspaces.workspaces.image_id"),
		// Directory Service, only where WorkSpaces has directories: their MFA (RADIUS).
		op("ds", "DescribeDirectories", "ds:DescribeDirectories", Regional, d, "workspaces.directories.mfa_enabled"),
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
// Modify, Tag, Assume...) is a write for shoulder's purposes.
func IsRead(action string) bool {
	for _, p := range readPrefixes {
		if strings.HasPrefix(action, p) && len(action) > len(p) && isUpper(action[len(p)]) {
			return true
		}
	}
	return strings.HasPrefix(action, "Generate") && strings.HasSuffix(action, "Report")
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
