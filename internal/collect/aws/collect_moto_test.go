package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/smithy-go/middleware"

	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// find returns the resource whose ID (or name) is id.
func find[T any](t *testing.T, what string, xs []T, id func(T) string, want string) T {
	t.Helper()
	for _, x := range xs {
		if id(x) == want {
			return x
		}
	}
	var zero T
	t.Fatalf("%s %q was not collected", what, want)
	return zero
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g := append([]string(nil), got...)
	w := append([]string(nil), want...)
	sort.Strings(g)
	sort.Strings(w)
	if strings.Join(g, ",") != strings.Join(w, ",") {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestMotoAccountAndRegions(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	eq(t, "account", a.AccountID, motoAccount)
	eq(t, "partition", a.Partition, "aws")
	eq(t, "alias", a.Alias, "shoulder-moto")
	eq(t, "source", a.Source, "live")
	sameSet(t, "scanned regions", a.ScannedRegions(), scenarioRegions)
	disabled := 0
	for _, r := range a.Regions {
		if !r.Enabled {
			disabled++
			if r.Scanned {
				t.Errorf("disabled region %s scanned", r.Name)
			}
			if g, ok := a.Gaps.Find("ec2", r.Name, "DescribeInstances", ""); !ok || g.Reason != state.ReasonRegionDisabled {
				t.Errorf("disabled region %s: gap %+v, want region_disabled", r.Name, g)
			}
		}
	}
	if disabled == 0 {
		t.Error("moto lists opt-in regions as not-opted-in; none was recorded as disabled")
	}
	if res.Interrupted {
		t.Error("an uninterrupted collection says Interrupted")
	}
}

func TestMotoIAM(t *testing.T) {
	_, res := collected(t)
	i := res.Account.IAM
	alice := find(t, "user", i.Users, func(u state.User) string { return u.Name }, "alice")
	sameSet(t, "alice groups", alice.Groups, []string{"admins"})
	sameSet(t, "alice MFA", alice.MFADevices, []string{"arn:aws:iam::" + motoAccount + ":mfa/alice"})
	if len(alice.AccessKeys) != 0 {
		t.Errorf("alice has no keys, got %v", alice.AccessKeys)
	}
	bob := find(t, "user", i.Users, func(u state.User) string { return u.Name }, "bob")
	if len(bob.AccessKeys) != 1 || bob.AccessKeys[0].Status != "Active" || !strings.HasPrefix(bob.AccessKeys[0].ID, "AKIA") {
		t.Errorf("bob's keys = %+v, want one active key", bob.AccessKeys)
	}
	if len(bob.MFADevices) != 0 {
		t.Errorf("bob has no MFA, got %v", bob.MFADevices)
	}
	if len(bob.InlinePolicies) != 1 || bob.InlinePolicies[0].Name != "s3-all" || !strings.Contains(bob.InlinePolicies[0].Document, `"s3:*"`) {
		t.Errorf("bob's inline policies = %+v (documents must be URL-decoded)", bob.InlinePolicies)
	}
	carol := find(t, "user", i.Users, func(u state.User) string { return u.Name }, "carol")
	sameSet(t, "carol's hardware MFA (per-user ListMFADevices)", carol.MFADevices, []string{"GAHT12345678"})

	g := find(t, "group", i.Groups, func(g state.Group) string { return g.Name }, "admins")
	if len(g.AttachedPolicies) != 1 || g.AttachedPolicies[0].Name != "Admin" {
		t.Errorf("admins policies = %+v", g.AttachedPolicies)
	}
	r := find(t, "role", i.Roles, func(r state.Role) string { return r.Name }, "app-role")
	if !strings.Contains(r.AssumeRolePolicyDocument, "ec2.amazonaws.com") || len(r.AttachedPolicies) != 1 || r.AttachedPolicies[0].Name != "AppPolicy" {
		t.Errorf("app-role = %+v", r)
	}
	// The trust policy is the URL-decoded JSON document (IAM returns it
	// URL-encoded): the role trust checks parse it.
	var trust struct {
		Statement []struct {
			Principal struct{ Service string }
			Action    string
		}
	}
	if err := json.Unmarshal([]byte(r.AssumeRolePolicyDocument), &trust); err != nil || len(trust.Statement) != 1 ||
		trust.Statement[0].Principal.Service != "ec2.amazonaws.com" || trust.Statement[0].Action != "sts:AssumeRole" {
		t.Errorf("app-role trust policy %q is not the decoded JSON document (%v)", r.AssumeRolePolicyDocument, err)
	}
	// GetAccountAuthorizationDetails has no session duration: ListRoles does.
	eq(t, "app-role max session duration", r.MaxSessionDuration, 7200)
	p := find(t, "policy", i.Policies, func(p state.Policy) string { return p.Name }, "Admin")
	eq(t, "Admin attachments", p.AttachmentCount, 1)
	eq(t, "Admin aws-managed", p.AWSManaged, false)
	if !strings.Contains(p.Document, `"Action":"*"`) {
		t.Errorf("Admin document = %q", p.Document)
	}

	pp := i.PasswordPolicy
	if pp == nil || pp.MinimumPasswordLength != 14 || !pp.RequireSymbols || pp.PasswordReusePrevention != 24 {
		t.Errorf("password policy = %+v", pp)
	}
	if len(i.CredentialReport) < 3 {
		t.Fatalf("credential report has %d rows", len(i.CredentialReport))
	}
	rows := map[string]state.CredentialReportRow{}
	for _, row := range i.CredentialReport {
		rows[row.User] = row
	}
	eq(t, "report alice password", rows["alice"].PasswordEnabled, true)
	eq(t, "report alice mfa", rows["alice"].MFAActive, true)
	eq(t, "report bob key 1", rows["bob"].AccessKey1Active, true)
	eq(t, "report bob mfa", rows["bob"].MFAActive, false)
	if i.Summary["Users"] != 3 || i.Summary["Groups"] != 1 {
		t.Errorf("summary Users/Groups = %d/%d", i.Summary["Users"], i.Summary["Groups"])
	}
	sameSet(t, "virtual MFA", []string{i.VirtualMFADevices[0].SerialNumber, i.VirtualMFADevices[0].User}, []string{"arn:aws:iam::" + motoAccount + ":mfa/alice", "alice"})
	if len(i.SAMLProviders) != 1 || !strings.HasSuffix(i.SAMLProviders[0].ARN, ":saml-provider/corp-idp") {
		t.Errorf("SAML providers = %+v", i.SAMLProviders)
	}
	if i.SecurityContactSet == nil || !*i.SecurityContactSet {
		t.Errorf("security contact = %v, want set", i.SecurityContactSet)
	}
	// moto does not implement IAM Access Analyzer: a gap per region.
	for _, r := range scenarioRegions {
		g, ok := res.Account.Gaps.Find("access-analyzer", r, "ListAnalyzers", "")
		if !ok || g.Reason != state.ReasonNotImplemented {
			t.Errorf("access-analyzer in %s: gap %+v, want not_implemented", r, g)
		}
	}
}

func TestMotoOrganizations(t *testing.T) {
	sc, res := collected(t)
	o := res.Account.Organization
	if o == nil {
		t.Fatal("organization not collected")
	}
	eq(t, "org id", o.ID, sc.orgID)
	eq(t, "management account", o.IsManagementAccount, true)
	scp := find(t, "SCP", o.SCPs, func(s state.SCP) string { return s.ID }, sc.scpID)
	eq(t, "scp name", scp.Name, "deny-leave")
	if !strings.Contains(scp.Document, "organizations:LeaveOrganization") || len(scp.Targets) != 1 || !strings.HasPrefix(scp.Targets[0], "r-") {
		t.Errorf("scp = %+v", scp)
	}
	find(t, "SCP", o.SCPs, func(s state.SCP) string { return s.Name }, "FullAWSAccess")
	// Org-wide facts: the delegated administrator and its service, the
	// trusted service, the tag policy with its target.
	d := find(t, "delegated admin", o.DelegatedAdmins, func(d state.DelegatedAdmin) string { return d.AccountID }, sc.delegatedAdmin)
	if len(d.ServicePrincipals) != 1 || d.ServicePrincipals[0] != state.PrincipalGuardDuty {
		t.Errorf("delegated admin services = %v, want guardduty", d.ServicePrincipals)
	}
	find(t, "trusted service", o.TrustedServices, func(s string) string { return s }, state.PrincipalGuardDuty)
	tp := find(t, "tag policy", o.TagPolicies, func(s state.SCP) string { return s.Name }, "classification-tags")
	if !strings.Contains(tp.Document, "data-classification") || len(tp.Targets) != 1 {
		t.Errorf("tag policy = %+v", tp)
	}
}

func TestMotoS3(t *testing.T) {
	_, res := collected(t)
	s := res.Account.S3
	bpa := s.AccountPublicAccessBlock
	if bpa == nil || !bpa.BlockPublicAcls || !bpa.IgnorePublicAcls || bpa.BlockPublicPolicy || bpa.RestrictPublicBuckets {
		t.Errorf("account BPA = %+v", bpa)
	}
	byName := func(b state.Bucket) string { return b.Name }
	open := find(t, "bucket", s.Buckets, byName, "shoulder-open")
	eq(t, "open region", open.Region, insecureRegion)
	eq(t, "open arn", open.ARN, "arn:aws:s3:::shoulder-open")
	if !strings.Contains(open.Policy, `"Principal":"*"`) {
		t.Errorf("open policy = %q", open.Policy)
	}
	public := false
	for _, g := range open.ACLGrants {
		if g.GranteeURI == state.AllUsersURI && g.Permission == "READ" {
			public = true
		}
	}
	if !public {
		t.Errorf("open ACL = %+v, want READ to AllUsers", open.ACLGrants)
	}
	if open.Encryption != nil || open.Versioning != "" || open.Logging != nil || open.PublicAccessBlock != nil || open.ObjectLock != nil ||
		len(open.Replication) != 0 || len(open.LifecycleRules) != 0 || open.ObjectOwnership == "BucketOwnerEnforced" {
		t.Errorf("open bucket has settings it should not: %+v", open)
	}

	sec := find(t, "bucket", s.Buckets, byName, "shoulder-secure")
	eq(t, "secure region", sec.Region, secureRegion)
	if e := sec.Encryption; e == nil || e.Algorithm != "aws:kms" || e.KMSKeyID != "alias/data" || !e.BucketKeyEnabled {
		t.Errorf("secure encryption = %+v", e)
	}
	eq(t, "secure versioning", sec.Versioning, "Enabled")
	if l := sec.Logging; l == nil || l.TargetBucket != "shoulder-logs" || l.TargetPrefix != "secure/" {
		t.Errorf("secure logging = %+v", l)
	}
	if len(sec.Replication) != 1 || !sec.Replication[0].Enabled || sec.Replication[0].DestinationBucket != "arn:aws:s3:::shoulder-replica" ||
		sec.Replication[0].DestinationRegion != homeRegion {
		t.Errorf("secure replication = %+v", sec.Replication)
	}
	if len(sec.LifecycleRules) != 1 || sec.LifecycleRules[0].NoncurrentExpDays != 90 || sec.LifecycleRules[0].AbortIncompleteDays != 7 {
		t.Errorf("secure lifecycle = %+v", sec.LifecycleRules)
	}
	if !sec.PublicAccessBlock.All() {
		t.Errorf("secure BPA = %+v", sec.PublicAccessBlock)
	}
	eq(t, "secure ownership", sec.ObjectOwnership, "BucketOwnerEnforced")
	eq(t, "secure tag", sec.Tags["data-classification"], "confidential")
	if ol := sec.ObjectLock; ol == nil || !ol.Enabled || ol.Mode != "COMPLIANCE" || ol.Days != 30 {
		t.Errorf("secure object lock = %+v", ol)
	}
	if !strings.Contains(sec.Policy, "aws:SecureTransport") {
		t.Errorf("secure policy = %q", sec.Policy)
	}
	eq(t, "logs website", find(t, "bucket", s.Buckets, byName, "shoulder-logs").Website, true)
	eq(t, "replica versioning", find(t, "bucket", s.Buckets, byName, "shoulder-replica").Versioning, "Enabled")
	for _, b := range s.Buckets {
		for _, op := range bucketSettingActions {
			if g, ok := res.Account.Gaps.Find("s3", b.Region, op, b.ARN); ok {
				t.Errorf("bucket %s: unexpected gap %s", b.Name, g)
			}
		}
	}
}

func TestMotoEC2(t *testing.T) {
	sc, res := collected(t)
	e := res.Account.EC2
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			vpc := find(t, "vpc", e.VPCs, func(v state.VPC) string { return v.ID }, sc.vpc[r])
			eq(t, "vpc cidr", vpc.CIDR, "10.20.0.0/16")
			eq(t, "vpc region", vpc.Region, r)
			eq(t, "vpc tag", vpc.Tags["Name"], "main-"+r)
			eq(t, "vpc arn", vpc.ARN, "arn:aws:ec2:"+r+":"+motoAccount+":vpc/"+sc.vpc[r])
			sub := find(t, "subnet", e.Subnets, func(s state.Subnet) string { return s.ID }, sc.subnet[r])
			eq(t, "subnet vpc", sub.VPCID, sc.vpc[r])
			eq(t, "subnet public ip", sub.MapPublicIPOnLaunch, !secure)
			open := find(t, "sg", e.SecurityGroups, func(g state.SecurityGroup) string { return g.ID }, sc.openSG[r])
			if len(open.Ingress) != 1 || !open.Ingress[0].CoversPort(22) || open.Ingress[0].CIDRs[0] != "0.0.0.0/0" || open.Ingress[0].Description != "world" {
				t.Errorf("open sg ingress = %+v", open.Ingress)
			}
			eq(t, "open sg in use", open.AttachedENIs, 1)
			closed := find(t, "sg", e.SecurityGroups, func(g state.SecurityGroup) string { return g.ID }, sc.closedSG[r])
			if len(closed.Ingress) != 1 || closed.Ingress[0].CoversPort(22) || closed.Ingress[0].CIDRs[0] != "10.0.0.0/8" || closed.Ingress[0].SourceGroups[0] != sc.openSG[r] {
				t.Errorf("closed sg ingress = %+v", closed.Ingress)
			}
			eq(t, "closed sg in use", closed.AttachedENIs, 0)
			// Managed prefix lists: the account's own with its entries read,
			// AWS's listed without them, and the rule that references one.
			pl := find(t, "prefix list", e.PrefixLists, func(l state.PrefixList) string { return l.Region + "/" + l.ID }, r+"/"+sc.prefixList[r])
			eq(t, "prefix list owner", pl.OwnerID, motoAccount)
			eq(t, "prefix list name", pl.Name, "world-halves")
			eq(t, "prefix list family", pl.AddressFamily, "IPv4")
			eq(t, "prefix list arn", pl.ARN, "arn:aws:ec2:"+r+":"+motoAccount+":prefix-list/"+sc.prefixList[r])
			if strings.Join(pl.Entries, ",") != "0.0.0.0/1,128.0.0.0/1" {
				t.Errorf("prefix list entries = %v", pl.Entries)
			}
			s3List := find(t, "aws prefix list", e.PrefixLists, func(l state.PrefixList) string { return l.Region + "/" + l.Name }, r+"/com.amazonaws."+r+".s3")
			if !s3List.AWSManaged() || len(s3List.Entries) != 0 {
				t.Errorf("AWS-managed list = %+v, want owner AWS and no entries read", s3List)
			}
			plSG := find(t, "sg", e.SecurityGroups, func(g state.SecurityGroup) string { return g.ID }, sc.plSG[r])
			if len(plSG.Ingress) != 1 || strings.Join(plSG.Ingress[0].PrefixLists, ",") != sc.prefixList[r] {
				t.Errorf("prefix-list sg ingress = %+v", plSG.Ingress)
			}
			nacl := find(t, "nacl", e.NetworkACLs, func(n state.NetworkACL) string { return n.ID }, sc.nacl[r])
			if len(nacl.Entries) != 1 || nacl.Entries[0].Action != "deny" || nacl.Entries[0].FromPort != 3389 || nacl.Entries[0].RuleNumber != 100 {
				t.Errorf("nacl entries = %+v", nacl.Entries)
			}
			var rtFound bool
			for _, rt := range e.RouteTables {
				if rt.VPCID == sc.vpc[r] && rt.Main {
					rtFound = len(rt.Routes) > 0 && rt.Routes[0].Target == "local"
				}
			}
			if !rtFound {
				t.Error("no main route table with a local route for the scenario VPC")
			}
			if secure {
				fl := find(t, "flow log", e.FlowLogs, func(f state.FlowLog) string { return f.ID }, sc.flowLog[r])
				if fl.ResourceID != sc.vpc[r] || fl.TrafficType != "ALL" || fl.DestType != "s3" || fl.Destination != "arn:aws:s3:::shoulder-logs" {
					t.Errorf("flow log = %+v", fl)
				}
			}
			st, ok := e.Settings(r)
			if !ok {
				t.Fatal("no region settings")
			}
			eq(t, "EBS default encryption", st.EBSEncryptionByDefault, secure)
			for _, op := range []string{"GetEbsDefaultKmsKeyId", "GetSnapshotBlockPublicAccessState", "GetImageBlockPublicAccessState", "GetInstanceMetadataDefaults"} {
				if g, ok := res.Account.Gaps.Find("ec2", r, op, ""); !ok || g.Reason != state.ReasonNotImplemented {
					t.Errorf("%s: gap %+v, want not_implemented (moto lacks it)", op, g)
				}
			}
			enc := find(t, "volume", e.Volumes, func(v state.Volume) string { return v.ID }, sc.encVol[r])
			if !enc.Encrypted || enc.KMSKeyID == "" || enc.SizeGiB != 10 || enc.Tags["Name"] != "enc" {
				t.Errorf("encrypted volume = %+v", enc)
			}
			plain := find(t, "volume", e.Volumes, func(v state.Volume) string { return v.ID }, sc.plainVol[r])
			eq(t, "plain volume encrypted", plain.Encrypted, false)
			// These sharing values come from each snapshot's own attribute:
			// moto 5.2.1 ignores DescribeSnapshots' RestorableByUserIds and
			// lists every snapshot as restorable by all, so the bulk public
			// listing that a collection skipping details relies on is tested
			// against internal/awsfake (TestSkippedDetailsChangeNoCheck).
			byID := func(s state.Snapshot) string { return s.ID }
			priv := find(t, "snapshot", e.Snapshots, byID, sc.privateSnap[r])
			if !priv.Encrypted || len(priv.SharedWith) != 0 || priv.VolumeID != sc.encVol[r] {
				t.Errorf("private snapshot = %+v", priv)
			}
			eq(t, "snapshot arn", priv.ARN, "arn:aws:ec2:"+r+"::snapshot/"+sc.privateSnap[r])
			sameSet(t, "shared snapshot", find(t, "snapshot", e.Snapshots, byID, sc.sharedSnap[r]).SharedWith, []string{"111122223333"})
			if !secure {
				eq(t, "public snapshot", find(t, "snapshot", e.Snapshots, byID, sc.publicSnap[r]).Public(), true)
			}
			img := find(t, "image", e.Images, func(i state.Image) string { return i.ID }, sc.image[r])
			eq(t, "image name", img.Name, "golden-"+r)
			eq(t, "image owner", img.OwnerID, motoAccount)
			eq(t, "image public", img.Public, !secure)
			eq(t, "image in-use-only", img.InUseOnly, false)
			sameSet(t, "image shared", img.SharedWith, []string{"111122223333"})
			in := find(t, "instance", e.Instances, func(i state.Instance) string { return i.ID }, sc.instance[r])
			eq(t, "instance image", in.ImageID, sc.image[r])
			eq(t, "instance state", in.State, "running")
			eq(t, "instance IMDSv2", in.MetadataHTTPTokens, map[bool]string{true: "required", false: "optional"}[secure])
			sameSet(t, "instance sgs", in.SecurityGroups, []string{sc.openSG[r]})
			eq(t, "instance subnet", in.SubnetID, sc.subnet[r])
			eq(t, "instance tag", in.Tags["Name"], "app-"+r)
			vpn := find(t, "vpn", e.VPNConnections, func(v state.VPNConnection) string { return v.ID }, sc.vpn[r])
			if vpn.Type != "ipsec.1" || vpn.VPNGatewayID == "" || vpn.CustomerGatewayID == "" {
				t.Errorf("vpn = %+v", vpn)
			}
			lt := find(t, "launch template", e.LaunchTemplates, func(l state.LaunchTemplate) string { return l.Name }, "app-"+r)
			if lt.Region != r || lt.DefaultVersion != 1 || lt.AssociatePublicIP == secure || lt.MetadataHTTPTokens != map[bool]string{true: "required", false: "optional"}[secure] {
				t.Errorf("launch template = %+v", lt)
			}
			tgws := 0
			for _, g := range e.TransitGateways {
				if g.Region == r {
					tgws++
					if !g.AutoAcceptSharedAttachments {
						t.Errorf("transit gateway = %+v", g)
					}
				}
			}
			eq(t, "transit gateways", tgws, map[bool]int{true: 0, false: 1}[secure])
			ep := find(t, "endpoint", e.VPCEndpoints, func(v state.VPCEndpoint) string { return v.ID }, sc.endpoint[r])
			if ep.Type != "Gateway" || ep.ServiceName != "com.amazonaws."+r+".s3" || ep.VPCID != sc.vpc[r] {
				t.Errorf("endpoint = %+v", ep)
			}
		})
	}
}

