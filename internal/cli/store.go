package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/findfilter"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// storeEnv names the store when --store is not given.
const storeEnv = "SHOULDER_STORE"

const storeHelp = `Every complete scan is recorded in the results store (history, later diffs):
by default a SQLite file in the data directory ($XDG_DATA_HOME/shoulder/shoulder.db,
else ~/.local/share/shoulder/shoulder.db), created with mode 0600; --store DSN
(or SHOULDER_STORE) names another file or a PostgreSQL database
(postgres://user@host/db; keep the password out of the command line with
PGPASSWORD or ~/.pgpass, or put the URL in SHOULDER_STORE); --no-store
records nothing. The report
files are written before the scan is recorded: a store that cannot be opened
or written (unreachable, wrong password, full disk, corrupted file) fails the
command with exit 2 but leaves the reports in place. An interrupted scan is
never recorded.`

// storeFlags choose the results store.
type storeFlags struct {
	dsn string
	off bool
}

func (sf *storeFlags) register(cmd *cobra.Command, canDisable bool) {
	cmd.Flags().StringVar(&sf.dsn, "store", "", "results store: a SQLite file `DSN` or postgres://user:password@host/db (default $"+storeEnv+", else the data directory's shoulder.db)")
	if canDisable {
		cmd.Flags().BoolVar(&sf.off, "no-store", false, "do not record this scan in the results store")
	}
}

// resolve returns the store's DSN, "" with --no-store. It judges the DSN's
// form only; nothing is opened.
func (sf *storeFlags) resolve(app *App) (string, error) {
	if sf.off {
		if sf.dsn != "" {
			return "", withCode(ExitError, fmt.Errorf("--store and --no-store contradict each other"))
		}
		return "", nil
	}
	dsn, from := sf.dsn, "--store"
	if dsn == "" {
		dsn, from = app.Getenv(storeEnv), storeEnv
	}
	if dsn == "" {
		p, err := store.DefaultPath(app.Getenv)
		if err != nil {
			return "", withCode(ExitError, err)
		}
		return p, nil
	}
	if scheme, _, ok := strings.Cut(dsn, "://"); ok && !store.IsPostgres(dsn) && !strings.ContainsAny(scheme, `/\`) {
		return "", withCode(ExitError, fmt.Errorf("%s: unsupported store %q (want postgres://user:password@host/db or a SQLite file path)", from, scheme+"://"))
	}
	return dsn, nil
}

// openStore opens the store dsn; its errors name the store (never a
// password) and exit 2.
func openStore(ctx context.Context, dsn string, opts ...store.Option) (*store.Store, error) {
	s, err := store.Open(ctx, dsn, opts...)
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	return s, nil
}

// scanRecorder records the scans of one command in one store, opened at
// the first scan.
type scanRecorder struct {
	dsn string
	// run ties the scans of one several-account run (and its shards).
	run engine.RunInfo
	st  *store.Store
}

// record stores rep with what the account page keeps of its account
// (kept, nil when none); a nil recorder or an empty DSN records nothing.
func (r *scanRecorder) record(ctx context.Context, app *App, rep *engine.Report, pol *policy.Policy, kept *store.AccountContext) error {
	if !r.enabled() {
		return nil
	}
	return r.recordScan(ctx, store.FromReport(rep, r.meta(app, pol)), kept)
}

// recording starts the scan of a finished report whose results are added
// a batch at a time (store.Recording; recorded with recordScan); nil when
// nothing is recorded.
func (r *scanRecorder) recording(app *App, rep *engine.Report, pol *policy.Policy) *store.Recording {
	if !r.enabled() {
		return nil
	}
	return store.NewRecording(rep, r.meta(app, pol))
}

// meta is what the store keeps of a scan besides its report.
func (r *scanRecorder) meta(app *App, pol *policy.Policy) store.Meta {
	meta := store.Meta{Who: app.who(), Version: Version, PolicyHash: policyHash(pol), RunID: r.run.ID}
	if r.run.Shards > 1 {
		meta.Shard, meta.Shards = r.run.Shard, r.run.Shards
	}
	return meta
}

// recordScan stores sc with kept (nil when none).
func (r *scanRecorder) recordScan(ctx context.Context, sc *store.Scan, kept *store.AccountContext) error {
	if r.st == nil {
		s, err := openStore(ctx, r.dsn, store.ForRecording())
		if err != nil {
			return err
		}
		r.st = s
	}
	if kept != nil {
		sc.Contexts = []store.AccountContext{*kept}
	}
	if _, err := r.st.Record(ctx, sc); err != nil {
		return withCode(ExitError, err)
	}
	return nil
}

// finish records that the shard run of this command finished (every
// account it was given read and recorded); nothing without a store or a
// run ID.
func (r *scanRecorder) finish(ctx context.Context, run engine.RunInfo) error {
	if r == nil || r.dsn == "" || run.ID == "" {
		return nil
	}
	if r.st == nil {
		// A shard without accounts recorded no scan, but it finished.
		s, err := openStore(ctx, r.dsn, store.ForRecording())
		if err != nil {
			return err
		}
		r.st = s
	}
	if err := r.st.FinishShard(ctx, run.ID, run.Shard, max(1, run.Shards), time.Now()); err != nil {
		return withCode(ExitError, err)
	}
	return nil
}

// enabled reports whether scans are recorded (a store is configured).
func (r *scanRecorder) enabled() bool { return r != nil && r.dsn != "" }

func (r *scanRecorder) close() {
	if r != nil && r.st != nil {
		r.st.Close()
	}
}

// who names the user who ran the scan: user@host.
func (app *App) who() string {
	u := app.Getenv("USER")
	if u == "" {
		u = app.Getenv("LOGNAME")
	}
	if u == "" {
		u = app.Getenv("USERNAME")
	}
	h, _ := os.Hostname()
	switch {
	case u != "" && h != "":
		return u + "@" + h
	case u != "":
		return u
	}
	return h
}

// policyHash identifies the policy in effect (sha256 of its JSON form).
func policyHash(p *policy.Policy) string {
	if p == nil {
		return ""
	}
	b, err := json.Marshal(p)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (app *App) storeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "store",
		Short: "Inspect and prune the results store",
		Long: `store shows and maintains the results store that every scan is recorded in.

` + storeHelp + `

The store keeps each scan's metadata and each finding as a lifecycle keyed by
(check, account, region, resource): first and last seen, resolved, reopened,
status, severity and waiver changes. It grows with change, not with the
number of scans.`,
		Example: `  shoulder store info
  shoulder store info --store postgres://shoulder@db.internal/shoulder
  shoulder store prune --older-than 400d`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(app.storeInfoCmd(), app.storePruneCmd())
	return cmd
}

func (app *App) storeInfoCmd() *cobra.Command {
	var sf storeFlags
	var format string
	cmd := &cobra.Command{
		Use:   "info",
		Short: "Show the store's size, scans and schema version",
		Long: `info shows where the results store is, its size, how many scans,
lifecycles and change events it holds, the oldest and newest scan and its
schema version. --format json writes the same as an object.`,
		Example: `  shoulder store info
  shoulder store info --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return withCode(ExitError, fmt.Errorf("--format: %q is not table or json", format))
			}
			dsn, err := sf.resolve(app)
			if err != nil {
				return err
			}
			s, err := openStore(cmd.Context(), dsn)
			if err != nil {
				return err
			}
			defer s.Close()
			in, err := s.Info(cmd.Context())
			if err != nil {
				return withCode(ExitError, err)
			}
			return writeStoreInfo(app, in, format)
		},
	}
	sf.register(cmd, false)
	cmd.Flags().StringVar(&format, "format", "table", "output `format`: table or json")
	return cmd
}

