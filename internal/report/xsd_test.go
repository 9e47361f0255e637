package report_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The standard library has no XSD validator, so this file reads the subset
// of XML Schema that the vendored JUnit XSD uses (global elements, named and
// inline complex types, attributes with use="required", simple types with a
// pattern restriction, sequence/choice of element refs, mixed content) and
// checks a document against it: every element is declared and allowed
// where it appears, every attribute is declared, required attributes are
// present, patterned attribute values match, and text appears only in
// mixed or simple content.

type xsdAttr struct {
	required bool
	pattern  *regexp.Regexp
}

type xsdElem struct {
	simple   bool // text-only content (type="xs:string")
	mixed    bool
	attrs    map[string]xsdAttr
	children map[string]bool
}

type xsdSchema struct {
	elems map[string]*xsdElem
}

// raw XSD structure, decoded with encoding/xml.
type rawSchema struct {
	SimpleTypes  []rawSimpleType  `xml:"simpleType"`
	ComplexTypes []rawComplexType `xml:"complexType"`
	Elements     []rawElement     `xml:"element"`
}

type rawSimpleType struct {
	Name     string `xml:"name,attr"`
	Patterns []struct {
		Value string `xml:"value,attr"`
	} `xml:"restriction>pattern"`
}

type rawComplexType struct {
	Name       string         `xml:"name,attr"`
	Mixed      bool           `xml:"mixed,attr"`
	Attributes []rawAttribute `xml:"attribute"`
	Sequence   *rawGroup      `xml:"sequence"`
	Choice     *rawGroup      `xml:"choice"`
}

type rawGroup struct {
	Elements []rawElement `xml:"element"`
	Choices  []rawGroup   `xml:"choice"`
	Seqs     []rawGroup   `xml:"sequence"`
}

type rawAttribute struct {
	Name string `xml:"name,attr"`
	Type string `xml:"type,attr"`
	Use  string `xml:"use,attr"`
}

type rawElement struct {
	Name    string          `xml:"name,attr"`
	Ref     string          `xml:"ref,attr"`
	Type    string          `xml:"type,attr"`
	Complex *rawComplexType `xml:"complexType"`
}

func (g *rawGroup) names(out map[string]bool) {
	if g == nil {
		return
	}
	for _, e := range g.Elements {
		out[e.Ref+e.Name] = true
	}
	for i := range g.Choices {
		g.Choices[i].names(out)
	}
	for i := range g.Seqs {
		g.Seqs[i].names(out)
	}
}

func loadXSD(t *testing.T, path string) *xsdSchema {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw rawSchema
	if err := xml.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	patterns := map[string]*regexp.Regexp{}
	for _, st := range raw.SimpleTypes {
		if len(st.Patterns) == 1 {
			patterns[st.Name] = regexp.MustCompile("^(?:" + st.Patterns[0].Value + ")$")
		}
	}
	complexByName := map[string]*rawComplexType{}
	for i := range raw.ComplexTypes {
		complexByName[raw.ComplexTypes[i].Name] = &raw.ComplexTypes[i]
	}
	build := func(ct *rawComplexType) *xsdElem {
		e := &xsdElem{mixed: ct.Mixed, attrs: map[string]xsdAttr{}, children: map[string]bool{}}
		for _, a := range ct.Attributes {
			e.attrs[a.Name] = xsdAttr{required: a.Use == "required", pattern: patterns[a.Type]}
		}
		ct.Sequence.names(e.children)
		ct.Choice.names(e.children)
		return e
	}
	s := &xsdSchema{elems: map[string]*xsdElem{}}
	for _, el := range raw.Elements {
		switch {
		case el.Complex != nil:
			s.elems[el.Name] = build(el.Complex)
		case complexByName[el.Type] != nil:
			s.elems[el.Name] = build(complexByName[el.Type])
		default:
			s.elems[el.Name] = &xsdElem{simple: true, attrs: map[string]xsdAttr{}, children: map[string]bool{}}
		}
	}
	// Local elements declared inside complex types (rerunType's stackTrace)
	// are simple text elements.
	for _, ct := range raw.ComplexTypes {
		if ct.Sequence != nil {
			for _, el := range ct.Sequence.Elements {
				if el.Name != "" && s.elems[el.Name] == nil {
					s.elems[el.Name] = &xsdElem{simple: true, attrs: map[string]xsdAttr{}, children: map[string]bool{}}
				}
			}
		}
	}
	if len(s.elems) < 5 {
		t.Fatalf("%s: read only %d elements; is it the JUnit XSD?", path, len(s.elems))
	}
	return s
}