func TestMotoKMS(t *testing.T) {
	sc, res := collected(t)
	for _, r := range scenarioRegions {
		byID := func(k state.Key) string { return k.ID }
		rot := find(t, "key", res.Account.KMS.Keys, byID, sc.rotatingKey[r])
		if !rot.RotationEnabled || rot.Manager != "CUSTOMER" || rot.Region != r || rot.Description != "data key" || rot.Tags["owner"] != "platform" {
			t.Errorf("%s rotating key = %+v", r, rot)
		}
		sameSet(t, "aliases", rot.Aliases, []string{"alias/data"})
		if len(rot.Grants) != 1 || !strings.HasSuffix(rot.Grants[0].GranteePrincipal, ":role/app-role") {
			t.Errorf("%s grants = %+v", r, rot.Grants)
		}
		static := find(t, "key", res.Account.KMS.Keys, byID, sc.staticKey[r])
		eq(t, r+" static rotation", static.RotationEnabled, false)
		eq(t, r+" static policy", static.Policy, permissivePolicy)
		eq(t, r+" key arn", static.ARN, "arn:aws:kms:"+r+":"+motoAccount+":key/"+sc.staticKey[r])
	}
}

func TestMotoLogging(t *testing.T) {
	_, res := collected(t)
	trails := res.Account.CloudTrail.Trails
	if len(trails) != 2 {
		t.Fatalf("trails = %d, want 2 (a multi-region trail is one trail, not one per region)", len(trails))
	}
	byName := func(x state.Trail) string { return x.Name }
	org := find(t, "trail", trails, byName, "org-trail")
	if !org.IsMultiRegion || !org.IsLogging || !org.LogFileValidation || org.HomeRegion != homeRegion || !org.ManagementEvents ||
		org.ReadWriteType != "All" || !org.S3DataEventsRead || !org.S3DataEventsWrite || org.S3Bucket != "shoulder-logs" {
		t.Errorf("org trail = %+v", org)
	}
	local := find(t, "trail", trails, byName, "local-trail")
	if local.IsMultiRegion || local.IsLogging || local.LogFileValidation || local.HomeRegion != insecureRegion {
		t.Errorf("local trail = %+v", local)
	}
	// Trail tags come from ListTags at the trail's home region.
	eq(t, "org trail classification", org.Tags["data-classification"], "restricted")
	eq(t, "local trail tags", len(local.Tags), 0)
	cfg := res.Account.Config
	if len(cfg.Recorders) != 1 || cfg.Recorders[0].Region != secureRegion || !cfg.Recorders[0].Recording || !cfg.Recorders[0].AllSupported || !cfg.Recorders[0].IncludeGlobalResourceTypes {
		t.Errorf("config recorders = %+v", cfg.Recorders)
	}
	if len(cfg.DeliveryChannels) != 1 || cfg.DeliveryChannels[0].S3Bucket != "shoulder-logs" {
		t.Errorf("delivery channels = %+v", cfg.DeliveryChannels)
	}
	gd := res.Account.GuardDuty.Detectors
	if len(gd) != 1 || gd[0].Region != secureRegion || gd[0].Status != "ENABLED" {
		t.Errorf("detectors = %+v", gd)
	}
	// moto has no route for GetFindingsStatistics: a gap for the detector.
	if g, ok := res.Account.Gaps.Find("guardduty", secureRegion, "GetFindingsStatistics", gd[0].ARN); !ok || g.Reason != state.ReasonNotImplemented {
		t.Errorf("GetFindingsStatistics gap = %+v, want not_implemented", g)
	}
}

