package exposure

// DomainVerdict is who can reach an OpenSearch Service domain (either
// engine): its endpoint's placement and its access policy's verdict.
type DomainVerdict struct {
	// PublicEndpoint is true when the domain is not in a VPC: its endpoint
	// resolves and answers on the internet, and the access policy alone
	// decides who gets in.
	PublicEndpoint bool
	// VPCID is the domain's VPC when it is in one.
	VPCID string
	// Verdict is the access policy's verdict as reach: for a domain in a
	// VPC, grants to everyone are bounded by the VPC's network (only what
	// can route into that VPC reaches the endpoint) and count as shares
	// with a trusted network, not as public.
	Verdict
}

// JudgeDomain judges a domain's reach: vpcID is its VPC ("" for a public
// endpoint) and doc its access policy. It is the one rule the OpenSearch
// checks (FSBP Opensearch.2 / ES.2 and the access-policy check) and the
// data map apply.
func JudgeDomain(vpcID, doc string, c Context) DomainVerdict {
	v := Judge(doc, c)
	out := DomainVerdict{PublicEndpoint: vpcID == "", VPCID: vpcID, Verdict: v}
	if vpcID == "" || v.Level == Unknown {
		return out
	}
	out.Verdict = Verdict{Level: Private, Empty: v.Empty}
	for _, g := range v.Grants {
		if g.Level == Public {
			g.Level, g.Why = SharedTrusted, "bounded by the network: the endpoint is reachable only from "+vpcID
			if g.Kind == KindEveryone {
				g.Who = "anyone reaching " + vpcID
			}
		}
		out.Grants = append(out.Grants, g)
		if g.Level > out.Level {
			out.Level = g.Level
		}
	}
	return out
}
