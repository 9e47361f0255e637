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
	// apiService is the gap service prefix of the listing calls.
	apiService string
	// global listings are made once per account (region "").
	global bool
	ops    []string
	// also names a second API with the same listing (e.g. classic ELB).
	also string
}

// usageRules has one rule per catalog service (a test enforces it).
func usageRules() map[string]usageRule {
	return map[string]usageRule{
		"ec2": {count: func(a *state.Account) int { return len(a.EC2.Instances) + len(a.EC2.Images) }, apiService: "ec2", ops: []string{"DescribeInstances"}},
		"ebs": {count: func(a *state.Account) int { return len(a.EC2.Volumes) + len(a.EC2.Snapshots) }, apiService: "ec2", ops: []string{"DescribeVolumes", "DescribeSnapshots"}},
		"vpc": {count: func(a *state.Account) int {
			e := &a.EC2
			return len(e.VPCs) + len(e.Subnets) + len(e.SecurityGroups) + len(e.NetworkACLs) + len(e.VPNConnections) + len(e.VPCEndpoints)
		}, apiService: "ec2", ops: []string{"DescribeVpcs", "DescribeSecurityGroups"}},
		"s3":       {count: func(a *state.Account) int { return len(a.S3.Buckets) }, apiService: "s3", global: true, ops: []string{"ListBuckets"}},
		"rds":      {count: func(a *state.Account) int { return len(a.RDS.Instances) + len(a.RDS.Clusters) + len(a.RDS.Snapshots) }, apiService: "rds", ops: []string{"DescribeDBInstances", "DescribeDBClusters"}},
		"redshift": {count: func(a *state.Account) int { return len(a.Redshift.Clusters) }, apiService: "redshift", ops: []string{"DescribeClusters"}},
		"workspaces": {count: func(a *state.Account) int { return len(a.WorkSpaces.Workspaces) + len(a.WorkSpaces.Directories) },
			apiService: "workspaces", ops: []string{"DescribeWorkspaces", "DescribeWorkspaceDirectories"}},
		"elb": {count: func(a *state.Account) int { return len(a.ELB.LoadBalancers) },
			apiService: state.ELBServiceV2, also: state.ELBServiceClassic, ops: []string{"DescribeLoadBalancers"}},
		"dynamodb": {count: func(a *state.Account) int { return len(a.DynamoDB.Tables) }, apiService: "dynamodb", ops: []string{"ListTables"}},
		"efs":      {count: func(a *state.Account) int { return len(a.EFS.FileSystems) }, apiService: "elasticfilesystem", ops: []string{"DescribeFileSystems"}},
		"backup": {count: func(a *state.Account) int { return len(a.Backup.Vaults) + len(a.Backup.Plans) },
			apiService: "backup", ops: []string{"ListBackupVaults", "ListBackupPlans"}},
		"lambda": {count: func(a *state.Account) int { return len(a.Lambda.Functions) }, apiService: "lambda", ops: []string{"ListFunctions"}},
		"kms":    {count: func(a *state.Account) int { return len(a.KMS.Keys) }, apiService: "kms", ops: []string{"ListKeys"}},
		"ssm":    {count: func(a *state.Account) int { return len(a.SSM.ManagedInstances) + len(a.SSM.Documents) }, apiService: "ssm", ops: []string{"DescribeInstanceInformation", "ListDocuments"}},
		// The account-wide services: every account has an identity
		// configuration (at least the root user) and activity to log.
		"iam":         {count: func(a *state.Account) int { return 1 + len(a.IAM.Users) + len(a.IAM.Roles) + len(a.IAM.Groups) }, apiService: "iam", global: true, ops: []string{"GetAccountAuthorizationDetails"}},
		"cloudtrail":  {count: func(a *state.Account) int { return len(a.CloudTrail.Trails) }, apiService: "cloudtrail", ops: []string{"DescribeTrails"}},
		"guardduty":   {count: func(a *state.Account) int { return len(a.GuardDuty.Detectors) }, apiService: "guardduty", ops: []string{"ListDetectors"}},
		"cloudwatch":  {count: func(a *state.Account) int { return len(a.CloudWatch.Alarms) + len(a.CloudWatchLogs.LogGroups) }, apiService: "cloudwatch", ops: []string{"DescribeAlarms"}},
		"securityhub": {count: func(a *state.Account) int { return len(a.SecurityHub.Hubs) }, apiService: "securityhub", ops: []string{"DescribeHub"}},
		"config":      {count: func(a *state.Account) int { return len(a.Config.Recorders) + len(a.Config.DeliveryChannels) }, apiService: "config", ops: []string{"DescribeConfigurationRecorders"}},
		"account": {count: func(a *state.Account) int {
			n := len(a.EnabledRegions())
			if a.Organization != nil {
				n += 1 + len(a.Organization.SCPs)
			}
			return n
		}, apiService: "organizations", global: true, ops: []string{"DescribeOrganization"}},
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
	apis := []string{r.apiService}
	if r.also != "" {
		apis = append(apis, r.also)
	}
	for _, reg := range regions {
		for _, api := range apis {
			if g, found := a.Gaps.FindAny(api, reg, "", r.ops...); found && u.Gap == nil {
				gc := g
				u.Gap = &gc
			}
		}
	}
	return u, true
}
