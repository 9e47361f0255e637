package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// gaps3 adds what svc-gaps3's checks read, after everything else so no
// earlier value changes: origin groups on a third of the distributions
// and a Lambda function URL origin on one in ten (most signed with OAC);
// per region, CodeBuild report groups (most exporting to S3, encrypted
// unless a few turn it off) and Spot Fleet requests (half with launch
// specifications, their volumes encrypted, left to the default or off).
func (g *gen) gaps3(regions []string) {
	for i := range g.a.CloudFront.Distributions {
		d := &g.a.CloudFront.Distributions[i]
		if g.chance(33) && len(d.Origins) > 0 {
			dr := d.Origins[0]
			dr.ID += "-dr"
			d.Origins = append(d.Origins, dr)
			d.OriginGroups = append(d.OriginGroups, state.OriginGroup{ID: "failover-" + d.ID, Members: []string{d.Origins[0].ID, dr.ID}})
		}
		if g.chance(10) {
			o := state.DistributionOrigin{ID: "fn", DomainName: g.id("url") + ".lambda-url." + g.pick(regions...) + ".on.aws",
				ProtocolPolicy: "https-only", SSLProtocols: []string{"TLSv1.2"}}
			if g.chance(70) {
				o.OACID = "E" + g.id("OAC")
			}
			d.Origins = append(d.Origins, o)
		}
	}
	on, off := true, false
	for _, r := range regions {
		for k := count(g.n, "cbreportgroup") / len(regions); k > 0; k-- {
			name := g.id("reports-")
			x := state.CodeBuildReportGroup{Meta: state.Meta{ARN: g.arn("codebuild", r, "report-group/"+name), Region: r}, Name: name,
				Type: g.pick("TEST", "TEST", "CODE_COVERAGE"), ExportType: "NO_EXPORT"}
			if g.chance(70) {
				x.ExportType, x.ExportBucket, x.ExportEncryptionDisabled = "S3", g.id("test-results-"), g.chance(15)
			}
			g.a.CodeBuild.ReportGroups = append(g.a.CodeBuild.ReportGroups, x)
		}
		for k := count(g.n, "spotfleet") / len(regions); k > 0; k-- {
			id := "sfr-" + g.id("")
			x := state.SpotFleetRequest{Meta: state.Meta{ARN: g.arn("ec2", r, "spot-fleet-request/"+id), Region: r}, ID: id,
				State: g.pick("active", "active", "active", "cancelled")}
			if g.coin() {
				x.LaunchSpecifications = 1 + g.rng.IntN(2)
				for s := 1; s <= x.LaunchSpecifications; s++ {
					v := state.TemplateVolume{Device: string(rune('0'+s)) + ":/dev/xvda"}
					switch n := g.rng.IntN(100); {
					case n < 60:
						v.Encrypted = &on
					case n >= 90:
						v.Encrypted = &off
					}
					x.EBSVolumes = append(x.EBSVolumes, v)
				}
			}
			g.a.EC2.SpotFleetRequests = append(g.a.EC2.SpotFleetRequests, x)
		}
	}
	// ECS.16: a fifth of the services deploy blue/green through two task
	// sets, one in ten of those with a public green.
	for i := range g.a.ECS.Services {
		s := &g.a.ECS.Services[i]
		if !g.chance(20) {
			continue
		}
		green := "DISABLED"
		if g.chance(10) {
			green = "ENABLED"
		}
		for _, ip := range []string{"DISABLED", green} {
			id := g.id("ecs-svc/")
			s.TaskSets = append(s.TaskSets, state.ECSTaskSet{ID: id, ARN: s.ARN + "/task-set/" + id, AssignPublicIP: ip})
		}
	}
}
