package awsfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Expressible returns a copy of a reduced to what AWS's read APIs, as the
// collectors call them, can carry: serving the copy and collecting it back
// must give the copy exactly (the property tests assert it). Every rule
// below is one value the fake cannot express or the collectors do not read,
// with the reason; keep the list short and each rule justified.
//
// Values AWS itself decides or omits:
//   - IAM paths default to "/" and every user and managed policy has an ID:
//     IAM always returns both.
//   - The root user's password_enabled and password_last_changed are
//     "not_supported" in the credential report: the collectors read false
//     and nothing.
//   - EC2 sends no ports for an all-traffic (-1) security group rule; the
//     collectors record -1..-1.
//   - AMI and EBS snapshot ARNs have no account field
//     (arn:aws:ec2:REGION::image/ID), which is how the collectors build them.
//   - DescribeSnapshots has no field for the region a snapshot was copied
//     from (SourceRegion).
//   - AWS keeps the image per bundle, not per WorkSpace: the WorkSpaces of
//     one bundle in one region share the image of the first of them that
//     names one (DescribeWorkspaceBundles).
//   - Every Lambda function has a runtime update mode (Auto unless set).
//   - Every role has a maximum session duration (3600 s unless set).
//   - Application Load Balancers always balance across zones; a v2
//     listener always has an ARN.
//   - No declared call names a global database's other regions.
//   - Every S3 access point has its own Block Public Access settings
//     (GetAccessPoint always answers the four of them).
//   - Every S3 Multi-Region Access Point has its own Block Public Access
//     (the listing always carries the four settings), an ARN made of its
//     alias, and no region.
//   - Every SQS queue has a URL (the fake makes one from its region,
//     account and name) and every ECR repository an encryption type
//     (AES256 unless set); a secret's primary region is named only on a
//     replica.
//   - A region's ECR registry scanning configuration is read only where
//     the region has repositories, and always answers (basic scanning
//     without rules unless set), under the registry's ARN.
//   - An ECS cluster reports Container Insights (disabled unless set) and
//     a service on awsvpc reports assignPublicIp, unless DescribeClusters
//     or the cluster's DescribeServices failed; a task definition's
//     containers and tags are empty when DescribeTaskDefinition failed.
//   - An EKS cluster whose DescribeCluster failed has only its name.
//   - An Auto Scaling group has a health check type (EC2 unless set) and
//     lists its Classic Load Balancer names before its target group ARNs;
//     a mixed instances policy exists only around a launch template, and
//     instance type overrides only inside one.
//   - Every ACM certificate has a key algorithm (RSA_2048 unless set) and
//     no tags; only Amazon-issued ones have a transparency logging
//     preference.
//   - A CloudFront distribution has no region or tags, a default cache
//     behaviour first (path "*"; allow-all unless set), a certificate
//     source (cloudfront unless set), a logging bucket only when logging
//     is on, and custom origins a protocol policy (https-only unless set).
//   - A SageMaker notebook instance allows direct internet and root access
//     unless set (AWS's defaults), an endpoint configuration has one
//     one-instance variant unless set, a model an execution role; none
//     has tags (the collector reads none). One whose Describe call failed
//     keeps only what its listing carries.
//   - An EMR cluster is WAITING unless set and has its ID (from its ARN
//     unless set); only a described one has a subnet, DNS name, security
//     configuration and tags. Every scanned region has a block public
//     access setting (on, port 22 permitted, unless set) unless its read
//     failed.
//   - Every scanned region has an Inspector status (all DISABLED unless
//     set) unless its BatchGetAccountStatus failed, and a Macie session
//     (not enabled unless set; automated discovery DISABLED unless set
//     where Macie is on) unless GetMacieSession failed.
//   - API Gateway: see expressibleAPIGateway (ARNs from region and ID,
//     stages and routes sorted, routes NONE unless authorized); WAF web
//     ACLs: see expressibleWAF (no tags, a default action, rules by priority).
//   - svc-classic: WAF Classic: see expressibleWAFClassic (ARNs from scope
//     and ID, no tags, logging of global web ACLs only).
//   - A gap for a whole service ("*") is recorded by the collectors as a
//     gap for each of the service's listings (its per-item calls are never
//     made).
//
// Values the collectors choose not to read (see internal/collect/aws):
//   - KMS sends a rotation period only while rotation is on (365 days
//     unless set), and only symmetric keys with KMS-made material in a
//     usable state have rotation at all.
//   - Every bucket has an owner: the account's canonical user ID.
//   - Per-key KMS calls are skipped for AWS managed keys, so their
//     rotation, policy, grants and tags stay empty.
//   - Parameters are read only for custom parameter groups (Source=user);
//     the engine defaults of default.* groups are not read.
//   - The region of a replication destination is known only for a
//     destination bucket of the account (ListBuckets gives its region).
//   - A bucket without a policy has PolicyIsPublic false (S3 answers
//     NoSuchBucketPolicy, read as "not public").
//   - Values read by a call that failed (the account's gaps) are empty:
//     Lambda function, WorkSpace, SQS queue and ECR repository tags
//     (tagging GetResources), trail
//     tags (cloudtrail ListTags), role session durations (iam ListRoles).
func Expressible(a *state.Account) *state.Account {
	c := clone(a)
	// Org facts are applied from the management account's scan, never
	// read from the account itself.
	c.OrgFacts = nil
	ia := &c.IAM
	for i := range ia.Users {
		u := &ia.Users[i]
		u.Path = pathOr(u.Path)
		u.ID = orDefault(u.ID, fakeID("AIDA", u.ARN))
	}
	for i := range ia.Groups {
		ia.Groups[i].Path = pathOr(ia.Groups[i].Path)
	}
	_, noSessions := c.Gaps.Find("iam", "", "ListRoles", "")
	for i := range ia.Roles {
		r := &ia.Roles[i]
		r.Path = pathOr(r.Path)
		switch {
		case noSessions:
			r.MaxSessionDuration = 0
		case r.MaxSessionDuration == 0:
			r.MaxSessionDuration = 3600
		}
	}
	for i := range ia.Policies {
		p := &ia.Policies[i]
		p.Path = pathOr(p.Path)
		p.ID = orDefault(p.ID, fakeID("ANPA", p.ARN))
	}
	for i := range ia.CredentialReport {
		if r := &ia.CredentialReport[i]; r.User == state.RootUserName {
			r.PasswordEnabled, r.PasswordLastChanged = false, nil
		}
	}
	for i := range c.S3.AccessPoints {
		ap := &c.S3.AccessPoints[i]
		if _, unread := c.Gaps.Find("s3control", ap.Region, "GetAccessPoint", ap.ARN); ap.PublicAccessBlock == nil && !unread {
			ap.PublicAccessBlock = &state.PublicAccessBlock{}
		}
	}
	for i := range c.S3.MultiRegionAccessPoints {
		m := &c.S3.MultiRegionAccessPoints[i]
		if m.PublicAccessBlock == nil {
			m.PublicAccessBlock = &state.PublicAccessBlock{}
		}
	}
	for i := range c.EC2.SecurityGroups {
		g := &c.EC2.SecurityGroups[i]
		for _, rules := range [][]state.SGRule{g.Ingress, g.Egress} {
			for j := range rules {
				if rules[j].Protocol == "-1" {
					rules[j].FromPort, rules[j].ToPort = -1, -1
				}
			}
		}
	}
	for i := range c.EC2.Images {
		im := &c.EC2.Images[i]
		im.ARN = c.ARNPrefix() + "ec2:" + im.Region + "::image/" + im.ID
	}
	for i := range c.EC2.Snapshots {
		s := &c.EC2.Snapshots[i]
		s.ARN = c.ARNPrefix() + "ec2:" + s.Region + "::snapshot/" + s.ID
		s.SourceRegion = ""
	}
	bundleImage := map[string]string{} // region/bundle -> image
	for _, w := range c.WorkSpaces.Workspaces {
		if k := w.Region + "/" + w.BundleID; w.BundleID != "" && bundleImage[k] == "" {
			bundleImage[k] = w.ImageID
		}
	}
	tagsUnread := func(m state.Meta) bool {
		_, ok := c.Gaps.Find("tagging", m.Region, "GetResources", m.ARN)
		return ok
	}
	for i := range c.WorkSpaces.Workspaces {
		w := &c.WorkSpaces.Workspaces[i]
		w.ImageID = ""
		if w.BundleID != "" {
			w.ImageID = bundleImage[w.Region+"/"+w.BundleID]
		}
		if tagsUnread(w.Meta) {
			w.Tags = nil
		}
	}
	for i := range c.Lambda.Functions {
		f := &c.Lambda.Functions[i]
		f.RuntimeUpdateMode = orDefault(f.RuntimeUpdateMode, "Auto")
		if tagsUnread(f.Meta) {
			f.Tags = nil
		}
	}
	for i := range c.SQS.Queues {
		q := &c.SQS.Queues[i]
		q.URL = queueURL(q)
		if tagsUnread(q.Meta) {
			q.Tags = nil
		}
	}
	for i := range c.SecretsManager.Secrets {
		s := &c.SecretsManager.Secrets[i]
		if s.PrimaryRegion == s.Region {
			s.PrimaryRegion = ""
		}
	}
	for i := range c.ECS.Clusters {
		k := &c.ECS.Clusters[i]
		k.ContainerInsights = orDefault(k.ContainerInsights, "disabled")
		if _, unread := c.Gaps.Find("ecs", k.Region, "DescribeClusters", ""); unread {
			k.ContainerInsights, k.Tags = "", nil
		}
	}
	for i := range c.ECS.TaskDefinitions {
		d := &c.ECS.TaskDefinitions[i]
		if _, unread := c.Gaps.Find("ecs", d.Region, "DescribeTaskDefinition", d.ARN); unread {
			d.Containers, d.Tags, d.NetworkMode, d.PidMode = nil, nil, "", ""
		}
	}
	for i := range c.EKS.Clusters {
		k := &c.EKS.Clusters[i]
		if _, unread := c.Gaps.Find("eks", k.Region, "DescribeCluster", k.ARN); unread {
			*k = state.EKSCluster{Meta: state.Meta{ARN: k.ARN, Region: k.Region}, Name: k.Name}
		}
	}
	for i := range c.AutoScaling.Groups { // svc-compute2
		g := &c.AutoScaling.Groups[i]
		g.HealthCheckType = orDefault(g.HealthCheckType, "EC2")
		sort.SliceStable(g.LoadBalancers, func(x, y int) bool {
			return !strings.HasPrefix(g.LoadBalancers[x], "arn:") && strings.HasPrefix(g.LoadBalancers[y], "arn:")
		})
		if !g.UsesLaunchTemplate() {
			g.MixedInstances = false
		}
		if !g.MixedInstances {
			g.InstanceTypes, g.AttributeBased = nil, false
		}
	}
	withRepos := map[string]bool{}
	for i := range c.ECR.Repositories {
		r := &c.ECR.Repositories[i]
		r.EncryptionType = orDefault(r.EncryptionType, "AES256")
		r.TagMutability = orDefault(r.TagMutability, "MUTABLE")
		if tagsUnread(r.Meta) {
			r.Tags = nil
		}
		withRepos[r.Region] = true
	}
	var registries []state.ECRRegistry
	for _, region := range c.ScannedRegions() {
		if !withRepos[region] {
			continue
		}
		if _, unread := c.Gaps.Find("ecr", region, "GetRegistryScanningConfiguration", ""); unread {
			continue
		}
		reg := state.ECRRegistry{ScanType: "BASIC"}
		if r, ok := c.ECR.Registry(region); ok {
			reg = *r
			reg.ScanType = orDefault(reg.ScanType, "BASIC")
		}
		reg.Meta = state.Meta{ARN: c.ARNPrefix() + "ecr:" + region + ":" + c.AccountID + ":registry/" + c.AccountID, Region: region}
		registries = append(registries, reg)
	}
	c.ECR.Registries = registries
	for i := range c.ACM.Certificates {
		x := &c.ACM.Certificates[i]
		x.KeyAlgorithm = orDefault(x.KeyAlgorithm, "RSA_2048")
		x.Tags = nil
		if x.Type != "AMAZON_ISSUED" {
			x.TransparencyLogging = ""
		}
	}
	expressibleAPIGateway(c)        // svc-api
	expressibleWAF(c)               // svc-api
	expressibleWAFClassic(c)        // svc-classic
	expressibleCognito(c)           // svc-classic
	expressibleMQ(c)                // svc-mq
	expressibleDataSync(c)          // svc-mq
	expressibleConnect(c)           // svc-connect
	expressibleServiceCatalog(c)    // svc-catalog
	for i := range c.AppSync.APIs { // svc-classic: AppSync
		x := &c.AppSync.APIs[i]
		if len(x.AdditionalAuthenticationTypes) == 0 {
			x.AdditionalAuthenticationTypes = nil
		}
		if len(x.Tags) == 0 {
			x.Tags = nil
		}
		if k := x.Cache; k != nil {
			k.Type, k.Status = orDefault(k.Type, "SMALL"), orDefault(k.Status, "AVAILABLE")
		}
	}
	for i := range c.CloudFront.Distributions {
		d := &c.CloudFront.Distributions[i]
		d.Region, d.Tags = "", nil
		if d.CertificateSource == "" || d.CertificateSource == "cloudfront" {
			d.CertificateSource, d.CertificateARN = "cloudfront", ""
		}
		if len(d.Behaviors) == 0 {
			d.Behaviors = []state.CacheBehavior{{PathPattern: "*", ViewerProtocolPolicy: "allow-all"}}
		}
		d.Behaviors[0].PathPattern = "*"
		if !d.Logging {
			d.LoggingBucket = ""
		}
		for j := range d.Origins {
			o := &d.Origins[j]
			if o.S3 {
				o.ProtocolPolicy, o.SSLProtocols = "", nil
			} else {
				o.OAI = ""
				o.ProtocolPolicy = orDefault(o.ProtocolPolicy, "https-only")
			}
		}
	}
	sageMakerExpressible(c) // svc-analytics
	emrExpressible(c)
	inspectorExpressible(c) // svc-sec
	macieExpressible(c)
	for i := range c.CloudTrail.Trails {
		t := &c.CloudTrail.Trails[i]
		if _, ok := c.Gaps.Find("cloudtrail", t.HomeRegion, "ListTags", t.ARN); ok {
			t.Tags = nil
		}
	}
	for i := range c.ELB.LoadBalancers {
		l := &c.ELB.LoadBalancers[i]
		if l.Classic() {
			continue
		}
		if l.Type == state.LBApplication {
			l.CrossZone = true
		}
		for j := range l.Listeners {
			l.Listeners[j].ARN = orDefault(l.Listeners[j].ARN, listenerARN(l, j))
		}
	}
	// Only the active findings of active external-access analyzers are read.
	readable := map[string]bool{}
	for _, an := range c.IAM.AccessAnalyzers {
		readable[an.ARN] = an.External() && an.Status == "ACTIVE"
	}
	var findings []state.AnalyzerFinding
	for _, f := range c.IAM.AnalyzerFindings {
		if readable[f.Analyzer] && f.Status == "ACTIVE" {
			findings = append(findings, f)
		}
	}
	c.IAM.AnalyzerFindings = findings
	for i := range c.RDS.Clusters {
		// Only a member of a named global database has its peers read.
		if c.RDS.Clusters[i].GlobalClusterID == "" {
			c.RDS.Clusters[i].GlobalClusterRegions = nil
		}
	}
	expandServiceGaps(c)
	for i := range c.KMS.Keys {
		k := &c.KMS.Keys[i]
		switch {
		case k.Manager == "AWS":
			k.RotationEnabled, k.RotationPeriodDays, k.Policy, k.Grants, k.Tags = false, 0, "", nil, nil
		case k.Spec != "SYMMETRIC_DEFAULT" || k.Origin != "AWS_KMS" || k.State == "PendingDeletion" || k.State == "PendingImport" || !k.RotationEnabled:
			k.RotationEnabled, k.RotationPeriodDays = false, 0
		case k.RotationPeriodDays == 0:
			k.RotationPeriodDays = 365
		}
	}
	for _, gs := range [][]state.ParameterGroup{c.RDS.ParameterGroups, c.Redshift.ParameterGroups} {
		for i := range gs {
			if strings.HasPrefix(gs[i].Name, "default.") {
				gs[i].Parameters = nil
			}
		}
	}
	f := false
	owner := canonicalIDOf(c)
	for i := range c.S3.Buckets {
		b := &c.S3.Buckets[i]
		if _, unread := c.Gaps.Find("s3", b.Region, "GetBucketAcl", b.ARN); unread {
			b.OwnerID = "" // the ACL carries the owner; it was not read
		} else {
			b.OwnerID = orDefault(b.OwnerID, owner)
		}
		if b.PolicyIsPublic == nil {
			b.PolicyIsPublic = &f
		}
		for j := range b.Replication {
			r := &b.Replication[j]
			r.DestinationRegion = ""
			for _, d := range c.S3.Buckets {
				if d.ARN == r.DestinationBucket {
					r.DestinationRegion = d.Region
				}
			}
		}
	}
	for i := range c.CodeBuild.Projects { // svc-build
		expressibleCodeBuild(&c.CodeBuild.Projects[i])
	}
	for i := range c.DMS.Endpoints {
		expressibleDMSEndpoint(&c.DMS.Endpoints[i])
	}
	for i := range c.DMS.Tasks {
		t := &c.DMS.Tasks[i]
		if !t.SettingsRead {
			t.LoggingEnabled = false
		}
		if !t.SettingsRead || len(t.LogSeverity) == 0 {
			t.LogSeverity = nil
		}
	}
	return c
}

