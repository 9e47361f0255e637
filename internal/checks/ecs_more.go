package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ecsMoreChecks are the ECS duties svc-gaps added (FSBP ECS.10).
func ecsMoreChecks() []check.Check {
	return []check.Check{ecsFargateLatestPlatform()}
}

// Latest Fargate platform versions, the values FSBP ECS.10 compares with
// (its latestLinuxVersion and latestWindowsVersion defaults).
const (
	fargateLatestLinux   = "1.4.0"
	fargateLatestWindows = "1.0.0"
)

func ecsFargateLatestPlatform() check.Check {
	return check.Check{
		ID: "ecs_fargate_latest_platform",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachECSService(a, func(s state.ECSService) check.Result {
				// Only Fargate tasks have a platform version, whatever chose
				// Fargate (launch type or capacity provider strategy).
				if s.LaunchType != "FARGATE" && s.PlatformVersion == "" {
					return check.NotApplicableR(s, "service %s does not run on Fargate", s.Name)
				}
				latest := fargateLatestLinux
				if strings.HasPrefix(strings.ToUpper(s.PlatformFamily), "WINDOWS") {
					latest = fargateLatestWindows
				}
				switch s.PlatformVersion {
				case "":
					return check.UnknownR(s, "the Fargate platform version of service %s was not reported", s.Name)
				case "LATEST", latest:
					return check.PassR(s, "service %s runs on Fargate platform version %s", s.Name, s.PlatformVersion)
				}
				return check.FailR(s, "service %s is pinned to Fargate platform version %s (latest %s)", s.Name, s.PlatformVersion, latest)
			})
		},
	}
}
