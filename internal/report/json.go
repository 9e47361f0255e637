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

// JSONSchemaVersion versions the --format json output. Fields are only
// added within a version; removals or meaning changes bump it.
const JSONSchemaVersion = 1

// jsonDoc is the documented JSON output (see docs/json-output.md).
type jsonDoc struct {
	SchemaVersion int    `json:"schema_version"`
	Tool          string `json:"tool"`
	Version       string `json:"version"`
	*engine.Report
}

// resultsKey is how the indented document opens its results list; a JSON
// string cannot contain it (its quotes would be escaped) and nested objects
// are indented deeper, so it marks the top-level field exactly.
const resultsKey = "\n  \"results\": "

// JSON writes the report as indented JSON. The results are streamed one at
// a time between the rest of the document, so writing a report of millions
// of findings holds one finding's encoding in memory, not the whole
// document's (twice, with the indentation); the bytes are those of one
// indented json.Encoder run over the whole document. It is the streaming
// writer (JSONSink) given the whole report at once.
func JSON(w io.Writer, r *engine.Report, version string) error {
	if err := writeJSON(w, r, version); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	return nil
}

func writeJSON(w io.Writer, r *engine.Report, version string) error {
	if r.Results == nil {
		// Not recorded (a report read back without results): null, as
		// the encoder writes it.
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(jsonDoc{SchemaVersion: JSONSchemaVersion, Tool: "shoulder", Version: version, Report: r})
	}
	s := newJSONSink(w, version)
	if err := s.Start(r); err != nil {
		return err
	}
	if err := s.Findings(nil, r.Results); err != nil {
		return err
	}
	return s.End(r)
}

// jsonSink writes the JSON document as the engine streams it: the fields
// before the results at Start, each finding as it comes, the fields after
// them (summary, gaps, waiver issues, checks run) at End.
type jsonSink struct {
	bw   *bufio.Writer
	doc  jsonDoc
	n    int
	item bytes.Buffer
	ienc *json.Encoder
}

// JSONSink returns an engine.Sink that writes the --format json document
// to w while the engine evaluates: the same bytes JSON writes for the
// whole report.
func JSONSink(w io.Writer, version string) engine.Sink { return newJSONSink(w, version) }

func newJSONSink(w io.Writer, version string) *jsonSink {
	s := &jsonSink{bw: bufio.NewWriterSize(w, 1<<16), doc: jsonDoc{SchemaVersion: JSONSchemaVersion, Tool: "shoulder", Version: version}}
	// Each finding is indented as the whole-document encoder would: its
	// lines start four spaces in (inside the top-level object and the list).
	s.ienc = json.NewEncoder(&s.item)
	s.ienc.SetIndent("    ", "  ")
	return s
}

// frame encodes the document without its results and splits it where
// they go.
func (s *jsonSink) frame(r *engine.Report) (head, tail []byte, err error) {
	rest := *r
	rest.Results = []engine.Finding{}
	doc := s.doc
	doc.Report = &rest
	var frame bytes.Buffer
	enc := json.NewEncoder(&frame)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, nil, err
	}
	marker := []byte(resultsKey + "[]")
	at := bytes.Index(frame.Bytes(), marker)
	if at < 0 {
		return nil, nil, fmt.Errorf("internal error: no results field in the JSON document")
	}
	return frame.Bytes()[:at+len(resultsKey)], frame.Bytes()[at+len(marker):], nil
}

// Start writes the document up to its results list. The fields before
// it are known before the first finding.
func (s *jsonSink) Start(r *engine.Report) error {
	head, _, err := s.frame(r)
	if err != nil {
		return err
	}
	_, err = s.bw.Write(head)
	return err
}

// Findings writes each finding as an item of the results list.
func (s *jsonSink) Findings(_ *check.Check, fs []engine.Finding) error {
	for i := range fs {
		sep := ",\n    "
		if s.n == 0 {
			sep = "[\n    "
		}
		s.item.Reset()
		if err := s.ienc.Encode(&fs[i]); err != nil {
			return fmt.Errorf("result %d: %w", s.n, err)
		}
		if _, err := s.bw.WriteString(sep); err != nil {
			return err
		}
		if _, err := s.bw.Write(bytes.TrimSuffix(s.item.Bytes(), []byte("\n"))); err != nil {
			return err
		}
		s.n++
	}
	return nil
}

// End closes the results list and writes the rest of the document.
func (s *jsonSink) End(r *engine.Report) error {
	_, tail, err := s.frame(r)
	if err != nil {
		return err
	}
	end := "\n  ]"
	if s.n == 0 {
		end = "[]"
	}
	if _, err := s.bw.WriteString(end); err != nil {
		return err
	}
	if _, err := s.bw.Write(tail); err != nil {
		return err
	}
	return s.bw.Flush()
}
