package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
)

// everyStatusReport has one result of each status, a waiver, a sensitive
// resource with tags, a global and a regional resource, text that needs
// escaping in every format, and evidence longer than ASFF allows.
func everyStatusReport() (*engine.Report, report.Options) {
	at := time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC)
	mk := func(id string, st check.Status, sev check.Severity, res, region, msg string) engine.Finding {
		return engine.Finding{Result: check.Result{CheckID: id, Status: st, Severity: sev, Resource: res, Region: region, Message: msg},
			Title: "Title of " + id, Area: check.Network, Service: "ec2"}
	}
	r := &engine.Report{AccountID: "123456789012", AccountName: `Acme <"&"> | Co`, Source: "snapshot", CollectedAt: at, EvaluatedAt: at}
	r.Results = []engine.Finding{
		mk("ec2_fail", check.Fail, check.Critical, "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1", "eu-west-1", `=HYPERLINK("x") admits 22 | from <0.0.0.0/0> & "more"`+"\x01"),
		mk("ec2_unknown", check.Unknown, check.High, "arn:aws:ec2:eu-west-1:123456789012:account-settings", "eu-west-1", "could not read ec2 DescribeSecurityGroups: access_denied"),
		mk("ec2_waived", check.Waived, check.Medium, "arn:aws:ec2:us-east-1:123456789012:instance/i-1", "us-east-1", "waived failure"),
		mk("ec2_manual", check.Manual, check.Low, "arn:aws:iam::123456789012:root", "", "needs a person: check the contract"),
		mk("ec2_pass", check.Pass, check.Info, "arn:aws:s3:::bucket-a", "eu-central-1", "fine"),
		mk("ec2_na", check.NotApplicable, check.Medium, "arn:aws:rds:eu-west-1:123456789012:db:x", "eu-west-1", strings.Repeat("long evidence ", 120)),
	}
	r.Results[2].Waiver = &policy.Waiver{Check: "ec2_waived", Resource: "arn:aws:ec2:us-east-1:123456789012:instance/*", Reason: "migration in Q3", Owner: "ops@example.com", Expires: at.AddDate(0, 3, 0)}
	r.WaiverIssues = []engine.WaiverIssue{{Waiver: policy.Waiver{Check: "ec2_old", Resource: "arn:aws:ec2:*", Owner: "sec@example.com", Expires: at}, Problem: "expired"}}
	r.Results[0].Sensitive = true
	r.Results[0].Tags = map[string]string{"classification": "confidential", "empty": ""}
	r.Summary = engine.Summary{Total: 6, Checks: 6, ByStatus: map[check.Status]int{}, FailBySeverity: map[string]int{"critical": 1}}
	for _, f := range r.Results {
		r.Summary.ByStatus[f.Status]++
	}
	r.Results[1].Area, r.Results[1].Service = check.Logging, "logging" // an area and a service of the same name
	checks := map[string]check.Check{}
	for _, f := range r.Results {
		checks[f.CheckID] = check.Check{ID: f.CheckID, Title: f.Title, Area: f.Area, Service: f.Service, Severity: f.Severity,
			Description: "Why " + f.CheckID + " matters.", Remediation: check.Remediation{Console: "Do the thing.", CLI: "aws ec2 do-thing", Terraform: "x = true"}}
	}
	return r, report.Options{Version: "test", Checks: checks, Controls: map[string][]string{"ec2_fail": {"fsbp:EC2.13", "cis-5.0:5.2"}}, Region: "eu-west-1"}
}

