package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/atomicfile"
	"github.com/shoulder-dev/shoulder/internal/diff"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/input"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

func (app *App) diffCmd() *cobra.Command {
	var format, output, failOn string
	var allowAccountChange bool
	var since string
	var src sourceFlags
	var pol policyFlags
	var sf storeFlags
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json | diff --since last|7d|SCAN_ID|run:RUN_ID [--demo | --demo-org | --snapshot FILE|DIR | live flags]",
		Short: "Compare two scan results: new failures, fixed, still failing, changed",
		Long: `diff reads two results written by ` + "`shoulder scan --format json`" + ` and reports, per
check and resource: new failures (fail now, not before), fixed (failed before,
now pass, not applicable or gone), still failing, no longer evaluated, and
other status changes (e.g. pass -> unknown when coverage was lost, fail ->
waived).

A failure is fixed only when the new scan evaluated it. A failure that became
unknown, or whose check or region the new scan did not cover (a narrower
--check, --area, --service, --regions or framework), is "no longer evaluated":
it is listed in its own section and counts like a failure for the exit code,
so a narrower or degraded scan cannot turn the gate green. Results of two
different accounts are refused unless --allow-account-change; then nothing of
the old account counts as fixed.

--since compares a scan run now (the same sources as scan: --demo, --snapshot
FILE, or live with --profile, --regions, ...) with a scan kept in the results
store (see ` + "`shoulder scan --help`" + `): last (the newest), an age such as 7d (the
newest recorded at least that long ago) or a scan ID (shoulder history lists
them). The stored side is rebuilt from the store (see ` + "`shoulder report --help`" + `);
the scan run now is not recorded.

--since run:ID compares with a whole run of several accounts (scan
--accounts/--org --run-id, possibly split with --shard i/n; scan --snapshot
DIR and --demo-org record one too), as report --run-id rebuilds it: only
once all its shards finished; otherwise it exits 2 naming the missing
shards. The scan run now is then an organization too when the source is one
(--snapshot DIR, --demo-org), else one account (the other accounts of the
run are reported as absent from this scan, their failures never fixed).

Exit codes: 0 no new failure and no failure no longer evaluated at or above
--fail-on, 1 one of them at or above it, 2 bad input (missing file, not a
shoulder result, newer schema, different accounts, unknown stored scan or
run, a run not finished, bad --since).`,
		Example: `  shoulder scan --snapshot yesterday.json --format json -o old.json
  shoulder scan --snapshot today.json --format json -o new.json
  shoulder diff old.json new.json
  shoulder diff old.json new.json --format markdown --fail-on critical > comment.md
  shoulder diff --since last --snapshot today.json
  shoulder diff --since 7d --profile prod --format markdown
  shoulder diff --since run:nightly-2026-12-06 --snapshot org-today/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if since != "" {
				if len(args) != 0 {
					return withCode(ExitError, fmt.Errorf("diff --since compares a scan run now with a stored one: it takes no files (got %d)", len(args)))
				}
				return nil
			}
			if len(args) != 2 {
				return withCode(ExitError, fmt.Errorf("diff needs two files, OLD.json and NEW.json (got %d)", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			min, enabled, err := parseFailOn(failOn)
			if err != nil {
				return err
			}
			var write func(io.Writer, *diff.Diff) error
			switch format {
			case "table":
				write = diff.Table
			case "json":
				write = diff.JSON
			case "markdown", "md":
				write = diff.Markdown
			default:
				return withCode(ExitError, fmt.Errorf("--format: %q is not table, json or markdown", format))
			}
			var old, cur *report.Result
			names := args
			if since != "" {
				if old, cur, names, err = app.diffSince(cmd, since, &sf, &src, &pol); err != nil {
					return err
				}
			} else {
				if old, err = app.readResult(args[0]); err != nil {
					return err
				}
				if cur, err = app.readResult(args[1]); err != nil {
					return err
				}
			}
			// An organization's result is compared per account (an account
			// missing from one side is reported, its failures never fixed):
			// the guard is for two single accounts.
			org := old.Report.IsOrg() || cur.Report.IsOrg()
			if o, n := old.Report.AccountID, cur.Report.AccountID; o != n && !allowAccountChange && !org {
				return withCode(ExitError, fmt.Errorf("%s is of account %s and %s of account %s: a diff of different accounts would call every old failure fixed; compare results of one account, or pass --allow-account-change (old failures are then \"no longer evaluated\", never fixed)",
					names[0], textsafe.Terminal(o), names[1], textsafe.Terminal(n)))
			}
			d := diff.Compare(old.Report, cur.Report)
			d.Old = side(names[0], old)
			d.New = side(names[1], cur)
			out := app.Stdout
			var af *atomicfile.File
			if output != "" {
				// Replaces an earlier diff only once written in full.
				if af, err = atomicfile.Create(output, reportPerm); err != nil {
					return withCode(ExitError, fmt.Errorf("-o: cannot write the diff: %w", err))
				}
				defer af.Abort()
				out = af
			}
			if err := write(out, d); err != nil {
				return withCode(ExitError, err)
			}
			if af != nil {
				if err := af.Commit(); err != nil {
					return withCode(ExitError, fmt.Errorf("writing %s: %w", output, err))
				}
			}
			if enabled && d.GateAtOrAbove(min) > 0 {
				return errFindings
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, json or markdown")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the diff to `FILE` instead of standard output")
	cmd.Flags().StringVar(&failOn, "fail-on", "high", "exit 1 when a new failure, or a failure no longer evaluated, has this severity or higher (info, low, medium, high, critical, or none)")
	cmd.Flags().BoolVar(&allowAccountChange, "allow-account-change", false, "compare results of two different accounts (old failures are then never fixed)")
	cmd.Flags().StringVar(&since, "since", "", "compare a scan run now with the stored scan `REF`: last, an age such as 7d, a scan ID, or run:RUN_ID (a finished run of several accounts)")
	src.register(cmd)
	src.registerDemoOrg(cmd)
	pol.register(cmd)
	sf.register(cmd, false)
	return cmd
}

// diffSince runs a scan now (every check, the scan's sources and policy)
// and rebuilds the stored scan ref names, for diff --since. It returns the
// two sides and how the diff names them.
func (app *App) diffSince(cmd *cobra.Command, ref string, sf *storeFlags, src *sourceFlags, pol *policyFlags) (old, cur *report.Result, names []string, err error) {
	ctx := cmd.Context()
	s, err := app.openNamedStore(ctx, sf)
	if err != nil {
		return nil, nil, nil, err
	}
	defer s.Close()
	var stored *engine.Report
	var storedName string
	if run, ok := strings.CutPrefix(ref, "run:"); ok {
		if stored, err = storedRun(ctx, s, "--since", ref, run); err != nil {
			return nil, nil, nil, err
		}
		storedName = "stored run " + run
	} else {
		id, err := resolveScanRef(ctx, s, "--since", ref)
		if err != nil {
			return nil, nil, nil, err
		}
		if stored, err = storedReport(ctx, s, id); err != nil {
			return nil, nil, nil, err
		}
		storedName = fmt.Sprintf("stored scan %d", id)
	}
	p, err := pol.load(app, src)
	if err != nil {
		return nil, nil, nil, err
	}
	sel, err := selectChecks(nil, nil, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	org, err := src.orgSource(app)
	if err != nil {
		return nil, nil, nil, err
	}
	if org != nil {
		now, err := app.combineOrg(org, func(a *state.Account) (*engine.Report, error) {
			ap, err := app.orgPolicy(org, p, a)
			if err != nil {
				return nil, err
			}
			r := engine.Run(sel, a, ap)
			r.DropTags()
			return r, nil
		})
		if err != nil {
			return nil, nil, nil, err
		}
		return &report.Result{Report: stored}, &report.Result{Report: now}, []string{storedName, "this scan"}, nil
	}
	acct, err := src.load(ctx, app)
	if err != nil {
		return nil, nil, nil, err
	}
	if p, err = app.accountPolicy(p, acct); err != nil {
		return nil, nil, nil, err
	}
	now := engine.Run(sel, acct, p)
	now.DropTags()
	return &report.Result{Report: stored}, &report.Result{Report: now}, []string{storedName, "this scan"}, nil
}

func (app *App) readResult(path string) (*report.Result, error) {
	limit, err := app.inputLimit()
	if err != nil {
		return nil, err
	}
	b, err := input.ReadFile(path, limit)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, withCode(ExitError, fmt.Errorf("%s does not exist", path))
		}
		return nil, withCode(ExitError, fmt.Errorf("reading %s: %w", path, err))
	}
	r, err := report.ReadJSON(path, b)
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	return r, nil
}

func side(path string, r *report.Result) diff.Side {
	return diff.Side{File: path, AccountID: r.Report.AccountID, EvaluatedAt: r.Report.EvaluatedAt.UTC().Format(time.RFC3339), Results: len(r.Report.Results)}
}
