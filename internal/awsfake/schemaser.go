package awsfake

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"time"

	"github.com/shoulder-dev/shoulder/internal/textsafe"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	smithytime "github.com/aws/smithy-go/time"
	"github.com/aws/smithy-go/traits"
)

// wire.go walks an SDK output value with the Smithy schema of its shape
// (built from botocore's models). The two serializers below turn that walk
// into the wire format the client's own deserializer expects, so the fake
// builds typed SDK outputs and never spells a member name by hand.

type frameKind uint8

const (
	frameStruct frameKind = iota
	frameList
	frameMap
	frameUnion
)

type xmlFrame struct {
	kind       frameKind
	schema     *smithy.Schema
	flat       bool
	name       string // element to close (empty for flattened collections)
	itemName   string // list item element, or flattened map entry element
	inMapEntry bool
}

// schemaXML serializes a shape as the awsQuery protocol's XML.
type schemaXML struct {
	w     *xw
	root  string
	stack []xmlFrame
}

var _ smithy.ShapeSerializer = (*schemaXML)(nil)

func newSchemaXML(w *xw, root string) *schemaXML { return &schemaXML{w: w, root: root} }

func (s *schemaXML) Bytes() []byte { return s.w.b }

func (s *schemaXML) top() *xmlFrame {
	if len(s.stack) == 0 {
		return nil
	}
	return &s.stack[len(s.stack)-1]
}

// ename is the element name of a member: its own @xmlName, else its name.
func xmlEname(schema *smithy.Schema) string {
	if t, ok := smithy.SchemaDirectTrait[*traits.XMLName](schema); ok {
		return t.Name
	}
	return schema.MemberName()
}

// name resolves the element for a value about to be written, from context.
func (s *schemaXML) name(schema *smithy.Schema) string {
	t := s.top()
	if t == nil {
		return s.root
	}
	switch t.kind {
	case frameList:
		return t.itemName
	case frameMap:
		if t.inMapEntry {
			if v := t.schema.MapValue(); v != nil {
				if n, ok := smithy.SchemaDirectTrait[*traits.XMLName](v); ok {
					return n.Name
				}
			}
			return "value"
		}
	}
	return xmlEname(schema)
}

func (s *schemaXML) scalar(schema *smithy.Schema, v string) {
	n := s.name(schema)
	s.w.elem(n, v)
}

func (s *schemaXML) WriteInt8(sc *smithy.Schema, v int8)   { s.scalar(sc, strconv.Itoa(int(v))) }
func (s *schemaXML) WriteInt16(sc *smithy.Schema, v int16) { s.scalar(sc, strconv.Itoa(int(v))) }
func (s *schemaXML) WriteInt32(sc *smithy.Schema, v int32) { s.scalar(sc, strconv.Itoa(int(v))) }
func (s *schemaXML) WriteInt64(sc *smithy.Schema, v int64) {
	s.scalar(sc, strconv.FormatInt(v, 10))
}
func (s *schemaXML) WriteFloat32(sc *smithy.Schema, v float32) {
	s.scalar(sc, formatFloat(float64(v), 32))
}
func (s *schemaXML) WriteFloat64(sc *smithy.Schema, v float64) { s.scalar(sc, formatFloat(v, 64)) }
func (s *schemaXML) WriteBool(sc *smithy.Schema, v bool)       { s.scalar(sc, strconv.FormatBool(v)) }
func (s *schemaXML) WriteString(sc *smithy.Schema, v string)   { s.scalar(sc, v) }
func (s *schemaXML) WriteBigInt(sc *smithy.Schema, v *big.Int) { s.scalar(sc, v.String()) }
func (s *schemaXML) WriteBigFloat(sc *smithy.Schema, v *big.Float) {
	s.scalar(sc, v.Text('g', -1))
}
func (s *schemaXML) WriteBlob(sc *smithy.Schema, v []byte) {
	if v != nil {
		s.scalar(sc, base64.StdEncoding.EncodeToString(v))
	}
}
func (s *schemaXML) WriteTime(sc *smithy.Schema, v time.Time) {
	s.scalar(sc, formatTime(sc, v, "date-time"))
}
func (s *schemaXML) WriteNil(*smithy.Schema) {}
func (s *schemaXML) WriteDocument(sc *smithy.Schema, v document.Value) {
	// awsQuery has no document type; nothing the fake serves uses one.
}

func (s *schemaXML) WriteStruct(sc *smithy.Schema) {
	n := s.name(sc)
	s.w.open(n)
	s.stack = append(s.stack, xmlFrame{kind: frameStruct, schema: sc, name: n})
}

func (s *schemaXML) CloseStruct() { s.pop() }

