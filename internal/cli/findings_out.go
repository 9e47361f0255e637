package cli

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/store"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// The writers of `shoulder findings` (issue #13: each query answers in at
// most 1 s over a year of daily scans). Each streams: a row is written as
// it is read from the store and nothing is held per row. They write the
// bytes the earlier writers wrote (text/tabwriter for the table,
// json.MarshalIndent of findingJSON per row for JSON), which the tests
// hold them to; bench/RESULTS.md has the figures.

// writeFindings streams the findings f selects in format.
func writeFindings(ctx context.Context, w io.Writer, format string, s *store.Store, f store.FindingFilter) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case "json":
		err = writeFindingsJSON(ctx, bw, s, f)
	case "csv":
		err = writeFindingsCSV(ctx, bw, s, f)
	default:
		err = writeFindingsTable(ctx, bw, s, f, "")
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// writeFindingsJSON writes {"findings": [...], "total": n} as one
// json.Encoder with two-space indent would, row by row.
func writeFindingsJSON(ctx context.Context, bw *bufio.Writer, s *store.Store, f store.FindingFilter) error {
	n := 0
	var buf []byte
	bw.WriteString("{\n  \"findings\": [")
	err := s.EachFinding(ctx, f, func(r store.FindingRow) error {
		if n > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		var err error
		if buf, err = appendFindingJSON(buf[:0], r); err != nil {
			return err
		}
		_, err = bw.Write(buf)
		n++
		return err
	})
	if n > 0 {
		bw.WriteString("\n  ")
	}
	fmt.Fprintf(bw, "],\n  \"total\": %d\n}\n", n)
	return err
}

// findingJSON is a stored finding as findings --format json writes it: the
// reference appendFindingJSON is tested against (TestFindingJSONAgrees).
type findingJSON struct {
	CheckID      string     `json:"check_id"`
	AccountID    string     `json:"account_id"`
	Region       string     `json:"region,omitempty"`
	Resource     string     `json:"resource"`
	Present      bool       `json:"present"`
	Status       string     `json:"status"`
	Severity     string     `json:"severity"`
	Message      string     `json:"message"`
	FirstSeen    time.Time  `json:"first_seen"`
	LastSeen     time.Time  `json:"last_seen"`
	FailingSince *time.Time `json:"failing_since,omitempty"`
	Resolved     *time.Time `json:"resolved,omitempty"`
	Reopened     int64      `json:"reopened"`
}

// appendFindingJSON appends r as json.MarshalIndent(findingJSON, "    ",
// "  ") writes it, without reflection: the object of one row of the JSON
// output.
func appendFindingJSON(b []byte, r store.FindingRow) ([]byte, error) {
	const field = "\n      \""
	str := func(name, v string) {
		b = append(b, field...)
		b = append(b, name...)
		b = append(b, "\": "...)
		b = textsafe.AppendJSON(b, v)
		b = append(b, ',')
	}
	var terr error
	tm := func(name string, t time.Time) {
		b = append(b, field...)
		b = append(b, name...)
		b = append(b, "\": "...)
		if y := t.Year(); y < 0 || y > 9999 {
			// What encoding/json says of it (time.Time.MarshalJSON).
			if _, err := json.Marshal(t); err != nil && terr == nil {
				terr = fmt.Errorf("%s: %w", name, err)
			}
		}
		b = append(b, '"')
		b = t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, '"', ',')
	}
	b = append(b, '{')
	str("check_id", r.Check)
	str("account_id", r.Account)
	if r.Region != "" {
		str("region", r.Region)
	}
	str("resource", r.Resource)
	b = append(b, field...)
	b = append(b, "present\": "...)
	b = strconv.AppendBool(b, r.Present)
	b = append(b, ',')
	str("status", status(r))
	str("severity", r.Severity)
	str("message", r.Message)
	tm("first_seen", r.FirstSeen)
	tm("last_seen", r.LastSeen)
	if !r.FailingSince.IsZero() {
		tm("failing_since", r.FailingSince)
	}
	if !r.Resolved.IsZero() {
		tm("resolved", r.Resolved)
	}
	b = append(b, field...)
	b = append(b, "reopened\": "...)
	b = strconv.AppendInt(b, r.Reopened, 10)
	b = append(b, "\n    }"...)
	if terr != nil {
		return nil, fmt.Errorf("json: %w", terr)
	}
	return b, nil
}

