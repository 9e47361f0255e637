package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/atomicfile"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/responsibility"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// viewFlags are what the matrix and datamap views share: where the account
// comes from, the policy, and how to write the view.
type viewFlags struct {
	src    sourceFlags
	pol    policyFlags
	format string
	output string
	color  string
	// store records the single-account view's scan (issue #13: matrix and
	// datamap share scan's results), unless --no-store.
	store storeFlags
}

func (v *viewFlags) register(cmd *cobra.Command) {
	v.src.register(cmd)
	v.src.registerDemoOrg(cmd)
	v.pol.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&v.format, "format", "table", "output format: table or json")
	fl.StringVarP(&v.output, "output", "o", "", "write to `FILE` instead of standard output")
	fl.StringVar(&v.color, "color", "auto", "colour the table: auto (only on a terminal, honours NO_COLOR), always or never")
	v.store.register(cmd, true)
}

// view is what a view command works on once its flags are read.
type view struct {
	// acct is the account; nil when the source is an organization's
	// directory of snapshots (org), whose accounts are loaded one at a time.
	acct *state.Account
	org  *orgDir
	pol  *policy.Policy
	// dsn is the store the view's scan is recorded in ("" with --no-store).
	dsn string
	// run records an organization's accounts (nil for one account or
	// without a store).
	run   *viewRun
	out   io.Writer
	color bool
	// close completes the --output file, or drops it when failed (a no-op
	// for standard output).
	close func(failed bool) error
}

// open validates the flags, loads the policy and the account, and opens
// the output. The caller must call close when done. Errors carry ExitError.
func (v *viewFlags) open(cmd *cobra.Command, app *App) (*view, error) {
	if v.format != "table" && v.format != "json" {
		return nil, withCode(ExitError, fmt.Errorf("--format: %q is not table or json", v.format))
	}
	dsn, err := v.store.resolve(app)
	if err != nil {
		return nil, err
	}
	pol, err := v.pol.load(app, &v.src)
	if err != nil {
		return nil, err
	}
	var acct *state.Account
	var org *orgDir
	if org, err = v.src.orgSource(app); err == nil && org == nil {
		acct, err = v.src.load(cmd.Context(), app)
	}
	if err != nil {
		return nil, err
	}
	if pol, err = app.accountPolicy(pol, acct); err != nil {
		return nil, err
	}
	vw := &view{acct: acct, org: org, pol: pol, dsn: dsn, out: app.Stdout, close: func(bool) error { return nil }}
	if org != nil && dsn != "" {
		vw.run = &viewRun{rec: &scanRecorder{dsn: dsn, run: engine.RunInfo{ID: newRunID(time.Now()), Shards: 1}}}
	}
	colorTarget := app.Stdout
	if v.output != "" {
		// The account is read: now the output. It replaces the file only
		// when complete (see finish).
		af, err := atomicfile.Create(v.output, reportPerm)
		if err != nil {
			return nil, withCode(ExitError, fmt.Errorf("--output: %w", err))
		}
		vw.out, colorTarget = af, af.File()
		vw.close = func(failed bool) error {
			if failed {
				af.Abort()
				return nil
			}
			if err := af.Commit(); err != nil {
				return withCode(ExitError, fmt.Errorf("--output: writing %s: %w", v.output, err))
			}
			return nil
		}
	}
	if vw.color, err = app.useColor(v.color, colorTarget); err != nil {
		vw.close(true)
		return nil, err
	}
	return vw, nil
}

// record stores the scan behind a single account's view (rep: every
// check over the account) with what the dashboard keeps of the account,
// as scan records it; after the view is written, so a store that fails
// leaves it in place (exit 2). An organization's view records each account
// as it is evaluated (viewRun).
func (vw *view) record(ctx context.Context, app *App, rep *engine.Report) error {
	if vw.acct == nil || vw.dsn == "" {
		return nil
	}
	kept, err := reportview.Kept(vw.acct, vw.pol)
	if err != nil {
		return withCode(ExitError, err)
	}
	rec := &scanRecorder{dsn: vw.dsn}
	defer rec.close()
	return rec.record(ctx, app, rep, vw.pol, kept)
}

// viewRun records the accounts of an organization's view (--snapshot DIR,
// --demo-org) as scan records them (scanOrgDir): each account's scan as it
// is evaluated, all under one run ID of one shard, marked finished once the
// view is written. The first store error stops the recording; it is
// reported (exit 2) after the view is written, and the run is then not
// finished.
type viewRun struct {
	rec *scanRecorder
	err error
	n   int
}