func TestSchemasEveryStatus(t *testing.T) {
	r, o := everyStatusReport()
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

// TestStatusMappings pins how each status reads in every standard format.
func TestStatusMappings(t *testing.T) {
	r, o := everyStatusReport()
	type row struct{ sarifKind, sarifLevel, asffCompliance, asffWorkflow, asffSev, ocsfCompliance, ocsfStatus, junit string }
	want := map[string]row{
		"ec2_fail":    {"fail", "error", "FAILED", "NEW", "CRITICAL", "Fail", "New", "failure"},
		"ec2_unknown": {"review", "none", "WARNING", "NEW", "HIGH", "Warning", "New", "skipped"},
		"ec2_waived":  {"fail", "warning", "FAILED", "SUPPRESSED", "MEDIUM", "Fail", "Suppressed", "skipped"},
		"ec2_manual":  {"review", "none", "WARNING", "NEW", "LOW", "Manual", "New", "skipped"},
		"ec2_pass":    {"pass", "none", "PASSED", "RESOLVED", "INFORMATIONAL", "Pass", "Resolved", "pass"},
		"ec2_na":      {"notApplicable", "none", "NOT_AVAILABLE", "RESOLVED", "INFORMATIONAL", "Not Applicable", "Resolved", "skipped"},
	}
	got := map[string]*row{}
	for id := range want {
		got[id] = &row{}
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID, Kind, Level string
				Suppressions        []struct{ Status string }
			}
		}
	}
	mustJSON(t, render(t, format(t, "sarif"), r, o), &sarif)
	for _, res := range sarif.Runs[0].Results {
		got[res.RuleID].sarifKind, got[res.RuleID].sarifLevel = res.Kind, res.Level
		if res.RuleID == "ec2_waived" && (len(res.Suppressions) != 1 || res.Suppressions[0].Status != "accepted") {
			t.Errorf("waived SARIF result lacks an accepted suppression: %+v", res.Suppressions)
		}
	}
	var asff []struct {
		GeneratorID string `json:"GeneratorId"`
		ProductArn  string
		Compliance  struct{ Status string }
		Workflow    struct{ Status string }
		Severity    struct{ Label string }
		Description string
		Note        *struct{ Text, UpdatedBy string }
		Resources   []struct {
			Type string
			Tags map[string]string
		}
	}
	mustJSON(t, render(t, format(t, "asff"), r, o), &asff)
	for _, f := range asff {
		id := strings.TrimPrefix(f.GeneratorID, "shoulder/")
		got[id].asffCompliance, got[id].asffWorkflow, got[id].asffSev = f.Compliance.Status, f.Workflow.Status, f.Severity.Label
		if f.ProductArn != "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default" {
			t.Errorf("ProductArn %s", f.ProductArn)
		}
		if n := len([]rune(f.Description)); n > 1024 {
			t.Errorf("%s: ASFF description of %d characters", id, n)
		}
		switch id {
		case "ec2_waived":
			if f.Note == nil || f.Note.UpdatedBy != "ops@example.com" || !strings.Contains(f.Note.Text, "migration in Q3") {
				t.Errorf("waived ASFF finding note: %+v", f.Note)
			}
		case "ec2_fail":
			if f.Resources[0].Type != "AwsEc2SecurityGroup" || f.Resources[0].Tags["classification"] != "confidential" || len(f.Resources[0].Tags) != 1 {
				t.Errorf("ASFF resource %+v", f.Resources[0])
			}
		case "ec2_pass":
			if f.Resources[0].Type != "AwsS3Bucket" {
				t.Errorf("bucket ASFF type %s", f.Resources[0].Type)
			}
		}
	}
	var ocsf []struct {
		Status     string
		Compliance struct {
			Control   string
			Status    string
			Standards []string
		}
	}
	mustJSON(t, render(t, format(t, "ocsf"), r, o), &ocsf)
	for _, e := range ocsf {
		got[e.Compliance.Control].ocsfCompliance, got[e.Compliance.Control].ocsfStatus = e.Compliance.Status, e.Status
		if e.Compliance.Control == "ec2_fail" && strings.Join(e.Compliance.Standards, ",") != "cis-5.0,fsbp" {
			t.Errorf("OCSF standards %v", e.Compliance.Standards)
		}
	}
	junit := string(render(t, format(t, "junit"), r, o))
	for id := range want {
		i := strings.Index(junit, "."+id+`" time="0"`)
		if i < 0 {
			t.Fatalf("no JUnit test case for %s", id)
		}
		end := strings.Index(junit[i:], "</testcase>")
		tc := junit[i : i+end]
		switch {
		case strings.Contains(tc, "<failure"):
			got[id].junit = "failure"
		case strings.Contains(tc, "<skipped"):
			got[id].junit = "skipped"
		default:
			got[id].junit = "pass"
		}
	}
	for id, w := range want {
		if *got[id] != w {
			t.Errorf("%s:\n got %+v\nwant %+v", id, *got[id], w)
		}
	}
}

func mustJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func TestCSV(t *testing.T) {
	r, o := everyStatusReport()
	out := render(t, format(t, "csv"), r, o)
	if !bytes.Contains(out, []byte("\r\n")) || bytes.Count(out, []byte("\r\n")) != len(r.Results)+1 {
		t.Errorf("want CRLF line ends, one per row")
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not RFC 4180 CSV: %v", err)
	}
	if strings.Join(rows[0], ",") != strings.Join(report.CSVColumns(), ",") {
		t.Errorf("header %v", rows[0])
	}
	if len(rows) != len(r.Results)+1 {
		t.Fatalf("%d rows", len(rows))
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	first := rows[1]
	if first[col["message"]] != "'"+r.Results[0].Message || first[col["controls"]] != "cis-5.0:5.2 fsbp:EC2.13" || first[col["sensitive"]] != "true" {
		t.Errorf("first row %q", first)
	}
	waived := rows[3]
	if waived[col["waiver_owner"]] != "ops@example.com" || waived[col["waiver_expires"]] != "2026-08-04" {
		t.Errorf("waived row %q", waived)
	}
}

func TestMarkdown(t *testing.T) {
	r, o := everyStatusReport()
	md := string(render(t, format(t, "markdown"), r, o))
	for _, want := range []string{"- expired: `ec2_old` on `arn:aws:ec2:*` (owner sec@example.com, expires 2026-05-04)", "| 🔴 fail | 1 |", "### Findings that need attention (4)", `admits 22 \| from \<0.0.0.0/0\>`, `Acme \<"\&"\> \| Co`} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// Every table row has the same number of cells (no pipe broke out).
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| 🔴") || strings.HasPrefix(line, "| 🟡") {
			if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 7 && n != 3 {
				t.Errorf("row with %d cell separators: %s", n, line)
			}
		}
	}
	// The findings table is capped for PR comments.
	big, bo := syntheticReport(2000)
	md = string(render(t, format(t, "markdown"), big, bo))
	if !strings.Contains(md, "more not shown") || len(md) > 65536 {
		t.Errorf("a 2000-finding markdown report is %d bytes and not capped", len(md))
	}
}

