package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ecsTaskSetChecks are svc-gaps3's ECS duty: task sets do not assign
// public IP addresses (FSBP ECS.16). Task sets come with DescribeServices,
// so a service judged here is one ecs_service_no_public_ip also judges.
func ecsTaskSetChecks() []check.Check {
	return []check.Check{{
		ID: "ecs_task_set_no_public_ip",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachECSService(a, ecsTaskSetsNoPublicIP)
		},
	}}
}

func ecsTaskSetsNoPublicIP(s state.ECSService) check.Result {
	if len(s.TaskSets) == 0 {
		return check.NotApplicableR(s, "service %s has no task sets (it is deployed by ECS itself)", s.Name)
	}
	var public, awsvpc []string
	for _, t := range s.TaskSets {
		switch t.AssignPublicIP {
		case "ENABLED":
			public = append(public, t.ID)
			awsvpc = append(awsvpc, t.ID)
		case "DISABLED":
			awsvpc = append(awsvpc, t.ID)
		}
	}
	switch {
	case len(public) > 0:
		return check.FailR(s, "service %s: task sets %s assign public IP addresses to their tasks", s.Name, strings.Join(public, ", "))
	case len(awsvpc) == 0:
		return check.NotApplicableR(s, "the task sets of service %s use no awsvpc network configuration (no public IP to assign)", s.Name)
	}
	return check.PassR(s, "the task sets %s of service %s assign no public IP addresses", strings.Join(awsvpc, ", "), s.Name)
}
