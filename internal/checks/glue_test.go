package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsGlueJobARN       = "arn:aws:glue:eu-west-1:" + testAccountID + ":job/etl"
	dsGlueTransformARN = "arn:aws:glue:eu-west-1:" + testAccountID + ":mlTransform/tfm-0123"
	dsGlueCatalogARN   = "arn:aws:glue:eu-west-1:" + testAccountID + ":catalog"
)

// dsGlueJob adds Spark job "etl" in eu-west-1 on Glue 4.0; edited by mut.
func dsGlueJob(mut func(j *state.GlueJob)) func(*state.Account) {
	return func(a *state.Account) {
		j := state.GlueJob{Meta: state.Meta{ARN: dsGlueJobARN, Region: "eu-west-1"}, Name: "etl", Command: "glueetl", GlueVersion: "4.0"}
		if mut != nil {
			mut(&j)
		}
		a.Glue.Jobs = append(a.Glue.Jobs, j)
	}
}

// dsGlueTransform adds ML transform "dedupe" in eu-west-1, encrypted with
// SSE-KMS; edited by mut.
func dsGlueTransform(mut func(t *state.GlueMLTransform)) func(*state.Account) {
	return func(a *state.Account) {
		t := state.GlueMLTransform{Meta: state.Meta{ARN: dsGlueTransformARN, Region: "eu-west-1"}, Name: "dedupe", UserDataEncryption: "SSE-KMS", KMSKeyID: dsKeyARN}
		if mut != nil {
			mut(&t)
		}
		a.Glue.MLTransforms = append(a.Glue.MLTransforms, t)
	}
}

// dsGlueCatalog adds eu-west-1's Data Catalog settings: metadata under the
// customer managed key dsKeyARN, passwords encrypted; edited by mut.
func dsGlueCatalog(mut func(c *state.GlueCatalog)) func(*state.Account) {
	return func(a *state.Account) {
		c := state.GlueCatalog{Meta: state.Meta{ARN: dsGlueCatalogARN, Region: "eu-west-1"}, EncryptionAtRest: "SSE-KMS", KMSKeyID: dsKeyARN,
			PasswordsEncrypted: true, PasswordKMSKeyID: dsKeyARN}
		if mut != nil {
			mut(&c)
		}
		a.Glue.Catalogs = append(a.Glue.Catalogs, c)
	}
}

func glueCases() map[string][]checkCase {
	job := func(name string, m func(*state.GlueJob), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsGlueJob(m)), want: want}
	}
	tfm := func(name string, m func(*state.GlueMLTransform), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsGlueTransform(m)), want: dsWant(want), msg: msg}
	}
	cat := func(name string, m func(*state.GlueCatalog), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsKey(nil), dsGlueCatalog(m)), want: dsWant(want), msg: msg}
	}
	catDenied := checkCase{name: "settings denied", acct: baseAccount(dsGap("glue", "eu-west-1", "GetDataCatalogEncryptionSettings", "")), want: dsWant(dsU)}
	return map[string][]checkCase{
		"glue_ml_transform_encrypted_at_rest": {
			tfm("sse-kms", nil, dsP, "SSE-KMS"),
			tfm("disabled", func(t *state.GlueMLTransform) { t.UserDataEncryption, t.KMSKeyID = "DISABLED", "" }, dsF, "DISABLED"),
			tfm("none reported", func(t *state.GlueMLTransform) { t.UserDataEncryption, t.KMSKeyID = "", "" }, dsF, "DISABLED"),
			{name: "listing denied", acct: baseAccount(dsGlueTransform(nil), dsGap("glue", "eu-west-1", "GetMLTransforms", "")), want: dsWant(dsU)},
		},
		"glue_spark_job_supported_version": {
			job("glue 4.0", nil, dsP),
			job("glue 5.1", func(j *state.GlueJob) { j.GlueVersion = "5.1" }, dsP),
			job("streaming 3.0", func(j *state.GlueJob) { j.Command, j.GlueVersion = "gluestreaming", "3.0" }, dsP),
			job("glue 2.0", func(j *state.GlueJob) { j.GlueVersion = "2.0" }, dsF),
			job("glue 0.9", func(j *state.GlueJob) { j.GlueVersion = "0.9" }, dsF),
			job("version not in the list", func(j *state.GlueJob) { j.GlueVersion = "6.0" }, dsU),
			job("no version", func(j *state.GlueJob) { j.GlueVersion = "" }, dsU),
			job("python shell not judged", func(j *state.GlueJob) { j.Command, j.GlueVersion = "pythonshell", "1.0" }),
			{name: "listing denied", acct: baseAccount(dsGlueJob(nil), dsGap("glue", "eu-west-1", "GetJobs", "")), want: dsWant(dsU)},
		},
		"glue_data_catalog_encrypted_at_rest": {
			cat("customer key", nil, dsP, "customer_managed"),
			cat("aws/glue", func(c *state.GlueCatalog) { c.KMSKeyID = "" }, dsP, "aws_managed"),
			cat("service role", func(c *state.GlueCatalog) { c.EncryptionAtRest = "SSE-KMS-WITH-SERVICE-ROLE" }, dsP, "customer_managed"),
			cat("disabled", func(c *state.GlueCatalog) { c.EncryptionAtRest, c.KMSKeyID = "DISABLED", "" }, dsF, "does not encrypt"),
			catDenied,
			{name: "key unreadable", acct: baseAccount(dsGlueCatalog(nil), dsGap("kms", "eu-west-1", "ListKeys", "")), want: dsWant(dsU)},
			{name: "key not collected", acct: baseAccount(dsGlueCatalog(nil)), want: dsWant(dsP), msg: "custody unknown"},
		},
		"glue_data_catalog_connection_passwords_encrypted": {
			cat("encrypted", nil, dsP, "encrypted"),
			cat("clear", func(c *state.GlueCatalog) { c.PasswordsEncrypted, c.PasswordKMSKeyID = false, "" }, dsF, "clear text"),
			catDenied,
		},
	}
}

// TestGlueVersionsData: the embedded list parses, names its source and
// date, and no version is both supported and out of support.
func TestGlueVersionsData(t *testing.T) {
	v, err := loadGlueVersions()
	if err != nil {
		t.Fatal(err)
	}
	if v.Source == "" || v.AsOf == "" || len(v.Supported) == 0 || len(v.EndOfSupport) == 0 {
		t.Fatalf("glue versions = %+v, want a source, a date and both lists", v)
	}
	for _, s := range v.Supported {
		if _, ok := v.EndOfSupport[s]; ok {
			t.Errorf("Glue %s is both supported and out of support", s)
		}
	}
}
