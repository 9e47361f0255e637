package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// glue generates region r's AWS Glue jobs and ML transforms and the
// region's Data Catalog settings (svc-glue): jobs mostly Spark (a fifth
// streaming) and a fifth Python shell; Spark jobs mostly on Glue 4.0 and
// 5.0, about one in eight still on 2.0 or older; ML transforms half
// encrypted; catalogs encrypted in two regions of five (half of those
// under a customer managed key), passwords encrypted in a third.
func (g *gen) glue(r string) {
	gl := &g.a.Glue
	for k := count(g.n, "gluejob") / len(g.regions); k > 0; k-- {
		name := g.id("etl-")
		j := state.GlueJob{Meta: state.Meta{ARN: g.arn("glue", r, "job/"+name), Region: r}, Name: name,
			Command: g.pick("glueetl", "glueetl", "glueetl", "gluestreaming", "pythonshell")}
		if j.Command == "pythonshell" {
			j.GlueVersion = g.pick("1.0", "3.0")
		} else {
			j.GlueVersion = g.pick("5.0", "4.0", "4.0", "4.0", "3.0", "3.0", "5.1", "2.0")
		}
		if g.chance(40) {
			j.SecurityConfiguration = "sc-" + name
		}
		gl.Jobs = append(gl.Jobs, j)
	}
	for k := count(g.n, "gluetransform") / len(g.regions); k > 0; k-- {
		t := state.GlueMLTransform{Meta: state.Meta{ARN: g.arn("glue", r, "mlTransform/tfm-"+g.uuid()), Region: r}, Name: g.id("match-"), UserDataEncryption: "DISABLED"}
		if g.coin() {
			t.UserDataEncryption, t.KMSKeyID = "SSE-KMS", g.arn("kms", r, "key/"+g.uuid())
		}
		gl.MLTransforms = append(gl.MLTransforms, t)
	}
	c := state.GlueCatalog{Meta: state.Meta{ARN: g.arn("glue", r, "catalog"), Region: r}, EncryptionAtRest: "DISABLED"}
	if g.chance(40) {
		c.EncryptionAtRest = "SSE-KMS"
		if g.coin() {
			c.KMSKeyID = g.arn("kms", r, "key/"+g.uuid())
		}
	}
	if g.chance(33) {
		c.PasswordsEncrypted, c.PasswordKMSKeyID = true, g.arn("kms", r, "key/"+g.uuid())
	}
	gl.Catalogs = append(gl.Catalogs, c)
}
