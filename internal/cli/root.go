// Package cli wires shoulder's cobra commands. Every command writes to the
// streams of the app it is built with, so tests run the real CLI in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// Exit codes shared by every command.
const (
	ExitOK       = 0 // nothing at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitError    = 2 // shoulder itself failed: bad flags, bad input, no credentials
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=...".
var Version = "0.1.0-dev"

// App holds what commands need from the outside world.
type App struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	// IsTTY reports whether w is an interactive terminal.
	IsTTY func(w io.Writer) bool
	// Getenv reads the environment (tests pass their own).
	Getenv func(string) string
	// SetMemoryLimit applies the soft memory limit (runtime/debug's
	// SetMemoryLimit in the binary; nil in tests, which share one process).
	SetMemoryLimit func(int64) int64
	// memoryLimitDefault is true when the default limit was applied (no
	// --memory-limit, no GOMEMLIMIT): fitMemoryLimit may then raise it.
	memoryLimitDefault bool
}

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// withCode marks err with an exit code.
func withCode(code int, err error) error { return &exitError{code: code, err: err} }

// findings is the silent "exit 1" of a scan that found what --fail-on names.
var errFindings = &exitError{code: ExitFindings}

// NewApp returns an App bound to the process's streams.
func NewApp() *App {
	return &App{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, IsTTY: isTerminal, Getenv: os.Getenv,
		SetMemoryLimit: debug.SetMemoryLimit}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Run executes the CLI with args (without the program name) and returns the
// process exit code.
func (app *App) Run(ctx context.Context, args []string) int {
	root := app.rootCmd()
	root.SetArgs(args)
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	stopProfile := app.startHeapProfile(ctx)
	err := root.ExecuteContext(ctx)
	stopProfile()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(app.Stderr, "shoulder: %s\n", errorText(ee.err))
		}
		return ee.code
	}
	// cobra's own errors (unknown flag, bad args) and every unmarked error are
	// failures of the tool, not findings.
	fmt.Fprintf(app.Stderr, "shoulder: %s\n", errorText(err))
	return ExitError
}

// errorText is an error message for the terminal: messages may quote the
// account's text (a name in a snapshot, an API error), so each line is
// shown with textsafe.Terminal; the lines of a multi-line message (a
// policy file's list of problems) stay lines.
func errorText(err error) string {
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		lines[i] = textsafe.Terminal(l)
	}
	return strings.Join(lines, "\n")
}

func (app *App) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "shoulder",
		Short: "Check the customer's half of the AWS shared responsibility model",
		Long: `shoulder checks the duties the AWS shared responsibility model leaves to you:
identity and MFA, patching, encryption at rest and in transit, sole control of
keys, private-by-default access, firewalls/VPC/VPN, logging, backup, and where
your data lives. It reads an account (live, a saved snapshot, or the embedded
demo), evaluates checks, and says for each duty: pass, fail, or unknown with
the reason. Unknown is never reported as pass.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or
coverage below --min-coverage / --fail-on-unknown), 2 shoulder itself failed
(bad flags, bad input, no credentials, nothing could be read, interrupted).`,
		Example: `  shoulder scan --demo                  # scan the embedded demo account
  shoulder collect --demo -o demo.json  # save the demo as a snapshot to try --snapshot and diff on
  shoulder scan --snapshot state.json   # scan a saved state
  shoulder scan --demo --format json    # machine-readable results`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionLine(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return withCode(ExitError, fmt.Errorf("%w (see `%s --help`)", err, c.CommandPath()))
	})
	app.registerMemoryLimit(root)
	for _, add := range app.commands() {
		root.AddCommand(add())
	}
	return root
}

// commands lists the subcommand constructors. Each lives in its own file.
func (app *App) commands() []func() *cobra.Command {
	return []func() *cobra.Command{
		app.versionCmd,
		app.scanCmd,
		app.checksCmd,
		app.diffCmd,
		app.initCmd,
		app.matrixCmd,
		app.datamapCmd,
		app.frameworksCmd,
		app.collectCmd,
		app.permissionsCmd,
		app.storeCmd,
		app.serveCmd,
		app.historyCmd,
		app.findingsCmd,
		app.reportCmd,
	}
}

func (app *App) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print shoulder's version, module version and commit (also --version)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(app.Stdout, versionLine())
			return err
		},
	}
}

// versionLine is what `shoulder --version` and `shoulder version` print.
func versionLine() string {
	info, _ := debug.ReadBuildInfo()
	return describeVersion(Version, info)
}

// describeVersion renders the release version with what the Go toolchain
// stamped into the binary: the module version (a tag with `go install
// ...@vX`, "(devel)" for a local build) and the VCS commit, its time, and
// whether the tree had uncommitted changes.
func describeVersion(version string, info *debug.BuildInfo) string {
	s := "shoulder " + version
	if info == nil {
		return s + " (no build information)"
	}
	mod := info.Main.Version
	if mod == "" {
		mod = "unknown"
	}
	var commit, when string
	modified := false
	for _, kv := range info.Settings {
		switch kv.Key {
		case "vcs.revision":
			commit = kv.Value
		case "vcs.time":
			when = kv.Value
		case "vcs.modified":
			modified = kv.Value == "true"
		}
	}
	if commit == "" {
		commit = "unknown"
	} else if len(commit) > 12 {
		commit = commit[:12]
	}
	if when != "" {
		commit += " of " + when
	}
	if modified {
		commit += ", with uncommitted changes"
	}
	return fmt.Sprintf("%s (module %s %s, commit %s, %s)", s, info.Main.Path, mod, commit, info.GoVersion)
}
