package awsfake

import (
	"strconv"
	"time"
	"unicode/utf8"

	smithytime "github.com/aws/smithy-go/time"
)

// xw is a minimal append-only XML writer. The hand-written responses of the
// services whose SDK clients have no schemas (EC2, S3, Redshift) use it
// directly; the schema-driven serializer (schemaXML) writes through it too.
// It never reflects, so large pages stay cheap to render.
type xw struct{ b []byte }

func (w *xw) raw(s string) { w.b = append(w.b, s...) }

// open writes <name>.
func (w *xw) open(name string) {
	w.b = append(w.b, '<')
	w.b = append(w.b, name...)
	w.b = append(w.b, '>')
}

// openNS writes <name xmlns="ns">.
func (w *xw) openNS(name, ns string) {
	w.b = append(w.b, '<')
	w.b = append(w.b, name...)
	if ns != "" {
		w.b = append(w.b, ` xmlns="`...)
		w.text(ns)
		w.b = append(w.b, '"')
	}
	w.b = append(w.b, '>')
}

// close writes </name>.
func (w *xw) close(name string) {
	w.b = append(w.b, '<', '/')
	w.b = append(w.b, name...)
	w.b = append(w.b, '>')
}

// elem writes <name>escaped v</name>.
func (w *xw) elem(name, v string) {
	w.open(name)
	w.text(v)
	w.close(name)
}

// str writes the element only when v is not empty.
func (w *xw) str(name, v string) {
	if v != "" {
		w.elem(name, v)
	}
}

func (w *xw) boolean(name string, v bool) {
	if v {
		w.elem(name, "true")
	} else {
		w.elem(name, "false")
	}
}

func (w *xw) integer(name string, v int) {
	w.open(name)
	w.b = strconv.AppendInt(w.b, int64(v), 10)
	w.close(name)
}

// timestamp writes an ISO 8601 date-time, the XML protocols' default.
func (w *xw) timestamp(name string, t time.Time) {
	if t.IsZero() {
		return
	}
	w.elem(name, smithytime.FormatDateTime(t))
}

// text appends s escaped for character data and attribute values.
func (w *xw) text(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '<':
				w.b = append(w.b, "&lt;"...)
			case '>':
				w.b = append(w.b, "&gt;"...)
			case '&':
				w.b = append(w.b, "&amp;"...)
			case '"':
				w.b = append(w.b, "&quot;"...)
			case '\'':
				w.b = append(w.b, "&apos;"...)
			case '\n':
				w.b = append(w.b, "&#xA;"...)
			case '\r':
				w.b = append(w.b, "&#xD;"...)
			case '\t':
				w.b = append(w.b, "&#x9;"...)
			default:
				w.b = append(w.b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			w.b = append(w.b, "\uFFFD"...)
		} else {
			w.b = append(w.b, s[i:i+n]...)
		}
		i += n
	}
}
