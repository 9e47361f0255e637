package state

// RedshiftServerless holds the Amazon Redshift Serverless workgroups
// (compute, endpoints, parameters) and namespaces (databases, users, keys,
// log exports) of every scanned region.
//
// Gaps: ListWorkgroups hides a region's workgroups, ListNamespaces its
// namespaces. Both listings carry every setting the checks judge; nothing
// is read per item.
type RedshiftServerless struct {
	Workgroups []ServerlessWorkgroup `json:"workgroups,omitempty"`
	Namespaces []ServerlessNamespace `json:"namespaces,omitempty"`
}

// ServerlessWorkgroup is a Redshift Serverless workgroup.
type ServerlessWorkgroup struct {
	Meta
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Status    string `json:"status,omitempty"`
	// EnhancedVPCRouting is true when COPY and UNLOAD traffic goes through
	// the VPC.
	EnhancedVPCRouting bool `json:"enhanced_vpc_routing,omitempty"`
	// PubliclyAccessible is true when the endpoint is reachable from the
	// internet.
	PubliclyAccessible bool `json:"publicly_accessible,omitempty"`
	// Parameters are the workgroup's configuration parameters as listed
	// (require_ssl, enable_user_activity_logging, ...).
	Parameters map[string]string `json:"parameters,omitempty"`
}

// RequireSSL returns the workgroup's require_ssl parameter and whether it
// was reported.
func (w ServerlessWorkgroup) RequireSSL() (on, reported bool) {
	v, ok := w.Parameters["require_ssl"]
	return v == "true", ok
}

// ServerlessNamespace is a Redshift Serverless namespace: the databases,
// users and their data.
type ServerlessNamespace struct {
	Meta
	Name   string `json:"name"`
	Status string `json:"status,omitempty"`
	// AdminUsername is the admin user's name (empty when not reported).
	AdminUsername string `json:"admin_username,omitempty"`
	// KMSKeyID is the key that encrypts the namespace: a customer managed
	// key's ID or ARN, or "AWS_OWNED_KMS_KEY" (also when empty).
	KMSKeyID string `json:"kms_key_id,omitempty"`
	// LogExports are the logs exported to CloudWatch Logs: useractivitylog,
	// userlog, connectionlog.
	LogExports []string `json:"log_exports,omitempty"`
}

// AWSOwnedKey reports whether the namespace is encrypted with a key AWS
// owns rather than one in the account.
func (n ServerlessNamespace) AWSOwnedKey() bool {
	return n.KMSKeyID == "" || n.KMSKeyID == "AWS_OWNED_KMS_KEY"
}
