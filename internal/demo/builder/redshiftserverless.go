package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// redshiftServerless adds Alpenglow's Redshift Serverless (svc-msk): the
// Frankfurt analytics workgroup (private, enhanced VPC routing, SSL
// required) on a namespace under the data-lake key with its own admin
// name and every log exported; the agency's marketing BI workgroup in
// N. Virginia (public, no VPC routing, SSL optional) on a namespace that
// keeps the "admin" user, an AWS owned key and exports only the user log.
func (x *b) redshiftServerless() {
	fra, iad := "eu-central-1", "us-east-1"
	x.a.RedshiftServerless.Workgroups = append(x.a.RedshiftServerless.Workgroups,
		state.ServerlessWorkgroup{Meta: state.Meta{ARN: x.arn("redshift-serverless", fra, "workgroup/4d5e6f70-8192-4a3b-9c4d-5e6f708192a3"), Region: fra},
			Name: "analytics", Namespace: "analytics", Status: "AVAILABLE", EnhancedVPCRouting: true,
			Parameters: map[string]string{"require_ssl": "true", "enable_user_activity_logging": "true"}},
		state.ServerlessWorkgroup{Meta: state.Meta{ARN: x.arn("redshift-serverless", iad, "workgroup/5e6f7081-92a3-4b4c-8d5e-6f708192a3b4"), Region: iad},
			Name: "marketing-bi", Namespace: "marketing-bi", Status: "AVAILABLE", PubliclyAccessible: true,
			Parameters: map[string]string{"require_ssl": "false", "enable_user_activity_logging": "false"}},
	)
	x.a.RedshiftServerless.Namespaces = append(x.a.RedshiftServerless.Namespaces,
		state.ServerlessNamespace{Meta: state.Meta{ARN: x.arn("redshift-serverless", fra, "namespace/6f708192-a3b4-4c5d-9e6f-708192a3b4c5"), Region: fra}, Name: "analytics", Status: "AVAILABLE", AdminUsername: "alpenglow_dba",
			KMSKeyID: x.datalakeKey(fra), LogExports: []string{"connectionlog", "userlog", "useractivitylog"}},
		state.ServerlessNamespace{Meta: state.Meta{ARN: x.arn("redshift-serverless", iad, "namespace/708192a3-b4c5-4d6e-8f70-8192a3b4c5d6"), Region: iad},
			Name: "marketing-bi", Status: "AVAILABLE", AdminUsername: "admin", KMSKeyID: "AWS_OWNED_KMS_KEY", LogExports: []string{"userlog"}},
	)
}
