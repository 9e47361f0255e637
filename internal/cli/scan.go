package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/state"

	"github.com/shoulder-dev/shoulder/internal/store"
)

type scanFlags struct {
	src      sourceFlags
	pol      policyFlags
	format   string
	output   string
	failOn   string
	color    string
	all      bool
	checkIDs []string
	areas    []string
	services []string
	// framework, when set, judges the scan per control of that framework.
	framework string
	// asffRegion is the Security Hub region ASFF findings are imported into.
	asffRegion string
	cov        coverageFlags
	// statuses and severities filter the table's listing.
	statuses   []string
	severities []string
	// accts names several accounts (--accounts, --member-role).
	accts accountsFlags
	// org, in an organization run, carries what the management account's
	// read tells every member (set by scanAccounts; nil otherwise).
	org *orgRun
	// store is where the scan is recorded (--store, --no-store).
	store storeFlags
}

func (app *App) scanCmd() *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "Evaluate the checks against an account and report what is yours to fix",
		Long: `scan reads an account state (the demo, a snapshot, or live AWS), evaluates every
check, and reports pass, fail, unknown (with the reason), not_applicable,
waived and manual results, grouped by area and service.

The table opens with an overview (per area: failures, the critical and high
ones, unknown, waived, manual, passes; the worst failures), then lists what
needs attention (fail, unknown, waived, manual); --all adds passes, --status
and --severity list only the statuses and severities named (the overview and
the summary still count everything). Evidence wraps to the terminal's width
(COLUMNS, else the terminal's own, else 100 columns).

--format json writes every result with its check ID, status, severity,
resource ARN, region and message. Other formats: html (one
self-contained page with charts and filters), sarif, junit, csv, markdown,
asff (Security Hub) and ocsf (Compliance Finding); see docs/formats.md.

` + accountsHelp + `

scan with several accounts: with -o DIR each account's reports go to
DIR/ID/ and the read summary to DIR/accounts.json; without -o one table per
account goes to standard output. The exit code is 2 when no account could
be read.

--snapshot DIR reads a directory of account snapshots (what collect
--accounts -o DIR writes: DIR/ACCOUNT_ID.json and accounts.json) as one
organization: each account is loaded, evaluated and released before the
next, and one report covers them all. Every result names its account (and
its OU path where a management account's snapshot holds the OU tree); the
table opens with the accounts ranked by critical then high failures, then
lists each account by area. Accounts accounts.json lists as not read are
reported with the reason. Snapshots of different organizations, an account
twice, an empty directory or a file that is not an account snapshot: exit 2.

Exit codes: 0 nothing at or above --fail-on, 1 a failure at or above it (or
coverage below --min-coverage / --fail-on-unknown), 2 shoulder failed (bad
input, no credentials, nothing could be read, interrupted).

` + coverageHelp + `

Report files (-o) are written only once the scan is complete, each to a
temporary file renamed into place: a failed or interrupted scan leaves the
earlier reports as they were. The results of a large account are not all
held in memory: with --no-store, json and csv (alone or together) are
written while the checks run; table, json, csv, sarif, junit, asff and ocsf
are otherwise written, and the scan recorded, from a temporary file the
results wait in while the checks run. html, markdown and --framework need
the whole report first.

` + storeHelp + `
With --accounts, --org, --snapshot DIR or --demo-org each account's scan is
recorded, tied together by one run ID (report --run-id, diff --since run:ID).`,
		Example: `  shoulder scan --demo
  shoulder scan --snapshot prod.json --fail-on critical
  shoulder scan --demo --format json -o results.json
  shoulder scan --demo --format html -o report.html
  shoulder scan --demo --format table,html,sarif,junit -o out/
  shoulder scan --demo --area identity --area logging --all
  shoulder scan --demo --status fail --severity critical,high
  shoulder scan --demo --framework cis-5.0
  shoulder scan --snapshot prod.json --min-coverage 95
  shoulder scan --snapshot org/ --format table,json,html -o org-report/
  shoulder scan --demo-org
  shoulder scan --org --format json -o org/                 # every account of the organization
  shoulder scan --org --ous ou-ab12-cdef3456 --exclude-accounts 111122223333 --member-role ShoulderAudit -o org/
  shoulder scan --accounts 111122223333,444455556666 --account-concurrency 2`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.runScan(cmd, &f) },
	}
	f.src.register(cmd)
	f.src.registerDemoOrg(cmd)
	f.pol.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "table", "output `formats`, comma-separated: "+strings.Join(report.FormatNames(), ", ")+" (several need -o DIR)")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to `FILE`, or with several formats into a directory (report.html, report.sarif, ...; the table still goes to standard output)")
	fl.StringVar(&f.failOn, "fail-on", "high", "exit 1 when a failure has this severity or higher (info, low, medium, high, critical, or none)")
	fl.StringVar(&f.color, "color", "auto", "colour the table: auto (only on a terminal, honours NO_COLOR), always or never")
	fl.BoolVar(&f.all, "all", false, "list passing and not_applicable results in the table too")
	fl.StringSliceVar(&f.statuses, "status", nil, "table: list only results of these `statuses` (fail, unknown, waived, manual, pass, not_applicable; overrides --all)")
	fl.StringSliceVar(&f.severities, "severity", nil, "table: list only results of these `severities` (critical, high, medium, low, info)")
	fl.StringSliceVar(&f.checkIDs, "check", nil, "run only these check `IDs` (repeatable or comma-separated)")
	fl.StringSliceVar(&f.areas, "area", nil, "run only checks of these `areas`")
	fl.StringSliceVar(&f.services, "service", nil, "run only checks of these `services` (e.g. s3, ec2, iam)")
	fl.StringVar(&f.framework, "framework", "", "run the checks a `framework` names (cis-3.0, cis-5.0, cis-7.0, fsbp-1.0.0) and report per control")
	f.cov.register(cmd)
	f.accts.register(cmd)
	f.store.register(cmd, true)
	fl.StringVar(&f.asffRegion, "asff-region", "", "asff: the Security Hub `region` the findings are imported into (their ProductArn; default: the region with the most findings)")
	return cmd
}

