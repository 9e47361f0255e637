package report

import (
	"io"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// OCSFVersion is the OCSF schema version the output follows.
const OCSFVersion = "1.1.0"

type ocsfEvent struct {
	ActivityID   int             `json:"activity_id"`
	ActivityName string          `json:"activity_name"`
	CategoryUID  int             `json:"category_uid"`
	CategoryName string          `json:"category_name"`
	ClassUID     int             `json:"class_uid"`
	ClassName    string          `json:"class_name"`
	TypeUID      int             `json:"type_uid"`
	TypeName     string          `json:"type_name"`
	SeverityID   int             `json:"severity_id"`
	Severity     string          `json:"severity"`
	StatusID     int             `json:"status_id"`
	Status       string          `json:"status"`
	Time         int64           `json:"time"`
	Message      string          `json:"message"`
	Metadata     ocsfMetadata    `json:"metadata"`
	FindingInfo  ocsfFindingInfo `json:"finding_info"`
	Compliance   ocsfCompliance  `json:"compliance"`
	Remediation  *ocsfRemedy     `json:"remediation,omitempty"`
	Resources    []ocsfResource  `json:"resources"`
	Cloud        ocsfCloud       `json:"cloud"`
}

type ocsfMetadata struct {
	Version string      `json:"version"`
	Product ocsfProduct `json:"product"`
}

type ocsfProduct struct {
	Name       string `json:"name"`
	VendorName string `json:"vendor_name"`
	Version    string `json:"version,omitempty"`
}

type ocsfFindingInfo struct {
	UID         string   `json:"uid"`
	Title       string   `json:"title"`
	Desc        string   `json:"desc,omitempty"`
	Types       []string `json:"types"`
	CreatedTime int64    `json:"created_time"`
}

type ocsfCompliance struct {
	Standards    []string `json:"standards"`
	Control      string   `json:"control"`
	Requirements []string `json:"requirements,omitempty"`
	StatusID     int      `json:"status_id"`
	Status       string   `json:"status"`
	StatusDetail string   `json:"status_detail"`
}

type ocsfRemedy struct {
	Desc string `json:"desc"`
}

type ocsfResource struct {
	UID       string `json:"uid"`
	Name      string `json:"name,omitempty"`
	Type      string `json:"type,omitempty"`
	Region    string `json:"region,omitempty"`
	Partition string `json:"cloud_partition,omitempty"`
}

type ocsfCloud struct {
	Provider string      `json:"provider"`
	Region   string      `json:"region,omitempty"`
	Account  ocsfAccount `json:"account"`
}

type ocsfAccount struct {
	UID    string `json:"uid"`
	Name   string `json:"name,omitempty"`
	Type   string `json:"type"`
	TypeID int    `json:"type_id"`
}

// ocsfComplianceStatus maps a status to the compliance object's status_id:
// 1 Pass, 2 Warning ("did not yield a result due to missing information",
// which is what unknown means), 3 Fail, 99 Other for manual and
// not_applicable. A waived failure is still a Fail; its finding status is
// Suppressed.
func ocsfComplianceStatus(s check.Status) (int, string) {
	switch s {
	case check.Pass:
		return 1, "Pass"
	case check.Unknown:
		return 2, "Warning"
	case check.Fail, check.Waived:
		return 3, "Fail"
	case check.Manual:
		return 99, "Manual"
	}
	return 99, "Not Applicable"
}

// ocsfFindingStatus maps a status to the finding's status_id.
func ocsfFindingStatus(s check.Status) (int, string) {
	switch s {
	case check.Pass, check.NotApplicable:
		return 4, "Resolved"
	case check.Waived:
		return 3, "Suppressed"
	}
	return 1, "New"
}

// ocsfSeverity maps a result to severity_id: passes are Informational.
func ocsfSeverity(f *engine.Finding) (int, string) {
	if f.Status == check.Pass || f.Status == check.NotApplicable {
		return 1, "Informational"
	}
	return int(f.Severity) + 1, [...]string{"Informational", "Low", "Medium", "High", "Critical"}[f.Severity]
}

// OCSF writes one OCSF 1.1.0 Compliance Finding event (class_uid 2003,
// activity Create) per result, as a JSON list.
func OCSF(w io.Writer, r *engine.Report, o Options) error {
	return writeWhole(OCSFSink(w, o, DigestOf(r)), r)
}

// OCSFSink returns the streaming writer of OCSF for a report digested
// into d (a finished report whose results come a batch at a time): the
// bytes OCSF writes for the whole report.
func OCSFSink(w io.Writer, o Options, d *Digest) engine.Sink {
	return newListSink(w, "OCSF", func(r *engine.Report) func(*engine.Finding) any { return ocsfEventer(r, o, d) })
}

// ocsfEventer returns the builder of one finding's OCSF event.
func ocsfEventer(r *engine.Report, o Options, d *Digest) func(*engine.Finding) any {
	ms := r.EvaluatedAt.UnixMilli()
	part := d.Partition()
	return func(f *engine.Finding) any {
		sevID, sev := ocsfSeverity(f)
		stID, st := ocsfFindingStatus(f.Status)
		cID, cSt := ocsfComplianceStatus(f.Status)
		controls := o.controls(f.CheckID)
		standards := []string{}
		seen := map[string]bool{}
		for _, c := range controls {
			fw, _, _ := strings.Cut(c, ":")
			if !seen[fw] {
				seen[fw] = true
				standards = append(standards, fw)
			}
		}
		if len(standards) == 0 {
			standards = []string{"shoulder"}
		}
		acct, acctName := findingAccount(r, f)
		ev := ocsfEvent{
			ActivityID: 1, ActivityName: "Create",
			CategoryUID: 2, CategoryName: "Findings",
			ClassUID: 2003, ClassName: "Compliance Finding",
			TypeUID: 200301, TypeName: "Compliance Finding: Create",
			SeverityID: sevID, Severity: sev, StatusID: stID, Status: st,
			Time: ms, Message: f.Message,
			Metadata: ocsfMetadata{Version: OCSFVersion, Product: ocsfProduct{Name: "shoulder", VendorName: "shoulder", Version: o.Version}},
			FindingInfo: ocsfFindingInfo{UID: findingUID(acct, f.CheckID, f.Resource), Title: o.title(f),
				Desc: o.Checks[f.CheckID].Description, Types: []string{string(f.Area)}, CreatedTime: ms},
			Compliance: ocsfCompliance{Standards: standards, Control: f.CheckID, Requirements: controls,
				StatusID: cID, Status: cSt, StatusDetail: f.Message},
			Resources: []ocsfResource{{UID: f.Resource, Name: resourceName(f.Resource), Type: resourceType(f.Resource), Region: f.Region, Partition: part}},
			Cloud:     ocsfCloud{Provider: "AWS", Region: f.Region, Account: ocsfAccount{UID: acct, Name: acctName, Type: "AWS Account", TypeID: 10}},
		}
		if ev.Resources[0].Type == "" {
			ev.Resources[0].Type = "account"
		}
		if fix := o.remediationText(f.CheckID); fix != "" {
			ev.Remediation = &ocsfRemedy{Desc: fix}
		}
		return ev
	}
}
