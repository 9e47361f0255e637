package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/atomicfile"
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// reportPerm is the mode of a new report file before the umask: reports
// follow the umask like any file a command writes. (Snapshots, which hold
// every policy of the account, are 0600: see state.SaveSnapshot.)
const reportPerm = 0o666

// output is one destination for one format.
type output struct {
	format report.Format
	w      io.Writer
	file   *atomicfile.File // nil for standard output
	path   string
}

type outputs struct {
	list []output
	// table is where the table goes (standard output or its file).
	table io.Writer
	// stdout is the app's standard output, the default colour target.
	stdout io.Writer
}

// outputPlan is where each format will go, decided from the flags before
// the account is read (so a bad -o fails fast) but opened only once the
// report exists (so a failed run touches no file).
type outputPlan struct {
	formats []report.Format
	dest    string
	dirMode bool
}

// planOutputs decides where each format goes:
//   - no -o: exactly one format, to standard output;
//   - -o naming a directory (existing, or ending in /) or several formats:
//     each format to DIR/report.<ext>, the table to standard output;
//   - -o FILE with one format: that file, whose directory must exist.
//
// Nothing is created or truncated here. Errors (several formats without a
// directory, a file where a directory is needed, a missing directory)
// carry ExitError.
func planOutputs(formats []report.Format, dest string) (*outputPlan, error) {
	p := &outputPlan{formats: formats, dest: dest}
	if dest == "" {
		if len(formats) > 1 {
			return nil, withCode(ExitError, errors.New("several formats need -o DIR (a directory to write report.<format> files into)"))
		}
		return p, nil
	}
	p.dirMode = len(formats) > 1 || strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, string(os.PathSeparator))
	if st, err := os.Stat(dest); err == nil && st.IsDir() {
		p.dirMode = true
	} else if err == nil && p.dirMode {
		return nil, withCode(ExitError, fmt.Errorf("-o %s: several formats need a directory, and this is a file", dest))
	}
	if !p.dirMode {
		if st, err := os.Stat(filepath.Dir(dest)); err != nil || !st.IsDir() {
			return nil, withCode(ExitError, fmt.Errorf("-o: cannot write the report: the directory of %s does not exist", dest))
		}
	}
	return p, nil
}

// open opens every destination: a file is written to a temporary file next
// to it and replaces it only when write succeeds for every format.
func (p *outputPlan) open(app *App) (*outputs, error) {
	o := &outputs{stdout: app.Stdout}
	if p.dest == "" {
		o.list = []output{{format: p.formats[0], w: app.Stdout}}
		o.table = app.Stdout
		return o, nil
	}
	if !p.dirMode {
		af, err := atomicfile.Create(p.dest, reportPerm)
		if err != nil {
			return nil, withCode(ExitError, fmt.Errorf("-o: cannot write the report: %w", err))
		}
		o.list = []output{{format: p.formats[0], w: af, file: af, path: p.dest}}
		o.table = af.File()
		return o, nil
	}
	if err := os.MkdirAll(p.dest, 0o755); err != nil {
		return nil, withCode(ExitError, fmt.Errorf("-o: cannot create the output directory: %w", err))
	}
	for _, f := range p.formats {
		if f.Stdout {
			o.list = append(o.list, output{format: f, w: app.Stdout})
			o.table = app.Stdout
			continue
		}
		path := filepath.Join(p.dest, f.FileName)
		af, err := atomicfile.Create(path, reportPerm)
		if err != nil {
			o.closeAll()
			return nil, withCode(ExitError, fmt.Errorf("-o: cannot write the report: %w", err))
		}
		o.list = append(o.list, output{format: f, w: af, file: af, path: path})
	}
	return o, nil
}

// tableWriter is the writer colour detection looks at.
func (o *outputs) tableWriter() io.Writer {
	if o.table != nil {
		return o.table
	}
	return o.stdout
}

// write renders every format, then replaces the files all together: when
// one format fails to render or to be written (a full disk shows up at
// the latest when the file is synced), no file is replaced and the earlier
// reports stay as they were.
func (o *outputs) write(rep *engine.Report, opts report.Options) error {
	for i := range o.list {
		out := &o.list[i]
		if err := out.format.Write(out.w, rep, opts); err != nil {
			o.closeAll()
			return out.failed(err)
		}
	}
	return o.commit()
}

