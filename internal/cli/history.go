package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/findfilter"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/store"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// openNamedStore resolves --store and opens it.
func (app *App) openNamedStore(ctx context.Context, sf *storeFlags) (*store.Store, error) {
	dsn, err := sf.resolve(app)
	if err != nil {
		return nil, err
	}
	return openStore(ctx, dsn)
}

// resolveScanRef turns --since/--scan (last, an age such as 7d, or a scan
// ID) into a stored scan's ID; a malformed or unknown reference exits 2.
func resolveScanRef(ctx context.Context, s *store.Store, flag, ref string) (int64, error) {
	var age time.Duration
	if ref != "last" && (strings.HasSuffix(ref, "d") || strings.HasSuffix(ref, "w") || strings.HasSuffix(ref, "h") || strings.HasSuffix(ref, "m")) {
		var err error
		if age, err = parseAge(ref); err != nil {
			return 0, withCode(ExitError, fmt.Errorf("%s: %w", flag, err))
		}
	}
	id, err := s.ResolveScan(ctx, ref, age, time.Now())
	if err != nil {
		return 0, withCode(ExitError, fmt.Errorf("%s: %w", flag, err))
	}
	return id, nil
}

// storedReport rebuilds a stored scan's report.
func storedReport(ctx context.Context, s *store.Store, id int64) (*engine.Report, error) {
	rep, err := s.ScanReport(ctx, id, checks.ByID())
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	return rep, nil
}

func (app *App) historyCmd() *cobra.Command {
	var sf storeFlags
	var format, since string
	var limit int
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Recent scans, failure trends, mean time to resolve, accounts that regressed",
		Long: `history reads the results store (see ` + "`shoulder scan --help`" + `) and shows:
the most recent scans (--limit); the failing results of each stored scan per
severity, area and account (--since bounds how far back, e.g. 30d); the mean
time to resolve a failure per severity (from when a finding last started
failing to the scan that no longer saw it failing); and the accounts whose
failures grew between the last two scans of each; and the runs of several
accounts among the recent scans (scan --run-id, --shard i/n): finished when
all n shards have recorded, else the shard indexes still missing.

--format json writes all of it as one object. Exit codes: 0, or 2 on bad
input (bad --since, unreachable store).`,
		Example: `  shoulder history
  shoulder history --since 30d --format json
  shoulder history --store postgres://shoulder@db/shoulder --limit 5`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return withCode(ExitError, fmt.Errorf("--format: %q is not table or json", format))
			}
			var from time.Time
			if since != "" {
				age, err := parseAge(since)
				if err != nil {
					return withCode(ExitError, fmt.Errorf("--since: %w", err))
				}
				from = time.Now().Add(-age)
			}
			ctx := cmd.Context()
			s, err := app.openNamedStore(ctx, &sf)
			if err != nil {
				return err
			}
			defer s.Close()
			h, err := readHistory(ctx, s, limit, from)
			if err != nil {
				return withCode(ExitError, err)
			}
			if format == "json" {
				enc := json.NewEncoder(app.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(h)
			}
			return h.table(app.Stdout)
		},
	}
	sf.register(cmd, false)
	cmd.Flags().StringVar(&format, "format", "table", "output `format`: table or json")
	cmd.Flags().StringVar(&since, "since", "", "trends over the scans of this `age` (30d, 8w, 36h; default: every stored scan)")
	cmd.Flags().IntVar(&limit, "limit", 10, "list this many recent scans (0: all)")
	return cmd
}

// history is what `shoulder history` shows.
type history struct {
	Scans   []historyScan       `json:"scans"`
	Trends  []store.TrendPoint  `json:"trends"`
	MTTR    []historyResolution `json:"mean_time_to_resolve"`
	Regress []store.Growth      `json:"accounts_grown"`
	// Runs are the runs of the recent scans: which of their shards
	// finished and which are missing.
	Runs []store.RunState `json:"runs"`
}

