package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// CSVColumns are the columns of the CSV output, in order. They are stable:
// new columns are only appended.
var csvColumns = []string{
	"account_id", "check_id", "title", "area", "service", "severity", "status",
	"region", "resource", "message", "sensitive", "waiver_owner", "waiver_expires",
	"waiver_reason", "controls", "account_name", "ou_path",
}

// CSVColumns returns the CSV header, in order.
func CSVColumns() []string { return append([]string(nil), csvColumns...) }

// CSV writes one row per result (RFC 4180: CRLF line ends, quoted fields
// where needed) after a header row. It is the streaming writer (CSVSink)
// given the whole report at once.
//
// A cell that a spreadsheet would run as a formula (starting with = + - @,
// tab or carriage return) is prefixed with a single quote: resource names
// and messages come from the scanned account and must not execute.
func CSV(w io.Writer, r *engine.Report, o Options) error {
	s := newCSVSink(w, o)
	if err := s.Start(r); err != nil {
		return err
	}
	if err := s.Findings(nil, r.Results); err != nil {
		return err
	}
	return s.End(r)
}

// CSVSink returns an engine.Sink that writes the CSV rows while the engine
// evaluates: the same bytes CSV writes for the whole report.
func CSVSink(w io.Writer, o Options) engine.Sink { return newCSVSink(w, o) }

type csvSink struct {
	cw *csv.Writer
	o  Options
	// rep is the report being written: the account of a finding that does
	// not name its own.
	rep *engine.Report
	row []string
}

func newCSVSink(w io.Writer, o Options) *csvSink {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvSink{cw: cw, o: o, row: make([]string, len(csvColumns))}
}

// Start writes the header row.
func (s *csvSink) Start(r *engine.Report) error {
	s.rep = r
	if err := s.cw.Write(csvColumns); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

// Findings writes one row per finding.
func (s *csvSink) Findings(_ *check.Check, fs []engine.Finding) error {
	for i := range fs {
		f := &fs[i]
		owner, expires, reason := "", "", ""
		if f.Waiver != nil {
			owner, reason = f.Waiver.Owner, f.Waiver.Reason
			if !f.Waiver.Expires.IsZero() {
				expires = f.Waiver.Expires.Format("2006-01-02")
			}
		}
		acct, acctName := findingAccount(s.rep, f)
		vals := [...]string{acct, f.CheckID, s.o.title(f), string(f.Area), f.Service, f.Severity.String(),
			string(f.Status), f.Region, f.Resource, f.Message, strconv.FormatBool(f.Sensitive), owner, expires,
			reason, strings.Join(s.o.controls(f.CheckID), " "), acctName, f.OUPath}
		for j, v := range vals {
			s.row[j] = defuseCell(v)
		}
		if err := s.cw.Write(s.row); err != nil {
			return fmt.Errorf("writing CSV: %w", err)
		}
	}
	return nil
}

// End flushes the rows.
func (s *csvSink) End(*engine.Report) error {
	s.cw.Flush()
	if err := s.cw.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

// CSVSafe defuses a cell a spreadsheet would run as a formula, as CSV
// does for every cell it writes (other CSV writers call it).
func CSVSafe(s string) string { return defuseCell(s) }

func defuseCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