func TestMotoMonitoring(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	lg := find(t, "log group", a.CloudWatchLogs.LogGroups, func(g state.LogGroup) string { return g.Name }, "cloudtrail")
	if lg.Region != homeRegion || lg.RetentionDays != 365 || strings.HasSuffix(lg.ARN, ":*") || len(lg.MetricFilters) != 1 {
		t.Fatalf("log group = %+v", lg)
	}
	mf := lg.MetricFilters[0]
	if mf.Name != "unauthorized" || mf.Pattern != unauthorizedPattern || len(mf.Metrics) != 1 || mf.Metrics[0].Name != "UnauthorizedAPICalls" || mf.Metrics[0].Namespace != "CISBenchmark" {
		t.Errorf("metric filter = %+v", mf)
	}
	app := find(t, "log group", a.CloudWatchLogs.LogGroups, func(g state.LogGroup) string { return g.Name }, "app")
	if app.Region != insecureRegion || app.RetentionDays != 0 || len(app.MetricFilters) != 0 {
		t.Errorf("app log group = %+v", app)
	}
	// The SDK speaks CloudWatch's CBOR protocol, which this moto does not
	// route: alarms are unknown in every region, never "none".
	for _, r := range scenarioRegions {
		if g, ok := a.Gaps.Find("cloudwatch", r, "DescribeAlarms", ""); !ok || g.Reason != state.ReasonNotImplemented {
			t.Errorf("cloudwatch alarms in %s: gap %+v, want not_implemented", r, g)
		}
	}
	tp := find(t, "topic", a.SNS.Topics, func(x state.Topic) string { return x.Name }, "security-alerts")
	if tp.Region != homeRegion || tp.KMSKeyID != "alias/aws/sns" || tp.Policy == "" || len(tp.Subscriptions) != 1 || tp.Subscriptions[0].Protocol != "email" {
		t.Errorf("topic = %+v", tp)
	}
	if len(a.SecurityHub.Hubs) != 1 || a.SecurityHub.Hubs[0].Region != secureRegion {
		t.Errorf("hubs = %+v, want one in %s (the other regions have none, which is no gap)", a.SecurityHub.Hubs, secureRegion)
	}
	for _, r := range scenarioRegions {
		if g, ok := a.Gaps.Find("securityhub", r, "DescribeHub", ""); ok {
			t.Errorf("securityhub gap in %s: %s", r, g)
		}
	}
}