func TestHTMLSelfContainedAndData(t *testing.T) {
	r, o := everyStatusReport()
	no := false
	o.DataMap = &report.DataMap{Stores: []report.DataStore{
		{ARN: "arn:aws:s3:::b", Kind: "s3 bucket", Region: "eu-west-1", Country: "IE", Custody: "aws_managed", Exposure: "public"},
		{ARN: "arn:aws:s3:::c", Kind: "s3 bucket", Region: "us-east-1", Country: "US", Custody: "none", Exposure: "private", Allowed: &no},
	}}
	o.Frameworks = []report.Framework{{ID: "cis-5.0", Name: "CIS AWS Foundations", Version: "5.0.0", Controls: []report.Control{{ID: "5.2", Title: "No SSH from the internet", Status: check.Fail, Checks: []string{"ec2_fail"}}}}}
	o.Responsibility = &report.Responsibility{Services: []report.ServiceDuties{{Service: "ec2", Model: "infrastructure", AWSDuties: []string{"hypervisor"}, Duties: []report.Duty{{Name: "Firewall instances", Area: check.Network, Status: "not_met", Worst: "critical", Resources: 1, Checks: []string{"ec2_fail", "ec2_unknown"}}}}}}
	page := string(render(t, format(t, "html"), r, o))
	for _, bad := range []string{"<link", " src=", "url(", "@import", "http://", "https://"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q: it must load nothing", bad)
		}
	}
	for _, want := range []string{"US (not allowed)", "chart-countries", "chart-custody", "chart-exposure", "chart-framework", "Firewall instances", "chart-heatmap", `data-checks="ec2_fail ec2_unknown"`, "worst duty"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, `<"&">`) {
		t.Error("the account name is not escaped")
	}
	// The embedded data decodes and holds every result.
	start := strings.Index(page, `<script type="application/json" id="data">`)
	end := strings.Index(page[start:], "</script>")
	raw := page[start+len(`<script type="application/json" id="data">`) : start+end]
	var d struct {
		F struct {
			C  []int    `json:"c"`
			R  []string `json:"r"`
			P  []int    `json:"p"`
			St []int    `json:"st"`
		} `json:"f"`
		Pre      []string       `json:"pre"`
		Statuses []string       `json:"statuses"`
		W        map[string]int `json:"w"`
	}
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	if len(d.F.C) != len(r.Results) || len(d.W) != 1 {
		t.Fatalf("%d rows, %d waivers", len(d.F.C), len(d.W))
	}
	for i, f := range r.Results {
		if got := d.Pre[d.F.P[i]] + d.F.R[i]; got != f.Resource || d.Statuses[d.F.St[i]] != string(f.Status) {
			t.Errorf("row %d: %s %s, want %s %s", i, got, d.Statuses[d.F.St[i]], f.Resource, f.Status)
		}
	}
	// Without the optional views, their sections say so.
	r2, o2 := everyStatusReport()
	page = string(render(t, format(t, "html"), r2, o2))
	if n := strings.Count(page, `class="na">Not available`); n != 3 {
		t.Errorf("%d 'not available' sections, want 3 (duties, data map, frameworks)", n)
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"table", "table", ""},
		{"table,html,sarif", "table html sarif", ""},
		{" HTML , md ", "html markdown", ""},
		{"html,", "html", ""},
		{"", "", "no format"},
		{"pdf", "", `"pdf" is not a format`},
		{"csv,csv", "", "listed twice"},
		{"markdown,md", "", "listed twice"},
	}
	for _, tc := range tests {
		fs, err := report.ParseFormats(tc.in)
		var names []string
		for _, f := range fs {
			names = append(names, f.Name)
		}
		if got := strings.Join(names, " "); got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ParseFormats(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
	seen := map[string]bool{}
	for _, f := range report.Formats() {
		if seen[f.FileName] {
			t.Errorf("two formats write %s", f.FileName)
		}
		seen[f.FileName] = true
	}
}

func TestReadJSONRoundTrip(t *testing.T) {
	r, o := demoReport(t)
	out := render(t, format(t, "json"), r, o)
	got, err := report.ReadJSON("r.json", out)
	if err != nil {
		t.Fatal(err)
	}
	if got.SchemaVersion != report.JSONSchemaVersion || len(got.Report.Results) != len(r.Results) {
		t.Fatalf("read back %d results, schema %d", len(got.Report.Results), got.SchemaVersion)
	}
	for i := range r.Results {
		a, b := r.Results[i], got.Report.Results[i]
		if a.CheckID != b.CheckID || a.Resource != b.Resource || a.Status != b.Status || a.Severity != b.Severity || a.Message != b.Message {
			t.Errorf("result %d: %+v became %+v", i, a.Result, b.Result)
		}
	}
	if _, err := report.ReadJSON("x.json", append(out, []byte("{}")...)); err == nil || !strings.Contains(err.Error(), "extra data") {
		t.Errorf("trailing data: %v", err)
	}
	if _, err := report.ReadJSON("x.json", []byte(`{"schema_version": 1, "results": [{"check_id": "a", "resource": "r", "status": "pass", "severity": "huge"}]}`)); err == nil || !strings.Contains(err.Error(), `unknown severity "huge"`) {
		t.Errorf("bad severity: %v", err)
	}
}