// add records one account's scan (rep: every check over a, under its
// policy ap).
func (r *viewRun) add(ctx context.Context, app *App, a *state.Account, ap *policy.Policy, rep *engine.Report) {
	if r == nil || r.err != nil {
		return
	}
	kept, err := reportview.Kept(a, ap)
	if err != nil {
		r.err = withCode(ExitError, err)
		return
	}
	if r.err = r.rec.record(ctx, app, rep, ap, kept); r.err == nil {
		r.n++
	}
}

// endRun ends an organization view's recording once the view was written
// (viewErr nil): the run is marked finished and named on standard error.
func (vw *view) endRun(ctx context.Context, app *App, viewErr error) error {
	r := vw.run
	if r == nil || viewErr != nil {
		return viewErr
	}
	if r.err == nil {
		if r.err = r.rec.finish(ctx, r.rec.run); r.err == nil {
			fmt.Fprintf(app.Stderr, "shoulder: recorded %d accounts as run %s (shoulder report --run-id %s)\n", r.n, r.rec.run.ID, r.rec.run.ID)
		}
	}
	return r.err
}

// closeRun closes the store an organization view recorded in.
func (vw *view) closeRun() {
	if vw.run != nil {
		vw.run.rec.close()
	}
}

// finish completes the output (an earlier --output file is replaced only
// when the view was written in full) and marks a write error as a failure
// of the tool.
func (vw *view) finish(err error) error {
	if cerr := vw.close(err != nil); err == nil {
		err = cerr
	}
	if err != nil {
		return withCode(ExitError, err)
	}
	return nil
}

func (app *App) matrixCmd() *cobra.Command {
	var v viewFlags
	var all bool
	cmd := &cobra.Command{
		Use:   "matrix",
		Short: "Show, per service you use, which duties are AWS's and which are yours, and whether you meet yours",
		Long: `matrix joins shoulder's responsibility catalog with a scan of the account. For
every service the account uses (a service is in use when the account has
resources of it; IAM and CloudTrail always are), it lists the customer's duties
with their status:

  met            every resource the duty's checks evaluated passes (waived
                 failures count as met: a risk accepted explicitly)
  partly N/M     N of M evaluated resources meet the duty
  NOT MET        no evaluated resource meets it
  unknown        nothing fails, but some resources could not be evaluated
  manual         no API decides it: the guidance says what to verify
  n/a            the duty's checks found nothing to apply to

with the worst severity among its failures (after policy overrides and data
sensitivity) and the number of resources behind it. What AWS carries for each
service follows as a dimmed section: context, never something to fix.

The policy is read as for scan (--config, ./shoulder.yaml, or the demo's own).
--format json is documented in docs/matrix-json.md. The exit code is 0 unless
shoulder itself fails (2): use scan --fail-on to gate on findings.

Like scan, a view of one account is recorded in the results store (every
check's results, the services in use and the data map, for shoulder serve's
account page; --store, --no-store, SHOULDER_STORE as for scan), after the view
is written. An organization's view (--snapshot DIR, --demo-org) records each
account's scan under one run ID, as scan does (shoulder report --run-id ID).`,
		Example: `  shoulder matrix --demo
  shoulder matrix --snapshot prod.json --format json -o matrix.json
  shoulder matrix --demo --all-services
  shoulder matrix --snapshot org/   # per service, how many accounts meet each duty`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, err := responsibility.Load()
			if err != nil {
				return withCode(ExitError, err)
			}
			vw, err := v.open(cmd, app)
			if err != nil {
				return err
			}
			defer vw.closeRun()
			if vw.org != nil {
				om, err := app.orgMatrix(cmd.Context(), vw, cat)
				if err != nil {
					vw.close(true)
					return err
				}
				if v.format == "json" {
					err = vw.finish(responsibility.OrgJSON(vw.out, om, Version))
				} else {
					err = vw.finish(responsibility.OrgTable(vw.out, om, responsibility.TableOptions{Color: vw.color}))
				}
				return vw.endRun(cmd.Context(), app, err)
			}
			rep := engine.Run(checks.All(), vw.acct, vw.pol)
			m := responsibility.Build(cat, vw.acct, rep, responsibility.Options{AllServices: all})
			if v.format == "json" {
				err = vw.finish(responsibility.JSON(vw.out, m, Version))
			} else {
				err = vw.finish(responsibility.Table(vw.out, m, responsibility.TableOptions{Color: vw.color}))
			}
			if err != nil {
				return err
			}
			return vw.record(cmd.Context(), app, rep)
		},
	}
	v.register(cmd)
	cmd.Flags().BoolVar(&all, "all-services", false, "include the catalog's services the account does not use")
	return cmd
}
