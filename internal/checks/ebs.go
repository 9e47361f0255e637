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
		ID: "ec2_volume_encrypted",
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
		ID: "ec2_ebs_snapshot_encrypted",
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
		ID: "ec2_ebs_default_encryption_cmk",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			ix := keyIndex(a)
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
