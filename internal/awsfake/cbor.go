package awsfake

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"net/http"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	smithycbor "github.com/aws/smithy-go/encoding/cbor"
)

// Smithy RPC v2 CBOR (CloudWatch): POST /service/{Service}/operation/{Op}
// with a CBOR body; the answer is a CBOR map of the output's members, with
// timestamps as tag 1 epoch seconds. schemaCBOR builds the value tree from
// the SDK output's schema walk and encodes it with smithy-go's encoder.

type cborFrame struct {
	isMap  bool
	m      smithycbor.Map
	l      smithycbor.List
	key    string // this frame's key in its parent map ("" in a list)
	mapKey string // pending key set by WriteKey for a value in a map shape
}

type schemaCBOR struct {
	stack []*cborFrame
	root  smithycbor.Value
}

var _ smithy.ShapeSerializer = (*schemaCBOR)(nil)

func (s *schemaCBOR) Bytes() []byte {
	if s.root == nil {
		return nil
	}
	return smithycbor.Encode(s.root)
}

// put stores v under the member's name in the innermost container.
func (s *schemaCBOR) put(sc *smithy.Schema, v smithycbor.Value) {
	if len(s.stack) == 0 {
		s.root = v
		return
	}
	t := s.stack[len(s.stack)-1]
	if !t.isMap {
		t.l = append(t.l, v)
		return
	}
	k := t.mapKey
	if k != "" {
		t.mapKey = ""
	} else if sc != nil {
		k = sc.MemberName()
	}
	t.m[k] = v
}

func (s *schemaCBOR) keyFor(sc *smithy.Schema) string {
	if len(s.stack) == 0 {
		return ""
	}
	t := s.stack[len(s.stack)-1]
	if !t.isMap {
		return ""
	}
	if t.mapKey != "" {
		k := t.mapKey
		t.mapKey = ""
		return k
	}
	if sc != nil {
		return sc.MemberName()
	}
	return ""
}

func cborInt(v int64) smithycbor.Value {
	if v < 0 {
		return smithycbor.NegInt(uint64(-v))
	}
	return smithycbor.Uint(uint64(v))
}

func (s *schemaCBOR) WriteInt8(sc *smithy.Schema, v int8)       { s.put(sc, cborInt(int64(v))) }
func (s *schemaCBOR) WriteInt16(sc *smithy.Schema, v int16)     { s.put(sc, cborInt(int64(v))) }
func (s *schemaCBOR) WriteInt32(sc *smithy.Schema, v int32)     { s.put(sc, cborInt(int64(v))) }
func (s *schemaCBOR) WriteInt64(sc *smithy.Schema, v int64)     { s.put(sc, cborInt(v)) }
func (s *schemaCBOR) WriteFloat32(sc *smithy.Schema, v float32) { s.put(sc, smithycbor.Float32(v)) }
func (s *schemaCBOR) WriteFloat64(sc *smithy.Schema, v float64) { s.put(sc, smithycbor.Float64(v)) }
func (s *schemaCBOR) WriteBool(sc *smithy.Schema, v bool)       { s.put(sc, smithycbor.Bool(v)) }
func (s *schemaCBOR) WriteString(sc *smithy.Schema, v string)   { s.put(sc, smithycbor.String(v)) }
func (s *schemaCBOR) WriteBigInt(sc *smithy.Schema, v *big.Int) { s.put(sc, cborInt(v.Int64())) }
func (s *schemaCBOR) WriteBigFloat(sc *smithy.Schema, v *big.Float) {
	f, _ := v.Float64()
	s.put(sc, smithycbor.Float64(f))
}
func (s *schemaCBOR) WriteBlob(sc *smithy.Schema, v []byte) {
	if v != nil {
		s.put(sc, smithycbor.Slice(v))
	}
}
func (s *schemaCBOR) WriteTime(sc *smithy.Schema, v time.Time) {
	secs := float64(v.UnixMilli()) / 1e3
	if secs == math.Trunc(secs) {
		s.put(sc, &smithycbor.Tag{ID: 1, Value: cborInt(int64(secs))})
		return
	}
	s.put(sc, &smithycbor.Tag{ID: 1, Value: smithycbor.Float64(secs)})
}
func (s *schemaCBOR) WriteNil(sc *smithy.Schema)                        { s.put(sc, &smithycbor.Nil{}) }
func (s *schemaCBOR) WriteDocument(sc *smithy.Schema, v document.Value) {}

