// Package textsafe makes text that comes from a scanned account (resource
// names, tags, policy text and messages built from them) safe for the
// medium it is written to. Whoever can name or tag a resource in the
// account chooses those bytes; they must never drive the reader's terminal
// or change the structure of a document.
//
// There is one function per medium and every renderer of that medium calls
// it: Terminal for the tables (scan, matrix, datamap, diff, frameworks),
// Markdown for Markdown table cells, AppendJSON for JSON written by hand.
// JSON, SARIF, ASFF, OCSF, JUnit/XML, HTML and CSV otherwise rely on their
// encoders (see the injection corpus test in internal/cli).
package textsafe

import (
	"strings"
	"unicode/utf8"
)

// Terminal returns s with everything a terminal would act on shown
// escaped, so the text is displayed, never executed:
//
//   - C0 control characters (including ESC, CR, backspace, BEL, newline and
//     tab) and DEL as Go escapes: \x1b, \r, \b, \a, \n, \t, \x7f;
//   - C1 control characters (U+0080-U+009F; U+009B is a one-character CSI)
//     as \u009b;
//   - bidirectional formatting characters (U+061C, U+200E, U+200F,
//     U+202A-U+202E, U+2066-U+2069) and the line and paragraph separators
//     U+2028 and U+2029 as \u202e;
//   - bytes that are not UTF-8 as \xNN (a lone 0x9b byte is CSI too).
//
// A newline therefore cannot start a forged result line, and an escape
// sequence (clear screen, OSC 8 hyperlink, OSC 52 clipboard write, cursor
// moves) never reaches the terminal. Text without such characters is
// returned unchanged and without allocation.
func Terminal(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			writeHexByte(&b, `\x`, s[i])
		case unsafeRune(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstUnsafe is the byte offset of the first character Terminal escapes,
// or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// unsafeRune reports whether a terminal would act on r rather than draw it.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidirectional formatting
	case r == 0x2028, r == 0x2029:
		return true // line and paragraph separators
	}
	return false
}

const hexDigits = "0123456789abcdef"

func writeHexByte(b *strings.Builder, prefix string, c byte) {
	b.WriteString(prefix)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

func writeEscape(b *strings.Builder, r rune) {
	switch r {
	case '\a':
		b.WriteString(`\a`)
	case '\b':
		b.WriteString(`\b`)
	case '\f':
		b.WriteString(`\f`)
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	case '\t':
		b.WriteString(`\t`)
	case '\v':
		b.WriteString(`\v`)
	default:
		if r < 0x80 {
			writeHexByte(b, `\x`, byte(r))
			return
		}
		b.WriteString(`\u`)
		for shift := 12; shift >= 0; shift -= 4 {
			b.WriteByte(hexDigits[(r>>shift)&0xf])
		}
	}
}

// markdownSpecial are the ASCII punctuation characters escaped with a
// backslash in Markdown text: the backslash itself, table cell separators,
// link and image brackets, raw HTML, entities, code spans and emphasis.
const markdownSpecial = "\\|[]<>&`*_~"

// Markdown returns s as the text of a GitHub-flavoured Markdown table cell
// (not inside a code span): first as Terminal would show it (a Markdown
// document is often printed to a terminal, and a newline would end the
// row), then with every Markdown-significant ASCII punctuation character
// backslash-escaped, so a pipe cannot add a cell, [text](url) and
// ![img](url) are not links or images, <script> is text and emphasis
// markers are shown as typed. A bare URL may still be autolinked by the
// renderer; its visible text is then the URL itself.
func Markdown(s string) string {
	s = Terminal(s)
	if !strings.ContainsAny(s, markdownSpecial) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(markdownSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// MarkdownCode returns s as a Markdown code span when every character of
// it is plain (letters, digits and _ . : / - + = , @ * ! ( ) # $ % ^ ? space;
// the shape of every ARN, ID and name AWS allows in practice); otherwise
// it returns Markdown(s): a backslash would show literally inside a code
// span, and a pipe or backtick would end the cell or the span.
func MarkdownCode(s string) string {
	if s == "" {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if !codeSafe(s[i]) {
			return Markdown(s)
		}
	}
	return "`" + s + "`"
}

func codeSafe(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("_.:/-+=,@*!()#$%^? ", c) >= 0
}

// AppendJSON appends s quoted as encoding/json quotes a string with
// HTML escaping on (its default): <, > and & as \u003c, \u003e, \u0026,
// control characters escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029
// escaped. Writers that build JSON by hand (`shoulder findings`, the fake
// endpoint) call it, so their strings are encoding/json's.
func AppendJSON(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
