package builder

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// The demo organization's accounts besides the demo account (which is its
// EU production account).
const (
	ManagementAccount = "100000000001"
	DevAccount        = "210987654322"
	SandboxAccount    = "210987654323"
)

// member starts a small account of the demo organization: scanned
// regions, membership, and an IAM credential report with the root user.
func member(id, alias string, rootMFA bool, regions ...string) *state.Account {
	a := &state.Account{AccountID: id, Partition: "aws", Alias: alias, Name: alias, CollectedAt: Now, Source: "demo"}
	for _, r := range regions {
		a.Regions = append(a.Regions, state.Region{Name: r, OptInStatus: "opt-in-not-required", Enabled: true, Scanned: true})
	}
	a.Organization = &state.Organization{ID: OrgID, MasterAccountID: ManagementAccount, IsManagementAccount: id == ManagementAccount}
	mfa := 0
	if rootMFA {
		mfa = 1
	}
	a.IAM.Summary = map[string]int{"AccountMFAEnabled": mfa, "AccountAccessKeysPresent": 0, "Users": 0, "Groups": 0, "Roles": 0, "Policies": 0}
	a.IAM.PasswordPolicy = &state.PasswordPolicy{MinimumPasswordLength: 14, RequireNumbers: true, RequireSymbols: true, RequireUppercaseCharacters: true,
		RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, PasswordReusePrevention: 24}
	a.IAM.CredentialReportGeneratedAt = Now.Add(-time.Hour)
	a.IAM.CredentialReport = []state.CredentialReportRow{{User: state.RootUserName, ARN: "arn:aws:iam::" + id + ":root",
		UserCreationTime: tp(days(900)), PasswordEnabled: true, PasswordLastUsed: tp(days(200)), MFAActive: rootMFA}}
	a.S3.AccountPublicAccessBlock = &state.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	return a
}

// bucket is a demo organization's bucket, encrypted with S3-managed keys.
func bucket(acct, name, region, class string) state.Bucket {
	return state.Bucket{Meta: state.Meta{ARN: "arn:aws:s3:::" + name, Region: region, Tags: tags("data-classification", class)},
		Name: name, CreationDate: days(120), OwnerID: "c0ffee" + acct, ObjectOwnership: "BucketOwnerEnforced",
		Encryption: &state.BucketEncryption{Algorithm: "AES256"}}
}

// BuildOrg returns the demo organization's accounts other than the demo
// account itself (BuildOrg's accounts and Build's make the organization):
// the management account (which holds the OU tree, the SCPs and the other
// organization-wide facts, managementOrganization), a
// development account in the EU and the US with weaker settings, and a
// sandbox with a public bucket.
func BuildOrg() []*state.Account {
	mgmt := member(ManagementAccount, "alpenglow-management", true, "eu-central-1")
	mgmt.Organization = managementOrganization()
	mgmt.GuardDuty.OrgConfigs = managementGuardDuty()
	mgmt.S3.Buckets = []state.Bucket{bucket(ManagementAccount, "alpenglow-org-billing-reports", "eu-central-1", "confidential")}
	mgmt.S3.Buckets[0].Versioning = "Enabled"

	dev := member(DevAccount, "alpenglow-dev", false, "eu-central-1", "us-east-1")
	dev.S3.AccountPublicAccessBlock = nil
	dev.S3.Buckets = []state.Bucket{
		bucket(DevAccount, "alpenglow-dev-fixtures", "eu-central-1", "internal"),
		bucket(DevAccount, "alpenglow-dev-pii-copy", "us-east-1", "pii"),
	}
	dev.IAM.Users = []state.User{{Meta: state.Meta{ARN: "arn:aws:iam::" + DevAccount + ":user/ci-deployer"}, Name: "ci-deployer", Path: "/", CreateDate: days(700)}}
	dev.IAM.CredentialReport = append(dev.IAM.CredentialReport, state.CredentialReportRow{User: "ci-deployer", ARN: "arn:aws:iam::" + DevAccount + ":user/ci-deployer",
		UserCreationTime: tp(days(700)), PasswordEnabled: true, PasswordLastUsed: tp(days(2)), MFAActive: false,
		AccessKey1Active: true, AccessKey1LastRotated: tp(days(650)), AccessKey1LastUsed: tp(days(1))})

	sbx := member(SandboxAccount, "alpenglow-sandbox", true, "eu-central-1", "us-east-1")
	sbx.S3.AccountPublicAccessBlock = nil
	pub := bucket(SandboxAccount, "alpenglow-sandbox-demo-site", "us-east-1", "public")
	pub.ObjectOwnership = "ObjectWriter"
	pub.ACLGrants = []state.ACLGrant{{GranteeType: "Group", GranteeURI: state.AllUsersURI, Permission: "READ"}}
	sbx.S3.Buckets = []state.Bucket{pub}
	return []*state.Account{mgmt, dev, sbx}
}