type historyScan struct {
	ID         int64     `json:"id"`
	RecordedAt time.Time `json:"recorded_at"`
	Who        string    `json:"who"`
	Source     string    `json:"source"`
	Accounts   string    `json:"accounts"`
	Version    string    `json:"version"`
	Results    int64     `json:"results"`
	Applicable int64     `json:"applicable"`
	Evaluated  int64     `json:"evaluated"`
	RunID      string    `json:"run_id,omitempty"`
}

type historyResolution struct {
	Severity string  `json:"severity"`
	Resolved int64   `json:"resolved"`
	MeanDays float64 `json:"mean_days"`
}

func readHistory(ctx context.Context, s *store.Store, limit int, from time.Time) (*history, error) {
	scans, err := s.RecentScans(ctx, limit)
	if err != nil {
		return nil, err
	}
	trends, err := s.Trends(ctx, from)
	if err != nil {
		return nil, err
	}
	mttr, err := s.MeanTimeToResolve(ctx)
	if err != nil {
		return nil, err
	}
	h := &history{Scans: []historyScan{}, Trends: trends, MTTR: []historyResolution{}, Regress: store.Grown(trends),
		Runs: []store.RunState{}}
	if h.Trends == nil {
		h.Trends = []store.TrendPoint{}
	}
	if h.Regress == nil {
		h.Regress = []store.Growth{}
	}
	for _, r := range scans {
		h.Scans = append(h.Scans, historyScan{ID: r.ID, RecordedAt: r.RecordedAt, Who: r.Who, Source: r.Source,
			Accounts: r.Accounts, Version: r.Version, Results: r.Results, Applicable: r.Applicable,
			Evaluated: r.Evaluated, RunID: r.RunID})
	}
	seen := map[string]bool{}
	for _, r := range scans {
		if r.RunID == "" || seen[r.RunID] {
			continue
		}
		seen[r.RunID] = true
		st, err := s.Run(ctx, r.RunID)
		if err != nil {
			return nil, err
		}
		h.Runs = append(h.Runs, st)
	}
	for _, m := range mttr {
		h.MTTR = append(h.MTTR, historyResolution{Severity: m.Severity, Resolved: m.Resolved,
			MeanDays: float64(m.Mean.Round(time.Minute)) / float64(24*time.Hour)})
	}
	return h, nil
}

func (h *history) table(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RECENT SCANS")
	fmt.Fprintln(tw, "ID\tRECORDED\tACCOUNTS\tSOURCE\tRESULTS\tCOVERAGE\tWHO")
	for _, s := range h.Scans {
		cov := "-"
		if s.Applicable > 0 {
			cov = fmt.Sprintf("%.0f%%", 100*float64(s.Evaluated)/float64(s.Applicable))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\n", s.ID, s.RecordedAt.Format(time.RFC3339),
			textsafe.Terminal(s.Accounts), textsafe.Terminal(s.Source), s.Results, cov, textsafe.Terminal(s.Who))
	}
	if len(h.Scans) == 0 {
		fmt.Fprintln(tw, "(no scans stored yet: run shoulder scan)")
	}
	if len(h.Runs) > 0 {
		fmt.Fprintln(tw)
		fmt.Fprintln(tw, "RUNS OF THESE SCANS")
		fmt.Fprintln(tw, "RUN\tSHARDS\tSCANS\tSTATE")
		for _, r := range h.Runs {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", textsafe.Terminal(r.ID), r.Shards, len(r.Scans), r.Describe())
		}
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "FAILING RESULTS PER SCAN")
	sevs := []string{"critical", "high", "medium", "low", "info"}
	fmt.Fprintln(tw, "SCAN\tRECORDED\tFAILING\t"+strings.ToUpper(strings.Join(sevs, "\t"))+"\tTOP AREA")
	for _, p := range h.Trends {
		row := []string{fmt.Sprint(p.ScanID), p.RecordedAt.Format(time.DateOnly), fmt.Sprint(p.Failing)}
		for _, sv := range sevs {
			row = append(row, fmt.Sprint(p.BySeverity[sv]))
		}
		row = append(row, topArea(p.ByArea))
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "MEAN TIME TO RESOLVE")
	fmt.Fprintln(tw, "SEVERITY\tRESOLVED\tMEAN")
	for _, m := range h.MTTR {
		fmt.Fprintf(tw, "%s\t%d\t%.1f days\n", m.Severity, m.Resolved, m.MeanDays)
	}
	if len(h.MTTR) == 0 {
		fmt.Fprintln(tw, "(no failure resolved yet)")
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "ACCOUNTS WHOSE FAILURES GREW (last two scans of each)")
	fmt.Fprintln(tw, "ACCOUNT\tFROM SCAN\tTO SCAN\tFAILING\tGREW BY")
	for _, g := range h.Regress {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d -> %d\t+%d\n", textsafe.Terminal(g.Account), g.FromScan, g.ToScan, g.From, g.To, g.Difference)
	}
	if len(h.Regress) == 0 {
		fmt.Fprintln(tw, "(none)")
	}
	return tw.Flush()
}

