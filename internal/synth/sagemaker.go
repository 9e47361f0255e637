package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// sageMaker generates region r's SageMaker notebook instances, endpoint
// configurations and models, every field the collectors read drawn at
// random; a small account has them in only some regions.
func (g *gen) sageMaker(r string) {
	for k := count(g.n, "smnotebook") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break
		}
		name := g.id("nb-")
		n := state.SageMakerNotebook{Meta: state.Meta{ARN: g.arn("sagemaker", r, "notebook-instance/"+name), Region: r}, Name: name,
			Status: g.pick("InService", "Stopped", "Stopped", "Failed"), InstanceType: g.pick("ml.t3.medium", "ml.m5.xlarge", "ml.g4dn.xlarge"),
			DirectInternetAccess: g.pick("Enabled", "Disabled"), RootAccess: g.pick("Enabled", "Disabled"),
			PlatformIdentifier: g.pick("notebook-al1-v1", "notebook-al2-v1", "notebook-al2-v2", "notebook-al2-v3", "notebook-al2023-v1")}
		if n.DirectInternetAccess == "Disabled" || g.coin() {
			n.SubnetID = g.id("subnet-")
		}
		if g.coin() {
			n.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		g.a.SageMaker.NotebookInstances = append(g.a.SageMaker.NotebookInstances, n)
	}
	for k := count(g.n, "smendpointconfig") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break
		}
		name := g.id("epc-")
		e := state.SageMakerEndpointConfig{Meta: state.Meta{ARN: g.arn("sagemaker", r, "endpoint-config/"+name), Region: r}, Name: name}
		if g.coin() {
			e.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		for v := g.pick2(1, 1, 1, 2); v > 0; v-- {
			x := state.SageMakerVariant{Name: g.pick("AllTraffic", "Canary", "Shadow")}
			if g.chance(20) {
				x.Serverless = true
			} else {
				x.InitialInstanceCount = g.pick2(1, 1, 2, 3)
			}
			e.Variants = append(e.Variants, x)
		}
		g.a.SageMaker.EndpointConfigs = append(g.a.SageMaker.EndpointConfigs, e)
	}
	for k := count(g.n, "smmodel") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break
		}
		name := g.id("model-")
		g.a.SageMaker.Models = append(g.a.SageMaker.Models, state.SageMakerModel{Meta: state.Meta{ARN: g.arn("sagemaker", r, "model/"+name), Region: r},
			Name: name, ExecutionRoleARN: g.arn("iam", "", "role/"+g.id("sm-")), NetworkIsolation: g.chance(30)})
	}
}
