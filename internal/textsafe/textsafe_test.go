package textsafe

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain bucket-name_1 arn:aws:s3:::x", "plain bucket-name_1 arn:aws:s3:::x"},
		{"ünïcødé ✔ 日本", "ünïcødé ✔ 日本"},
		{"\x1b[2J", `\x1b[2J`},
		{"\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", `\x1b]8;;http://evil\x1b\link\x1b]8;;\x1b\`},
		{"\x1b]52;c;ZXZpbA==\a", `\x1b]52;c;ZXZpbA==\a`},
		{"ok\rFAIL", `ok\rFAIL`},
		{"abc\b\b\bxyz", `abc\b\b\bxyz`},
		{"x\n✔ PASS forged", `x\n✔ PASS forged`},
		{"tab\there", `tab\there`},
		{"del\x7f", `del\x7f`},
		{"\u202eevil\u202c", `\u202eevil\u202c`},
		{"\u2066\u2067\u2068\u2069\u200e\u200f\u061c", `\u2066\u2067\u2068\u2069\u200e\u200f\u061c`},
		{"\u2028\u2029", `\u2028\u2029`},
		{"c1 \u009b2J \u0085", `c1 \u009b2J \u0085`},
		{"raw \x9b2J byte", `raw \x9b2J byte`},
		{"bad \xff\xfe utf8", `bad \xff\xfe utf8`},
		{"\x00\x01\x1f", `\x00\x01\x1f`},
	}
	for _, tc := range tests {
		got := Terminal(tc.in)
		if got != tc.want {
			t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if firstUnsafe(got) >= 0 {
			t.Errorf("Terminal(%q) = %q still holds an unsafe character", tc.in, got)
		}
	}
}

// TestTerminalAllRunes: no output of Terminal holds a character it would
// escape, for every rune and every single byte.
func TestTerminalAllRunes(t *testing.T) {
	for r := rune(0); r <= 0x2100; r++ {
		if out := Terminal("a" + string(r) + "b"); firstUnsafe(out) >= 0 || !utf8.ValidString(out) {
			t.Fatalf("Terminal(%U) = %q", r, out)
		}
	}
	for c := 0; c < 256; c++ {
		if out := Terminal(string([]byte{'a', byte(c), 'b'})); firstUnsafe(out) >= 0 || !utf8.ValidString(out) {
			t.Fatalf("Terminal(byte %#x) = %q", c, out)
		}
	}
}

func TestTerminalNoAllocation(t *testing.T) {
	s := "arn:aws:s3:::alpenglow-analytics-logs is public via its bucket policy"
	if n := testing.AllocsPerRun(100, func() { _ = Terminal(s) }); n != 0 {
		t.Errorf("Terminal allocates %v times on safe text", n)
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"| x |", `\| x \|`},
		{"![img](http://x)", `!\[img\](http://x)`},
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"a\\|b", `a\\\|b`},
		{"`code`", "\\`code\\`"},
		{"&lt;", `\&lt;`},
		{"my_bucket *x* ~y~", `my\_bucket \*x\* \~y\~`},
		{"x\n| ✔ | PASS |", `x\\n\| ✔ \| PASS \|`},
		{"\x1b[2J", `\\x1b\[2J`},
	}
	for _, tc := range tests {
		if got := Markdown(tc.in); got != tc.want {
			t.Errorf("Markdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// No unescaped special character survives.
	for _, tc := range tests {
		got := Markdown(tc.in)
		for i := 0; i < len(got); i++ {
			if got[i] == '\\' {
				i++
				continue
			}
			if strings.IndexByte(markdownSpecial, got[i]) >= 0 {
				t.Errorf("Markdown(%q) = %q: %q at %d is not escaped", tc.in, got, got[i], i)
			}
		}
	}
}

func TestMarkdownCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"s3:::alpenglow-logs/key_1", "`s3:::alpenglow-logs/key_1`"},
		{"iam::123456789012:role/admin@corp+x=y,z", "`iam::123456789012:role/admin@corp+x=y,z`"},
		{"x|y", `x\|y`},
		{"x`y", "x\\`y"},
		{"a\\b", `a\\b`},
		{"<script>", `\<script\>`},
		{"\x1b[2J", `\\x1b\[2J`},
		{"new\nline", `new\\nline`},
		{"ünï", "ünï"},
	}
	for _, tc := range tests {
		if got := MarkdownCode(tc.in); got != tc.want {
			t.Errorf("MarkdownCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAppendJSONAgrees: AppendJSON writes the bytes encoding/json writes
// for a string, on every single byte, awkward runes and random mixes.
func TestAppendJSONAgrees(t *testing.T) {
	cases := []string{"", "plain", "<script>alert(1)</script>", `a "quoted" \ path`, "\b\f\n\r\t\x00\x1f\x7f",
		"bad \xff\xfe utf8", "sep \u2028 \u2029", "é 日本語 🙂", "&amp;", "\xe2\x80"}
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"z")
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 2000; i++ {
		b := make([]byte, rng.IntN(12))
		for j := range b {
			b[j] = byte(rng.IntN(256))
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendJSON([]byte("x"), s); !bytes.Equal(got, append([]byte("x"), want...)) {
			t.Errorf("%q: got %s, want x%s", s, got, want)
		}
	}
}
