package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// emr generates region r's EMR block public access, active clusters and
// security configurations, every field the collectors read drawn at
// random; a small account has clusters in only some regions.
func (g *gen) emr(r string) {
	bpa := state.EMRBlockPublicAccess{Region: r, Enabled: g.chance(80)}
	if bpa.Enabled {
		bpa.PermittedPorts = []string{"22"}
		if g.chance(15) {
			bpa.PermittedPorts = append(bpa.PermittedPorts, g.pick("8088", "8443", "9000-9100"))
		}
	}
	g.a.EMR.BlockPublicAccess = append(g.a.EMR.BlockPublicAccess, bpa)
	for k := count(g.n, "emrcluster") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break
		}
		id := g.id("j-")
		c := state.EMRCluster{Meta: state.Meta{ARN: g.arn("elasticmapreduce", r, "cluster/"+id), Region: r, Tags: g.tags()}, ID: id, Name: g.id("emr-"),
			State: g.pick("WAITING", "RUNNING", "RUNNING", "STARTING", "BOOTSTRAPPING"), Described: true, SubnetID: g.id("subnet-"),
			SecurityConfiguration: g.pick("", "sc-default")}
		switch {
		case c.State == "STARTING" || c.State == "BOOTSTRAPPING":
		case g.chance(30):
			c.MasterPublicDNSName = "ec2-198-51-100-" + g.pick("7", "42", "199") + "." + r + ".compute.amazonaws.com"
		default:
			c.MasterPublicDNSName = "ip-10-0-" + g.pick("1", "2", "3") + "-" + g.pick("17", "80", "201") + "." + r + ".compute.internal"
		}
		g.a.EMR.Clusters = append(g.a.EMR.Clusters, c)
	}
	for k := count(g.n, "emrsecurityconfig") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break
		}
		name := g.id("sc-")
		g.a.EMR.SecurityConfigurations = append(g.a.EMR.SecurityConfigurations, state.EMRSecurityConfiguration{
			Meta: state.Meta{ARN: g.arn("elasticmapreduce", r, "security-configuration/"+name), Region: r}, Name: name, Described: true,
			AtRest: g.chance(70), InTransit: g.chance(40)})
	}
}
