package checks

import (
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func patchingChecks() []check.Check {
	return []check.Check{
		ssmInstanceManaged(),
		ssmInstancePatchCompliant(),
		ssmInstancePatchScanRecent(),
		ssmInstanceAssociationCompliant(),
		ec2InstanceAMIAge(),
		ec2InstanceAMINotDeprecated(),
		ec2InstanceStoppedUnder30Days(),
		rdsPendingMaintenanceApplied(),
		workspacesImageUpToDate(),
		workspacesDirectoryMaintenanceMode(),
	}
}

// Patch scan and stop age limits.
const (
	// patchScanMaxAgeDays: Patch Manager baselines usually scan daily or
	// weekly; a result older than a month no longer describes the instance.
	patchScanMaxAgeDays = 30
	// stoppedMaxDays is FSBP EC2.4's default allowed stop period.
	stoppedMaxDays = 30
)

func daysSince(now, t time.Time) int { return int(now.Sub(t).Hours() / 24) }

// runningInstanceCheck builds a patching check over running instances.
func runningInstanceCheck(c check.Check, f func(a *instances, p *policy.Policy, in state.Instance) check.Result) check.Check {
	c.Run = func(a *state.Account, p *policy.Policy) []check.Result {
		out := check.Results(a, len(a.EC2.Instances)) // at most one per instance
		bad := regionalListingUnknown(a, "ec2", &out, state.InputEC2Instances)
		x := indexInstances(a)
		for _, in := range a.EC2.Instances {
			if bad[in.Region] || in.State != "running" {
				continue
			}
			out = append(out, f(x, p, in))
		}
		return out
	}
	return c
}

// instances is the account with the per-instance lookups of the patching
// checks indexed once per evaluation (once per check run outside one): a
// linear search per instance made those checks quadratic in the number of
// instances.
type instances struct {
	*state.Account
	managed     map[string]int
	compliance  map[string]int
	images      map[string][]int // AMI ID -> indices in a.EC2.Images, in order
	association map[string]int   // instance ID -> first association compliance entry
}

// indexInstances returns the account's instance index, shared: not to be
// changed.
func indexInstances(a *state.Account) *instances {
	return state.Derive(a, instancesKey{}, func() *instances { return buildInstances(a) })
}

// instancesKey is the key of the instance index, shared by the patching
// checks of an evaluation (state.Derive).
type instancesKey struct{}

// buildInstances is indexInstances, built.
func buildInstances(a *state.Account) *instances {
	x := &instances{Account: a, managed: make(map[string]int, len(a.SSM.ManagedInstances)), compliance: make(map[string]int, len(a.SSM.PatchCompliance))}
	// The first entry wins, as the linear search it replaces did.
	for i := len(a.SSM.ManagedInstances) - 1; i >= 0; i-- {
		x.managed[a.SSM.ManagedInstances[i].InstanceID] = i
	}
	for i := len(a.SSM.PatchCompliance) - 1; i >= 0; i-- {
		x.compliance[a.SSM.PatchCompliance[i].InstanceID] = i
	}
	x.association = make(map[string]int, len(a.SSM.AssociationCompliance))
	for i := len(a.SSM.AssociationCompliance) - 1; i >= 0; i-- {
		x.association[a.SSM.AssociationCompliance[i].InstanceID] = i
	}
	x.images = make(map[string][]int, len(a.EC2.Images))
	for i, im := range a.EC2.Images {
		x.images[im.ID] = append(x.images[im.ID], i)
	}
	return x
}

func (x *instances) managedInstance(id string) (state.ManagedInstance, bool) {
	if i, ok := x.managed[id]; ok {
		return x.SSM.ManagedInstances[i], true
	}
	return state.ManagedInstance{}, false
}

func (x *instances) patchCompliance(id string) (state.PatchCompliance, bool) {
	if i, ok := x.compliance[id]; ok {
		return x.SSM.PatchCompliance[i], true
	}
	return state.PatchCompliance{}, false
}

func ssmInstanceManaged() check.Check {
	return runningInstanceCheck(check.Check{
		ID: "ssm_instance_managed",
	}, func(a *instances, _ *policy.Policy, in state.Instance) check.Result {
		if g, ok := a.Gaps.ForInput(state.InputSSMManagedInstances, in.Region, ""); ok {
			return check.GapR(in, g)
		}
		m, ok := a.managedInstance(in.ID)
		switch {
		case !ok:
			return check.FailR(in, "%s is not managed by Systems Manager", in.ID)
		case m.PingStatus != "Online":
			return check.FailR(in, "the SSM agent of %s is %s (last ping %s)", in.ID, m.PingStatus, m.LastPingTime.Format(time.DateOnly))
		}
		return check.PassR(in, "%s is managed by Systems Manager (agent %s online)", in.ID, m.AgentVersion)
	})
}

func ssmInstancePatchCompliant() check.Check {
	return runningInstanceCheck(check.Check{
		ID: "ssm_instance_patch_compliant",
	}, func(a *instances, _ *policy.Policy, in state.Instance) check.Result {
		if g, ok := a.Gaps.ForInputs(in.Region, "", state.InputSSMManagedInstances, state.InputSSMCompliance); ok {
			return check.GapR(in, g)
		}
		if _, ok := a.managedInstance(in.ID); !ok {
			return check.UnknownR(in, "%s is not managed by Systems Manager, so its patch state cannot be known", in.ID)
		}
		c, ok := a.patchCompliance(in.ID)
		switch {
		case !ok:
			return check.FailR(in, "%s has no patch compliance: Patch Manager has never scanned it", in.ID)
		case c.Status == "COMPLIANT":
			return check.PassR(in, "%s is patch compliant (scanned %s)", in.ID, c.LastOperationTime.Format(time.DateOnly))
		}
		return check.FailR(in, "%s is %s: %d missing patches, highest severity %s", in.ID, c.Status, c.MissingCount, c.Severity)
	})
}

func ssmInstancePatchScanRecent() check.Check {
	return runningInstanceCheck(check.Check{
		ID: "ssm_instance_patch_scan_recent",
	}, func(a *instances, p *policy.Policy, in state.Instance) check.Result {
		if g, ok := a.Gaps.ForInput(state.InputSSMCompliance, in.Region, ""); ok {
			return check.GapR(in, g)
		}
		c, ok := a.patchCompliance(in.ID)
		switch {
		case !ok:
			return check.NotApplicableR(in, "%s has never been scanned (see ssm_instance_patch_compliant)", in.ID)
		case c.LastOperationTime.IsZero():
			return check.UnknownR(in, "the last patch scan time of %s was not collected", in.ID)
		}
		age := daysSince(p.Clock(a.CollectedAt), c.LastOperationTime)
		if age > patchScanMaxAgeDays {
			return check.FailR(in, "the last patch scan of %s was %d days ago", in.ID, age)
		}
		return check.PassR(in, "%s was scanned %d days ago", in.ID, age)
	})
}

func ssmInstanceAssociationCompliant() check.Check {
	return runningInstanceCheck(check.Check{
		ID: "ssm_instance_association_compliant",
	}, func(a *instances, _ *policy.Policy, in state.Instance) check.Result {
		if g, ok := a.Gaps.ForInputs(in.Region, "", state.InputSSMManagedInstances, state.InputSSMCompliance); ok {
			return check.GapR(in, g)
		}
		if _, ok := a.managedInstance(in.ID); !ok {
			return check.NotApplicableR(in, "%s is not managed by Systems Manager (see ssm_instance_managed)", in.ID)
		}
		if i, ok := a.association[in.ID]; ok {
			c := a.SSM.AssociationCompliance[i]
			if c.Status == "COMPLIANT" {
				return check.PassR(in, "every association of %s succeeded", in.ID)
			}
			return check.FailR(in, "%s has %d failed associations", in.ID, c.NonCompliantCount)
		}
		return check.NotApplicableR(in, "%s has no State Manager association", in.ID)
	})
}

// instanceImage finds the AMI an instance was launched from.
func (x *instances) instanceImage(in state.Instance) (state.Image, bool) {
	for _, i := range x.images[in.ImageID] {
		if im := x.EC2.Images[i]; im.Region == "" || im.Region == in.Region {
			return im, true
		}
	}
	return state.Image{}, false
}

// amiCheck builds a check over running instances and their AMIs.
func amiCheck(c check.Check, f func(a *state.Account, p *policy.Policy, in state.Instance, im state.Image) check.Result) check.Check {
	return runningInstanceCheck(c, func(a *instances, p *policy.Policy, in state.Instance) check.Result {
		if g, ok := a.Gaps.ForInput(state.InputEC2Images, in.Region, ""); ok {
			return check.GapR(in, g)
		}
		im, ok := a.instanceImage(in)
		if !ok {
			return check.UnknownR(in, "AMI %s of %s is not visible (deregistered or no longer shared): its age and status cannot be read", in.ImageID, in.ID)
		}
		return f(a.Account, p, in, im)
	})
}

func ec2InstanceAMIAge() check.Check {
	return amiCheck(check.Check{
		ID: "ec2_instance_ami_age",
	}, func(a *state.Account, p *policy.Policy, in state.Instance, im state.Image) check.Result {
		if im.CreationDate.IsZero() {
			return check.UnknownR(in, "the creation date of AMI %s was not collected", im.ID)
		}
		age := daysSince(p.Clock(a.CollectedAt), im.CreationDate)
		if age > p.AMIAgeDays() {
			return check.FailR(in, "%s runs AMI %s (%s), %d days old (limit %d)", in.ID, im.ID, im.Name, age, p.AMIAgeDays())
		}
		return check.PassR(in, "%s runs AMI %s, %d days old", in.ID, im.ID, age)
	})
}

func ec2InstanceAMINotDeprecated() check.Check {
	return amiCheck(check.Check{
		ID: "ec2_instance_ami_not_deprecated",
	}, func(a *state.Account, p *policy.Policy, in state.Instance, im state.Image) check.Result {
		if im.DeprecationTime != nil && !im.DeprecationTime.After(p.Clock(a.CollectedAt)) {
			return check.FailR(in, "%s runs AMI %s (%s), deprecated since %s", in.ID, im.ID, im.Name, im.DeprecationTime.Format(time.DateOnly))
		}
		return check.PassR(in, "AMI %s of %s is not deprecated", im.ID, in.ID)
	})
}

func ec2InstanceStoppedUnder30Days() check.Check {
	return check.Check{
		ID: "ec2_instance_stopped_under_30_days",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			out := check.Results(a, len(a.EC2.Instances)) // at most one per instance
			bad := regionalListingUnknown(a, "ec2", &out, state.InputEC2Instances)
			now := p.Clock(a.CollectedAt)
			for _, in := range a.EC2.Instances {
				if bad[in.Region] || in.State != "stopped" {
					continue
				}
				switch {
				case in.StateTransitionTime == nil:
					out = append(out, check.UnknownR(in, "the time %s was stopped is not known", in.ID))
				case daysSince(now, *in.StateTransitionTime) > stoppedMaxDays:
					out = append(out, check.FailR(in, "%s has been stopped for %d days", in.ID, daysSince(now, *in.StateTransitionTime)))
				default:
					out = append(out, check.PassR(in, "%s was stopped %d days ago", in.ID, daysSince(now, *in.StateTransitionTime)))
				}
			}
			return out
		},
	}
}