// parseFailOn reads --fail-on; ok is false for "none".
func parseFailOn(s string) (check.Severity, bool, error) {
	if strings.EqualFold(s, "none") {
		return 0, false, nil
	}
	sev, err := check.ParseSeverity(s)
	if err != nil {
		return 0, false, withCode(ExitError, fmt.Errorf("--fail-on: %w (or none)", err))
	}
	return sev, true, nil
}

// selectChecks applies the --check, --area and --service filters.
func selectChecks(ids, areas, services []string) ([]check.Check, error) {
	all := checks.All()
	if len(ids) > 0 {
		sel, err := checks.Select(ids)
		if err != nil {
			return nil, withCode(ExitError, err)
		}
		all = sel
	}
	areaSet := map[check.Area]bool{}
	for _, a := range areas {
		ar, err := check.ParseArea(a)
		if err != nil {
			return nil, withCode(ExitError, fmt.Errorf("--area: %w", err))
		}
		areaSet[ar] = true
	}
	svcSet := map[string]bool{}
	known := map[string]bool{}
	for _, c := range all {
		known[c.Service] = true
	}
	for _, s := range services {
		if !known[s] {
			return nil, withCode(ExitError, fmt.Errorf("--service: no checks for service %q", s))
		}
		svcSet[s] = true
	}
	var out []check.Check
	for _, c := range all {
		if len(areaSet) > 0 && !areaSet[c.Area] {
			continue
		}
		if len(svcSet) > 0 && !svcSet[c.Service] {
			continue
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, withCode(ExitError, fmt.Errorf("the filters select no checks"))
	}
	return out, nil
}

func (app *App) useColor(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return app.Getenv("NO_COLOR") == "" && app.IsTTY(w), nil
	}
	return false, withCode(ExitError, fmt.Errorf("--color: %q is not auto, always or never", mode))
}