func writeStoreInfo(app *App, in store.Info, format string) error {
	if format == "json" {
		out := map[string]any{
			"store": in.Name, "kind": in.Kind, "schema_version": in.SchemaVersion,
			"schema_version_supported": store.SchemaVersion(), "size_bytes": in.Size,
			"scans": in.Scans, "findings": in.Findings, "events": in.Events,
		}
		if in.Scans > 0 {
			out["oldest_scan"], out["newest_scan"] = in.Oldest, in.Newest
		}
		enc := json.NewEncoder(app.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := app.Stdout
	fmt.Fprintf(w, "store           %s (%s)\n", in.Name, in.Kind)
	fmt.Fprintf(w, "schema version  %d (this shoulder: %d)\n", in.SchemaVersion, store.SchemaVersion())
	fmt.Fprintf(w, "size            %s\n", humanBytes(in.Size))
	fmt.Fprintf(w, "scans           %d\n", in.Scans)
	if in.Scans > 0 {
		fmt.Fprintf(w, "oldest scan     %s\n", in.Oldest.Format(time.RFC3339))
		fmt.Fprintf(w, "newest scan     %s\n", in.Newest.Format(time.RFC3339))
	}
	fmt.Fprintf(w, "findings        %d lifecycles, %d change events\n", in.Findings, in.Events)
	return nil
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

func (app *App) storePruneCmd() *cobra.Command {
	var sf storeFlags
	var olderThan string
	cmd := &cobra.Command{
		Use:   "prune",
		Short: "Delete scans older than an age, and findings gone since then",
		Long: `prune deletes the scans recorded more than --older-than ago with the change
events they recorded, and the findings that have been gone (no longer
reported) since before then. Findings still present keep their current state
and first-seen time. A SQLite store is compacted afterwards.

--older-than takes days (400d), weeks (8w) or a Go duration (36h).`,
		Example: `  shoulder store prune --older-than 400d
  shoulder store prune --older-than 90d --store postgres://shoulder@db.internal/shoulder`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if olderThan == "" {
				return withCode(ExitError, fmt.Errorf("--older-than is required (e.g. 400d)"))
			}
			age, err := parseAge(olderThan)
			if err != nil {
				return withCode(ExitError, fmt.Errorf("--older-than: %w", err))
			}
			dsn, err := sf.resolve(app)
			if err != nil {
				return err
			}
			s, err := openStore(cmd.Context(), dsn)
			if err != nil {
				return err
			}
			defer s.Close()
			cutoff := time.Now().Add(-age)
			p, err := s.Prune(cmd.Context(), cutoff)
			if err != nil {
				return withCode(ExitError, err)
			}
			fmt.Fprintf(app.Stdout, "pruned %d scans, %d change events, %d gone findings, %d account contexts and %d shard records from before %s\n",
				p.Scans, p.Events, p.Findings, p.Contexts, p.Shards, cutoff.UTC().Format(time.RFC3339))
			return nil
		},
	}
	sf.register(cmd, false)
	cmd.Flags().StringVar(&olderThan, "older-than", "", "delete what is older than this `age`: 400d, 8w or a Go duration such as 36h")
	return cmd
}

// parseAge reads 400d, 8w or a Go duration; it must be positive.
func parseAge(s string) (time.Duration, error) { return findfilter.ParseAge(s) }
