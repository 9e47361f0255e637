package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// ASFF limits from the Security Hub user guide (required attributes).
const (
	asffTitleMax = 256
	asffDescMax  = 1024
	asffIDMax    = 512
	asffTextMax  = 512
)

type asffFinding struct {
	SchemaVersion   string            `json:"SchemaVersion"`
	ID              string            `json:"Id"`
	ProductArn      string            `json:"ProductArn"`
	ProductName     string            `json:"ProductName"`
	CompanyName     string            `json:"CompanyName"`
	Region          string            `json:"Region"`
	GeneratorID     string            `json:"GeneratorId"`
	AwsAccountID    string            `json:"AwsAccountId"`
	Types           []string          `json:"Types"`
	FirstObservedAt string            `json:"FirstObservedAt"`
	LastObservedAt  string            `json:"LastObservedAt"`
	CreatedAt       string            `json:"CreatedAt"`
	UpdatedAt       string            `json:"UpdatedAt"`
	Severity        asffSeverity      `json:"Severity"`
	Title           string            `json:"Title"`
	Description     string            `json:"Description"`
	Remediation     *asffRemediation  `json:"Remediation,omitempty"`
	ProductFields   map[string]string `json:"ProductFields"`
	Resources       []asffResource    `json:"Resources"`
	Compliance      asffCompliance    `json:"Compliance"`
	Workflow        map[string]string `json:"Workflow"`
	RecordState     string            `json:"RecordState"`
	Note            *asffNote         `json:"Note,omitempty"`
}

type asffSeverity struct {
	Label    string `json:"Label"`
	Original string `json:"Original"`
}

type asffRemediation struct {
	Recommendation map[string]string `json:"Recommendation"`
}

type asffResource struct {
	Type      string            `json:"Type"`
	ID        string            `json:"Id"`
	Partition string            `json:"Partition"`
	Region    string            `json:"Region"`
	Tags      map[string]string `json:"Tags,omitempty"`
}

type asffCompliance struct {
	Status              string   `json:"Status"`
	RelatedRequirements []string `json:"RelatedRequirements,omitempty"`
}

type asffNote struct {
	Text      string `json:"Text"`
	UpdatedBy string `json:"UpdatedBy"`
	UpdatedAt string `json:"UpdatedAt"`
}

// asffCompliance maps a status to ASFF Compliance.Status. Unknown and
// manual are WARNING (Security Hub: information is missing), not_applicable
// is NOT_AVAILABLE, and a waived failure stays FAILED with its workflow
// SUPPRESSED: accepting a risk does not make the resource compliant.
func asffComplianceStatus(s check.Status) string {
	switch s {
	case check.Pass:
		return "PASSED"
	case check.Fail, check.Waived:
		return "FAILED"
	case check.NotApplicable:
		return "NOT_AVAILABLE"
	}
	return "WARNING"
}

func asffWorkflow(s check.Status) string {
	switch s {
	case check.Pass, check.NotApplicable:
		return "RESOLVED"
	case check.Waived:
		return "SUPPRESSED"
	}
	return "NEW"
}

// asffSeverityLabel follows Security Hub's convention that passed controls
// are INFORMATIONAL; other results keep the check's severity.
func asffSeverityLabel(f *engine.Finding) string {
	if f.Status == check.Pass || f.Status == check.NotApplicable {
		return "INFORMATIONAL"
	}
	if f.Severity == check.Info {
		return "INFORMATIONAL"
	}
	return strings.ToUpper(f.Severity.String())
}

// asffResourceType maps an ARN to the ASFF resource type Security Hub
// knows, or "Other".
func asffResourceType(arn string) string {
	_, svc, _, _, _, ok := arnParts(arn)
	if !ok {
		return "Other"
	}
	typ := resourceType(arn)
	switch svc + "/" + typ {
	case "s3/bucket":
		return "AwsS3Bucket"
	case "ec2/security-group":
		return "AwsEc2SecurityGroup"
	case "ec2/instance":
		return "AwsEc2Instance"
	case "ec2/volume":
		return "AwsEc2Volume"
	case "ec2/vpc":
		return "AwsEc2Vpc"
	case "ec2/subnet":
		return "AwsEc2Subnet"
	case "ec2/network-acl":
		return "AwsEc2NetworkAcl"
	case "ec2/vpn-connection":
		return "AwsEc2VpnConnection"
	case "iam/user":
		return "AwsIamUser"
	case "iam/role":
		return "AwsIamRole"
	case "iam/group":
		return "AwsIamGroup"
	case "iam/policy":
		return "AwsIamPolicy"
	case "iam/root", "ec2/account-settings", "s3/account-settings":
		return "AwsAccount"
	case "kms/key":
		return "AwsKmsKey"
	case "rds/db":
		return "AwsRdsDbInstance"
	case "rds/cluster":
		return "AwsRdsDbCluster"
	case "rds/snapshot":
		return "AwsRdsDbSnapshot"
	case "cloudtrail/trail":
		return "AwsCloudTrailTrail"
	case "redshift/cluster":
		return "AwsRedshiftCluster"
	case "dynamodb/table":
		return "AwsDynamoDbTable"
	case "elasticfilesystem/file-system":
		return "AwsEfsFileSystem"
	case "lambda/function":
		return "AwsLambdaFunction"
	case "elasticloadbalancing/loadbalancer":
		return "AwsElbv2LoadBalancer"
	case "workspaces/workspace":
		return "AwsWorkSpacesWorkspace"
	}
	if strings.HasSuffix(typ, "account-settings") {
		return "AwsAccount"
	}
	return "Other"
}

