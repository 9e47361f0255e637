package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// rdsMore generates region r's RDS Proxies (svc-gaps): most of them
// require TLS from clients.
func (g *gen) rdsMore(r string) {
	for k := count(g.n, "dbproxy") / len(g.regions); k > 0; k-- {
		name := g.id("proxy-")
		g.a.RDS.Proxies = append(g.a.RDS.Proxies, state.DBProxy{Meta: state.Meta{ARN: g.arn("rds", r, "db-proxy:prx-"+g.id("")), Region: r},
			Name: name, EngineFamily: g.pick("POSTGRESQL", "MYSQL", "SQLSERVER"), Status: "available", RequireTLS: g.chance(75)})
	}
}

// ec2More gives region r's launch templates their EBS volumes (svc-gaps,
// EC2.181): a root volume each, a data volume for a third; encryption
// asked for on most, left to the region's default on some, off on a few.
func (g *gen) ec2More(r string) {
	on, off := true, false
	enc := func() *bool {
		switch n := g.rng.IntN(100); {
		case n < 60:
			return &on
		case n < 90:
			return nil
		}
		return &off
	}
	for i := range g.a.EC2.LaunchTemplates {
		t := &g.a.EC2.LaunchTemplates[i]
		if t.Region != r {
			continue
		}
		t.EBSVolumes = []state.TemplateVolume{{Device: "/dev/xvda", Encrypted: enc()}}
		if g.chance(33) {
			t.EBSVolumes = append(t.EBSVolumes, state.TemplateVolume{Device: "/dev/sdf", Encrypted: enc()})
		}
	}
}
