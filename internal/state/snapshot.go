package state

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/atomicfile"
	"github.com/shoulder-dev/shoulder/internal/input"
)

// SchemaVersion is the snapshot format version this build reads and writes.
// Bump it when a field changes meaning or is removed; adding an optional
// field does not need a bump.
const SchemaVersion = 1

// SnapshotFile is the on-disk envelope of a saved state.
type SnapshotFile struct {
	SchemaVersion int `json:"schema_version"`
	// Generator names the program that wrote the file, e.g. "shoulder 0.1.0".
	Generator string   `json:"generator,omitempty"`
	Account   *Account `json:"account"`
}

// SnapshotError is a problem with a snapshot file; it names the file and,
// where it can, the line and column.
type SnapshotError struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *SnapshotError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Column)
	}
	return fmt.Sprintf("snapshot %s: %v", loc, e.Err)
}

func (e *SnapshotError) Unwrap() error { return e.Err }

// WriteSnapshot writes the account as a versioned snapshot.
func WriteSnapshot(w io.Writer, a *Account, generator string) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", " ")
	if err := enc.Encode(SnapshotFile{SchemaVersion: SchemaVersion, Generator: generator, Account: a}); err != nil {
		return fmt.Errorf("encoding snapshot: %w", err)
	}
	return bw.Flush()
}

// SaveSnapshot writes the account to path atomically (a temporary file
// renamed into place), so an interrupted write never leaves half a snapshot.
func SaveSnapshot(path string, a *Account, generator string) error {
	// A snapshot holds every IAM and resource policy, key IDs and the
	// network layout: it is readable by its owner only (SnapshotPerm),
	// also when it replaces a file with a wider mode. It replaces the
	// earlier file only once written in full.
	f, err := atomicfile.Create(path, SnapshotPerm)
	if err != nil {
		return fmt.Errorf("writing snapshot %s: %w", path, err)
	}
	defer f.Abort()
	if err := WriteSnapshot(f, a, generator); err != nil {
		return fmt.Errorf("writing snapshot %s: %w", path, err)
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("writing snapshot %s: %w", path, err)
	}
	return nil
}

// SnapshotPerm is the mode of a snapshot file: owner read and write only.
const SnapshotPerm = 0o600

// MaxSnapshotSize is the default cap on a snapshot file's size: generous
// (a snapshot of a million buckets is under 100 MB), but /dev/zero or a
// wrong multi-gigabyte file is refused rather than read until memory runs
// out.
const MaxSnapshotSize = 2 << 30

// LoadSnapshot reads a snapshot file of at most MaxSnapshotSize bytes.
// Errors are *SnapshotError.
func LoadSnapshot(path string) (*Account, error) {
	return LoadSnapshotLimit(path, input.Limit{Bytes: MaxSnapshotSize})
}

// LoadSnapshotLimit reads a snapshot file, which must be a regular file
// within limit. Errors are *SnapshotError.
func LoadSnapshotLimit(path string, limit input.Limit) (*Account, error) {
	a, ok, err := streamSnapshot(path, limit)
	if err != nil {
		return nil, err
	}
	if ok {
		return a, nil
	}
	// The file is not a valid snapshot: decode it again from its bytes,
	// which DecodeSnapshot turns into the error message with the line and
	// column.
	b, err := input.ReadFile(path, limit)
	if err != nil {
		return nil, &SnapshotError{File: path, Err: err}
	}
	return DecodeSnapshot(path, b)
}

var snapshotType = reflect.TypeFor[SnapshotFile]()

// streamSnapshot decodes a valid snapshot straight from the file, without
// first reading the whole file into memory (encoding/json's decoder keeps
// its own copy of the document, so reading it first held the file twice:
// 126 MB more at the peak for a 200k-resource account). It accepts exactly
// what DecodeSnapshot accepts and returns the same account; ok is false for
// anything else, and the caller then lets DecodeSnapshot explain the
// problem. err is set when the file cannot be read at all (not a regular
// file, too large) or holds a refused null.
func streamSnapshot(path string, limit input.Limit) (a *Account, ok bool, err error) {
	f, err := input.Open(path, limit)
	if err != nil {
		return nil, false, &SnapshotError{File: path, Err: err}
	}
	defer f.Close()
	nulls := newNullScanner(f, snapshotType)
	dec := json.NewDecoder(nulls)
	dec.DisallowUnknownFields()
	var s SnapshotFile
	if err := dec.Decode(&s); err != nil {
		if errors.Is(err, input.ErrTooLarge) {
			return nil, false, &SnapshotError{File: path, Err: err}
		}
		return nil, false, nil
	}
	// DecodeSnapshot rejects a missing, non-integer or unknown version (a
	// missing one decodes as 0 here) and anything after the object.
	if s.SchemaVersion < 1 || s.SchemaVersion > SchemaVersion {
		return nil, false, nil
	}
	if !onlySpace(io.MultiReader(dec.Buffered(), f)) {
		return nil, false, nil
	}
	if s.Account == nil || s.Account.AccountID == "" {
		return nil, false, nil
	}
	if nulls.err != nil {
		nulls.err.File = path
		return nil, false, nulls.err
	}
	return s.Account, true, nil
}

