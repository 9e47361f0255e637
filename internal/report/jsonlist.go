package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// listSink streams a report as a JSON list with one compact item per
// line and per finding (ASFF, OCSF): a valid JSON document that stays a
// third of the indented size (ASFF and OCSF are verbose per finding),
// diffs one finding per line, and streams: each item is built only when
// it is written, so a report of millions of findings never holds them all
// in their output form.
type listSink struct {
	what  string
	bw    *bufio.Writer
	items *jsonItems
	// prepare, at Start, returns the builder of one finding's item.
	prepare func(r *engine.Report) func(f *engine.Finding) any
	item    func(f *engine.Finding) any
}

func newListSink(w io.Writer, what string, prepare func(r *engine.Report) func(f *engine.Finding) any) *listSink {
	bw := bufio.NewWriterSize(w, 1<<16)
	return &listSink{what: what, bw: bw, items: newJSONItems(bw), prepare: prepare}
}

// Start settles what every item shares (the report's header).
func (s *listSink) Start(r *engine.Report) error {
	s.item = s.prepare(r)
	return nil
}

// Findings writes one item per finding.
func (s *listSink) Findings(_ *check.Check, fs []engine.Finding) error {
	for i := range fs {
		if err := s.items.add(s.item(&fs[i])); err != nil {
			return fmt.Errorf("writing %s: %w", s.what, err)
		}
	}
	return nil
}

// End closes the list.
func (s *listSink) End(*engine.Report) error {
	if err := s.items.close(); err != nil {
		return fmt.Errorf("writing %s: %w", s.what, err)
	}
	if _, err := s.bw.WriteString("\n"); err != nil {
		return fmt.Errorf("writing %s: %w", s.what, err)
	}
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", s.what, err)
	}
	return nil
}

// writeJSONItems writes "[\n<item>,\n<item>\n]" without a final newline.
func writeJSONItems[T any](bw *bufio.Writer, n int, item func(int) T) error {
	l := newJSONItems(bw)
	for i := 0; i < n; i++ {
		if err := l.add(item(i)); err != nil {
			return err
		}
	}
	return l.close()
}

// jsonItems writes a JSON list one compact item per line as the items
// come, without knowing their number: the bytes writeJSONItems writes.
type jsonItems struct {
	bw  *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	n   int
}

func newJSONItems(bw *bufio.Writer) *jsonItems {
	l := &jsonItems{bw: bw}
	l.enc = json.NewEncoder(&l.buf)
	l.enc.SetEscapeHTML(false) // remediation text has < and >, meant for people
	return l
}

// add writes one item.
func (l *jsonItems) add(v any) error {
	l.buf.Reset()
	if err := l.enc.Encode(v); err != nil {
		return fmt.Errorf("item %d: %w", l.n, err)
	}
	sep := ",\n"
	if l.n == 0 {
		sep = "[\n"
	}
	if _, err := l.bw.WriteString(sep); err != nil {
		return err
	}
	l.n++
	_, err := l.bw.Write(bytes.TrimSuffix(l.buf.Bytes(), []byte("\n")))
	return err
}

// close ends the list.
func (l *jsonItems) close() error {
	end := "\n]"
	if l.n == 0 {
		end = "[]"
	}
	_, err := l.bw.WriteString(end)
	return err
}

// writeWhole writes a whole report through a streaming writer.
func writeWhole(s engine.Sink, r *engine.Report) error {
	if err := s.Start(r); err != nil {
		return err
	}
	if err := s.Findings(nil, r.Results); err != nil {
		return err
	}
	return s.End(r)
}

// sliceItem returns the item function of a slice for writeJSONItems.
func sliceItem[T any](items []T) func(int) T {
	return func(i int) T { return items[i] }
}

// compactJSON marshals v on one line without HTML escaping.
func compactJSON(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}