// validate checks doc against the schema with root as the document element.
func (s *xsdSchema) validate(doc []byte, root string) error {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	type frame struct {
		name string
		def  *xsdElem
	}
	var stack []frame
	seenRoot := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %w", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			name := tk.Name.Local
			if tk.Name.Space != "" {
				return fmt.Errorf("element %s has a namespace %q the schema does not declare", name, tk.Name.Space)
			}
			def := s.elems[name]
			if def == nil {
				return fmt.Errorf("element <%s> is not declared", name)
			}
			if len(stack) == 0 {
				if seenRoot {
					return fmt.Errorf("a second document element <%s>", name)
				}
				if name != root {
					return fmt.Errorf("document element is <%s>, want <%s>", name, root)
				}
				seenRoot = true
			} else if parent := stack[len(stack)-1]; !parent.def.children[name] {
				return fmt.Errorf("<%s> may not contain <%s>", parent.name, name)
			}
			have := map[string]bool{}
			for _, a := range tk.Attr {
				ad, ok := def.attrs[a.Name.Local]
				if !ok || a.Name.Space != "" {
					return fmt.Errorf("<%s> has undeclared attribute %q", name, a.Name.Local)
				}
				if ad.pattern != nil && !ad.pattern.MatchString(a.Value) {
					return fmt.Errorf("<%s %s=%q> does not match its type's pattern", name, a.Name.Local, a.Value)
				}
				have[a.Name.Local] = true
			}
			for an, ad := range def.attrs {
				if ad.required && !have[an] {
					return fmt.Errorf("<%s> lacks required attribute %q", name, an)
				}
			}
			stack = append(stack, frame{name, def})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 || strings.TrimSpace(string(tk)) == "" {
				continue
			}
			if top := stack[len(stack)-1]; !top.def.mixed && !top.def.simple {
				return fmt.Errorf("<%s> may not contain text", top.name)
			}
		}
	}
	if !seenRoot {
		return fmt.Errorf("no document element")
	}
	return nil
}

func TestXSDReaderRejects(t *testing.T) {
	s := loadXSD(t, "testdata/schemas/junit-10.xsd")
	valid := `<testsuites><testsuite name="a" tests="1" failures="0" errors="0" time="0"><testcase name="x"/></testsuite></testsuites>`
	if err := s.validate([]byte(valid), "testsuites"); err != nil {
		t.Fatalf("a minimal valid document is refused: %v", err)
	}
	bad := []struct{ name, doc, want string }{
		{"missing required attribute", `<testsuites><testsuite name="a" tests="1" errors="0"/></testsuites>`, `required attribute "failures"`},
		{"undeclared attribute", `<testsuites skipped="1"/>`, `undeclared attribute "skipped"`},
		{"undeclared element", `<testsuites><suite/></testsuites>`, "not declared"},
		{"misplaced element", `<testsuites><testcase name="x"/></testsuites>`, "may not contain <testcase>"},
		{"bad time pattern", `<testsuites time="1.2s"/>`, "pattern"},
		{"text where none allowed", `<testsuites>hello</testsuites>`, "may not contain text"},
		{"wrong root", `<testsuite name="a" tests="0" failures="0" errors="0"/>`, "document element"},
		{"not well-formed", `<testsuites>`, "not well-formed"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			err := s.validate([]byte(tc.doc), "testsuites")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("validate(%s) = %v, want an error containing %q", tc.doc, err, tc.want)
			}
		})
	}
}
