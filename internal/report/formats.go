package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Format is one output format: its name on the command line, the file it is
// written to when the output is a directory, and its renderer.
type Format struct {
	Name     string
	FileName string
	// Stdout is true for the format that goes to standard output when
	// several are written to a directory (the terminal table).
	Stdout bool
	// Views is true for a renderer that reads Options.Frameworks,
	// Responsibility or DataMap; the CLI computes those only when a chosen
	// format needs them (on large accounts they cost time and memory).
	Views bool
	// Tags is true for a renderer that reads Finding.Tags; without one, the
	// CLI drops the tags after evaluation so the state can be freed.
	Tags  bool
	Write func(w io.Writer, r *engine.Report, o Options) error
	// Stream, for a format that can be written while the engine
	// evaluates (engine.Stream), returns its sink; nil for a format that
	// needs the whole report first. The bytes are those of Write.
	Stream func(w io.Writer, o Options) engine.Sink
	// Replay, for a format that can be written from a finished report
	// whose results come a batch at a time (a combined report whose
	// results wait in files, engine.Combiner.ReplayResults), returns its
	// writer; d is the digest of every result (Digest.Add per batch as
	// the report was built). nil for a format that needs the whole report
	// (Markdown and HTML rank, group and count across it). The bytes are
	// those of Write.
	Replay func(w io.Writer, o Options, d *Digest) engine.Sink
}

// Formats lists every format in a stable order.
func Formats() []Format {
	return []Format{
		{Name: "table", FileName: "report.txt", Stdout: true, Write: func(w io.Writer, r *engine.Report, o Options) error { return Table(w, r, o.Table) },
			Replay: func(w io.Writer, o Options, d *Digest) engine.Sink { return TableSink(w, o.Table, d) }},
		{Name: "json", FileName: "report.json", Write: func(w io.Writer, r *engine.Report, o Options) error { return JSON(w, r, o.Version) },
			Stream: func(w io.Writer, o Options) engine.Sink { return JSONSink(w, o.Version) },
			Replay: func(w io.Writer, o Options, _ *Digest) engine.Sink { return JSONSink(w, o.Version) }},
		{Name: "html", FileName: "report.html", Views: true, Write: HTML},
		{Name: "sarif", FileName: "report.sarif", Write: SARIF, Replay: SARIFSink},
		{Name: "junit", FileName: "report.junit.xml", Write: JUnit, Replay: JUnitSink},
		{Name: "csv", FileName: "report.csv", Write: CSV, Stream: CSVSink,
			Replay: func(w io.Writer, o Options, _ *Digest) engine.Sink { return CSVSink(w, o) }},
		{Name: "markdown", FileName: "report.md", Write: Markdown},
		{Name: "asff", FileName: "report.asff.json", Tags: true, Write: ASFF, Replay: ASFFSink},
		{Name: "ocsf", FileName: "report.ocsf.json", Write: OCSF, Replay: OCSFSink},
	}
}

// FormatNames lists the names of every format.
func FormatNames() []string {
	var ns []string
	for _, f := range Formats() {
		ns = append(ns, f.Name)
	}
	return ns
}

// ParseFormats reads a comma-separated list of format names ("md" is an
// alias of markdown), rejecting unknown and repeated names.
func ParseFormats(list string) ([]Format, error) {
	by := map[string]Format{}
	for _, f := range Formats() {
		by[f.Name] = f
	}
	by["md"] = by["markdown"]
	var out []Format
	seen := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		f, ok := by[n]
		if !ok {
			return nil, fmt.Errorf("%q is not a format (want one or more of %s, comma-separated)", n, strings.Join(FormatNames(), ", "))
		}
		if seen[f.Name] {
			return nil, fmt.Errorf("format %q is listed twice", f.Name)
		}
		seen[f.Name] = true
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format given (want one or more of %s)", strings.Join(FormatNames(), ", "))
	}
	return out, nil
}