func TestMotoDataStores(t *testing.T) {
	sc, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			tb := find(t, "table", a.DynamoDB.Tables, func(x state.DynamoDBTable) string { return x.Region + "/" + x.Name }, r+"/orders")
			eq(t, "table arn", tb.ARN, "arn:aws:dynamodb:"+r+":"+motoAccount+":table/orders")
			eq(t, "table PITR", tb.PITR, secure)
			eq(t, "table deletion protection", tb.DeletionProtection, secure)
			eq(t, "table billing", tb.BillingMode, "PAY_PER_REQUEST")
			eq(t, "table AWS owned key", tb.AWSOwnedKey(), !secure)
			if secure {
				eq(t, "table key", tb.KMSKeyARN, "arn:aws:kms:"+r+":"+motoAccount+":key/"+sc.rotatingKey[r])
				eq(t, "table tag", tb.Tags["data-classification"], "confidential")
			}
			fn := find(t, "function", a.Lambda.Functions, func(x state.LambdaFunction) string { return x.Region + "/" + x.Name }, r+"/resize")
			eq(t, "function runtime", fn.Runtime, "python3.12")
			eq(t, "function arn", fn.ARN, "arn:aws:lambda:"+r+":"+motoAccount+":function:resize")
			eq(t, "function public policy", strings.Contains(fn.Policy, `"*"`), !secure)
			// Function tags come in bulk from the Tagging API's GetResources.
			eq(t, "function owner tag", fn.Tags["owner"], "media")
			eq(t, "function classification", fn.Tags["data-classification"], map[bool]string{true: "confidential"}[secure])
			fs := find(t, "file system", a.EFS.FileSystems, func(x state.FileSystem) string { return x.Region + "/" + x.Name }, r+"/shared-"+r)
			eq(t, "efs encrypted", fs.Encrypted, secure)
			eq(t, "efs policy", strings.Contains(fs.Policy, "aws:SecureTransport"), secure)
			mt := find(t, "mount target", a.EFS.MountTargets, func(x state.EFSMountTarget) string { return x.FileSystemID }, fs.ID)
			eq(t, "mount target subnet", mt.SubnetID, sc.subnet[r])
			eq(t, "mount target region", mt.Region, r)
			ap := find(t, "access point", a.EFS.AccessPoints, func(x state.EFSAccessPoint) string { return x.FileSystemID }, fs.ID)
			eq(t, "access point root", ap.RootDirectory, "/app")
			eq(t, "access point posix user", ap.PosixUser != nil && ap.PosixUser.UID == 1000, secure)
		})
	}
}

