package checks

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// checkCase is one tiny state and the statuses a check must give on it, in
// result order. msg, when set, must appear in the first result's message.
type checkCase struct {
	name string
	acct *state.Account
	pol  *policy.Policy
	want []check.Status
	msg  string
}

// allCases gathers every file's cases, keyed by check ID. Each area's test
// file contributes one function.
func allCases() map[string][]checkCase {
	m := map[string][]checkCase{}
	for _, part := range []map[string][]checkCase{
		identityCases(),
		roleTrustCases(),
		networkCases(),
		networkSourceCases(),
		encryptionAtRestCases(),
		loggingCases(),
		accessCases(),
		vpnCases(),
		elbCases(),
		patchingCases(),
		ec2SharingCases(),
		residencyCases(),
		s3Cases(),
		kmsCases(),
		ebsCases(),
		rdsCases(),
		redshiftCases(),
		workspacesCases(),
		dynamodbCases(),
		efsCases(),
		backupCases(),
		organizationCases(),
		orgFactsCases(),
		lambdaCases(),
		messagingCases(),
		ecsCases(),
		eksCases(),
		sageMakerCases(), emrCases(), // svc-analytics
		inspectorCases(), macieCases(), // svc-sec
		autoScalingCases(),        // svc-compute2
		codeBuildCases(),          // svc-build
		dmsCases(),                // svc-build
		elastiCacheCases(),        // svc-data
		kinesisCases(),            // svc-stream
		firehoseCases(),           // svc-stream
		networkFirewallCases(),    // svc-netfw
		transferCases(),           // svc-netfw
		docdbNeptuneCases(),       // svc-data
		openSearchCases(),         // svc-search
		route53Cases(),            // svc-search
		mskCases(),                // svc-msk
		stepFunctionsCases(),      // svc-msk
		redshiftServerlessCases(), // svc-msk
		daxCases(),                // svc-dax
		s3ExpressCases(),          // svc-s3dir
		acmPCACases(),             // svc-s3dir
		elasticBeanstalkCases(),   // svc-eb
		glueCases(),               // svc-glue
		athenaCases(),             // svc-glue
		fsxCases(),                // svc-fsx
		mqCases(),                 // svc-mq
		dataSyncCases(),           // svc-mq
		connectCases(),            // svc-connect
		serviceCatalogCases(),     // svc-catalog
		acmCases(),
		cloudFrontCases(),
		apiGatewayCases(), // svc-api
		wafCases(),        // svc-api
		rdsMoreCases(),    // svc-gaps
		ec2MoreCases(),    // svc-gaps
		ecsMoreCases(),    // svc-gaps
		// svc-gaps3
		cloudFrontMoreCases(),
		codeBuildReportCases(),
		redshiftMoreCases(),
		ec2SpotCases(),
		ecsTaskSetCases(),
		wafClassicCases(), // svc-classic
		appSyncCases(),    // svc-classic
		cognitoCases(),    // svc-classic
		s3AccessPointCases(),
		s3MultiRegionAccessPointCases(),
		// svc-last: SSM.6, ServiceCatalog.1
		ssmAutomationCases(),
		honestyCases(),
	} {
		for id, cs := range part {
			m[id] = append(m[id], cs...)
		}
	}
	return m
}

// noUnknownCase lists checks that read nothing that can be missing, with why.
var noUnknownCase = map[string]string{}

const testAccountID = "111122223333"

var testTime = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// baseAccount is an empty account with two scanned regions. mutate edits it.
func baseAccount(mutate ...func(a *state.Account)) *state.Account {
	a := &state.Account{
		AccountID:   testAccountID,
		Partition:   "aws",
		CollectedAt: testTime,
		Regions: []state.Region{
			{Name: "eu-west-1", Enabled: true, Scanned: true, OptInStatus: "opt-in-not-required"},
			{Name: "us-east-1", Enabled: true, Scanned: true, OptInStatus: "opt-in-not-required"},
		},
	}
	for _, m := range mutate {
		m(a)
	}
	return a
}

func withGap(g state.Gap) func(*state.Account) {
	return func(a *state.Account) { a.Gaps.Add(g) }
}

func TestCheckCases(t *testing.T) {
	by := ByID()
	for id, cases := range allCases() {
		c, ok := by[id]
		if !ok {
			t.Errorf("cases for unregistered check %q", id)
			continue
		}
		for _, tc := range cases {
			t.Run(id+"/"+tc.name, func(t *testing.T) {
				p := tc.pol
				if p == nil {
					p = policy.Default()
				}
				got := c.Run(tc.acct, p)
				var gs []check.Status
				for _, r := range got {
					gs = append(gs, r.Status)
					if r.Resource == "" {
						t.Errorf("result without resource: %+v", r)
					}
					if r.Message == "" {
						t.Errorf("result without message: %+v", r)
					}
				}
				if fmt.Sprint(gs) != fmt.Sprint(tc.want) {
					t.Fatalf("statuses = %v, want %v\nresults: %+v", gs, tc.want, got)
				}
				if tc.msg != "" && (len(got) == 0 || !strings.Contains(got[0].Message, tc.msg)) {
					t.Errorf("first message %q does not contain %q", got[0].Message, tc.msg)
				}
			})
		}
	}
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)+$`)

// TestRegistry enforces that every check is registered once, well formed,
// and has test cases covering pass, fail and unknown.
func TestRegistry(t *testing.T) {
	all := All()
	if len(all) == 0 {
		t.Fatal("no checks registered")
	}
	cases := allCases()
	seen := map[string]bool{}
	for _, c := range all {
		if seen[c.ID] {
			t.Errorf("duplicate check ID %q", c.ID)
		}
		seen[c.ID] = true
		if !idPattern.MatchString(c.ID) {
			t.Errorf("%s: ID is not snake_case <service>_<what>", c.ID)
		}
		if !strings.HasPrefix(c.ID, strings.ReplaceAll(c.Service, "-", "")+"_") {
			t.Errorf("%s: ID does not start with its service %q", c.ID, c.Service)
		}
		if c.Title == "" || c.Run == nil || c.Area == "" || c.Service == "" {
			t.Errorf("%s: missing title, area, service or Run", c.ID)
		}
		if _, err := check.ParseArea(string(c.Area)); err != nil {
			t.Errorf("%s: %v", c.ID, err)
		}
		if c.Remediation.Console == "" || c.Remediation.CLI == "" || c.Remediation.Terraform == "" {
			t.Errorf("%s: remediation needs console, CLI and Terraform text", c.ID)
		}
		covered := map[check.Status]bool{}
		for _, tc := range cases[c.ID] {
			for _, s := range tc.want {
				covered[s] = true
			}
		}
		need := []check.Status{check.Pass, check.Fail, check.Unknown}
		if _, exempt := noUnknownCase[c.ID]; exempt {
			need = need[:2]
		}
		for _, s := range need {
			if !covered[s] {
				t.Errorf("%s: no test case expects %s", c.ID, s)
			}
		}
	}
}
