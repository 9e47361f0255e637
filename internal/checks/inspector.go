package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// inspectorChecks are the customer's duties on Amazon Inspector: AWS runs
// the scanners and keeps their vulnerability data current, but whether
// they scan the account's instances, images and functions in each region
// is the customer's setting.
func inspectorChecks() []check.Check {
	return []check.Check{
		inspectorScanCheck("inspector_ec2_scanning_enabled", "EC2 scanning", func(s state.InspectorStatus) string { return s.EC2 }),
		inspectorScanCheck("inspector_ecr_scanning_enabled", "ECR scanning", func(s state.InspectorStatus) string { return s.ECR }),
		inspectorScanCheck("inspector_lambda_code_scanning_enabled", "Lambda code scanning", func(s state.InspectorStatus) string { return s.LambdaCode }),
		inspectorScanCheck("inspector_lambda_scanning_enabled", "Lambda standard scanning", func(s state.InspectorStatus) string { return s.Lambda }),
	}
}

// inspectorScanCheck judges one scan type in every region: it passes
// only where the scan type is ENABLED and Inspector itself is not
// suspended. A region whose status was not read, or whose answer named no
// status for the scan type, is unknown; so is a region enabled for the
// account but not scanned.
func inspectorScanCheck(id, what string, status func(state.InspectorStatus) string) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range everyRegion(a, "inspector2", &out) {
				ref := regionRef(a, "inspector2", r)
				if g, ok := a.Gaps.ForInput(state.InputInspectorStatus, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				x, ok := a.Inspector.StatusIn(r)
				s := status(x)
				switch {
				case !ok:
					out = append(out, check.UnknownR(ref, "the Amazon Inspector status was not collected in %s", r))
				case x.Status == "SUSPENDED" || x.Status == "SUSPENDING":
					out = append(out, check.FailR(ref, "Amazon Inspector is %s in %s: %s does not run", x.Status, r, what))
				case s == "":
					out = append(out, check.UnknownR(ref, "Amazon Inspector reported no %s status in %s", what, r))
				case s != "ENABLED":
					out = append(out, check.FailR(ref, "Amazon Inspector %s is %s in %s", what, s, r))
				default:
					out = append(out, check.PassR(ref, "Amazon Inspector %s is enabled in %s", what, r))
				}
			}
			return out
		},
	}
}
