package awsfake

import (
	"sort"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// index holds the state's resources grouped by region, computed once so
// that each request only slices.
type index struct {
	regions map[string]state.Region

	instances       map[string][]*state.Instance
	securityGroups  map[string][]*state.SecurityGroup
	networkACLs     map[string][]*state.NetworkACL
	vpcs            map[string][]*state.VPC
	subnets         map[string][]*state.Subnet
	routeTables     map[string][]*state.RouteTable
	flowLogs        map[string][]*state.FlowLog
	volumes         map[string][]*state.Volume
	snapshots       map[string][]*state.Snapshot
	images          map[string][]*state.Image
	vpns            map[string][]*state.VPNConnection
	endpoints       map[string][]*state.VPCEndpoint
	transitGateways map[string][]*state.TransitGateway
	launchTemplates map[string][]*state.LaunchTemplate
	clientVPNs      map[string][]*state.ClientVPNEndpoint
	prefixLists     map[string][]*state.PrefixList
	snapshotByID    map[string]*state.Snapshot
	imageByID       map[string]*state.Image

	keys    map[string][]*state.Key
	keyByID map[string]*state.Key
	trails  map[string][]*state.Trail // by home region
	buckets map[string]*state.Bucket
	// s3AccessPoints are S3 access points by region (s3control serves
	// them regionally although it is routed as a global service).
	s3AccessPoints map[string][]*state.S3AccessPoint
	analyzer       map[string][]*state.Analyzer

	recorders map[string][]*state.ConfigRecorder
	channels  map[string][]*state.DeliveryChannel
	detectors map[string][]*state.Detector

	managed         map[string][]*state.ManagedInstance
	compliance      map[string][]*state.PatchCompliance
	assocCompliance map[string][]*state.AssociationCompliance
	documents       map[string][]*state.SSMDocument

	dbInstances   map[string][]*state.DBInstance
	dbClusters    map[string][]*state.DBCluster
	dbSnapshots   map[string][]*state.DBSnapshot // instance snapshots
	dbClusterSnap map[string][]*state.DBSnapshot
	dbParamGroups map[string][]*state.ParameterGroup
	dbClusterPGs  map[string][]*state.ParameterGroup
	pending       map[string][]*state.PendingMaintenance
	eventSubs     map[string][]*state.EventSubscription

	rsClusters    map[string][]*state.RedshiftCluster
	rsParamGroups map[string][]*state.ParameterGroup

	tables       map[string][]*state.DynamoDBTable // sorted by name, as ListTables answers
	functions    map[string][]*state.LambdaFunction
	fileSystems  map[string][]*state.FileSystem
	accessPoints map[string][]*state.EFSAccessPoint
	mountTargets map[string][]*state.EFSMountTarget

	vaults         map[string][]*state.BackupVault
	plans          map[string][]*state.BackupPlan
	recoveryPoints map[string][]*state.RecoveryPoint
	protected      map[string][]*state.ProtectedResource

	loadBalancers map[string][]*state.LoadBalancer

	logGroups map[string][]*state.LogGroup
	alarms    map[string][]*state.MetricAlarm
	topics    map[string][]*state.Topic

	queues       map[string][]*state.Queue
	secrets      map[string][]*state.Secret
	repositories map[string][]*state.ECRRepository
	buses        map[string][]*state.EventBus
	certificates map[string][]*state.Certificate

	ecsClusters map[string][]*state.ECSCluster
	ecsServices map[string][]*state.ECSService
	ecsTaskDefs map[string][]*state.ECSTaskDefinition
	eksClusters map[string][]*state.EKSCluster
	// svc-compute2
	asGroups      map[string][]*state.AutoScalingGroup
	launchConfigs map[string][]*state.LaunchConfiguration

	// svc-analytics: SageMaker, EMR
	emrClusters        map[string][]*state.EMRCluster
	emrSecurityConfigs map[string][]*state.EMRSecurityConfiguration
	smNotebooks        map[string][]*state.SageMakerNotebook
	smEndpointConfigs  map[string][]*state.SageMakerEndpointConfig
	smModels           map[string][]*state.SageMakerModel
	// svc-api: API Gateway REST and HTTP/WebSocket APIs by region.
	restAPIs map[string][]*state.RestAPI
	apisV2   map[string][]*state.APIv2
	webACLs  map[string][]*state.WebACL
	// svc-stream: Kinesis Data Streams
	kinesisStreams  map[string][]*state.KinesisStream
	deliveryStreams map[string][]*state.DeliveryStream
	// svc-search: OpenSearch Service domains
	osDomains map[string][]*state.OpenSearchDomain
	// svc-data: ElastiCache
	cacheGroups   map[string][]*state.CacheReplicationGroup
	cacheClusters map[string][]*state.CacheCluster
	// svc-build: CodeBuild
	cbProjects map[string][]*state.CodeBuildProject
	// svc-build: DMS
	dmsInstances map[string][]*state.DMSReplicationInstance
	dmsEndpoints map[string][]*state.DMSEndpoint
	dmsTasks     map[string][]*state.DMSTask
	// svc-netfw: Network Firewall
	firewalls          map[string][]*state.Firewall
	firewallPolicies   map[string][]*state.FirewallPolicy
	firewallRuleGroups map[string][]*state.FirewallRuleGroup
	transferServers    map[string][]*state.TransferServer
	transferConnectors map[string][]*state.TransferConnector
	// svc-classic: WAF Classic by scope ("" global, else the region)
	classicACLs   map[string][]*state.ClassicWebACL
	classicRules  map[string][]*state.ClassicRule
	classicGroups map[string][]*state.ClassicRuleGroup
	graphqlAPIs   map[string][]*state.GraphQLAPI   // svc-classic: AppSync
	identityPools map[string][]*state.IdentityPool // svc-classic: Cognito
	userPools     map[string][]*state.UserPool
	// svc-msk: MSK clusters and MSK Connect connectors
	mskClusters   map[string][]*state.MSKCluster
	mskConnectors map[string][]*state.MSKConnector
	stateMachines map[string][]*state.StateMachine
	rssWorkgroups map[string][]*state.ServerlessWorkgroup
	rssNamespaces map[string][]*state.ServerlessNamespace
	// svc-dax: DynamoDB Accelerator clusters
	daxClusters map[string][]*state.DAXCluster
	// svc-eb: Elastic Beanstalk environments
	beanstalkEnvs map[string][]*state.BeanstalkEnvironment
	// svc-glue: Glue jobs, ML transforms and Data Catalog settings
	glueJobs       map[string][]*state.GlueJob
	glueTransforms map[string][]*state.GlueMLTransform
	glueCatalogs   map[string][]*state.GlueCatalog
	athenaGroups   map[string][]*state.AthenaWorkGroup
	// svc-fsx: FSx file systems
	fsxFileSystems map[string][]*state.FSxFileSystem
	// svc-mq: Amazon MQ brokers
	mqBrokers     map[string][]*state.MQBroker
	dataSyncTasks map[string][]*state.DataSyncTask
	// svc-connect: Amazon Connect instances
	connectInstances map[string][]*state.ConnectInstance
	// svc-catalog: AWS Service Catalog portfolios
	portfolios map[string][]*state.ServiceCatalogPortfolio
	// svc-s3dir: S3 directory buckets
	directoryBuckets map[string][]*state.DirectoryBucket
	// svc-s3dir: AWS Private CA certificate authorities
	certificateAuthorities map[string][]*state.CertificateAuthority

	workspaces  map[string][]*state.Workspace
	directories map[string][]*state.WorkspaceDirectory
	ipGroups    map[string][]*state.WorkspaceIPGroup
	wsImages    map[string][]*state.WorkspaceImage
}

func group[T any](xs []T, region func(*T) string) map[string][]*T {
	out := map[string][]*T{}
	for i := range xs {
		r := region(&xs[i])
		out[r] = append(out[r], &xs[i])
	}
	return out
}

func buildIndex(a *state.Account) *index {
	x := &index{regions: map[string]state.Region{}}
	for _, r := range a.Regions {
		x.regions[r.Name] = r
	}
	x.instances = group(a.EC2.Instances, func(v *state.Instance) string { return v.Region })
	x.securityGroups = group(a.EC2.SecurityGroups, func(v *state.SecurityGroup) string { return v.Region })
	x.networkACLs = group(a.EC2.NetworkACLs, func(v *state.NetworkACL) string { return v.Region })
	x.vpcs = group(a.EC2.VPCs, func(v *state.VPC) string { return v.Region })
	x.subnets = group(a.EC2.Subnets, func(v *state.Subnet) string { return v.Region })
	x.routeTables = group(a.EC2.RouteTables, func(v *state.RouteTable) string { return v.Region })
	x.flowLogs = group(a.EC2.FlowLogs, func(v *state.FlowLog) string { return v.Region })
	x.volumes = group(a.EC2.Volumes, func(v *state.Volume) string { return v.Region })
	x.snapshots = group(a.EC2.Snapshots, func(v *state.Snapshot) string { return v.Region })
	x.images = group(a.EC2.Images, func(v *state.Image) string { return v.Region })
	x.vpns = group(a.EC2.VPNConnections, func(v *state.VPNConnection) string { return v.Region })
	x.endpoints = group(a.EC2.VPCEndpoints, func(v *state.VPCEndpoint) string { return v.Region })
	x.transitGateways = group(a.EC2.TransitGateways, func(v *state.TransitGateway) string { return v.Region })
	x.launchTemplates = group(a.EC2.LaunchTemplates, func(v *state.LaunchTemplate) string { return v.Region })
	x.clientVPNs = group(a.EC2.ClientVPNEndpoints, func(v *state.ClientVPNEndpoint) string { return v.Region })
	x.prefixLists = group(a.EC2.PrefixLists, func(v *state.PrefixList) string { return v.Region })
	x.snapshotByID = map[string]*state.Snapshot{}
	for i := range a.EC2.Snapshots {
		x.snapshotByID[a.EC2.Snapshots[i].Region+"/"+a.EC2.Snapshots[i].ID] = &a.EC2.Snapshots[i]
	}
	x.imageByID = map[string]*state.Image{}
	for i := range a.EC2.Images {
		x.imageByID[a.EC2.Images[i].Region+"/"+a.EC2.Images[i].ID] = &a.EC2.Images[i]
	}

	x.keys = group(a.KMS.Keys, func(v *state.Key) string { return v.Region })
	x.s3AccessPoints = group(a.S3.AccessPoints, func(v *state.S3AccessPoint) string { return v.Region })
	x.keyByID = map[string]*state.Key{}
	for i := range a.KMS.Keys {
		k := &a.KMS.Keys[i]
		x.keyByID[k.Region+"/"+k.ID] = k
		x.keyByID[k.Region+"/"+k.ARN] = k
	}
	x.trails = group(a.CloudTrail.Trails, func(v *state.Trail) string { return v.HomeRegion })
	x.buckets = map[string]*state.Bucket{}
	for i := range a.S3.Buckets {
		x.buckets[a.S3.Buckets[i].Name] = &a.S3.Buckets[i]
	}
	x.analyzer = group(a.IAM.AccessAnalyzers, func(v *state.Analyzer) string { return v.Region })

	x.recorders = group(a.Config.Recorders, func(v *state.ConfigRecorder) string { return v.Region })
	x.channels = group(a.Config.DeliveryChannels, func(v *state.DeliveryChannel) string { return v.Region })
	x.detectors = group(a.GuardDuty.Detectors, func(v *state.Detector) string { return v.Region })

	x.managed = group(a.SSM.ManagedInstances, func(v *state.ManagedInstance) string { return v.Region })
	x.compliance = group(a.SSM.PatchCompliance, func(v *state.PatchCompliance) string { return v.Region })
	x.assocCompliance = group(a.SSM.AssociationCompliance, func(v *state.AssociationCompliance) string { return v.Region })
	x.documents = group(a.SSM.Documents, func(v *state.SSMDocument) string { return v.Region })

	x.dbInstances = group(a.RDS.Instances, func(v *state.DBInstance) string { return v.Region })
	x.dbClusters = group(a.RDS.Clusters, func(v *state.DBCluster) string { return v.Region })
	x.dbSnapshots, x.dbClusterSnap = map[string][]*state.DBSnapshot{}, map[string][]*state.DBSnapshot{}
	for i := range a.RDS.Snapshots {
		s := &a.RDS.Snapshots[i]
		if s.Cluster {
			x.dbClusterSnap[s.Region] = append(x.dbClusterSnap[s.Region], s)
		} else {
			x.dbSnapshots[s.Region] = append(x.dbSnapshots[s.Region], s)
		}
	}
	x.dbParamGroups, x.dbClusterPGs = map[string][]*state.ParameterGroup{}, map[string][]*state.ParameterGroup{}
	for i := range a.RDS.ParameterGroups {
		g := &a.RDS.ParameterGroups[i]
		if g.Cluster {
			x.dbClusterPGs[g.Region] = append(x.dbClusterPGs[g.Region], g)
		} else {
			x.dbParamGroups[g.Region] = append(x.dbParamGroups[g.Region], g)
		}
	}
	x.pending = map[string][]*state.PendingMaintenance{}
	for i := range a.RDS.PendingMaintenance {
		pm := &a.RDS.PendingMaintenance[i]
		r := arnRegion(pm.ResourceARN)
		x.pending[r] = append(x.pending[r], pm)
	}
	x.eventSubs = group(a.RDS.EventSubscriptions, func(v *state.EventSubscription) string { return v.Region })

	x.rsClusters = group(a.Redshift.Clusters, func(v *state.RedshiftCluster) string { return v.Region })
	x.rsParamGroups = group(a.Redshift.ParameterGroups, func(v *state.ParameterGroup) string { return v.Region })

	x.tables = group(a.DynamoDB.Tables, func(v *state.DynamoDBTable) string { return v.Region })
	for _, ts := range x.tables {
		sort.Slice(ts, func(i, j int) bool { return ts[i].Name < ts[j].Name })
	}
	x.functions = group(a.Lambda.Functions, func(v *state.LambdaFunction) string { return v.Region })
	x.fileSystems = group(a.EFS.FileSystems, func(v *state.FileSystem) string { return v.Region })
	x.accessPoints = group(a.EFS.AccessPoints, func(v *state.EFSAccessPoint) string { return v.Region })
	x.mountTargets = group(a.EFS.MountTargets, func(v *state.EFSMountTarget) string { return v.Region })
	x.vaults = group(a.Backup.Vaults, func(v *state.BackupVault) string { return v.Region })
	x.plans = group(a.Backup.Plans, func(v *state.BackupPlan) string { return v.Region })
	x.recoveryPoints = group(a.Backup.RecoveryPoints, func(v *state.RecoveryPoint) string { return v.Region })
	x.protected = group(a.Backup.ProtectedResources, func(v *state.ProtectedResource) string { return v.Region })
	x.loadBalancers = group(a.ELB.LoadBalancers, func(v *state.LoadBalancer) string { return v.Region })
	x.logGroups = group(a.CloudWatchLogs.LogGroups, func(v *state.LogGroup) string { return v.Region })
	x.alarms = group(a.CloudWatch.Alarms, func(v *state.MetricAlarm) string { return v.Region })
	x.topics = group(a.SNS.Topics, func(v *state.Topic) string { return v.Region })
	x.queues = group(a.SQS.Queues, func(v *state.Queue) string { return v.Region })
	x.secrets = group(a.SecretsManager.Secrets, func(v *state.Secret) string { return v.Region })
	x.repositories = group(a.ECR.Repositories, func(v *state.ECRRepository) string { return v.Region })
	x.buses = group(a.EventBridge.Buses, func(v *state.EventBus) string { return v.Region })
	x.ecsClusters = group(a.ECS.Clusters, func(v *state.ECSCluster) string { return v.Region })
	x.ecsServices = group(a.ECS.Services, func(v *state.ECSService) string { return v.ClusterARN })
	x.ecsTaskDefs = group(a.ECS.TaskDefinitions, func(v *state.ECSTaskDefinition) string { return v.Region })
	x.eksClusters = group(a.EKS.Clusters, func(v *state.EKSCluster) string { return v.Region })
	x.restAPIs = group(a.APIGateway.RestAPIs, func(v *state.RestAPI) string { return v.Region })         // svc-api
	x.apisV2 = group(a.APIGateway.APIs, func(v *state.APIv2) string { return v.Region })                 // svc-api
	x.webACLs = group(a.WAF.WebACLs, func(v *state.WebACL) string { return v.Region })                   // svc-api
	x.asGroups = group(a.AutoScaling.Groups, func(v *state.AutoScalingGroup) string { return v.Region }) // svc-compute2
	x.launchConfigs = group(a.AutoScaling.LaunchConfigurations, func(v *state.LaunchConfiguration) string { return v.Region })
	// svc-stream: Kinesis Data Streams
	x.kinesisStreams = group(a.Kinesis.Streams, func(v *state.KinesisStream) string { return v.Region })
	x.deliveryStreams = group(a.Firehose.DeliveryStreams, func(v *state.DeliveryStream) string { return v.Region })
	// svc-search: OpenSearch Service domains
	x.osDomains = group(a.OpenSearch.Domains, func(v *state.OpenSearchDomain) string { return v.Region })
	// svc-data: ElastiCache
	x.cacheGroups = group(a.ElastiCache.ReplicationGroups, func(v *state.CacheReplicationGroup) string { return v.Region })
	x.cacheClusters = group(a.ElastiCache.Clusters, func(v *state.CacheCluster) string { return v.Region })
	x.cbProjects = group(a.CodeBuild.Projects, func(v *state.CodeBuildProject) string { return v.Region }) // svc-build
	x.dmsInstances = group(a.DMS.ReplicationInstances, func(v *state.DMSReplicationInstance) string { return v.Region })
	x.dmsEndpoints = group(a.DMS.Endpoints, func(v *state.DMSEndpoint) string { return v.Region })
	x.dmsTasks = group(a.DMS.Tasks, func(v *state.DMSTask) string { return v.Region })
	// svc-netfw: Network Firewall
	x.firewalls = group(a.NetworkFirewall.Firewalls, func(v *state.Firewall) string { return v.Region })
	x.firewallPolicies = group(a.NetworkFirewall.Policies, func(v *state.FirewallPolicy) string { return v.Region })
	x.firewallRuleGroups = group(a.NetworkFirewall.RuleGroups, func(v *state.FirewallRuleGroup) string { return v.Region })
	x.transferServers = group(a.Transfer.Servers, func(v *state.TransferServer) string { return v.Region })
	x.transferConnectors = group(a.Transfer.Connectors, func(v *state.TransferConnector) string { return v.Region })
	// svc-classic: WAF Classic
	x.classicACLs = group(a.WAFClassic.WebACLs, func(v *state.ClassicWebACL) string { return wcKeyOf(v.Scope, v.Region) })
	x.classicRules = group(a.WAFClassic.Rules, func(v *state.ClassicRule) string { return wcKeyOf(v.Scope, v.Region) })
	x.classicGroups = group(a.WAFClassic.RuleGroups, func(v *state.ClassicRuleGroup) string { return wcKeyOf(v.Scope, v.Region) })
	x.graphqlAPIs = group(a.AppSync.APIs, func(v *state.GraphQLAPI) string { return v.Region })
	x.identityPools = group(a.Cognito.IdentityPools, func(v *state.IdentityPool) string { return v.Region })
	x.userPools = group(a.Cognito.UserPools, func(v *state.UserPool) string { return v.Region })
	// svc-msk: MSK clusters and MSK Connect connectors
	x.mskClusters = group(a.MSK.Clusters, func(v *state.MSKCluster) string { return v.Region })
	x.mskConnectors = group(a.MSK.Connectors, func(v *state.MSKConnector) string { return v.Region })
	x.stateMachines = group(a.StepFunctions.StateMachines, func(v *state.StateMachine) string { return v.Region })
	x.rssWorkgroups = group(a.RedshiftServerless.Workgroups, func(v *state.ServerlessWorkgroup) string { return v.Region })
	x.rssNamespaces = group(a.RedshiftServerless.Namespaces, func(v *state.ServerlessNamespace) string { return v.Region })
	// svc-dax: DynamoDB Accelerator clusters
	x.daxClusters = group(a.DAX.Clusters, func(v *state.DAXCluster) string { return v.Region })
	// svc-eb: Elastic Beanstalk environments
	x.beanstalkEnvs = group(a.ElasticBeanstalk.Environments, func(v *state.BeanstalkEnvironment) string { return v.Region })
	// svc-glue: Glue jobs, ML transforms and Data Catalog settings
	x.glueJobs = group(a.Glue.Jobs, func(v *state.GlueJob) string { return v.Region })
	x.glueTransforms = group(a.Glue.MLTransforms, func(v *state.GlueMLTransform) string { return v.Region })
	x.glueCatalogs = group(a.Glue.Catalogs, func(v *state.GlueCatalog) string { return v.Region })
	x.athenaGroups = group(a.Athena.WorkGroups, func(v *state.AthenaWorkGroup) string { return v.Region })
	// svc-fsx: FSx file systems
	x.fsxFileSystems = group(a.FSx.FileSystems, func(v *state.FSxFileSystem) string { return v.Region })
	// svc-mq: Amazon MQ brokers
	x.mqBrokers = group(a.MQ.Brokers, func(v *state.MQBroker) string { return v.Region })
	x.dataSyncTasks = group(a.DataSync.Tasks, func(v *state.DataSyncTask) string { return v.Region })
	x.connectInstances = group(a.Connect.Instances, func(v *state.ConnectInstance) string { return v.Region }) // svc-connect
	// svc-catalog: AWS Service Catalog portfolios
	x.portfolios = group(a.ServiceCatalog.Portfolios, func(v *state.ServiceCatalogPortfolio) string { return v.Region })
	// svc-s3dir: S3 directory buckets
	x.directoryBuckets = group(a.S3Express.Buckets, func(v *state.DirectoryBucket) string { return v.Region })
	x.certificateAuthorities = group(a.ACMPCA.CertificateAuthorities, func(v *state.CertificateAuthority) string { return v.Region })
	x.certificates = group(a.ACM.Certificates, func(v *state.Certificate) string { return v.Region })
	// svc-analytics: SageMaker, EMR
	x.emrClusters = group(a.EMR.Clusters, func(v *state.EMRCluster) string { return v.Region })
	x.emrSecurityConfigs = group(a.EMR.SecurityConfigurations, func(v *state.EMRSecurityConfiguration) string { return v.Region })
	x.smNotebooks = group(a.SageMaker.NotebookInstances, func(v *state.SageMakerNotebook) string { return v.Region })
	x.smEndpointConfigs = group(a.SageMaker.EndpointConfigs, func(v *state.SageMakerEndpointConfig) string { return v.Region })
	x.smModels = group(a.SageMaker.Models, func(v *state.SageMakerModel) string { return v.Region })
	x.workspaces = group(a.WorkSpaces.Workspaces, func(v *state.Workspace) string { return v.Region })
	x.directories = group(a.WorkSpaces.Directories, func(v *state.WorkspaceDirectory) string { return v.Region })
	x.ipGroups = group(a.WorkSpaces.IPGroups, func(v *state.WorkspaceIPGroup) string { return v.Region })
	x.wsImages = group(a.WorkSpaces.Images, func(v *state.WorkspaceImage) string { return v.Region })
	return x
}

// regionEnabled reports whether calls to region are served. A region the
// account lists as not enabled answers like AWS does for a region the
// account has not opted in to; a region the state does not list at all is
// served (empty), so a state that lists only its scanned regions works.
func (x *index) regionEnabled(r string) bool {
	reg, ok := x.regions[r]
	return !ok || reg.Enabled
}

// arnRegion returns the region field of an ARN.
func arnRegion(arn string) string {
	n := 0
	start := 0
	for i := 0; i < len(arn); i++ {
		if arn[i] == ':' {
			n++
			if n == 3 {
				start = i + 1
			} else if n == 4 {
				return arn[start:i]
			}
		}
	}
	return ""
}

// registry lists the services the fake serves, by SigV4 signing name (and
// s3control, which signs as s3 but is told apart by its path).
func (s *Server) registry() map[string]*service {
	out := map[string]*service{}
	for _, svc := range []*service{
		s.stsService(), s.iamService(), s.ec2Service(), s.s3Service(), s.s3controlService(), s.kmsService(),
		s.cloudtrailService(), s.configService(), s.guarddutyService(), s.ssmService(), s.rdsService(),
		s.redshiftService(), s.workspacesService(), s.organizationsService(), s.accessAnalyzerService(), s.accountService(),
		s.dynamodbService(), s.appAutoScalingService(), s.lambdaService(), s.efsService(), s.backupService(),
		s.logsService(), s.cloudwatchService(), s.snsService(), s.securityhubService(),
		s.elbService(), s.elbv2Service(), s.wafv2Service(), s.dsService(), s.taggingService(),
		s.sqsService(), s.secretsManagerService(), s.ecrService(), s.eventsService(), s.ecsService(), s.eksService(),
		s.autoScalingService(),                 // svc-compute2
		s.elastiCacheService(),                 // svc-data
		s.kinesisService(),                     // svc-stream
		s.firehoseService(),                    // svc-stream
		s.openSearchService(),                  // svc-search
		s.inspectorService(), s.macieService(), // svc-sec
		s.codeBuildService(), s.dmsService(), // svc-build
		s.networkFirewallService(), s.transferService(), // svc-netfw
		s.wafClassicService(), s.wafRegionalService(), s.appSyncService(), // svc-classic
		s.cognitoIdentityService(), s.cognitoIDPService(), // svc-classic
		s.kafkaService(), s.kafkaConnectService(), s.stepFunctionsService(), s.redshiftServerlessService(), // svc-msk
		s.daxService(),                     // svc-dax
		s.elasticBeanstalkService(),        // svc-eb
		s.glueService(), s.athenaService(), // svc-glue
		s.fsxService(),                     // svc-fsx
		s.mqService(), s.dataSyncService(), // svc-mq
		s.connectService(),                      // svc-connect
		s.s3ExpressService(), s.acmPCAService(), // svc-s3dir
		// svc-catalog: AWS Service Catalog
		s.serviceCatalogService(),
		s.acmService(), s.cloudFrontService(),
		s.route53Service(),                   // svc-search
		s.sageMakerService(), s.emrService(), // svc-analytics
		s.apiGatewayService(), s.apiGatewayV2Service(), // svc-api
	} {
		out[svc.name] = svc
	}
	return out
}
