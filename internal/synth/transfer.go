package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// transfer generates region r's AWS Transfer Family servers and connectors
// (svc-netfw), every field the collectors read drawn at random: servers
// are mostly SFTP (a tenth also FTP, some FTPS or AS2), a third public and
// a few VPC endpoints with Elastic IPs; about one connector per server,
// two thirds with a logging role.
func (g *gen) transfer(r string) {
	t := &g.a.Transfer
	role := g.arn("iam", "", "role/transfer-logging")
	for k := count(g.n, "transferserver") / len(g.regions); k > 0; k-- {
		id := g.id("s-")
		s := state.TransferServer{Meta: state.Meta{ARN: g.arn("transfer", r, "server/"+id), Region: r, Tags: g.tags()}, ID: id,
			EndpointType: "VPC", State: g.pick("ONLINE", "ONLINE", "ONLINE", "OFFLINE"), Domain: g.pick("S3", "S3", "EFS"),
			IdentityProviderType: g.pick("SERVICE_MANAGED", "SERVICE_MANAGED", "AWS_LAMBDA", "API_GATEWAY"), Described: true,
			Protocols: []string{"SFTP"}, SecurityPolicyName: g.pick("TransferSecurityPolicy-2024-01", "TransferSecurityPolicy-2020-06", "TransferSecurityPolicy-2018-11")}
		switch {
		case g.chance(33):
			s.EndpointType = "PUBLIC"
		default:
			s.VPCID = g.id("vpc-")
			if g.chance(20) {
				s.AddressAllocationIDs = []string{g.id("eipalloc-")}
			}
		}
		if g.chance(10) {
			s.Protocols = append(s.Protocols, "FTP")
		}
		if s.EndpointType == "VPC" && g.chance(15) {
			s.Protocols = append(s.Protocols, g.pick("FTPS", "AS2"))
		}
		if g.chance(70) {
			s.LoggingRole = role
		}
		t.Servers = append(t.Servers, s)
		if g.chance(80) {
			cid := g.id("c-")
			c := state.TransferConnector{Meta: state.Meta{ARN: g.arn("transfer", r, "connector/"+cid), Region: r}, ID: cid,
				URL: "sftp://" + g.id("partner-") + ".example.com", Described: true, Kind: g.pick("SFTP", "SFTP", "AS2")}
			if c.Kind == "AS2" {
				c.URL = "https://" + g.id("partner-") + ".example.com/as2"
			}
			if g.chance(66) {
				c.LoggingRole = role
			}
			t.Connectors = append(t.Connectors, c)
		}
	}
}
