package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

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
// indented json.Encoder run over the whole document.
func JSON(w io.Writer, r *engine.Report, version string) error {
	if err := writeJSON(w, r, version); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	return nil
}

func writeJSON(w io.Writer, r *engine.Report, version string) error {
	if len(r.Results) == 0 {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(jsonDoc{SchemaVersion: JSONSchemaVersion, Tool: "shoulder", Version: version, Report: r})
	}
	// The document without its results, split where they go.
	rest := *r
	rest.Results = []engine.Finding{}
	var frame bytes.Buffer
	enc := json.NewEncoder(&frame)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDoc{SchemaVersion: JSONSchemaVersion, Tool: "shoulder", Version: version, Report: &rest}); err != nil {
		return err
	}
	marker := []byte(resultsKey + "[]")
	at := bytes.Index(frame.Bytes(), marker)
	if at < 0 {
		return fmt.Errorf("internal error: no results field in the JSON document")
	}
	head, tail := frame.Bytes()[:at+len(resultsKey)], frame.Bytes()[at+len(marker):]

	bw := bufio.NewWriterSize(w, 1<<16)
	if _, err := bw.Write(head); err != nil {
		return err
	}
	if _, err := bw.WriteString("[\n"); err != nil {
		return err
	}
	// Each finding is indented as the whole-document encoder would: its
	// lines start four spaces in (inside the top-level object and the list).
	var item bytes.Buffer
	ienc := json.NewEncoder(&item)
	ienc.SetIndent("    ", "  ")
	for i := range r.Results {
		item.Reset()
		item.WriteString("    ")
		if err := ienc.Encode(&r.Results[i]); err != nil {
			return fmt.Errorf("result %d: %w", i, err)
		}
		b := bytes.TrimSuffix(item.Bytes(), []byte("\n"))
		if _, err := bw.Write(b); err != nil {
			return err
		}
		sep := ",\n"
		if i == len(r.Results)-1 {
			sep = "\n  ]"
		}
		if _, err := bw.WriteString(sep); err != nil {
			return err
		}
	}
	if _, err := bw.Write(tail); err != nil {
		return err
	}
	return bw.Flush()
}