// onlySpace reports whether r holds nothing but JSON whitespace.
func onlySpace(r io.Reader) bool {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if len(bytes.TrimLeft(buf[:n], " \t\r\n")) > 0 {
			return false
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// DecodeSnapshot parses snapshot bytes; name is used in error messages.
// It checks the schema version before decoding the account, rejects unknown
// fields (a typo must not silently drop data) and reports type errors with
// their line and column.
func DecodeSnapshot(name string, b []byte) (*Account, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, &SnapshotError{File: name, Err: errors.New("file is empty")}
	}
	var head struct {
		SchemaVersion json.RawMessage `json:"schema_version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, decodeError(name, b, err)
	}
	if head.SchemaVersion == nil {
		return nil, &SnapshotError{File: name, Err: errors.New("no schema_version field: this is not a shoulder snapshot")}
	}
	var v int
	if err := json.Unmarshal(head.SchemaVersion, &v); err != nil {
		return nil, &SnapshotError{File: name, Err: fmt.Errorf("schema_version must be an integer, got %s", head.SchemaVersion)}
	}
	switch {
	case v > SchemaVersion:
		return nil, &SnapshotError{File: name, Err: fmt.Errorf("schema_version %d is newer than this shoulder understands (%d): upgrade shoulder", v, SchemaVersion)}
	case v < 1:
		return nil, &SnapshotError{File: name, Err: fmt.Errorf("schema_version %d is not a known version (this shoulder reads %d)", v, SchemaVersion)}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s SnapshotFile
	if err := dec.Decode(&s); err != nil {
		return nil, decodeError(name, b, err)
	}
	if dec.More() {
		return nil, &SnapshotError{File: name, Err: errors.New("extra data after the snapshot object")}
	}
	if s.Account == nil {
		return nil, &SnapshotError{File: name, Err: errors.New("no account object")}
	}
	if s.Account.AccountID == "" {
		return nil, &SnapshotError{File: name, Err: errors.New("account.account_id is empty")}
	}
	if err := scanNulls(b, snapshotType); err != nil {
		err.File = name
		return nil, err
	}
	return s.Account, nil
}

// decodeError turns encoding/json errors into messages with a position.
func decodeError(name string, b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		line, col := position(b, int64(len(b)))
		return &SnapshotError{File: name, Line: line, Column: col, Err: errors.New("file is truncated (unexpected end of JSON)")}
	case errors.As(err, &syn):
		if syn.Offset >= int64(len(bytes.TrimRight(b, " \t\r\n"))) {
			line, col := position(b, syn.Offset)
			return &SnapshotError{File: name, Line: line, Column: col, Err: errors.New("file is truncated (unexpected end of JSON)")}
		}
		line, col := position(b, syn.Offset)
		if strings.Contains(syn.Error(), "after top-level value") {
			return &SnapshotError{File: name, Line: line, Column: col, Err: errors.New("extra data after the snapshot object")}
		}
		return &SnapshotError{File: name, Line: line, Column: col, Err: fmt.Errorf("invalid JSON: %v", syn)}
	case errors.As(err, &typ):
		line, col := position(b, typ.Offset)
		field := typ.Field
		if field == "" {
			field = "(top level)"
		}
		return &SnapshotError{File: name, Line: line, Column: col, Err: fmt.Errorf("field %s: expected %s, got JSON %s", field, typ.Type, typ.Value)}
	default:
		return &SnapshotError{File: name, Err: err}
	}
}

func position(b []byte, off int64) (line, col int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	line, col = 1, 1
	for _, c := range b[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