// TestMotoMessaging: queues, secrets, repositories and buses are read from
// their bulk listings (and the per-item reads where AWS has no bulk form)
// with their encryption, policies, scanning settings and tags.
func TestMotoMessaging(t *testing.T) {
	sc, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			q := find(t, "queue", a.SQS.Queues, func(x state.Queue) string { return x.Region + "/" + x.Name }, r+"/jobs")
			eq(t, "queue arn", q.ARN, "arn:aws:sqs:"+r+":"+motoAccount+":jobs")
			eq(t, "queue SSE-SQS", q.SQSManagedSSE, secure)
			eq(t, "queue public policy", strings.Contains(q.Policy, `"*"`), !secure)
			// Queue tags come in bulk from the Tagging API's GetResources.
			eq(t, "queue owner tag", q.Tags["owner"], "jobs")
			eq(t, "queue classification", q.Tags["data-classification"], map[bool]string{true: "confidential"}[secure])

			s := find(t, "secret", a.SecretsManager.Secrets, func(x state.Secret) string { return x.Region + "/" + x.Name }, r+"/db-password")
			eq(t, "secret region in arn", strings.HasPrefix(s.ARN, "arn:aws:secretsmanager:"+r+":"+motoAccount+":secret:db-password-"), true)
			eq(t, "secret tag", s.Tags["owner"], "db")
			eq(t, "secret rotation", s.RotationEnabled, false)
			eq(t, "secret created", s.Created != nil, true)
			eq(t, "secret policy to another account", strings.Contains(s.Policy, "777788889999"), !secure)
			if secure {
				eq(t, "secret key", strings.Contains(s.KMSKeyID, sc.rotatingKey[r]), true)
			}

			rp := find(t, "repository", a.ECR.Repositories, func(x state.ECRRepository) string { return x.Region + "/" + x.Name }, r+"/team/api")
			eq(t, "repository arn", rp.ARN, "arn:aws:ecr:"+r+":"+motoAccount+":repository/team/api")
			eq(t, "repository scan on push", rp.ScanOnPush, secure)
			eq(t, "repository tags", rp.TagMutability, map[bool]string{true: "IMMUTABLE", false: "MUTABLE"}[secure])
			eq(t, "repository encryption", rp.EncryptionType, map[bool]string{true: "KMS", false: "AES256"}[secure])
			eq(t, "repository lifecycle", rp.LifecyclePolicy != "", secure)
			eq(t, "repository public policy", strings.Contains(rp.Policy, `"*"`), !secure)
			reg, ok := a.ECR.Registry(r)
			if !ok {
				t.Fatalf("no registry scanning configuration in %s", r)
			}
			eq(t, "registry scan type", reg.ScanType, "BASIC")

			bus := find(t, "bus", a.EventBridge.Buses, func(x state.EventBus) string { return x.Region + "/" + x.Name }, r+"/orders")
			eq(t, "bus arn", bus.ARN, "arn:aws:events:"+r+":"+motoAccount+":event-bus/orders")
			eq(t, "bus policy", strings.Contains(bus.Policy, "444455556666"), secure)
			find(t, "default bus", a.EventBridge.Buses, func(x state.EventBus) string { return x.Region + "/" + x.Name }, r+"/default")
		})
	}
}

// TestMotoECS: clusters with their Container Insights setting and tags,
// services with their public IP setting, and only the latest ACTIVE
// revision of each task definition family, its environment classified
// and its values dropped.
func TestMotoECS(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			k := find(t, "cluster", a.ECS.Clusters, func(x state.ECSCluster) string { return x.Region + "/" + x.Name }, r+"/apps")
			eq(t, "cluster arn", k.ARN, "arn:aws:ecs:"+r+":"+motoAccount+":cluster/apps")
			eq(t, "container insights", k.ContainerInsights, map[bool]string{true: "enabled", false: "disabled"}[secure])
			eq(t, "cluster tag", k.Tags["team"], "web")

			s := find(t, "service", a.ECS.Services, func(x state.ECSService) string { return x.Region + "/" + x.Name }, r+"/web")
			eq(t, "service cluster", s.ClusterARN, k.ARN)
			eq(t, "public ip", s.AssignPublicIP, map[bool]string{true: "DISABLED", false: "ENABLED"}[secure])

			var defs []state.ECSTaskDefinition
			for _, d := range a.ECS.TaskDefinitions {
				if d.Region == r {
					defs = append(defs, d)
				}
			}
			if len(defs) != 1 {
				t.Fatalf("task definitions in %s: %+v, want the latest revision of web only", r, defs)
			}
			d := defs[0]
			eq(t, "family", d.Family, "web")
			eq(t, "revision", d.Revision, 2)
			eq(t, "network mode", d.NetworkMode, "awsvpc")
			if len(d.Containers) != 1 {
				t.Fatalf("containers: %+v", d.Containers)
			}
			c := d.Containers[0]
			eq(t, "privileged", c.Privileged, !secure)
			eq(t, "runs as root", c.RunsAsRoot(), !secure)
			eq(t, "read-only root", c.ReadonlyRootFilesystem, secure)
			eq(t, "log driver", c.LogDriver, map[bool]string{true: "awslogs"}[secure])
			eq(t, "secrets", strings.Join(c.Secrets, ","), map[bool]string{true: "DB_PASSWORD"}[secure])
			want := []state.ECSEnvVar{{Name: "LOG_LEVEL", Shape: state.EnvLiteral}}
			if !secure {
				want = append(want, state.ECSEnvVar{Name: "DB_PASSWORD", Shape: state.EnvLiteral})
			}
			eq(t, "environment", fmt.Sprint(c.Environment), fmt.Sprint(want))
		})
	}
}

// TestMotoEKS: each cluster is listed by name and described with its
// endpoint access, version, secrets encryption, logging and tags.
func TestMotoEKS(t *testing.T) {
	sc, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			k := find(t, "cluster", res.Account.EKS.Clusters, func(x state.EKSCluster) string { return x.Region + "/" + x.Name }, r+"/kube")
			eq(t, "arn", k.ARN, "arn:aws:eks:"+r+":"+motoAccount+":cluster/kube")
			eq(t, "version", k.Version, map[bool]string{true: "1.33", false: "1.27"}[secure])
			eq(t, "public endpoint", k.EndpointPublicAccess, !secure)
			eq(t, "secrets key", k.SecretsKMSKeyARN != "" && strings.Contains(k.SecretsKMSKeyARN, sc.rotatingKey[r]), secure)
			eq(t, "audit log", k.Logs("audit"), secure)
			eq(t, "api log", k.Logs("api"), true)
			eq(t, "tag", k.Tags["team"], "platform")
		})
	}
}

// TestMotoAutoScaling: each region's group and launch configuration are
// read back from the two bulk listings with the settings the checks judge.
func TestMotoAutoScaling(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			g := find(t, "group", res.Account.AutoScaling.Groups, func(x state.AutoScalingGroup) string { return x.Region + "/" + x.Name }, r+"/web")
			eq(t, "arn prefix", strings.HasPrefix(g.ARN, "arn:aws:autoscaling:"+r+":"+motoAccount+":autoScalingGroup:"), true)
			eq(t, "zones", len(g.AvailabilityZones), map[bool]int{true: 2, false: 1}[secure])
			eq(t, "health check", g.HealthCheckType, map[bool]string{true: "ELB", false: "EC2"}[secure])
			eq(t, "target group", len(g.LoadBalancers) == 1 && strings.Contains(g.LoadBalancers[0], ":targetgroup/app/"), true)
			eq(t, "launch template", g.UsesLaunchTemplate(), secure)
			eq(t, "launch configuration", g.LaunchConfigurationName, map[bool]string{true: "", false: "legacy-lc"}[secure])
			eq(t, "mixed instances", g.MixedInstances, secure)
			eq(t, "instance types", strings.Join(g.InstanceTypes, ","), map[bool]string{true: "m6i.large,m7i.large", false: ""}[secure])
			eq(t, "tag", g.Tags["team"], "web")
			l := find(t, "launch configuration", res.Account.AutoScaling.LaunchConfigurations, func(x state.LaunchConfiguration) string { return x.Region + "/" + x.Name }, r+"/legacy-lc")
			eq(t, "lc arn prefix", strings.HasPrefix(l.ARN, "arn:aws:autoscaling:"+r+":"+motoAccount+":launchConfiguration:"), true)
			eq(t, "public ip", l.AssociatePublicIP, !secure)
			eq(t, "tokens", l.MetadataHTTPTokens, map[bool]string{true: "required", false: "optional"}[secure])
		})
	}
}