func (app *App) runScan(cmd *cobra.Command, f *scanFlags) error {
	failOn, failEnabled, err := parseFailOn(f.failOn)
	if err != nil {
		return err
	}
	if err := f.cov.validate(); err != nil {
		return err
	}
	formats, err := report.ParseFormats(f.format)
	if err != nil {
		return withCode(ExitError, fmt.Errorf("--format: %w", err))
	}
	filters, err := parseTableFilters(f.statuses, f.severities)
	if err != nil {
		return err
	}
	fscan, err := resolveFramework(f.framework)
	if err != nil {
		return err
	}
	if f.asffRegion != "" {
		if _, ok := regions.Lookup(f.asffRegion); !ok {
			return withCode(ExitError, fmt.Errorf("--asff-region: %q is not an AWS region shoulder knows (e.g. eu-west-1)", f.asffRegion))
		}
	}
	ids := f.checkIDs
	if fscan != nil && len(ids) == 0 {
		ids = fscan.ids
	}
	sel, err := selectChecks(ids, f.areas, f.services)
	if err != nil {
		return err
	}
	// Check the outputs before the scan, so a bad path fails fast; open
	// them only once the report exists, so a failed scan (a bad snapshot,
	// policy or credentials, an endpoint down) leaves earlier reports as
	// they were.
	targets, err := f.accts.plan(cmd.Context(), app, cmd, &f.src.live, f.src.demo || f.src.demoOrg, f.src.snapshot)
	if err != nil {
		return err
	}
	var plan *outputPlan
	if targets == nil { // several accounts: one output per account
		if plan, err = planOutputs(formats, f.output); err != nil {
			return err
		}
	}
	if _, err := app.useColor(f.color, nil); err != nil { // the mode only
		return err
	}
	dsn, err := f.store.resolve(app)
	if err != nil {
		return err
	}
	rec := &scanRecorder{dsn: dsn}
	defer rec.close()
	pol, err := f.pol.load(app, &f.src)
	if err != nil {
		return err
	}
	if targets == nil {
		org, err := f.src.orgSource(app)
		if err != nil {
			return err
		}
		if org != nil {
			return app.scanOrgDir(cmd.Context(), f, org, plan, sel, pol, formats, fscan, filters, failOn, failEnabled, rec)
		}
	}
	if targets != nil {
		rec.run = targets.run
		return app.scanAccounts(cmd.Context(), f, targets, sel, pol, formats, fscan, filters, failOn, failEnabled, rec)
	}
	var rep *engine.Report
	var kept *store.AccountContext
	switch {
	case fscan == nil && streamable(formats) && !rec.enabled():
		// Every format can be written as the checks run: no result is
		// held beyond the checks in flight. A recorded scan is not
		// streamed: the store is given every result.
		if rep, err = app.streamScan(cmd.Context(), f, plan, sel, pol); err != nil {
			return err
		}
	case fscan == nil && replayable(formats):
		// Every format can be written from results read back a check at
		// a time: they wait in a file, not in memory, while the state is
		// evaluated, and the state is let go before they are written and
		// recorded.
		if rep, err = app.spillScan(cmd.Context(), f, plan, sel, pol, formats, filters, rec); err != nil {
			return err
		}
	default:
		var opts report.Options
		var interrupted bool
		rep, opts, interrupted, kept, err = app.evaluateKeep(cmd.Context(), f, sel, pol, formats)
		if err != nil {
			return err
		}
		if err := app.writeScan(f, plan, rep, opts, sel, fscan, filters, interrupted); err != nil {
			return err
		}
		// Recorded once the reports are written: a store that fails
		// leaves them in place, and an interrupted scan (an error above)
		// is never recorded.
		if err := rec.record(cmd.Context(), app, rep, pol, kept); err != nil {
			return err
		}
	}
	if err := f.cov.judge(app.Stderr, rep.Coverage()); err != nil {
		return err
	}
	if failEnabled && rep.FailuresAtOrAbove(failOn) > 0 {
		return errFindings
	}
	return nil
}

// writeScan writes one account's report to the planned outputs. An
// interrupted scan writes to standard output only and returns an
// ExitError.
func (app *App) writeScan(f *scanFlags, plan *outputPlan, rep *engine.Report, opts report.Options, sel []check.Check, fscan *frameworkScan, filters tableFilters, interrupted bool) error {
	outs, err := plan.open(app)
	if err != nil {
		return err
	}
	defer outs.closeAll()
	if err := app.outputOptions(f, outs, filters, &opts); err != nil {
		return err
	}
	if fscan != nil {
		// --framework: the table and the JSON are the per-control view.
		for _, name := range []string{"table", "json"} {
			format := name
			outs.override(name, func(w io.Writer, r *engine.Report, o report.Options) error {
				return fscan.render(w, format, sel, r, o.Table)
			})
		}
	}
	var kept []string
	if interrupted {
		// The report covers only what was read: it goes to standard
		// output, but does not replace earlier report files.
		kept = outs.dropFiles()
	}
	if err := outs.write(rep, opts); err != nil {
		return withCode(ExitError, err)
	}
	if interrupted {
		// An interrupted scan is never a clean result.
		if len(kept) > 0 {
			return withCode(ExitError, fmt.Errorf("%w; %s not replaced", errInterrupted, strings.Join(kept, ", ")))
		}
		return withCode(ExitError, errInterrupted)
	}
	return nil
}

