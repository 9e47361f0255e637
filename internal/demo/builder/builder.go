// Package builder builds the embedded demo account: Alpenglow Analytics
// GmbH, a fictional Munich data-analytics firm with about three hundred
// resources across four regions, some well configured and some not.
//
// It is deterministic (fixed seed, fixed clock) so that the generated
// internal/demo/demo.json only changes when this file does. Regenerate with
// `go generate ./internal/demo`.
package builder

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// AccountID is the demo account's ID.
const AccountID = "210987654321"

// Partner accounts the demo shares with: one the demo policy trusts, one it does not.
const (
	TrustedPartner   = "444455556666"
	UntrustedPartner = "777788889999"
	OrgID            = "o-alpenglow01"
)

// Now is the demo's collection time.
var Now = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

type b struct {
	a   *state.Account
	rng *rand.Rand
}

func (x *b) arn(service, region, res string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, region, AccountID, res)
}

func days(n int) time.Time { return Now.AddDate(0, 0, -n) }

func tp(t time.Time) *time.Time { return &t }

func tags(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// Build returns the demo account.
func Build() *state.Account {
	x := &b{
		a: &state.Account{
			AccountID: AccountID, Partition: "aws", Alias: "alpenglow-prod",
			Name: "Alpenglow Analytics GmbH", CollectedAt: Now, Source: "demo",
		},
		rng: rand.New(rand.NewPCG(42, 2026)),
	}
	x.regions()
	x.org()
	x.iam()
	x.s3()
	x.network()
	x.compute()
	x.storage()
	x.kms()
	x.logging()
	x.identityLogging()
	x.databases()
	x.workspaces()
	x.networkPatching()
	x.dataStores()
	x.s3AccessPoints()
	x.s3MultiRegionAccessPoints()
	x.messaging()
	x.ecs()
	x.eks()
	x.autoScaling()        // svc-compute2
	x.elastiCache()        // svc-data
	x.docdbNeptune()       // svc-data
	x.kinesis()            // svc-stream
	x.codeBuild()          // svc-build
	x.dms()                // svc-build
	x.openSearch()         // svc-search
	x.route53()            // svc-search
	x.msk()                // svc-msk
	x.stepFunctions()      // svc-msk
	x.redshiftServerless() // svc-msk
	x.dax()                // svc-dax
	x.elasticBeanstalk()   // svc-eb
	x.glue()               // svc-glue
	x.athena()             // svc-glue
	x.fsx()                // svc-fsx
	x.mq()                 // svc-mq
	x.dataSync()           // svc-mq
	x.connect()            // svc-connect
	x.serviceCatalog()     // svc-catalog
	x.s3Express()          // svc-s3dir
	x.acmPCA()             // svc-s3dir
	x.acm()
	x.cloudFront()
	x.sageMaker() // svc-analytics
	x.emr()
	x.apiGateway() // svc-api
	x.waf()        // svc-api
	x.wafClassic() // svc-classic
	x.appSync()    // svc-classic
	x.cognito()    // svc-classic
	x.inspector()  // svc-sec
	x.macie()
	x.rdsMore() // svc-gaps
	x.ec2More()
	x.gaps3()           // svc-gaps3
	x.networkFirewall() // svc-netfw
	x.transfer()        // svc-netfw
	x.svcLast()         // svc-last
	x.analyzerFindings()
	x.gaps()
	x.orgFacts()
	return x.a
}

// Scanned regions: Frankfurt (home), Ireland (DR), N. Virginia (a legacy
// marketing stack outside the EU), and UAE (opted in for a pilot, forgotten).
var scanned = []string{"eu-central-1", "eu-west-1", "us-east-1", "me-central-1"}

func (x *b) regions() {
	std := []string{"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
		"ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
		"us-east-1", "us-east-2", "us-west-1", "us-west-2"}
	in := map[string]bool{}
	for _, r := range scanned {
		in[r] = true
	}
	for _, r := range std {
		x.a.Regions = append(x.a.Regions, state.Region{Name: r, OptInStatus: "opt-in-not-required", Enabled: true, Scanned: in[r]})
	}
	x.a.Regions = append(x.a.Regions,
		state.Region{Name: "me-central-1", OptInStatus: "opted-in", Enabled: true, Scanned: true},
		state.Region{Name: "af-south-1", OptInStatus: "not-opted-in"},
		state.Region{Name: "eu-south-1", OptInStatus: "not-opted-in"},
	)
}

func (x *b) org() {
	x.a.Organization = &state.Organization{ID: OrgID, MasterAccountID: "100000000001"}
}

const adminDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

func (x *b) iam() {
	i := &x.a.IAM
	i.Summary = map[string]int{"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 1, "Users": 14, "Groups": 4, "Roles": 11, "Policies": 5}
	i.PasswordPolicy = &state.PasswordPolicy{MinimumPasswordLength: 8, RequireNumbers: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true}
	i.CredentialReportGeneratedAt = Now.Add(-time.Hour)
	i.CredentialReport = append(i.CredentialReport, state.CredentialReportRow{
		User: state.RootUserName, ARN: "arn:aws:iam::" + AccountID + ":root", UserCreationTime: tp(days(2400)),
		PasswordEnabled: true, PasswordLastUsed: tp(days(3)), MFAActive: false,
		AccessKey1Active: true, AccessKey1LastRotated: tp(days(1900)), AccessKey1LastUsed: tp(days(40)),
	})
	groups := []string{"admins", "data-engineers", "analysts", "billing"}
	for _, g := range groups {
		grp := state.Group{Meta: state.Meta{ARN: "arn:aws:iam::" + AccountID + ":group/" + g}, Name: g, CreateDate: days(2000)}
		switch g {
		case "admins":
			grp.AttachedPolicies = []state.AttachedPolicy{{Name: "AdministratorAccess", ARN: "arn:aws:iam::aws:policy/AdministratorAccess"}}
		case "analysts":
			grp.AttachedPolicies = []state.AttachedPolicy{{Name: "ReadOnlyAccess", ARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"}}
		case "data-engineers":
			grp.AttachedPolicies = []state.AttachedPolicy{{Name: "AlpenglowDataLake", ARN: "arn:aws:iam::" + AccountID + ":policy/AlpenglowDataLake"}}
		}
		i.Groups = append(i.Groups, grp)
	}
	people := []struct {
		name, group  string
		mfa, console bool
		keyAge       int // 0 = no key
		lastUsed     int
		direct       bool
	}{
		{"anna.huber", "admins", true, true, 30, 1, false},
		{"ben.keller", "admins", true, true, 0, 0, false},
		{"clara.wagner", "data-engineers", true, true, 200, 2, false},
		{"david.fischer", "data-engineers", false, true, 60, 5, false},
		{"eva.schmid", "analysts", true, true, 0, 0, false},
		{"felix.bauer", "analysts", false, true, 0, 0, true},
		{"greta.wolf", "analysts", true, true, 0, 0, false},
		{"hannes.maier", "billing", true, true, 0, 0, false},
		{"ines.becker", "", false, true, 400, 300, true},
		{"jonas.koch", "data-engineers", true, true, 20, 1, false},
		{"ci-deployer", "", false, false, 500, 1, true},
		{"backup-agent", "", false, false, 30, 1, true},
		{"legacy-ftp", "", false, false, 900, 700, true},
		{"marketing-bot", "", false, false, 120, 90, true},
	}
	for _, p := range people {
		arn := "arn:aws:iam::" + AccountID + ":user/" + p.name
		u := state.User{Meta: state.Meta{ARN: arn, Tags: tags("team", "alpenglow")}, Name: p.name, CreateDate: days(1500)}
		if p.group != "" {
			u.Groups = []string{p.group}
		}
		if p.direct {
			u.AttachedPolicies = []state.AttachedPolicy{{Name: "AmazonS3FullAccess", ARN: "arn:aws:iam::aws:policy/AmazonS3FullAccess"}}
		}
		if p.name == "ci-deployer" {
			u.InlinePolicies = []state.InlinePolicy{{Name: "deploy-everything", Document: adminDoc}}
		}
		row := state.CredentialReportRow{User: p.name, ARN: arn, UserCreationTime: tp(days(1500)), PasswordEnabled: p.console, MFAActive: p.mfa}
		if p.console {
			row.PasswordLastUsed = tp(days(p.lastUsed + 1))
			row.PasswordLastChanged = tp(days(100))
		}
		if p.mfa {
			u.MFADevices = []string{"arn:aws:iam::" + AccountID + ":mfa/" + p.name}
			i.VirtualMFADevices = append(i.VirtualMFADevices, state.MFADevice{SerialNumber: u.MFADevices[0], User: p.name, UserARN: arn, EnableDate: tp(days(900))})
		}
		if p.keyAge > 0 {
			k := state.AccessKey{ID: fmt.Sprintf("AKIADEMO%012d", len(i.Users)), Status: "Active", CreateDate: days(p.keyAge), LastUsed: tp(days(p.lastUsed))}
			u.AccessKeys = []state.AccessKey{k}
			row.AccessKey1Active = true
			row.AccessKey1LastRotated = tp(k.CreateDate)
			row.AccessKey1LastUsed = k.LastUsed
		}
		i.Users = append(i.Users, u)
		i.CredentialReport = append(i.CredentialReport, row)
	}
	i.VirtualMFADevices = append(i.VirtualMFADevices, state.MFADevice{SerialNumber: "arn:aws:iam::" + AccountID + ":mfa/orphan-token"})
	i.Policies = []state.Policy{
		{Meta: state.Meta{ARN: "arn:aws:iam::" + AccountID + ":policy/AlpenglowDataLake"}, Name: "AlpenglowDataLake", AttachmentCount: 1, DefaultVersionID: "v3",
			Document:   `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":["arn:aws:s3:::alpenglow-datalake-raw","arn:aws:s3:::alpenglow-datalake-raw/*"]}]}`,
			CreateDate: days(800), UpdateDate: days(60)},
		{Meta: state.Meta{ARN: "arn:aws:iam::" + AccountID + ":policy/LegacyPowerUser"}, Name: "LegacyPowerUser", AttachmentCount: 0, DefaultVersionID: "v1",
			Document: adminDoc, CreateDate: days(2100), UpdateDate: days(2100)},
		{Meta: state.Meta{ARN: "arn:aws:iam::" + AccountID + ":policy/KmsDecryptAll"}, Name: "KmsDecryptAll", AttachmentCount: 1, DefaultVersionID: "v1",
			Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","kms:ReEncryptFrom"],"Resource":"*"}]}`, CreateDate: days(400), UpdateDate: days(400)},
		{Meta: state.Meta{ARN: "arn:aws:iam::aws:policy/AdministratorAccess"}, Name: "AdministratorAccess", AWSManaged: true, AttachmentCount: 2, DefaultVersionID: "v1", Document: adminDoc, CreateDate: days(3000), UpdateDate: days(3000)},
		{Meta: state.Meta{ARN: "arn:aws:iam::aws:policy/AWSSupportAccess"}, Name: "AWSSupportAccess", AWSManaged: true, AttachmentCount: 0, DefaultVersionID: "v1",
			Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["support:*"],"Resource":"*"}]}`, CreateDate: days(3000), UpdateDate: days(3000)},
	}
	githubOIDC := "arn:aws:iam::" + AccountID + ":oidc-provider/token.actions.githubusercontent.com"
	trust := func(svc string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + svc + `"},"Action":"sts:AssumeRole"}]}`
	}
	roles := []state.Role{
		{Name: "ec2-app-role", AssumeRolePolicyDocument: trust("ec2.amazonaws.com")},
		{Name: "lambda-etl", AssumeRolePolicyDocument: trust("lambda.amazonaws.com")},
		{Name: "partner-readonly", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + TrustedPartner + `:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"alp-7731"}}}]}`},
		{Name: "vendor-support", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + UntrustedPartner + `:root"},"Action":"sts:AssumeRole"}]}`},
		{Name: "AWSServiceRoleForSupport", Path: "/aws-service-role/support.amazonaws.com/", ServiceLinked: true, AssumeRolePolicyDocument: trust("support.amazonaws.com"),
			AttachedPolicies: []state.AttachedPolicy{{Name: "AWSSupportServiceRolePolicy", ARN: "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"}}},
		{Name: "AWSServiceRoleForConfig", Path: "/aws-service-role/config.amazonaws.com/", ServiceLinked: true, AssumeRolePolicyDocument: trust("config.amazonaws.com")},
		{Name: "support-incidents", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + AccountID + `:root"},"Action":"sts:AssumeRole"}]}`,
			AttachedPolicies: []state.AttachedPolicy{{Name: "AWSSupportAccess", ARN: "arn:aws:iam::aws:policy/AWSSupportAccess"}}},
		{Name: "backup-role", AssumeRolePolicyDocument: trust("backup.amazonaws.com")},
		{Name: "flowlogs-role", AssumeRolePolicyDocument: trust("vpc-flow-logs.amazonaws.com")},
		// GitHub Actions deploy roles (GitHub Docs, "Configuring OpenID
		// Connect in Amazon Web Services"): staging pins only the audience,
		// so any repository on GitHub can assume it; production also pins
		// the subject to the main branch of the company's repository.
		{Name: "github-deploy-staging", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + githubOIDC + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}`},
		{Name: "github-deploy-prod", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + githubOIDC + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:alpenglow-analytics/platform:ref:refs/heads/main"}}}]}`},
	}
	for _, r := range roles {
		path := r.Path
		if path == "" {
			path = "/"
		}
		r.Meta = state.Meta{ARN: "arn:aws:iam::" + AccountID + ":role" + path + r.Name}
		r.Path = path
		r.CreateDate = days(700)
		i.Roles = append(i.Roles, r)
	}
	i.ServerCertificates = []state.ServerCert{{Meta: state.Meta{ARN: "arn:aws:iam::" + AccountID + ":server-certificate/legacy-portal"}, Name: "legacy-portal", Expiration: days(35)}}
	i.AccessAnalyzers = []state.Analyzer{{Meta: state.Meta{ARN: x.arn("access-analyzer", "eu-central-1", "analyzer/account-analyzer"), Region: "eu-central-1"}, Name: "account-analyzer", Type: "ACCOUNT", Status: "ACTIVE"}}
	sec := true
	i.SecurityContactSet = &sec
}

func (x *b) s3() {
	x.a.S3.AccountPublicAccessBlock = &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false}
	tlsOnly := func(name string) string {
		return `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::` + name + `","arn:aws:s3:::` + name + `/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	}
	type spec struct {
		name, region, class string
		kms                 string // "", "aws", "cmk"
		versioning          bool
		tls                 bool
		logging             bool
		policy              string
		acl                 []state.ACLGrant
		repl                string // destination region
		lock                bool
		bpa                 bool
	}
	specs := []spec{
		{name: "alpenglow-datalake-raw", region: "eu-central-1", class: "confidential", kms: "cmk", versioning: true, tls: true, logging: true, repl: "eu-west-1", bpa: true},
		{name: "alpenglow-datalake-raw-replica", region: "eu-west-1", class: "confidential", kms: "cmk", versioning: true, tls: true, logging: true, bpa: true},
		{name: "alpenglow-customer-exports", region: "eu-central-1", class: "pii", kms: "aws", versioning: false, tls: false,
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"PartnerRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + UntrustedPartner + `:root"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::alpenglow-customer-exports","arn:aws:s3:::alpenglow-customer-exports/*"]}]}`},
		{name: "alpenglow-public-website", region: "eu-central-1", class: "public", versioning: true, tls: false,
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::alpenglow-public-website/*"}]}`},
		{name: "alpenglow-marketing-assets", region: "us-east-1", class: "internal", versioning: false,
			acl: []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}},
		{name: "alpenglow-crm-backup-us", region: "us-east-1", class: "pii", kms: "aws", versioning: true, tls: true},
		{name: "alpenglow-cloudtrail-logs", region: "eu-central-1", class: "internal", kms: "cmk", versioning: true, tls: true, lock: true, bpa: true,
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::alpenglow-cloudtrail-logs/AWSLogs/` + AccountID + `/*","Condition":{"StringEquals":{"aws:SourceAccount":"` + AccountID + `"}}}]}`},
		{name: "alpenglow-access-logs", region: "eu-central-1", class: "internal", versioning: true, tls: true, bpa: true},
		{name: "alpenglow-ml-models", region: "eu-west-1", class: "confidential", kms: "cmk", versioning: true, tls: true, bpa: true,
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"TrustedPartner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + TrustedPartner + `:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::alpenglow-ml-models/*"}]}`},
		{name: "alpenglow-tmp-uploads", region: "me-central-1", class: "confidential", versioning: false},
	}
	for n := 0; n < 14; n++ { // team scratch buckets: unremarkable, mostly fine
		specs = append(specs, spec{name: fmt.Sprintf("alpenglow-team-%02d", n), region: scanned[n%2], class: "internal", kms: []string{"", "aws", "cmk"}[n%3], versioning: n%4 != 0, tls: n%3 == 0, bpa: n%5 != 0})
	}
	cmk := x.arn("kms", "eu-central-1", "key/1f0c6a7e-0000-4000-8000-00000000d474")
	for _, s := range specs {
		bk := state.Bucket{
			Meta: state.Meta{ARN: "arn:aws:s3:::" + s.name, Region: s.region, Tags: tags("data-classification", s.class, "owner", "platform")},
			Name: s.name, CreationDate: days(300 + len(s.name)*7), OwnerID: "c0ffee" + AccountID,
			ObjectOwnership: "BucketOwnerEnforced", Policy: s.policy, ACLGrants: s.acl,
		}
		if s.acl != nil {
			bk.ObjectOwnership = "ObjectWriter"
		}
		switch s.kms {
		case "cmk":
			bk.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: cmk, BucketKeyEnabled: true}
		case "aws":
			bk.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: x.arn("kms", s.region, "alias/aws/s3")}
		default:
			bk.Encryption = &state.BucketEncryption{Algorithm: "AES256"}
		}
		if s.versioning {
			bk.Versioning = "Enabled"
		}
		if s.tls {
			if s.policy == "" {
				bk.Policy = tlsOnly(s.name)
			} else {
				bk.Policy = s.policy[:len(s.policy)-2] + `,` + tlsOnly(s.name)[len(`{"Version":"2012-10-17","Statement":[`):]
			}
		}
		if s.logging {
			bk.Logging = &state.BucketLogging{TargetBucket: "alpenglow-access-logs", TargetPrefix: s.name + "/"}
		}
		if s.bpa {
			bk.PublicAccessBlock = &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
		}
		if s.lock {
			bk.ObjectLock = &state.ObjectLock{Enabled: true, Mode: "COMPLIANCE", Days: 365}
		}
		if s.repl != "" {
			bk.Replication = []state.ReplicationRule{{ID: "dr", Enabled: true, DestinationBucket: "arn:aws:s3:::" + s.name + "-replica", DestinationRegion: s.repl, ReplicaKMSKeyID: cmk}}
		}
		if s.versioning {
			bk.LifecycleRules = []state.LifecycleRule{{ID: "expire-noncurrent", Enabled: true, NoncurrentExpDays: 90, AbortIncompleteDays: 7}}
		}
		x.a.S3.Buckets = append(x.a.S3.Buckets, bk)
	}
}
