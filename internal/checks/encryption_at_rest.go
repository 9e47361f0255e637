package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func encryptionAtRestChecks() []check.Check {
	return []check.Check{
		ec2EBSDefaultEncryption(),
	}
}

func ec2EBSDefaultEncryption() check.Check {
	return check.Check{
		ID: "ec2_ebs_default_encryption",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range a.ScannedRegions() {
				ref := regionRef(a, "ec2", r)
				if g, ok := a.Gaps.ForInput(state.InputEBSEncryptionByDefault, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				s, ok := a.EC2.Settings(r)
				switch {
				case !ok:
					out = append(out, check.UnknownR(ref, "EBS default encryption was not collected in %s", r))
				case s.EBSEncryptionByDefault:
					out = append(out, check.PassR(ref, "EBS encryption by default is on in %s", r))
				default:
					out = append(out, check.FailR(ref, "EBS encryption by default is off in %s", r))
				}
			}
			return out
		},
	}
}
