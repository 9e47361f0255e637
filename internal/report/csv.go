package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

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
// where needed) after a header row.
//
// A cell that a spreadsheet would run as a formula (starting with = + - @,
// tab or carriage return) is prefixed with a single quote: resource names
// and messages come from the scanned account and must not execute.
func CSV(w io.Writer, r *engine.Report, o Options) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvColumns); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	row := make([]string, len(csvColumns))
	for i := range r.Results {
		f := &r.Results[i]
		owner, expires, reason := "", "", ""
		if f.Waiver != nil {
			owner, reason = f.Waiver.Owner, f.Waiver.Reason
			if !f.Waiver.Expires.IsZero() {
				expires = f.Waiver.Expires.Format("2006-01-02")
			}
		}
		acct, acctName := findingAccount(r, f)
		vals := []string{acct, f.CheckID, o.title(f), string(f.Area), f.Service, f.Severity.String(),
			string(f.Status), f.Region, f.Resource, f.Message, strconv.FormatBool(f.Sensitive), owner, expires,
			reason, strings.Join(o.controls(f.CheckID), " "), acctName, f.OUPath}
		for j, v := range vals {
			row[j] = defuseCell(v)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("writing CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
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
