package state

import "sort"

// Input names one piece of the account state that a collector fills and
// checks read, e.g. InputS3BucketPolicy: every bucket's policy document.
//
// The binding of inputs to the AWS operations that fill them is declared
// once, in internal/collect/ops.go (each Operation's Fills);
// inputs_gen.go is generated from that declaration (go test
// ./internal/collect -run TestInputBinding -update) and a test fails when it
// is stale. Checks declare the inputs they read (check.Check.Reads) and ask
// whether one is missing with Gaps.ForInput, which resolves the input to the
// operations that fill it: a check cannot ask about an operation name no
// collector records.
//
// A new operation names the inputs it fills in ops.go (add a constant here
// when it fills new state); a check that reads it lists the input in its
// Reads and looks gaps up with ForInput.
type Input string

// The inputs, grouped by the service whose operations fill them.
const (
	// sts
	InputAccountID Input = "account_id"

	// iam
	InputIAMAuthorizationDetails Input = "iam.authorization_details"
	InputIAMRoleSessionDurations Input = "iam.roles.max_session_duration"
	InputIAMCredentialReport     Input = "iam.credential_report"
	InputIAMAccountSummary       Input = "iam.summary"
	InputIAMPasswordPolicy       Input = "iam.password_policy"
	InputIAMVirtualMFADevices    Input = "iam.virtual_mfa_devices"
	InputIAMUserMFADevices       Input = "iam.users.mfa_devices"
	InputIAMUserAccessKeys       Input = "iam.users.access_keys"
	InputIAMServerCertificates   Input = "iam.server_certificates"
	InputAccountAlias            Input = "alias"
	InputIAMSAMLProviders        Input = "iam.saml_providers"

	// account
	InputSecurityContact Input = "iam.security_contact_set"

	// access-analyzer
	InputAccessAnalyzers        Input = "iam.access_analyzers"
	InputAccessAnalyzerFindings Input = "iam.analyzer_findings"

	// organizations
	InputOrganization Input = "organization"
	InputSCPs         Input = "organization.scps"
	InputSCPDocuments Input = "organization.scps.document"
	InputSCPTargets   Input = "organization.scps.targets"
	// InputOrgPolicies: backup and tag policies (ListPolicies by type).
	InputOrgPolicies          Input = "organization.backup_and_tag_policies"
	InputOrgDelegatedAdmins   Input = "organization.delegated_admins"
	InputOrgDelegatedServices Input = "organization.delegated_admins.services"
	InputOrgTrustedServices   Input = "organization.trusted_services"
	InputIAMOrgFeatures       Input = "organization.iam_features"
	InputGuardDutyOrgConfig   Input = "organization.guardduty"
	InputSecurityHubOrgConfig Input = "organization.securityhub"
	InputConfigAggregators    Input = "organization.config_aggregators"
	// InputOrgRoots, InputOrgUnits and InputOrgAccounts are the OU tree
	// (Organization.Tree), read by the management or a delegated
	// administrator for organization runs.
	InputOrgRoots    Input = "organization.tree.roots"
	InputOrgUnits    Input = "organization.tree.units"
	InputOrgAccounts Input = "organization.tree.accounts"

	// s3
	InputS3Buckets                 Input = "s3.buckets"
	InputS3BucketRegion            Input = "s3.buckets.region"
	InputS3BucketPolicy            Input = "s3.buckets.policy"
	InputS3BucketPolicyStatus      Input = "s3.buckets.policy_is_public"
	InputS3BucketACL               Input = "s3.buckets.acl_grants"
	InputS3BucketOwnership         Input = "s3.buckets.object_ownership"
	InputS3BucketPublicAccessBlock Input = "s3.buckets.public_access_block"
	InputS3BucketEncryption        Input = "s3.buckets.encryption"
	InputS3BucketVersioning        Input = "s3.buckets.versioning"
	InputS3BucketObjectLock        Input = "s3.buckets.object_lock"
	InputS3BucketLogging           Input = "s3.buckets.logging"
	InputS3BucketLifecycle         Input = "s3.buckets.lifecycle_rules"
	InputS3BucketReplication       Input = "s3.buckets.replication"
	InputS3BucketNotifications     Input = "s3.buckets.event_notifications"
	InputS3BucketWebsite           Input = "s3.buckets.website"
	InputS3BucketTags              Input = "s3.buckets.tags"

	// s3control
	InputS3AccountPublicAccessBlock     Input = "s3.account_public_access_block"
	InputS3AccessPoints                 Input = "s3.access_points"
	InputS3AccessPointPublicAccessBlock Input = "s3.access_points.public_access_block"
	InputS3MultiRegionAccessPoints      Input = "s3.multi_region_access_points"

	// ec2
	InputRegions                        Input = "regions"
	InputEC2Instances                   Input = "ec2.instances"
	InputEC2SecurityGroups              Input = "ec2.security_groups"
	InputEC2NetworkInterfaces           Input = "ec2.security_groups.attached_enis"
	InputEC2NetworkACLs                 Input = "ec2.network_acls"
	InputEC2VPCs                        Input = "ec2.vpcs"
	InputEC2Subnets                     Input = "ec2.subnets"
	InputEC2RouteTables                 Input = "ec2.route_tables"
	InputEC2FlowLogs                    Input = "ec2.flow_logs"
	InputEC2Volumes                     Input = "ec2.volumes"
	InputEC2Snapshots                   Input = "ec2.snapshots"
	InputEC2SnapshotSharing             Input = "ec2.snapshots.shared_with"
	InputEC2Images                      Input = "ec2.images"
	InputEC2ImageSharing                Input = "ec2.images.shared_with"
	InputEBSEncryptionByDefault         Input = "ec2.region_settings.ebs_encryption_by_default"
	InputEBSDefaultKMSKey               Input = "ec2.region_settings.ebs_default_kms_key_id"
	InputEC2SnapshotBlockPublicAccess   Input = "ec2.region_settings.snapshot_block_public_access"
	InputEC2ImageBlockPublicAccess      Input = "ec2.region_settings.image_block_public_access"
	InputEC2InstanceMetadataDefaults    Input = "ec2.region_settings.imds_default_http_tokens"
	InputEC2VPNConnections              Input = "ec2.vpn_connections"
	InputEC2VPCEndpoints                Input = "ec2.vpc_endpoints"
	InputEC2VPCBlockPublicAccess        Input = "ec2.region_settings.vpc_block_public_access"
	InputEC2TransitGateways             Input = "ec2.transit_gateways"
	InputEC2LaunchTemplates             Input = "ec2.launch_templates"
	InputEC2ClientVPNEndpoints          Input = "ec2.client_vpn_endpoints"
	InputEC2ClientVPNAuthorizationRules Input = "ec2.client_vpn_endpoints.authorization_rules"
	InputEC2ManagedPrefixLists          Input = "ec2.prefix_lists"
	InputEC2ManagedPrefixListEntries    Input = "ec2.prefix_lists.entries"

	// kms
	InputKMSKeys        Input = "kms.keys"
	InputKMSAliases     Input = "kms.keys.aliases"
	InputKMSKeyMetadata Input = "kms.keys.metadata"
	InputKMSKeyRotation Input = "kms.keys.rotation_enabled"
	InputKMSKeyPolicy   Input = "kms.keys.policy"
	InputKMSKeyGrants   Input = "kms.keys.grants"
	InputKMSKeyTags     Input = "kms.keys.tags"

	// cloudtrail
	InputCloudTrailTrails         Input = "cloudtrail.trails"
	InputCloudTrailStatus         Input = "cloudtrail.trails.is_logging"
	InputCloudTrailEventSelectors Input = "cloudtrail.trails.management_events"
	InputCloudTrailTags           Input = "cloudtrail.trails.tags"

	// config
	InputConfigRecorders        Input = "config.recorders"
	InputConfigRecorderStatus   Input = "config.recorders.recording"
	InputConfigDeliveryChannels Input = "config.delivery_channels"

	// guardduty
	InputGuardDutyDetectors          Input = "guardduty.detectors"
	InputGuardDutyDetectorSettings   Input = "guardduty.detectors.status_features"
	InputGuardDutyAdministrator      Input = "guardduty.detectors.administrator_account_id"
	InputGuardDutyFindingsStatistics Input = "guardduty.detectors.high_severity_findings"

	// ssm
	InputSSMManagedInstances       Input = "ssm.managed_instances"
	InputSSMCompliance             Input = "ssm.compliance"
	InputSSMDocumentSharingSetting Input = "ssm.region_settings.document_public_sharing_blocked"
	// svc-last: SSM.6
	InputSSMAutomationLogSetting Input = "ssm.region_settings.automation_log_destination"
	InputSSMDocuments            Input = "ssm.documents"
	InputSSMDocumentSharing      Input = "ssm.documents.shared_with"

	// rds
	InputRDSInstances              Input = "rds.instances"
	InputRDSClusters               Input = "rds.clusters"
	InputRDSGlobalClusters         Input = "rds.clusters.global_cluster_regions"
	InputRDSSnapshots              Input = "rds.snapshots"
	InputRDSSnapshotSharing        Input = "rds.snapshots.shared_with"
	InputRDSClusterSnapshots       Input = "rds.cluster_snapshots"
	InputRDSClusterSnapshotSharing Input = "rds.cluster_snapshots.shared_with"
	InputRDSParameterGroups        Input = "rds.parameter_groups"
	InputRDSParameters             Input = "rds.parameter_groups.parameters"
	InputRDSClusterParameterGroups Input = "rds.cluster_parameter_groups"
	InputRDSClusterParameters      Input = "rds.cluster_parameter_groups.parameters"
	InputRDSPendingMaintenance     Input = "rds.pending_maintenance"
	InputRDSEventSubscriptions     Input = "rds.event_subscriptions"
	// svc-gaps: RDS Proxy (RDS.43).
	InputRDSProxies Input = "rds.proxies"

	// redshift
	InputRedshiftClusters        Input = "redshift.clusters"
	InputRedshiftLogging         Input = "redshift.clusters.logging_enabled"
	InputRedshiftParameterGroups Input = "redshift.parameter_groups"
	InputRedshiftParameters      Input = "redshift.parameter_groups.parameters"

	// logs
	InputLogGroups     Input = "cloudwatch_logs.log_groups"
	InputMetricFilters Input = "cloudwatch_logs.log_groups.metric_filters"

	// cloudwatch
	InputAlarms Input = "cloudwatch.alarms"

	// sns
	InputSNSTopics          Input = "sns.topics"
	InputSNSSubscriptions   Input = "sns.topics.subscriptions"
	InputSNSTopicAttributes Input = "sns.topics.policy_kms_key_id"

	// securityhub
	InputSecurityHubs             Input = "securityhub.hubs"
	InputSecurityHubAdministrator Input = "securityhub.hubs.administrator_account_id"
	InputSecurityHubStandards     Input = "securityhub.hubs.standards"

	// dynamodb
	InputDynamoDBTables           Input = "dynamodb.tables"
	InputDynamoDBTableDescription Input = "dynamodb.tables.description"
	InputDynamoDBPITR             Input = "dynamodb.tables.pitr"
	InputDynamoDBResourcePolicy   Input = "dynamodb.tables.resource_policy"
	InputDynamoDBTags             Input = "dynamodb.tables.tags"

	// application-autoscaling
	InputDynamoDBAutoScaling Input = "dynamodb.tables.auto_scaling"

	// lambda
	InputLambdaFunctions         Input = "lambda.functions"
	InputLambdaPolicy            Input = "lambda.functions.policy"
	InputLambdaRuntimeManagement Input = "lambda.functions.runtime_update_mode"

	// sqs
	InputSQSQueues          Input = "sqs.queues"
	InputSQSQueueAttributes Input = "sqs.queues.encryption_policy"

	// secretsmanager
	InputSecrets      Input = "secretsmanager.secrets"
	InputSecretPolicy Input = "secretsmanager.secrets.policy"

	// ecr
	InputECRRepositories     Input = "ecr.repositories"
	InputECRRegistryScanning Input = "ecr.registries.scanning"
	InputECRLifecyclePolicy  Input = "ecr.repositories.lifecycle_policy"
	InputECRRepositoryPolicy Input = "ecr.repositories.policy"

	// events
	InputEventBuses Input = "eventbridge.buses"

	// ecs
	InputECSClusters                 Input = "ecs.clusters"
	InputECSClusterSettings          Input = "ecs.clusters.settings"
	InputECSServices                 Input = "ecs.services"
	InputECSServiceNetwork           Input = "ecs.services.network"
	InputECSTaskDefinitions          Input = "ecs.task_definitions"
	InputECSTaskDefinitionContainers Input = "ecs.task_definitions.containers"

	// eks
	InputEKSClusters       Input = "eks.clusters"
	InputEKSClusterDetails Input = "eks.clusters.configuration"

	// svc-compute2: autoscaling
	InputAutoScalingGroups               Input = "autoscaling.groups"
	InputAutoScalingLaunchConfigurations Input = "autoscaling.launch_configurations"
	// acm
	InputACMCertificates            Input = "acm.certificates"
	InputACMCertificateTransparency Input = "acm.certificates.transparency_logging"

	// cloudfront
	InputCloudFrontDistributions Input = "cloudfront.distributions"
	InputCloudFrontConfig        Input = "cloudfront.distributions.config"

	// svc-analytics: sagemaker
	InputSageMakerNotebooks             Input = "sagemaker.notebook_instances"
	InputSageMakerNotebookDetails       Input = "sagemaker.notebook_instances.configuration"
	InputSageMakerEndpointConfigs       Input = "sagemaker.endpoint_configs"
	InputSageMakerEndpointConfigDetails Input = "sagemaker.endpoint_configs.configuration"
	InputSageMakerModels                Input = "sagemaker.models"
	InputSageMakerModelDetails          Input = "sagemaker.models.configuration"
	// svc-analytics: emr
	InputEMRClusters                     Input = "emr.clusters"
	InputEMRClusterDetails               Input = "emr.clusters.configuration"
	InputEMRBlockPublicAccess            Input = "emr.block_public_access"
	InputEMRSecurityConfigurations       Input = "emr.security_configurations"
	InputEMRSecurityConfigurationDetails Input = "emr.security_configurations.encryption"
	// svc-api: apigateway (REST APIs) and apigatewayv2 (HTTP and WebSocket APIs)
	InputRestAPIs      Input = "apigateway.rest_apis"
	InputRestAPIStages Input = "apigateway.rest_apis.stages"
	InputAPIsV2        Input = "apigateway.apis"
	InputAPIv2Stages   Input = "apigateway.apis.stages"
	InputAPIv2Routes   Input = "apigateway.apis.routes"
	// svc-api: wafv2 web ACLs
	InputWebACLs       Input = "waf.web_acls"
	InputWebACLRules   Input = "waf.web_acls.rules"
	InputWebACLLogging Input = "waf.web_acls.log_destinations"
	// svc-data: elasticache
	InputCacheReplicationGroups Input = "elasticache.replication_groups"
	InputCacheClusters          Input = "elasticache.clusters"
	// svc-sec: inspector2, macie2, network-firewall
	InputInspectorStatus         Input = "inspector.accounts"
	InputMacieSessions           Input = "macie.sessions"
	InputMacieAutomatedDiscovery Input = "macie.sessions.automated_discovery"
	// svc-netfw: network-firewall
	InputFirewalls                Input = "network_firewall.firewalls"
	InputFirewallDetails          Input = "network_firewall.firewalls.configuration"
	InputFirewallLogging          Input = "network_firewall.firewalls.logging"
	InputFirewallPolicies         Input = "network_firewall.policies"
	InputFirewallPolicyDetails    Input = "network_firewall.policies.configuration"
	InputFirewallRuleGroups       Input = "network_firewall.rule_groups"
	InputFirewallRuleGroupDetails Input = "network_firewall.rule_groups.rules"
	// svc-netfw: transfer
	InputTransferServers          Input = "transfer.servers"
	InputTransferServerDetails    Input = "transfer.servers.configuration"
	InputTransferConnectors       Input = "transfer.connectors"
	InputTransferConnectorDetails Input = "transfer.connectors.configuration"

	// svc-stream: kinesis
	InputKinesisStreams       Input = "kinesis.streams"
	InputKinesisStreamSummary Input = "kinesis.streams.summary"
	// exposure-gaps: a stream's resource policy (GetResourcePolicy)
	InputKinesisStreamPolicy Input = "kinesis.streams.policy"
	// svc-stream: firehose
	InputFirehoseStreams     Input = "firehose.delivery_streams"
	InputFirehoseDescription Input = "firehose.delivery_streams.description"

	// svc-search: OpenSearch Service domains (both engines)
	InputOpenSearchDomains      Input = "opensearch.domains"
	InputOpenSearchDomainStatus Input = "opensearch.domains.status"
	// svc-search: Route 53 public hosted zones
	InputRoute53Zones        Input = "route53.hosted_zones"
	InputRoute53QueryLogging Input = "route53.query_logging_configs"
	InputRoute53DNSSEC       Input = "route53.hosted_zones.dnssec"
	// svc-build: codebuild
	InputCodeBuildProjects      Input = "codebuild.projects"
	InputCodeBuildProjectConfig Input = "codebuild.projects.configuration"
	// svc-build: dms
	InputDMSReplicationInstances Input = "dms.replication_instances"
	InputDMSEndpoints            Input = "dms.endpoints"
	InputDMSTasks                Input = "dms.replication_tasks"
	// svc-classic: waf (global) and waf-regional (AWS WAF Classic)
	InputClassicWebACLs        Input = "waf_classic.web_acls"
	InputClassicWebACLRules    Input = "waf_classic.web_acls.rules"
	InputClassicWebACLLogging  Input = "waf_classic.web_acls.log_destinations"
	InputClassicRules          Input = "waf_classic.rules"
	InputClassicRuleConditions Input = "waf_classic.rules.conditions"
	InputClassicRuleGroups     Input = "waf_classic.rule_groups"
	InputClassicRuleGroupRules Input = "waf_classic.rule_groups.rules"
	// svc-classic: appsync
	InputAppSyncAPIs     Input = "appsync.apis"
	InputAppSyncAPICache Input = "appsync.apis.cache"
	// svc-classic: cognito-identity, cognito-idp
	InputCognitoIdentityPools     Input = "cognito.identity_pools"
	InputCognitoIdentityPoolGuest Input = "cognito.identity_pools.allow_unauthenticated"
	InputCognitoUserPools         Input = "cognito.user_pools"
	InputCognitoUserPoolPolicy    Input = "cognito.user_pools.password_policy"
	// svc-msk: kafka, kafkaconnect
	InputMSKClusters   Input = "msk.clusters"
	InputMSKConnectors Input = "msk.connectors"
	// exposure-gaps: a cluster's policy (GetClusterPolicy)
	InputMSKClusterPolicy Input = "msk.clusters.policy"
	// svc-msk: states (Step Functions)
	InputStateMachines           Input = "stepfunctions.state_machines"
	InputStateMachineDescription Input = "stepfunctions.state_machines.description"
	// svc-msk: redshift-serverless
	InputServerlessWorkgroups Input = "redshift_serverless.workgroups"
	InputServerlessNamespaces Input = "redshift_serverless.namespaces"
	// svc-dax: dax (DynamoDB Accelerator)
	InputDAXClusters Input = "dax.clusters"
	// svc-eb: elasticbeanstalk
	InputBeanstalkEnvironments      Input = "elasticbeanstalk.environments"
	InputBeanstalkEnvironmentConfig Input = "elasticbeanstalk.environments.configuration"
	// svc-glue: glue
	InputGlueJobs              Input = "glue.jobs"
	InputGlueMLTransforms      Input = "glue.ml_transforms"
	InputGlueCatalogEncryption Input = "glue.catalogs"
	// svc-glue: athena
	InputAthenaWorkGroups      Input = "athena.workgroups"
	InputAthenaWorkGroupConfig Input = "athena.workgroups.configuration"
	// svc-fsx: fsx
	InputFSxFileSystems Input = "fsx.file_systems"
	// svc-mq: mq
	InputMQBrokers       Input = "mq.brokers"
	InputMQBrokerDetails Input = "mq.brokers.details"
	// svc-mq: datasync
	InputDataSyncTasks       Input = "datasync.tasks"
	InputDataSyncTaskDetails Input = "datasync.tasks.details"
	// svc-connect: connect (Amazon Connect instances)
	InputConnectInstances       Input = "connect.instances"
	InputConnectInstanceLogging Input = "connect.instances.flow_logs"
	// svc-catalog: servicecatalog (AWS Service Catalog portfolios)
	InputServiceCatalogPortfolios      Input = "servicecatalog.portfolios"
	InputServiceCatalogPortfolioShares Input = "servicecatalog.portfolios.account_shares"
	// svc-s3dir: s3express (S3 directory buckets)
	InputS3DirectoryBuckets          Input = "s3express.buckets"
	InputS3DirectoryBucketPolicy     Input = "s3express.buckets.policy"
	InputS3DirectoryBucketEncryption Input = "s3express.buckets.encryption"
	InputS3DirectoryBucketLifecycle  Input = "s3express.buckets.lifecycle"
	// svc-s3dir: acm-pca (AWS Private CA)
	InputCertificateAuthorities Input = "acmpca.certificate_authorities"

	// tagging
	InputTaggedResourceTags Input = "tagging.resource_tags"

	// elasticfilesystem
	InputEFSFileSystems      Input = "efs.file_systems"
	InputEFSReplication      Input = "efs.file_systems.replication_destinations"
	InputEFSBackupPolicy     Input = "efs.file_systems.backup_policy"
	InputEFSFileSystemPolicy Input = "efs.file_systems.policy"
	InputEFSMountTargets     Input = "efs.mount_targets"
	InputEFSAccessPoints     Input = "efs.access_points"

	// elbv2
	InputELBv2LoadBalancers Input = "elb.load_balancers"
	InputELBv2Tags          Input = "elb.load_balancers.tags"
	InputELBv2Attributes    Input = "elb.load_balancers.attributes"
	InputELBv2Listeners     Input = "elb.load_balancers.listeners"
	InputELBv2Rules         Input = "elb.load_balancers.listeners.rule_actions"

	// wafv2
	InputELBWebACL Input = "elb.load_balancers.web_acl_arn"

	// elb
	InputELBClassicLoadBalancers Input = "elb.classic_load_balancers"
	InputELBClassicTags          Input = "elb.classic_load_balancers.tags"
	InputELBClassicAttributes    Input = "elb.classic_load_balancers.attributes"
	InputELBClassicPolicies      Input = "elb.classic_load_balancers.listeners.reference_security_policy"

	// backup
	InputBackupVaults             Input = "backup.vaults"
	InputBackupVaultPolicy        Input = "backup.vaults.policy"
	InputBackupRecoveryPoints     Input = "backup.recovery_points"
	InputBackupPlans              Input = "backup.plans"
	InputBackupPlanRules          Input = "backup.plans.rules"
	InputBackupSelections         Input = "backup.plans.selections"
	InputBackupProtectedResources Input = "backup.protected_resources"

	// workspaces
	InputWorkSpaces            Input = "workspaces.workspaces"
	InputWorkSpacesDirectories Input = "workspaces.directories"
	InputWorkSpacesIPGroups    Input = "workspaces.ip_groups"
	InputWorkSpacesImages      Input = "workspaces.images"
	InputWorkSpacesBundles     Input = "workspaces.workspaces.image_id"

	// ds
	InputDirectoryServiceDirectories Input = "workspaces.directories.mfa_enabled"
	// svc-gaps3: codebuild report groups, ec2 spot fleet requests
	InputCodeBuildReportGroups      Input = "codebuild.report_groups"
	InputCodeBuildReportGroupConfig Input = "codebuild.report_groups.configuration"
	InputSpotFleetRequests          Input = "ec2.spot_fleet_requests"
)

// OperationRef is an AWS operation as coverage gaps name it (Gap.Service and
// Gap.Operation).
type OperationRef struct {
	Service   string `json:"service"`
	Operation string `json:"operation"`
}

// String renders the operation as "service:Operation".
func (o OperationRef) String() string { return o.Service + ":" + o.Operation }

// Operations returns the declared operations that fill the input (a new
// slice; nil when no declared operation fills it).
func (in Input) Operations() []OperationRef {
	return append([]OperationRef(nil), inputOperations[in]...)
}

// Inputs returns every input some declared operation fills, sorted.
func Inputs() []Input {
	out := make([]Input, 0, len(inputOperations))
	for in := range inputOperations {
		out = append(out, in)
	}
	sortInputs(out)
	return out
}

// InputsOf returns the inputs the given operation fills, sorted (nil when
// the operation is not declared).
func InputsOf(service, operation string) []Input {
	var out []Input
	for in, ops := range inputOperations {
		for _, o := range ops {
			if o.Service == service && o.Operation == operation {
				out = append(out, in)
				break
			}
		}
	}
	sortInputs(out)
	return out
}

func sortInputs(ins []Input) {
	sort.Slice(ins, func(i, j int) bool { return ins[i] < ins[j] })
}