func topArea(m map[string]int) string {
	best, n := "-", 0
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if m[k] > n {
			best, n = k, m[k]
		}
	}
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%s (%d)", best, n)
}

func (app *App) findingsCmd() *cobra.Command {
	var sf storeFlags
	var format string
	var sp findfilter.Spec
	var limit int
	cmd := &cobra.Command{
		Use:   "findings",
		Short: "Query the stored findings (their lifecycles) across scans",
		Long: `findings lists the findings the results store keeps, one per (check, account,
region, resource), with their current state, when they were first and last
seen, since when they fail and when they were resolved.

Filters (repeatable or comma-separated; each must match; the dashboard's
explorer takes the same ones in its URL):
  --status    fail, unknown, waived, manual, pass, not_applicable, gone (no
              longer reported) or open (failing: a fail, or a failure under a
              waiver); none: every finding, present or gone
  --severity  critical, high, medium, low, info
  --area, --service, --check   the checks of these areas, services, IDs
  --control   framework controls, FRAMEWORK:CONTROL (fsbp:S3.1,
              cis-v7.0:2.1.1, cis-5.0:1.4): the checks that evidence them
  --account   account IDs
  --ou        OU names or paths (Workloads, Root/Workloads/Prod): the accounts
              recorded in that OU or below it
  --since/--before  when a finding was first seen: an age such as 7d, or a
              date 2026-01-31
--sort severity (most severe first), first_seen (oldest first), account or
check; ties are broken by account, check, region and resource.

--format table, json or csv. Exit codes: 0, or 2 on bad input.`,
		Example: `  shoulder findings --status fail --severity critical,high --sort severity
  shoulder findings --control fsbp:S3.1 --ou Workloads --status open
  shoulder findings --account 111122223333 --since 7d --format csv > new-this-week.csv
  shoulder findings --status gone --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "table", "json", "csv":
			default:
				return withCode(ExitError, fmt.Errorf("--format: %q is not table, json or csv", format))
			}
			if limit < 0 {
				return withCode(ExitError, fmt.Errorf("--limit: %d is negative", limit))
			}
			ctx := cmd.Context()
			s, err := app.openNamedStore(ctx, &sf)
			if err != nil {
				return err
			}
			defer s.Close()
			f, err := findingsFilter(ctx, s, sp, time.Now())
			if err != nil {
				return err
			}
			f.Limit = limit
			if err := writeFindings(ctx, app.Stdout, format, s, f); err != nil {
				return withCode(ExitError, err)
			}
			return nil
		},
	}
	sf.register(cmd, false)
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "table", "output `format`: table, json or csv")
	fl.StringSliceVar(&sp.Statuses, "status", nil, "only these current `statuses` (or gone, open)")
	fl.StringSliceVar(&sp.Severities, "severity", nil, "only these `severities`")
	fl.StringSliceVar(&sp.Areas, "area", nil, "only the checks of these `areas`")
	fl.StringSliceVar(&sp.Services, "service", nil, "only the checks of these `services` (s3, ec2, ...)")
	fl.StringSliceVar(&sp.Checks, "check", nil, "only these check `IDs`")
	fl.StringSliceVar(&sp.Controls, "control", nil, "only the checks of these framework `controls` (fsbp:S3.1, cis-v7.0:2.1.1)")
	fl.StringSliceVar(&sp.Accounts, "account", nil, "only these account `IDs`")
	fl.StringSliceVar(&sp.OUs, "ou", nil, "only the accounts in these `OUs` or below them (names or paths)")
	fl.StringVar(&sp.Since, "since", "", "first seen at or after this `age or date` (7d, 2026-01-31)")
	fl.StringVar(&sp.Before, "before", "", "first seen before this `age or date` (30d, 2026-01-31)")
	fl.StringVar(&sp.Sort, "sort", "", "order: "+strings.Join(store.Sorts, ", ")+" (default account)")
	fl.IntVar(&limit, "limit", 0, "list at most this many findings (0: all)")
	return cmd
}

// findingCatalog is what findings filters resolve against: the built-in
// checks, the frameworks and the store's recorded OU paths.
func findingCatalog(s *store.Store) (findfilter.Catalog, error) {
	fws, err := frameworks.All()
	if err != nil {
		return findfilter.Catalog{}, err
	}
	return findfilter.Catalog{Checks: checks.All(), Frameworks: fws, OUPaths: s.OUPaths}, nil
}

// findingsFilter validates the findings flags (exit 2 on a bad one) through
// the filter parser the dashboard uses too.
func findingsFilter(ctx context.Context, s *store.Store, sp findfilter.Spec, now time.Time) (store.FindingFilter, error) {
	cat, err := findingCatalog(s)
	if err != nil {
		return store.FindingFilter{}, err
	}
	f, err := sp.Filter(ctx, cat, now)
	var fe *findfilter.Error
	if errors.As(err, &fe) {
		return f, withCode(ExitError, fmt.Errorf("--%s: %w", fe.Field, fe.Err))
	}
	if err != nil {
		return f, withCode(ExitError, err)
	}
	return f, nil
}

func status(r store.FindingRow) string {
	if !r.Present {
		return store.StatusGone
	}
	return r.Status
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

// trendMax is how many stored scans the HTML report's trend chart shows.
const trendMax = 90

// trendUpTo is the failures per severity of the stored scans up to scan
// id (the last trendMax), for the HTML report's trend chart.
func trendUpTo(ctx context.Context, s *store.Store, id int64) ([]report.TrendPoint, error) {
	points, err := s.Trends(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	var out []report.TrendPoint
	for _, p := range points {
		if p.ScanID <= id {
			out = append(out, report.TrendPoint{Label: fmt.Sprintf("#%d %s", p.ScanID, p.RecordedAt.Format(time.DateOnly)), BySeverity: p.BySeverity})
		}
	}
	if len(out) > trendMax {
		out = out[len(out)-trendMax:]
	}
	return out, nil
}

// storedRun rebuilds the combined report of a run split into shards, once
// every shard finished; otherwise it fails naming the missing shards
// (exit 2).
// flag and ref name the reference in errors ("--run-id" ID, "--since"
// run:ID).
func storedRun(ctx context.Context, s *store.Store, flag, ref, id string) (*engine.Report, error) {
	st, err := s.Run(ctx, id)
	if err != nil {
		return nil, withCode(ExitError, fmt.Errorf("%s: %w", flag, err))
	}
	if !st.Complete() {
		return nil, withCode(ExitError, fmt.Errorf("%s %s: %s; rerun those shards (or wait for them) and try again", flag, ref, st.Describe()))
	}
	comb := engine.NewCombiner()
	orgID := ""
	for _, scan := range st.Scans {
		rep, err := storedReport(ctx, s, scan)
		if err != nil {
			return nil, err
		}
		if orgID == "" {
			orgID = rep.OrganizationID
		}
		if err := comb.Add(rep); err != nil {
			return nil, withCode(ExitError, fmt.Errorf("%s %s: scan %d: %w", flag, ref, scan, err))
		}
	}
	return comb.Report(nil, orgID), nil
}

func (app *App) reportCmd() *cobra.Command {
	var sf storeFlags
	var format, output, scan, runID string
	cmd := &cobra.Command{
		Use:   "report --scan SCAN_ID | --run-id RUN_ID",
		Short: "Re-render a stored scan, or a whole run, in any report format",
		Long: `report rebuilds the report of a scan kept in the results store and writes it
in the formats scan writes (--format, -o as for scan). --scan takes a scan ID
(shoulder history lists them), last, or an age such as 7d (the newest scan
recorded that long ago or earlier).

The report is rebuilt from the findings' lifecycles, not kept per scan
(docs/store.md, "Reports of stored scans"): every result with its status,
severity, resource, region, account, waiver and message, and the scan's
checks, regions and coverage gaps. Not kept: evidence text that changed while
the status did not (the message is the last one recorded with a change),
account names and OU paths, sensitivity flags, waiver issues, and the views
computed from the account state (frameworks, duty matrix, data map). The HTML
report adds a line chart of the failures per severity of the stored scans up
to this one (the last 90).

--run-id ID renders the run of several accounts recorded under that ID (scan
--accounts/--org --run-id, split with --shard i/n across machines) as one
combined report, once every one of its n shards has finished; until then it
names the shards still missing (0 to n-1) and exits 2.

Exit codes: 0, or 2 on bad input (unknown scan or run, bad format) and for
a run whose shards have not all finished.`,
		Example: `  shoulder report --scan last --format html -o report.html
  shoulder report --scan 42 --format json -o scan-42.json
  shoulder report --run-id nightly-2026-12-06 --format json -o org.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (scan == "") == (runID == "") {
				return withCode(ExitError, errors.New("--scan or --run-id is required (one of them): a scan ID, last or an age such as 7d, or a run ID (shoulder history lists both)"))
			}
			formats, err := report.ParseFormats(format)
			if err != nil {
				return withCode(ExitError, fmt.Errorf("--format: %w", err))
			}
			plan, err := planOutputs(formats, output)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			s, err := app.openNamedStore(ctx, &sf)
			if err != nil {
				return err
			}
			defer s.Close()
			var id int64
			var rep *engine.Report
			if runID != "" {
				rep, err = storedRun(ctx, s, "--run-id", runID, runID)
			} else if id, err = resolveScanRef(ctx, s, "--scan", scan); err == nil {
				rep, err = storedReport(ctx, s, id)
			}
			if err != nil {
				return err
			}
			opts, err := reportOptions(nil, nil, rep, nil, false)
			if err != nil {
				return err
			}
			for _, f := range formats {
				if f.Name == "html" && id != 0 {
					if opts.Trend, err = trendUpTo(ctx, s, id); err != nil {
						return withCode(ExitError, err)
					}
				}
			}
			outs, err := plan.open(app)
			if err != nil {
				return err
			}
			defer outs.closeAll()
			opts.Table.Width = app.tableWidth(outs.tableWriter())
			if err := outs.write(rep, opts); err != nil {
				return withCode(ExitError, err)
			}
			return nil
		},
	}
	sf.register(cmd, false)
	cmd.Flags().StringVar(&scan, "scan", "", "the stored scan: a scan `ID`, last, or an age such as 7d")
	cmd.Flags().StringVar(&runID, "run-id", "", "the stored run of several accounts with this `ID`, once all its shards finished")
	cmd.Flags().StringVar(&format, "format", "table", "output `formats`, comma-separated: "+strings.Join(report.FormatNames(), ", ")+" (several need -o DIR)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the report to `FILE`, or with several formats into a directory")
	return cmd
}
