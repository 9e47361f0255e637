package checks

import "github.com/shoulder-dev/shoulder/internal/state"

// svc-gaps: ECS.10.

func ecsMoreCases() map[string][]checkCase {
	svc := func(launch, version, family string) func(*state.Account) {
		return dsECSCluster(nil, func(s *state.ECSService) { s.LaunchType, s.PlatformVersion, s.PlatformFamily = launch, version, family })
	}
	return map[string][]checkCase{
		"ecs_fargate_latest_platform": {
			{name: "LATEST", acct: baseAccount(svc("FARGATE", "LATEST", "Linux")), want: dsWant(dsP)},
			{name: "1.4.0", acct: baseAccount(svc("FARGATE", "1.4.0", "")), want: dsWant(dsP)},
			{name: "windows 1.0.0", acct: baseAccount(svc("FARGATE", "1.0.0", "WINDOWS_SERVER_2019_CORE")), want: dsWant(dsP)},
			{name: "linux pinned to 1.3.0", acct: baseAccount(svc("FARGATE", "1.3.0", "Linux")), want: dsWant(dsF), msg: "1.3.0"},
			{name: "linux on the windows version", acct: baseAccount(svc("FARGATE", "1.0.0", "")), want: dsWant(dsF)},
			{name: "capacity provider, pinned", acct: baseAccount(svc("", "1.3.0", "")), want: dsWant(dsF)},
			{name: "ec2", acct: baseAccount(svc("EC2", "", "")), want: dsWant(dsNA)},
			{name: "version not reported", acct: baseAccount(svc("FARGATE", "", "")), want: dsWant(dsU)},
			{name: "services not described", acct: baseAccount(svc("FARGATE", "1.3.0", ""), dsGap("ecs", "eu-west-1", "DescribeServices", dsClusterARN)), want: dsWant(dsU)},
		},
	}
}