func (s *schemaCBOR) open(sc *smithy.Schema, isMap bool) {
	f := &cborFrame{isMap: isMap, key: s.keyFor(sc)}
	if isMap {
		f.m = smithycbor.Map{}
	} else {
		f.l = smithycbor.List{}
	}
	s.stack = append(s.stack, f)
}

func (s *schemaCBOR) close() {
	f := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	var v smithycbor.Value = f.l
	if f.isMap {
		v = f.m
	}
	if len(s.stack) == 0 {
		s.root = v
		return
	}
	t := s.stack[len(s.stack)-1]
	if t.isMap {
		t.m[f.key] = v
	} else {
		t.l = append(t.l, v)
	}
}

func (s *schemaCBOR) WriteStruct(sc *smithy.Schema)          { s.open(sc, true) }
func (s *schemaCBOR) CloseStruct()                           { s.close() }
func (s *schemaCBOR) WriteUnion(sc, variant *smithy.Schema)  { s.open(sc, true) }
func (s *schemaCBOR) CloseUnion()                            { s.close() }
func (s *schemaCBOR) WriteList(sc *smithy.Schema)            { s.open(sc, false) }
func (s *schemaCBOR) CloseList()                             { s.close() }
func (s *schemaCBOR) WriteMap(sc *smithy.Schema)             { s.open(sc, true) }
func (s *schemaCBOR) CloseMap()                              { s.close() }
func (s *schemaCBOR) WriteKey(sc *smithy.Schema, key string) { s.stack[len(s.stack)-1].mapKey = key }

// cborReply renders an rpcv2Cbor response.
func (c *call) cborReply(out any) *reply {
	s := &schemaCBOR{}
	if err := c.s.wire.serializeOutput(s, out); err != nil {
		return serializeFailed(err)
	}
	return &reply{ctype: "application/cbor", body: s.Bytes(), headers: map[string]string{"Smithy-Protocol": "rpc-v2-cbor"}}
}

// decodeCBORBody reads an rpcv2Cbor request into the generic form the
// handlers read inputs from (strings, float64 numbers, lists, maps).
func decodeCBORBody(r *http.Request, into *map[string]any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return fmt.Errorf("reading body: %w", err)
	}
	*into = map[string]any{}
	if len(b) == 0 {
		return nil
	}
	v, err := smithycbor.Decode(b)
	if err != nil {
		return fmt.Errorf("decoding CBOR body: %w", err)
	}
	m, ok := cborToGo(v).(map[string]any)
	if !ok {
		return fmt.Errorf("CBOR body is not a map")
	}
	*into = m
	return nil
}

func cborToGo(v smithycbor.Value) any {
	switch x := v.(type) {
	case smithycbor.Map:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = cborToGo(e)
		}
		return m
	case smithycbor.List:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = cborToGo(e)
		}
		return l
	case smithycbor.String:
		return string(x)
	case smithycbor.Uint:
		return float64(x)
	case smithycbor.NegInt:
		return -float64(x)
	case smithycbor.Float64:
		return float64(x)
	case smithycbor.Float32:
		return float64(x)
	case smithycbor.Bool:
		return bool(x)
	}
	return nil
}

// cborError is an rpcv2Cbor error body.
func cborError(code, message string) []byte {
	return smithycbor.Encode(smithycbor.Map{"__type": smithycbor.String(code), "message": smithycbor.String(message)})
}