func (s *schemaXML) WriteUnion(sc, variant *smithy.Schema) {
	n := s.name(sc)
	s.w.open(n)
	s.stack = append(s.stack, xmlFrame{kind: frameUnion, schema: sc, name: n})
}

func (s *schemaXML) CloseUnion() { s.pop() }

func (s *schemaXML) WriteList(sc *smithy.Schema) {
	_, flat := smithy.SchemaTrait[*traits.XMLFlattened](sc)
	n := s.name(sc)
	f := xmlFrame{kind: frameList, schema: sc, flat: flat}
	if flat {
		f.itemName = n
	} else {
		s.w.open(n)
		f.name = n
		f.itemName = "member"
		if m := sc.ListMember(); m != nil {
			if t, ok := smithy.SchemaDirectTrait[*traits.XMLName](m); ok {
				f.itemName = t.Name
			}
		}
	}
	s.stack = append(s.stack, f)
}

func (s *schemaXML) CloseList() { s.pop() }

func (s *schemaXML) WriteMap(sc *smithy.Schema) {
	_, flat := smithy.SchemaTrait[*traits.XMLFlattened](sc)
	n := s.name(sc)
	f := xmlFrame{kind: frameMap, schema: sc, flat: flat, itemName: "entry"}
	if flat {
		f.itemName = n
	} else {
		s.w.open(n)
		f.name = n
	}
	s.stack = append(s.stack, f)
}

func (s *schemaXML) WriteKey(sc *smithy.Schema, k string) {
	t := s.top()
	if t == nil || t.kind != frameMap {
		return
	}
	if t.inMapEntry {
		s.w.close(t.itemName)
	}
	s.w.open(t.itemName)
	keyName := "key"
	if ks := t.schema.MapKey(); ks != nil {
		if n, ok := smithy.SchemaDirectTrait[*traits.XMLName](ks); ok {
			keyName = n.Name
		}
	}
	s.w.elem(keyName, k)
	t.inMapEntry = true
}

func (s *schemaXML) CloseMap() {
	t := s.top()
	if t != nil && t.inMapEntry {
		s.w.close(t.itemName)
	}
	s.pop()
}

func (s *schemaXML) pop() {
	t := s.top()
	if t == nil {
		return
	}
	if t.name != "" {
		s.w.close(t.name)
	}
	s.stack = s.stack[:len(s.stack)-1]
}

// schemaJSON serializes a shape as JSON for awsJson1.x and restJson1
// bodies. awsJson ignores @jsonName; restJson1 honours it.
type schemaJSON struct {
	b        []byte
	jsonName bool
	// first[i] is true while the i-th open container has no element yet.
	first []bool
	// inMap marks, per container, that it is a map (keys come from WriteKey).
	inMap     []bool
	listFlags []bool
	keySet    bool
}

var _ smithy.ShapeSerializer = (*schemaJSON)(nil)

func (s *schemaJSON) Bytes() []byte { return s.b }

// prefix writes the separator and, inside a struct, the member's key.
func (s *schemaJSON) prefix(sc *smithy.Schema) {
	n := len(s.first)
	if n == 0 {
		return
	}
	if s.inMap[n-1] && s.keySet {
		// WriteKey already wrote the separator and the key.
		s.keySet = false
		return
	}
	if !s.first[n-1] {
		s.b = append(s.b, ',')
	}
	s.first[n-1] = false
	if !s.inList() {
		s.b = textsafe.AppendJSON(s.b, s.key(sc))
		s.b = append(s.b, ':')
	}
}

// inList reports whether the innermost container is a list: list items
// have no key even though their schema is the list's "member" member.
func (s *schemaJSON) inList() bool {
	return len(s.listFlags) > 0 && s.listFlags[len(s.listFlags)-1]
}

func (s *schemaJSON) key(sc *smithy.Schema) string {
	if s.jsonName {
		if t, ok := smithy.SchemaTrait[*traits.JSONName](sc); ok {
			return t.Name
		}
	}
	return sc.MemberName()
}

func (s *schemaJSON) push(open byte, isMap, isList bool) {
	s.b = append(s.b, open)
	s.first = append(s.first, true)
	s.inMap = append(s.inMap, isMap)
	s.listFlags = append(s.listFlags, isList)
}

func (s *schemaJSON) pop(closer byte) {
	s.b = append(s.b, closer)
	n := len(s.first) - 1
	s.first = s.first[:n]
	s.inMap = s.inMap[:n]
	s.listFlags = s.listFlags[:n]
}

