package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// writeJSONList writes items as a JSON list with one compact item per
// line: a valid JSON document that stays a third of the indented size (ASFF
// and OCSF are verbose per finding), streams, and diffs one finding per line.
func writeJSONList[T any](w io.Writer, items []T) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := writeJSONItems(bw, items); err != nil {
		return err
	}
	if _, err := bw.WriteString("\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// writeJSONItems writes "[\n<item>,\n<item>\n]" without a final newline.
func writeJSONItems[T any](bw *bufio.Writer, items []T) error {
	if len(items) == 0 {
		_, err := bw.WriteString("[]")
		return err
	}
	if _, err := bw.WriteString("[\n"); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // remediation text has < and >, meant for people
	for i := range items {
		buf.Reset()
		if err := enc.Encode(items[i]); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		if _, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))); err != nil {
			return err
		}
		sep := ",\n"
		if i == len(items)-1 {
			sep = "\n"
		}
		if _, err := bw.WriteString(sep); err != nil {
			return err
		}
	}
	_, err := bw.WriteString("]")
	return err
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
