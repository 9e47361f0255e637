// Package checks holds shoulder's built-in checks, one file per area or
// service, each next to its table-driven tests.
//
// There is no package-level registry variable: All builds the list afresh,
// so tests and callers can never mutate a shared registry.
package checks

import (
	"fmt"
	"sort"

	"github.com/shoulder-dev/shoulder/internal/check"
)

// All returns every built-in check, ordered by ID: the Go code's ID, logic
// and reads merged with the check's text from meta/<id>.yaml. It panics when
// the embedded metadata does not match the registered checks, which
// TestMetadata* in this package prevents from ever being committed.
func All() []check.Check {
	metas, err := embeddedMeta()
	if err != nil {
		panic(err)
	}
	all, err := applyMeta(builtin(), metas)
	if err != nil {
		panic(err)
	}
	reads := checkReads()
	for i := range all {
		all[i].Reads = reads[all[i].ID]
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all
}

// builtin returns the checks as Go builds them: ID, logic and registration.
// Register a new check by adding its constructor to a group here.
func builtin() []check.Check {
	var all []check.Check
	for _, group := range [][]check.Check{
		identityChecks(),
		roleTrustChecks(),
		networkChecks(),
		encryptionAtRestChecks(),
		loggingChecks(),
		accessChecks(),
		vpnChecks(),
		elbChecks(),
		patchingChecks(),
		ec2SharingChecks(),
		residencyChecks(),
		s3Checks(),
		kmsChecks(),
		ebsChecks(),
		rdsChecks(),
		redshiftChecks(),
		workspacesChecks(),
		dynamodbChecks(),
		efsChecks(),
		backupChecks(),
		organizationChecks(),
		lambdaChecks(),
		messagingChecks(),
		ecsChecks(),
		eksChecks(),
		sageMakerChecks(), emrChecks(), // svc-analytics
		inspectorChecks(), macieChecks(), // svc-sec
		autoScalingChecks(),        // svc-compute2
		codeBuildChecks(),          // svc-build
		dmsChecks(),                // svc-build
		elastiCacheChecks(),        // svc-data
		kinesisChecks(),            // svc-stream
		firehoseChecks(),           // svc-stream
		networkFirewallChecks(),    // svc-netfw
		transferChecks(),           // svc-netfw
		docdbNeptuneChecks(),       // svc-data
		openSearchChecks(),         // svc-search
		route53Checks(),            // svc-search
		mskChecks(),                // svc-msk
		stepFunctionsChecks(),      // svc-msk
		redshiftServerlessChecks(), // svc-msk
		daxChecks(),                // svc-dax
		s3ExpressChecks(),          // svc-s3dir
		acmPCAChecks(),             // svc-s3dir
		elasticBeanstalkChecks(),   // svc-eb
		glueChecks(),               // svc-glue
		athenaChecks(),             // svc-glue
		fsxChecks(),                // svc-fsx
		mqChecks(),                 // svc-mq
		dataSyncChecks(),           // svc-mq
		connectChecks(),            // svc-connect
		serviceCatalogChecks(),     // svc-catalog
		acmChecks(),
		cloudFrontChecks(),
		apiGatewayChecks(), // svc-api
		wafChecks(),        // svc-api
		rdsMoreChecks(),    // svc-gaps
		ec2MoreChecks(),    // svc-gaps
		ecsMoreChecks(),    // svc-gaps
		// svc-gaps3
		cloudFrontMoreChecks(),
		codeBuildReportChecks(),
		redshiftMoreChecks(),
		ec2SpotChecks(),
		ecsTaskSetChecks(),
		wafClassicChecks(), // svc-classic
		appSyncChecks(),    // svc-classic
		cognitoChecks(),    // svc-classic
		s3AccessPointChecks(),
		s3MultiRegionAccessPointChecks(),
		// svc-last: SSM.6, ServiceCatalog.1
		ssmAutomationChecks(),
	} {
		all = append(all, group...)
	}
	return all
}

// ByID returns the checks indexed by ID.
func ByID() map[string]check.Check {
	m := make(map[string]check.Check)
	for _, c := range All() {
		m[c.ID] = c
	}
	return m
}

// Select returns the checks whose IDs are listed, or an error naming the
// first unknown ID.
func Select(ids []string) ([]check.Check, error) {
	by := ByID()
	out := make([]check.Check, 0, len(ids))
	for _, id := range ids {
		c, ok := by[id]
		if !ok {
			return nil, fmt.Errorf("unknown check %q (see `shoulder checks`)", id)
		}
		out = append(out, c)
	}
	return out, nil
}
