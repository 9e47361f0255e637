package responsibility

import "github.com/shoulder-dev/shoulder/internal/state"

// Usage is how much of a service an account holds.
type Usage struct {
	// Resources counts the service's resources in the state.
	Resources int `json:"resources"`
	// Gap is set when a listing of the service could not be read: the
	// service may be in use without shoulder seeing it.
	Gap *state.Gap `json:"gap,omitempty"`
}

// InUse reports whether the service's duties apply to the account.
func (u Usage) InUse() bool { return u.Resources > 0 || u.Gap != nil }

// usageRule says how to count a service's resources and which listing
// calls, when they fail, hide resources of it.
type usageRule struct {
	count func(a *state.Account) int
	// global listings are made once per account (region "").
	global bool
	// listings are the inputs whose gaps may hide resources of the service.
	listings []state.Input
}

// usageRules has one rule per catalog service (a test enforces it).
func usageRules() map[string]usageRule {
	return map[string]usageRule{
		"ec2": {count: func(a *state.Account) int { return len(a.EC2.Instances) + len(a.EC2.Images) }, listings: []state.Input{state.InputEC2Instances}},
		"ebs": {count: func(a *state.Account) int { return len(a.EC2.Volumes) + len(a.EC2.Snapshots) }, listings: []state.Input{state.InputEC2Volumes, state.InputEC2Snapshots}},
		"vpc": {count: func(a *state.Account) int {
			e := &a.EC2
			return len(e.VPCs) + len(e.Subnets) + len(e.SecurityGroups) + len(e.NetworkACLs) + len(e.VPNConnections) + len(e.VPCEndpoints)
		}, listings: []state.Input{state.InputEC2VPCs, state.InputEC2SecurityGroups}},
		"s3":       {count: func(a *state.Account) int { return len(a.S3.Buckets) + len(a.S3Express.Buckets) /* svc-s3dir */ }, global: true, listings: []state.Input{state.InputS3Buckets}},
		"rds":      {count: func(a *state.Account) int { return len(a.RDS.Instances) + len(a.RDS.Clusters) + len(a.RDS.Snapshots) }, listings: []state.Input{state.InputRDSInstances, state.InputRDSClusters}},
		"redshift": {count: func(a *state.Account) int { return len(a.Redshift.Clusters) }, listings: []state.Input{state.InputRedshiftClusters}},
		"workspaces": {count: func(a *state.Account) int { return len(a.WorkSpaces.Workspaces) + len(a.WorkSpaces.Directories) },
			listings: []state.Input{state.InputWorkSpaces, state.InputWorkSpacesDirectories}},
		"elb": {count: func(a *state.Account) int { return len(a.ELB.LoadBalancers) },
			listings: []state.Input{state.InputELBv2LoadBalancers, state.InputELBClassicLoadBalancers}},
		"dynamodb": {count: func(a *state.Account) int { return len(a.DynamoDB.Tables) }, listings: []state.Input{state.InputDynamoDBTables}},
		"efs":      {count: func(a *state.Account) int { return len(a.EFS.FileSystems) }, listings: []state.Input{state.InputEFSFileSystems}},
		"backup": {count: func(a *state.Account) int { return len(a.Backup.Vaults) + len(a.Backup.Plans) },
			listings: []state.Input{state.InputBackupVaults, state.InputBackupPlans}},
		"lambda":         {count: func(a *state.Account) int { return len(a.Lambda.Functions) }, listings: []state.Input{state.InputLambdaFunctions}},
		"sqs":            {count: func(a *state.Account) int { return len(a.SQS.Queues) }, listings: []state.Input{state.InputSQSQueues}},
		"sns":            {count: func(a *state.Account) int { return len(a.SNS.Topics) }, listings: []state.Input{state.InputSNSTopics}},
		"secretsmanager": {count: func(a *state.Account) int { return len(a.SecretsManager.Secrets) }, listings: []state.Input{state.InputSecrets}},
		"ecr":            {count: func(a *state.Account) int { return len(a.ECR.Repositories) }, listings: []state.Input{state.InputECRRepositories}},
		"eks":            {count: func(a *state.Account) int { return len(a.EKS.Clusters) }, listings: []state.Input{state.InputEKSClusters}},
		// svc-compute2
		"autoscaling": {count: func(a *state.Account) int { return len(a.AutoScaling.Groups) + len(a.AutoScaling.LaunchConfigurations) },
			listings: []state.Input{state.InputAutoScalingGroups, state.InputAutoScalingLaunchConfigurations}},
		// svc-stream: Kinesis Data Streams
		"kinesis":  {count: func(a *state.Account) int { return len(a.Kinesis.Streams) }, listings: []state.Input{state.InputKinesisStreams}},
		"firehose": {count: func(a *state.Account) int { return len(a.Firehose.DeliveryStreams) }, listings: []state.Input{state.InputFirehoseStreams}},
		// svc-search: OpenSearch Service domains (both engines)
		"opensearch": {count: func(a *state.Account) int { return len(a.OpenSearch.Domains) }, listings: []state.Input{state.InputOpenSearchDomains}},
		// svc-search: Route 53 hosted zones (global)
		"route53": {count: func(a *state.Account) int { return len(a.Route53.HostedZones) }, listings: []state.Input{state.InputRoute53Zones}},
		// svc-build: CodeBuild
		"codebuild": {count: func(a *state.Account) int { return len(a.CodeBuild.Projects) }, listings: []state.Input{state.InputCodeBuildProjects}},
		"dms": {count: func(a *state.Account) int {
			return len(a.DMS.ReplicationInstances) + len(a.DMS.Endpoints) + len(a.DMS.Tasks)
		},
			listings: []state.Input{state.InputDMSReplicationInstances, state.InputDMSEndpoints, state.InputDMSTasks}},
		// svc-msk: MSK clusters and MSK Connect connectors
		"msk": {count: func(a *state.Account) int { return len(a.MSK.Clusters) + len(a.MSK.Connectors) },
			listings: []state.Input{state.InputMSKClusters, state.InputMSKConnectors}},
		"stepfunctions": {count: func(a *state.Account) int { return len(a.StepFunctions.StateMachines) }, listings: []state.Input{state.InputStateMachines}},
		"redshiftserverless": {count: func(a *state.Account) int {
			return len(a.RedshiftServerless.Workgroups) + len(a.RedshiftServerless.Namespaces)
		},
			listings: []state.Input{state.InputServerlessWorkgroups, state.InputServerlessNamespaces}},
		// svc-dax: DynamoDB Accelerator clusters
		"dax": {count: func(a *state.Account) int { return len(a.DAX.Clusters) }, listings: []state.Input{state.InputDAXClusters}},
		// svc-eb: Elastic Beanstalk environments
		"elasticbeanstalk": {count: func(a *state.Account) int { return len(a.ElasticBeanstalk.Environments) },
			listings: []state.Input{state.InputBeanstalkEnvironments}},
		// svc-glue: Glue jobs and ML transforms (every region has a Data
		// Catalog, used or not, so its settings do not count as use)
		"glue": {count: func(a *state.Account) int { return len(a.Glue.Jobs) + len(a.Glue.MLTransforms) },
			listings: []state.Input{state.InputGlueJobs, state.InputGlueMLTransforms}},
		"athena": {count: func(a *state.Account) int { return len(a.Athena.WorkGroups) }, listings: []state.Input{state.InputAthenaWorkGroups}},
		// svc-fsx: FSx file systems of every type
		"fsx": {count: func(a *state.Account) int { return len(a.FSx.FileSystems) }, listings: []state.Input{state.InputFSxFileSystems}},
		// svc-mq: Amazon MQ brokers
		"mq": {count: func(a *state.Account) int { return len(a.MQ.Brokers) }, listings: []state.Input{state.InputMQBrokers}},
		// svc-mq: DataSync tasks
		"datasync": {count: func(a *state.Account) int { return len(a.DataSync.Tasks) }, listings: []state.Input{state.InputDataSyncTasks}},
		// svc-connect: Amazon Connect instances
		"connect": {count: func(a *state.Account) int { return len(a.Connect.Instances) }, listings: []state.Input{state.InputConnectInstances}},
		// svc-catalog: AWS Service Catalog portfolios
		"servicecatalog": {count: func(a *state.Account) int { return len(a.ServiceCatalog.Portfolios) }, listings: []state.Input{state.InputServiceCatalogPortfolios}},
		// svc-data: ElastiCache
		"elasticache": {count: func(a *state.Account) int { return len(a.ElastiCache.ReplicationGroups) + len(a.ElastiCache.Clusters) },
			listings: []state.Input{state.InputCacheReplicationGroups, state.InputCacheClusters}},
		// svc-data: DocumentDB and Neptune clusters, from the RDS listing.
		"docdb":   {count: func(a *state.Account) int { return clustersOfEngine(a, "docdb") }, listings: []state.Input{state.InputRDSClusters}},
		"neptune": {count: func(a *state.Account) int { return clustersOfEngine(a, "neptune") }, listings: []state.Input{state.InputRDSClusters}},
		"ecs": {count: func(a *state.Account) int { return len(a.ECS.Clusters) + len(a.ECS.TaskDefinitions) },
			listings: []state.Input{state.InputECSClusters, state.InputECSTaskDefinitions}},
		"acm": {count: func(a *state.Account) int { return len(a.ACM.Certificates) }, listings: []state.Input{state.InputACMCertificates}},
		// svc-s3dir: AWS Private CA
		"acmpca":     {count: func(a *state.Account) int { return len(a.ACMPCA.CertificateAuthorities) }, listings: []state.Input{state.InputCertificateAuthorities}},
		"cloudfront": {count: func(a *state.Account) int { return len(a.CloudFront.Distributions) }, global: true, listings: []state.Input{state.InputCloudFrontDistributions}},
		// svc-analytics: SageMaker
		"sagemaker": {count: func(a *state.Account) int {
			return len(a.SageMaker.NotebookInstances) + len(a.SageMaker.EndpointConfigs) + len(a.SageMaker.Models)
		}, listings: []state.Input{state.InputSageMakerNotebooks, state.InputSageMakerEndpointConfigs, state.InputSageMakerModels}},
		"emr": {count: func(a *state.Account) int { return len(a.EMR.Clusters) + len(a.EMR.SecurityConfigurations) },
			listings: []state.Input{state.InputEMRClusters, state.InputEMRSecurityConfigurations}},
		// svc-api
		"apigateway": {count: func(a *state.Account) int { return len(a.APIGateway.RestAPIs) + len(a.APIGateway.APIs) },
			listings: []state.Input{state.InputRestAPIs, state.InputAPIsV2}},
		"waf": {count: func(a *state.Account) int { return len(a.WAF.WebACLs) }, listings: []state.Input{state.InputWebACLs}},
		// svc-classic: AWS WAF Classic
		"wafclassic": {count: func(a *state.Account) int {
			return len(a.WAFClassic.WebACLs) + len(a.WAFClassic.Rules) + len(a.WAFClassic.RuleGroups)
		}, listings: []state.Input{state.InputClassicWebACLs, state.InputClassicRules, state.InputClassicRuleGroups}},
		"appsync": {count: func(a *state.Account) int { return len(a.AppSync.APIs) }, listings: []state.Input{state.InputAppSyncAPIs}}, // svc-classic
		"cognito": {count: func(a *state.Account) int { return len(a.Cognito.IdentityPools) + len(a.Cognito.UserPools) }, // svc-classic
			listings: []state.Input{state.InputCognitoIdentityPools, state.InputCognitoUserPools}},
		"eventbridge": {count: func(a *state.Account) int {
			n := 0
			for _, b := range a.EventBridge.Buses {
				if b.Custom() || b.Policy != "" {
					n++
				}
			}
			return n
		}, listings: []state.Input{state.InputEventBuses}},
		"kms": {count: func(a *state.Account) int { return len(a.KMS.Keys) }, listings: []state.Input{state.InputKMSKeys}},
		"ssm": {count: func(a *state.Account) int { return len(a.SSM.ManagedInstances) + len(a.SSM.Documents) }, listings: []state.Input{state.InputSSMManagedInstances, state.InputSSMDocuments}},
		// The account-wide services: every account has an identity
		// configuration (at least the root user) and activity to log.
		"iam":         {count: func(a *state.Account) int { return 1 + len(a.IAM.Users) + len(a.IAM.Roles) + len(a.IAM.Groups) }, global: true, listings: []state.Input{state.InputIAMAuthorizationDetails}},
		"cloudtrail":  {count: func(a *state.Account) int { return len(a.CloudTrail.Trails) }, listings: []state.Input{state.InputCloudTrailTrails}},
		"guardduty":   {count: func(a *state.Account) int { return len(a.GuardDuty.Detectors) }, listings: []state.Input{state.InputGuardDutyDetectors}},
		"cloudwatch":  {count: func(a *state.Account) int { return len(a.CloudWatch.Alarms) + len(a.CloudWatchLogs.LogGroups) }, listings: []state.Input{state.InputAlarms}},
		"securityhub": {count: func(a *state.Account) int { return len(a.SecurityHub.Hubs) }, listings: []state.Input{state.InputSecurityHubs}},
		// svc-sec: Inspector (its status per region)
		"inspector": {count: func(a *state.Account) int { return len(a.Inspector.Accounts) }, listings: []state.Input{state.InputInspectorStatus}},
		"macie":     {count: func(a *state.Account) int { return len(a.Macie.Sessions) }, listings: []state.Input{state.InputMacieSessions}},
		// svc-netfw: Network Firewall
		"networkfirewall": {count: func(a *state.Account) int {
			return len(a.NetworkFirewall.Firewalls) + len(a.NetworkFirewall.Policies) + len(a.NetworkFirewall.RuleGroups)
		}, listings: []state.Input{state.InputFirewalls, state.InputFirewallPolicies, state.InputFirewallRuleGroups}},
		"transfer": {count: func(a *state.Account) int { return len(a.Transfer.Servers) + len(a.Transfer.Connectors) },
			listings: []state.Input{state.InputTransferServers, state.InputTransferConnectors}},
		"config": {count: func(a *state.Account) int { return len(a.Config.Recorders) + len(a.Config.DeliveryChannels) }, listings: []state.Input{state.InputConfigRecorders}},
		"organizations": {count: func(a *state.Account) int {
			n := 0
			if a.Organization != nil {
				n = 1 + len(a.Organization.SCPs) + len(a.Organization.DelegatedAdmins)
			}
			if a.OrgFacts != nil {
				n++
			}
			return n
		}, global: true, listings: []state.Input{state.InputOrganization}},
		"account": {count: func(a *state.Account) int {
			n := len(a.EnabledRegions())
			if a.Organization != nil {
				n += 1 + len(a.Organization.SCPs)
			}
			return n
		}, global: true, listings: []state.Input{state.InputOrganization}},
	}
}

// UsageOf counts the service's resources in the account and looks for a
// listing gap that may hide more. ok is false for a service without a rule.
func UsageOf(a *state.Account, serviceID string) (Usage, bool) {
	r, ok := usageRules()[serviceID]
	if !ok {
		return Usage{}, false
	}
	u := Usage{Resources: r.count(a)}
	regions := a.ScannedRegions()
	if r.global {
		regions = []string{""}
	}
	for _, reg := range regions {
		if g, found := a.Gaps.ForInputs(reg, "", r.listings...); found && u.Gap == nil {
			gc := g
			u.Gap = &gc
		}
	}
	return u, true
}

// clustersOfEngine counts the RDS API's clusters of service engine
// (docdb, neptune), as their checks select them (svc-data).
func clustersOfEngine(a *state.Account, engine string) int {
	n := 0
	for _, c := range a.RDS.Clusters {
		if state.EngineService(c.Engine) == engine {
			n++
		}
	}
	return n
}
