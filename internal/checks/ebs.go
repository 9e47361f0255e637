package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ebsChecks are the EBS encryption duties beyond default encryption
// (ec2_ebs_default_encryption, in encryption_at_rest.go).
func ebsChecks() []check.Check {
	return []check.Check{
		ec2VolumeEncrypted(),
		ec2EBSSnapshotEncrypted(),
		ec2EBSDefaultEncryptionCMK(),
	}
}

func ec2VolumeEncrypted() check.Check {
	return check.Check{
		ID:          "ec2_volume_encrypted",
		Title:       "EBS volumes are encrypted",
		Description: "An unencrypted volume leaves its data, its snapshots and any volume restored from them in clear at rest.",
		Area:        check.EncryptionAtRest,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "A volume cannot be encrypted in place: EC2 > Volumes > Create snapshot; Snapshots > Copy snapshot with Encrypt this snapshot and a KMS key; create a volume from the copy and swap it in (stop the instance first). Turn on EBS encryption by default.",
			CLI:       "aws ec2 create-snapshot --volume-id <VOLUME_ID>\naws ec2 copy-snapshot --source-region <REGION> --source-snapshot-id <SNAP_ID> --encrypted --kms-key-id <KEY_ARN>\naws ec2 create-volume --snapshot-id <NEW_SNAP_ID> --availability-zone <AZ>",
			Terraform: "resource \"aws_ebs_volume\" \"this\" {\n  availability_zone = \"<AZ>\"\n  size              = 100\n  encrypted         = true\n  kms_key_id        = aws_kms_key.ebs.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2Volumes}, a.EC2.Volumes, func(v state.Volume) check.Result {
				where := "unattached"
				if v.AttachedTo != "" {
					where = "attached to " + v.AttachedTo
				}
				if v.Encrypted {
					return check.PassR(v, "%s (%s) is encrypted", v.ID, where)
				}
				return check.FailR(v, "%s (%s) is not encrypted", v.ID, where)
			})
		},
	}
}

func ec2EBSSnapshotEncrypted() check.Check {
	return check.Check{
		ID:          "ec2_ebs_snapshot_encrypted",
		Title:       "EBS snapshots are encrypted",
		Description: "Snapshots are full copies of a volume's data; an unencrypted one can be copied, shared or restored in clear.",
		Area:        check.EncryptionAtRest,
		Service:     "ec2",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "EC2 > Snapshots > snapshot > Actions > Copy snapshot > tick Encrypt this snapshot, choose a KMS key > Copy; then delete the unencrypted original.",
			CLI:       "aws ec2 copy-snapshot --source-region <REGION> --source-snapshot-id <SNAP_ID> --encrypted --kms-key-id <KEY_ARN>\naws ec2 delete-snapshot --snapshot-id <SNAP_ID>",
			Terraform: "resource \"aws_ebs_snapshot_copy\" \"encrypted\" {\n  source_snapshot_id = \"<SNAP_ID>\"\n  source_region      = \"<REGION>\"\n  encrypted          = true\n  kms_key_id         = aws_kms_key.ebs.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "ec2", []state.Input{state.InputEC2Snapshots}, a.EC2.Snapshots, func(s state.Snapshot) check.Result {
				if s.Encrypted {
					return check.PassR(s, "%s is encrypted", s.ID)
				}
				return check.FailR(s, "%s (from %s) is not encrypted", s.ID, s.VolumeID)
			})
		},
	}
}

func ec2EBSDefaultEncryptionCMK() check.Check {
	return check.Check{
		ID:          "ec2_ebs_default_encryption_cmk",
		Title:       "EBS default encryption uses a customer managed key",
		Description: "New volumes are encrypted with the region's default EBS key; when that is the AWS managed aws/ebs key, the customer cannot restrict its use by policy or share encrypted snapshots safely.",
		Area:        check.KeyCustody,
		Service:     "ec2",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "EC2 > Settings (Data protection and security) > EBS encryption > Manage > Default encryption key: choose a customer managed key > Update. Repeat per region.",
			CLI:       "aws ec2 modify-ebs-default-kms-key-id --kms-key-id <KEY_ARN> --region <REGION>",
			Terraform: "resource \"aws_ebs_default_kms_key\" \"this\" {\n  key_arn = aws_kms_key.ebs.arn\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			ix := custody.NewIndex(a.KMS.Keys)
			var out []check.Result
			for _, r := range a.ScannedRegions() {
				ref := regionRef(a, "ec2", r)
				if g, ok := a.Gaps.ForInputs(r, "", state.InputEBSEncryptionByDefault, state.InputEBSDefaultKMSKey); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				s, ok := a.EC2.Settings(r)
				if !ok {
					out = append(out, check.UnknownR(ref, "EBS default encryption settings were not collected in %s", r))
					continue
				}
				if !s.EBSEncryptionByDefault {
					out = append(out, check.NotApplicableR(ref, "EBS encryption by default is off in %s (see ec2_ebs_default_encryption)", r))
					continue
				}
				key := s.EBSDefaultKMSKeyID
				if key == "" {
					key = "alias/aws/ebs"
				}
				l := ix.Level(r, key)
				if owner := foreignKeyAccount(a, key); owner != "" && l == custody.Unknown {
					// Another account's key is never readable here, but it
					// can only be a customer managed one (AWS managed keys
					// cannot be used across accounts): who holds it decides.
					if trustedAccount(a, p, owner) {
						out = append(out, check.PassR(ref, "default EBS key in %s is %s, a customer managed key of trusted account %s", r, key, owner))
					} else {
						out = append(out, check.FailR(ref, "default EBS key in %s is %s, held by account %s, which the policy does not trust", r, key, owner))
					}
					continue
				}
				if g, ok := ix.Gap(&a.Gaps, r, key); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				switch {
				case l == custody.Unknown:
					out = append(out, check.UnknownR(ref, "default EBS key %s is not among the collected KMS keys", key))
				case l.Meets(custody.CustomerManaged):
					out = append(out, check.PassR(ref, "default EBS key in %s is %s (%s)", r, key, l))
				default:
					out = append(out, check.FailR(ref, "default EBS key in %s is %s (%s)", r, key, l))
				}
			}
			return out
		},
	}
}

// foreignKeyAccount returns the account of a KMS key or alias ARN that
// belongs to another account than a's, "" for a's own keys and for key IDs
// and alias names (which always name a key of the account itself).
func foreignKeyAccount(a *state.Account, ref string) string {
	if arnPart(ref, 2) != "kms" {
		return ""
	}
	if owner := arnPart(ref, 4); owner != "" && owner != a.AccountID {
		return owner
	}
	return ""
}
