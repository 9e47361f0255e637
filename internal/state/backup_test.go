package state

import "testing"

func TestCopyActionDestination(t *testing.T) {
	for _, tc := range []struct {
		arn, region, account string
	}{
		{"arn:aws:backup:eu-west-1:111122223333:backup-vault:dr", "eu-west-1", "111122223333"},
		{"arn:aws-us-gov:backup:us-gov-west-1:444455556666:backup-vault:x:y", "us-gov-west-1", "444455556666"},
		{"not-an-arn", "", ""},
		{"", "", ""},
	} {
		c := CopyAction{DestinationVaultARN: tc.arn}
		if c.Region() != tc.region || c.Account() != tc.account {
			t.Errorf("%q: region %q account %q, want %q %q", tc.arn, c.Region(), c.Account(), tc.region, tc.account)
		}
	}
}

func TestBackupSelectionSelects(t *testing.T) {
	const fs = "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1"
	tags := map[string]string{"backup": "daily", "data-classification": "pii"}
	for _, tc := range []struct {
		name string
		sel  BackupSelection
		want bool
	}{
		{"exact arn", BackupSelection{Resources: []string{fs}}, true},
		{"everything", BackupSelection{Resources: []string{"*"}}, true},
		{"type wildcard", BackupSelection{Resources: []string{"arn:aws:elasticfilesystem:*:*:file-system/*"}}, true},
		{"other type", BackupSelection{Resources: []string{"arn:aws:rds:*:*:db:*"}}, false},
		{"infix wildcards", BackupSelection{Resources: []string{"arn:*:eu-west-1:*:file-system/fs-*"}}, true},
		{"wildcard needs its suffix", BackupSelection{Resources: []string{"arn:*:file-system/fs-2*"}}, false},
		{"excluded", BackupSelection{Resources: []string{"*"}, NotResources: []string{"arn:aws:elasticfilesystem:*"}}, false},
		{"tag match", BackupSelection{Tags: []TagCondition{{Key: "backup", Value: "weekly"}, {Key: "backup", Value: "daily"}}}, true},
		{"tag value differs", BackupSelection{Tags: []TagCondition{{Key: "backup", Value: "weekly"}}}, false},
		{"tag excluded by arn", BackupSelection{Tags: []TagCondition{{Key: "backup", Value: "daily"}}, NotResources: []string{fs}}, false},
		{"empty", BackupSelection{}, false},
	} {
		if got := tc.sel.Selects(fs, tags); got != tc.want {
			t.Errorf("%s: Selects = %v, want %v", tc.name, got, tc.want)
		}
	}
}
