// Package synth generates large, random but valid account states for
// benchmarks and property tests. The same seed gives the same account.
//
// Every field the live collectors read gets random values, with the
// cross-references AWS guarantees kept intact (an instance's volumes and
// AMI exist, a credential-report row matches its user's keys and MFA, a
// cluster's members are instances of the cluster, ...), so that serving a
// generated account from the fake endpoint and collecting it back must
// give the same account.
package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// Options size a generated account.
type Options struct {
	Seed    uint64
	Regions []string
	// Resources is the approximate total number of resources (see Count).
	Resources int
	// AccountID is the account generated (default AccountID): its ARNs,
	// owners and organization membership name it.
	AccountID string
}

// Epoch is the generated accounts' collection time.
var Epoch = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// AccountID is the generated accounts' ID.
const AccountID = "123456789012"

// DisabledRegion is listed in every generated account as not opted in.
const DisabledRegion = "af-south-1"

// Shares of Resources per kind, in percent: mostly instances, volumes,
// snapshots and security groups (as in real large accounts), then buckets,
// IAM, keys and databases, then the rest of the estate.
var shares = []struct {
	kind string
	pct  float64
}{
	{"instance", 22}, {"volume", 22}, {"snapshot", 20}, {"sg", 9}, {"bucket", 4}, {"user", 3.5}, {"key", 2},
	{"db", 2}, {"managed", 3}, {"subnet", 2}, {"routetable", 1}, {"nacl", 1}, {"image", 1}, {"role", 1},
	{"dbsnapshot", 1}, {"workspace", 1}, {"policy", 0.5}, {"vpc", 0.5}, {"flowlog", 0.5}, {"endpoint", 0.5},
	{"group", 0.3}, {"cluster", 0.25}, {"redshift", 0.25}, {"document", 0.25}, {"vpn", 0.15}, {"es", 0.1},
	{"lb", 0.3}, {"table", 0.3}, {"function", 0.3}, {"loggroup", 0.3}, {"filesystem", 0.1}, {"launchtemplate", 0.2},
	{"queue", 0.3}, {"secret", 0.3}, {"repository", 0.15},
	{"ecscluster", 0.02}, {"ecsservice", 0.1}, {"taskdef", 0.15}, {"ekscluster", 0.01},
	{"certificate", 0.2}, {"distribution", 0.05},
	// svc-analytics: SageMaker, EMR
	{"smnotebook", 0.01}, {"smendpointconfig", 0.02}, {"smmodel", 0.03},
	{"emrcluster", 0.005}, {"emrsecurityconfig", 0.005},
	{"restapi", 0.05}, {"apiv2", 0.04}, {"webacl", 0.02}, // svc-api
	{"asg", 0.15}, {"launchconfig", 0.05}, // svc-compute2
	// svc-data: ElastiCache replication groups and standalone Memcached clusters.
	{"cachegroup", 0.05}, {"memcached", 0.02},
	// svc-data: DocumentDB and Neptune clusters (RDS API).
	{"docdb", 0.02}, {"neptune", 0.01},
	{"stream", 0.03},           // svc-stream: Kinesis data streams
	{"deliverystream", 0.02},   // svc-stream: Firehose delivery streams
	{"cbproject", 0.03},        // svc-build: CodeBuild projects
	{"dmsinstance", 0.01},      // svc-build: DMS replication instances (two endpoints and a task each)
	{"dbproxy", 0.01},          // svc-gaps: RDS Proxies
	{"firewall", 0.01},         // svc-netfw: Network Firewall firewalls (a policy each, up to two stateless rule groups)
	{"transferserver", 0.01},   // svc-netfw: Transfer Family servers (about one connector each)
	{"classicacl", 0.005},      // svc-classic: AWS WAF Classic web ACLs (with their rules and rule groups)
	{"graphqlapi", 0.01},       // svc-classic: AppSync GraphQL APIs
	{"cognitopool", 0.01},      // svc-classic: Cognito identity pools and user pools (one of each)
	{"osdomain", 0.02},         // svc-search: OpenSearch Service domains (both engines)
	{"hostedzone", 0.02},       // svc-search: Route 53 hosted zones (global)
	{"mskcluster", 0.01},       // svc-msk: MSK clusters
	{"mskconnector", 0.01},     // svc-msk: MSK Connect connectors
	{"statemachine", 0.05},     // svc-msk: Step Functions state machines
	{"rssnamespace", 0.01},     // svc-msk: Redshift Serverless namespaces (one workgroup each)
	{"daxcluster", 0.01},       // svc-dax: DynamoDB Accelerator clusters
	{"beanstalkenv", 0.02},     // svc-eb: Elastic Beanstalk environments
	{"gluejob", 0.05},          // svc-glue: Glue jobs (and each region's Data Catalog settings)
	{"gluetransform", 0.005},   // svc-glue: Glue ML transforms
	{"athenawg", 0.01},         // svc-glue: Athena workgroups
	{"fsxfilesystem", 0.01},    // svc-fsx: FSx file systems of the four types
	{"mqbroker", 0.01},         // svc-mq: Amazon MQ brokers
	{"datasynctask", 0.01},     // svc-mq: DataSync tasks
	{"cbreportgroup", 0.01},    // svc-gaps3: CodeBuild report groups
	{"spotfleet", 0.005},       // svc-gaps3: EC2 Spot Fleet requests
	{"directorybucket", 0.01},  // svc-s3dir: S3 directory buckets
	{"pcahierarchy", 0.005},    // svc-s3dir: AWS Private CA hierarchies (a root and a subordinate each)
	{"connectinstance", 0.005}, // svc-connect: Amazon Connect instances
	// svc-catalog: AWS Service Catalog portfolios
	{"portfolio", 0.01},
}

func count(n int, kind string) int {
	for _, s := range shares {
		if s.kind == kind {
			return int(float64(n) * s.pct / 100)
		}
	}
	return 0
}

// gen carries the generator's state.
type gen struct {
	rng     *rand.Rand
	a       *state.Account
	regions []string
	n       int
	ctr     int
	acct    string
}

func (g *gen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }
func (g *gen) coin() bool               { return g.rng.IntN(2) == 0 }
func (g *gen) chance(pct int) bool      { return g.rng.IntN(100) < pct }

// ago is a whole-hour time before Epoch (the credential report carries
// seconds only; hours survive every wire format).
func (g *gen) ago(maxHours int) time.Time {
	return Epoch.Add(-time.Duration(1+g.rng.IntN(maxHours)) * time.Hour)
}

func (g *gen) agoPtr(maxHours int) *time.Time {
	t := g.ago(maxHours)
	return &t
}

func (g *gen) id(prefix string) string {
	g.ctr++
	return fmt.Sprintf("%s%012x", prefix, g.ctr)
}

func (g *gen) arn(svc, region, res string) string {
	return "arn:aws:" + svc + ":" + region + ":" + g.acct + ":" + res
}

func (g *gen) tags() map[string]string {
	if g.chance(40) {
		return nil
	}
	m := map[string]string{"Name": g.id("name-")}
	if g.chance(30) {
		m["data-classification"] = g.pick("public", "internal", "confidential", "restricted")
	}
	if g.chance(30) {
		m["owner"] = g.pick("platform", "data", "web", "finance")
	}
	return m
}

func (g *gen) accounts(max int) []string {
	var out []string
	for i := g.rng.IntN(max + 1); i > 0; i-- {
		out = append(out, fmt.Sprintf("%012d", 100000000000+g.rng.IntN(899999999999)))
	}
	sort.Strings(out)
	return out
}

func (g *gen) cidr() string {
	return fmt.Sprintf("%d.%d.%d.0/24", 10+g.rng.IntN(200), g.rng.IntN(256), g.rng.IntN(256))
}

