package state

// Glue holds the AWS Glue jobs, machine learning transforms and Data
// Catalog encryption settings of every scanned region.
//
// Gaps: GetJobs, GetMLTransforms and GetDataCatalogEncryptionSettings are
// recorded per region.
type Glue struct {
	Jobs         []GlueJob         `json:"jobs,omitempty"`
	MLTransforms []GlueMLTransform `json:"ml_transforms,omitempty"`
	// Catalogs holds one entry per region whose Data Catalog encryption
	// settings were read.
	Catalogs []GlueCatalog `json:"catalogs,omitempty"`
}

// GlueJob is an AWS Glue job. Its script and arguments are not kept: no
// check reads them, and arguments can hold secrets.
type GlueJob struct {
	Meta
	Name string `json:"name"`
	// Command is the job's command name: glueetl (Spark), gluestreaming
	// (Spark streaming), pythonshell or glueray.
	Command string `json:"command,omitempty"`
	// GlueVersion is the AWS Glue version the job runs on ("4.0"); empty
	// when the job names none.
	GlueVersion string `json:"glue_version,omitempty"`
	// SecurityConfiguration names the job's security configuration.
	SecurityConfiguration string `json:"security_configuration,omitempty"`
}

// Spark reports whether the job runs Apache Spark (batch or streaming),
// the jobs FSBP Glue.4 judges.
func (j GlueJob) Spark() bool { return j.Command == "glueetl" || j.Command == "gluestreaming" }

// GlueMLTransform is an AWS Glue machine learning transform.
type GlueMLTransform struct {
	Meta
	Name string `json:"name"`
	// UserDataEncryption is the encryption mode of the transform's user
	// data at rest: DISABLED or SSE-KMS (empty: none reported, DISABLED).
	UserDataEncryption string `json:"user_data_encryption,omitempty"`
	// KMSKeyID is the key of SSE-KMS.
	KMSKeyID string `json:"kms_key_id,omitempty"`
}

// GlueCatalog is a region's AWS Glue Data Catalog encryption settings.
type GlueCatalog struct {
	Meta
	// EncryptionAtRest is DISABLED, SSE-KMS or SSE-KMS-WITH-SERVICE-ROLE
	// (empty: none reported, DISABLED).
	EncryptionAtRest string `json:"encryption_at_rest,omitempty"`
	// KMSKeyID is the key of the catalog's metadata; empty with SSE-KMS
	// means the AWS managed key aws/glue.
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// PasswordsEncrypted is true when connection passwords are returned
	// encrypted, under PasswordKMSKeyID.
	PasswordsEncrypted bool   `json:"passwords_encrypted,omitempty"`
	PasswordKMSKeyID   string `json:"password_kms_key_id,omitempty"`
}

// Encrypted reports whether the catalog's metadata is encrypted at rest.
func (c GlueCatalog) Encrypted() bool {
	return c.EncryptionAtRest == "SSE-KMS" || c.EncryptionAtRest == "SSE-KMS-WITH-SERVICE-ROLE"
}