// findingUID is a stable identifier of a (check, resource) pair, readable
// when it fits and hashed when the ARN is too long.
func findingUID(accountID, checkID, resource string) string {
	id := "shoulder/" + accountID + "/" + checkID + "/" + resource
	if len(id) > asffIDMax {
		id = "shoulder/" + accountID + "/" + checkID + "/" + fingerprint(checkID, resource)
	}
	return id
}

// truncate shortens s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// ASFF writes the findings in the AWS Security Finding Format as a JSON
// list, ready for Security Hub BatchImportFindings (which takes at most 100
// per call: split the list). Every finding names the Security Hub region it
// is imported into in its ProductArn (o.Region or the busiest region).
func ASFF(w io.Writer, r *engine.Report, o Options) error {
	return writeWhole(ASFFSink(w, o, DigestOf(r)), r)
}

// ASFFSink returns the streaming writer of ASFF for a report digested
// into d (a finished report whose results come a batch at a time): the
// bytes ASFF writes for the whole report.
func ASFFSink(w io.Writer, o Options, d *Digest) engine.Sink {
	return newListSink(w, "ASFF", func(r *engine.Report) func(*engine.Finding) any { return asffFinder(r, o, d) })
}

// asffFinder returns the builder of one finding's ASFF record.
func asffFinder(r *engine.Report, o Options, d *Digest) func(*engine.Finding) any {
	home := d.homeRegion(&o)
	part := d.Partition()
	productArn := fmt.Sprintf("arn:%s:securityhub:%s:%s:product/%s/default", part, home, r.AccountID, r.AccountID)
	created := r.EvaluatedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	observed := r.CollectedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	return func(f *engine.Finding) any {
		region := f.Region
		if region == "" {
			region = home
		}
		title := o.title(f)
		desc := f.Message
		if d := o.Checks[f.CheckID].Description; d != "" {
			desc = d + " Result: " + f.Message
		}
		types := []string{"Software and Configuration Checks/AWS Security Best Practices"}
		controls := o.controls(f.CheckID)
		for _, c := range controls {
			if strings.HasPrefix(c, "cis-") {
				types = append(types, "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark")
				break
			}
		}
		if len(controls) > 32 {
			controls = controls[:32]
		}
		acct, _ := findingAccount(r, f)
		pArn := productArn
		if r.AccountID == "" { // a combined report: each finding is its account's
			pArn = fmt.Sprintf("arn:%s:securityhub:%s:%s:product/%s/default", part, home, acct, acct)
		}
		af := asffFinding{
			SchemaVersion: "2018-10-08",
			ID:            findingUID(acct, f.CheckID, f.Resource),
			ProductArn:    pArn, ProductName: "shoulder", CompanyName: "shoulder",
			Region:      home,
			GeneratorID: "shoulder/" + f.CheckID, AwsAccountID: acct, Types: types,
			FirstObservedAt: observed, LastObservedAt: observed, CreatedAt: created, UpdatedAt: created,
			Severity:    asffSeverity{Label: asffSeverityLabel(f), Original: f.Severity.String()},
			Title:       truncate(title, asffTitleMax),
			Description: truncate(nonEmpty(desc, title), asffDescMax),
			ProductFields: map[string]string{
				"shoulder/CheckId": f.CheckID, "shoulder/Status": string(f.Status),
				"shoulder/Area": string(f.Area), "shoulder/Service": nonEmpty(f.Service, "unknown"),
			},
			Resources: []asffResource{{Type: asffResourceType(f.Resource), ID: truncate(f.Resource, asffIDMax),
				Partition: part, Region: region, Tags: nonEmptyTags(f.Tags)}},
			Compliance:  asffCompliance{Status: asffComplianceStatus(f.Status), RelatedRequirements: controls},
			Workflow:    map[string]string{"Status": asffWorkflow(f.Status)},
			RecordState: "ACTIVE",
		}
		if fix := o.remediationText(f.CheckID); fix != "" {
			af.Remediation = &asffRemediation{Recommendation: map[string]string{"Text": truncate(fix, asffTextMax)}}
		}
		if f.Waiver != nil {
			af.Note = &asffNote{Text: truncate("waived until "+f.Waiver.Expires.Format("2006-01-02")+": "+nonEmpty(f.Waiver.Reason, "no reason given"), asffTextMax),
				UpdatedBy: nonEmpty(f.Waiver.Owner, "unknown"), UpdatedAt: created}
		}
		return af
	}
}

// nonEmptyTags drops tags with empty values, which ASFF's FieldMap refuses.
func nonEmptyTags(t map[string]string) map[string]string {
	var out map[string]string
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.TrimSpace(t[k]) == "" || strings.TrimSpace(k) == "" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[k] = t[k]
	}
	return out
}