func TestMotoLoadBalancers(t *testing.T) {
	_, res := collected(t)
	lbs := res.Account.ELB.LoadBalancers
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			alb := find(t, "load balancer", lbs, func(x state.LoadBalancer) string { return x.Region + "/" + x.Type + "/" + x.Name }, r+"/application/web")
			if alb.Scheme != "internet-facing" || len(alb.AvailabilityZones) != 2 || alb.Tags["tier"] != "edge" || !alb.CrossZone || len(alb.SecurityGroups) != 1 {
				t.Errorf("alb = %+v", alb)
			}
			eq(t, "alb access logs", alb.AccessLogs, secure)
			eq(t, "alb deletion protection", alb.DeletionProtection, secure)
			eq(t, "alb drop invalid headers", alb.DropInvalidHeaders, secure)
			if len(alb.Listeners) != 1 || alb.Listeners[0].Port != 80 || alb.Listeners[0].Protocol != "HTTP" || len(alb.Listeners[0].DefaultActions) != 1 {
				t.Fatalf("alb listeners = %+v", alb.Listeners)
			}
			l := alb.Listeners[0]
			if secure {
				if l.DefaultActions[0].Type != "redirect" || l.DefaultActions[0].RedirectProtocol != "HTTPS" || len(l.RuleActions) != 1 || l.RuleActions[0].Type != "forward" {
					t.Errorf("secure listener = %+v", l)
				}
			} else {
				eq(t, "insecure listener action", l.DefaultActions[0].Type, "forward")
				clb := find(t, "classic load balancer", lbs, func(x state.LoadBalancer) string { return x.Region + "/" + x.Type + "/" + x.Name }, r+"/classic/legacy")
				eq(t, "classic arn", clb.ARN, "arn:aws:elasticloadbalancing:"+r+":"+motoAccount+":loadbalancer/legacy")
				if len(clb.Listeners) != 2 || clb.Listeners[0].Secure() == clb.Listeners[1].Secure() {
					t.Errorf("classic listeners = %+v", clb.Listeners)
				}
				eq(t, "classic gap service", clb.GapService(), "elb")
			}
		})
	}
}

func TestMotoBackup(t *testing.T) {
	_, res := collected(t)
	bk := res.Account.Backup
	for _, r := range scenarioRegions {
		v := find(t, "vault", bk.Vaults, func(x state.BackupVault) string { return x.Name }, "vault-"+r)
		eq(t, "vault region", v.Region, r)
	}
	sec := find(t, "vault", bk.Vaults, func(x state.BackupVault) string { return x.Name }, "vault-"+secureRegion)
	if !strings.HasPrefix(sec.EncryptionKeyARN, "arn:aws:kms:"+secureRegion) {
		t.Errorf("secure vault key = %q", sec.EncryptionKeyARN)
	}
	pl := find(t, "plan", bk.Plans, func(x state.BackupPlan) string { return x.Name }, "daily")
	if len(pl.Rules) != 1 || pl.Rules[0].DeleteAfterDays != 35 || pl.Rules[0].TargetVault != "vault-"+secureRegion || len(pl.Rules[0].CopyActions) != 1 ||
		pl.Rules[0].CopyActions[0].Region() != insecureRegion {
		t.Errorf("plan rules = %+v", pl.Rules)
	}
}

func TestMotoSSM(t *testing.T) {
	_, res := collected(t)
	s := res.Account.SSM
	for _, r := range scenarioRegions {
		d := find(t, "document", s.Documents, func(d state.SSMDocument) string { return d.Region }, r)
		eq(t, r+" doc name", d.Name, "patch-now")
		if r == secureRegion {
			eq(t, r+" doc shared", len(d.SharedWith), 0)
		} else {
			sameSet(t, r+" doc shared", d.SharedWith, []string{"111122223333"})
		}
		// moto implements neither: both are not_implemented gaps, and the
		// lists are empty because nothing was read, not because nothing is there.
		for _, op := range []string{"DescribeInstanceInformation", "ListResourceComplianceSummaries"} {
			if g, ok := res.Account.Gaps.Find("ssm", r, op, ""); !ok || g.Reason != state.ReasonNotImplemented {
				t.Errorf("ssm %s in %s: gap %+v, want not_implemented", op, r, g)
			}
		}
	}
}

func TestMotoRDS(t *testing.T) {
	_, res := collected(t)
	d := res.Account.RDS
	byID := func(x state.DBCluster) string { return x.ID }
	sec := find(t, "secondary cluster", d.Clusters, byID, "aurora-secondary")
	eq(t, "secondary global cluster", sec.GlobalClusterID, "events-global")
	sameSet(t, "secondary's global cluster regions", sec.GlobalClusterRegions, []string{homeRegion})
	eq(t, "replica cluster source", find(t, "replica cluster", d.Clusters, byID, "aurora-replica").ReplicationSource,
		"arn:aws:rds:"+homeRegion+":"+motoAccount+":cluster:aurora-"+homeRegion)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		in := find(t, "db", d.Instances, func(x state.DBInstance) string { return x.ID }, "db-"+r)
		if in.StorageEncrypted != secure || in.PubliclyAccessible == secure || in.DeletionProtection != secure || in.Engine != "postgres" ||
			in.Tags["data-classification"] != "internal" || in.Region != r || in.MasterUsername != "dbadmin" {
			t.Errorf("%s instance = %+v", r, in)
		}
		sameSet(t, "instance parameter groups", in.ParameterGroups, []string{"pg-secure"})
		eq(t, "backup retention", in.BackupRetentionDays, map[bool]int{true: 14, false: 0}[secure])
		eq(t, "instance arn", in.ARN, "arn:aws:rds:"+r+":"+motoAccount+":db:db-"+r)
		cl := find(t, "cluster", d.Clusters, func(x state.DBCluster) string { return x.ID }, "aurora-"+r)
		eq(t, "cluster encrypted", cl.StorageEncrypted, secure)
		if r == homeRegion {
			// The global database and the replica cluster of the scenario.
			eq(t, "global cluster", cl.GlobalClusterID, "events-global")
			sameSet(t, "global cluster regions", cl.GlobalClusterRegions, []string{secureRegion})
			sameSet(t, "replica clusters", cl.ReadReplicas, []string{"arn:aws:rds:" + insecureRegion + ":" + motoAccount + ":cluster:aurora-replica"})
		}
		snap := find(t, "snapshot", d.Snapshots, func(x state.DBSnapshot) string { return x.ID }, "snap-"+r)
		eq(t, "snapshot type", snap.Type, "manual")
		eq(t, "snapshot public", snap.Public(), !secure)
		csnap := find(t, "cluster snapshot", d.Snapshots, func(x state.DBSnapshot) string { return x.ID }, "csnap-"+r)
		eq(t, "cluster snapshot cluster", csnap.Cluster, true)
		sameSet(t, "cluster snapshot shared", csnap.SharedWith, []string{"111122223333"})
		var pg *state.ParameterGroup
		for i := range d.ParameterGroups {
			if d.ParameterGroups[i].Name == "pg-secure" && d.ParameterGroups[i].Region == r {
				pg = &d.ParameterGroups[i]
			}
		}
		if pg == nil || pg.Parameters["rds.force_ssl"] != "1" || pg.Family != "postgres15" {
			t.Errorf("%s pg-secure = %+v", r, pg)
		}
		es := find(t, "event subscription", d.EventSubscriptions, func(x state.EventSubscription) string { return x.Region }, r)
		if es.Name != "db-events" || !es.Enabled || es.SourceType != "db-instance" {
			t.Errorf("%s event subscription = %+v", r, es)
		}
		if g, ok := res.Account.Gaps.Find("rds", r, "DescribePendingMaintenanceActions", ""); !ok || g.Reason != state.ReasonNotImplemented {
			t.Errorf("pending maintenance gap = %+v, want not_implemented", g)
		}
	}
}

