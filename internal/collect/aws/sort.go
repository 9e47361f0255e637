package aws

import (
	"sort"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// byARN sorts resources by ARN; equal ARNs keep their order.
func byARN[T state.Resource](xs []T) {
	sort.SliceStable(xs, func(i, j int) bool { return xs[i].Ref().ARN < xs[j].Ref().ARN })
}

// sortState orders every list of the account so that two collections of
// the same account compare equal whatever order the workers finished in.
// The credential report keeps AWS's order (root first).
func sortState(a *state.Account) {
	sort.SliceStable(a.Regions, func(i, j int) bool { return a.Regions[i].Name < a.Regions[j].Name })
	if a.Organization != nil {
		byARN(a.Organization.SCPs)
	}
	i := &a.IAM
	byARN(i.Users)
	byARN(i.Groups)
	byARN(i.Roles)
	byARN(i.Policies)
	byARN(i.ServerCertificates)
	byARN(i.AccessAnalyzers)
	byARN(i.SAMLProviders)
	sort.SliceStable(i.VirtualMFADevices, func(x, y int) bool { return i.VirtualMFADevices[x].SerialNumber < i.VirtualMFADevices[y].SerialNumber })
	byARN(a.S3.Buckets)
	byARN(a.S3.AccessPoints)
	byARN(a.S3.MultiRegionAccessPoints)
	e := &a.EC2
	sort.SliceStable(e.RegionSettings, func(x, y int) bool { return e.RegionSettings[x].Region < e.RegionSettings[y].Region })
	byARN(e.Instances)
	byARN(e.SecurityGroups)
	byARN(e.NetworkACLs)
	byARN(e.VPCs)
	byARN(e.Subnets)
	byARN(e.RouteTables)
	byARN(e.FlowLogs)
	byARN(e.Volumes)
	byARN(e.Snapshots)
	sort.Strings(e.PublicSnapshotRegions)
	byARN(e.Images)
	byARN(e.VPNConnections)
	byARN(e.VPCEndpoints)
	byARN(e.TransitGateways)
	byARN(e.LaunchTemplates)
	byARN(e.ClientVPNEndpoints)
	byARN(e.SpotFleetRequests) // svc-gaps3
	byARN(a.KMS.Keys)
	byARN(a.CloudTrail.Trails)
	byARN(a.Config.Recorders)
	byARN(a.Config.DeliveryChannels)
	byARN(a.GuardDuty.Detectors)
	byARN(a.SSM.ManagedInstances)
	byARN(a.SSM.PatchCompliance)
	byARN(a.SSM.Documents)
	byARN(a.SSM.AssociationCompliance)
	sort.SliceStable(a.SSM.RegionSettings, func(x, y int) bool { return a.SSM.RegionSettings[x].Region < a.SSM.RegionSettings[y].Region })
	r := &a.RDS
	byARN(r.Instances)
	byARN(r.Clusters)
	byARN(r.Snapshots)
	byARN(r.ParameterGroups)
	byARN(r.EventSubscriptions)
	byARN(r.Proxies) // svc-gaps
	sort.SliceStable(r.PendingMaintenance, func(x, y int) bool {
		p, q := r.PendingMaintenance[x], r.PendingMaintenance[y]
		if p.ResourceARN != q.ResourceARN {
			return p.ResourceARN < q.ResourceARN
		}
		return p.Action < q.Action
	})
	byARN(a.Redshift.Clusters)
	byARN(a.Redshift.ParameterGroups)
	byARN(a.CloudWatchLogs.LogGroups)
	byARN(a.CloudWatch.Alarms)
	byARN(a.SNS.Topics)
	byARN(a.SecurityHub.Hubs)
	byARN(a.DynamoDB.Tables)
	byARN(a.ELB.LoadBalancers)
	byARN(a.Backup.Vaults)
	byARN(a.Backup.Plans)
	byARN(a.Backup.RecoveryPoints)
	sort.SliceStable(a.Backup.ProtectedResources, func(x, y int) bool {
		return a.Backup.ProtectedResources[x].ResourceARN < a.Backup.ProtectedResources[y].ResourceARN
	})
	byARN(a.Lambda.Functions)
	byARN(a.SQS.Queues)
	byARN(a.ACM.Certificates)
	byARN(a.CloudFront.Distributions)
	byARN(a.APIGateway.RestAPIs) // svc-api
	byARN(a.APIGateway.APIs)     // svc-api
	byARN(a.WAF.WebACLs)         // svc-api
	byARN(a.SecretsManager.Secrets)
	byARN(a.ECR.Repositories)
	byARN(a.ECR.Registries)
	byARN(a.EventBridge.Buses)
	byARN(a.ECS.Clusters)
	byARN(a.ECS.Services)
	byARN(a.ECS.TaskDefinitions)
	byARN(a.EKS.Clusters)
	// svc-analytics
	byARN(a.SageMaker.NotebookInstances)
	byARN(a.SageMaker.EndpointConfigs)
	byARN(a.SageMaker.Models)
	byARN(a.EMR.Clusters)
	byARN(a.EMR.SecurityConfigurations)
	sort.SliceStable(a.EMR.BlockPublicAccess, func(x, y int) bool { return a.EMR.BlockPublicAccess[x].Region < a.EMR.BlockPublicAccess[y].Region })
	byARN(a.AutoScaling.Groups) // svc-compute2
	byARN(a.AutoScaling.LaunchConfigurations)
	// svc-sec: Inspector
	sort.SliceStable(a.Inspector.Accounts, func(x, y int) bool { return a.Inspector.Accounts[x].Region < a.Inspector.Accounts[y].Region })
	sort.SliceStable(a.Macie.Sessions, func(x, y int) bool { return a.Macie.Sessions[x].Region < a.Macie.Sessions[y].Region })
	byARN(a.CodeBuild.Projects)       // svc-build
	byARN(a.CodeBuild.ReportGroups)   // svc-gaps3
	byARN(a.DMS.ReplicationInstances) // svc-build
	byARN(a.DMS.Endpoints)
	byARN(a.DMS.Tasks)
	byARN(a.ElastiCache.ReplicationGroups) // svc-data
	byARN(a.ElastiCache.Clusters)
	byARN(a.Kinesis.Streams) // svc-stream
	byARN(a.Firehose.DeliveryStreams)
	byARN(a.NetworkFirewall.Firewalls) // svc-netfw
	byARN(a.NetworkFirewall.Policies)
	byARN(a.NetworkFirewall.RuleGroups)
	byARN(a.Transfer.Servers)
	byARN(a.Transfer.Connectors)
	byARN(a.WAFClassic.WebACLs) // svc-classic
	byARN(a.WAFClassic.Rules)
	byARN(a.WAFClassic.RuleGroups)
	byARN(a.AppSync.APIs)
	byARN(a.Cognito.IdentityPools)
	byARN(a.Cognito.UserPools)
	byARN(a.OpenSearch.Domains) // svc-search
	byARN(a.Route53.HostedZones)
	byARN(a.MSK.Clusters) // svc-msk
	byARN(a.MSK.Connectors)
	byARN(a.StepFunctions.StateMachines)
	byARN(a.RedshiftServerless.Workgroups)
	byARN(a.RedshiftServerless.Namespaces)
	byARN(a.DAX.Clusters)                  // svc-dax
	byARN(a.ElasticBeanstalk.Environments) // svc-eb
	byARN(a.Glue.Jobs)                     // svc-glue
	byARN(a.S3Express.Buckets)             // svc-s3dir
	byARN(a.ACMPCA.CertificateAuthorities) // svc-s3dir
	byARN(a.Glue.MLTransforms)
	byARN(a.Glue.Catalogs)
	byARN(a.Athena.WorkGroups)
	byARN(a.FSx.FileSystems) // svc-fsx
	byARN(a.MQ.Brokers)      // svc-mq
	byARN(a.DataSync.Tasks)
	byARN(a.Connect.Instances) // svc-connect

	// svc-catalog: AWS Service Catalog portfolios
	byARN(a.ServiceCatalog.Portfolios)

	byARN(a.EFS.FileSystems)
	byARN(a.EFS.AccessPoints)
	sort.SliceStable(a.EFS.MountTargets, func(x, y int) bool { return a.EFS.MountTargets[x].ID < a.EFS.MountTargets[y].ID })
	w := &a.WorkSpaces
	byARN(w.Workspaces)
	byARN(w.Directories)
	byARN(w.IPGroups)
	byARN(w.Images)
}