func rdsPendingMaintenanceApplied() check.Check {
	return check.Check{
		ID: "rds_pending_maintenance_applied",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			bad := regionalListingUnknown(a, "rds", &out, state.InputRDSInstances, state.InputRDSClusters, state.InputRDSPendingMaintenance)
			judge := func(r state.Resource, name string) {
				m := r.Ref()
				if bad[m.Region] {
					return
				}
				var pend []string
				for _, pm := range a.RDS.PendingMaintenance {
					if pm.ResourceARN != m.ARN {
						continue
					}
					s := pm.Action
					if pm.Description != "" {
						s += " (" + pm.Description + ")"
					}
					if pm.ForcedApplyDate != nil {
						s += ", forced on " + pm.ForcedApplyDate.Format(time.DateOnly)
					} else if pm.AutoAppliedAfter != nil {
						s += ", auto-applied after " + pm.AutoAppliedAfter.Format(time.DateOnly)
					}
					pend = append(pend, s)
				}
				if len(pend) > 0 {
					out = append(out, check.FailR(r, "%s has pending maintenance: %s", name, strings.Join(pend, "; ")))
				} else {
					out = append(out, check.PassR(r, "%s has no pending maintenance", name))
				}
			}
			for _, db := range a.RDS.Instances {
				judge(db, db.ID)
			}
			for _, c := range a.RDS.Clusters {
				judge(c, c.ID)
			}
			return out
		},
	}
}

func workspacesImageUpToDate() check.Check {
	return check.Check{
		ID: "workspaces_image_up_to_date",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "workspaces", []state.Input{state.InputWorkSpacesImages}, a.WorkSpaces.Images, func(im state.WorkspaceImage) check.Result {
				if im.UpdateAvailable {
					return check.FailR(im, "image %s (%s) has updates available", im.ID, im.Name)
				}
				return check.PassR(im, "image %s (%s) is up to date", im.ID, im.Name)
			})
		},
	}
}

func workspacesDirectoryMaintenanceMode() check.Check {
	return check.Check{
		ID: "workspaces_directory_maintenance_mode",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "workspaces", []state.Input{state.InputWorkSpacesDirectories}, a.WorkSpaces.Directories, func(d state.WorkspaceDirectory) check.Result {
				if d.MaintenanceMode {
					return check.PassR(d, "directory %s enables maintenance mode", d.ID)
				}
				return check.FailR(d, "directory %s (%s) does not enable maintenance mode", d.ID, d.Name)
			})
		},
	}
}