// writeFindingsCSV writes one CSV record a finding, every cell defused
// (report.CSVSafe).
func writeFindingsCSV(ctx context.Context, bw *bufio.Writer, s *store.Store, f store.FindingFilter) error {
	cw := csv.NewWriter(bw)
	cw.Write([]string{"check_id", "account_id", "region", "resource", "status", "severity", "first_seen", "last_seen", "failing_since", "resolved", "reopened", "message"})
	row := make([]string, 12)
	err := s.EachFinding(ctx, f, func(r store.FindingRow) error {
		row = append(row[:0], r.Check, r.Account, r.Region, r.Resource, status(r), r.Severity,
			stamp(r.FirstSeen), stamp(r.LastSeen), stamp(r.FailingSince), stamp(r.Resolved), strconv.FormatInt(r.Reopened, 10), r.Message)
		for i := range row {
			row[i] = report.CSVSafe(row[i])
		}
		return cw.Write(row)
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return err
}

// The table: its columns are aligned as text/tabwriter aligned them
// (minimum width 0, padding 2, spaces; a column as wide as its widest cell
// counted in runes, plus the padding; the last column, the resource, not
// padded), but no row is held: tabwriter kept every row's text until the
// end (584 MiB at 221k findings). The store is read once: each row's cells
// go to a temporary spill file while the widths are fitted, then the header
// is written and the spill file replayed (tableSpill).

// tablePadding is the spaces after a column's widest cell.
const tablePadding = 2

// tableHeader is the table's first line, in cells.
var tableHeader = [8]string{"STATUS", "SEVERITY", "CHECK", "ACCOUNT", "REGION", "FIRST SEEN", "RESOLVED", "RESOURCE"}

// tableCells is one finding's cells in the table (terminal-safe).
func tableCells(r store.FindingRow) [8]string {
	return [8]string{status(r), r.Severity, r.Check, textsafe.Terminal(r.Account), textsafe.Terminal(r.Region),
		dateOf(r.FirstSeen), dateOf(r.Resolved), textsafe.Terminal(r.Resource)}
}

// tableWidths is the width of each padded column.
type tableWidths [7]int

func (w *tableWidths) fit(cells *[8]string) {
	for i := range w {
		if n := utf8.RuneCountInString(cells[i]) + tablePadding; n > w[i] {
			w[i] = n
		}
	}
}

// appendTableRow appends one line of the table, its cells fitted to w.
func appendTableRow(b []byte, w *tableWidths, cells *[8]string) []byte {
	for i := range w {
		b = append(b, cells[i]...)
		for pad := w[i] - utf8.RuneCountInString(cells[i]); pad > 0; pad-- {
			b = append(b, ' ')
		}
	}
	b = append(b, cells[7]...)
	return append(b, '\n')
}

// writeFindingsTable writes the table of the findings f selects, reading
// the store once: the rows' cells are spilled to a temporary file in dir
// (the default temporary directory when empty) as the column widths are
// fitted, then the header and the rows are written from it. The file is
// removed on every path.
func writeFindingsTable(ctx context.Context, bw *bufio.Writer, s *store.Store, f store.FindingFilter, dir string) error {
	sp, err := newTableSpill(dir)
	if err != nil {
		return err
	}
	defer sp.remove()
	var w tableWidths
	head := tableHeader
	w.fit(&head)
	n := 0
	err = s.EachFindingBrief(ctx, f, func(r store.FindingRow) error {
		cells := tableCells(r)
		w.fit(&cells)
		n++
		return sp.add(&cells)
	})
	if err != nil {
		return err
	}
	buf := appendTableRow(nil, &w, &head)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	if err := sp.replay(func(cells *[8]string) error {
		buf = appendTableRow(buf[:0], &w, cells)
		_, err := bw.Write(buf)
		return err
	}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(bw, "%d findings\n", n)
	return err
}

// tableSpill is the table's rows kept in a temporary file between the
// pass that fits the widths and the one that writes them. A record is a
// row: the length of each of its 8 cells (uvarints), then their bytes.
type tableSpill struct {
	f   *os.File
	bw  *bufio.Writer
	rec []byte
}

// newTableSpill creates the spill file in dir (the default temporary
// directory when empty). Where the system allows it the file is unlinked
// at once, so nothing is left behind even if the process is killed; remove
// removes it elsewhere.
func newTableSpill(dir string) (*tableSpill, error) {
	f, err := os.CreateTemp(dir, "shoulder-findings-*.table")
	if err != nil {
		return nil, fmt.Errorf("a temporary file for the table: %w", err)
	}
	_ = os.Remove(f.Name()) // fails where an open file cannot be removed (Windows): remove retries
	return &tableSpill{f: f, bw: bufio.NewWriterSize(f, 64<<10)}, nil
}

// add appends one row's cells.
func (sp *tableSpill) add(cells *[8]string) error {
	b := sp.rec[:0]
	for i := range cells {
		b = binary.AppendUvarint(b, uint64(len(cells[i])))
	}
	for i := range cells {
		b = append(b, cells[i]...)
	}
	sp.rec = b
	if _, err := sp.bw.Write(b); err != nil {
		return fmt.Errorf("the table's temporary file: %w", err)
	}
	return nil
}

// replay calls fn with each row's cells in the order they were added.
func (sp *tableSpill) replay(fn func(cells *[8]string) error) error {
	if err := sp.bw.Flush(); err != nil {
		return fmt.Errorf("the table's temporary file: %w", err)
	}
	if _, err := sp.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("the table's temporary file: %w", err)
	}
	br := bufio.NewReaderSize(sp.f, 64<<10)
	var lens [8]uint64
	var cells [8]string
	for {
		total := uint64(0)
		for i := range lens {
			l, err := binary.ReadUvarint(br)
			if err == io.EOF && i == 0 {
				return nil
			}
			if err != nil {
				return fmt.Errorf("the table's temporary file: %w", noEOF(err))
			}
			lens[i] = l
			total += l
		}
		if total > 1<<30 {
			return fmt.Errorf("the table's temporary file: a row of %d bytes", total)
		}
		sp.rec = slices.Grow(sp.rec[:0], int(total))[:total]
		if _, err := io.ReadFull(br, sp.rec); err != nil {
			return fmt.Errorf("the table's temporary file: %w", noEOF(err))
		}
		// One string a row, its cells slices of it.
		row := string(sp.rec)
		off := uint64(0)
		for i, l := range lens {
			cells[i] = row[off : off+l]
			off += l
		}
		if err := fn(&cells); err != nil {
			return err
		}
	}
}

// noEOF turns an end of file inside a record into io.ErrUnexpectedEOF.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// remove closes and removes the spill file.
func (sp *tableSpill) remove() {
	sp.f.Close()
	_ = os.Remove(sp.f.Name()) // already gone where newTableSpill unlinked it
}
