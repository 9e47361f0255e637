package report

import (
	"bufio"
	"bytes"
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
// systems then show shoulder's duties like tests. In a combined report a
// suite is one account's check (named "ACCOUNT CHECK"), so the suites
// follow the results account by account and stream.
func JUnit(w io.Writer, r *engine.Report, o Options) error {
	return writeWhole(JUnitSink(w, o, DigestOf(r)), r)
}

// JUnitSink returns the streaming writer of JUnit XML for a report
// digested into d (a finished report whose results come a batch at a
// time): the bytes JUnit writes for the whole report. The totals, which
// open the document, come from the digest; one suite's cases are held
// until the next suite starts.
func JUnitSink(w io.Writer, o Options, d *Digest) engine.Sink {
	return &junitSink{bw: bufio.NewWriterSize(w, 1<<16), o: o, d: d}
}

type junitSink struct {
	bw *bufio.Writer
	o  Options
	d  *Digest
	r  *engine.Report
	ts string
	// suite is the suite being filled (cases of one check, of one
	// account in a combined report), key what it is of.
	suite  *junitSuite
	key    string
	suites int
	tail   []byte
	enc    *xml.Encoder
}

// Start writes the XML header and the opening of the document with the
// totals.
func (s *junitSink) Start(r *engine.Report) error {
	s.r = r
	s.ts = r.EvaluatedAt.UTC().Format("2006-01-02T15:04:05")
	doc := junitSuites{Name: "shoulder " + r.AccountID, Time: "0", Tests: s.d.results, Failures: s.d.failures}
	if r.IsOrg() {
		doc.Name = "shoulder organization " + nonEmpty(r.OrganizationID, fmt.Sprintf("(%d accounts)", len(r.Accounts)))
	}
	// The document without suites, split at its end tag: what comes
	// before the suites and after them.
	var frame bytes.Buffer
	if err := xml.NewEncoder(&frame).Encode(doc); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	end := []byte("</testsuites>")
	head, ok := bytes.CutSuffix(frame.Bytes(), end)
	if !ok {
		return fmt.Errorf("writing JUnit XML: internal error: no end tag in %q", frame.Bytes())
	}
	s.tail = end
	s.enc = xml.NewEncoder(s.bw)
	// A suite sits one level into the document.
	s.enc.Indent("  ", "  ")
	if _, err := s.bw.WriteString(xml.Header); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	if _, err := s.bw.Write(head); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	return nil
}

// Findings adds one case per finding to its suite, writing a suite once
// the next one starts.
func (s *junitSink) Findings(_ *check.Check, fs []engine.Finding) error {
	for i := range fs {
		f := &fs[i]
		name := f.Resource
		key := f.CheckID
		acct := ""
		if s.r.IsOrg() { // the same check and resource may be in several accounts
			acct, _ = findingAccount(s.r, f)
			name = acct + " " + f.Resource
			key = acct + " " + f.CheckID
		}
		if s.suite == nil || key != s.key {
			if err := s.flush(); err != nil {
				return err
			}
			s.key = key
			st := junitSuite{Name: key, Time: "0", Timestamp: s.ts, Package: "shoulder." + string(f.Area)}
			props := []junitProp{{"title", s.o.title(f)}, {"area", string(f.Area)}, {"service", f.Service}}
			if acct != "" {
				props = append(props, junitProp{"account", acct})
			}
			for _, c := range s.o.controls(f.CheckID) {
				props = append(props, junitProp{"control", c})
			}
			st.Properties = &junitProps{Props: props}
			s.suite = &st
		}
		st := s.suite
		tc := junitTestCase{Name: name, Classname: "shoulder." + string(f.Area) + "." + f.CheckID, Time: "0"}
		switch f.Status {
		case check.Fail:
			body := f.Message
			if fix := s.o.remediationText(f.CheckID); fix != "" {
				body += "\n\nFix: " + fix
			}
			tc.Failure = &junitMessage{Message: f.Message, Type: f.Severity.String(), Text: body}
			st.Failures++
		case check.Pass:
			tc.SystemOut = f.Message
		default:
			tc.Skipped = &junitMessage{Message: string(f.Status) + ": " + f.Message}
			st.Skipped++
		}
		st.Tests++
		st.Cases = append(st.Cases, tc)
	}
	return nil
}

// flush writes the suite being filled.
func (s *junitSink) flush() error {
	if s.suite == nil {
		return nil
	}
	if s.suites == 0 {
		// The encoder starts the lines of every later suite itself.
		if _, err := s.bw.WriteString("\n"); err != nil {
			return fmt.Errorf("writing JUnit XML: %w", err)
		}
	}
	if err := s.enc.EncodeElement(s.suite, xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	if err := s.enc.Flush(); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	s.suite = nil
	s.suites++
	return nil
}

// End writes the last suite and closes the document.
func (s *junitSink) End(*engine.Report) error {
	if err := s.flush(); err != nil {
		return err
	}
	if s.suites > 0 {
		if _, err := s.bw.WriteString("\n"); err != nil {
			return fmt.Errorf("writing JUnit XML: %w", err)
		}
	}
	if _, err := s.bw.Write(s.tail); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	if _, err := s.bw.WriteString("\n"); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	return nil
}
