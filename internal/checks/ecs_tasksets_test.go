package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func ecsTaskSetCases() map[string][]checkCase {
	sets := func(ips ...string) func(*state.ECSService) {
		return func(s *state.ECSService) {
			for i, ip := range ips {
				id := "ecs-svc/" + string(rune('1'+i))
				s.TaskSets = append(s.TaskSets, state.ECSTaskSet{ID: id, ARN: dsServiceARN + "/task-set/" + id, AssignPublicIP: ip})
			}
		}
	}
	c := func(name string, mut func(*state.ECSService), msg string, want check.Status, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){dsECSCluster(nil, mut)}, more...)...), want: dsWant(want), msg: msg}
	}
	return map[string][]checkCase{
		"ecs_task_set_no_public_ip": {
			c("blue and green private", sets("DISABLED", "DISABLED"), "ecs-svc/1, ecs-svc/2", dsP),
			c("green public", sets("DISABLED", "ENABLED"), "ecs-svc/2", dsF),
			c("bridge network", sets("", ""), "no awsvpc", dsNA),
			c("no task sets", nil, "no task sets", dsNA),
			c("services not described", sets("ENABLED"), "", dsU, dsGap("ecs", "eu-west-1", "DescribeServices", dsClusterARN)),
			c("clusters not listed", sets("ENABLED"), "", dsU, dsGap("ecs", "eu-west-1", "ListClusters", "")),
		},
	}
}
