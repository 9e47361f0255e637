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