func (g *gen) policyDoc(principal string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"%s","Principal":%s,"Action":"%s","Resource":"*"}]}`,
		g.pick("Allow", "Deny"), principal, g.pick("s3:GetObject", "kms:Decrypt", "sts:AssumeRole", "*"))
}

// Account generates an account of about o.Resources resources spread over
// o.Regions (four by default), plus one region that is not enabled.
func Account(o Options) *state.Account {
	if len(o.Regions) == 0 {
		o.Regions = []string{"eu-west-1", "eu-central-1", "us-east-1", "us-west-2"}
	}
	if o.AccountID == "" {
		o.AccountID = AccountID
	}
	g := &gen{rng: rand.New(rand.NewPCG(o.Seed, 0x5b0)), regions: o.Regions, n: o.Resources, acct: o.AccountID}
	g.a = &state.Account{AccountID: g.acct, Partition: "aws", CollectedAt: Epoch, Source: "synthetic", Name: fmt.Sprintf("synthetic-%d", o.Resources)}
	a := g.a
	for _, r := range o.Regions {
		a.Regions = append(a.Regions, state.Region{Name: r, Enabled: true, Scanned: true, OptInStatus: "opt-in-not-required"})
	}
	a.Regions = append(a.Regions, state.Region{Name: DisabledRegion, OptInStatus: "not-opted-in"})
	if g.coin() {
		a.Alias = fmt.Sprintf("synthetic-%d", o.Seed)
	}
	g.organization()
	g.iam()
	g.s3()
	for i, r := range o.Regions {
		g.region(i, r)
	}
	// Last, so that adding access points changed no other generated value.
	g.s3AccessPoints()
	g.s3MultiRegionAccessPoints()
	g.auroraCopies()
	g.analyzerFindings()
	// Last too: queues, secrets, repositories and buses change no value
	// generated before them.
	for _, r := range o.Regions {
		g.messaging(r)
	}
	// Last again: ECS changes nothing generated before it.
	for _, r := range o.Regions {
		g.ecs(r)
		g.eks(r)
	}
	// After them, for the same reason: certificates.
	for _, r := range o.Regions {
		g.acm(r)
	}
	g.cloudFront()
	// svc-analytics: after everything else, so no earlier value changes.
	for _, r := range o.Regions {
		g.sageMaker(r)
	}
	for _, r := range o.Regions {
		g.emr(r)
	}
	// svc-api: last, so API Gateway changes no value generated before it.
	for _, r := range o.Regions {
		g.apiGateway(r)
	}
	// svc-api: after API Gateway, for the same reason: web ACLs.
	for _, r := range o.Regions {
		g.waf(r, false)
	}
	g.waf("us-east-1", true)
	// svc-compute2, last: Auto Scaling changes nothing generated before it.
	for _, r := range o.Regions {
		g.autoScaling(r)
	}
	// svc-data: ElastiCache, last so no earlier value changes.
	for _, r := range o.Regions {
		g.elastiCache(r)
	}
	// svc-data: DocumentDB and Neptune, after ElastiCache for the same reason.
	for _, r := range o.Regions {
		g.docdbNeptune(r)
	}
	// svc-stream: Kinesis, last so no earlier value changes.
	for _, r := range o.Regions {
		g.kinesis(r)
	}
	// svc-stream: Firehose, after Kinesis (it reads the region's streams).
	for _, r := range o.Regions {
		g.firehose(r)
	}
	// svc-sec: Inspector and Macie, last so no earlier value changes.
	for _, r := range o.Regions {
		g.inspector(r)
	}
	for _, r := range o.Regions {
		g.macie(r)
	}
	// svc-build: CodeBuild, last so no earlier value changes.
	for _, r := range o.Regions {
		g.codeBuild(r)
	}
	// svc-build: DMS, after CodeBuild for the same reason.
	for _, r := range o.Regions {
		g.dms(r)
	}
	// svc-gaps: RDS Proxies, last so no earlier value changes.
	for _, r := range o.Regions {
		g.rdsMore(r)
	}
	for _, r := range o.Regions {
		g.ec2More(r)
	}
	// svc-netfw: Network Firewall, last so no earlier value changes.
	for _, r := range o.Regions {
		g.networkFirewall(r)
	}
	// svc-netfw: Transfer Family, after Network Firewall for the same reason.
	for _, r := range o.Regions {
		g.transfer(r)
	}
	// svc-classic: WAF Classic, last so no earlier value changes.
	for _, r := range o.Regions {
		g.wafClassic(r, false)
	}
	g.wafClassic("us-east-1", true)
	// svc-classic: AppSync, after WAF Classic for the same reason.
	for _, r := range o.Regions {
		g.appSync(r)
	}
	// svc-classic: Cognito, after AppSync for the same reason.
	for _, r := range o.Regions {
		g.cognito(r)
	}
	// svc-search: OpenSearch Service domains, last so no earlier value
	// changes.
	for _, r := range o.Regions {
		g.openSearch(r)
	}
	// svc-search: Route 53 hosted zones (global), after OpenSearch.
	g.route53()
	// svc-msk: MSK, after DMS for the same reason.
	for _, r := range o.Regions {
		g.msk(r)
	}
	// svc-msk: Step Functions, after MSK for the same reason.
	for _, r := range o.Regions {
		g.stepFunctions(r)
	}
	// svc-msk: Redshift Serverless, after Step Functions for the same reason.
	for _, r := range o.Regions {
		g.redshiftServerless(r)
	}
	// svc-dax: DAX clusters, after Redshift Serverless for the same reason.
	for _, r := range o.Regions {
		g.dax(r)
	}
	// svc-eb: Elastic Beanstalk, after DAX for the same reason.
	for _, r := range o.Regions {
		g.elasticBeanstalk(r)
	}
	// svc-glue: Glue, last so no earlier value changes.
	for _, r := range o.Regions {
		g.glue(r)
	}
	// svc-glue: Athena, after Glue for the same reason.
	for _, r := range o.Regions {
		g.athena(r)
	}
	// svc-fsx: FSx, after Athena for the same reason.
	for _, r := range o.Regions {
		g.fsx(r)
	}
	// svc-mq: Amazon MQ, after Athena for the same reason.
	for _, r := range o.Regions {
		g.mq(r)
	}
	// svc-mq: DataSync, after Amazon MQ for the same reason.
	for _, r := range o.Regions {
		g.dataSync(r)
	}
	// exposure-gaps: resource policies now read, last so no earlier
	// value changes.
	g.resourcePolicies()
	// svc-gaps3: origin groups, report groups, Spot Fleets, last so no
	// earlier value changes.
	g.gaps3(o.Regions)
	// svc-s3dir: S3 directory buckets, after Athena for the same reason.
	for _, r := range o.Regions {
		g.s3Express(r)
	}
	// svc-s3dir: AWS Private CA, after the directory buckets for the same reason.
	for _, r := range o.Regions {
		g.acmPCA(r)
	}
	// svc-connect: Amazon Connect, last so no earlier value changes.
	g.connect(o.Regions)
	// svc-last: SSM.6, ServiceCatalog.1, last so no earlier value changes.
	g.svcLast()
	// svc-catalog: AWS Service Catalog, last so no earlier value changes.
	g.serviceCatalog(o.Regions)
	return a
}

// analyzerFindings gives each active external-access analyzer the findings
// AWS would report for the region's EBS and RDS snapshots shared outside
// the account (plus one archived finding, which is not evidence). It draws
// no random numbers.
func (g *gen) analyzerFindings() {
	a := g.a
	for _, an := range a.IAM.AccessAnalyzers {
		if !an.External() || an.Status != "ACTIVE" {
			continue
		}
		n := 0
		add := func(res, typ, status string) {
			n++
			a.IAM.AnalyzerFindings = append(a.IAM.AnalyzerFindings, state.AnalyzerFinding{ID: fmt.Sprintf("%s-f%04d", an.Region, n), Analyzer: an.ARN,
				Region: an.Region, Resource: res, ResourceType: typ, Status: status})
		}
		for _, s := range a.EC2.Snapshots {
			if s.Region == an.Region && len(s.SharedWith) > 0 {
				add("arn:aws:ec2:"+s.Region+":"+g.acct+":snapshot/"+s.ID, "AWS::EC2::Snapshot", "ACTIVE")
			}
		}
		for _, s := range a.RDS.Snapshots {
			if s.Region == an.Region && len(s.SharedWith) > 0 {
				typ := "AWS::RDS::DBSnapshot"
				if s.Cluster {
					typ = "AWS::RDS::DBClusterSnapshot"
				}
				add(s.ARN, typ, "ACTIVE")
			}
		}
		add("arn:aws:s3:::archived-"+an.Region, "AWS::S3::Bucket", "ARCHIVED")
	}
}

// auroraCopies makes the first Aurora cluster of each region a member of
// one global database spanning those regions, and gives the second one a
// source cluster and a replica cluster in regions outside the scan. It
// draws no random numbers, so no other generated value changes.
func (g *gen) auroraCopies() {
	cs := g.a.RDS.Clusters
	first, seen := []int{}, map[string]int{}
	for i, c := range cs {
		seen[c.Region]++
		switch seen[c.Region] {
		case 1:
			first = append(first, i)
		case 2:
			cs[i].ReplicationSource = "arn:aws:rds:ap-southeast-2:" + g.acct + ":cluster:source-" + c.ID
			cs[i].ReadReplicas = []string{"arn:aws:rds:sa-east-1:" + g.acct + ":cluster:replica-" + c.ID}
		}
	}
	if len(first) < 2 {
		return
	}
	for _, i := range first {
		cs[i].GlobalClusterID = "global-synth"
		for _, j := range first {
			if j != i {
				cs[i].GlobalClusterRegions = append(cs[i].GlobalClusterRegions, cs[j].Region)
			}
		}
		sort.Strings(cs[i].GlobalClusterRegions)
	}
}

// s3MultiRegionAccessPoints gives the account a few Multi-Region Access
// Points (one per 200 buckets, at most 100: AWS's limit), each over two
// random buckets, with random Block Public Access.
func (g *gen) s3MultiRegionAccessPoints() {
	a := g.a
	bks := a.S3.Buckets
	if len(bks) == 0 {
		return
	}
	n := min(1+len(bks)/200, 100)
	for i := range n {
		alias := fmt.Sprintf("mrap%09x.mrap", i)
		m := state.S3MultiRegionAccessPoint{Meta: state.Meta{ARN: g.arn("s3", "", "accesspoint/"+alias)}, Name: fmt.Sprintf("mrap-%04d", i),
			Alias: alias, Status: "READY",
			PublicAccessBlock: &state.PublicAccessBlock{BlockPublicAcls: g.chance(80), IgnorePublicAcls: g.chance(80), BlockPublicPolicy: g.chance(80), RestrictPublicBuckets: g.chance(80)}}
		for range 2 {
			bk := bks[g.rng.IntN(len(bks))]
			m.Regions = append(m.Regions, state.S3MultiRegionAccessPointRegion{Bucket: bk.Name, Region: bk.Region})
		}
		a.S3.MultiRegionAccessPoints = append(a.S3.MultiRegionAccessPoints, m)
	}
}

// s3AccessPoints gives about a quarter of the buckets an access point in
// the bucket's region, Internet or VPC, with random Block Public Access.
func (g *gen) s3AccessPoints() {
	a := g.a
	vpcs := map[string][]string{}
	for _, v := range a.EC2.VPCs {
		vpcs[v.Region] = append(vpcs[v.Region], v.ID)
	}
	for i, bk := range a.S3.Buckets {
		if !g.chance(25) {
			continue
		}
		name := fmt.Sprintf("ap-%06x", i)
		ap := state.S3AccessPoint{Meta: state.Meta{ARN: g.arn("s3", bk.Region, "accesspoint/"+name), Region: bk.Region}, Name: name, Bucket: bk.Name,
			BucketAccountID: g.acct, NetworkOrigin: "Internet",
			PublicAccessBlock: &state.PublicAccessBlock{BlockPublicAcls: g.chance(80), IgnorePublicAcls: g.chance(80), BlockPublicPolicy: g.chance(80), RestrictPublicBuckets: g.chance(80)}}
		if vs := vpcs[bk.Region]; len(vs) > 0 && g.coin() {
			ap.NetworkOrigin, ap.VPCID = "VPC", vs[g.rng.IntN(len(vs))]
		}
		a.S3.AccessPoints = append(a.S3.AccessPoints, ap)
	}
}

func (g *gen) organization() {
	if g.chance(25) {
		return // standalone account
	}
	o := &state.Organization{ID: "o-" + fmt.Sprintf("%010x", g.rng.Uint64()&0xffffffffff), MasterAccountID: "999988887777"}
	if g.coin() {
		o.MasterAccountID, o.IsManagementAccount = g.acct, true
	}
	for i := g.rng.IntN(4); i > 0; i-- {
		id := g.id("p-")
		o.SCPs = append(o.SCPs, state.SCP{Meta: state.Meta{ARN: "arn:aws:organizations::" + o.MasterAccountID + ":policy/" + o.ID + "/service_control_policy/" + id},
			ID: id, Name: g.id("scp-"), Document: g.policyDoc(`"*"`), Targets: []string{g.pick("r-root", "ou-abcd-1234", g.acct)}})
	}
	// The org-wide facts are derived from what was drawn (not drawn), so
	// the rest of the account stays what earlier seeds gave.
	o.TrustedServices = []string{state.PrincipalGuardDuty, "cloudtrail.amazonaws.com"}
	o.DelegatedAdmins = []state.DelegatedAdmin{{AccountID: "222233334444", Name: "security", ServicePrincipals: []string{state.PrincipalGuardDuty, state.PrincipalSecurityHub}}}
	if o.IsManagementAccount {
		o.IAMFeatures = []string{state.OrgFeatureRootCredentials, state.OrgFeatureRootSessions}
	}
	for i, s := range o.SCPs {
		kind, list := "backup_policy", &o.BackupPolicies
		if i%2 == 1 {
			kind, list = "tag_policy", &o.TagPolicies
		}
		id := "p-" + kind[:3] + s.ID[2:]
		*list = append(*list, state.SCP{Meta: state.Meta{ARN: "arn:aws:organizations::" + o.MasterAccountID + ":policy/" + o.ID + "/" + kind + "/" + id},
			ID: id, Name: kind + "-" + s.Name, Document: `{"plans":{}}`, Targets: s.Targets})
	}
	g.a.Organization = o
}

func (g *gen) iam() {
	ia := &g.a.IAM
	ia.Summary = map[string]int{"AccountMFAEnabled": g.rng.IntN(2), "AccountAccessKeysPresent": g.rng.IntN(2), "Users": count(g.n, "user"), "Roles": count(g.n, "role")}
	if g.chance(80) {
		ia.PasswordPolicy = &state.PasswordPolicy{MinimumPasswordLength: 6 + g.rng.IntN(20), RequireSymbols: g.coin(), RequireNumbers: g.coin(),
			RequireUppercaseCharacters: g.coin(), RequireLowercaseCharacters: g.coin(), AllowUsersToChangePassword: g.coin(), ExpirePasswords: g.coin(),
			MaxPasswordAge: g.rng.IntN(120), PasswordReusePrevention: g.rng.IntN(24), HardExpiry: g.coin()}
	}
	set := g.coin()
	ia.SecurityContactSet = &set
	ia.CredentialReportGeneratedAt = Epoch.Add(-time.Hour)
	root := state.CredentialReportRow{User: state.RootUserName, ARN: "arn:aws:iam::" + g.acct + ":root", UserCreationTime: g.agoPtr(40000),
		PasswordLastUsed: g.agoPtr(2000), MFAActive: g.coin(), AccessKey1Active: g.chance(20)}
	if root.AccessKey1Active {
		root.AccessKey1LastRotated, root.AccessKey1LastUsed = g.agoPtr(20000), g.agoPtr(500)
	}
	ia.CredentialReport = append(ia.CredentialReport, root)

	var managed []state.AttachedPolicy
	for i := 0; i < max(1, count(g.n, "policy")); i++ {
		name := fmt.Sprintf("policy-%05d", i)
		p := state.Policy{Meta: state.Meta{ARN: "arn:aws:iam::" + g.acct + ":policy/" + name}, Name: name, ID: g.id("ANPA"), Path: "/",
			AttachmentCount: g.rng.IntN(5), DefaultVersionID: fmt.Sprintf("v%d", 1+g.rng.IntN(4)), Document: g.policyDoc(`"*"`), CreateDate: g.ago(30000)}
		p.UpdateDate = p.CreateDate.Add(time.Duration(g.rng.IntN(1000)) * time.Hour)
		if i%7 == 6 {
			p.ARN, p.AWSManaged, p.Path = "arn:aws:iam::aws:policy/"+name, true, "/"
		}
		ia.Policies = append(ia.Policies, p)
		managed = append(managed, state.AttachedPolicy{Name: name, ARN: p.ARN})
	}
	attach := func() []state.AttachedPolicy {
		var out []state.AttachedPolicy
		for i := g.rng.IntN(3); i > 0; i-- {
			out = append(out, managed[g.rng.IntN(len(managed))])
		}
		return dedupAttached(out)
	}
	inline := func() []state.InlinePolicy {
		if !g.chance(30) {
			return nil
		}
		return []state.InlinePolicy{{Name: g.id("inline-"), Document: g.policyDoc(`"*"`)}}
	}
	var groups []string
	for i := 0; i < max(1, count(g.n, "group")); i++ {
		name := fmt.Sprintf("group-%04d", i)
		groups = append(groups, name)
		ia.Groups = append(ia.Groups, state.Group{Meta: state.Meta{ARN: "arn:aws:iam::" + g.acct + ":group/" + name}, Name: name, Path: "/",
			CreateDate: g.ago(30000), AttachedPolicies: attach(), InlinePolicies: inline()})
	}
	for i := 0; i < count(g.n, "user"); i++ {
		name := fmt.Sprintf("user-%06d", i)
		u := state.User{Meta: state.Meta{ARN: "arn:aws:iam::" + g.acct + ":user/" + name, Tags: g.tags()}, Name: name, ID: g.id("AIDA"), Path: "/",
			CreateDate: g.ago(30000), AttachedPolicies: attach(), InlinePolicies: inline()}
		if g.coin() {
			u.Groups = []string{groups[g.rng.IntN(len(groups))]}
		}
		if g.chance(10) {
			u.PermissionsBoundary = managed[0].ARN
		}
		row := state.CredentialReportRow{User: name, ARN: u.ARN, UserCreationTime: &u.CreateDate, PasswordEnabled: g.chance(60)}
		if row.PasswordEnabled {
			row.PasswordLastChanged = g.agoPtr(5000)
			if g.coin() {
				row.PasswordLastUsed = g.agoPtr(2000)
			}
		}
		// Keys: key 1 is the older one, as in the credential report.
		created := u.CreateDate
		for k := g.rng.IntN(3); k > 0; k-- {
			created = created.Add(time.Duration(1+g.rng.IntN(5000)) * time.Hour)
			key := state.AccessKey{ID: g.id("AKIA"), Status: g.pick("Active", "Active", "Inactive"), CreateDate: created}
			if g.coin() {
				key.LastUsed = g.agoPtr(1000)
			}
			u.AccessKeys = append(u.AccessKeys, key)
		}
		for k, key := range u.AccessKeys {
			c := key.CreateDate
			if k == 0 {
				row.AccessKey1Active, row.AccessKey1LastRotated, row.AccessKey1LastUsed = key.Status == "Active", &c, key.LastUsed
			} else {
				row.AccessKey2Active, row.AccessKey2LastRotated, row.AccessKey2LastUsed = key.Status == "Active", &c, key.LastUsed
			}
		}
		switch g.rng.IntN(4) {
		case 0: // a virtual device
			serial := "arn:aws:iam::" + g.acct + ":mfa/" + name
			u.MFADevices = []string{serial}
			ia.VirtualMFADevices = append(ia.VirtualMFADevices, state.MFADevice{SerialNumber: serial, User: name, UserARN: u.ARN, EnableDate: g.agoPtr(5000)})
		case 1: // a hardware device, listed only by ListMFADevices
			u.MFADevices = []string{fmt.Sprintf("GAHT%08d", g.rng.IntN(1e8))}
		}
		row.MFAActive = len(u.MFADevices) > 0
		ia.Users = append(ia.Users, u)
		ia.CredentialReport = append(ia.CredentialReport, row)
	}
	if g.coin() {
		ia.VirtualMFADevices = append(ia.VirtualMFADevices, state.MFADevice{SerialNumber: "arn:aws:iam::" + g.acct + ":mfa/unassigned-" + g.id("")})
	}
	for i := 0; i < max(1, count(g.n, "role")); i++ {
		name := fmt.Sprintf("role-%05d", i)
		r := state.Role{Meta: state.Meta{ARN: "arn:aws:iam::" + g.acct + ":role/" + name, Tags: g.tags()}, Name: name, Path: "/",
			CreateDate: g.ago(30000), AssumeRolePolicyDocument: g.policyDoc(`{"AWS":"arn:aws:iam::` + g.pick(g.acct, "444455556666") + `:root"}`),
			AttachedPolicies: attach(), InlinePolicies: inline(), MaxSessionDuration: []int{3600, 3600, 7200, 14400, 43200}[g.rng.IntN(5)]}
		if g.coin() {
			r.LastUsed = g.agoPtr(3000)
		}
		if i%9 == 8 {
			r.Path, r.ServiceLinked = "/aws-service-role/", true
			r.ARN = "arn:aws:iam::" + g.acct + ":role/aws-service-role/" + name
		}
		if g.chance(10) {
			r.PermissionsBoundary = managed[0].ARN
		}
		ia.Roles = append(ia.Roles, r)
	}
	for i := g.rng.IntN(3); i > 0; i-- {
		name := g.id("cert-")
		ia.ServerCertificates = append(ia.ServerCertificates, state.ServerCert{Meta: state.Meta{ARN: "arn:aws:iam::" + g.acct + ":server-certificate/" + name},
			Name: name, Expiration: Epoch.Add(time.Duration(g.rng.IntN(20000)-10000) * time.Hour)})
	}
	for i := g.rng.IntN(3); i > 0; i-- {
		sp := state.SAMLProvider{Meta: state.Meta{ARN: "arn:aws:iam::" + g.acct + ":saml-provider/" + g.id("idp-")}}
		if g.coin() {
			sp.ValidUntil = g.agoPtr(10000)
		}
		ia.SAMLProviders = append(ia.SAMLProviders, sp)
	}
}

func dedupAttached(xs []state.AttachedPolicy) []state.AttachedPolicy {
	seen := map[string]bool{}
	var out []state.AttachedPolicy
	for _, x := range xs {
		if !seen[x.ARN] {
			seen[x.ARN] = true
			out = append(out, x)
		}
	}
	return out
}

func (g *gen) pab() *state.PublicAccessBlock {
	if g.chance(30) {
		return nil
	}
	return &state.PublicAccessBlock{BlockPublicAcls: g.coin(), IgnorePublicAcls: g.coin(), BlockPublicPolicy: g.coin(), RestrictPublicBuckets: g.coin()}
}

func (g *gen) s3() {
	s := &g.a.S3
	s.AccountPublicAccessBlock = g.pab()
	owner := fmt.Sprintf("%016x%016x", g.rng.Uint64(), g.rng.Uint64())
	var names []string
	for i := 0; i < count(g.n, "bucket"); i++ {
		names = append(names, fmt.Sprintf("bucket-%08x", i))
	}
	for i, name := range names {
		r := g.regions[i%len(g.regions)]
		b := state.Bucket{Meta: state.Meta{ARN: "arn:aws:s3:::" + name, Region: r, Tags: g.tags()}, Name: name, CreationDate: g.ago(40000), OwnerID: owner,
			PublicAccessBlock: g.pab(), Versioning: g.pick("", "Enabled", "Suspended")}
		public := false
		if g.chance(40) {
			b.Policy = g.policyDoc(g.pick(`"*"`, `{"AWS":"arn:aws:iam::444455556666:root"}`))
			public = g.chance(20)
		}
		b.PolicyIsPublic = &public
		b.ObjectOwnership = g.pick("", "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter")
		if b.ObjectOwnership != "BucketOwnerEnforced" && g.coin() {
			b.ACLGrants = []state.ACLGrant{{GranteeType: "CanonicalUser", GranteeID: owner, Permission: "FULL_CONTROL"}}
			if g.chance(30) {
				b.ACLGrants = append(b.ACLGrants, state.ACLGrant{GranteeType: "Group", GranteeURI: g.pick(state.AllUsersURI, state.AuthenticatedUsersURI, state.LogDeliveryURI), Permission: g.pick("READ", "WRITE", "READ_ACP")})
			}
		}
		switch g.rng.IntN(4) {
		case 1:
			b.Encryption = &state.BucketEncryption{Algorithm: "AES256"}
		case 2:
			b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: g.arn("kms", r, "key/"+g.id("")), BucketKeyEnabled: g.coin()}
		case 3:
			b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms:dsse", KMSKeyID: g.arn("kms", r, "key/"+g.id(""))}
		}
		if b.Versioning != "" {
			b.MFADelete = g.chance(10)
		}
		if g.chance(15) {
			b.ObjectLock = &state.ObjectLock{Enabled: true}
			if g.coin() {
				b.ObjectLock.Mode = g.pick("GOVERNANCE", "COMPLIANCE")
				if g.coin() {
					b.ObjectLock.Days = 1 + g.rng.IntN(365)
				} else {
					b.ObjectLock.Years = 1 + g.rng.IntN(10)
				}
			}
		}
		if g.chance(40) {
			b.Logging = &state.BucketLogging{TargetBucket: names[g.rng.IntN(len(names))], TargetPrefix: g.pick("", "logs/", name+"/")}
		}
		for k := g.rng.IntN(3); k > 0; k-- {
			lr := state.LifecycleRule{ID: g.id("rule-"), Enabled: g.coin(), ExpirationDays: g.rng.IntN(400), NoncurrentExpDays: g.rng.IntN(90), AbortIncompleteDays: g.rng.IntN(10)}
			if g.coin() {
				lr.TransitionDays, lr.TransitionClass = 1+g.rng.IntN(90), g.pick("GLACIER", "STANDARD_IA", "DEEP_ARCHIVE")
			}
			b.LifecycleRules = append(b.LifecycleRules, lr)
		}
		if b.Versioning == "Enabled" && g.chance(20) {
			rr := state.ReplicationRule{ID: g.id("repl-"), Enabled: g.coin(), DestinationBucket: "arn:aws:s3:::" + names[g.rng.IntN(len(names))]}
			if g.coin() {
				rr.DestinationAccount = "444455556666"
			}
			if g.coin() {
				rr.ReplicaKMSKeyID = g.arn("kms", r, "key/"+g.id(""))
			}
			b.Replication = []state.ReplicationRule{rr}
		}
		b.EventNotifications = g.chance(20)
		b.Website = g.chance(5)
		s.Buckets = append(s.Buckets, b)
	}
}

// region generates everything regional for region r (the i-th region).
func (g *gen) region(i int, r string) {
	a := g.a
	per := func(kind string) int { // this region's share
		n := count(g.n, kind)
		k := n / len(g.regions)
		if i < n%len(g.regions) {
			k++
		}
		return k
	}
	a.EC2.RegionSettings = append(a.EC2.RegionSettings, state.EC2RegionSettings{Region: r, EBSEncryptionByDefault: g.coin(),
		EBSDefaultKMSKeyID: g.pick("alias/aws/ebs", g.arn("kms", r, "key/"+g.id(""))), SnapshotBlockPublicAccess: g.pick("block-all-sharing", "block-new-sharing", "unblocked"),
		ImageBlockPublicAccess: g.pick("block-new-sharing", "unblocked"), IMDSDefaultHTTPTokens: g.pick("", "required", "optional")})
	a.EC2.PublicSnapshotRegions = append(a.EC2.PublicSnapshotRegions, r)

	// Network.
	var vpcs, subnets, sgs []string
	for k := 0; k < max(1, per("vpc")); k++ {
		id := g.id("vpc-")
		vpcs = append(vpcs, id)
		a.EC2.VPCs = append(a.EC2.VPCs, state.VPC{Meta: state.Meta{ARN: g.arn("ec2", r, "vpc/"+id), Region: r, Tags: g.tags()}, ID: id, CIDR: g.cidr(), IsDefault: k == 0, State: "available"})
	}
	vpc := func() string { return vpcs[g.rng.IntN(len(vpcs))] }
	for k := 0; k < max(1, per("subnet")); k++ {
		id := g.id("subnet-")
		subnets = append(subnets, id)
		a.EC2.Subnets = append(a.EC2.Subnets, state.Subnet{Meta: state.Meta{ARN: g.arn("ec2", r, "subnet/"+id), Region: r, Tags: g.tags()}, ID: id, VPCID: vpc(),
			CIDR: g.cidr(), AvailabilityZone: r + g.pick("a", "b", "c"), MapPublicIPOnLaunch: g.coin(), DefaultForAZ: g.chance(10)})
	}
	for k := 0; k < max(1, per("sg")); k++ {
		id := g.id("sg-")
		sgs = append(sgs, id)
	}
	// Managed prefix lists: AWS's S3 list (entries not read) and customer
	// lists of either family, some of whose entries together cover the
	// whole address space.
	pls := []string{}
	addPL := func(l state.PrefixList) {
		l.ARN, l.Region = "arn:aws:ec2:"+r+":"+l.OwnerID+":prefix-list/"+l.ID, r
		a.EC2.PrefixLists = append(a.EC2.PrefixLists, l)
		pls = append(pls, l.ID)
	}
	addPL(state.PrefixList{ID: g.id("pl-"), Name: "com.amazonaws." + r + ".s3", OwnerID: state.AWSPrefixListOwner, AddressFamily: "IPv4"})
	for k := 0; k < max(1, per("sg")/20); k++ {
		l := state.PrefixList{ID: g.id("pl-"), Name: g.id("pl-name-"), OwnerID: g.acct, AddressFamily: "IPv4"}
		l.Tags = g.tags()
		switch g.rng.IntN(4) {
		case 0:
			l.Entries = []string{"0.0.0.0/1", "128.0.0.0/1"}
		case 1:
			l.AddressFamily, l.Entries = "IPv6", []string{g.pick("::/1", "2001:db8::/32"), "8000::/1"}
		default:
			for e := g.rng.IntN(4); e > 0; e-- {
				l.Entries = append(l.Entries, g.cidr())
			}
		}
		addPL(l)
	}
	rule := func() state.SGRule {
		rr := state.SGRule{Protocol: g.pick("tcp", "udp", "-1", "icmp")}
		switch rr.Protocol {
		case "-1":
			rr.FromPort, rr.ToPort = -1, -1
		case "icmp":
			rr.FromPort, rr.ToPort = 8, -1
		default:
			rr.FromPort = g.pick2(22, 80, 443, 3389, 5432, 0)
			rr.ToPort = rr.FromPort + g.rng.IntN(2)*g.rng.IntN(100)
		}
		switch g.rng.IntN(5) {
		case 0:
			rr.SourceGroups = []string{sgs[g.rng.IntN(len(sgs))]}
		case 1:
			rr.IPv6 = []string{g.pick("::/0", "2001:db8::/32")}
		case 2:
			rr.PrefixLists = []string{pls[g.rng.IntN(len(pls))]}
		default:
			rr.CIDRs = []string{g.pick("0.0.0.0/0", g.cidr())}
			if g.coin() {
				rr.CIDRs = append(rr.CIDRs, g.cidr())
			}
		}
		if g.coin() {
			rr.Description = g.pick("web", "admin", "db access")
		}
		return rr
	}
	for _, id := range sgs {
		sg := state.SecurityGroup{Meta: state.Meta{ARN: g.arn("ec2", r, "security-group/"+id), Region: r, Tags: g.tags()}, ID: id, Name: g.id("sg-name-"),
			Description: g.pick("", "managed", "web tier"), VPCID: vpc(), AttachedENIs: g.rng.IntN(4)}
		if g.chance(5) {
			sg.Name = "default"
		}
		for k := g.rng.IntN(4); k > 0; k-- {
			sg.Ingress = append(sg.Ingress, rule())
		}
		for k := g.rng.IntN(2) + 1; k > 0; k-- {
			sg.Egress = append(sg.Egress, rule())
		}
		a.EC2.SecurityGroups = append(a.EC2.SecurityGroups, sg)
	}
	for k := 0; k < max(1, per("nacl")); k++ {
		id := g.id("acl-")
		n := state.NetworkACL{Meta: state.Meta{ARN: g.arn("ec2", r, "network-acl/"+id), Region: r, Tags: g.tags()}, ID: id, VPCID: vpc(), IsDefault: k == 0}
		for e := g.rng.IntN(5); e > 0; e-- {
			en := state.ACLEntry{RuleNumber: 100 * e, Egress: g.coin(), Protocol: g.pick("-1", "6", "17"), Action: g.pick("allow", "deny")}
			if g.chance(20) {
				en.IPv6CIDR = "::/0"
			} else {
				en.CIDR = g.pick("0.0.0.0/0", g.cidr())
			}
			if en.Protocol != "-1" {
				en.FromPort = g.pick2(22, 80, 443, 1024)
				en.ToPort = en.FromPort + g.rng.IntN(100)
			}
			n.Entries = append(n.Entries, en)
		}
		if g.coin() {
			n.SubnetIDs = []string{subnets[g.rng.IntN(len(subnets))]}
		}
		a.EC2.NetworkACLs = append(a.EC2.NetworkACLs, n)
	}
	for k := 0; k < max(1, per("routetable")); k++ {
		id := g.id("rtb-")
		t := state.RouteTable{Meta: state.Meta{ARN: g.arn("ec2", r, "route-table/"+id), Region: r, Tags: g.tags()}, ID: id, VPCID: vpc(), Main: g.chance(30),
			Routes: []state.Route{{Destination: "10.0.0.0/16", Target: "local"}}}
		for e := g.rng.IntN(3); e > 0; e-- {
			t.Routes = append(t.Routes, state.Route{Destination: g.pick("0.0.0.0/0", "::/0", g.cidr(), "pl-"+fmt.Sprint(g.rng.IntN(1000))),
				Target: g.pick("igw-", "nat-", "pcx-", "tgw-", "vgw-", "vpce-", "eni-", "eigw-") + fmt.Sprintf("%08x", g.rng.IntN(1<<30))})
		}
		if g.coin() {
			t.SubnetIDs = []string{subnets[g.rng.IntN(len(subnets))]}
		}
		a.EC2.RouteTables = append(a.EC2.RouteTables, t)
	}
	for k := 0; k < per("flowlog"); k++ {
		id := g.id("fl-")
		a.EC2.FlowLogs = append(a.EC2.FlowLogs, state.FlowLog{Meta: state.Meta{ARN: g.arn("ec2", r, "vpc-flow-log/"+id), Region: r, Tags: g.tags()}, ID: id,
			ResourceID: vpc(), TrafficType: g.pick("ALL", "ACCEPT", "REJECT"), Status: "ACTIVE", DestType: g.pick("s3", "cloud-watch-logs"),
			Destination: "arn:aws:s3:::flow-logs-" + r})
	}
	for k := 0; k < per("endpoint"); k++ {
		id := g.id("vpce-")
		e := state.VPCEndpoint{Meta: state.Meta{ARN: g.arn("ec2", r, "vpc-endpoint/"+id), Region: r, Tags: g.tags()}, ID: id, VPCID: vpc(),
			ServiceName: "com.amazonaws." + r + "." + g.pick("s3", "dynamodb", "kms", "ssm"), Type: g.pick("Gateway", "Interface")}
		if g.coin() {
			e.Policy = g.policyDoc(`"*"`)
		}
		a.EC2.VPCEndpoints = append(a.EC2.VPCEndpoints, e)
	}
	for k := 0; k < per("vpn"); k++ {
		id := g.id("vpn-")
		v := state.VPNConnection{Meta: state.Meta{ARN: g.arn("ec2", r, "vpn-connection/"+id), Region: r, Tags: g.tags()}, ID: id,
			State: g.pick("available", "pending"), Type: "ipsec.1", CustomerGatewayID: g.id("cgw-")}
		if g.coin() {
			v.VPNGatewayID = g.id("vgw-")
		} else {
			v.TransitGatewayID = g.id("tgw-")
		}
		for t := 0; t < 2; t++ {
			tu := state.VPNTunnel{OutsideIP: fmt.Sprintf("3.%d.%d.%d", g.rng.IntN(256), g.rng.IntN(256), 10+t), Status: g.pick("UP", "DOWN"), LoggingEnabled: g.coin()}
			if tu.Status == "DOWN" {
				tu.StatusMessage = "IPSEC IS DOWN"
			}
			if g.coin() {
				tu.IKEVersions = []string{g.pick("ikev1", "ikev2")}
				tu.Phase1Encryption, tu.Phase2Encryption = []string{g.pick("AES128", "AES256", "AES256-GCM-16")}, []string{g.pick("AES128", "AES256")}
				tu.Phase1Integrity, tu.Phase2Integrity = []string{g.pick("SHA1", "SHA2-256")}, []string{g.pick("SHA1", "SHA2-384")}
				tu.Phase1DHGroups, tu.Phase2DHGroups = []int{g.pick2(2, 14, 20)}, []int{g.pick2(2, 14, 21)}
			}
			v.Tunnels = append(v.Tunnels, tu)
		}
		a.EC2.VPNConnections = append(a.EC2.VPNConnections, v)
	}

	// Compute and storage.
	var ownedImages []string
	for k := 0; k < max(1, per("image")); k++ {
		id := g.id("ami-")
		ownedImages = append(ownedImages, id)
		im := state.Image{Meta: state.Meta{ARN: "arn:aws:ec2:" + r + "::image/" + id, Region: r, Tags: g.tags()}, ID: id, Name: g.id("image-"), OwnerID: g.acct,
			CreationDate: g.ago(20000), Public: g.chance(5), EncryptedSnapshots: g.coin(), State: g.pick("available", "pending")}
		if g.chance(20) {
			im.DeprecationTime = g.agoPtr(1000)
		}
		if g.chance(20) {
			im.SharedWith = g.accounts(2)
			// The region's first AMI is also shared with an organization
			// and one of its units (launch permissions take either ARN).
			if k == 0 {
				im.SharedWith = append(im.SharedWith, "arn:aws:organizations::999988887777:organization/o-5y17h0rg01",
					"arn:aws:organizations::999988887777:ou/o-5y17h0rg01/ou-ab12-5y17h0rg")
			}
		}
		a.EC2.Images = append(a.EC2.Images, im)
	}
	foreign := g.id("ami-")
	usedForeign := false
	nInst := per("instance")
	var instanceIDs []string
	for k := 0; k < nInst; k++ {
		iid, vid := g.id("i-"), g.id("vol-")
		instanceIDs = append(instanceIDs, iid)
		img := ownedImages[g.rng.IntN(len(ownedImages))]
		if g.chance(30) {
			img, usedForeign = foreign, true
		}
		in := state.Instance{Meta: state.Meta{ARN: g.arn("ec2", r, "instance/"+iid), Region: r, Tags: g.tags()}, ID: iid,
			State: g.pick("running", "running", "stopped", "pending"), Type: g.pick("t3.micro", "m6i.large", "c7g.xlarge"), ImageID: img,
			LaunchTime: g.ago(10000), VPCID: vpc(), SubnetID: subnets[g.rng.IntN(len(subnets))], PrivateIP: fmt.Sprintf("10.%d.%d.%d", g.rng.IntN(256), g.rng.IntN(256), 1+g.rng.IntN(250)),
			SecurityGroups: []string{sgs[g.rng.IntN(len(sgs))]}, MetadataHTTPTokens: g.pick("required", "optional"), MetadataHTTPEndpoint: g.pick("enabled", "disabled"),
			MetadataHopLimit: 1 + g.rng.IntN(3), KeyName: g.pick("", "ops-key"), Platform: g.pick("", "", "windows"), VolumeIDs: []string{vid},
			MonitoringEnabled: g.coin(), ENICount: 1 + g.rng.IntN(2)}
		if g.chance(30) {
			in.PublicIP = fmt.Sprintf("54.%d.%d.%d", g.rng.IntN(256), g.rng.IntN(256), g.rng.IntN(256))
		}
		if g.coin() {
			in.InstanceProfileARN = "arn:aws:iam::" + g.acct + ":instance-profile/" + g.id("profile-")
		}
		a.EC2.Instances = append(a.EC2.Instances, in)
		a.EC2.Volumes = append(a.EC2.Volumes, g.volume(r, vid, iid))
	}
	if usedForeign {
		a.EC2.Images = append(a.EC2.Images, state.Image{Meta: state.Meta{ARN: "arn:aws:ec2:" + r + "::image/" + foreign, Region: r}, ID: foreign, Name: "amzn2-ami-hvm",
			OwnerID: "137112412989", CreationDate: g.ago(20000), Public: true, EncryptedSnapshots: false, InUseOnly: true, State: "available"})
	}
	for k := nInst; k < per("volume"); k++ { // unattached volumes
		a.EC2.Volumes = append(a.EC2.Volumes, g.volume(r, g.id("vol-"), ""))
	}
	for k := 0; k < per("snapshot"); k++ {
		sid := g.id("snap-")
		s := state.Snapshot{Meta: state.Meta{ARN: "arn:aws:ec2:" + r + "::snapshot/" + sid, Region: r, Tags: g.tags()}, ID: sid, VolumeID: g.id("vol-"),
			Encrypted: g.rng.IntN(3) > 0, StartTime: g.ago(20000), SizeGiB: 8 + g.rng.IntN(500)}
		if s.Encrypted {
			s.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		if g.chance(3) {
			s.SharedWith = []string{"all"}
		} else if g.chance(5) {
			s.SharedWith = g.accounts(2)
		}
		a.EC2.Snapshots = append(a.EC2.Snapshots, s)
	}

	g.kms(r, per("key"))
	g.logging(r)
	g.ssm(r, instanceIDs, per("managed"), per("document"))
	g.databases(r, sgs, vpcs, per)
	g.workspaces(r, per("workspace"))
	var buckets []string
	for _, b := range a.S3.Buckets {
		buckets = append(buckets, b.Name)
	}
	g.more(r, per, subnets, sgs, vpcs, buckets)
}

func (g *gen) pick2(xs ...int) int { return xs[g.rng.IntN(len(xs))] }

func (g *gen) volume(r, vid, attached string) state.Volume {
	v := state.Volume{Meta: state.Meta{ARN: g.arn("ec2", r, "volume/"+vid), Region: r, Tags: g.tags()}, ID: vid, SizeGiB: 8 + g.rng.IntN(500),
		Type: g.pick("gp3", "gp2", "io2", "st1"), State: "available", Encrypted: g.rng.IntN(3) > 0, CreateTime: g.ago(20000), AttachedTo: attached}
	if attached != "" {
		v.State = "in-use"
	}
	if v.Encrypted {
		v.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
	}
	return v
}

func (g *gen) kms(r string, n int) {
	a := g.a
	// The AWS managed keys every region has once used.
	for _, svc := range []string{"ebs", "s3", "rds"} {
		id := fmt.Sprintf("%08x-0000-4000-8000-%012x", g.rng.Uint32(), g.rng.Uint64()&0xffffffffffff)
		a.KMS.Keys = append(a.KMS.Keys, state.Key{Meta: state.Meta{ARN: g.arn("kms", r, "key/"+id), Region: r}, ID: id, Aliases: []string{"alias/aws/" + svc},
			Description: "Default key for " + svc, Manager: "AWS", Origin: "AWS_KMS", State: "Enabled", Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT", CreationDate: g.ago(40000)})
	}
	for k := 0; k < n; k++ {
		id := fmt.Sprintf("%08x-0000-4000-8000-%012x", g.rng.Uint32(), g.rng.Uint64()&0xffffffffffff)
		key := state.Key{Meta: state.Meta{ARN: g.arn("kms", r, "key/"+id), Region: r, Tags: g.tags()}, ID: id, Description: g.pick("", "data key", "app secrets"),
			Manager: "CUSTOMER", Origin: g.pick("AWS_KMS", "AWS_KMS", "AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM"), State: g.pick("Enabled", "Enabled", "Enabled", "Disabled", "PendingDeletion"),
			Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT", CreationDate: g.ago(40000), Policy: g.policyDoc(g.pick(`{"AWS":"arn:aws:iam::`+g.acct+`:root"}`, `"*"`, `{"AWS":"arn:aws:iam::444455556666:root"}`))}
		if g.chance(10) {
			key.Spec, key.Usage = "RSA_2048", "SIGN_VERIFY"
		}
		if key.State == "PendingDeletion" {
			key.DeletionDate = g.agoPtr(100)
		}
		if key.Spec == "SYMMETRIC_DEFAULT" && key.Origin == "AWS_KMS" && key.State != "PendingDeletion" {
			key.RotationEnabled = g.coin()
			if key.RotationEnabled {
				key.RotationPeriodDays = g.pick2(90, 180, 365)
			}
		}
		if g.coin() {
			key.Aliases = []string{"alias/" + g.id("key-")}
		}
		for e := g.rng.IntN(3); e > 0; e-- {
			gr := state.Grant{ID: fmt.Sprintf("%064x", g.rng.Uint64()), GranteePrincipal: "arn:aws:iam::" + g.pick(g.acct, "444455556666") + ":role/" + g.id("grantee-"),
				Operations: []string{g.pick("Decrypt", "Encrypt", "GenerateDataKey")}, IssuingAccount: "arn:aws:iam::" + g.acct + ":root"}
			if g.coin() {
				gr.RetiringPrincipal = "arn:aws:iam::" + g.acct + ":root"
			}
			key.Grants = append(key.Grants, gr)
		}
		if g.chance(5) && key.Spec == "SYMMETRIC_DEFAULT" {
			key.ID = "mrk-" + fmt.Sprintf("%032x", g.rng.Uint64())
			key.ARN = g.arn("kms", r, "key/"+key.ID)
			key.MultiRegion, key.MultiRegionType, key.PrimaryRegion = true, "PRIMARY", r
			key.ReplicaRegions = []string{g.pick("eu-north-1", "ap-south-1")}
		}
		a.KMS.Keys = append(a.KMS.Keys, key)
	}
}

func (g *gen) logging(r string) {
	a := g.a
	// One trail per region, the first one multi-region.
	name := "trail-" + r
	t := state.Trail{Meta: state.Meta{ARN: g.arn("cloudtrail", r, "trail/"+name), Region: r}, Name: name, HomeRegion: r,
		IsMultiRegion: r == g.regions[0], OwnerAccountID: g.acct, IsLogging: g.chance(80), LogFileValidation: g.coin(),
		S3Bucket: "trail-bucket-" + r, IncludeGlobalEvents: g.coin(), ManagementEvents: g.chance(80)}
	if t.ManagementEvents {
		t.ReadWriteType = g.pick("All", "ReadOnly", "WriteOnly")
	}
	if g.coin() {
		t.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
	}
	if g.coin() {
		t.CloudWatchLogGroupARN = g.arn("logs", r, "log-group:trail-"+r+":*")
		t.LatestCloudWatchDelivery = g.agoPtr(50)
	}
	if t.IsLogging {
		t.LatestDelivery = g.agoPtr(50)
	}
	t.S3DataEventsRead, t.S3DataEventsWrite = g.chance(30), g.chance(30)
	t.Tags = g.tags()
	a.CloudTrail.Trails = append(a.CloudTrail.Trails, t)

	if g.chance(85) {
		rec := state.ConfigRecorder{Meta: state.Meta{ARN: g.arn("config", r, "config-recorder/default"), Region: r}, Name: "default",
			RoleARN:      "arn:aws:iam::" + g.acct + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
			AllSupported: g.coin(), IncludeGlobalResourceTypes: g.coin(), Recording: g.chance(80), LastStatus: g.pick("SUCCESS", "FAILURE", "PENDING")}
		a.Config.Recorders = append(a.Config.Recorders, rec)
		a.Config.DeliveryChannels = append(a.Config.DeliveryChannels, state.DeliveryChannel{Meta: state.Meta{ARN: g.arn("config", r, "delivery-channel/default"), Region: r},
			Name: "default", S3Bucket: "config-bucket-" + r, SNSTopic: g.pick("", g.arn("sns", r, "config-topic"))})
	}
	if g.chance(85) {
		id := fmt.Sprintf("%032x", g.rng.Uint64())
		d := state.Detector{Meta: state.Meta{ARN: g.arn("guardduty", r, "detector/"+id), Region: r, Tags: g.tagsOrNil()}, ID: id, Status: g.pick("ENABLED", "DISABLED"),
			Features:             map[string]string{"S3_DATA_EVENTS": g.pick("ENABLED", "DISABLED"), "EBS_MALWARE_PROTECTION": g.pick("ENABLED", "DISABLED"), "RDS_LOGIN_EVENTS": g.pick("ENABLED", "DISABLED")},
			HighSeverityFindings: g.rng.IntN(5)}
		if g.coin() {
			d.AdministratorAccountID = "999988887777"
		}
		a.GuardDuty.Detectors = append(a.GuardDuty.Detectors, d)
		// Derived from drawn values, not drawn, so the rest of the
		// account stays what earlier seeds gave.
		a.GuardDuty.OrgConfigs = append(a.GuardDuty.OrgConfigs, state.GuardDutyOrgConfig{Region: r, DetectorID: id,
			AutoEnable: []string{"ALL", "NEW", "NONE"}[d.HighSeverityFindings%3]})
		if d.Status == "ENABLED" && d.HighSeverityFindings%2 == 0 {
			a.Config.Aggregators = append(a.Config.Aggregators, state.ConfigAggregator{Meta: state.Meta{ARN: g.arn("config", r, "config-aggregator/config-aggregator-"+id[:8]), Region: r},
				Name: "org-" + r, Organization: d.AdministratorAccountID == "", AllRegions: d.AdministratorAccountID == ""})
		}
	}
	if g.chance(70) {
		name := "analyzer-" + r
		a.IAM.AccessAnalyzers = append(a.IAM.AccessAnalyzers, state.Analyzer{Meta: state.Meta{ARN: g.arn("access-analyzer", r, "analyzer/"+name), Region: r, Tags: g.tagsOrNil()},
			Name: name, Type: g.pick("ACCOUNT", "ORGANIZATION"), Status: g.pick("ACTIVE", "CREATING", "FAILED")})
	}
}

// tagsOrNil gives tags without the Name tag's counter, for resources
// whose tags are a plain map in their API.
func (g *gen) tagsOrNil() map[string]string {
	if g.coin() {
		return nil
	}
	return map[string]string{"team": g.pick("sec", "ops")}
}

func (g *gen) ssm(r string, instances []string, managed, docs int) {
	a := g.a
	for k := 0; k < managed && k < len(instances); k++ {
		id := instances[k]
		a.SSM.ManagedInstances = append(a.SSM.ManagedInstances, state.ManagedInstance{Meta: state.Meta{ARN: g.arn("ssm", r, "managed-instance/"+id), Region: r},
			InstanceID: id, PingStatus: g.pick("Online", "ConnectionLost", "Inactive"), PlatformType: g.pick("Linux", "Windows"), PlatformName: g.pick("Amazon Linux", "Ubuntu", "Microsoft Windows Server 2022 Datacenter"),
			AgentVersion: g.pick("3.3.1142.0", "3.2.582.0"), LastPingTime: g.ago(500)})
		pc := state.PatchCompliance{Meta: state.Meta{ARN: g.arn("ssm", r, "managed-instance/"+id), Region: r}, InstanceID: id,
			Status: g.pick("COMPLIANT", "NON_COMPLIANT"), LastOperationTime: g.ago(500)}
		if pc.Status == "NON_COMPLIANT" {
			pc.Severity, pc.MissingCount = g.pick("CRITICAL", "HIGH", "MEDIUM", "LOW"), 1+g.rng.IntN(20)
		}
		a.SSM.PatchCompliance = append(a.SSM.PatchCompliance, pc)
	}
	for k := 0; k < docs; k++ {
		name := g.id("doc-")
		d := state.SSMDocument{Meta: state.Meta{ARN: g.arn("ssm", r, "document/"+name), Region: r}, Name: name, Public: g.chance(10)}
		if g.chance(20) {
			d.SharedWith = g.accounts(2)
		}
		a.SSM.Documents = append(a.SSM.Documents, d)
	}
}

func (g *gen) databases(r string, sgs, vpcs []string, per func(string) int) {
	a := g.a
	engines := []string{"postgres", "mysql", "mariadb"}
	var groups []string
	for k := 0; k < 2; k++ {
		name := g.id("pg-")
		groups = append(groups, name)
		a.RDS.ParameterGroups = append(a.RDS.ParameterGroups, state.ParameterGroup{Meta: state.Meta{ARN: g.arn("rds", r, "pg:"+name), Region: r}, Name: name,
			Family: g.pick("postgres16", "mysql8.0"), Parameters: map[string]string{"rds.force_ssl": g.pick("0", "1"), "log_connections": g.pick("0", "1")}})
	}
	a.RDS.ParameterGroups = append(a.RDS.ParameterGroups, state.ParameterGroup{Meta: state.Meta{ARN: g.arn("rds", r, "pg:default.postgres16"), Region: r}, Name: "default.postgres16", Family: "postgres16"})
	cpg := g.id("cpg-")
	a.RDS.ParameterGroups = append(a.RDS.ParameterGroups, state.ParameterGroup{Meta: state.Meta{ARN: g.arn("rds", r, "cluster-pg:"+cpg), Region: r}, Name: cpg,
		Family: "aurora-postgresql15", Cluster: true, Parameters: map[string]string{"rds.force_ssl": g.pick("0", "1")}})
	// Indices into a.RDS.Clusters: pointers would go stale when a later
	// append moves the slice.
	var clusters []int
	for k := 0; k < per("cluster"); k++ {
		id := g.id("cluster-")
		c := state.DBCluster{Meta: state.Meta{ARN: g.arn("rds", r, "cluster:"+id), Region: r, Tags: g.tags()}, ID: id, Engine: "aurora-postgresql", EngineVersion: "15.4",
			EngineMode: "provisioned", StorageEncrypted: g.coin(), BackupRetentionDays: 1 + g.rng.IntN(35), DeletionProtection: g.coin(), IAMAuth: g.coin(), MultiAZ: g.coin(),
			ParameterGroup: cpg, EnabledLogs: g.logs(), AutoMinorVersionUpgrade: g.coin(), CopyTagsToSnapshot: g.coin(), PubliclyAccessible: g.chance(10), MasterUsername: "admin"}
		if c.StorageEncrypted {
			c.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		a.RDS.Clusters = append(a.RDS.Clusters, c)
		clusters = append(clusters, len(a.RDS.Clusters)-1)
	}
	var dbARNs []string
	for k := 0; k < per("db"); k++ {
		id := g.id("db-")
		d := state.DBInstance{Meta: state.Meta{ARN: g.arn("rds", r, "db:"+id), Region: r, Tags: g.tags()}, ID: id, Engine: engines[g.rng.IntN(len(engines))], EngineVersion: "16.4",
			Class: g.pick("db.t3.micro", "db.r6g.large"), Status: g.pick("available", "stopped"), PubliclyAccessible: g.chance(10), StorageEncrypted: g.rng.IntN(4) > 0,
			BackupRetentionDays: g.rng.IntN(15), MultiAZ: g.coin(), DeletionProtection: g.coin(), AutoMinorVersionUpgrade: g.coin(), IAMAuth: g.coin(),
			PreferredMaintenanceWindow: "sun:03:00-sun:04:00", ParameterGroups: []string{groups[g.rng.IntN(len(groups))]}, SecurityGroups: []string{sgs[g.rng.IntN(len(sgs))]},
			SubnetGroup: "db-subnets", VPCID: vpcs[g.rng.IntN(len(vpcs))], Port: 5432, EnabledLogs: g.logs(), EnhancedMonitoring: g.coin(), CopyTagsToSnapshot: g.coin(),
			MasterUsername: "admin", CACertificate: g.pick("rds-ca-rsa2048-g1", "rds-ca-2019")}
		if d.StorageEncrypted {
			d.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		if len(clusters) > 0 && g.chance(20) {
			c := &a.RDS.Clusters[clusters[g.rng.IntN(len(clusters))]]
			d.ClusterID = c.ID
			c.Members = append(c.Members, d.ID)
		}
		if g.chance(10) {
			d.ReadReplicaSource = "arn:aws:rds:us-east-1:" + g.acct + ":db:" + g.id("source-")
		}
		if g.chance(10) {
			d.ReplicatedBackupRegions = []string{g.pick("eu-north-1", "us-east-2")}
		}
		a.RDS.Instances = append(a.RDS.Instances, d)
		dbARNs = append(dbARNs, d.ARN)
	}
	for k := 0; k < per("dbsnapshot"); k++ {
		cluster := g.chance(20) && len(clusters) > 0
		id := g.id("snap-")
		s := state.DBSnapshot{Meta: state.Meta{Region: r, Tags: g.tags()}, ID: id, Cluster: cluster, Engine: "postgres", Encrypted: g.coin(),
			Created: g.ago(5000), Type: g.pick("manual", "automated")}
		if cluster {
			s.ARN, s.SourceID, s.Engine = g.arn("rds", r, "cluster-snapshot:"+id), a.RDS.Clusters[clusters[0]].ID, "aurora-postgresql"
		} else {
			s.ARN, s.SourceID = g.arn("rds", r, "snapshot:"+id), g.id("db-")
			if g.chance(10) {
				s.SourceRegion = "us-east-2"
			}
		}
		if s.Encrypted {
			s.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		if s.Type == "manual" && g.chance(10) {
			s.SharedWith = []string{g.pick("all", "444455556666")}
		}
		a.RDS.Snapshots = append(a.RDS.Snapshots, s)
	}
	for k := 0; k < len(dbARNs) && k < 3; k++ {
		if g.coin() {
			a.RDS.PendingMaintenance = append(a.RDS.PendingMaintenance, state.PendingMaintenance{ResourceARN: dbARNs[k], Action: g.pick("system-update", "db-upgrade"),
				Description: "New Operating System update is available", AutoAppliedAfter: g.agoPtr(100), ForcedApplyDate: g.agoPtr(50)})
		}
	}
	for k := 0; k < max(1, per("es")); k++ {
		name := g.id("es-")
		a.RDS.EventSubscriptions = append(a.RDS.EventSubscriptions, state.EventSubscription{Meta: state.Meta{ARN: g.arn("rds", r, "es:"+name), Region: r},
			Name: name, SourceType: g.pick("db-instance", "db-cluster"), Categories: []string{g.pick("failure", "maintenance", "notification")}, Enabled: g.coin()})
	}
	rsg := g.id("rspg-")
	a.Redshift.ParameterGroups = append(a.Redshift.ParameterGroups, state.ParameterGroup{Meta: state.Meta{ARN: g.arn("redshift", r, "parametergroup:"+rsg), Region: r},
		Name: rsg, Family: "redshift-1.0", Parameters: map[string]string{"require_ssl": g.pick("true", "false"), "enable_user_activity_logging": g.pick("true", "false")}})
	for k := 0; k < per("redshift"); k++ {
		id := g.id("rs-")
		c := state.RedshiftCluster{Meta: state.Meta{ARN: g.arn("redshift", r, "cluster:"+id), Region: r, Tags: g.tags()}, ID: id, NodeType: g.pick("ra3.xlplus", "dc2.large"),
			PubliclyAccessible: g.chance(10), Encrypted: g.coin(), EnhancedVPCRouting: g.coin(), AllowVersionUpgrade: g.coin(), AutomatedSnapshotRetention: g.rng.IntN(35),
			ParameterGroups: []string{rsg}, LoggingEnabled: g.coin(), MasterUsername: "admin", DBName: "dev", Port: 5439, VPCID: vpcs[g.rng.IntN(len(vpcs))],
			SecurityGroups: []string{sgs[g.rng.IntN(len(sgs))]}, MaintenanceTrackName: g.pick("current", "trailing")}
		if c.Encrypted {
			c.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		if g.chance(20) {
			c.CrossRegionSnapshotCopyRegion = "us-east-2"
		}
		a.Redshift.Clusters = append(a.Redshift.Clusters, c)
	}
}

func (g *gen) logs() []string {
	if g.coin() {
		return nil
	}
	return []string{g.pick("postgresql", "audit", "error")}
}

func (g *gen) workspaces(r string, n int) {
	if n == 0 {
		return
	}
	a := g.a
	ipg := g.id("wsipg-")
	a.WorkSpaces.IPGroups = append(a.WorkSpaces.IPGroups, state.WorkspaceIPGroup{Meta: state.Meta{ARN: g.arn("workspaces", r, "workspaceipgroup/"+ipg), Region: r},
		ID: ipg, Name: "office", Rules: []string{g.cidr(), g.pick("0.0.0.0/0", g.cidr())}})
	dir := g.id("d-")
	a.WorkSpaces.Directories = append(a.WorkSpaces.Directories, state.WorkspaceDirectory{Meta: state.Meta{ARN: g.arn("workspaces", r, "directory/"+dir), Region: r},
		ID: dir, Name: "corp.example.com", Type: g.pick("AD_CONNECTOR", "SIMPLE_AD"), IPGroups: []string{ipg}, DefaultInternetAccess: g.coin(), MaintenanceMode: g.coin()})
	img := g.id("wsi-")
	a.WorkSpaces.Images = append(a.WorkSpaces.Images, state.WorkspaceImage{Meta: state.Meta{ARN: g.arn("workspaces", r, "workspaceimage/"+img), Region: r},
		ID: img, Name: "desktop", UpdateAvailable: g.coin(), State: "AVAILABLE"})
	// Two bundles: the account's own on its image, and one of Amazon's.
	bundleImage := map[string]string{"wsb-custom": img, "wsb-standard": "wsi-amazon-" + r}
	for k := 0; k < n; k++ {
		id := g.id("ws-")
		bundle := g.pick("wsb-custom", "wsb-standard")
		w := state.Workspace{Meta: state.Meta{ARN: g.arn("workspaces", r, "workspace/"+id), Region: r, Tags: g.tags()}, ID: id, DirectoryID: dir, UserName: g.id("user"),
			State: g.pick("AVAILABLE", "STOPPED"), BundleID: bundle, ImageID: bundleImage[bundle], RootVolumeEncryption: g.coin(), UserVolumeEncryption: g.coin(), RunningMode: g.pick("AUTO_STOP", "ALWAYS_ON")}
		if w.RootVolumeEncryption || w.UserVolumeEncryption {
			w.VolumeEncryptionKey = g.arn("kms", r, "key/"+g.id(""))
		}
		a.WorkSpaces.Workspaces = append(a.WorkSpaces.Workspaces, w)
	}
}

// Count returns the number of resources in the account's resource lists.
func Count(a *state.Account) int {
	e := &a.EC2
	n := len(e.Instances) + len(e.Volumes) + len(e.Snapshots) + len(e.SecurityGroups) + len(e.NetworkACLs) + len(e.VPCs) + len(e.Subnets) +
		len(e.RouteTables) + len(e.FlowLogs) + len(e.Images) + len(e.VPNConnections) + len(e.VPCEndpoints) + len(e.PrefixLists)
	n += len(a.S3.Buckets) + len(a.S3.AccessPoints) + len(a.S3.MultiRegionAccessPoints) + len(a.IAM.Users) + len(a.IAM.Groups) + len(a.IAM.Roles) + len(a.IAM.Policies) + len(a.KMS.Keys)
	n += len(a.RDS.Instances) + len(a.RDS.Clusters) + len(a.RDS.Snapshots) + len(a.RDS.ParameterGroups) + len(a.RDS.EventSubscriptions)
	n += len(a.Redshift.Clusters) + len(a.Redshift.ParameterGroups)
	n += len(a.WorkSpaces.Workspaces) + len(a.WorkSpaces.Directories) + len(a.WorkSpaces.IPGroups) + len(a.WorkSpaces.Images)
	n += len(a.SSM.ManagedInstances) + len(a.SSM.Documents)
	n += len(a.CloudTrail.Trails) + len(a.Config.Recorders) + len(a.GuardDuty.Detectors) + len(a.IAM.AccessAnalyzers)
	n += len(e.TransitGateways) + len(e.LaunchTemplates) + len(e.ClientVPNEndpoints) + len(a.ELB.LoadBalancers) + len(a.DynamoDB.Tables)
	n += len(a.EFS.FileSystems) + len(a.EFS.AccessPoints) + len(a.Lambda.Functions) + len(a.Backup.Vaults) + len(a.Backup.Plans)
	n += len(a.Backup.RecoveryPoints) + len(a.CloudWatchLogs.LogGroups) + len(a.CloudWatch.Alarms) + len(a.SNS.Topics) + len(a.SecurityHub.Hubs)
	n += len(a.SQS.Queues) + len(a.SecretsManager.Secrets) + len(a.ECR.Repositories) + len(a.EventBridge.Buses)
	n += len(a.ACM.Certificates) + len(a.CloudFront.Distributions)
	return n
}

// ForAccount generates an account like Account, under account ID id
// instead of AccountID (every ARN and reference included): the accounts of
// a synthetic organization.
func ForAccount(o Options, id string) (*state.Account, error) {
	b, err := json.Marshal(Account(o))
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	b = bytes.ReplaceAll(b, []byte(AccountID), []byte(id))
	var a state.Account
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("synth: account %s: %w", id, err)
	}
	return &a, nil
}
