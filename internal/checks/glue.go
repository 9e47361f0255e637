package checks

import (
	_ "embed"
	"fmt"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// glueChecks are the customer's duties on AWS Glue (svc-glue): AWS runs the
// Spark and Ray workers and the Data Catalog, but which Glue version a job
// runs on, whether ML transforms and the catalog's metadata are encrypted
// and under whose key are the customer's settings.
func glueChecks() []check.Check {
	return []check.Check{glueMLTransformEncrypted(), glueSparkJobSupportedVersion(), glueCatalogEncrypted(), glueCatalogPasswordsEncrypted()}
}

// glueVersionsYAML is the list of supported and end-of-support Glue
// versions for Spark jobs, with its source and date.
//
//go:embed data/glue_versions.yaml
var glueVersionsYAML []byte

// glueVersions is glueVersionsYAML parsed.
type glueVersions struct {
	Source       string            `yaml:"source"`
	AsOf         string            `yaml:"as_of"`
	Supported    []string          `yaml:"supported"`
	EndOfSupport map[string]string `yaml:"end_of_support"`
}

// loadGlueVersions parses the embedded list once; the embedded file is
// checked by TestGlueVersionsData, so an error here is a build mistake.
var loadGlueVersions = sync.OnceValues(func() (glueVersions, error) {
	var v glueVersions
	if err := yaml.Unmarshal(glueVersionsYAML, &v); err != nil {
		return v, fmt.Errorf("parsing data/glue_versions.yaml: %w", err)
	}
	return v, nil
})

// glueVersionStatus says whether Spark jobs on Glue version v are
// supported: supported, or ended with the end-of-support date; known is
// false for a version in neither list.
func (g glueVersions) status(v string) (supported bool, ended string, known bool) {
	for _, s := range g.Supported {
		if s == v {
			return true, "", true
		}
	}
	if d, ok := g.EndOfSupport[v]; ok {
		return false, d, true
	}
	return false, "", false
}

// glueMLTransformEncrypted: FSBP Glue.3, an ML transform's user data is
// encrypted at rest with SSE-KMS.
func glueMLTransformEncrypted() check.Check {
	return check.Check{
		ID: "glue_ml_transform_encrypted_at_rest",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "glue", []state.Input{state.InputGlueMLTransforms}, a.Glue.MLTransforms, func(t state.GlueMLTransform) check.Result {
				if t.UserDataEncryption == "SSE-KMS" {
					return check.PassR(t, "ML transform %s encrypts its user data with SSE-KMS", t.Name)
				}
				return check.FailR(t, "ML transform %s does not encrypt its user data at rest (mode %s)", t.Name, orDefault(t.UserDataEncryption, "DISABLED"))
			})
		},
	}
}

// glueSparkJobSupportedVersion: FSBP Glue.4, Spark jobs run on a Glue
// version AWS still supports. Python shell and Ray jobs are not judged.
func glueSparkJobSupportedVersion() check.Check {
	return check.Check{
		ID: "glue_spark_job_supported_version",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			vs, err := loadGlueVersions()
			var spark []state.GlueJob
			for _, j := range a.Glue.Jobs {
				if j.Spark() {
					spark = append(spark, j)
				}
			}
			return eachRegional(a, "glue", []state.Input{state.InputGlueJobs}, spark, func(j state.GlueJob) check.Result {
				if err != nil {
					return check.UnknownR(j, "%v", err)
				}
				if j.GlueVersion == "" {
					return check.UnknownR(j, "Spark job %s names no Glue version", j.Name)
				}
				ok, ended, known := vs.status(j.GlueVersion)
				switch {
				case !known:
					return check.UnknownR(j, "Spark job %s runs on Glue %s, which is in neither list of shoulder's Glue versions (%s, as of %s)", j.Name, j.GlueVersion, vs.Source, vs.AsOf)
				case ok:
					return check.PassR(j, "Spark job %s runs on Glue %s, supported", j.Name, j.GlueVersion)
				}
				return check.FailR(j, "Spark job %s runs on Glue %s, out of support since %s", j.Name, j.GlueVersion, ended)
			})
		},
	}
}

// glueCatalogEncrypted: a region's Data Catalog encrypts its metadata at
// rest; the key's custody (AWS managed aws/glue, or the customer's key) is
// judged by internal/custody and reported.
func glueCatalogEncrypted() check.Check {
	return check.Check{
		ID: "glue_data_catalog_encrypted_at_rest",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ix := keyIndex(a)
			return eachRegional(a, "glue", []state.Input{state.InputGlueCatalogEncryption}, a.Glue.Catalogs, func(c state.GlueCatalog) check.Result {
				if !c.Encrypted() {
					return check.FailR(c, "the Data Catalog in %s does not encrypt its metadata at rest (%s)", c.Region, orDefault(c.EncryptionAtRest, "DISABLED"))
				}
				if c.KMSKeyID == "" {
					return check.PassR(c, "the Data Catalog in %s encrypts its metadata with the AWS managed key aws/glue (custody %s)", c.Region, custody.AWSManaged)
				}
				// The key's custody needs the KMS reads: without them the
				// verdict names no custody, it is unknown.
				if g, ok := ix.Gap(&a.Gaps, c.Region, c.KMSKeyID); ok {
					return check.GapR(c, g)
				}
				return check.PassR(c, "the Data Catalog in %s encrypts its metadata with key %s (custody %s)", c.Region, c.KMSKeyID, ix.Level(c.Region, c.KMSKeyID))
			})
		},
	}
}

// glueCatalogPasswordsEncrypted: a region's Data Catalog returns connection
// passwords encrypted with a KMS key.
func glueCatalogPasswordsEncrypted() check.Check {
	return check.Check{
		ID: "glue_data_catalog_connection_passwords_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "glue", []state.Input{state.InputGlueCatalogEncryption}, a.Glue.Catalogs, func(c state.GlueCatalog) check.Result {
				if c.PasswordsEncrypted {
					return check.PassR(c, "the Data Catalog in %s keeps connection passwords encrypted", c.Region)
				}
				return check.FailR(c, "the Data Catalog in %s returns connection passwords in clear text", c.Region)
			})
		},
	}
}
