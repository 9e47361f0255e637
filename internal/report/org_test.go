package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
)

var orgAccounts = []string{"111111111111", "222222222222"}

// orgReport combines the every-status report for two accounts (the second
// with more critical failures, so it ranks first) and one account that
// could not be read.
func orgReport(t *testing.T) (*engine.Report, report.Options) {
	t.Helper()
	var reps []*engine.Report
	var o report.Options
	for i, id := range orgAccounts {
		r, opts := everyStatusReport()
		o = opts
		r.AccountID, r.AccountName = id, ""
		if i == 1 {
			r.Summary.FailBySeverity = map[string]int{"critical": 3}
		}
		reps = append(reps, r)
	}
	tree := &state.OrgTree{
		Roots: []state.OrgRoot{{ID: "r-1"}},
		Units: []state.OrgUnit{{ID: "ou-1", Name: "Prod <script>", ParentID: "r-1"}},
		Accounts: []state.OrgAccount{
			{ID: orgAccounts[0], Name: "alpha", ParentID: "r-1"},
			{ID: orgAccounts[1], Name: "beta", ParentID: "ou-1"},
		},
	}
	rep, err := engine.Combine(reps, map[string]string{"333333333333": "AssumeRole: AccessDenied"}, tree, "o-test")
	if err != nil {
		t.Fatal(err)
	}
	return rep, o
}

// TestOrgSchemas: a combined report stays valid against every schema.
func TestOrgSchemas(t *testing.T) {
	r, o := orgReport(t)
	for _, tc := range []struct{ format, schema string }{
		{"sarif", "sarif-2.1.0-rtm.5.json"},
		{"asff", "asff.schema.json"},
		{"ocsf", "ocsf-1.1.0-compliance-finding.schema.json"},
	} {
		s := compileSchema(t, tc.schema)
		if err := s.Validate(decodeAny(t, render(t, format(t, tc.format), r, o))); err != nil {
			t.Errorf("%s: %v", tc.format, err)
		}
	}
	x := loadXSD(t, "testdata/schemas/junit-10.xsd")
	if err := x.validate(render(t, format(t, "junit"), r, o), "testsuites"); err != nil {
		t.Errorf("junit: %v", err)
	}
}

