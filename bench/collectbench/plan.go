package main

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// pages is the number of calls a listing of n items takes at page size
// size: at least one call, even for an empty listing.
func pages(n, size int) int {
	if n <= 0 {
		return 1
	}
	return (n + size - 1) / size
}

// minimalPlan is the fewest calls per "service:Action" that read account a
// in its scanned regions with the declared operations, at AWS's largest
// page sizes, with per-item calls only where AWS has no bulk form and only
// for the items that need them. bench/README.md explains each line.
func minimalPlan(a *state.Account) map[string]int {
	p := map[string]int{}
	add := func(key string, n int) { p[key] += n }
	regions := a.ScannedRegions()
	inRegion := func(r string) func(string) bool { return func(x string) bool { return x == r } }

	// Once per account.
	add("sts:GetCallerIdentity", 1)
	add("ec2:DescribeRegions", 1)
	ia := &a.IAM
	entities := len(ia.Users) + len(ia.Groups) + len(ia.Roles) + len(ia.Policies)
	add("iam:GetAccountAuthorizationDetails", pages(entities, 1000))
	add("iam:ListRoles", pages(len(ia.Roles), 1000)) // MaxSessionDuration is not in the bulk details
	add("iam:GenerateCredentialReport", 1)
	add("iam:GetCredentialReport", 1)
	add("iam:GetAccountSummary", 1)
	add("iam:GetAccountPasswordPolicy", 1)
	add("iam:ListVirtualMFADevices", pages(len(ia.VirtualMFADevices), 1000))
	add("iam:ListServerCertificates", pages(len(ia.ServerCertificates), 1000))
	add("iam:ListAccountAliases", 1)
	add("iam:ListSAMLProviders", 1)
	// svc-search: Route 53 (global): zones 100 a page, every query logging
	// configuration 100 a page, GetDNSSEC per public zone.
	publicZones := countIf(a.Route53.HostedZones, func(z state.HostedZone) bool { return !z.Private })
	add("route53:ListHostedZones", pages(len(a.Route53.HostedZones), 100))
	add("route53:ListQueryLoggingConfigs", pages(countIf(a.Route53.HostedZones, func(z state.HostedZone) bool { return z.QueryLogGroupARN != "" }), 100))
	add("route53:GetDNSSEC", publicZones)
	virtual := map[string]bool{}
	for _, d := range ia.VirtualMFADevices {
		virtual[d.SerialNumber] = true
	}
	// Detail reads (no check judges them) are planned as the scan's default
	// --details auto makes them: only where they fit its time budget.
	decl, err := collect.NewDeclaration(nil)
	if err != nil {
		panic(err) // the built-in declaration always parses
	}
	detailed := func(key string, n int) {
		svc, action, _ := strings.Cut(key, ":")
		if o, ok := decl.Lookup(svc, action); ok {
			if _, skip := collect.DetailsAuto.Skip(o, n); !skip {
				add(key, n)
			}
		}
	}
	withKeys := countIf(ia.Users, func(u state.User) bool { return len(u.AccessKeys) > 0 })
	detailed("iam:ListAccessKeys", withKeys) // the credential report shows the key; its ID is only here
	withHardware := countIf(ia.Users, func(u state.User) bool {
		for _, s := range u.MFADevices {
			if !virtual[s] {
				return true
			}
		}
		return false
	})
	detailed("iam:ListMFADevices", withHardware) // a hardware device's serial: listed nowhere else

	add("account:GetAlternateContact", 1)
	add("organizations:DescribeOrganization", 1)
	if o := a.Organization; o != nil {
		// One listing per policy type (service control, backup, tag).
		add("organizations:ListPolicies", pages(len(o.SCPs), 20)+pages(len(o.BackupPolicies), 20)+pages(len(o.TagPolicies), 20))
		for _, list := range [][]state.SCP{o.SCPs, o.BackupPolicies, o.TagPolicies} {
			for _, s := range list {
				add("organizations:DescribePolicy", 1)
				add("organizations:ListTargetsForPolicy", pages(len(s.Targets), 20))
			}
		}
		add("organizations:ListDelegatedAdministrators", pages(len(o.DelegatedAdmins), 20))
		for _, d := range o.DelegatedAdmins {
			add("organizations:ListDelegatedServicesForAccount", pages(len(d.ServicePrincipals), 20))
		}
		add("organizations:ListAWSServiceAccessForOrganization", pages(len(o.TrustedServices), 20))
		add("iam:ListOrganizationsFeatures", 1)
	}
	add("s3:ListBuckets", pages(len(a.S3.Buckets), 10000))
	// svc-api: the CLOUDFRONT web ACLs, read once in us-east-1 whatever
	// regions are scanned: a listing, GetWebACL each, their logging.
	cfACLs := countIf(a.WAF.WebACLs, func(x state.WebACL) bool { return x.Scope == "CLOUDFRONT" })
	add("wafv2:ListWebACLs", pages(cfACLs, 100))
	add("wafv2:GetWebACL", cfACLs)
	if cfACLs > 0 {
		add("wafv2:ListLoggingConfigurations", pages(cfACLs, 100))
	}
	// svc-classic: WAF Classic's global scope, read once (us-east-1):
	// three listings 100 a page, one read per web ACL, rule and rule
	// group, the logging configurations where web ACLs exist.
	wafClassicPlan(add, a, func(string) bool { return true }, state.WAFClassicGlobal, "waf")
	add("s3control:GetPublicAccessBlock", 1)
	add("s3control:ListMultiRegionAccessPoints", pages(len(a.S3.MultiRegionAccessPoints), 100))
	for _, b := range a.S3.Buckets {
		// ListBuckets gives the region; each setting has its own GET.
		for _, act := range []string{"GetBucketPolicy", "GetBucketAcl", "GetBucketOwnershipControls", "GetPublicAccessBlock",
			"GetBucketEncryption", "GetBucketVersioning", "GetObjectLockConfiguration", "GetBucketLogging",
			"GetBucketLifecycleConfiguration", "GetBucketReplication", "GetBucketNotificationConfiguration", "GetBucketWebsite", "GetBucketTagging"} {
			add("s3:"+act, 1)
		}
		if b.Policy != "" {
			add("s3:GetBucketPolicyStatus", 1) // S3's public verdict exists only for a policy
		}
	}

	// Per region.
	for _, r := range regions {
		in := inRegion(r)
		e := &a.EC2
		count := func(n int) int { return n }
		ec2List := func(action string, n int) { add("ec2:"+action, pages(n, 1000)) }
		// S3 access points: a regional listing without Block Public Access,
		// then GetAccessPoint for each.
		aps := countIf(a.S3.AccessPoints, func(x state.S3AccessPoint) bool { return in(x.Region) })
		add("s3control:ListAccessPoints", pages(aps, 1000))
		add("s3control:GetAccessPoint", aps)
		ec2List("DescribeInstances", countIf(e.Instances, func(x state.Instance) bool { return in(x.Region) }))
		ec2List("DescribeSecurityGroups", countIf(e.SecurityGroups, func(x state.SecurityGroup) bool { return in(x.Region) }))
		enis := 0
		for _, g := range e.SecurityGroups {
			if in(g.Region) {
				enis += g.AttachedENIs
			}
		}
		ec2List("DescribeNetworkInterfaces", count(enis))
		ec2List("DescribeNetworkAcls", countIf(e.NetworkACLs, func(x state.NetworkACL) bool { return in(x.Region) }))
		ec2List("DescribeVpcs", countIf(e.VPCs, func(x state.VPC) bool { return in(x.Region) }))
		ec2List("DescribeSubnets", countIf(e.Subnets, func(x state.Subnet) bool { return in(x.Region) }))
		add("ec2:DescribeRouteTables", pages(countIf(e.RouteTables, func(x state.RouteTable) bool { return in(x.Region) }), 100))
		ec2List("DescribeFlowLogs", countIf(e.FlowLogs, func(x state.FlowLog) bool { return in(x.Region) }))
		ec2List("DescribeVolumes", countIf(e.Volumes, func(x state.Volume) bool { return in(x.Region) }))
		snaps := countIf(e.Snapshots, func(x state.Snapshot) bool { return in(x.Region) })
		ec2List("DescribeSnapshots", snaps)
		if snaps > 0 {
			// The public ones, in bulk (RestorableByUserIds=all).
			add("ec2:DescribeSnapshots", pages(countIf(e.Snapshots, func(x state.Snapshot) bool { return in(x.Region) && x.Public() }), 1000))
		}
		detailed("ec2:DescribeSnapshotAttribute", snaps) // whom it is shared with: no bulk form
		owned := countIf(e.Images, func(x state.Image) bool { return in(x.Region) && !x.InUseOnly })
		ec2List("DescribeImages", owned)
		add("ec2:DescribeImageAttribute", owned) // launchPermission has no bulk form
		foreign := countIf(e.Images, func(x state.Image) bool { return in(x.Region) && x.InUseOnly })
		if foreign > 0 {
			add("ec2:DescribeImages", pages(foreign, 200)) // the AMIs running instances use, by ID
		}
		for _, act := range []string{"GetEbsEncryptionByDefault", "GetEbsDefaultKmsKeyId", "GetSnapshotBlockPublicAccessState",
			"GetImageBlockPublicAccessState", "GetInstanceMetadataDefaults", "DescribeVpnConnections"} {
			add("ec2:"+act, 1)
		}
		ec2List("DescribeVpcEndpoints", countIf(e.VPCEndpoints, func(x state.VPCEndpoint) bool { return in(x.Region) }))

		keys, aliases := 0, 0
		for _, k := range a.KMS.Keys {
			if !in(k.Region) {
				continue
			}
			keys++
			aliases += len(k.Aliases)
			add("kms:DescribeKey", 1) // who manages the key is only here
			if k.Manager != "CUSTOMER" {
				continue // AWS owns an AWS managed key's policy, grants and rotation
			}
			if k.Spec == "SYMMETRIC_DEFAULT" && k.Origin == "AWS_KMS" && k.State != "PendingDeletion" && k.State != "PendingImport" {
				add("kms:GetKeyRotationStatus", 1)
			}
			add("kms:GetKeyPolicy", 1)
			add("kms:ListGrants", pages(len(k.Grants), 100))
			add("kms:ListResourceTags", pages(len(k.Tags), 50))
		}
		add("kms:ListKeys", pages(keys, 1000))
		add("kms:ListAliases", pages(aliases, 100))

		add("cloudtrail:DescribeTrails", 1)
		homed := 0
		for _, t := range a.CloudTrail.Trails {
			if t.HomeRegion == r {
				homed++
				add("cloudtrail:GetTrailStatus", 1)
				add("cloudtrail:GetEventSelectors", 1)
			}
		}
		if homed > 0 {
			add("cloudtrail:ListTags", pages(homed, 20)) // at the trails' home region
		}
		add("config:DescribeConfigurationRecorders", 1)
		if countIf(a.Config.Recorders, func(x state.ConfigRecorder) bool { return in(x.Region) }) > 0 {
			add("config:DescribeConfigurationRecorderStatus", 1) // nothing to ask without a recorder
		}
		add("config:DescribeDeliveryChannels", 1)
		add("config:DescribeConfigurationAggregators", 1)
		add("guardduty:ListDetectors", 1)
		for _, d := range a.GuardDuty.Detectors {
			if in(d.Region) {
				add("guardduty:GetDetector", 1)
				add("guardduty:GetAdministratorAccount", 1)
				add("guardduty:GetFindingsStatistics", 1)
				add("guardduty:DescribeOrganizationConfiguration", 1)
			}
		}
		add("access-analyzer:ListAnalyzers", 1)

		add("ssm:DescribeInstanceInformation", pages(countIf(a.SSM.ManagedInstances, func(x state.ManagedInstance) bool { return in(x.Region) }), 50))
		add("ssm:ListResourceComplianceSummaries", pages(countIf(a.SSM.PatchCompliance, func(x state.PatchCompliance) bool { return in(x.Region) })+
			countIf(a.SSM.AssociationCompliance, func(x state.AssociationCompliance) bool { return in(x.Region) }), 50))
		docs := countIf(a.SSM.Documents, func(x state.SSMDocument) bool { return in(x.Region) })
		add("ssm:ListDocuments", pages(docs, 50))
		add("ssm:DescribeDocumentPermission", docs)

		rds := &a.RDS
		add("rds:DescribeDBInstances", pages(countIf(rds.Instances, func(x state.DBInstance) bool { return in(x.Region) }), 100))
		add("rds:DescribeDBClusters", pages(countIf(rds.Clusters, func(x state.DBCluster) bool { return in(x.Region) }), 100))
		var inst, clus int
		for _, s := range rds.Snapshots {
			if !in(s.Region) {
				continue
			}
			shareable := s.Type != "automated" // automated snapshots cannot be shared
			if s.Cluster {
				clus++
				if shareable {
					add("rds:DescribeDBClusterSnapshotAttributes", 1)
				}
			} else {
				inst++
				if shareable {
					add("rds:DescribeDBSnapshotAttributes", 1)
				}
			}
		}
		add("rds:DescribeDBSnapshots", pages(inst, 100))
		add("rds:DescribeDBClusterSnapshots", pages(clus, 100))
		var pgs, cpgs int
		for _, g := range rds.ParameterGroups {
			if !in(g.Region) {
				continue
			}
			custom := !strings.HasPrefix(g.Name, "default.")
			if g.Cluster {
				cpgs++
				if custom {
					add("rds:DescribeDBClusterParameters", pages(len(g.Parameters), 100))
				}
			} else {
				pgs++
				if custom {
					add("rds:DescribeDBParameters", pages(len(g.Parameters), 100))
				}
			}
		}
		add("rds:DescribeDBParameterGroups", pages(pgs, 100))
		add("rds:DescribeDBClusterParameterGroups", pages(cpgs, 100))
		add("rds:DescribePendingMaintenanceActions", 1)
		add("rds:DescribeEventSubscriptions", pages(countIf(rds.EventSubscriptions, func(x state.EventSubscription) bool { return in(x.Region) }), 100))

		rsc := countIf(a.Redshift.Clusters, func(x state.RedshiftCluster) bool { return in(x.Region) })
		add("redshift:DescribeClusters", pages(rsc, 100))
		add("redshift:DescribeLoggingStatus", rsc)
		rpg := 0
		for _, g := range a.Redshift.ParameterGroups {
			if in(g.Region) {
				rpg++
				if !strings.HasPrefix(g.Name, "default.") {
					add("redshift:DescribeClusterParameters", pages(len(g.Parameters), 100))
				}
			}
		}
		add("redshift:DescribeClusterParameterGroups", pages(rpg, 100))

		// EC2 network extras and settings.
		ec2List("DescribeTransitGateways", countIf(e.TransitGateways, func(x state.TransitGateway) bool { return in(x.Region) }))
		add("ec2:DescribeLaunchTemplateVersions", pages(countIf(e.LaunchTemplates, func(x state.LaunchTemplate) bool { return in(x.Region) }), 200))
		cvpn := countIf(e.ClientVPNEndpoints, func(x state.ClientVPNEndpoint) bool { return in(x.Region) })
		ec2List("DescribeClientVpnEndpoints", cvpn)
		add("ec2:DescribeClientVpnAuthorizationRules", cvpn)
		add("ec2:DescribeVpcBlockPublicAccessOptions", 1)
		pls := 0
		for _, l := range e.PrefixLists {
			if in(l.Region) {
				pls++
				if !l.AWSManaged() {
					add("ec2:GetManagedPrefixListEntries", pages(len(l.Entries), 100))
				}
			}
		}
		add("ec2:DescribeManagedPrefixLists", pages(pls, 100))
		add("ssm:GetServiceSetting", 2) // document public sharing, Automation log destination (SSM.6)

		// Load balancers: listings, tags by 20, per balancer its attributes
		// and listeners (v2), rules per ALB listener, WAF per ALB, TLS
		// policies per classic balancer with a TLS listener.
		var v2, classic int
		for _, l := range a.ELB.LoadBalancers {
			if !in(l.Region) {
				continue
			}
			if l.Classic() {
				classic++
				add("elb:DescribeLoadBalancerAttributes", 1)
				for _, li := range l.Listeners {
					if li.Secure() {
						add("elb:DescribeLoadBalancerPolicies", 1)
						break
					}
				}
				continue
			}
			v2++
			add("elbv2:DescribeLoadBalancerAttributes", 1)
			add("elbv2:DescribeListeners", 1)
			if l.Type == state.LBApplication {
				add("elbv2:DescribeRules", len(l.Listeners))
				add("wafv2:GetWebACLForResource", 1)
			}
		}
		add("elbv2:DescribeLoadBalancers", pages(v2, 400))
		add("elb:DescribeLoadBalancers", pages(classic, 400))
		add("elbv2:DescribeTags", (v2+19)/20)
		add("elb:DescribeTags", (classic+19)/20)

		// DynamoDB, with the auto scaling targets where tables exist.
		tables := 0
		for _, t := range a.DynamoDB.Tables {
			if in(t.Region) {
				tables++
				add("dynamodb:DescribeTable", 1)
				add("dynamodb:DescribeContinuousBackups", 1)
				add("dynamodb:GetResourcePolicy", 1)
				add("dynamodb:ListTagsOfResource", pages(len(t.Tags), 50))
			}
		}
		add("dynamodb:ListTables", pages(tables, 100))
		if tables > 0 {
			scaled := countIf(a.DynamoDB.Tables, func(x state.DynamoDBTable) bool { return in(x.Region) && x.AutoScaling })
			add("application-autoscaling:DescribeScalableTargets", pages(2*scaled, 50)) // read and write targets
		}
		fns := countIf(a.Lambda.Functions, func(x state.LambdaFunction) bool { return in(x.Region) })
		add("lambda:ListFunctions", pages(fns, 50))
		add("lambda:GetPolicy", fns)
		add("lambda:GetRuntimeManagementConfig", fns)
		queues := countIf(a.SQS.Queues, func(x state.Queue) bool { return in(x.Region) })
		add("sqs:ListQueues", pages(queues, 1000))
		add("sqs:GetQueueAttributes", queues)
		secrets := countIf(a.SecretsManager.Secrets, func(x state.Secret) bool { return in(x.Region) })
		add("secretsmanager:ListSecrets", pages(secrets, 100))
		add("secretsmanager:GetResourcePolicy", secrets)
		repos := countIf(a.ECR.Repositories, func(x state.ECRRepository) bool { return in(x.Region) })
		add("ecr:DescribeRepositories", pages(repos, 1000))
		if repos > 0 {
			add("ecr:GetRegistryScanningConfiguration", 1)
		}
		add("ecr:GetLifecyclePolicy", repos)
		add("ecr:GetRepositoryPolicy", repos)
		add("events:ListEventBuses", pages(countIf(a.EventBridge.Buses, func(x state.EventBus) bool { return in(x.Region) }), 100))
		// ECS: clusters listed and described 100 a call; per cluster its
		// services listed 100 and described 10 a call; every active
		// revision listed 100 a page (the fake lists the one before each
		// latest revision too), one DescribeTaskDefinition per family.
		clusters := countIf(a.ECS.Clusters, func(x state.ECSCluster) bool { return in(x.Region) })
		add("ecs:ListClusters", pages(clusters, 100))
		add("ecs:DescribeClusters", clusters/100+min(1, clusters%100))
		for _, k := range a.ECS.Clusters {
			if in(k.Region) {
				svcs := countIf(a.ECS.Services, func(x state.ECSService) bool { return x.ClusterARN == k.ARN })
				add("ecs:ListServices", pages(svcs, 100))
				add("ecs:DescribeServices", (svcs+9)/10)
			}
		}
		revisions, families := 0, 0
		for _, d := range a.ECS.TaskDefinitions {
			if in(d.Region) {
				families++
				revisions += min(d.Revision, 2)
			}
		}
		add("ecs:ListTaskDefinitions", pages(revisions, 100))
		add("ecs:DescribeTaskDefinition", families)
		// EKS: names listed 100 a page, one DescribeCluster each.
		eksClusters := countIf(a.EKS.Clusters, func(x state.EKSCluster) bool { return in(x.Region) })
		add("eks:ListClusters", pages(eksClusters, 100))
		add("eks:DescribeCluster", eksClusters)
		// svc-analytics: SageMaker: three listings of 100 a page, one
		// Describe call per notebook instance, endpoint configuration and model.
		smNotebooks := countIf(a.SageMaker.NotebookInstances, func(x state.SageMakerNotebook) bool { return in(x.Region) })
		smConfigs := countIf(a.SageMaker.EndpointConfigs, func(x state.SageMakerEndpointConfig) bool { return in(x.Region) })
		smModels := countIf(a.SageMaker.Models, func(x state.SageMakerModel) bool { return in(x.Region) })
		add("sagemaker:ListNotebookInstances", pages(smNotebooks, 100))
		add("sagemaker:DescribeNotebookInstance", smNotebooks)
		add("sagemaker:ListEndpointConfigs", pages(smConfigs, 100))
		add("sagemaker:DescribeEndpointConfig", smConfigs)
		add("sagemaker:ListModels", pages(smModels, 100))
		add("sagemaker:DescribeModel", smModels)
		// svc-analytics: EMR: block public access once, active clusters
		// listed 50 a page and each described, security configurations
		// listed 50 a page and each described.
		emrClusters := countIf(a.EMR.Clusters, func(x state.EMRCluster) bool { return in(x.Region) })
		emrConfigs := countIf(a.EMR.SecurityConfigurations, func(x state.EMRSecurityConfiguration) bool { return in(x.Region) })
		add("elasticmapreduce:GetBlockPublicAccessConfiguration", 1)
		add("elasticmapreduce:ListClusters", pages(emrClusters, 50))
		add("elasticmapreduce:DescribeCluster", emrClusters)
		add("elasticmapreduce:ListSecurityConfigurations", pages(emrConfigs, 50))
		add("elasticmapreduce:DescribeSecurityConfiguration", emrConfigs)
		// svc-api: API Gateway: REST APIs and v2 APIs listed 500 a page;
		// per REST API one GetStages (not paginated), per v2 API GetStages
		// and GetRoutes, 500 a page.
		add("apigateway:GetRestApis", pages(countIf(a.APIGateway.RestAPIs, func(x state.RestAPI) bool { return in(x.Region) }), 500))
		add("apigateway:GetStages", countIf(a.APIGateway.RestAPIs, func(x state.RestAPI) bool { return in(x.Region) }))
		add("apigatewayv2:GetApis", pages(countIf(a.APIGateway.APIs, func(x state.APIv2) bool { return in(x.Region) }), 500))
		for _, x := range a.APIGateway.APIs {
			if in(x.Region) {
				add("apigatewayv2:GetStages", pages(len(x.Stages), 500))
				add("apigatewayv2:GetRoutes", pages(len(x.Routes), 500))
			}
		}
		// svc-api: AWS WAF REGIONAL web ACLs listed 100 a page; per web ACL
		// one GetWebACL; one ListLoggingConfigurations where web ACLs exist.
		acls := countIf(a.WAF.WebACLs, func(x state.WebACL) bool { return in(x.Region) && x.Scope == "REGIONAL" })
		add("wafv2:ListWebACLs", pages(acls, 100))
		add("wafv2:GetWebACL", acls)
		if acls > 0 {
			add("wafv2:ListLoggingConfigurations", pages(acls, 100))
		}
		// svc-compute2: Auto Scaling groups and launch configurations,
		// each listed in bulk 100 a page; nothing per item.
		add("autoscaling:DescribeAutoScalingGroups", pages(countIf(a.AutoScaling.Groups, func(x state.AutoScalingGroup) bool { return in(x.Region) }), 100))
		add("autoscaling:DescribeLaunchConfigurations", pages(countIf(a.AutoScaling.LaunchConfigurations, func(x state.LaunchConfiguration) bool { return in(x.Region) }), 100))
		// svc-data: ElastiCache: two bulk listings, 100 a page; nothing per item.
		add("elasticache:DescribeReplicationGroups", pages(countIf(a.ElastiCache.ReplicationGroups, func(x state.CacheReplicationGroup) bool { return in(x.Region) }), 100))
		add("elasticache:DescribeCacheClusters", pages(countIf(a.ElastiCache.Clusters, func(x state.CacheCluster) bool { return in(x.Region) }), 100))
		// svc-stream: Kinesis: names and summaries 100 a page, one
		// DescribeStreamSummary per stream (encryption and retention).
		streams := countIf(a.Kinesis.Streams, func(x state.KinesisStream) bool { return in(x.Region) })
		add("kinesis:ListStreams", pages(streams, 100))
		add("kinesis:DescribeStreamSummary", streams)
		// exposure-gaps: one GetResourcePolicy per stream (who else reads it).
		add("kinesis:GetResourcePolicy", streams)
		// svc-stream: Firehose: names 1,000 a page, one DescribeDeliveryStream each.
		deliveries := countIf(a.Firehose.DeliveryStreams, func(x state.DeliveryStream) bool { return in(x.Region) })
		add("firehose:ListDeliveryStreams", pages(deliveries, 1000))
		add("firehose:DescribeDeliveryStream", deliveries)
		// svc-sec: Inspector: one BatchGetAccountStatus for the account.
		add("inspector2:BatchGetAccountStatus", 1)
		// svc-sec: Macie: the session, and automated discovery where Macie is on.
		add("macie2:GetMacieSession", 1)
		if s, ok := a.Macie.SessionIn(r); ok && s.Status != state.MacieNotEnabled {
			add("macie2:GetAutomatedDiscoveryConfiguration", 1)
		}
		// svc-build: CodeBuild: ListProjects 100 names a page, then
		// BatchGetProjects 100 projects a call (none where there are none).
		projects := countIf(a.CodeBuild.Projects, func(x state.CodeBuildProject) bool { return in(x.Region) })
		add("codebuild:ListProjects", pages(projects, 100))
		if projects > 0 {
			add("codebuild:BatchGetProjects", pages(projects, 100))
		}
		// svc-gaps3: CodeBuild report groups: ListReportGroups 100 ARNs a
		// page, then BatchGetReportGroups 100 a call (none where there are none).
		reportGroups := countIf(a.CodeBuild.ReportGroups, func(x state.CodeBuildReportGroup) bool { return in(x.Region) })
		add("codebuild:ListReportGroups", pages(reportGroups, 100))
		if reportGroups > 0 {
			add("codebuild:BatchGetReportGroups", pages(reportGroups, 100))
		}
		// svc-gaps3: Spot Fleet requests, 1,000 a page with their launch
		// specifications.
		add("ec2:DescribeSpotFleetRequests", pages(countIf(a.EC2.SpotFleetRequests, func(x state.SpotFleetRequest) bool { return in(x.Region) }), 1000))
		// svc-build: DMS: three bulk listings, 100 a page; nothing per item.
		add("dms:DescribeReplicationInstances", pages(countIf(a.DMS.ReplicationInstances, func(x state.DMSReplicationInstance) bool { return in(x.Region) }), 100))
		add("dms:DescribeEndpoints", pages(countIf(a.DMS.Endpoints, func(x state.DMSEndpoint) bool { return in(x.Region) }), 100))
		add("dms:DescribeReplicationTasks", pages(countIf(a.DMS.Tasks, func(x state.DMSTask) bool { return in(x.Region) }), 100))
		// svc-gaps: RDS Proxies, one listing per 100 (RequireTLS in bulk).
		add("rds:DescribeDBProxies", pages(countIf(a.RDS.Proxies, func(x state.DBProxy) bool { return in(x.Region) }), 100))
		// svc-netfw: Network Firewall: firewalls, policies and the account's
		// stateless rule groups listed 100 a page (names and ARNs only), then
		// each described once (a firewall also its logging configuration).
		fws := countIf(a.NetworkFirewall.Firewalls, func(x state.Firewall) bool { return in(x.Region) })
		add("network-firewall:ListFirewalls", pages(fws, 100))
		add("network-firewall:DescribeFirewall", fws)
		add("network-firewall:DescribeLoggingConfiguration", fws)
		fwPolicies := countIf(a.NetworkFirewall.Policies, func(x state.FirewallPolicy) bool { return in(x.Region) })
		add("network-firewall:ListFirewallPolicies", pages(fwPolicies, 100))
		add("network-firewall:DescribeFirewallPolicy", fwPolicies)
		fwGroups := countIf(a.NetworkFirewall.RuleGroups, func(x state.FirewallRuleGroup) bool { return in(x.Region) })
		add("network-firewall:ListRuleGroups", pages(fwGroups, 100))
		add("network-firewall:DescribeRuleGroup", fwGroups)
		// svc-netfw: Transfer Family: servers and connectors listed 1,000 a
		// page, each described once.
		trServers := countIf(a.Transfer.Servers, func(x state.TransferServer) bool { return in(x.Region) })
		add("transfer:ListServers", pages(trServers, 1000))
		add("transfer:DescribeServer", trServers)
		trConnectors := countIf(a.Transfer.Connectors, func(x state.TransferConnector) bool { return in(x.Region) })
		add("transfer:ListConnectors", pages(trConnectors, 1000))
		add("transfer:DescribeConnector", trConnectors)
		// svc-classic: WAF Classic Regional, the same reads without logging.
		wafClassicPlan(add, a, in, state.WAFClassicRegional, "waf-regional")
		// svc-classic: AppSync: ListGraphqlApis 25 a page, GetApiCache per API.
		graphs := countIf(a.AppSync.APIs, func(x state.GraphQLAPI) bool { return in(x.Region) })
		add("appsync:ListGraphqlApis", pages(graphs, 25))
		add("appsync:GetApiCache", graphs)
		// svc-classic: Cognito: both listings 60 a page, one describe per pool.
		ipools := countIf(a.Cognito.IdentityPools, func(x state.IdentityPool) bool { return in(x.Region) })
		upools := countIf(a.Cognito.UserPools, func(x state.UserPool) bool { return in(x.Region) })
		add("cognito-identity:ListIdentityPools", pages(ipools, 60))
		add("cognito-identity:DescribeIdentityPool", ipools)
		add("cognito-idp:ListUserPools", pages(upools, 60))
		add("cognito-idp:DescribeUserPool", upools)
		// svc-search: OpenSearch Service: one ListDomainNames (every domain
		// of both engines), then DescribeDomains five domains a call (none
		// where there are none).
		domains := countIf(a.OpenSearch.Domains, func(x state.OpenSearchDomain) bool { return in(x.Region) })
		add("es:ListDomainNames", 1)
		if domains > 0 {
			add("es:DescribeDomains", pages(domains, 5))
		}
		// svc-msk: MSK clusters and MSK Connect connectors, 100 a page each;
		// nothing per item.
		mskClusters := countIf(a.MSK.Clusters, func(x state.MSKCluster) bool { return in(x.Region) })
		add("kafka:ListClustersV2", pages(mskClusters, 100))
		// exposure-gaps: one GetClusterPolicy per cluster.
		add("kafka:GetClusterPolicy", mskClusters)
		add("kafkaconnect:ListConnectors", pages(countIf(a.MSK.Connectors, func(x state.MSKConnector) bool { return in(x.Region) }), 100))
		// svc-msk: Step Functions: 1,000 a page, one DescribeStateMachine each.
		machines := countIf(a.StepFunctions.StateMachines, func(x state.StateMachine) bool { return in(x.Region) })
		add("states:ListStateMachines", pages(machines, 1000))
		add("states:DescribeStateMachine", machines)
		// svc-msk: Redshift Serverless: two bulk listings, 100 a page.
		add("redshift-serverless:ListWorkgroups", pages(countIf(a.RedshiftServerless.Workgroups, func(x state.ServerlessWorkgroup) bool { return in(x.Region) }), 100))
		add("redshift-serverless:ListNamespaces", pages(countIf(a.RedshiftServerless.Namespaces, func(x state.ServerlessNamespace) bool { return in(x.Region) }), 100))
		// svc-dax: DAX: DescribeClusters, 100 a page, nothing per cluster.
		add("dax:DescribeClusters", pages(countIf(a.DAX.Clusters, func(x state.DAXCluster) bool { return in(x.Region) }), 100))
		// svc-eb: Elastic Beanstalk: 1,000 environments a page, one
		// DescribeConfigurationSettings each.
		envs := countIf(a.ElasticBeanstalk.Environments, func(x state.BeanstalkEnvironment) bool { return in(x.Region) })
		add("elasticbeanstalk:DescribeEnvironments", pages(envs, 1000))
		add("elasticbeanstalk:DescribeConfigurationSettings", envs)
		// svc-glue: Glue: GetJobs 1,000 a page, GetMLTransforms 100 a page,
		// one GetDataCatalogEncryptionSettings per region; nothing per item.
		add("glue:GetJobs", pages(countIf(a.Glue.Jobs, func(x state.GlueJob) bool { return in(x.Region) }), 1000))
		add("glue:GetMLTransforms", pages(countIf(a.Glue.MLTransforms, func(x state.GlueMLTransform) bool { return in(x.Region) }), 100))
		add("glue:GetDataCatalogEncryptionSettings", 1)
		// svc-glue: Athena: 50 workgroups a page, one GetWorkGroup each.
		wgs := countIf(a.Athena.WorkGroups, func(x state.AthenaWorkGroup) bool { return in(x.Region) })
		add("athena:ListWorkGroups", pages(wgs, 50))
		add("athena:GetWorkGroup", wgs)
		// svc-fsx: FSx: DescribeFileSystems, 1,000 a page (the collector's
		// MaxResults), nothing per file system.
		add("fsx:DescribeFileSystems", pages(countIf(a.FSx.FileSystems, func(x state.FSxFileSystem) bool { return in(x.Region) }), 1000))
		// svc-mq: Amazon MQ: 100 brokers a page, one DescribeBroker each.
		mqs := countIf(a.MQ.Brokers, func(x state.MQBroker) bool { return in(x.Region) })
		add("mq:ListBrokers", pages(mqs, 100))
		add("mq:DescribeBroker", mqs)
		// svc-mq: DataSync: 100 tasks a page, one DescribeTask each.
		dts := countIf(a.DataSync.Tasks, func(x state.DataSyncTask) bool { return in(x.Region) })
		add("datasync:ListTasks", pages(dts, 100))
		add("datasync:DescribeTask", dts)
		// svc-connect: Amazon Connect: 10 instances a page, one
		// DescribeInstanceAttribute (CONTACTFLOW_LOGS) each.
		cis := countIf(a.Connect.Instances, func(x state.ConnectInstance) bool { return in(x.Region) })
		add("connect:ListInstances", pages(cis, 10))
		add("connect:DescribeInstanceAttribute", cis)
		// svc-catalog: Service Catalog: 20 portfolios a page, one
		// DescribePortfolioShares (Type ACCOUNT, 100 shares a page) each.
		scps := countIf(a.ServiceCatalog.Portfolios, func(x state.ServiceCatalogPortfolio) bool { return in(x.Region) })
		add("servicecatalog:ListPortfolios", pages(scps, 20))
		for _, x := range a.ServiceCatalog.Portfolios {
			if in(x.Region) {
				add("servicecatalog:DescribePortfolioShares", pages(len(x.AccountShares), 100))
			}
		}
		// svc-s3dir: S3 directory buckets: 1,000 a page, then the policy,
		// default encryption and lifecycle of each.
		dbs := countIf(a.S3Express.Buckets, func(x state.DirectoryBucket) bool { return in(x.Region) })
		add("s3express:ListDirectoryBuckets", pages(dbs, 1000))
		add("s3express:GetBucketPolicy", dbs)
		add("s3express:GetBucketEncryption", dbs)
		add("s3express:GetBucketLifecycleConfiguration", dbs)
		// svc-s3dir: AWS Private CA: 1,000 authorities a page, nothing per CA.
		add("acm-pca:ListCertificateAuthorities", pages(countIf(a.ACMPCA.CertificateAuthorities, func(x state.CertificateAuthority) bool { return in(x.Region) }), 1000))
		fss := countIf(a.EFS.FileSystems, func(x state.FileSystem) bool { return in(x.Region) })
		add("elasticfilesystem:DescribeFileSystems", pages(fss, 100))
		add("elasticfilesystem:DescribeAccessPoints", pages(countIf(a.EFS.AccessPoints, func(x state.EFSAccessPoint) bool { return in(x.Region) }), 100))
		if fss > 0 {
			add("elasticfilesystem:DescribeReplicationConfigurations", 1)
		}
		add("elasticfilesystem:DescribeBackupPolicy", fss)
		add("elasticfilesystem:DescribeFileSystemPolicy", fss)
		add("elasticfilesystem:DescribeMountTargets", fss)

		// AWS Backup.
		vaults, plans := 0, 0
		for _, v := range a.Backup.Vaults {
			if in(v.Region) {
				vaults++
				add("backup:GetBackupVaultAccessPolicy", 1)
				add("backup:ListRecoveryPointsByBackupVault", pages(v.RecoveryPointsCount, 1000))
			}
		}
		for _, pl := range a.Backup.Plans {
			if in(pl.Region) {
				plans++
				add("backup:GetBackupPlan", 1)
				add("backup:ListBackupSelections", pages(len(pl.Selections), 1000))
				add("backup:GetBackupSelection", len(pl.Selections))
			}
		}
		add("backup:ListBackupVaults", pages(vaults, 1000))
		add("backup:ListBackupPlans", pages(plans, 1000))
		add("backup:ListProtectedResources", pages(countIf(a.Backup.ProtectedResources, func(x state.ProtectedResource) bool { return in(x.Region) }), 1000))

		// Monitoring.
		filters := 0
		for _, g := range a.CloudWatchLogs.LogGroups {
			if in(g.Region) {
				filters += len(g.MetricFilters)
			}
		}
		add("logs:DescribeLogGroups", pages(countIf(a.CloudWatchLogs.LogGroups, func(x state.LogGroup) bool { return in(x.Region) }), 50))
		add("logs:DescribeMetricFilters", pages(filters, 50))
		add("cloudwatch:DescribeAlarms", pages(countIf(a.CloudWatch.Alarms, func(x state.MetricAlarm) bool { return in(x.Region) }), 100))
		topics, subs := 0, 0
		for _, t := range a.SNS.Topics {
			if in(t.Region) {
				topics++
				subs += len(t.Subscriptions)
			}
		}
		add("sns:ListTopics", pages(topics, 100))
		add("sns:ListSubscriptions", pages(subs, 100))
		add("sns:GetTopicAttributes", topics)
		add("securityhub:DescribeHub", 1)
		if countIf(a.SecurityHub.Hubs, func(x state.Hub) bool { return in(x.Region) }) > 0 {
			add("securityhub:GetAdministratorAccount", 1)
			add("securityhub:GetEnabledStandards", 1)
			add("securityhub:DescribeOrganizationConfiguration", 1)
		}

		ws := &a.WorkSpaces
		if countIf(ws.Directories, func(x state.WorkspaceDirectory) bool { return in(x.Region) }) > 0 {
			add("ds:DescribeDirectories", 1)
		}
		add("workspaces:DescribeWorkspaces", pages(countIf(ws.Workspaces, func(x state.Workspace) bool { return in(x.Region) }), 25))
		add("workspaces:DescribeWorkspaceDirectories", pages(countIf(ws.Directories, func(x state.WorkspaceDirectory) bool { return in(x.Region) }), 25))
		add("workspaces:DescribeIpGroups", pages(countIf(ws.IPGroups, func(x state.WorkspaceIPGroup) bool { return in(x.Region) }), 25))
		add("workspaces:DescribeWorkspaceImages", pages(countIf(ws.Images, func(x state.WorkspaceImage) bool { return in(x.Region) }), 25))
		bundles := map[string]bool{}
		for _, w := range ws.Workspaces {
			if in(w.Region) && w.BundleID != "" {
				bundles[w.BundleID] = true
			}
		}
		if len(bundles) > 0 {
			add("workspaces:DescribeWorkspaceBundles", pages(len(bundles), 25)) // the bundles in use, by ID
		}

		// Tags of Lambda functions, WorkSpaces resources, SQS queues and ECR
		// repositories, in bulk: only tagged resources are listed, 100 a page.
		tagged := countIf(a.Lambda.Functions, func(x state.LambdaFunction) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			countIf(a.SQS.Queues, func(x state.Queue) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			countIf(a.ECR.Repositories, func(x state.ECRRepository) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			countIf(ws.Workspaces, func(x state.Workspace) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			countIf(ws.Directories, func(x state.WorkspaceDirectory) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			countIf(ws.IPGroups, func(x state.WorkspaceIPGroup) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			countIf(ws.Images, func(x state.WorkspaceImage) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			// svc-data: ElastiCache groups and clusters (Tagging API types
			// elasticache:replicationgroup and elasticache:cluster).
			countIf(a.ElastiCache.ReplicationGroups, func(x state.CacheReplicationGroup) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			countIf(a.ElastiCache.Clusters, func(x state.CacheCluster) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			// svc-stream: Kinesis data streams and Firehose delivery streams
			// (Tagging API types kinesis:stream and firehose).
			countIf(a.Kinesis.Streams, func(x state.KinesisStream) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			countIf(a.Firehose.DeliveryStreams, func(x state.DeliveryStream) bool { return in(x.Region) && len(x.Tags) > 0 }) +
			// svc-search: OpenSearch Service domains (Tagging API type es:domain).
			countIf(a.OpenSearch.Domains, func(x state.OpenSearchDomain) bool { return in(x.Region) && len(x.Tags) > 0 })
		add("tagging:GetResources", pages(tagged, 100))
	}
	return p
}

func countIf[T any](xs []T, f func(T) bool) int {
	n := 0
	for _, x := range xs {
		if f(x) {
			n++
		}
	}
	return n
}

// quotas are the server-side token buckets the fake enforces, from AWS's
// published request-rate quotas (/shared/catalogs/aws_api_quotas.csv and
// the AWS pages it cites). A quota AWS does not publish has no bucket here;
// where AWS publishes no burst, the burst is one second of the rate.
func quotas() []awsfake.Limit {
	l := func(svc, action string, rps float64, burst int) awsfake.Limit {
		return awsfake.Limit{Service: svc, Action: action, Rate: rps, Burst: burst}
	}
	return []awsfake.Limit{
		// EC2: each Describe*/Get* action its own bucket, 20/s refill, 100
		// burst, for paginated calls (the collectors always paginate).
		l("ec2", "", 20, 100),
		{Service: "sts", Shared: true, Rate: 600, Burst: 600},
		l("kms", "DescribeKey", 2000, 2000),
		l("kms", "GetKeyPolicy", 1000, 1000),
		l("kms", "GetKeyRotationStatus", 1000, 1000),
		l("kms", "ListKeys", 500, 500),
		l("kms", "ListAliases", 500, 500),
		l("kms", "ListGrants", 100, 100),
		l("cloudtrail", "DescribeTrails", 10, 10),
		l("cloudtrail", "GetTrailStatus", 10, 10),
		l("cloudtrail", "GetEventSelectors", 10, 10),
		// RDS meters every API call of an account and region together.
		{Service: "rds", Shared: true, Rate: 12, Burst: 300},
		l("elasticloadbalancing", "", 10, 40),
		l("lambda", "GetFunction", 100, 100),
		l("lambda", "", 15, 15),
		l("logs", "DescribeLogGroups", 10, 10),
		l("logs", "DescribeMetricFilters", 5, 5),
		l("monitoring", "DescribeAlarms", 9, 9),
		l("dynamodb", "ListTagsOfResource", 10, 10),
		l("dynamodb", "DescribeContinuousBackups", 10, 10),
		l("dynamodb", "", 2500, 2500),
		l("secretsmanager", "ListSecrets", 100, 100),
		l("secretsmanager", "GetResourcePolicy", 50, 50),
		// EventBridge: every control-plane call of the account and region together.
		{Service: "events", Shared: true, Rate: 50, Burst: 50},
	}
}

// wafClassicPlan adds the WAF Classic reads of one scope (svc-classic):
// ListWebACLs, ListRules and ListRuleGroups 100 a page; GetWebACL,
// GetRule and ListActivatedRulesInRuleGroup once per item; for the global
// scope ListLoggingConfigurations 100 a page where web ACLs exist.
func wafClassicPlan(add func(string, int), a *state.Account, in func(string) bool, scope, svc string) {
	acls := countIf(a.WAFClassic.WebACLs, func(x state.ClassicWebACL) bool { return x.Scope == scope && in(x.Region) })
	rules := countIf(a.WAFClassic.Rules, func(x state.ClassicRule) bool { return x.Scope == scope && in(x.Region) })
	groups := countIf(a.WAFClassic.RuleGroups, func(x state.ClassicRuleGroup) bool { return x.Scope == scope && in(x.Region) })
	add(svc+":ListWebACLs", pages(acls, 100))
	add(svc+":GetWebACL", acls)
	add(svc+":ListRules", pages(rules, 100))
	add(svc+":GetRule", rules)
	add(svc+":ListRuleGroups", pages(groups, 100))
	add(svc+":ListActivatedRulesInRuleGroup", groups)
	if scope == state.WAFClassicGlobal && acls > 0 {
		add(svc+":ListLoggingConfigurations", pages(acls, 100))
	}
}
