package awsfake

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	smithy "github.com/aws/smithy-go"
	"github.com/aws/smithy-go/traits"

	"github.com/shoulder-dev/shoulder/internal/awsfake/wiremodel"
)

// The fake answers with SDK output values (the handlers fill the SDK's own
// output types) serialized by the schema-driven writers of schemaser.go and
// cbor.go. The schemas come from botocore's service models
// (wiremodels.json.gz, written by `go generate` with ./wiregen), not from
// the SDK: shoulder pins the SDK's service modules to versions before
// schema-based serialization (their schema tables cost tens of MiB of heap
// in every shoulder process), so output types have no Serialize method.
// serializeOutput walks an output value by reflection as the generated
// Serialize methods did: a nil pointer, slice or map and a zero scalar or
// enum are left out, lists and maps are written in order (map keys sorted).

//go:generate go run ./wiregen -o wiremodels.json.gz

//go:embed wiremodels.json.gz
var wireModelsGz []byte

// wireSchemas is every service's schemas, decoded from the embedded
// models on first use (a Server's own: the models are 390 KB of JSON) and
// built per SDK package as its outputs are first written: SDK package
// path -> output shape name -> schema.
type wireSchemas struct {
	once    sync.Once
	err     error
	models  map[string]*wiremodel.Service
	mu      sync.Mutex
	schemas map[string]map[string]*smithy.Schema
}

func (w *wireSchemas) load() error {
	w.once.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(wireModelsGz))
		if err == nil {
			err = json.NewDecoder(zr).Decode(&w.models)
		}
		if err != nil {
			w.err = fmt.Errorf("wire models: %w", err)
		}
		w.schemas = map[string]map[string]*smithy.Schema{}
	})
	return w.err
}

// outputSchema is the schema of the SDK output type t (pkg.OpOutput).
func (w *wireSchemas) outputSchema(t reflect.Type) (*smithy.Schema, error) {
	pkg, op := t.PkgPath(), strings.TrimSuffix(t.Name(), "Output")
	m, ok := w.models[pkg]
	if !ok {
		return nil, fmt.Errorf("no wire model for %s (run go generate ./internal/awsfake)", pkg)
	}
	name, ok := m.Ops[op]
	if !ok {
		return nil, fmt.Errorf("no wire model for %s.%s (run go generate ./internal/awsfake)", pkg, t.Name())
	}
	if name == "" {
		return nil, fmt.Errorf("%s.%s: the operation answers no body", pkg, t.Name())
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.schemas[pkg] == nil {
		w.schemas[pkg] = buildSchemas(m)
	}
	return w.schemas[pkg][name], nil
}

// buildSchemas makes a smithy schema for every shape of a service: first
// each shape with its own traits, then the members, which share their
// target's member map (so recursive shapes need no special case).
func buildSchemas(m *wiremodel.Service) map[string]*smithy.Schema {
	out := make(map[string]*smithy.Schema, len(m.Shapes))
	for name, sh := range m.Shapes {
		var ts []smithy.Trait
		if sh.Flattened {
			ts = append(ts, &traits.XMLFlattened{})
		}
		if sh.TimestampFormat != "" {
			ts = append(ts, &traits.TimestampFormat{Format: timestampFormat(sh.TimestampFormat)})
		}
		out[name] = smithy.NewSchema(smithy.ShapeID{Name: name}, shapeType(sh), len(sh.Members), ts...)
	}
	add := func(s *smithy.Schema, name string, ref *wiremodel.Member, jsonName bool) {
		target := m.Shapes[ref.Shape]
		var ts []smithy.Trait
		if ref.LocationName != "" {
			ts = append(ts, &traits.XMLName{Name: ref.LocationName})
			if jsonName {
				ts = append(ts, &traits.JSONName{Name: ref.LocationName})
			}
		}
		if ref.Flattened || (target != nil && target.Flattened) {
			ts = append(ts, &traits.XMLFlattened{})
		}
		if ref.TimestampFormat != "" {
			ts = append(ts, &traits.TimestampFormat{Format: timestampFormat(ref.TimestampFormat)})
		}
		s.AddMember(name, out[ref.Shape], ts...)
	}
	for name, sh := range m.Shapes {
		s := out[name]
		for mn, ref := range sh.Members {
			if ref.Location != "" {
				continue // a header or status code, not in the body
			}
			add(s, mn, ref, true)
		}
		if sh.Member != nil {
			add(s, "member", sh.Member, false)
		}
		if sh.Key != nil {
			add(s, "key", sh.Key, false)
		}
		if sh.Value != nil {
			add(s, "value", sh.Value, false)
		}
	}
	return out
}

func timestampFormat(f string) string {
	switch f {
	case "unixTimestamp":
		return "epoch-seconds"
	case "iso8601":
		return "date-time"
	case "rfc822":
		return "http-date"
	}
	return f
}

func shapeType(sh *wiremodel.Shape) smithy.ShapeType {
	switch sh.Type {
	case "structure":
		switch {
		case sh.Union:
			return smithy.ShapeTypeUnion
		case sh.Document:
			return smithy.ShapeTypeDocument
		}
		return smithy.ShapeTypeStructure
	case "list":
		return smithy.ShapeTypeList
	case "map":
		return smithy.ShapeTypeMap
	case "boolean":
		return smithy.ShapeTypeBoolean
	case "integer":
		return smithy.ShapeTypeInteger
	case "long":
		return smithy.ShapeTypeLong
	case "float":
		return smithy.ShapeTypeFloat
	case "double":
		return smithy.ShapeTypeDouble
	case "timestamp":
		return smithy.ShapeTypeTimestamp
	case "blob":
		return smithy.ShapeTypeBlob
	}
	return smithy.ShapeTypeString
}

// serializeOutput writes out, a pointer to an SDK output value, with s.
func (w *wireSchemas) serializeOutput(s smithy.ShapeSerializer, out any) error {
	if err := w.load(); err != nil {
		return err
	}
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("serialize %T: not a pointer to an output struct", out)
	}
	root, err := w.outputSchema(v.Elem().Type())
	if err != nil {
		return err
	}
	s.WriteStruct(root)
	if err := writeMembers(s, root, v.Elem()); err != nil {
		return fmt.Errorf("serialize %T: %w", out, err)
	}
	s.CloseStruct()
	return nil
}

