package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// athena adds Alpenglow's Athena workgroups (svc-glue): the Frankfurt data
// lake's analysts workgroup publishes metrics and encrypts results under
// the data-lake key with its settings enforced; Frankfurt's untouched
// primary workgroup does neither; the agency's marketing workgroup in N.
// Virginia publishes metrics and encrypts results with SSE_S3 but lets
// clients override it.
func (x *b) athena() {
	fra, iad := "eu-central-1", "us-east-1"
	wg := func(region, name string, w state.AthenaWorkGroup) state.AthenaWorkGroup {
		w.Meta, w.Name, w.State, w.Described = state.Meta{ARN: x.arn("athena", region, "workgroup/"+name), Region: region}, name, "ENABLED", true
		return w
	}
	x.a.Athena.WorkGroups = append(x.a.Athena.WorkGroups,
		wg(fra, "analysts", state.AthenaWorkGroup{PublishMetrics: true, Enforce: true, OutputLocation: "s3://alpenglow-athena-results-fra/analysts/",
			ResultEncryption: "SSE_KMS", ResultKMSKey: x.datalakeKey(fra)}),
		wg(fra, "primary", state.AthenaWorkGroup{}),
		wg(iad, "marketing", state.AthenaWorkGroup{PublishMetrics: true, OutputLocation: "s3://alpenglow-marketing-athena/", ResultEncryption: "SSE_S3"}),
	)
}
