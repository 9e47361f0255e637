package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	gluetypes "github.com/aws/aws-sdk-go-v2/service/glue/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildGlue creates Spark job "etl" in the region (Glue 4.0 when secure,
// 2.0 otherwise) and, when secure, encrypts the Data Catalog's metadata
// under a named key and its connection passwords. This moto serves no ML
// transforms.
func buildGlue(ctx context.Context, cfg sdk.Config, r string, secure bool) {
	c := glue.NewFromConfig(cfg)
	version := map[bool]string{true: "4.0", false: "2.0"}[secure]
	must(c.CreateJob(ctx, &glue.CreateJobInput{Name: sdk.String("etl"), Role: sdk.String("arn:aws:iam::" + motoAccount + ":role/glue"),
		GlueVersion: sdk.String(version), Command: &gluetypes.JobCommand{Name: sdk.String("glueetl"), ScriptLocation: sdk.String("s3://scripts/etl.py")}}))
	if secure {
		must(c.PutDataCatalogEncryptionSettings(ctx, &glue.PutDataCatalogEncryptionSettingsInput{DataCatalogEncryptionSettings: &gluetypes.DataCatalogEncryptionSettings{
			EncryptionAtRest:             &gluetypes.EncryptionAtRest{CatalogEncryptionMode: gluetypes.CatalogEncryptionModeSsekms, SseAwsKmsKeyId: sdk.String("alias/catalog")},
			ConnectionPasswordEncryption: &gluetypes.ConnectionPasswordEncryption{ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: sdk.String("alias/catalog")}}}))
	}
}

// TestMotoGlue: the jobs and each region's Data Catalog encryption
// settings are read back with what the checks judge, in every region.
func TestMotoGlue(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			j := find(t, "glue job", res.Account.Glue.Jobs, func(x state.GlueJob) string { return x.Region + "/" + x.Name }, r+"/etl")
			eq(t, "arn", j.ARN, "arn:aws:glue:"+r+":"+motoAccount+":job/etl")
			eq(t, "command", j.Command, "glueetl")
			eq(t, "spark", j.Spark(), true)
			eq(t, "version", j.GlueVersion, map[bool]string{true: "4.0", false: "2.0"}[secure])
			cat := find(t, "glue catalog", res.Account.Glue.Catalogs, func(x state.GlueCatalog) string { return x.Region }, r)
			eq(t, "catalog arn", cat.ARN, "arn:aws:glue:"+r+":"+motoAccount+":catalog")
			eq(t, "encrypted", cat.Encrypted(), secure)
			eq(t, "key", cat.KMSKeyID, map[bool]string{true: "alias/catalog", false: ""}[secure])
			eq(t, "passwords encrypted", cat.PasswordsEncrypted, secure)
		})
	}
}
