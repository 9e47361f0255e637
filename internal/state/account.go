// Package state holds shoulder's typed picture of one AWS account: every
// resource the checks read, with its ARN, region and tags, plus the coverage
// gaps that record what could not be read and why.
//
// Every source (live collection, a snapshot file, the embedded demo account)
// fills the same structs; checks read nothing else.
package state

import "time"

// Account is everything shoulder knows about one AWS account.
type Account struct {
	// AccountID is the 12-digit AWS account ID.
	AccountID string `json:"account_id"`
	// Partition is aws, aws-cn or aws-us-gov.
	Partition string `json:"partition"`
	// Alias is the IAM account alias, if any.
	Alias string `json:"alias,omitempty"`
	// Name is a human label (the demo company's name, or the profile).
	Name string `json:"name,omitempty"`
	// CollectedAt is when the state was read.
	CollectedAt time.Time `json:"collected_at"`
	// Source says where the state came from: live, snapshot or demo.
	Source string `json:"source,omitempty"`
	// Regions lists every region known for the partition with whether it is
	// enabled for the account and whether it was scanned.
	Regions []Region `json:"regions"`
	// Organization is the AWS Organizations membership, nil when the
	// account is standalone or membership could not be read (see Gaps).
	Organization *Organization `json:"organization,omitempty"`
	// OrgFacts are the organization-wide facts read from the management
	// (or a delegated-administrator) account and applied to this member
	// (ApplyOrgFacts); nil when none were applied.
	OrgFacts *OrgFacts `json:"org_facts,omitempty"`

	IAM        IAM        `json:"iam"`
	S3         S3         `json:"s3"`
	EC2        EC2        `json:"ec2"`
	KMS        KMS        `json:"kms"`
	CloudTrail CloudTrail `json:"cloudtrail"`
	Config     Config     `json:"config"`
	GuardDuty  GuardDuty  `json:"guardduty"`
	SSM        SSM        `json:"ssm"`
	RDS        RDS        `json:"rds"`
	Redshift   Redshift   `json:"redshift"`
	WorkSpaces WorkSpaces `json:"workspaces"`
	ELB        ELB        `json:"elb"`
	DynamoDB   DynamoDB   `json:"dynamodb"`
	EFS        EFS        `json:"efs"`
	Backup     Backup     `json:"backup"`
	Lambda     Lambda     `json:"lambda"`

	SQS            SQS            `json:"sqs"`
	SecretsManager SecretsManager `json:"secretsmanager"`
	ECR            ECR            `json:"ecr"`
	EventBridge    EventBridge    `json:"eventbridge"`
	ACM            ACM            `json:"acm"`
	CloudFront     CloudFront     `json:"cloudfront"`

	ECS ECS `json:"ecs"`
	EKS EKS `json:"eks"`

	// svc-stream: Kinesis Data Streams
	Kinesis Kinesis `json:"kinesis"`
	// svc-stream: Amazon Data Firehose delivery streams
	Firehose Firehose `json:"firehose"`

	// svc-search: OpenSearch Service domains (both engines)
	OpenSearch OpenSearch `json:"opensearch"`
	// svc-search: Route 53 hosted zones (global)
	Route53 Route53 `json:"route53"`

	// svc-analytics: SageMaker, EMR
	SageMaker SageMaker `json:"sagemaker"`
	EMR       EMR       `json:"emr"`
	// svc-api: API Gateway (REST, HTTP and WebSocket APIs).
	APIGateway APIGateway `json:"apigateway"`
	// svc-api: AWS WAF web ACLs.
	WAF WAF `json:"waf"`
	// svc-compute2: Auto Scaling
	AutoScaling AutoScaling `json:"autoscaling"`
	// svc-data: ElastiCache
	ElastiCache ElastiCache `json:"elasticache"`
	// svc-sec: Inspector, Macie, Network Firewall
	Inspector Inspector `json:"inspector"`
	Macie     Macie     `json:"macie"`
	// svc-netfw: AWS Network Firewall
	NetworkFirewall NetworkFirewall `json:"network_firewall"`
	// svc-netfw: AWS Transfer Family
	Transfer Transfer `json:"transfer"`
	// svc-build: CodeBuild
	CodeBuild CodeBuild `json:"codebuild"`
	// svc-build: Database Migration Service
	DMS DMS `json:"dms"`
	// svc-classic: AWS WAF Classic (global and regional)
	WAFClassic WAFClassic `json:"waf_classic"`
	// svc-classic: AWS AppSync GraphQL APIs
	AppSync AppSync `json:"appsync"`
	// svc-classic: Amazon Cognito identity pools and user pools
	Cognito Cognito `json:"cognito"`
	// svc-msk: Amazon MSK clusters and MSK Connect connectors
	MSK MSK `json:"msk"`
	// svc-msk: AWS Step Functions state machines
	StepFunctions StepFunctions `json:"stepfunctions"`
	// svc-msk: Amazon Redshift Serverless workgroups and namespaces
	RedshiftServerless RedshiftServerless `json:"redshift_serverless"`
	// svc-dax: DynamoDB Accelerator (DAX) clusters
	DAX DAX `json:"dax"`
	// svc-eb: AWS Elastic Beanstalk environments
	ElasticBeanstalk ElasticBeanstalk `json:"elasticbeanstalk"`
	// svc-glue: AWS Glue jobs, ML transforms and Data Catalog encryption
	Glue Glue `json:"glue"`
	// svc-glue: Amazon Athena workgroups
	Athena Athena `json:"athena"`
	// svc-fsx: Amazon FSx file systems (Windows File Server, Lustre,
	// NetApp ONTAP, OpenZFS)
	FSx FSx `json:"fsx"`
	// svc-mq: Amazon MQ brokers
	MQ MQ `json:"mq"`
	// svc-mq: AWS DataSync tasks
	DataSync DataSync `json:"datasync"`
	// svc-connect: Amazon Connect instances
	Connect Connect `json:"connect"`
	// svc-catalog: AWS Service Catalog portfolios and their account shares
	ServiceCatalog ServiceCatalog `json:"servicecatalog"`
	// svc-s3dir: S3 directory buckets (S3 Express One Zone)
	S3Express S3Express `json:"s3express"`
	// svc-s3dir: AWS Private CA certificate authorities
	ACMPCA ACMPCA `json:"acmpca"`

	CloudWatchLogs CloudWatchLogs `json:"cloudwatch_logs"`
	CloudWatch     CloudWatch     `json:"cloudwatch"`
	SNS            SNS            `json:"sns"`
	SecurityHub    SecurityHub    `json:"securityhub"`

	// Gaps records every piece of the state that could not be read.
	Gaps Gaps `json:"gaps"`

	// derived is set on the copy ForEvaluation makes (see Derive).
	derived *derived
}

