package synth

import (
	"encoding/json"
	"testing"
)

// TestSameSeedSameAccount: generation is deterministic.
func TestSameSeedSameAccount(t *testing.T) {
	a, _ := json.Marshal(Account(Options{Seed: 7, Resources: 2000}))
	b, _ := json.Marshal(Account(Options{Seed: 7, Resources: 2000}))
	c, _ := json.Marshal(Account(Options{Seed: 8, Resources: 2000}))
	if string(a) != string(b) {
		t.Error("the same seed gave two accounts")
	}
	if string(a) == string(c) {
		t.Error("two seeds gave the same account")
	}
}

// TestSize: Count is close to the requested number of resources.
func TestSize(t *testing.T) {
	for _, n := range []int{5000, 50000} {
		got := Count(Account(Options{Seed: 1, Resources: n}))
		if got < n*9/10 || got > n*11/10 {
			t.Errorf("Resources %d: Count %d", n, got)
		}
	}
}

// TestReferences: the cross-references AWS guarantees hold, so a collector
// reading the generated account through the fake finds what it looks for.
func TestReferences(t *testing.T) {
	a := Account(Options{Seed: 3, Resources: 3000})
	vols := map[string]string{}
	for _, v := range a.EC2.Volumes {
		vols[v.ID] = v.AttachedTo
	}
	images := map[string]bool{}
	for _, im := range a.EC2.Images {
		images[im.Region+"/"+im.ID] = true
	}
	usedForeign := map[string]bool{}
	for _, in := range a.EC2.Instances {
		for _, v := range in.VolumeIDs {
			if vols[v] != in.ID {
				t.Errorf("instance %s: volume %s is attached to %q", in.ID, v, vols[v])
			}
		}
		if !images[in.Region+"/"+in.ImageID] {
			t.Errorf("instance %s runs AMI %s, which is not in the state", in.ID, in.ImageID)
		}
		usedForeign[in.Region+"/"+in.ImageID] = true
	}
	for _, im := range a.EC2.Images {
		if im.InUseOnly && !usedForeign[im.Region+"/"+im.ID] {
			t.Errorf("foreign AMI %s is recorded but no instance runs it", im.ID)
		}
		if (im.OwnerID == AccountID) == im.InUseOnly {
			t.Errorf("AMI %s: owner %s, in_use_only %v", im.ID, im.OwnerID, im.InUseOnly)
		}
	}
	rows := map[string]int{}
	for i, r := range a.IAM.CredentialReport {
		rows[r.User] = i
	}
	for _, u := range a.IAM.Users {
		r := a.IAM.CredentialReport[rows[u.Name]]
		if r.User != u.Name || r.MFAActive != (len(u.MFADevices) > 0) || (len(u.AccessKeys) > 0) != (r.AccessKey1LastRotated != nil) {
			t.Errorf("user %s: credential report row %+v does not match", u.Name, r)
		}
	}
	members := map[string]string{}
	for _, c := range a.RDS.Clusters {
		for _, m := range c.Members {
			members[m] = c.ID
		}
	}
	for _, d := range a.RDS.Instances {
		if members[d.ID] != d.ClusterID {
			t.Errorf("DB instance %s: cluster %q, member of %q", d.ID, d.ClusterID, members[d.ID])
		}
	}
	if len(a.Regions) != 5 || a.Regions[4].Name != DisabledRegion || a.Regions[4].Enabled {
		t.Errorf("regions %+v: want four scanned and %s disabled", a.Regions, DisabledRegion)
	}
}
