package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/collect"
	awscollect "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// sourceFlags choose where the account state comes from; every command that
// reads an account (scan, matrix, datamap, ...) shares them.
type sourceFlags struct {
	demo bool
	// demoOrg is --demo-org (scan, matrix, datamap): the embedded demo
	// organization, read like a directory of snapshots.
	demoOrg  bool
	snapshot string
	live     liveFlags
}

// liveFlags target and pace a live collection, like the AWS CLI's options.
type liveFlags struct {
	profile    string
	roleARN    string
	externalID string
	// sessionName names the AssumeRole session (--accounts sets it).
	sessionName string
	regions     []string
	endpointURL string
	concurrency int
	callTimeout time.Duration
	rates       []string
	stats       bool
	quiet       bool
	// details is the --details mode; a command sets it before register to
	// change the default (collect and datamap read everything).
	details string

	// regionTimeout bounds each region's work (0: no bound).
	regionTimeout time.Duration

	// Set by organization and --accounts runs, not by flags:
	// gate bounds the calls in flight across accounts read side by side,
	// orgTree is the tree discovery read (attached to the caller's
	// account), noDisplay turns off the progress display (several
	// accounts would draw over each other).
	gate       *collect.Gate
	orgTree    *state.OrgTree
	noDisplay  bool
	httpClient sdk.HTTPClient
	// workers, when set, is each account's pool of workers
	// (accountWorkers); --concurrency then bounds the calls in flight
	// over all accounts through gate.
	workers int
	// orgFactsRead: the run already holds the organization-wide facts
	// and applies them to this (member) account, which skips its own
	// reads of them (awscollect.Options.OrgFactsRead).
	orgFactsRead bool
}

func (s *sourceFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&s.demo, "demo", false, "use the embedded demo account (no AWS credentials needed)")
	f.StringVar(&s.snapshot, "snapshot", "", "read the account state from a snapshot `FILE` (see `shoulder collect`)")
	s.live.register(cmd)
}

// registerDemoOrg adds --demo-org (for the commands that read an
// organization: scan, matrix, datamap).
func (s *sourceFlags) registerDemoOrg(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&s.demoOrg, "demo-org", false, "use the embedded demo organization: a management account, the demo account (EU production), a development account and a sandbox (no AWS credentials needed)")
}

// orgSource opens the organization the flags name: --demo-org, or
// --snapshot naming a directory; nil when they name one account. Errors
// carry ExitError.
func (s *sourceFlags) orgSource(app *App) (*orgDir, error) {
	switch {
	case s.demoOrg && (s.demo || s.snapshot != ""):
		return nil, withCode(ExitError, errors.New("--demo-org is a source of its own: it does not go with --demo or --snapshot"))
	case s.demoOrg:
		return demoOrgDir(), nil
	case s.snapshot != "" && isDir(s.snapshot):
		return app.openOrgDir(s.snapshot)
	}
	return nil, nil
}

func (l *liveFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&l.profile, "profile", "", "live: use this shared-config `PROFILE` (like aws --profile; default: AWS_PROFILE or default)")
	f.StringVar(&l.roleARN, "role-arn", "", "live: assume this role `ARN` and collect as it")
	f.StringVar(&l.externalID, "external-id", "", "live: external `ID` for --role-arn or --member-role")
	f.StringSliceVar(&l.regions, "regions", nil, "live: scan only these `REGIONS` (comma-separated; default: every region enabled for the account); a name not in shoulder's region table is refused unless the endpoint lists it (a newer region, scanned with a warning)")
	f.StringVar(&l.endpointURL, "endpoint-url", "", "live: send every AWS call to this `URL` (an emulator); AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> work too")
	f.IntVar(&l.concurrency, "concurrency", 128, "live: most parallel `workers`, i.e. calls in flight (each action stays within its own rate; more workers overlap more of AWS's latency; a small account starts fewer, one per 12 tasks found)")
	f.DurationVar(&l.callTimeout, "call-timeout", 30*time.Second, "live: give up on one AWS call after this `DURATION` (recorded as a timeout gap)")
	f.DurationVar(&l.regionTimeout, "region-timeout", 0, "live: give up on a region (and on the global services) this `DURATION` after its first call; what is unread then is a timeout gap (default: no bound)")
	f.StringArrayVar(&l.rates, "rate", nil, "live: override a client-side rate, `KEY=RPS[/BURST]` with KEY service:Action, service or rds:* (see `shoulder permissions --operations`)")
	f.BoolVar(&l.stats, "stats", false, "live: print per-action calls, retries, throttles and errors to standard error")
	f.BoolVarP(&l.quiet, "quiet", "q", false, "live: no progress display")
	def := l.details
	if def == "" {
		def = string(collect.DetailsAuto)
	}
	f.StringVar(&l.details, "details", def, "live: `mode` for slow per-item reads (the accounts each EBS snapshot is shared with, which ec2_snapshot_shared_trusted_only judges; IAM access key IDs and IAM users' hardware MFA serials, which no check judges): "+
		"auto makes them where they take under "+collect.DetailBudget.String()+" a region at AWS's rates and records the rest as skipped gaps (checks needing them answer unknown), all always, none skips those no check judges")
}

