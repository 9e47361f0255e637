package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// rdsMore adds Alpenglow's RDS Proxies (svc-gaps): Frankfurt's proxy in
// front of customers-prod requires TLS; the Irish proxy the agency put in
// front of partner-sync accepts plaintext clients. The event subscription
// built in databases covers instance events only, so DB security group
// events (RDS.22) go unheard wherever databases run.
func (x *b) rdsMore() {
	proxy := func(region, id, name, vpc string, tls bool) state.DBProxy {
		return state.DBProxy{Meta: state.Meta{ARN: x.arn("rds", region, "db-proxy:"+id), Region: region}, Name: name,
			EngineFamily: "POSTGRESQL", Status: "available", VPCID: vpc, RequireTLS: tls}
	}
	x.a.RDS.Proxies = append(x.a.RDS.Proxies,
		proxy("eu-central-1", "prx-0a1b2c3d4e5f60718", "customers-prod-proxy", vpcOf("eu-central-1"), true),
		proxy("eu-west-1", "prx-09f8e7d6c5b4a3921", "partner-sync-proxy", vpcOf("eu-west-1"), false),
	)
}

// ec2More gives Alpenglow's launch templates their EBS volumes (svc-gaps,
// EC2.181): api asks for encryption, etl-worker leaves it to Ireland's
// encryption by default (on), and marketing-web in N. Virginia leaves it
// unset where encryption by default is off.
func (x *b) ec2More() {
	on := true
	vols := map[string][]state.TemplateVolume{
		"api":           {{Device: "/dev/xvda", Encrypted: &on}},
		"etl-worker":    {{Device: "/dev/xvda"}, {Device: "/dev/sdf"}},
		"marketing-web": {{Device: "/dev/xvda"}},
	}
	for i := range x.a.EC2.LaunchTemplates {
		t := &x.a.EC2.LaunchTemplates[i]
		t.EBSVolumes = vols[t.Name]
	}
}