var timeType = reflect.TypeFor[time.Time]()

// fieldKey is how a Go field name and a model member name meet: the SDK
// capitalises member names, and some models differ in case or underscores.
func fieldKey(name string) string {
	return strings.ToLower(strings.ReplaceAll(name, "_", ""))
}

// writeMembers writes the set fields of struct v as the members of sc.
func writeMembers(s smithy.ShapeSerializer, sc *smithy.Schema, v reflect.Value) error {
	var byKey map[string]*smithy.Schema
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" {
			continue
		}
		fv := v.Field(i)
		if isUnset(fv) {
			continue
		}
		if byKey == nil {
			byKey = make(map[string]*smithy.Schema, len(sc.Members()))
			for name, m := range sc.Members() {
				byKey[fieldKey(name)] = m
			}
		}
		m, ok := byKey[fieldKey(f.Name)]
		if !ok {
			return fmt.Errorf("%s.%s: no such member in the wire model", t.Name(), f.Name)
		}
		if err := writeValue(s, m, fv); err != nil {
			return fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
	}
	return nil
}

// isUnset is what the generated serializers left out.
func isUnset(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Float32, reflect.Float64:
		return v.IsZero()
	}
	return false
}

// writeValue writes v as a value of schema sc (a member schema).
func writeValue(s smithy.ShapeSerializer, sc *smithy.Schema, v reflect.Value) error {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			s.WriteNil(sc)
			return nil
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		s.WriteString(sc, v.String())
	case reflect.Bool:
		s.WriteBool(sc, v.Bool())
	case reflect.Int8:
		s.WriteInt8(sc, int8(v.Int()))
	case reflect.Int16:
		s.WriteInt16(sc, int16(v.Int()))
	case reflect.Int32:
		s.WriteInt32(sc, int32(v.Int()))
	case reflect.Int, reflect.Int64:
		s.WriteInt64(sc, v.Int())
	case reflect.Float32:
		s.WriteFloat32(sc, float32(v.Float()))
	case reflect.Float64:
		s.WriteFloat64(sc, v.Float())
	case reflect.Struct:
		if v.Type() == timeType {
			s.WriteTime(sc, v.Interface().(time.Time))
			return nil
		}
		s.WriteStruct(sc)
		if err := writeMembers(s, sc, v); err != nil {
			return err
		}
		s.CloseStruct()
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			s.WriteBlob(sc, v.Bytes())
			return nil
		}
		item := sc.ListMember()
		if item == nil {
			return fmt.Errorf("a list where the model has %v", sc.Type())
		}
		s.WriteList(sc)
		for i := range v.Len() {
			if err := writeValue(s, item, v.Index(i)); err != nil {
				return err
			}
		}
		s.CloseList()
	case reflect.Map:
		key, val := sc.MapKey(), sc.MapValue()
		if key == nil || val == nil {
			return fmt.Errorf("a map where the model has %v", sc.Type())
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		s.WriteMap(sc)
		for _, k := range keys {
			s.WriteKey(key, k.String())
			if err := writeValue(s, val, v.MapIndex(k)); err != nil {
				return err
			}
		}
		s.CloseMap()
	case reflect.Interface:
		// A union: the SDK's variant types are structs named ...Member<Name>
		// with the value in Value.
		c := v.Elem()
		if c.Kind() == reflect.Pointer {
			c = c.Elem()
		}
		name := c.Type().Name()
		i := strings.LastIndex(name, "Member")
		if c.Kind() != reflect.Struct || i < 0 || !c.FieldByName("Value").IsValid() {
			return fmt.Errorf("%s: not a union variant", c.Type())
		}
		var variant *smithy.Schema
		for mn, m := range sc.Members() {
			if fieldKey(mn) == fieldKey(name[i+len("Member"):]) {
				variant = m
			}
		}
		if variant == nil {
			return fmt.Errorf("%s: no such union member in the wire model", name)
		}
		s.WriteUnion(sc, variant)
		if err := writeValue(s, variant, c.FieldByName("Value")); err != nil {
			return err
		}
		s.CloseUnion()
	default:
		return fmt.Errorf("%s: cannot serialize a %s", v.Type(), v.Kind())
	}
	return nil
}