// failed wraps an error of rendering or writing the output.
func (out *output) failed(err error) error {
	if out.path != "" {
		return fmt.Errorf("%s: writing %s: %w", out.format.Name, out.path, err)
	}
	return fmt.Errorf("%s: %w", out.format.Name, err)
}

// stream evaluates the checks with every output's streaming writer
// (report.Format.Stream) as the sink, then replaces the files all
// together, as write does. Every format must stream.
func (o *outputs) stream(sel []check.Check, acct *state.Account, pol *policy.Policy, opts report.Options) (*engine.Report, error) {
	sinks := make(multiSink, len(o.list))
	for i := range o.list {
		out := &o.list[i]
		if out.format.Stream == nil {
			return nil, fmt.Errorf("internal error: format %s cannot stream", out.format.Name)
		}
		sinks[i] = sinkOf{out: out, sink: out.format.Stream(out.w, opts)}
	}
	rep, err := engine.Stream(sel, acct, pol, sinks)
	if err != nil {
		o.closeAll()
		return nil, err
	}
	return rep, o.commit()
}

// replay writes a finished report whose results are not held but passed,
// a batch at a time, by results (a spilled combined report,
// engine.Combiner.ReplayResults), through every format's replaying writer
// (report.Format.Replay; d digests every result): the bytes the
// whole-report writers produce for the report with those results.
func (o *outputs) replay(rep *engine.Report, opts report.Options, d *report.Digest, results func(func([]engine.Finding) error) error) error {
	sinks := make(multiSink, len(o.list))
	for i := range o.list {
		out := &o.list[i]
		if out.format.Replay == nil {
			return fmt.Errorf("internal error: format %s cannot be replayed", out.format.Name)
		}
		sinks[i] = sinkOf{out: out, sink: out.format.Replay(out.w, opts, d)}
	}
	err := sinks.Start(rep)
	if err == nil {
		err = results(func(fs []engine.Finding) error { return sinks.Findings(nil, fs) })
	}
	if err == nil {
		err = sinks.End(rep)
	}
	if err != nil {
		o.closeAll()
		return err
	}
	return o.commit()
}

// sinkOf is one output's streaming writer.
type sinkOf struct {
	out  *output
	sink engine.Sink
}

// multiSink passes the stream to every output, naming the output in an
// error.
type multiSink []sinkOf

func (m multiSink) Start(r *engine.Report) error {
	for _, s := range m {
		if err := s.sink.Start(r); err != nil {
			return s.out.failed(err)
		}
	}
	return nil
}

func (m multiSink) Findings(c *check.Check, fs []engine.Finding) error {
	for _, s := range m {
		if err := s.sink.Findings(c, fs); err != nil {
			return s.out.failed(err)
		}
	}
	return nil
}

func (m multiSink) End(r *engine.Report) error {
	for _, s := range m {
		if err := s.sink.End(r); err != nil {
			return s.out.failed(err)
		}
	}
	return nil
}

// commit replaces every file written; on a failure none is.
func (o *outputs) commit() error {
	for i := range o.list {
		out := &o.list[i]
		if out.file == nil {
			continue
		}
		err := out.file.Commit()
		out.file = nil
		if err != nil {
			o.closeAll()
			return fmt.Errorf("writing %s: %w", out.path, err)
		}
	}
	return nil
}

// closeAll drops every file not yet committed; their destinations keep
// their old content.
func (o *outputs) closeAll() {
	for i := range o.list {
		if o.list[i].file != nil {
			o.list[i].file.Abort()
			o.list[i].file = nil
		}
	}
}

// dropFiles abandons every file output (their destinations keep their
// old content) and returns their paths; outputs to standard output stay.
func (o *outputs) dropFiles() []string {
	var paths []string
	kept := o.list[:0]
	for _, out := range o.list {
		if out.file == nil {
			kept = append(kept, out)
			continue
		}
		out.file.Abort()
		paths = append(paths, out.path)
	}
	o.list = kept
	return paths
}

// override replaces the renderer of the named format, if it is among the
// outputs (scan --framework renders its per-control view as table and JSON).
func (o *outputs) override(name string, write func(io.Writer, *engine.Report, report.Options) error) {
	for i := range o.list {
		if o.list[i].format.Name == name {
			o.list[i].format.Write = write
		}
	}
}