// Region is one AWS region as seen from the account.
type Region struct {
	Name string `json:"name"`
	// OptInStatus is opt-in-not-required, opted-in or not-opted-in.
	OptInStatus string `json:"opt_in_status,omitempty"`
	// Enabled is true when the account can use the region.
	Enabled bool `json:"enabled"`
	// Scanned is true when shoulder collected the region's resources.
	Scanned bool `json:"scanned"`
}

// Meta is what every resource carries: its ARN, region and tags. Global
// resources (IAM) have an empty region.
type Meta struct {
	ARN    string            `json:"arn"`
	Region string            `json:"region,omitempty"`
	Tags   map[string]string `json:"tags,omitempty"`
}

// Ref returns the resource's identity, so that any struct embedding Meta can
// be handed to a check result.
func (m Meta) Ref() Meta { return m }

// Resource is anything that embeds Meta.
type Resource interface{ Ref() Meta }

// Organization is the account's AWS Organizations membership.
type Organization struct {
	ID              string `json:"id"`
	MasterAccountID string `json:"management_account_id"`
	// IsManagementAccount is true when this account manages the organization.
	IsManagementAccount bool `json:"is_management_account,omitempty"`
	// SCPs are the service control policies visible to the account (only the
	// management account or a delegated administrator can list them).
	SCPs []SCP `json:"scps,omitempty"`
	// Tree is the OU tree with every account, read only by the management
	// or a delegated-administrator account (nil otherwise).
	Tree *OrgTree `json:"tree,omitempty"`
	// DelegatedAdmins are the delegated administrators and the services
	// each administers (management account only).
	DelegatedAdmins []DelegatedAdmin `json:"delegated_admins,omitempty"`
	// TrustedServices are the service principals with trusted access to
	// the organization (ListAWSServiceAccessForOrganization).
	TrustedServices []string `json:"trusted_services,omitempty"`
	// BackupPolicies and TagPolicies are the organization's backup and tag
	// policies with their documents and targets (same shape as SCPs).
	BackupPolicies []SCP `json:"backup_policies,omitempty"`
	TagPolicies    []SCP `json:"tag_policies,omitempty"`
	// IAMFeatures are the centralised root access features enabled for
	// member accounts (iam:ListOrganizationsFeatures):
	// RootCredentialsManagement and RootSessions.
	IAMFeatures []string `json:"iam_features,omitempty"`
	// The regional org-wide settings (GuardDuty and Security Hub
	// organization configuration, Config aggregators) are read by the
	// regional collectors into GuardDuty.OrgConfigs,
	// SecurityHub.OrgConfigs and Config.Aggregators; OrgFacts carries them
	// to the members.
}

// HasIAMFeature reports whether a centralised root access feature is on.
func (o *Organization) HasIAMFeature(name string) bool {
	for _, f := range o.IAMFeatures {
		if f == name {
			return true
		}
	}
	return false
}

// SCP is a service control policy and where it is attached.
type SCP struct {
	Meta
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Document string   `json:"document"`
	Targets  []string `json:"targets,omitempty"`
}

// ScannedRegions returns the names of the regions whose resources were
// collected, in the order they are listed.
func (a *Account) ScannedRegions() []string {
	var out []string
	for _, r := range a.Regions {
		if r.Scanned {
			out = append(out, r.Name)
		}
	}
	return out
}

// EnabledRegions returns the names of the regions enabled for the account.
func (a *Account) EnabledRegions() []string {
	var out []string
	for _, r := range a.Regions {
		if r.Enabled {
			out = append(out, r.Name)
		}
	}
	return out
}

// ARNPrefix returns "arn:<partition>:" for building ARNs.
func (a *Account) ARNPrefix() string {
	p := a.Partition
	if p == "" {
		p = "aws"
	}
	return "arn:" + p + ":"
}

// AccountARN is the pseudo-resource for account-wide settings.
func (a *Account) AccountARN() string {
	return a.ARNPrefix() + "iam::" + a.AccountID + ":root"
}

// RegionARN is the pseudo-resource for a service's settings in one region,
// e.g. arn:aws:ec2:eu-west-1:123456789012:account-settings.
func (a *Account) RegionARN(service, region string) string {
	return a.ARNPrefix() + service + ":" + region + ":" + a.AccountID + ":account-settings"
}
