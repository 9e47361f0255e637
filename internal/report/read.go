package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Result is a `--format json` file read back: the report and who wrote it.
type Result struct {
	SchemaVersion int
	Tool          string
	Version       string
	Report        *engine.Report
}

// ReadJSON decodes a `--format json` result. name is how errors refer to
// the input (a file name). It refuses files that are not shoulder results,
// schema versions newer than this build reads, and results without a
// check ID, resource or a known status.
func ReadJSON(name string, b []byte) (*Result, error) {
	var head struct {
		SchemaVersion *int   `json:"schema_version"`
		Tool          string `json:"tool"`
		Version       string `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, jsonInputError(name, b, err)
	}
	switch {
	case head.SchemaVersion == nil:
		return nil, fmt.Errorf("%s: not a shoulder JSON result (no schema_version; write one with `shoulder scan --format json`)", name)
	case head.Tool != "" && head.Tool != "shoulder":
		return nil, fmt.Errorf("%s: written by %q, not shoulder", name, head.Tool)
	case *head.SchemaVersion < 1:
		return nil, fmt.Errorf("%s: schema_version %d is not valid", name, *head.SchemaVersion)
	case *head.SchemaVersion > JSONSchemaVersion:
		return nil, fmt.Errorf("%s: schema_version %d is newer than this shoulder reads (%d); upgrade shoulder", name, *head.SchemaVersion, JSONSchemaVersion)
	}
	var rep engine.Report
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&rep); err != nil {
		return nil, jsonInputError(name, b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: extra data after the result object", name)
	}
	if rep.Results == nil {
		return nil, fmt.Errorf("%s: no \"results\" list", name)
	}
	for i, f := range rep.Results {
		switch {
		case f.CheckID == "":
			return nil, fmt.Errorf("%s: results[%d] has no check_id", name, i)
		case f.Resource == "":
			return nil, fmt.Errorf("%s: results[%d] (%s) has no resource", name, i, f.CheckID)
		}
		if _, err := check.ParseStatus(string(f.Status)); err != nil {
			return nil, fmt.Errorf("%s: results[%d] (%s): %w", name, i, f.CheckID, err)
		}
	}
	return &Result{SchemaVersion: *head.SchemaVersion, Tool: head.Tool, Version: head.Version, Report: &rep}, nil
}

// jsonInputError words a decoding error with the line and column.
func jsonInputError(name string, b []byte, err error) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return fmt.Errorf("%s: file is empty", name)
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &syn) && syn.Offset >= int64(len(bytes.TrimRight(b, " \t\r\n")))):
		return fmt.Errorf("%s: file is truncated (unexpected end of JSON)", name)
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "after top-level value"):
		return fmt.Errorf("%s: extra data after the result object", name)
	case errors.As(err, &syn):
		l, c := lineCol(b, syn.Offset-1) // Offset counts the offending byte
		return fmt.Errorf("%s:%d:%d: invalid JSON: %v", name, l, c, syn)
	case errors.As(err, &typ):
		l, c := lineCol(b, typ.Offset-1)
		return fmt.Errorf("%s:%d:%d: field %s: expected %s, got JSON %s", name, l, c, typ.Field, kindName(typ.Type), typ.Value)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// kindName words a Go type as the JSON it expects.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

func lineCol(b []byte, off int64) (int, int) {
	line, col := 1, 1
	for i := int64(0); i < off && i < int64(len(b)); i++ {
		if b[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