// parseRates reads --rate values.
func parseRates(vals []string) (map[string]collect.Rate, error) {
	out := map[string]collect.Rate{}
	for _, v := range vals {
		i := strings.LastIndex(v, "=")
		if i <= 0 {
			return nil, fmt.Errorf("--rate %q: want KEY=RPS[/BURST]", v)
		}
		key, spec := v[:i], v[i+1:]
		rpsS, burstS, hasBurst := strings.Cut(spec, "/")
		rps, err := strconv.ParseFloat(rpsS, 64)
		if err != nil || rps <= 0 {
			return nil, fmt.Errorf("--rate %q: RPS must be a positive number", v)
		}
		burst := int(rps)
		if burst < 1 {
			burst = 1
		}
		if hasBurst {
			burst, err = strconv.Atoi(burstS)
			if err != nil || burst < 1 {
				return nil, fmt.Errorf("--rate %q: BURST must be a positive integer", v)
			}
		}
		out[key] = collect.Rate{RPS: rps, Burst: burst}
	}
	return out, nil
}

// load returns the account state. Errors carry ExitError.
func (s *sourceFlags) load(ctx context.Context, app *App) (*state.Account, error) {
	switch {
	case s.demo && s.snapshot != "":
		return nil, withCode(ExitError, errors.New("--demo and --snapshot are exclusive: choose one source"))
	case s.demo:
		a, err := demo.Load()
		if err != nil {
			return nil, withCode(ExitError, err)
		}
		return a, nil
	case s.snapshot != "":
		limit, err := app.inputLimit()
		if err != nil {
			return nil, err
		}
		a, err := state.LoadSnapshotLimit(s.snapshot, limit)
		if err != nil {
			return nil, withCode(ExitError, err)
		}
		if a.Source == "" {
			a.Source = "snapshot"
		}
		app.fitMemoryLimit()
		return a, nil
	default:
		return app.loadLive(ctx, &s.live)
	}
}

// errInterrupted marks a collection stopped by Ctrl-C: what was read is
// kept (and reported or saved), and the exit code is 2.
var errInterrupted = errors.New("interrupted: the collection was stopped before it finished; what was not read is recorded as `cancelled` gaps, so the affected checks say unknown")

// loadLive collects the state from AWS. When ctx is cancelled (Ctrl-C)
// it returns the partial state together with errInterrupted.
func (app *App) loadLive(ctx context.Context, l *liveFlags) (*state.Account, error) {
	rates, err := parseRates(l.rates)
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	details, err := collect.ParseDetails(l.details)
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	opts := awscollect.Options{
		Profile: l.profile, RoleARN: l.roleARN, ExternalID: l.externalID, SessionName: l.sessionName, Regions: l.regions,
		EndpointURL: l.endpointURL, Concurrency: cmp.Or(l.workers, l.concurrency), CallTimeout: l.callTimeout, Rates: rates,
		Details: details, RegionTimeout: l.regionTimeout, Gate: l.gate, OrgTree: l.orgTree, HTTPClient: l.httpClient,
		OrgFactsRead: l.orgFactsRead,
	}
	if l.externalID != "" && l.roleARN == "" {
		return nil, withCode(ExitError, errors.New("--external-id needs --role-arn"))
	}
	if opts.VetRegions, err = app.vetRegions(l.regions); err != nil {
		return nil, withCode(ExitError, err)
	}
	var display *collect.Display
	if !l.quiet && !l.noDisplay && app.IsTTY(app.Stderr) {
		opts.Progress = collect.NewProgress()
		display = collect.StartDisplay(opts.Progress, app.Stderr, 250*time.Millisecond)
	}
	res, err := awscollect.Collect(ctx, opts)
	if display != nil {
		display.Stop()
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, withCode(ExitError, fmt.Errorf("interrupted before the collection started: %w", err))
		}
		return nil, withCode(ExitError, err)
	}
	if l.stats {
		fmt.Fprintf(app.Stderr, "collected in %s\n", res.Duration.Round(time.Millisecond))
		if err := res.Stats.WriteTable(app.Stderr); err != nil {
			return nil, withCode(ExitError, err)
		}
	}
	if !l.quiet {
		counts := res.Account.Gaps.CountByReason()
		skipped := counts[state.ReasonSkipped]
		delete(counts, state.ReasonSkipped)
		var parts []string
		n := 0
		for reason, k := range counts {
			parts = append(parts, fmt.Sprintf("%d %s", k, reason))
			n += k
		}
		sortStrings(parts)
		if n > 0 {
			fmt.Fprintf(app.Stderr, "shoulder: %d coverage gaps (%s): the checks that need that data answer unknown\n", n, strings.Join(parts, ", "))
		}
		if skipped > 0 {
			fmt.Fprintf(app.Stderr, "shoulder: %d slow per-item reads skipped (checks that judge them answer unknown; --details all makes them)\n", skipped)
		}
	}
	if err := res.NoData(); err != nil {
		// Nothing to scan or save: exit 2 whatever the flags.
		return nil, withCode(ExitError, err)
	}
	app.fitMemoryLimit()
	if res.Interrupted {
		return res.Account, errInterrupted
	}
	return res.Account, nil
}