func (s *schemaJSON) WriteInt8(sc *smithy.Schema, v int8) {
	s.prefix(sc)
	s.b = strconv.AppendInt(s.b, int64(v), 10)
}
func (s *schemaJSON) WriteInt16(sc *smithy.Schema, v int16) {
	s.prefix(sc)
	s.b = strconv.AppendInt(s.b, int64(v), 10)
}
func (s *schemaJSON) WriteInt32(sc *smithy.Schema, v int32) {
	s.prefix(sc)
	s.b = strconv.AppendInt(s.b, int64(v), 10)
}
func (s *schemaJSON) WriteInt64(sc *smithy.Schema, v int64) {
	s.prefix(sc)
	s.b = strconv.AppendInt(s.b, v, 10)
}
func (s *schemaJSON) WriteFloat32(sc *smithy.Schema, v float32) { s.float(sc, float64(v), 32) }
func (s *schemaJSON) WriteFloat64(sc *smithy.Schema, v float64) { s.float(sc, v, 64) }
func (s *schemaJSON) float(sc *smithy.Schema, v float64, bits int) {
	s.prefix(sc)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		s.b = textsafe.AppendJSON(s.b, formatFloat(v, bits))
		return
	}
	s.b = strconv.AppendFloat(s.b, v, 'g', -1, bits)
}
func (s *schemaJSON) WriteBool(sc *smithy.Schema, v bool) {
	s.prefix(sc)
	s.b = strconv.AppendBool(s.b, v)
}
func (s *schemaJSON) WriteString(sc *smithy.Schema, v string) {
	s.prefix(sc)
	s.b = textsafe.AppendJSON(s.b, v)
}
func (s *schemaJSON) WriteBigInt(sc *smithy.Schema, v *big.Int) {
	s.prefix(sc)
	s.b = append(s.b, v.String()...)
}
func (s *schemaJSON) WriteBigFloat(sc *smithy.Schema, v *big.Float) {
	s.prefix(sc)
	s.b = append(s.b, v.Text('g', -1)...)
}
func (s *schemaJSON) WriteBlob(sc *smithy.Schema, v []byte) {
	if v == nil {
		return
	}
	s.prefix(sc)
	s.b = textsafe.AppendJSON(s.b, base64.StdEncoding.EncodeToString(v))
}
func (s *schemaJSON) WriteTime(sc *smithy.Schema, v time.Time) {
	f := formatTime(sc, v, "epoch-seconds")
	s.prefix(sc)
	if _, ok := smithy.SchemaTrait[*traits.TimestampFormat](sc); !ok || isEpoch(sc) {
		s.b = append(s.b, f...)
		return
	}
	s.b = textsafe.AppendJSON(s.b, f)
}
func (s *schemaJSON) WriteNil(sc *smithy.Schema) {
	s.prefix(sc)
	s.b = append(s.b, "null"...)
}
func (s *schemaJSON) WriteDocument(sc *smithy.Schema, v document.Value) {
	s.prefix(sc)
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte("null")
	}
	s.b = append(s.b, b...)
}
func (s *schemaJSON) WriteStruct(sc *smithy.Schema) {
	s.prefix(sc)
	s.push('{', false, false)
}
func (s *schemaJSON) CloseStruct() { s.pop('}') }
func (s *schemaJSON) WriteUnion(sc, variant *smithy.Schema) {
	s.prefix(sc)
	s.push('{', false, false)
}
func (s *schemaJSON) CloseUnion() { s.pop('}') }
func (s *schemaJSON) WriteList(sc *smithy.Schema) {
	s.prefix(sc)
	s.push('[', false, true)
}
func (s *schemaJSON) CloseList() { s.pop(']') }
func (s *schemaJSON) WriteMap(sc *smithy.Schema) {
	s.prefix(sc)
	s.push('{', true, false)
}
func (s *schemaJSON) WriteKey(sc *smithy.Schema, k string) {
	n := len(s.first) - 1
	if n < 0 {
		return
	}
	if !s.first[n] {
		s.b = append(s.b, ',')
	}
	s.first[n] = false
	s.b = textsafe.AppendJSON(s.b, k)
	s.b = append(s.b, ':')
	s.keySet = true
}
func (s *schemaJSON) CloseMap() { s.pop('}') }

func isEpoch(sc *smithy.Schema) bool {
	t, ok := smithy.SchemaTrait[*traits.TimestampFormat](sc)
	return !ok || t.Format == "epoch-seconds"
}

// formatTime renders t in the member's @timestampFormat or the protocol default.
func formatTime(sc *smithy.Schema, t time.Time, def string) string {
	f := def
	if tf, ok := smithy.SchemaTrait[*traits.TimestampFormat](sc); ok {
		f = tf.Format
	}
	switch f {
	case "http-date":
		return smithytime.FormatHTTPDate(t)
	case "epoch-seconds":
		return strconv.FormatFloat(smithytime.FormatEpochSeconds(t), 'f', -1, 64)
	default:
		return smithytime.FormatDateTime(t)
	}
}

func formatFloat(v float64, bits int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(v, 'g', -1, bits)
}
