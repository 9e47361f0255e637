package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
)

// output is one opened destination for one format.
type output struct {
	format report.Format
	w      io.Writer
	file   *os.File // nil for standard output
	path   string
}

type outputs struct {
	list []output
	// table is where the table goes (standard output or its file).
	table io.Writer
	// stdout is the app's standard output, the default colour target.
	stdout io.Writer
}

// openOutputs decides where each format goes and opens it:
//   - no -o: exactly one format, to standard output;
//   - -o naming a directory (existing, or ending in /) or several formats:
//     each format to DIR/report.<ext>, the table to standard output;
//   - -o FILE with one format: that file.
//
// Errors (an unwritable path, several formats without a directory) carry
// ExitError.
func openOutputs(app *App, formats []report.Format, dest string) (*outputs, error) {
	o := &outputs{stdout: app.Stdout}
	if dest == "" {
		if len(formats) > 1 {
			return nil, withCode(ExitError, errors.New("several formats need -o DIR (a directory to write report.<format> files into)"))
		}
		o.list = []output{{format: formats[0], w: app.Stdout}}
		o.table = app.Stdout
		return o, nil
	}
	dirMode := len(formats) > 1 || strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, string(os.PathSeparator))
	if st, err := os.Stat(dest); err == nil && st.IsDir() {
		dirMode = true
	} else if err == nil && dirMode {
		return nil, withCode(ExitError, fmt.Errorf("-o %s: several formats need a directory, and this is a file", dest))
	}
	if !dirMode {
		fh, err := os.Create(dest)
		if err != nil {
			return nil, withCode(ExitError, fmt.Errorf("-o: cannot write the report: %w", err))
		}
		o.list = []output{{format: formats[0], w: fh, file: fh, path: dest}}
		o.table = fh
		return o, nil
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return nil, withCode(ExitError, fmt.Errorf("-o: cannot create the output directory: %w", err))
	}
	for _, f := range formats {
		if f.Stdout {
			o.list = append(o.list, output{format: f, w: app.Stdout})
			o.table = app.Stdout
			continue
		}
		p := filepath.Join(dest, f.FileName)
		fh, err := os.Create(p)
		if err != nil {
			o.closeAll()
			return nil, withCode(ExitError, fmt.Errorf("-o: cannot write the report: %w", err))
		}
		o.list = append(o.list, output{format: f, w: fh, file: fh, path: p})
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

// write renders every format, then closes the files (reporting close errors:
// a full disk shows up there).
func (o *outputs) write(rep *engine.Report, opts report.Options) error {
	for i := range o.list {
		out := &o.list[i]
		if err := out.format.Write(out.w, rep, opts); err != nil {
			return fmt.Errorf("%s: %w", out.format.Name, err)
		}
		if out.file != nil {
			err := out.file.Close()
			out.file = nil
			if err != nil {
				return fmt.Errorf("writing %s: %w", out.path, err)
			}
		}
	}
	return nil
}

func (o *outputs) closeAll() {
	for i := range o.list {
		if o.list[i].file != nil {
			o.list[i].file.Close()
			o.list[i].file = nil
		}
	}
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