// TestOrgAccountOnEveryFinding: every format names each finding's own
// account (never one account for the whole report), in the same order as
// the report's results.
func TestOrgAccountOnEveryFinding(t *testing.T) {
	r, o := orgReport(t)
	var want []string
	for _, f := range r.Results {
		want = append(want, f.AccountID)
	}
	if len(want) != 12 || want[0] != orgAccounts[0] || want[11] != orgAccounts[1] {
		t.Fatalf("combined results: %v", want)
	}
	tests := []struct {
		format string
		ids    func(t *testing.T, b []byte) []string
	}{
		{"json", func(t *testing.T, b []byte) []string {
			res, err := report.ReadJSON("x", b)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, f := range res.Report.Results {
				out = append(out, f.AccountID)
			}
			return out
		}},
		{"csv", func(t *testing.T, b []byte) []string {
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, row := range rows[1:] {
				out = append(out, row[0])
			}
			return out
		}},
		{"sarif", func(t *testing.T, b []byte) []string {
			var doc struct {
				Runs []struct {
					Results []struct {
						Properties map[string]any `json:"properties"`
					} `json:"results"`
				} `json:"runs"`
			}
			mustJSON(t, b, &doc)
			var out []string
			for _, res := range doc.Runs[0].Results {
				out = append(out, res.Properties["accountId"].(string))
			}
			return out
		}},
		{"asff", func(t *testing.T, b []byte) []string {
			var doc []struct {
				AwsAccountID string `json:"AwsAccountId"`
				ProductArn   string `json:"ProductArn"`
			}
			mustJSON(t, b, &doc)
			var out []string
			for _, f := range doc {
				if !strings.Contains(f.ProductArn, ":"+f.AwsAccountID+":product/") {
					t.Errorf("ProductArn %s is not of account %s", f.ProductArn, f.AwsAccountID)
				}
				out = append(out, f.AwsAccountID)
			}
			return out
		}},
		{"ocsf", func(t *testing.T, b []byte) []string {
			var doc []struct {
				Cloud struct {
					Account struct {
						UID  string `json:"uid"`
						Name string `json:"name"`
					} `json:"account"`
				} `json:"cloud"`
			}
			mustJSON(t, b, &doc)
			var out []string
			for _, f := range doc {
				out = append(out, f.Cloud.Account.UID)
			}
			return out
		}},
		{"junit", func(t *testing.T, b []byte) []string {
			var doc struct {
				Suites []struct {
					Cases []struct {
						Name string `xml:"name,attr"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			if err := xml.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			// JUnit groups by check: compare as a multiset per account.
			var out []string
			for _, s := range doc.Suites {
				for _, c := range s.Cases {
					id, _, _ := strings.Cut(c.Name, " ")
					out = append(out, id)
				}
			}
			return out
		}},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			got := tc.ids(t, render(t, format(t, tc.format), r, o))
			w := want
			if tc.format == "junit" {
				got, w = counts(got), counts(want)
			}
			if strings.Join(got, ",") != strings.Join(w, ",") {
				t.Errorf("accounts per finding:\n got %v\nwant %v", got, w)
			}
		})
	}
}

func counts(ids []string) []string {
	n := map[string]int{}
	for _, id := range ids {
		n[id]++
	}
	var out []string
	for _, id := range append(orgAccounts, "333333333333") {
		out = append(out, id+":"+strings.Repeat("x", n[id]))
	}
	return out
}

// TestOrgTableAndMarkdown: the table opens with the accounts ranked by
// critical then high failures, then lists each account by area; the
// unread account is named with its reason; account text is made safe.
func TestOrgTableAndMarkdown(t *testing.T) {
	r, o := orgReport(t)
	table := string(render(t, format(t, "table"), r, o))
	for _, want := range []string{
		"shoulder: organization o-test (3 accounts)",
		"Accounts (most critical, then high failures first)",
		"### account 111111111111 (alpha)  Root",
		"### account 222222222222 (beta)  Root/Prod <script>",
		"### account 333333333333 NOT READ: AssumeRole: AccessDenied",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	rank := table[strings.Index(table, "Accounts ("):]
	if b, a := strings.Index(rank, "222222222222"), strings.Index(rank, "111111111111"); b < 0 || a < 0 || b > a {
		t.Errorf("beta (3 critical) must rank before alpha:\n%s", rank)
	}
	if strings.Index(table, "### account 111111111111") > strings.Index(table, "### account 222222222222") {
		t.Error("the listing goes by account ID")
	}
	md := string(render(t, format(t, "markdown"), r, o))
	for _, want := range []string{"## shoulder: organization o-test (3 accounts)", "| Account | Name | OU |", "`333333333333`", "| Status | Severity | Account |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "<script>") {
		t.Error("markdown carries account text unescaped")
	}
}

// TestOrgJSONAccounts: the JSON document lists every account, unread ones
// with their reason, and reads back.
func TestOrgJSONAccounts(t *testing.T) {
	r, o := orgReport(t)
	var doc struct {
		OrganizationID string                `json:"organization_id"`
		Accounts       []engine.AccountEntry `json:"accounts"`
		Summary        engine.Summary        `json:"summary"`
	}
	if err := json.Unmarshal(render(t, format(t, "json"), r, o), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OrganizationID != "o-test" || len(doc.Accounts) != 3 || doc.Accounts[2].Read != engine.ReadNone || doc.Accounts[1].OUPath != "Root/Prod <script>" {
		t.Errorf("accounts: %+v", doc)
	}
	if doc.Summary.Total != 12 || doc.Summary.ByStatus[check.Fail] != 2 {
		t.Errorf("summary: %+v", doc.Summary)
	}
}
