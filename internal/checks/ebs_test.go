package checks

import (
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func ebsCases() map[string][]checkCase {
	vol := func(id string, enc bool) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.Volumes = append(a.EC2.Volumes, state.Volume{Meta: state.Meta{ARN: "arn:aws:ec2:eu-west-1:" + testAccountID + ":volume/" + id, Region: "eu-west-1"},
				ID: id, Encrypted: enc, AttachedTo: "i-1", State: "in-use"})
		}
	}
	snap := func(id string, enc bool) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.Snapshots = append(a.EC2.Snapshots, state.Snapshot{Meta: state.Meta{ARN: "arn:aws:ec2:eu-west-1:" + testAccountID + ":snapshot/" + id, Region: "eu-west-1"},
				ID: id, Encrypted: enc, VolumeID: "vol-1"})
		}
	}
	settings := func(eu, us state.EC2RegionSettings) func(*state.Account) {
		return func(a *state.Account) {
			eu.Region, us.Region = "eu-west-1", "us-east-1"
			a.EC2.RegionSettings = []state.EC2RegionSettings{eu, us}
		}
	}
	on := func(key string) state.EC2RegionSettings {
		return state.EC2RegionSettings{EBSEncryptionByDefault: true, EBSDefaultKMSKeyID: key}
	}
	return map[string][]checkCase{
		"ec2_volume_encrypted": {
			{name: "encrypted", acct: baseAccount(vol("vol-1", true)), want: dsWant(dsP), msg: "attached to i-1"},
			{name: "plain", acct: baseAccount(vol("vol-1", false)), want: dsWant(dsF)},
			{name: "listing denied in eu", acct: baseAccount(vol("vol-1", false), dsGap("ec2", "eu-west-1", "DescribeVolumes", "")), want: dsWant(dsU)},
		},
		"ec2_ebs_snapshot_encrypted": {
			{name: "encrypted", acct: baseAccount(snap("snap-1", true)), want: dsWant(dsP)},
			{name: "plain", acct: baseAccount(snap("snap-1", false), snap("snap-2", true)), want: dsWant(dsF, dsP)},
			{name: "listing denied in us only", acct: baseAccount(snap("snap-1", false), dsGap("ec2", "us-east-1", "DescribeSnapshots", "")), want: dsWant(dsU, dsF)},
		},
		"ec2_ebs_default_encryption_cmk": {
			{name: "cmk and aws managed", acct: baseAccount(dsKey(nil), settings(on(dsKeyARN), on(""))), want: dsWant(dsP, dsF), msg: "customer_managed"},
			{name: "alias of cmk", acct: baseAccount(dsKey(nil), settings(on("alias/app"), state.EC2RegionSettings{})), want: dsWant(dsP, dsNA)},
			{name: "own key not collected", acct: baseAccount(settings(on("arn:aws:kms:eu-west-1:"+testAccountID+":key/x"), on("alias/aws/ebs"))), want: dsWant(dsU, dsF)},
			{name: "untrusted account's key", acct: baseAccount(settings(on("arn:aws:kms:eu-west-1:999999999999:key/x"), on("alias/aws/ebs"))), want: dsWant(dsF, dsF), msg: "does not trust"},
			{name: "trusted account's key", acct: baseAccount(settings(on("arn:aws:kms:eu-west-1:999999999999:key/x"), on("alias/aws/ebs"))),
				pol: &policy.Policy{TrustedAccounts: []string{"999999999999"}}, want: dsWant(dsP, dsF), msg: "trusted account 999999999999"},
			{name: "denied", acct: baseAccount(settings(on(""), on("")), dsGap("ec2", "eu-west-1", "GetEbsDefaultKmsKeyId", "")), want: dsWant(dsU, dsF)},
			{name: "not collected", acct: baseAccount(), want: dsWant(dsU, dsU)},
		},
	}
}