// expandServiceGaps turns each gap for a whole service in a region into a
// gap for each of the service's regional listings, which is what the
// collectors record when every call of the service fails.
func expandServiceGaps(a *state.Account) {
	var keep []state.Gap
	changed := false
	for _, g := range a.Gaps.All() {
		if g.Operation != state.AllOperations || g.Service == state.AllOperations || g.Reason == state.ReasonRegionDisabled {
			keep = append(keep, g)
			continue
		}
		changed = true
		for _, op := range collect.Operations() {
			if op.Service == g.Service && op.Scope == collect.Regional {
				x := g
				x.Operation = op.Action
				keep = append(keep, x)
			}
		}
	}
	if changed {
		a.Gaps = state.NewGaps(keep...)
	}
}

// clone deep-copies an account through its JSON form.
func clone(a *state.Account) *state.Account {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(a); err != nil {
		panic(fmt.Sprintf("awsfake: cloning account: %v", err))
	}
	var c state.Account
	if err := json.NewDecoder(&buf).Decode(&c); err != nil {
		panic(fmt.Sprintf("awsfake: cloning account: %v", err))
	}
	return &c
}

// expressibleCodeBuild is a CodeBuild project as BatchGetProjects reports
// it: a source and an artifact always (NO_SOURCE, NO_ARTIFACTS unless
// set), the primary artifact without identifier; a LINUX_CONTAINER
// environment on the standard image unless set; PLAINTEXT variables
// unless typed, only their values judged by shape; CloudWatch Logs
// ENABLED and S3 logs DISABLED unless set, S3 log encryption reported only
// for enabled S3 logs; credentials only in a URL-shaped location;
// PRIVATE visibility unless set.
func expressibleCodeBuild(p *state.CodeBuildProject) {
	if len(p.Sources) == 0 {
		p.Sources = []state.CodeBuildSource{{Type: "NO_SOURCE"}}
	}
	for j := range p.Sources {
		s := &p.Sources[j]
		s.LocationCredentials = s.LocationCredentials && strings.Contains(s.Location, "://")
	}
	if len(p.Artifacts) == 0 {
		p.Artifacts = []state.CodeBuildArtifact{{Type: "NO_ARTIFACTS"}}
	}
	p.Artifacts[0].Identifier = ""
	p.EnvironmentType = orDefault(p.EnvironmentType, "LINUX_CONTAINER")
	p.Image = orDefault(p.Image, "aws/codebuild/standard:7.0")
	for j := range p.Environment {
		v := &p.Environment[j]
		v.Type = orDefault(v.Type, "PLAINTEXT")
		if v.Type != "PLAINTEXT" {
			v.Shape = state.EnvReference
		}
	}
	p.CloudWatchLogs = orDefault(p.CloudWatchLogs, "ENABLED")
	p.S3Logs = orDefault(p.S3Logs, "DISABLED")
	if p.S3Logs != "ENABLED" {
		p.S3LogsEncryptionDisabled = false
	}
	p.Visibility = orDefault(p.Visibility, "PRIVATE")
}

// expressibleDMSEndpoint is a DMS endpoint as DescribeEndpoints reports
// it: SSL mode none unless set; Neptune IAM authentication only on Neptune
// endpoints, a MongoDB authentication type only on MongoDB and DocumentDB
// ones, a Redis SSL protocol only on Redis ones.
func expressibleDMSEndpoint(e *state.DMSEndpoint) {
	e.SSLMode = orDefault(e.SSLMode, "none")
	if e.Engine != "neptune" {
		e.NeptuneIAMAuth = false
	}
	if e.Engine != "mongodb" && e.Engine != "docdb" {
		e.MongoAuthType = ""
	}
	if e.Engine != "redis" {
		e.RedisSSLProtocol = ""
	}
}
