package synth

import (
	"fmt"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// more generates region r's load balancers, data stores, backups,
// functions, monitoring and the EC2 network extras, and fills the fields
// the earlier generators leave to it (instance, database and trail details).
func (g *gen) more(r string, per func(string) int, subnets, sgs, vpcs, buckets []string) {
	a := g.a
	sub := func() string { return subnets[g.rng.IntN(len(subnets))] }

	// EC2 details and extras.
	for i := range a.EC2.Instances {
		in := &a.EC2.Instances[i]
		if in.Region != r {
			continue
		}
		in.VirtualizationType = g.pick("hvm", "hvm", "paravirtual")
		if g.coin() {
			v := g.chance(80)
			in.SourceDestCheck = &v
		}
		if in.State == "stopped" {
			in.StateTransitionTime = g.agoPtr(5000)
		}
	}
	for i := range a.EC2.RegionSettings {
		if a.EC2.RegionSettings[i].Region == r {
			a.EC2.RegionSettings[i].VPCBlockPublicAccess = g.pick("off", "block-bidirectional", "block-ingress")
		}
	}
	for k := 0; k < 1+g.rng.IntN(2); k++ {
		id := g.id("tgw-")
		a.EC2.TransitGateways = append(a.EC2.TransitGateways, state.TransitGateway{Meta: state.Meta{ARN: g.arn("ec2", r, "transit-gateway/"+id), Region: r, Tags: g.tags()},
			ID: id, State: g.pick("available", "pending"), AutoAcceptSharedAttachments: g.coin()})
	}
	for k := 0; k < max(1, per("launchtemplate")); k++ {
		id := g.id("lt-")
		t := state.LaunchTemplate{Meta: state.Meta{ARN: g.arn("ec2", r, "launch-template/"+id), Region: r}, ID: id, Name: g.id("template-"),
			DefaultVersion: int64(1 + g.rng.IntN(9)), AssociatePublicIP: g.coin()}
		if g.coin() {
			t.MetadataHTTPTokens, t.MetadataHTTPEndpoint = g.pick("required", "optional"), g.pick("enabled", "disabled")
		}
		a.EC2.LaunchTemplates = append(a.EC2.LaunchTemplates, t)
	}
	if g.coin() {
		id := g.id("cvpn-endpoint-")
		e := state.ClientVPNEndpoint{Meta: state.Meta{ARN: g.arn("ec2", r, "client-vpn-endpoint/"+id), Region: r, Tags: g.tags()}, ID: id, Status: "available",
			AuthenticationTypes: []string{g.pick("certificate-authentication", "directory-service-authentication", "federated-authentication")},
			ConnectionLogging:   g.coin(), SplitTunnel: g.coin(), ClientCIDR: "172.16.0.0/22"}
		for k := g.rng.IntN(3); k > 0; k-- {
			rule := state.ClientVPNAuthRule{DestinationCIDR: g.pick("0.0.0.0/0", g.cidr()), AccessAll: g.coin()}
			if !rule.AccessAll {
				rule.GroupID = g.id("group-")
			}
			e.AuthorizationRules = append(e.AuthorizationRules, rule)
		}
		a.EC2.ClientVPNEndpoints = append(a.EC2.ClientVPNEndpoints, e)
	}

	// Databases: subnets and replicas; Redshift Multi-AZ; trail buckets.
	var dbs []*state.DBInstance
	for i := range a.RDS.Instances {
		if d := &a.RDS.Instances[i]; d.Region == r {
			d.SubnetIDs = []string{sub(), sub()}
			if d.SubnetIDs[0] == d.SubnetIDs[1] {
				d.SubnetIDs = d.SubnetIDs[:1]
			}
			dbs = append(dbs, d)
		}
	}
	for i, d := range dbs {
		if i+1 < len(dbs) && g.chance(10) {
			d.ReadReplicas = append(d.ReadReplicas, dbs[i+1].ARN)
		}
		if g.chance(5) {
			d.ReadReplicas = append(d.ReadReplicas, "arn:aws:rds:us-east-2:"+g.acct+":db:"+g.id("replica-"))
		}
	}
	for i := range a.Redshift.Clusters {
		if c := &a.Redshift.Clusters[i]; c.Region == r {
			c.MultiAZ = g.coin()
		}
	}
	for i := range a.CloudTrail.Trails {
		t := &a.CloudTrail.Trails[i]
		if t.HomeRegion == r && (t.S3DataEventsRead || t.S3DataEventsWrite) && len(buckets) > 0 && g.coin() {
			t.S3DataEventBuckets = []string{"arn:aws:s3:::" + buckets[g.rng.IntN(len(buckets))] + "/"}
		}
	}

	// SSM association compliance and the document sharing setting.
	for _, m := range a.SSM.ManagedInstances {
		if m.Region == r && g.chance(40) {
			ac := state.AssociationCompliance{Meta: state.Meta{ARN: m.ARN, Region: r}, InstanceID: m.InstanceID, Status: g.pick("COMPLIANT", "NON_COMPLIANT")}
			if ac.Status == "NON_COMPLIANT" {
				ac.NonCompliantCount = 1 + g.rng.IntN(3)
			}
			a.SSM.AssociationCompliance = append(a.SSM.AssociationCompliance, ac)
		}
	}
	a.SSM.RegionSettings = append(a.SSM.RegionSettings, state.SSMRegionSettings{Region: r, DocumentPublicSharingBlocked: g.coin()})
	for i := range a.WorkSpaces.Directories {
		if d := &a.WorkSpaces.Directories[i]; d.Region == r && g.chance(70) {
			v := g.coin()
			d.MFAEnabled = &v
		}
	}

	g.loadBalancers(r, per("lb"), subnets, sgs, vpcs, buckets)
	g.dataStores(r, per, sub)
	g.backup(r)
	g.monitoring(r, per)
}

func (g *gen) loadBalancers(r string, n int, subnets, sgs, vpcs, buckets []string) {
	a := g.a
	for k := 0; k < n; k++ {
		typ := g.pick(state.LBApplication, state.LBApplication, state.LBNetwork, state.LBClassic)
		name := g.id("lb-")
		lb := state.LoadBalancer{Meta: state.Meta{Region: r, Tags: g.tags()}, Name: name, Type: typ, Scheme: g.pick("internet-facing", "internal"),
			VPCID: vpcs[g.rng.IntN(len(vpcs))], DNSName: name + "." + r + ".elb.amazonaws.com", AvailabilityZones: []string{r + "a", r + "b"},
			AccessLogs: g.coin(), DeletionProtection: g.coin()}
		if lb.AccessLogs && len(buckets) > 0 {
			lb.AccessLogsBucket = buckets[g.rng.IntN(len(buckets))]
		}
		if typ != state.LBNetwork {
			lb.SecurityGroups = []string{sgs[g.rng.IntN(len(sgs))]}
		}
		https := g.coin()
		switch typ {
		case state.LBClassic:
			lb.ARN = g.arn("elasticloadbalancing", r, "loadbalancer/"+name)
			lb.CrossZone, lb.ConnectionDraining = g.coin(), g.coin()
			if lb.ConnectionDraining {
				lb.ConnectionDrainingTimeout = 300
			}
			lb.DesyncMitigationMode = g.pick("", "defensive", "strictest")
			lb.Listeners = []state.Listener{{Protocol: "HTTP", Port: 80, InstanceProtocol: "HTTP"}}
			if https {
				lb.Listeners = append(lb.Listeners, state.Listener{Protocol: "HTTPS", Port: 443, InstanceProtocol: "HTTP",
					Certificates: []string{"arn:aws:acm:" + r + ":" + g.acct + ":certificate/" + g.id("")}, SSLPolicy: "ELBSecurityPolicy-" + g.id(""),
					ReferenceSecurityPolicy: g.pick("ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-2-2017-01")})
			}
		default:
			kind := map[string]string{state.LBApplication: "app", state.LBNetwork: "net"}[typ]
			lb.ARN = g.arn("elasticloadbalancing", r, "loadbalancer/"+kind+"/"+name+"/"+fmt.Sprintf("%016x", g.rng.Uint64()))
			if typ == state.LBApplication {
				lb.CrossZone, lb.DropInvalidHeaders, lb.DesyncMitigationMode = true, g.coin(), g.pick("defensive", "strictest", "monitor")
				if g.coin() {
					lb.WebACLARN = "arn:aws:wafv2:" + r + ":" + g.acct + ":regional/webacl/" + g.id("acl-") + "/" + g.id("")
				}
				http := state.Listener{Protocol: "HTTP", Port: 80, DefaultActions: []state.ListenerAction{{Type: "forward"}}}
				if g.coin() {
					http.DefaultActions = []state.ListenerAction{{Type: "redirect", RedirectProtocol: "HTTPS"}}
				}
				if g.coin() {
					http.RuleActions = []state.ListenerAction{{Type: "forward"}}
				}
				lb.Listeners = []state.Listener{http}
				if https {
					lb.Listeners = append(lb.Listeners, state.Listener{Protocol: "HTTPS", Port: 443, SSLPolicy: g.pick("ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
						Certificates: []string{"arn:aws:acm:" + r + ":" + g.acct + ":certificate/" + g.id("")}, DefaultActions: []state.ListenerAction{{Type: "forward"}}})
				}
			} else {
				lb.CrossZone = g.coin()
				lb.Listeners = []state.Listener{{Protocol: g.pick("TCP", "TLS"), Port: 443, DefaultActions: []state.ListenerAction{{Type: "forward"}}}}
				if lb.Listeners[0].Protocol == "TLS" {
					lb.Listeners[0].SSLPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
					lb.Listeners[0].Certificates = []string{"arn:aws:acm:" + r + ":" + g.acct + ":certificate/" + g.id("")}
				}
			}
			for j := range lb.Listeners {
				lb.Listeners[j].ARN = lb.ARN + "/listener-" + fmt.Sprint(j)
			}
		}
		a.ELB.LoadBalancers = append(a.ELB.LoadBalancers, lb)
	}
}

func (g *gen) dataStores(r string, per func(string) int, sub func() string) {
	a := g.a
	for k := 0; k < per("table"); k++ {
		name := g.id("table-")
		t := state.DynamoDBTable{Meta: state.Meta{ARN: g.arn("dynamodb", r, "table/"+name), Region: r, Tags: g.tags()}, Name: name, Status: "ACTIVE",
			PITR: g.coin(), DeletionProtection: g.coin(), BillingMode: g.pick("PROVISIONED", "PAY_PER_REQUEST")}
		if t.BillingMode == "PROVISIONED" {
			t.AutoScaling = g.coin()
		}
		if g.coin() {
			t.SSEType, t.KMSKeyARN = "KMS", g.arn("kms", r, "key/"+g.id(""))
		}
		if g.chance(10) {
			t.ReplicaRegions = []string{g.pick("us-east-2", "eu-north-1")}
		}
		if g.chance(20) {
			t.ResourcePolicy = g.policyDoc(`{"AWS":"arn:aws:iam::444455556666:root"}`)
		}
		a.DynamoDB.Tables = append(a.DynamoDB.Tables, t)
	}
	for k := 0; k < per("filesystem"); k++ {
		id := g.id("fs-")
		f := state.FileSystem{Meta: state.Meta{ARN: g.arn("elasticfilesystem", r, "file-system/"+id), Region: r, Tags: g.tags()}, ID: id,
			Name: g.pick("", "shared-data"), LifeCycleState: "available", Encrypted: g.coin(), BackupPolicy: g.pick("", "ENABLED", "DISABLED")}
		if f.Encrypted {
			f.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		if g.chance(30) {
			f.Policy = g.policyDoc(`"*"`)
		}
		if g.chance(15) {
			f.ReplicationDestinations = []string{g.pick("us-east-2", "eu-north-1")}
		}
		a.EFS.FileSystems = append(a.EFS.FileSystems, f)
		for m := 1 + g.rng.IntN(2); m > 0; m-- {
			a.EFS.MountTargets = append(a.EFS.MountTargets, state.EFSMountTarget{ID: g.id("fsmt-"), Region: r, FileSystemID: id, SubnetID: sub(),
				IPAddress: fmt.Sprintf("10.%d.%d.%d", g.rng.IntN(256), g.rng.IntN(256), 1+g.rng.IntN(250))})
		}
		if g.coin() {
			apID := g.id("fsap-")
			ap := state.EFSAccessPoint{Meta: state.Meta{ARN: g.arn("elasticfilesystem", r, "access-point/"+apID), Region: r, Tags: g.tags()}, ID: apID,
				FileSystemID: id, RootDirectory: g.pick("", "/", "/data")}
			if g.coin() {
				ap.PosixUser = &state.PosixUser{UID: int64(g.rng.IntN(2000)), GID: int64(g.rng.IntN(2000))}
			}
			a.EFS.AccessPoints = append(a.EFS.AccessPoints, ap)
		}
	}
	for k := 0; k < per("function"); k++ {
		name := g.id("fn-")
		f := state.LambdaFunction{Meta: state.Meta{ARN: g.arn("lambda", r, "function:"+name), Region: r, Tags: g.tags()}, Name: name,
			Runtime: g.pick("python3.12", "nodejs20.x", "python3.8", "go1.x"), PackageType: "Zip", RuntimeUpdateMode: g.pick("Auto", "FunctionUpdate", "Manual")}
		if g.chance(20) {
			f.Runtime, f.PackageType = "", "Image"
		}
		if g.chance(30) {
			f.Policy = g.policyDoc(g.pick(`{"Service":"s3.amazonaws.com"}`, `"*"`))
		}
		if g.coin() {
			f.SubnetIDs = []string{sub()}
		}
		if g.coin() {
			f.KMSKeyARN = g.arn("kms", r, "key/"+g.id(""))
		}
		// Last updated 0 to 196 days ago, drawn from no random number so
		// that no other generated value changes.
		updated := Epoch.AddDate(0, 0, -(k*29)%197)
		f.LastModified = &updated
		a.Lambda.Functions = append(a.Lambda.Functions, f)
	}
}

func (g *gen) backup(r string) {
	a := g.a
	if g.chance(20) {
		return // AWS Backup not used in this region
	}
	vault := "vault-" + r
	v := state.BackupVault{Meta: state.Meta{ARN: g.arn("backup", r, "backup-vault:"+vault), Region: r}, Name: vault, Type: "BACKUP_VAULT",
		EncryptionKeyARN: g.arn("kms", r, "key/"+g.id("")), Locked: g.coin()}
	if v.Locked {
		v.LockDate, v.MinRetentionDays, v.MaxRetentionDays = g.agoPtr(5000), 7, 365
	}
	if g.coin() {
		v.Policy = g.policyDoc(`"*"`)
	}
	var sources []string
	for _, b := range a.RDS.Instances {
		if b.Region == r {
			sources = append(sources, b.ARN)
		}
	}
	for k := 0; k < len(sources) && k < 5; k++ {
		if g.coin() {
			continue
		}
		v.RecoveryPointsCount++
		a.Backup.RecoveryPoints = append(a.Backup.RecoveryPoints, state.RecoveryPoint{Meta: state.Meta{ARN: g.arn("backup", r, "recovery-point:"+g.id("rp-")), Region: r},
			VaultName: vault, ResourceARN: sources[k], ResourceType: "RDS", Encrypted: g.coin(), EncryptionKeyARN: v.EncryptionKeyARN, CreationDate: g.ago(500), Status: "COMPLETED"})
		a.Backup.ProtectedResources = append(a.Backup.ProtectedResources, state.ProtectedResource{ResourceARN: sources[k], ResourceType: "RDS", Region: r, LastBackupTime: g.ago(100)})
	}
	a.Backup.Vaults = append(a.Backup.Vaults, v)
	id := fmt.Sprintf("%08x-%04x-4000-8000-%012x", g.rng.Uint32(), g.rng.IntN(1<<16), g.rng.Uint64()&0xffffffffffff)
	plan := state.BackupPlan{Meta: state.Meta{ARN: g.arn("backup", r, "backup-plan:"+id), Region: r}, ID: id, Name: "daily-" + r,
		Rules: []state.BackupRule{{Name: "daily", TargetVault: vault, Schedule: "cron(0 5 ? * * *)", DeleteAfterDays: 35, ContinuousBackup: g.coin()}}}
	if g.coin() {
		plan.Rules[0].MoveToColdAfterDays = 30
		plan.Rules[0].DeleteAfterDays = 365
	}
	if g.coin() {
		plan.Rules[0].CopyActions = []state.CopyAction{{DestinationVaultARN: "arn:aws:backup:us-east-2:" + g.acct + ":backup-vault:dr", DeleteAfterDays: 90}}
	}
	sel := state.BackupSelection{Name: "tagged", IAMRoleARN: "arn:aws:iam::" + g.acct + ":role/service-role/AWSBackupDefaultServiceRole"}
	if g.coin() {
		sel.Tags = []state.TagCondition{{Key: "backup", Value: "daily"}}
	} else {
		sel.Resources = []string{"arn:aws:rds:" + r + ":" + g.acct + ":db:*"}
		if g.coin() {
			sel.NotResources = []string{"arn:aws:rds:" + r + ":" + g.acct + ":db:scratch-*"}
		}
	}
	plan.Selections = []state.BackupSelection{sel}
	a.Backup.Plans = append(a.Backup.Plans, plan)
}

func (g *gen) monitoring(r string, per func(string) int) {
	a := g.a
	var topics []string
	for k := 0; k < 1+g.rng.IntN(3); k++ {
		name := g.id("topic-")
		t := state.Topic{Meta: state.Meta{ARN: g.arn("sns", r, name), Region: r}, Name: name}
		if g.coin() {
			t.Policy = g.policyDoc(`"*"`)
		}
		if g.coin() {
			t.KMSKeyID = g.pick("alias/aws/sns", g.arn("kms", r, "key/"+g.id("")))
		}
		for s := g.rng.IntN(3); s > 0; s-- {
			sub := state.Subscription{ARN: t.ARN + ":" + g.id(""), Protocol: g.pick("email", "https", "sqs"), Endpoint: g.pick("sec@example.com", "https://hooks.example.com/x")}
			if g.chance(20) {
				sub.ARN, sub.PendingConfirmation = "PendingConfirmation", true
			}
			t.Subscriptions = append(t.Subscriptions, sub)
		}
		a.SNS.Topics = append(a.SNS.Topics, t)
		topics = append(topics, t.ARN)
	}
	for k := 0; k < max(1, per("loggroup")); k++ {
		name := g.pick("/aws/lambda/", "/ecs/", "trail-") + g.id("")
		lg := state.LogGroup{Meta: state.Meta{ARN: g.arn("logs", r, "log-group:"+name), Region: r}, Name: name, RetentionDays: g.pick2(0, 7, 30, 365)}
		if g.coin() {
			lg.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		if k == 0 {
			for _, m := range []string{"UnauthorizedAPICalls", "RootAccountUsage", "IAMPolicyChanges"} {
				if g.coin() {
					lg.MetricFilters = append(lg.MetricFilters, state.MetricFilter{Name: m, Pattern: `{ ($.errorCode = "*UnauthorizedOperation") }`,
						Metrics: []state.MetricTransformation{{Name: m, Namespace: "CISBenchmark", Value: "1"}}})
				}
			}
		}
		a.CloudWatchLogs.LogGroups = append(a.CloudWatchLogs.LogGroups, lg)
	}
	for _, lg := range a.CloudWatchLogs.LogGroups {
		if lg.Region != r {
			continue
		}
		for _, f := range lg.MetricFilters {
			if !g.coin() {
				continue
			}
			name := f.Name + "-alarm"
			al := state.MetricAlarm{Meta: state.Meta{ARN: g.arn("cloudwatch", r, "alarm:"+name), Region: r}, Name: name, MetricName: f.Name,
				Namespace: "CISBenchmark", Statistic: "Sum", ComparisonOperator: "GreaterThanOrEqualToThreshold", Threshold: 1, EvaluationPeriods: 1,
				ActionsEnabled: g.coin(), State: g.pick("OK", "ALARM", "INSUFFICIENT_DATA")}
			if len(topics) > 0 {
				al.AlarmActions = []string{topics[0]}
			}
			a.CloudWatch.Alarms = append(a.CloudWatch.Alarms, al)
		}
	}
	if g.chance(60) {
		h := state.Hub{Meta: state.Meta{ARN: g.arn("securityhub", r, "hub/default"), Region: r}}
		t := Epoch.Add(-time.Duration(1+g.rng.IntN(5000)) * time.Hour)
		h.SubscribedAt = &t
		if g.coin() {
			h.AdministratorAccountID = "999988887777"
		}
		h.Standards = []string{"arn:aws:securityhub:" + r + "::standards/aws-foundational-security-best-practices/v/1.0.0"}
		if g.coin() {
			h.Standards = append(h.Standards, "arn:aws:securityhub:"+r+"::standards/cis-aws-foundations-benchmark/v/3.0.0")
		}
		a.SecurityHub.Hubs = append(a.SecurityHub.Hubs, h)
		a.SecurityHub.OrgConfigs = append(a.SecurityHub.OrgConfigs, state.SecurityHubOrgConfig{Region: r, AutoEnable: h.AdministratorAccountID == "",
			ConfigurationType: []string{"LOCAL", "CENTRAL"}[len(h.Standards)-1]})
	}
}