// outputOptions sets what the writers take from the flags: the table's
// colour (decided by where it goes), listing filters and width, and the
// ASFF region.
func (app *App) outputOptions(f *scanFlags, outs *outputs, filters tableFilters, opts *report.Options) error {
	color, err := app.useColor(f.color, outs.tableWriter())
	if err != nil {
		return err
	}
	opts.Table = report.TableOptions{Color: color, ShowAll: f.all}
	opts.Region = f.asffRegion
	filters.apply(&opts.Table, app.tableWidth(outs.tableWriter()))
	return nil
}

// replayable reports whether every format can be written from a finished
// report whose results come a batch at a time (report.Format.Replay).
func replayable(formats []report.Format) bool {
	for _, fm := range formats {
		if fm.Replay == nil {
			return false
		}
	}
	return len(formats) > 0
}

// streamable reports whether every format can be written while the
// checks run (report.Format.Stream).
func streamable(formats []report.Format) bool {
	for _, fm := range formats {
		if fm.Stream == nil {
			return false
		}
	}
	return len(formats) > 0
}

// loadForStream loads the account a streamed or spilled scan evaluates,
// with its policy and the report options (no results yet); interrupted
// is true when a live collection was stopped by Ctrl-C and acct holds
// what was read.
func (app *App) loadForStream(ctx context.Context, f *scanFlags, sel []check.Check, pol *policy.Policy) (acct *state.Account, _ *policy.Policy, opts report.Options, interrupted bool, err error) {
	acct, err = f.src.load(ctx, app)
	interrupted = errors.Is(err, errInterrupted)
	if err != nil && !interrupted {
		return nil, nil, opts, false, err
	}
	if pol, err = app.accountPolicy(pol, acct); err != nil {
		return nil, nil, opts, false, err
	}
	opts, err = reportOptions(sel, acct, nil, pol, false)
	return acct, pol, opts, interrupted, err
}

// streamScan loads the account and evaluates the checks with each finding
// written to the planned outputs as its check's turn comes (engine.Stream),
// so a report of millions of findings is never held whole. The files are
// replaced only once every format is written, as writeScan does; an
// interrupted scan writes to standard output only and returns an
// ExitError. The report returned holds no results, but its coverage and
// failure counts cover every finding written.
func (app *App) streamScan(ctx context.Context, f *scanFlags, plan *outputPlan, sel []check.Check, pol *policy.Policy) (*engine.Report, error) {
	acct, pol, opts, interrupted, err := app.loadForStream(ctx, f, sel, pol)
	if err != nil {
		return nil, err
	}
	outs, err := plan.open(app)
	if err != nil {
		return nil, err
	}
	defer outs.closeAll()
	var kept []string
	if interrupted {
		kept = outs.dropFiles()
	}
	rep, err := outs.stream(sel, acct, pol, opts)
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	if interrupted {
		if len(kept) > 0 {
			return nil, withCode(ExitError, fmt.Errorf("%w; %s not replaced", errInterrupted, strings.Join(kept, ", ")))
		}
		return nil, withCode(ExitError, errInterrupted)
	}
	return rep, nil
}