func TestMotoRedshiftAndWorkSpaces(t *testing.T) {
	sc, res := collected(t)
	ws := res.Account.WorkSpaces
	d := find(t, "directory", ws.Directories, func(x state.WorkspaceDirectory) string { return x.ID }, sc.directory)
	if d.Region != secureRegion || d.MFAEnabled == nil || *d.MFAEnabled {
		t.Errorf("directory = %+v, want MFA read from Directory Service as off (no RADIUS)", d)
	}
	w := find(t, "workspace", ws.Workspaces, func(x state.Workspace) string { return x.UserName }, "alice")
	if w.DirectoryID != sc.directory || !w.RootVolumeEncryption || !w.UserVolumeEncryption || w.VolumeEncryptionKey == "" {
		t.Errorf("workspace = %+v", w)
	}
	eq(t, "workspace classification (GetResources)", w.Tags["data-classification"], "confidential")
	// moto has no DescribeWorkspaceBundles: the image is unknown, and says why.
	eq(t, "workspace image", w.ImageID, "")
	if g, ok := res.Account.Gaps.Find("workspaces", secureRegion, "DescribeWorkspaceBundles", ""); !ok || g.Reason != state.ReasonNotImplemented {
		t.Errorf("workspace bundles gap = %+v, want not_implemented", g)
	}
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		c := find(t, "redshift cluster", res.Account.Redshift.Clusters, func(x state.RedshiftCluster) string { return x.ID }, "dw-"+r)
		if c.Encrypted != secure || c.PubliclyAccessible == secure || c.Tags["team"] != "bi" || c.Port != 5439 || c.MasterUsername != "dwadmin" {
			t.Errorf("%s redshift = %+v", r, c)
		}
		sameSet(t, "redshift parameter groups", c.ParameterGroups, []string{"rs-secure"})
		eq(t, "redshift arn", c.ARN, "arn:aws:redshift:"+r+":"+motoAccount+":cluster:dw-"+r)
		found := false
		for _, g := range res.Account.Redshift.ParameterGroups {
			found = found || (g.Name == "rs-secure" && g.Region == r)
		}
		if !found {
			t.Errorf("%s: parameter group rs-secure not collected", r)
		}
		// WorkSpaces: moto serves empty listings, and no IP groups at all.
		if g, ok := res.Account.Gaps.Find("workspaces", r, "DescribeIpGroups", ""); !ok || g.Reason != state.ReasonNotImplemented {
			t.Errorf("workspaces ip groups gap = %+v", g)
		}
		if _, ok := res.Account.Gaps.Find("workspaces", r, "DescribeWorkspaces", ""); ok {
			t.Error("DescribeWorkspaces failed against moto")
		}
	}
}

// TestMotoS3AccessPoints: the listing and GetAccessPoint fill each access
// point once, although moto lists them in every scanned region.
func TestMotoS3AccessPoints(t *testing.T) {
	_, res := collected(t)
	aps := res.Account.S3.AccessPoints
	if len(aps) != 2 {
		t.Fatalf("access points = %+v, want open-ap and vpc-ap once each", aps)
	}
	byName := func(ap state.S3AccessPoint) string { return ap.Name }
	open := find(t, "access point", aps, byName, "open-ap")
	eq(t, "open-ap arn", open.ARN, "arn:aws:s3:"+homeRegion+":"+motoAccount+":accesspoint/open-ap")
	eq(t, "open-ap region", open.Region, homeRegion)
	eq(t, "open-ap bucket", open.Bucket, "shoulder-open")
	eq(t, "open-ap origin", open.NetworkOrigin, "Internet")
	eq(t, "open-ap vpc", open.VPCID, "")
	if p := open.PublicAccessBlock; p == nil || !p.BlockPublicAcls || !p.IgnorePublicAcls || p.BlockPublicPolicy || p.RestrictPublicBuckets {
		t.Errorf("open-ap BPA = %+v, want ACL settings on, policy settings off", p)
	}
	vpc := find(t, "access point", aps, byName, "vpc-ap")
	eq(t, "vpc-ap bucket", vpc.Bucket, "shoulder-secure")
	eq(t, "vpc-ap origin", vpc.NetworkOrigin, "VPC")
	eq(t, "vpc-ap vpc", vpc.VPCID, "vpc-0123456789abcdef0")
	if !vpc.PublicAccessBlock.All() {
		t.Errorf("vpc-ap BPA = %+v, want S3's default (all on)", vpc.PublicAccessBlock)
	}
}

// TestMotoS3MultiRegionAccessPoints: the account-level listing fills the
// Multi-Region Access Point with its own Block Public Access.
func TestMotoS3MultiRegionAccessPoints(t *testing.T) {
	_, res := collected(t)
	ms := res.Account.S3.MultiRegionAccessPoints
	if len(ms) != 1 {
		t.Fatalf("multi-region access points = %+v, want open-mrap once", ms)
	}
	m := ms[0]
	eq(t, "name", m.Name, "open-mrap")
	eq(t, "region", m.Region, "")
	eq(t, "arn", m.ARN, "arn:aws:s3::"+motoAccount+":accesspoint/"+m.Alias)
	eq(t, "status", m.Status, "READY")
	if len(m.Regions) != 1 || m.Regions[0].Bucket != "shoulder-open" {
		t.Errorf("regions = %+v, want shoulder-open", m.Regions)
	}
	if p := m.PublicAccessBlock; p == nil || p.BlockPublicAcls || p.IgnorePublicAcls || !p.BlockPublicPolicy || !p.RestrictPublicBuckets {
		t.Errorf("BPA = %+v, want ACL settings off, policy settings on", p)
	}
}

// TestMotoOnlyExpectedGaps: every gap of the scenario is one this test
// expects (an operation moto lacks, the disabled regions, directory MFA).
func TestMotoOnlyExpectedGaps(t *testing.T) {
	_, res := collected(t)
	lacks := map[string]bool{
		"access-analyzer:ListAnalyzers": true, "ec2:GetEbsDefaultKmsKeyId": true, "ec2:GetSnapshotBlockPublicAccessState": true,
		"ec2:GetImageBlockPublicAccessState": true, "ec2:GetInstanceMetadataDefaults": true, "rds:DescribePendingMaintenanceActions": true,
		"ssm:DescribeInstanceInformation": true, "ssm:ListResourceComplianceSummaries": true, "workspaces:DescribeIpGroups": true,
		"guardduty:GetFindingsStatistics": true, "ec2:DescribeClientVpnEndpoints": true, "ec2:DescribeVpcBlockPublicAccessOptions": true,
		"ssm:GetServiceSetting": true, "cloudwatch:DescribeAlarms": true, "securityhub:GetEnabledStandards": true, "elasticfilesystem:DescribeReplicationConfigurations": true,
		"lambda:GetRuntimeManagementConfig": true, "backup:ListProtectedResources": true, "backup:GetBackupVaultAccessPolicy": true,
		"backup:ListRecoveryPointsByBackupVault": true, "backup:ListBackupSelections": true, "workspaces:DescribeWorkspaceBundles": true,
		"iam:ListOrganizationsFeatures": true, "guardduty:DescribeOrganizationConfiguration": true,
		"elasticmapreduce:ListSecurityConfigurations": true,                                          // svc-analytics
		"macie2:GetAutomatedDiscoveryConfiguration":   true,                                          // svc-sec
		"network-firewall:ListFirewallPolicies":       true, "network-firewall:ListRuleGroups": true, // svc-netfw
		// svc-classic: this moto serves no WAF Classic (the stub does).
		"waf:ListWebACLs": true, "waf:ListRules": true, "waf:ListRuleGroups": true,
		"waf-regional:ListWebACLs": true, "waf-regional:ListRules": true, "waf-regional:ListRuleGroups": true,
		"kafkaconnect:ListConnectors":        true, // svc-msk (moto has no MSK Connect)
		"redshift-serverless:ListWorkgroups": true, // svc-msk (nor Redshift Serverless)
		"redshift-serverless:ListNamespaces": true,
		// svc-eb: this moto lists environments but serves no configuration.
		"elasticbeanstalk:DescribeConfigurationSettings": true,
		"glue:GetMLTransforms":                           true, // svc-glue (this moto has no ML transforms)
		// svc-gaps3: this moto has no CodeBuild report groups (the stub serves them).
		"codebuild:ListReportGroups": true,
		// svc-s3dir: this moto answers ListDirectoryBuckets with its general
		// purpose buckets (it serves no directory buckets; the stub does).
		"s3express:ListDirectoryBuckets": true,
		// svc-connect: this moto answers connect's ListInstances with a
		// bare 500 in server mode and serves no DescribeInstanceAttribute
		// (the stub serves both).
		"connect:ListInstances": true,
	}
	for _, g := range res.Account.Gaps.All() {
		switch {
		case g.Reason == state.ReasonRegionDisabled && g.Service == state.AllOperations:
		case g.Reason == state.ReasonUnsupported && g.Operation == state.AllOperations:
		case g.Reason == state.ReasonNotImplemented && lacks[g.Service+":"+g.Operation]:
		// The scenario account is not Security Hub's delegated
		// administrator: moto refuses, as AWS does.
		case g.Reason == state.ReasonAccessDenied && g.Service == "securityhub" && g.Operation == "DescribeOrganizationConfiguration":
		// svc-sec: the home region never activates Inspector, and this
		// moto leaves such an account out of the answer (TestMotoInspector).
		case g.Service == "inspector2" && g.Operation == "BatchGetAccountStatus" && g.Region == homeRegion:
		default:
			t.Errorf("unexpected gap: %s", g)
		}
	}
	if n := res.Stats.Totals().Throttles; n != 0 {
		t.Errorf("%d throttles against moto", n)
	}
}

