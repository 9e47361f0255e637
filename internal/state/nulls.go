package state

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Null values in a snapshot. encoding/json decodes null into a struct, a
// list element, a map value or a string as the zero value, without a word:
// "iam": null would read as an account without users, a null bucket as a
// bucket without a name. A snapshot therefore accepts null only where this
// build's writer can write it: an optional value (a pointer field, which the
// writer omits when unset anyway) or a list field written without omitempty
// (Go writes an empty one as null: account.regions, a KMS grant's
// operations). Everywhere else null is refused with the path of the value.

// nullScanner passes a JSON document through unchanged while finding every
// null literal and judging it against the Go type it decodes into. It is a
// lexical scan (strings, nesting, keys and list indices), cheap enough to
// run over the whole file while the decoder reads it.
type nullScanner struct {
	r    io.Reader
	root reflect.Type

	stack   []nullFrame
	inStr   bool
	esc     bool
	capture bool // the string being read is an object key

	off, line, lineStart int64
	// err is the first refused null (a *SnapshotError without File).
	err *SnapshotError
}

type nullFrame struct {
	arr     bool
	idx     int
	wantKey bool
	key     []byte
	rawKey  bool // the key has an escape sequence
}

func newNullScanner(r io.Reader, root reflect.Type) *nullScanner {
	return &nullScanner{r: r, root: root, line: 1}
}

func (s *nullScanner) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.scan(p[:n])
	return n, err
}

// scanNulls runs the scanner over b (DecodeSnapshot's bytes).
func scanNulls(b []byte, root reflect.Type) *SnapshotError {
	s := newNullScanner(nil, root)
	s.scan(b)
	return s.err
}

func (s *nullScanner) scan(b []byte) {
	for i, c := range b {
		off := s.off + int64(i)
		if s.inStr {
			switch {
			case s.esc:
				s.esc = false
			case c == '\\':
				s.esc = true
				if s.capture {
					s.stack[len(s.stack)-1].rawKey = true
				}
			case c == '"':
				s.inStr, s.capture = false, false
				continue
			}
			if s.capture {
				top := &s.stack[len(s.stack)-1]
				top.key = append(top.key, c)
			}
			continue
		}
		switch c {
		case '\n':
			s.line++
			s.lineStart = off + 1
		case '"':
			s.inStr = true
			if n := len(s.stack); n > 0 && !s.stack[n-1].arr && s.stack[n-1].wantKey {
				s.capture = true
				s.stack[n-1].key = s.stack[n-1].key[:0]
				s.stack[n-1].rawKey = false
			}
		case '{':
			s.stack = append(s.stack, nullFrame{wantKey: true})
		case '[':
			s.stack = append(s.stack, nullFrame{arr: true})
		case '}', ']':
			if len(s.stack) > 0 {
				s.stack = s.stack[:len(s.stack)-1]
			}
		case ',':
			if n := len(s.stack); n > 0 {
				if s.stack[n-1].arr {
					s.stack[n-1].idx++
				} else {
					s.stack[n-1].wantKey = true
				}
			}
		case ':':
			if n := len(s.stack); n > 0 {
				s.stack[n-1].wantKey = false
			}
		case 'n': // outside a string only the literal null has an n
			if s.err == nil {
				s.judge(off)
			}
		}
	}
	s.off += int64(len(b))
}

// judge decides whether the null at off may stand where it is.
func (s *nullScanner) judge(off int64) {
	if len(s.stack) == 0 {
		return // a null document: the decoder reports it
	}
	t, omitEmpty := s.root, true
	var path []string
	for i := range s.stack {
		f := &s.stack[i]
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t == gapsType {
			t = gapListType
		}
		switch {
		case f.arr:
			path = append(path, "["+strconv.Itoa(f.idx)+"]")
			if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
				return // the decoder reports the mismatch
			}
			t, omitEmpty = t.Elem(), true
		default:
			key := string(f.key)
			if f.rawKey {
				if u, err := strconv.Unquote(`"` + key + `"`); err == nil {
					key = u
				}
			}
			if len(path) > 0 {
				path = append(path, ".")
			}
			path = append(path, key)
			switch t.Kind() {
			case reflect.Map:
				t, omitEmpty = t.Elem(), true
			case reflect.Struct:
				ft, tag, ok := jsonField(t, key)
				if !ok {
					return // an unknown field: the decoder reports it
				}
				t, omitEmpty = ft, strings.Contains(tag, ",omitempty")
			default:
				return
			}
		}
	}
	if f := s.stack[len(s.stack)-1]; !f.arr && f.wantKey {
		return // not a value position (cannot be valid JSON anyway)
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		return
	case reflect.Slice, reflect.Map:
		if !omitEmpty && t != gapsType {
			return
		}
	}
	s.err = &SnapshotError{Line: int(s.line), Column: int(off-s.lineStart) + 1,
		Err: fmt.Errorf("%s: null where %s is required", strings.Join(path, ""), jsonKind(t))}
}

var (
	gapsType    = reflect.TypeFor[Gaps]()
	gapListType = reflect.TypeFor[[]Gap]()
	timeType    = reflect.TypeFor[time.Time]()
)

// jsonField finds the field of struct t that the JSON key decodes into, as
// encoding/json does: tag names, promoted fields of embedded structs, and a
// case-insensitive match when no exact one exists.
func jsonField(t reflect.Type, key string) (reflect.Type, string, bool) {
	var fold *reflect.StructField
	var found *reflect.StructField
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField() && found == nil; i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			switch {
			case name == key:
				found = &f
			case fold == nil && strings.EqualFold(name, key):
				fold = &f
			}
		}
	}
	walk(t)
	if found == nil {
		found = fold
	}
	if found == nil {
		return nil, "", false
	}
	return found.Type, found.Tag.Get("json"), true
}

// jsonKind words the JSON a Go type needs.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct:
		if t == timeType {
			return "a time string"
		}
		if t == gapsType {
			return "a list"
		}
		return "an object"
	case reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}
