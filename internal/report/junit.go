package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Package    string          `xml:"package,attr,omitempty"`
	Properties *junitProps     `xml:"properties,omitempty"`
	Cases      []junitTestCase `xml:"testcase"`
}

type junitProps struct {
	Props []junitProp `xml:"property"`
}

type junitProp struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// JUnit writes one test suite per check and one test case per check and
// resource: a failure for fail, skipped (with the reason) for unknown,
// not_applicable, manual and waived, and a plain passing case for pass. CI
// systems then show shoulder's duties like tests.
func JUnit(w io.Writer, r *engine.Report, o Options) error {
	doc := junitSuites{Name: "shoulder " + r.AccountID, Time: "0"}
	if r.IsOrg() {
		doc.Name = "shoulder organization " + nonEmpty(r.OrganizationID, fmt.Sprintf("(%d accounts)", len(r.Accounts)))
	}
	ts := r.EvaluatedAt.UTC().Format("2006-01-02T15:04:05")
	idx := map[string]int{}
	for i := range r.Results {
		f := &r.Results[i]
		si, ok := idx[f.CheckID]
		if !ok {
			si = len(doc.Suites)
			idx[f.CheckID] = si
			s := junitSuite{Name: f.CheckID, Time: "0", Timestamp: ts, Package: "shoulder." + string(f.Area)}
			props := []junitProp{{"title", o.title(f)}, {"area", string(f.Area)}, {"service", f.Service}}
			for _, c := range o.controls(f.CheckID) {
				props = append(props, junitProp{"control", c})
			}
			s.Properties = &junitProps{Props: props}
			doc.Suites = append(doc.Suites, s)
		}
		s := &doc.Suites[si]
		name := f.Resource
		if r.IsOrg() { // the same check and resource may be in several accounts
			acct, _ := findingAccount(r, f)
			name = acct + " " + f.Resource
		}
		tc := junitTestCase{Name: name, Classname: "shoulder." + string(f.Area) + "." + f.CheckID, Time: "0"}
		switch f.Status {
		case check.Fail:
			body := f.Message
			if fix := o.remediationText(f.CheckID); fix != "" {
				body += "\n\nFix: " + fix
			}
			tc.Failure = &junitMessage{Message: f.Message, Type: f.Severity.String(), Text: body}
			s.Failures++
			doc.Failures++
		case check.Pass:
			tc.SystemOut = f.Message
		default:
			tc.Skipped = &junitMessage{Message: string(f.Status) + ": " + f.Message}
			s.Skipped++
		}
		s.Tests++
		doc.Tests++
		s.Cases = append(s.Cases, tc)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	return nil
}