// TestMotoOperationsDeclaredAndReadOnly: every request the collections
// sent (to moto and to the stub endpoint) is a declared operation and a
// read; every declared operation was sent at least once (so the
// declaration holds nothing the collectors do not use).
func TestMotoOperationsDeclaredAndReadOnly(t *testing.T) {
	collected(t)
	// The SDK's service IDs, mapped to the declaration's endpoint prefixes.
	prefix := map[string]string{
		"STS": "sts", "IAM": "iam", "Account": "account", "AccessAnalyzer": "access-analyzer", "Organizations": "organizations",
		"S3": "s3", "S3 Control": "s3control", "EC2": "ec2", "KMS": "kms", "CloudTrail": "cloudtrail", "Config Service": "config",
		"GuardDuty": "guardduty", "SSM": "ssm", "RDS": "rds", "Redshift": "redshift", "WorkSpaces": "workspaces",
		"CloudWatch Logs": "logs", "CloudWatch": "cloudwatch", "SNS": "sns", "SecurityHub": "securityhub",
		"DynamoDB": "dynamodb", "Application Auto Scaling": "application-autoscaling", "Lambda": "lambda", "EFS": "elasticfilesystem",
		"Directory Service": "ds", "Elastic Load Balancing v2": "elbv2", "Elastic Load Balancing": "elb", "WAFV2": "wafv2", "Backup": "backup",
		"Resource Groups Tagging API": "tagging", "SQS": "sqs", "Secrets Manager": "secretsmanager", "ECR": "ecr", "EventBridge": "events",
		"ECS": "ecs", "EKS": "eks",
		"ACM": "acm", "CloudFront": "cloudfront",
		"SageMaker": "sagemaker", "EMR": "elasticmapreduce", // svc-analytics
		"API Gateway": "apigateway", "ApiGatewayV2": "apigatewayv2", // svc-api
		"Auto Scaling": "autoscaling", // svc-compute2
		"ElastiCache":  "elasticache", // svc-data
		"Kinesis":      "kinesis",     // svc-stream
		"Firehose":     "firehose",
		"OpenSearch":   "es", // svc-search
		"Route 53":     "route53",
		"Inspector2":   "inspector2", "Macie2": "macie2", // svc-sec
		"CodeBuild":                  "codebuild",        // svc-build
		"Database Migration Service": "dms",              // svc-build
		"Network Firewall":           "network-firewall", // svc-netfw
		"Transfer":                   "transfer",
		"WAF":                        "waf", "WAF Regional": "waf-regional", // svc-classic
		"AppSync":          "appsync",                                                      // svc-classic
		"Cognito Identity": "cognito-identity", "Cognito Identity Provider": "cognito-idp", // svc-classic
		"Kafka":               "kafka", // svc-msk
		"KafkaConnect":        "kafkaconnect",
		"SFN":                 "states",
		"Redshift Serverless": "redshift-serverless",
		"DAX":                 "dax",              // svc-dax
		"Elastic Beanstalk":   "elasticbeanstalk", // svc-eb
		"Glue":                "glue",             // svc-glue
		"Athena":              "athena",
		"FSx":                 "fsx", // svc-fsx
		"mq":                  "mq",  // svc-mq
		"DataSync":            "datasync",
		"Connect":             "connect", // svc-connect
		"ACM PCA":             "acm-pca", // svc-s3dir
		// svc-catalog: AWS Service Catalog
		"Service Catalog": "servicecatalog",
	}
	decl, err := collect.NewDeclaration(nil)
	if err != nil {
		t.Fatal(err)
	}
	sent := map[string]bool{}
	// The stub endpoint serves a few operations moto lacks.
	stubCollected(t)
	// --role-arn / --accounts: the AssumeRole the collection starts with.
	assumed := &recordingClient{}
	if _, err := Collect(context.Background(), Options{EndpointURL: moto.URL(t), LoadOptions: testCreds(), Regions: []string{secureRegion},
		RoleARN: "arn:aws:iam::" + motoAccount + ":role/app-role", APIOptions: []func(*middleware.Stack) error{assumed.middleware}}); err != nil {
		t.Fatal(err)
	}
	// --org: the organization's tree, listed by its management account.
	discovered := &recordingClient{}
	orgOpts := motoOrg(t)
	orgOpts.APIOptions = []func(*middleware.Stack) error{discovered.middleware}
	if d, err := Discover(context.Background(), orgOpts); err != nil || d.Organization == nil || d.Organization.Tree == nil {
		t.Fatalf("discover: %+v, %v", d, err)
	}
	for _, s := range append(append(append(recorded.ops(), stubRec.ops()...), assumed.ops()...), discovered.ops()...) {
		svc, ok := prefix[s.ServiceID]
		if svc == "s3" && s.Signing == "s3express" {
			svc = "s3express" // svc-s3dir: directory buckets, signed for the s3express-control endpoint
		}
		if !ok {
			t.Errorf("request to an unknown service %q (%s)", s.ServiceID, s.Action)
			continue
		}
		if _, ok := decl.Lookup(svc, s.Action); !ok {
			t.Errorf("sent %s:%s, which the declaration (and so `shoulder permissions`) lacks", svc, s.Action)
		}
		if !collect.IsRead(s.Action) {
			t.Errorf("sent %s:%s, which is not a read", svc, s.Action)
		}
		// REST services read with GET: anything else would change state.
		if (svc == "s3" || svc == "s3control" || svc == "s3express") && s.Method != "GET" {
			t.Errorf("sent %s:%s with %s", svc, s.Action, s.Method)
		}
		sent[svc+":"+s.Action] = true
	}
	if len(sent) == 0 {
		t.Fatal("the recorder saw no request")
	}
	for _, o := range collect.Operations() {
		if !sent[o.Key()] {
			t.Errorf("declared %s is never sent by the scenario's collection", o.Key())
		}
	}
	perms := map[string]bool{}
	for _, p := range collect.Permissions(collect.Operations()) {
		perms[p] = true
	}
	for k := range sent {
		svc, action, _ := strings.Cut(k, ":")
		o, _ := decl.Lookup(svc, action)
		if !perms[o.Permission] {
			t.Errorf("%s needs %s, which the policy lacks", k, o.Permission)
		}
	}
}
