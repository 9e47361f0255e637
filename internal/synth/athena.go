package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// athena generates region r's Athena workgroups (svc-glue): mostly
// publishing metrics, results encrypted in two of three (a third of those
// under a customer managed key), settings enforced in half.
func (g *gen) athena(r string) {
	for k := count(g.n, "athenawg") / len(g.regions); k > 0; k-- {
		name := g.id("wg-")
		w := state.AthenaWorkGroup{Meta: state.Meta{ARN: g.arn("athena", r, "workgroup/"+name), Region: r}, Name: name, State: "ENABLED", Described: true,
			PublishMetrics: g.chance(70), Enforce: g.coin(), OutputLocation: "s3://athena-results-" + name + "/"}
		if g.chance(66) {
			w.ResultEncryption = g.pick("SSE_S3", "SSE_S3", "SSE_KMS")
			if w.ResultEncryption == "SSE_KMS" {
				w.ResultKMSKey = g.arn("kms", r, "key/"+g.uuid())
			}
		}
		g.a.Athena.WorkGroups = append(g.a.Athena.WorkGroups, w)
	}
}
