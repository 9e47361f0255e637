package checks

import (
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// lambdaChecks are the customer's duties on Lambda: AWS patches the
// managed runtime, but choosing a supported runtime, letting patches
// through, who may invoke, and spreading VPC functions over zones are the
// customer's.
func lambdaChecks() []check.Check {
	return []check.Check{
		lambdaFunctionPolicyTrusted(),
		lambdaFunctionSupportedRuntime(),
		lambdaFunctionRuntimeUpdateAuto(),
		lambdaFunctionMultiAZ(),
	}
}

func eachFunction(a *state.Account, judge func(f state.LambdaFunction) check.Result) []check.Result {
	return eachRegional(a, "lambda", []state.Input{state.InputLambdaFunctions}, a.Lambda.Functions, judge)
}

func lambdaFunctionPolicyTrusted() check.Check {
	return check.Check{
		ID: "lambda_function_policy_trusted",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachFunction(a, func(f state.LambdaFunction) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputLambdaPolicy, f.Region, f.ARN); ok {
					return check.GapR(f, g)
				}
				return sharingResult(f, "function "+f.Name, f.Policy, c)
			})
		},
	}
}

// lambdaDeprecations are the managed runtimes' deprecation dates (after
// which Lambda stops patching them), from the Lambda runtimes page. A
// runtime missing here is unknown to shoulder, not assumed current.
var lambdaDeprecations = map[string]string{
	"nodejs": "2016-10-31", "nodejs4.3": "2020-03-05", "nodejs6.10": "2019-08-12", "nodejs8.10": "2020-03-06",
	"nodejs10.x": "2021-07-30", "nodejs12.x": "2023-03-31", "nodejs14.x": "2023-12-04", "nodejs16.x": "2024-06-12",
	"nodejs18.x": "2025-09-01", "nodejs20.x": "2026-04-30", "nodejs22.x": "2027-04-30", "nodejs24.x": "2028-04-30",
	"python2.7": "2021-07-15", "python3.6": "2022-07-18", "python3.7": "2023-12-04", "python3.8": "2024-10-14",
	"python3.9": "2025-12-15", "python3.10": "2026-06-30", "python3.11": "2026-06-30", "python3.12": "2028-10-31",
	"python3.13": "2029-06-30", "python3.14": "2029-06-30",
	"java8": "2024-01-08", "java8.al2": "2026-06-30", "java11": "2026-06-30", "java17": "2026-06-30", "java21": "2029-06-30", "java25": "2029-06-30",
	"dotnetcore1.0": "2019-07-30", "dotnetcore2.0": "2019-05-30", "dotnetcore2.1": "2022-01-05", "dotnetcore3.1": "2023-04-03",
	"dotnet5.0": "2022-05-10", "dotnet6": "2024-12-20", "dotnet7": "2024-05-14", "dotnet8": "2026-11-10", "dotnet10": "2028-11-14",
	"ruby2.5": "2021-07-30", "ruby2.7": "2023-12-07", "ruby3.2": "2026-03-31", "ruby3.3": "2027-03-31", "ruby3.4": "2028-03-31",
	"go1.x": "2024-01-08", "provided": "2024-01-08", "provided.al2": "2026-06-30", "provided.al2023": "2029-06-30",
}

func lambdaFunctionSupportedRuntime() check.Check {
	return check.Check{
		ID: "lambda_function_supported_runtime",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			return eachFunction(a, func(f state.LambdaFunction) check.Result {
				if f.PackageType == "Image" || f.Runtime == "" {
					return check.NotApplicableR(f, "%s is a container image: its runtime is patched by rebuilding the image", f.Name)
				}
				d, ok := lambdaDeprecations[f.Runtime]
				if !ok {
					return check.UnknownR(f, "%s uses runtime %s, whose support dates shoulder does not know", f.Name, f.Runtime)
				}
				when, _ := time.Parse("2006-01-02", d)
				if !now.Before(when) {
					return check.FailR(f, "%s runs %s, deprecated since %s: no more security patches", f.Name, f.Runtime, d)
				}
				return check.PassR(f, "%s runs %s, supported until %s", f.Name, f.Runtime, d)
			})
		},
	}
}

func lambdaFunctionRuntimeUpdateAuto() check.Check {
	return check.Check{
		ID: "lambda_function_runtime_update_auto",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachFunction(a, func(f state.LambdaFunction) check.Result {
				if f.PackageType == "Image" || f.Runtime == "" {
					return check.NotApplicableR(f, "%s is a container image: runtime management does not apply", f.Name)
				}
				if g, ok := a.Gaps.ForInput(state.InputLambdaRuntimeManagement, f.Region, f.ARN); ok {
					return check.GapR(f, g)
				}
				switch f.RuntimeUpdateMode {
				case "Auto":
					return check.PassR(f, "%s takes runtime updates (Auto)", f.Name)
				case "FunctionUpdate":
					// Runtime patches reach the function only when it is
					// updated: how long ago that was decides.
					if f.LastModified == nil {
						return check.UnknownR(f, "%s takes runtime updates only when updated (FunctionUpdate), and its last update time was not collected", f.Name)
					}
					age, limit := daysSince(p.Clock(a.CollectedAt), *f.LastModified), p.LambdaUpdateAgeDays()
					if age > limit {
						return check.FailR(f, "%s takes runtime updates only when updated (FunctionUpdate) and was last updated %d days ago (limit %d, max_lambda_update_age_days)", f.Name, age, limit)
					}
					return check.PassR(f, "%s takes runtime updates when updated (FunctionUpdate), last %d days ago (limit %d)", f.Name, age, limit)
				case "Manual":
					return check.FailR(f, "%s is pinned to one runtime version (Manual): runtime patches do not reach it", f.Name)
				default:
					return check.UnknownR(f, "%s: runtime update mode was not collected", f.Name)
				}
			})
		},
	}
}

func lambdaFunctionMultiAZ() check.Check {
	return check.Check{
		ID: "lambda_function_multi_az",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			subnets := subnetIndex(a)
			return eachFunction(a, func(f state.LambdaFunction) check.Result {
				if len(f.SubnetIDs) == 0 {
					return check.NotApplicableR(f, "%s is not attached to a VPC: Lambda runs it in several zones", f.Name)
				}
				zones := map[string]bool{}
				var missing []string
				for _, id := range f.SubnetIDs {
					s, ok := findSubnet(a, subnets, f.Region, id)
					if !ok {
						missing = append(missing, id)
						continue
					}
					zones[s.AvailabilityZone] = true
				}
				if len(zones) >= 2 {
					return check.PassR(f, "%s uses subnets in %d Availability Zones", f.Name, len(zones))
				}
				if len(missing) > 0 {
					if g, ok := a.Gaps.ForInput(state.InputEC2Subnets, f.Region, ""); ok {
						return check.GapR(f, g)
					}
					return check.UnknownR(f, "%s uses subnet(s) %s, which were not collected", f.Name, strings.Join(missing, ", "))
				}
				var zs []string
				for z := range zones {
					zs = append(zs, z)
				}
				sort.Strings(zs)
				return check.FailR(f, "%s runs in one Availability Zone only (%s)", f.Name, strings.Join(zs, ", "))
			})
		},
	}
}
