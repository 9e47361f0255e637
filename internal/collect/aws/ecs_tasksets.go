package aws

import (
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ecsTaskSets keeps what ECS.16 judges of a service's task sets
// (svc-gaps3): DescribeServices returns them with the service, so no call
// is added. A task set's awsvpc configuration without assignPublicIp is
// AWS's default, DISABLED.
func ecsTaskSets(sets []ecstypes.TaskSet) []state.ECSTaskSet {
	var out []state.ECSTaskSet
	for _, t := range sets {
		x := state.ECSTaskSet{ID: str(t.Id), ARN: str(t.TaskSetArn)}
		if n := t.NetworkConfiguration; n != nil && n.AwsvpcConfiguration != nil {
			x.AssignPublicIP = string(n.AwsvpcConfiguration.AssignPublicIp)
			if x.AssignPublicIP == "" {
				x.AssignPublicIP = string(ecstypes.AssignPublicIpDisabled)
			}
		}
		out = append(out, x)
	}
	return out
}
