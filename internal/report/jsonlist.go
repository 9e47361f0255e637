package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// writeJSONList writes n items, item(0) to item(n-1), as a JSON list with
// one compact item per line: a valid JSON document that stays a third of
// the indented size (ASFF and OCSF are verbose per finding), diffs one
// finding per line, and streams: each item is built only when it is
// written, so a report of millions of findings never holds them all in
// their output form.
func writeJSONList[T any](w io.Writer, n int, item func(int) T) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := writeJSONItems(bw, n, item); err != nil {
		return err
	}
	if _, err := bw.WriteString("\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// writeJSONItems writes "[\n<item>,\n<item>\n]" without a final newline.
func writeJSONItems[T any](bw *bufio.Writer, n int, item func(int) T) error {
	if n == 0 {
		_, err := bw.WriteString("[]")
		return err
	}
	if _, err := bw.WriteString("[\n"); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // remediation text has < and >, meant for people
	for i := 0; i < n; i++ {
		buf.Reset()
		if err := enc.Encode(item(i)); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		if _, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))); err != nil {
			return err
		}
		sep := ",\n"
		if i == n-1 {
			sep = "\n"
		}
		if _, err := bw.WriteString(sep); err != nil {
			return err
		}
	}
	_, err := bw.WriteString("]")
	return err
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
