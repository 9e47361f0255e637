package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// glue adds Alpenglow's AWS Glue (svc-glue): the Frankfurt data lake's
// Spark jobs run on Glue 4.0 and 5.0 with a Python shell helper, its
// customer-deduplication ML transform and its Data Catalog are under the
// data-lake key; the agency's CRM sync in N. Virginia still runs on Glue
// 2.0, its lead-matching transform keeps its labels unencrypted and that
// region's catalog is not encrypted. Ireland's catalog uses aws/glue; the
// UAE pilot's was never configured.
func (x *b) glue() {
	fra, dub, iad, dxb := "eu-central-1", "eu-west-1", "us-east-1", "me-central-1"
	job := func(region, name, command, version string) state.GlueJob {
		return state.GlueJob{Meta: state.Meta{ARN: x.arn("glue", region, "job/"+name), Region: region}, Name: name, Command: command, GlueVersion: version}
	}
	orders := job(fra, "orders-to-parquet", "glueetl", "4.0")
	orders.SecurityConfiguration = "datalake-encrypted"
	x.a.Glue.Jobs = append(x.a.Glue.Jobs,
		orders,
		job(fra, "clickstream-sessions", "gluestreaming", "5.0"),
		job(fra, "partition-repair", "pythonshell", "3.0"),
		job(iad, "crm-sync", "glueetl", "2.0"),
	)
	key := x.datalakeKey(fra)
	x.a.Glue.MLTransforms = append(x.a.Glue.MLTransforms,
		state.GlueMLTransform{Meta: state.Meta{ARN: x.arn("glue", fra, "mlTransform/tfm-5e1d0c7a9b3f4e21"), Region: fra}, Name: "customer-dedupe",
			UserDataEncryption: "SSE-KMS", KMSKeyID: key},
		state.GlueMLTransform{Meta: state.Meta{ARN: x.arn("glue", iad, "mlTransform/tfm-8a2b6c4d0e1f3a57"), Region: iad}, Name: "lead-matching",
			UserDataEncryption: "DISABLED"},
	)
	catalog := func(region, mode, keyID string, passwords bool) state.GlueCatalog {
		c := state.GlueCatalog{Meta: state.Meta{ARN: x.arn("glue", region, "catalog"), Region: region}, EncryptionAtRest: mode, KMSKeyID: keyID, PasswordsEncrypted: passwords}
		if passwords {
			c.PasswordKMSKeyID = keyID
		}
		return c
	}
	x.a.Glue.Catalogs = append(x.a.Glue.Catalogs,
		catalog(fra, "SSE-KMS", key, true),
		catalog(dub, "SSE-KMS", "", false),
		catalog(iad, "DISABLED", "", false),
		catalog(dxb, "DISABLED", "", false),
	)
}
