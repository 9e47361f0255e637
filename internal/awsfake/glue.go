package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/glue"
	gluetypes "github.com/aws/aws-sdk-go-v2/service/glue/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS Glue (awsJson1.1, X-Amz-Target AWSGlue.*, signing name glue;
// bodies from the SDK's own output types, written by wire.go) ---- svc-glue

func (s *Server) glueService() *service {
	return &service{name: "glue", proto: protoJSON, ops: map[string]handler{
		"GetJobs":                          glueGetJobs,
		"GetMLTransforms":                  glueGetMLTransforms,
		"GetDataCatalogEncryptionSettings": glueGetCatalogEncryption,
	}}
}

// glueGetJobs pages with MaxResults (1..1000, default 100) and NextToken.
func glueGetJobs(c *call) (*reply, error) {
	js := c.s.idx.glueJobs[c.region]
	mx, err := c.num("MaxResults", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(js), c.str("NextToken"), mx, 100, 1000)
	if err != nil {
		return nil, err
	}
	out := &glue.GetJobsOutput{Jobs: make([]gluetypes.Job, 0, end-start), NextToken: sp(next)}
	for _, j := range js[start:end] {
		job := gluetypes.Job{Name: p(j.Name), Role: p("arn:aws:iam::" + arnAccount(j.ARN) + ":role/glue"),
			Command:     &gluetypes.JobCommand{Name: p(orDefault(j.Command, "glueetl")), ScriptLocation: p("s3://aws-glue-scripts/" + j.Name + ".py")},
			GlueVersion: sp(j.GlueVersion), SecurityConfiguration: sp(j.SecurityConfiguration)}
		out.Jobs = append(out.Jobs, job)
	}
	return c.jsonReply(out), nil
}

// glueGetMLTransforms pages with MaxResults (1..100, default 100) and
// NextToken.
func glueGetMLTransforms(c *call) (*reply, error) {
	ts := c.s.idx.glueTransforms[c.region]
	mx, err := c.num("MaxResults", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(ts), c.str("NextToken"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	out := &glue.GetMLTransformsOutput{Transforms: make([]gluetypes.MLTransform, 0, end-start), NextToken: sp(next)}
	for _, t := range ts[start:end] {
		m := gluetypes.MLTransform{TransformId: p(arnTail(t.ARN)), Name: p(t.Name), Status: gluetypes.TransformStatusTypeReady}
		if t.UserDataEncryption != "" {
			m.TransformEncryption = &gluetypes.TransformEncryption{MlUserDataEncryption: &gluetypes.MLUserDataEncryption{
				MlUserDataEncryptionMode: gluetypes.MLUserDataEncryptionModeString(t.UserDataEncryption), KmsKeyId: sp(t.KMSKeyID)}}
		}
		out.Transforms = append(out.Transforms, m)
	}
	return c.jsonReply(out), nil
}

// glueGetCatalogEncryption answers the region's Data Catalog encryption
// settings: DISABLED and passwords in clear when the state has none.
func glueGetCatalogEncryption(c *call) (*reply, error) {
	cat := &state.GlueCatalog{EncryptionAtRest: "DISABLED"}
	if cs := c.s.idx.glueCatalogs[c.region]; len(cs) > 0 {
		cat = cs[0]
	}
	return c.jsonReply(&glue.GetDataCatalogEncryptionSettingsOutput{DataCatalogEncryptionSettings: &gluetypes.DataCatalogEncryptionSettings{
		EncryptionAtRest: &gluetypes.EncryptionAtRest{CatalogEncryptionMode: gluetypes.CatalogEncryptionMode(orDefault(cat.EncryptionAtRest, "DISABLED")),
			SseAwsKmsKeyId: sp(cat.KMSKeyID)},
		ConnectionPasswordEncryption: &gluetypes.ConnectionPasswordEncryption{ReturnConnectionPasswordEncrypted: cat.PasswordsEncrypted,
			AwsKmsKeyId: sp(cat.PasswordKMSKeyID)}}}), nil
}
