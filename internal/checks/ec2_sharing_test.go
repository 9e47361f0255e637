package checks

import (
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	nwTrusted   = "444455556666"
	nwUntrusted = "777788889999"
)

func nwSnapshot(id string, shared ...string) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.Snapshots = append(a.EC2.Snapshots, state.Snapshot{Meta: nwEUMeta("ec2", "snapshot/"+id), ID: id, SharedWith: shared})
	}
}

func nwOwnedAMI(id string, public bool, shared ...string) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.Images = append(a.EC2.Images, state.Image{Meta: nwEUMeta("ec2", "image/"+id), ID: id, Name: id, OwnerID: testAccountID, Public: public, SharedWith: shared})
	}
}

func nwDoc(name string, public bool, shared ...string) func(*state.Account) {
	return func(a *state.Account) {
		a.SSM.Documents = append(a.SSM.Documents, state.SSMDocument{Meta: nwEUMeta("ssm", "document/"+name), Name: name, Public: public, SharedWith: shared})
	}
}

func ec2SharingCases() map[string][]checkCase {
	trusting := &policy.Policy{TrustedAccounts: []string{nwTrusted}}
	inOrg := &policy.Policy{OrganizationID: "o-own1234567"}
	const (
		ownOrgARN     = "arn:aws:organizations::111111111111:organization/o-own1234567"
		ownOUARN      = "arn:aws:organizations::111111111111:ou/o-own1234567/ou-ab12-cdef3456"
		foreignOrgARN = "arn:aws:organizations::222222222222:organization/o-foreign12345"
		foreignOUARN  = "arn:aws:organizations::222222222222:ou/o-foreign12345/ou-zz99-cdef3456"
	)
	blockAll := nwEC2Settings(state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-all-sharing"}, state.EC2RegionSettings{SnapshotBlockPublicAccess: "unblocked"})
	ssmSettings := func(eu, us bool) func(*state.Account) {
		return func(a *state.Account) {
			a.SSM.RegionSettings = []state.SSMRegionSettings{{Region: "eu-west-1", DocumentPublicSharingBlocked: eu}, {Region: "us-east-1", DocumentPublicSharingBlocked: us}}
		}
	}
	foreignAMI := func(a *state.Account) {
		a.EC2.Images = append(a.EC2.Images, state.Image{Meta: nwEUMeta("ec2", "image/ami-amzn"), ID: "ami-amzn", OwnerID: "137112412989", Public: true, InUseOnly: true})
	}
	listed := func(r string) func(*state.Account) {
		return func(a *state.Account) { a.EC2.PublicSnapshotRegions = append(a.EC2.PublicSnapshotRegions, r) }
	}
	listedEU, listedUS := listed("eu-west-1"), listed("us-east-1")
	attrSkippedEU := withGap(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "DescribeSnapshotAttribute", Reason: state.ReasonSkipped, Message: "2000 per-item calls not made"})
	const analyzerARN = "arn:aws:access-analyzer:eu-west-1:" + testAccountID + ":analyzer/external"
	analyzer := func(typ string) func(*state.Account) {
		return func(a *state.Account) {
			a.IAM.AccessAnalyzers = append(a.IAM.AccessAnalyzers, state.Analyzer{Meta: state.Meta{ARN: analyzerARN, Region: "eu-west-1"}, Name: "external", Type: typ, Status: "ACTIVE"})
		}
	}
	finding := func(id string) func(*state.Account) {
		return func(a *state.Account) {
			a.IAM.AnalyzerFindings = append(a.IAM.AnalyzerFindings, state.AnalyzerFinding{ID: "f-1", Analyzer: analyzerARN, Region: "eu-west-1",
				Resource: "arn:aws:ec2:eu-west-1:" + testAccountID + ":snapshot/" + id, ResourceType: "AWS::EC2::Snapshot", Status: "ACTIVE"})
		}
	}
	blockNewEU := nwEC2Settings(state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-new-sharing"}, state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-all-sharing"})
	return map[string][]checkCase{
		"ec2_snapshot_public_not_restorable": {
			{name: "private", acct: baseAccount(nwSnapshot("snap-1")), want: sts(stP)},
			{name: "shared with an account is not public", acct: baseAccount(nwSnapshot("snap-1", nwUntrusted)), want: sts(stP)},
			{name: "public", acct: baseAccount(nwSnapshot("snap-1", "all")), want: sts(stF), msg: "anyone"},
			{name: "public but blocked", acct: baseAccount(nwSnapshot("snap-1", "all"), blockAll), want: sts(stP), msg: "block-all-sharing"},
			{name: "attribute denied", acct: baseAccount(nwSnapshot("snap-1"), withGap(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "DescribeSnapshotAttribute", Resource: "arn:aws:ec2:eu-west-1:" + testAccountID + ":snapshot/snap-1", Reason: state.ReasonAccessDenied})), want: sts(stU)},
			{name: "listing denied", acct: baseAccount(nwUSGap("ec2", "DescribeSnapshots")), want: sts(stU)},
			{name: "attribute skipped, public ones listed in bulk", acct: baseAccount(nwSnapshot("snap-1"), listedEU, attrSkippedEU), want: sts(stP)},
			{name: "attribute skipped, listed in bulk as public", acct: baseAccount(nwSnapshot("snap-1", "all"), listedEU, attrSkippedEU), want: sts(stF), msg: "anyone"},
			{name: "attribute skipped, bulk listing not done", acct: baseAccount(nwSnapshot("snap-1"), listedUS, attrSkippedEU), want: sts(stU), msg: "skipped"},
		},
		"ec2_snapshot_shared_trusted_only": {
			{name: "private", acct: baseAccount(nwSnapshot("snap-1")), want: sts(stP)},
			{name: "trusted partner", acct: baseAccount(nwSnapshot("snap-1", nwTrusted)), pol: trusting, want: sts(stP)},
			{name: "untrusted partner", acct: baseAccount(nwSnapshot("snap-1", nwTrusted, nwUntrusted)), pol: trusting, want: sts(stF), msg: nwUntrusted},
			{name: "public is judged by the public check", acct: baseAccount(nwSnapshot("snap-1", "all")), want: sts(stP)},
			{name: "sharing skipped, even where public ones were listed", acct: baseAccount(nwSnapshot("snap-1"), listedEU, attrSkippedEU), want: sts(stU), msg: "skipped"},
			{name: "attribute denied", acct: baseAccount(nwSnapshot("snap-1"), withGap(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "DescribeSnapshotAttribute", Resource: "arn:aws:ec2:eu-west-1:" + testAccountID + ":snapshot/snap-1", Reason: state.ReasonAccessDenied})), want: sts(stU)},
			{name: "listing denied", acct: baseAccount(nwUSGap("ec2", "DescribeSnapshots")), want: sts(stU)},
			{name: "sharing skipped, account analyzer reports nothing", acct: baseAccount(nwSnapshot("snap-1"), attrSkippedEU, analyzer("ACCOUNT")), want: sts(stP), msg: "Access Analyzer"},
			{name: "sharing skipped, account analyzer reports the snapshot, policy trusts no one", acct: baseAccount(nwSnapshot("snap-1"), attrSkippedEU, analyzer("ACCOUNT"), finding("snap-1")), want: sts(stF), msg: "finding"},
			{name: "sharing skipped, analyzer reports the snapshot, partner may be trusted", acct: baseAccount(nwSnapshot("snap-1"), attrSkippedEU, analyzer("ACCOUNT"), finding("snap-1")), pol: trusting, want: sts(stU)},
			{name: "sharing skipped, only an organization analyzer", acct: baseAccount(nwSnapshot("snap-1"), attrSkippedEU, analyzer("ORGANIZATION")), want: sts(stU)},
			{name: "sharing skipped, analyzer findings not read", acct: baseAccount(nwSnapshot("snap-1"), attrSkippedEU, analyzer("ACCOUNT"),
				withGap(state.Gap{Service: "access-analyzer", Region: "eu-west-1", Operation: "ListFindingsV2", Resource: analyzerARN, Reason: state.ReasonAccessDenied})), want: sts(stU)},
			{name: "sharing skipped, analyzer in another region", acct: baseAccount(nwSnapshot("snap-1"), attrSkippedEU, func(a *state.Account) {
				a.IAM.AccessAnalyzers = []state.Analyzer{{Meta: state.Meta{ARN: "arn:aws:access-analyzer:us-east-1:" + testAccountID + ":analyzer/a", Region: "us-east-1"}, Name: "a", Type: "ACCOUNT", Status: "ACTIVE"}}
			}), want: sts(stU)},
		},
		"ec2_snapshot_public_access_blocked": {
			{name: "block all in eu, unblocked in us", acct: baseAccount(blockAll), want: sts(stP, stF)},
			{name: "block new with nothing public", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-new-sharing"}, state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-all-sharing"})), want: sts(stP, stP)},
			{name: "block new with a public snapshot", acct: baseAccount(nwSnapshot("snap-1", "all"), nwEC2Settings(state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-new-sharing"}, state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-all-sharing"})), want: sts(stF, stP), msg: "snap-1 is still public"},
			{name: "block new, snapshots not read", acct: baseAccount(nwEUGap("ec2", "DescribeSnapshots"), nwEC2Settings(state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-new-sharing"}, state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-all-sharing"})), want: sts(stU, stP)},
			{name: "not collected", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{}, state.EC2RegionSettings{SnapshotBlockPublicAccess: "block-all-sharing"})), want: sts(stU, stP)},
			{name: "denied", acct: baseAccount(nwEUGap("ec2", "GetSnapshotBlockPublicAccessState")), want: sts(stU, stU)},
			{name: "block new, sharing skipped but public listed in bulk", acct: baseAccount(nwSnapshot("snap-1"), listedEU, attrSkippedEU, blockNewEU), want: sts(stP, stP)},
			{name: "block new, sharing skipped and not listed in bulk", acct: baseAccount(nwSnapshot("snap-1"), attrSkippedEU, blockNewEU), want: sts(stU, stP)},
		},
		"ec2_image_public_access_blocked": {
			{name: "on and off", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{ImageBlockPublicAccess: "block-new-sharing"}, state.EC2RegionSettings{ImageBlockPublicAccess: "unblocked"})), want: sts(stP, stF)},
			{name: "not collected", acct: baseAccount(nwEC2Settings(state.EC2RegionSettings{}, state.EC2RegionSettings{ImageBlockPublicAccess: "block-new-sharing"})), want: sts(stU, stP)},
			{name: "denied", acct: baseAccount(nwEUGap("ec2", "GetImageBlockPublicAccessState"), nwEC2Settings(state.EC2RegionSettings{}, state.EC2RegionSettings{ImageBlockPublicAccess: "block-new-sharing"})), want: sts(stU, stP)},
		},
		"ec2_ami_not_public": {
			{name: "private", acct: baseAccount(nwOwnedAMI("ami-1", false)), want: sts(stP)},
			{name: "public", acct: baseAccount(nwOwnedAMI("ami-1", true)), want: sts(stF)},
			{name: "foreign public AMI in use is not ours", acct: baseAccount(foreignAMI), want: nil},
			{name: "denied", acct: baseAccount(nwUSGap("ec2", "DescribeImages"), nwOwnedAMI("ami-1", false)), want: sts(stU, stP)},
		},
		"ec2_ami_shared_trusted_only": {
			{name: "trusted partner", acct: baseAccount(nwOwnedAMI("ami-1", false, nwTrusted)), pol: trusting, want: sts(stP)},
			{name: "untrusted partner", acct: baseAccount(nwOwnedAMI("ami-1", false, nwTrusted, nwUntrusted)), pol: trusting, want: sts(stF), msg: nwUntrusted},
			{name: "no policy trusts nobody", acct: baseAccount(nwOwnedAMI("ami-1", false, nwTrusted)), want: sts(stF)},
			{name: "not shared", acct: baseAccount(nwOwnedAMI("ami-1", false)), want: sts(stP)},
			{name: "own organization", acct: baseAccount(nwOwnedAMI("ami-1", false, ownOrgARN)), pol: inOrg, want: sts(stP)},
			{name: "OU of the own organization", acct: baseAccount(nwOwnedAMI("ami-1", false, ownOUARN)), pol: inOrg, want: sts(stP)},
			{name: "foreign organization", acct: baseAccount(nwOwnedAMI("ami-1", false, foreignOrgARN)), pol: inOrg, want: sts(stF), msg: "o-foreign12345"},
			{name: "OU of a foreign organization", acct: baseAccount(nwOwnedAMI("ami-1", false, foreignOUARN)), pol: inOrg, want: sts(stF), msg: "ou-"},
			{name: "organization the policy trusts", acct: baseAccount(nwOwnedAMI("ami-1", false, foreignOUARN)), pol: &policy.Policy{TrustedOrganizations: []string{"o-foreign12345"}}, want: sts(stP)},
			{name: "organization without a policy organization", acct: baseAccount(nwOwnedAMI("ami-1", false, ownOrgARN)), pol: trusting, want: sts(stF)},
			{name: "permissions denied", acct: baseAccount(nwOwnedAMI("ami-1", false), withGap(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "DescribeImageAttribute", Reason: state.ReasonAccessDenied})), want: sts(stU)},
		},
		"ssm_document_not_public": {
			{name: "private", acct: baseAccount(nwDoc("deploy", false)), want: sts(stP)},
			{name: "public", acct: baseAccount(nwDoc("deploy", true)), want: sts(stF)},
			{name: "permissions denied", acct: baseAccount(nwDoc("deploy", false), nwEUGap("ssm", "DescribeDocumentPermission")), want: sts(stU)},
			{name: "listing denied", acct: baseAccount(nwUSGap("ssm", "ListDocuments")), want: sts(stU)},
		},
		"ssm_document_shared_trusted_only": {
			{name: "trusted", acct: baseAccount(nwDoc("deploy", false, nwTrusted)), pol: trusting, want: sts(stP)},
			{name: "untrusted", acct: baseAccount(nwDoc("deploy", false, nwUntrusted)), pol: trusting, want: sts(stF), msg: nwUntrusted},
			{name: "denied", acct: baseAccount(nwDoc("deploy", false), nwEUGap("ssm", "DescribeDocumentPermission")), want: sts(stU)},
		},
		"ssm_document_public_sharing_blocked": {
			{name: "blocked in eu only", acct: baseAccount(ssmSettings(true, false)), want: sts(stP, stF)},
			{name: "not collected", acct: baseAccount(), want: sts(stU, stU)},
			{name: "denied", acct: baseAccount(ssmSettings(true, true), nwUSGap("ssm", "GetServiceSetting")), want: sts(stP, stU)},
		},
	}
}
