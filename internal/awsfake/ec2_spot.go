package awsfake

import (
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ec2DescribeSpotFleetRequests lists the region's Spot Fleet requests
// (svc-gaps3) with their launch specifications' EBS mappings; a volume's
// Device "N:/dev/x" belongs to the Nth specification.
func ec2DescribeSpotFleetRequests(c *call) (*reply, error) {
	var xs []*state.SpotFleetRequest
	for i := range c.s.acct.EC2.SpotFleetRequests {
		if r := &c.s.acct.EC2.SpotFleetRequests[i]; r.Region == c.region {
			xs = append(xs, r)
		}
	}
	return ec2List(c, "spotFleetRequestConfigSet", len(xs), func(w *xw, i int) {
		r := xs[i]
		w.elem("spotFleetRequestId", r.ID)
		w.elem("spotFleetRequestState", orDefault(r.State, "active"))
		w.elem("activityStatus", "fulfilled")
		w.timestamp("createTime", c.s.acct.CollectedAt)
		w.open("spotFleetRequestConfig")
		w.elem("iamFleetRole", "arn:aws:iam::"+c.s.acct.AccountID+":role/aws-ec2-spot-fleet-tagging-role")
		w.integer("targetCapacity", 2)
		w.open("launchSpecifications")
		for n := 1; n <= r.LaunchSpecifications; n++ {
			w.open("item")
			w.elem("imageId", "ami-0spotfleet")
			w.elem("instanceType", "m5.large")
			prefix := strconv.Itoa(n) + ":"
			opened := false
			for _, v := range r.EBSVolumes {
				dev, ok := strings.CutPrefix(v.Device, prefix)
				if !ok {
					continue
				}
				if !opened {
					w.open("blockDeviceMapping")
					opened = true
				}
				w.open("item")
				w.elem("deviceName", dev)
				w.open("ebs")
				if v.Encrypted != nil {
					w.boolean("encrypted", *v.Encrypted)
				}
				w.elem("volumeType", "gp3")
				w.close("ebs")
				w.close("item")
			}
			if opened {
				w.close("blockDeviceMapping")
			}
			w.close("item")
		}
		w.close("launchSpecifications")
		w.close("spotFleetRequestConfig")
		ec2Tags(w, r.Tags)
	})
}