// spillScan loads the account and evaluates the checks with each check's
// findings written to a file as its turn comes (engine.Stream into
// engine.SpillSink) and digested for the writers (report.Digest). The
// state is then let go, and every format is written (report.Format.Replay)
// and the scan recorded (store.Recording) from the file a check at a
// time: the results are never all held, nor held beside the state. The
// bytes are those of the formats' whole-report writers. The files are
// replaced only once every format is written, as writeScan does; an
// interrupted scan writes to standard output only, is not recorded and
// returns an ExitError. The report returned holds no results, but its
// coverage and failure counts cover every result.
func (app *App) spillScan(ctx context.Context, f *scanFlags, plan *outputPlan, sel []check.Check, pol *policy.Policy, formats []report.Format, filters tableFilters, rec *scanRecorder) (*engine.Report, error) {
	acct, pol, opts, interrupted, err := app.loadForStream(ctx, f, sel, pol)
	if err != nil {
		return nil, err
	}
	var kept *store.AccountContext
	if rec.enabled() && !interrupted && acct != nil {
		if kept, err = reportview.Kept(acct, pol); err != nil {
			return nil, withCode(ExitError, err)
		}
	}
	tags := false
	for _, fm := range formats {
		tags = tags || fm.Tags
	}
	tmp, err := os.MkdirTemp("", "shoulder-results-")
	if err != nil {
		return nil, withCode(ExitError, fmt.Errorf("a temporary directory for the results: %w", err))
	}
	defer os.RemoveAll(tmp)
	path := filepath.Join(tmp, "results.gob")
	sp, err := engine.CreateSpill(path)
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	digest := report.NewDigest()
	rep, err := engine.Stream(sel, acct, pol, engine.SpillSink(sp, !tags, func(fs []engine.Finding) { digest.Add("", fs) }))
	if cerr := sp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	// The state is not needed any more: let it go (and the pages it
	// held) before the results are read back, and fit the default memory
	// limit to what is left.
	acct = nil
	app.returnFreedMemory()
	app.fitResultsMemoryLimit()
	app.tightenGC()

	outs, err := plan.open(app)
	if err != nil {
		return nil, err
	}
	defer outs.closeAll()
	if err := app.outputOptions(f, outs, filters, &opts); err != nil {
		return nil, err
	}
	var dropped []string
	var recording *store.Recording
	if interrupted {
		dropped = outs.dropFiles()
	} else {
		recording = rec.recording(app, rep, pol)
	}
	err = outs.replay(rep, opts, digest, func(fn func([]engine.Finding) error) error {
		return engine.ReadSpill(path, func(fs []engine.Finding) error {
			if recording != nil {
				recording.Add(fs)
			}
			return fn(fs)
		})
	})
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	if interrupted {
		if len(dropped) > 0 {
			return nil, withCode(ExitError, fmt.Errorf("%w; %s not replaced", errInterrupted, strings.Join(dropped, ", ")))
		}
		return nil, withCode(ExitError, errInterrupted)
	}
	// Recorded once the reports are written, as the held scan is.
	if recording != nil {
		if err := rec.recordScan(ctx, recording.Scan(), kept); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// evaluate loads the account, runs the checks and gathers what the chosen
// formats need besides the report. The account state is not returned: once
// the results exist the renderers need only the report and the options, so
// the state (the largest thing in memory besides the results) can be freed
// before rendering. For the same reason the views (framework status, duty
// matrix, data map) are computed only for a format that reads them, and the
// results keep their resources' tags only for a format that prints them.
// interrupted is true when a live collection was stopped by Ctrl-C: the
// report then covers what was read.
func (app *App) evaluate(ctx context.Context, f *scanFlags, sel []check.Check, pol *policy.Policy, formats []report.Format) (rep *engine.Report, opts report.Options, interrupted bool, err error) {
	rep, opts, interrupted, _, err = app.evaluateKeep(ctx, f, sel, pol, formats)
	return rep, opts, interrupted, err
}

// evaluateKeep is evaluate that also returns what a recorded scan keeps
// of the account besides its report (the services in use, the data map;
// nil for an interrupted read).
func (app *App) evaluateKeep(ctx context.Context, f *scanFlags, sel []check.Check, pol *policy.Policy, formats []report.Format) (rep *engine.Report, opts report.Options, interrupted bool, kept *store.AccountContext, err error) {
	acct, err := f.src.load(ctx, app)
	interrupted = errors.Is(err, errInterrupted)
	if err != nil && !interrupted {
		return nil, opts, false, nil, err
	}
	if f.org != nil && acct != nil {
		pol, err = f.org.prepare(app, pol, acct)
	} else {
		pol, err = app.accountPolicy(pol, acct)
	}
	if err != nil {
		return nil, opts, false, nil, err
	}
	rep = engine.Run(sel, acct, pol)
	views, tags := false, false
	for _, fm := range formats {
		views = views || fm.Views
		tags = tags || fm.Tags
	}
	if !tags {
		rep.DropTags()
	}
	opts, err = reportOptions(sel, acct, rep, pol, views)
	if err == nil && !interrupted && acct != nil {
		if kept, err = reportview.Kept(acct, pol); err != nil {
			err = withCode(ExitError, err)
		}
	}
	// The results can outweigh the state many times (18 findings per
	// bucket): fit the default limit again to what rendering holds, or the
	// collector would run over and over under a limit below the live heap.
	app.fitResultsMemoryLimit()
	return rep, opts, interrupted, kept, err
}
