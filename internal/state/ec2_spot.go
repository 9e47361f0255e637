package state

// SpotFleetRequest is an EC2 Spot Fleet request (svc-gaps3, FSBP EC2.173),
// from DescribeSpotFleetRequests (regional, in bulk).
type SpotFleetRequest struct {
	Meta
	ID string `json:"id"`
	// State is submitted, active, modifying, cancelled_running,
	// cancelled_terminating, cancelled or failed.
	State string `json:"state,omitempty"`
	// LaunchSpecifications counts the launch parameters given in the
	// request itself (not through launch templates).
	LaunchSpecifications int `json:"launch_specifications,omitempty"`
	// EBSVolumes are the EBS block device mappings of those launch
	// specifications, Device prefixed with the specification's index
	// ("1:/dev/xvda").
	EBSVolumes []TemplateVolume `json:"ebs_volumes,omitempty"`
}

// Launches is false for a request that launches nothing more (cancelled
// or failed).
func (r SpotFleetRequest) Launches() bool {
	switch r.State {
	case "cancelled", "cancelled_running", "cancelled_terminating", "failed":
		return false
	}
	return true
}
