package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/atomicfile"
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/collect"
	awscollect "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/org"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// accountsFlags name several accounts: listed (--accounts) or the
// organization's (--org, --ous, --exclude-accounts), read side by side
// (--account-concurrency), each member through sts:AssumeRole into the
// member role.
type accountsFlags struct {
	accounts    []string
	memberRole  string
	org         bool
	ous         []string
	exclude     []string
	concurrency int
	shard       string
	runID       string
}

// defaultAccountConcurrency is how many accounts are read side by side by
// default: four per CPU (an account's read mostly waits on AWS's answers
// and its own token buckets: 200 accounts of 2,500 resources on 2 CPUs took
// 449 s with 4 in flight, using 1.5 of the CPUs, and 270 s with 8, in
// bench/RESULTS.md), at most 8 (each account in flight holds its state,
// SDK clients and workers).
func defaultAccountConcurrency() int { return min(4*runtime.GOMAXPROCS(0), 8) }

const accountsHelp = `Several accounts in one run:
  --accounts ID,ID      these accounts (works without Organizations access)
  --org                 every account of the caller's organization: run it with
                        the management account's (or a delegated administrator's)
                        credentials; the tree is read once (ListRoots, then per
                        root and OU its OUs and accounts)
  --ous ou-...          with --org: only the accounts under these OUs, nested
                        OUs included (an OU not in the organization is an error)
  --exclude-accounts ID with --org: leave these accounts out (listed as skipped)
Each member account is read through sts:AssumeRole into --member-role
(with --external-id if set, session name ` + awscollect.MemberSessionName + `); the caller's own
account (the management account) is read with the caller's credentials.
Suspended, pending-closure and closed accounts are listed and skipped with
the reason. An account whose role cannot be assumed (missing, SCP deny,
trust policy) is a coverage gap with the reason, and the run goes on; the
summary says how many accounts were read fully, partly or not at all.
--account-concurrency N reads N accounts side by side (default 4 per CPU,
at most 8), each with its own token buckets (AWS's quotas are per account
and region) under one bound of --concurrency calls in flight overall, and
with twice its share of that bound as workers (at least 16). Each
account's output is written as soon as it is read; DIR/accounts.json (name,
OU path, how far it was read, skipped accounts with the reason) and the
summary are in account-ID order. Ctrl-C keeps what finished accounts read.
With -o DIR the organization's combined report is DIR/report.FORMAT: with
json, csv, sarif, junit, asff and ocsf only, each finished account's results
wait in a temporary file (memory flat in the number of accounts); table,
markdown, html and --framework need the whole organization's findings at
once and hold them in memory until written.
Split one run over n processes (or Kubernetes pods, deploy/kubernetes/):
  --shard i/n           read only the accounts of shard i (0 to n-1): an
                        account's shard is the first 8 bytes of the SHA-256
                        of its ID (big-endian) modulo n, so it never depends
                        on the other accounts; skipped accounts are listed by
                        their own shard. In an --org run every shard reads the
                        caller's (management) account first for its
                        organization-wide facts; only the shard that holds it
                        writes its results. collect --shard does not read it
                        unless it holds it (the facts are applied when the
                        snapshots are scanned).
  --run-id ID           the run's ID, recorded in every report JSON ("run")
                        and accounts.json; required with n > 1 so the shards
                        of one run share it (default: UTC time + random)`

func (a *accountsFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringSliceVar(&a.accounts, "accounts", nil, "live: read these `ACCOUNT_IDS` (12 digits, comma-separated), each through sts:AssumeRole into --member-role (with --external-id if set); an account whose role cannot be assumed is reported and skipped")
	f.StringVar(&a.memberRole, "member-role", awscollect.DefaultMemberRole, "live: with --accounts or --org, the role `NAME` (a plain name, no path or ARN) assumed in each member account, session name "+awscollect.MemberSessionName)
	f.BoolVar(&a.org, "org", false, "live: read every account of the caller's AWS Organization (run from the management or a delegated-administrator account; members through --member-role)")
	f.StringSliceVar(&a.ous, "ous", nil, "live: with --org, only the accounts under these `OU_IDS` (ou-xxxx-yyyyyyyy, comma-separated), nested OUs included")
	f.StringSliceVar(&a.exclude, "exclude-accounts", nil, "live: with --org, leave out these `ACCOUNT_IDS` (listed as skipped)")
	f.StringVar(&a.shard, "shard", "", "live: with --accounts or --org, read only shard `i/n` of the accounts (0 <= i < n; by SHA-256 of the account ID, see --help)")
	f.StringVar(&a.runID, "run-id", "", "live: with --accounts or --org, the run's `ID` (letters, digits, . _ - ; up to 128), recorded in the reports and accounts.json; required with --shard i/n, n > 1 (default: UTC time + random)")
	f.IntVar(&a.concurrency, "account-concurrency", defaultAccountConcurrency(), "live: with --accounts or --org, read `N` accounts side by side (default 4 per CPU, at most 8); --concurrency bounds the calls in flight over all of them")
}

// memberTarget is one account of a several-account run: the role it is
// read with ("" for the caller's own account, read with the caller's
// credentials), and what the organization says of it.
type memberTarget struct {
	account, roleARN string
	name, path       string
	// factsOnly marks the caller's account read by a shard that does not
	// hold it: for its organization-wide facts, its results not written.
	factsOnly bool
}

// accountsPlan is what a several-account run reads and what it lists but
// skips.
type accountsPlan struct {
	targets []memberTarget
	skipped []accountRead
	// orgTree and caller, for --org: the tree (attached to the caller's
	// account state) and the caller's account.
	orgTree *state.OrgTree
	caller  string
	// run names the run and this shard of it.
	run engine.RunInfo
	// factsFrom is, for an --org shard that does not hold the caller's
	// account, that account: read first for its organization-wide facts
	// only (orgRun), its results not written (another shard writes them).
	factsFrom *memberTarget
	// factSources, when set, is asked once the caller's account is read:
	// the accounts whose organization-wide facts join the caller's
	// (orgRun.factSources), read next, before every other member.
	factSources func() []string
}

// plan validates the flags against the other source flags and, for --org,
// reads the organization's tree; errors carry ExitError. It returns nil
// when neither --accounts nor --org is given.
func (a *accountsFlags) plan(ctx context.Context, app *App, cmd *cobra.Command, l *liveFlags, demo bool, snapshot string) (*accountsPlan, error) {
	changed := cmd.Flags().Changed
	if !a.org {
		for _, fl := range []string{"ous", "exclude-accounts"} {
			if changed(fl) {
				return nil, withCode(ExitError, fmt.Errorf("--%s needs --org (it narrows the organization's accounts)", fl))
			}
		}
	}
	if len(a.accounts) == 0 && !a.org {
		for _, fl := range []string{"member-role", "account-concurrency", "shard", "run-id"} {
			if changed(fl) {
				return nil, withCode(ExitError, fmt.Errorf("--%s needs --accounts or --org", fl))
			}
		}
		return nil, nil
	}
	what := "--accounts"
	if a.org {
		what = "--org"
	}
	switch {
	case a.org && len(a.accounts) > 0:
		return nil, withCode(ExitError, errors.New("--org and --accounts are exclusive: --org reads the organization's accounts (narrow it with --ous and --exclude-accounts), --accounts names them"))
	case l.roleARN != "":
		return nil, withCode(ExitError, fmt.Errorf("%s and --role-arn are exclusive: %s assumes --member-role in each member account (run it with the management account's credentials, e.g. --profile)", what, what))
	case demo || snapshot != "":
		return nil, withCode(ExitError, fmt.Errorf("%s reads live accounts: it does not go with --demo or --snapshot", what))
	case a.concurrency < 1:
		return nil, withCode(ExitError, fmt.Errorf("--account-concurrency %d: want 1 or more", a.concurrency))
	}
	if _, err := awscollect.MemberRoleARN("000000000000", a.memberRole); err != nil {
		return nil, withCode(ExitError, fmt.Errorf("--member-role: %w", err))
	}
	run, err := a.runInfo(time.Now())
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	if a.org {
		p, err := a.orgPlan(ctx, app, l, run)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
	seen := map[string]bool{}
	p := &accountsPlan{run: run}
	for _, id := range a.accounts {
		id = strings.TrimSpace(id)
		arn, err := awscollect.MemberRoleARN(id, a.memberRole)
		if err != nil {
			return nil, withCode(ExitError, fmt.Errorf("--accounts/--member-role: %w", err))
		}
		if !seen[id] {
			seen[id] = true
			p.targets = append(p.targets, memberTarget{account: id, roleARN: arn})
		}
	}
	sort.Slice(p.targets, func(i, j int) bool { return p.targets[i].account < p.targets[j].account })
	n := len(p.targets)
	p.applyShard()
	if run.Shards > 1 {
		fmt.Fprintf(app.Stderr, "shoulder: run %s shard %d/%d: %d of %d accounts\n", run.ID, run.Shard, run.Shards, len(p.targets), n)
	}
	return p, nil
}

// runIDRe is what --run-id accepts: a name safe in file names, labels and
// database keys.
var runIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// runInfo validates --shard and --run-id (deriving the ID when absent).
func (a *accountsFlags) runInfo(now time.Time) (engine.RunInfo, error) {
	sh := org.Whole
	if a.shard != "" {
		var err error
		if sh, err = org.ParseShard(a.shard); err != nil {
			return engine.RunInfo{}, err
		}
	}
	id := a.runID
	switch {
	case id != "" && !runIDRe.MatchString(id):
		return engine.RunInfo{}, fmt.Errorf("--run-id %q: want 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit", id)
	case id == "" && sh.Count > 1:
		return engine.RunInfo{}, fmt.Errorf("--shard %s needs --run-id: the %d shards of one run must share one ID (e.g. the Kubernetes Job's UID) so their results can be tied together", sh, sh.Count)
	case id == "":
		id = newRunID(now)
	}
	return engine.RunInfo{ID: id, Shard: sh.Index, Shards: sh.Count}, nil
}

// newRunID derives a run ID: the UTC time to the second and 8 random hex
// digits (two runs started in the same second differ).
func newRunID(now time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

// applyShard keeps the targets and skipped accounts of p.run's shard. In
// an organization run a shard that does not hold the caller's account
// still reads it first, for its organization-wide facts (factsFrom).
func (p *accountsPlan) applyShard() {
	sh := org.Shard{Index: p.run.Shard, Count: p.run.Shards}
	if sh.Count <= 1 {
		return
	}
	var targets []memberTarget
	defer func() {
		if len(p.targets) == 0 {
			// Nothing to apply the facts to.
			p.factsFrom = nil
		}
	}()
	for _, t := range p.targets {
		switch {
		case sh.Holds(t.account):
			targets = append(targets, t)
		case p.caller != "" && t.account == p.caller:
			c := t
			p.factsFrom = &c
		}
	}
	var skipped []accountRead
	for _, r := range p.skipped {
		if sh.Holds(r.AccountID) {
			skipped = append(skipped, r)
		}
	}
	p.targets, p.skipped = targets, skipped
}

// orgPlan reads the organization's tree with the caller's credentials and
// selects the accounts to read.
func (a *accountsFlags) orgPlan(ctx context.Context, app *App, l *liveFlags, run engine.RunInfo) (*accountsPlan, error) {
	sel := org.Selection{Units: trimAll(a.ous), Exclude: trimAll(a.exclude)}
	if err := sel.Validate(); err != nil {
		return nil, withCode(ExitError, err)
	}
	rates, err := parseRates(l.rates)
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	d, err := awscollect.Discover(ctx, awscollect.Options{Profile: l.profile, EndpointURL: l.endpointURL, CallTimeout: l.callTimeout, Rates: rates})
	if err != nil {
		return nil, withCode(ExitError, fmt.Errorf("--org: %w", err))
	}
	switch {
	case d.Organization == nil:
		return nil, withCode(ExitError, fmt.Errorf("--org: account %s is not in an AWS Organization (or may not say so); scan it without --org, or name accounts with --accounts", d.CallerAccount))
	case d.Organization.Tree == nil:
		why := "the listing failed"
		if len(d.Gaps) > 0 {
			why = string(d.Gaps[0].Reason) + ": " + d.Gaps[0].Message
		}
		return nil, withCode(ExitError, fmt.Errorf("--org: account %s cannot list organization %s's accounts (%s); run --org with the management account's or a delegated administrator's credentials, or name the accounts with --accounts", d.CallerAccount, d.Organization.ID, why))
	}
	sel2, err := org.Select(d.Organization.Tree, sel)
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	p := &accountsPlan{orgTree: d.Organization.Tree, caller: d.CallerAccount, run: run}
	for _, acc := range sel2 {
		t := memberTarget{account: acc.ID, name: acc.Name, path: acc.Path}
		if acc.ID != d.CallerAccount {
			if t.roleARN, err = awscollect.MemberRoleARN(acc.ID, a.memberRole); err != nil {
				return nil, withCode(ExitError, fmt.Errorf("--member-role: %w", err))
			}
		}
		if acc.Skip != "" {
			p.skipped = append(p.skipped, accountRead{AccountID: acc.ID, Name: acc.Name, OUPath: acc.Path, RoleARN: t.roleARN, Read: readSkipped, Reason: acc.Skip})
			continue
		}
		p.targets = append(p.targets, t)
	}
	fmt.Fprintf(app.Stderr, "shoulder: organization %s: %d accounts selected, %d to read, %d skipped\n",
		d.Organization.ID, len(sel2), len(p.targets), len(p.skipped))
	if len(p.targets) == 0 {
		return nil, withCode(ExitError, fmt.Errorf("--org: no account to read: every selected account is skipped (%s)", skippedText(p.skipped)))
	}
	if run.Shards > 1 {
		p.applyShard()
		facts := ""
		if p.factsFrom != nil {
			facts = fmt.Sprintf("; the management account %s (another shard's) is read for its organization-wide facts only", p.factsFrom.account)
		}
		fmt.Fprintf(app.Stderr, "shoulder: run %s shard %d/%d: %d to read, %d skipped%s\n",
			run.ID, run.Shard, run.Shards, len(p.targets), len(p.skipped), facts)
	}
	return p, nil
}

func trimAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.TrimSpace(x)
	}
	return out
}

func skippedText(reads []accountRead) string {
	var parts []string
	for _, r := range reads {
		parts = append(parts, r.AccountID+": "+r.Reason)
	}
	return strings.Join(parts, "; ")
}

// The read levels of an account.
const (
	readFull    = engine.ReadFull
	readPartial = engine.ReadPartial
	readNone    = engine.ReadNone
	readSkipped = "skipped"
)

// accountRead is how far one account of a several-account run was read.
type accountRead struct {
	AccountID string `json:"account_id"`
	// Name and OUPath are the organization's (--org).
	Name    string `json:"name,omitempty"`
	OUPath  string `json:"ou_path,omitempty"`
	RoleARN string `json:"role_arn,omitempty"`
	// Read is full (no coverage gap), partial (gaps), none (the role
	// could not be assumed or nothing was read; its results are absent)
	// or skipped (listed by the organization, not read: Reason says why).
	Read   string `json:"read"`
	Reason string `json:"reason,omitempty"`
	// Report is the account's report directory or snapshot file.
	Output  string          `json:"output,omitempty"`
	Summary *engine.Summary `json:"summary,omitempty"`
}

// readLevel classifies a read account by its coverage gaps (one rule
// with the combined report's: engine.ReadLevel).
func readLevel(gaps []state.Gap) string { return engine.ReadLevel(gaps) }

// memberLive is the live flags one account is read with: the member role
// with its session name and external ID, or the caller's own credentials
// (with the tree discovery read) for the caller's account.
func memberLive(l liveFlags, t memberTarget, tree *state.OrgTree) liveFlags {
	l.roleARN = t.roleARN
	if t.roleARN == "" {
		l.externalID = ""
		l.orgTree = tree
		return l
	}
	l.sessionName = awscollect.MemberSessionName
	return l
}

// wrongAccount refuses a read whose caller identity is not the account
// asked for: its results must never be filed under that account.
func wrongAccount(t memberTarget, got string) error {
	if got != t.account {
		role := t.roleARN
		if role == "" {
			role = "the caller's credentials"
		}
		return fmt.Errorf("read %s with %s but the credentials are of account %q: not filed under %s", t.account, role, got, t.account)
	}
	return nil
}

// notRead reports an account that could not be read.
func notRead(w io.Writer, t memberTarget, err error) accountRead {
	fmt.Fprintf(w, "shoulder: account %s NOT READ (coverage gap, its results are absent): %v\n", t.account, err)
	return accountRead{AccountID: t.account, Name: t.name, OUPath: t.path, RoleARN: t.roleARN, Read: readNone, Reason: err.Error()}
}

// summarizeAccounts prints how many accounts were read fully, partly or
// not at all (and skipped), writes accounts.json into dir (when set), and
// returns an ExitError when no account could be read. reads are in
// account-ID order.
//
// A shard of a split run (run.Shards > 1) that holds no account to read
// (more shards than accounts) succeeds: the other shards hold them.
func (app *App) summarizeAccounts(reads []accountRead, dir string, run engine.RunInfo) error {
	n := map[string]int{}
	for _, r := range reads {
		n[r.Read]++
	}
	skipped := ""
	if n[readSkipped] > 0 {
		skipped = fmt.Sprintf(", %d skipped (not active or excluded)", n[readSkipped])
	}
	fmt.Fprintf(app.Stderr, "shoulder: %d accounts: %d read fully, %d partly (coverage gaps), %d not at all%s\n",
		len(reads), n[readFull], n[readPartial], n[readNone], skipped)
	if dir != "" {
		if err := writeAccountsJSON(filepath.Join(dir, "accounts.json"), reads, run); err != nil {
			return withCode(ExitError, err)
		}
	}
	if n[readFull]+n[readPartial] == 0 {
		if run.Shards > 1 && n[readNone] == 0 {
			fmt.Fprintf(app.Stderr, "shoulder: shard %d/%d holds no account to read\n", run.Shard, run.Shards)
			return nil
		}
		return withCode(ExitError, errors.New("no account could be read"))
	}
	return nil
}

// writeAccountsJSON writes the per-account read summary.
// run names the run and shard the accounts belong to.
func writeAccountsJSON(path string, reads []accountRead, run engine.RunInfo) error {
	af, err := atomicfile.Create(path, reportPerm)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer af.Abort()
	enc := json.NewEncoder(af)
	enc.SetIndent("", "  ")
	if reads == nil {
		reads = []accountRead{}
	}
	if err := enc.Encode(struct {
		Run      engine.RunInfo `json:"run"`
		Accounts []accountRead  `json:"accounts"`
	}{run, reads}); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return af.Commit()
}

// accountsOutputDir checks -o for a several-account run: a directory
// (created if missing); empty is allowed only for one table or markdown
// report on standard output.
func accountsOutputDir(dest string, stdoutOK bool, what string) (string, error) {
	if dest == "" {
		if stdoutOK {
			return "", nil
		}
		return "", withCode(ExitError, fmt.Errorf("a several-account run (--accounts, --org) with %s needs -o DIR (one %s per account, named by account ID)", what, what))
	}
	if st, err := os.Stat(dest); err == nil && !st.IsDir() {
		return "", withCode(ExitError, fmt.Errorf("-o %s: a several-account run (--accounts, --org) needs a directory, and this is a file", dest))
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return "", withCode(ExitError, fmt.Errorf("-o: %w", err))
	}
	return dest, nil
}

// syncWriter serialises writes of accounts read side by side.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// accountWorkers is the pool of workers of each account when n accounts
// are read side by side under one bound of calls calls in flight: twice
// its share of the bound (a worker waiting for its account's token bucket
// holds no call, so an account needs more workers than calls), at least
// 16, at most the bound. Each worker parked on the gate holds a goroutine
// stack grown by the SDK's middleware (about 27 KiB): 20 small accounts
// side by side with 128 workers each held 2,700 goroutines and 70 MiB of
// stacks, over a quarter of the run's peak RSS, for 128 calls in flight.
func accountWorkers(calls, n int) int {
	return min(calls, max(16, 2*((calls+n-1)/max(n, 1))))
}

// accountJob reads one account with an App of its own (standard output
// buffered, standard error shared) and returns how far it was read; err
// stops the run (a report that could not be written).
type accountJob func(ctx context.Context, app *App, l liveFlags, t memberTarget) (accountRead, error)

// forAccounts runs job for every target of p, up to --account-concurrency
// side by side, under one gate of --concurrency calls in flight. Each
// account's standard output is buffered and written in target order as
// soon as the accounts before it are done, so tables never interleave. It
// returns the reads (with p's skipped accounts) in account-ID order;
// accounts not started when ctx ended are listed as not read.
func (app *App) forAccounts(ctx context.Context, a *accountsFlags, l liveFlags, p *accountsPlan, job accountJob) ([]accountRead, error) {
	l.gate = collect.NewGate(l.concurrency)
	// One HTTP client (connection pool) for every account of the run.
	l.httpClient = awscollect.NewHTTPClient(l.concurrency)
	n := min(a.concurrency, len(p.targets))
	l.noDisplay = n > 1
	l.workers = accountWorkers(l.concurrency, n)
	stderr := &syncWriter{w: app.Stderr}
	reads := make([]accountRead, len(p.targets))
	outs := make([]*bytes.Buffer, len(p.targets))
	done := make([]bool, len(p.targets))
	var mu sync.Mutex
	var firstErr error
	flushed := 0
	// The caller's account (in an organization run, the management or
	// delegated-administrator account) is read first, alone: its
	// organization-wide facts apply to every member (orgRun).
	callerIdx := -1
	for i, t := range p.targets {
		if p.caller != "" && t.account == p.caller {
			callerIdx = i
		}
	}
	callerDone := make(chan struct{})
	// The accounts read right after the caller, before the others: the
	// sources of organization-wide facts (p.factSources).
	first := map[int]bool{}
	var firstWG sync.WaitGroup
	finish := func(i int, r accountRead, err error) {
		mu.Lock()
		defer mu.Unlock()
		if i == callerIdx {
			close(callerDone)
		}
		if first[i] {
			firstWG.Done()
		}
		reads[i], done[i] = r, true
		if err != nil && firstErr == nil {
			firstErr = err
		}
		for flushed < len(done) && done[flushed] {
			if outs[flushed] != nil {
				_, _ = app.Stdout.Write(outs[flushed].Bytes())
				outs[flushed] = nil
			}
			flushed++
		}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				t := p.targets[i]
				mu.Lock()
				stop := ctx.Err() != nil || firstErr != nil
				outs[i] = &bytes.Buffer{}
				mu.Unlock()
				if stop {
					finish(i, accountRead{AccountID: t.account, Name: t.name, OUPath: t.path, RoleARN: t.roleARN, Read: readNone,
						Reason: "not read: the run stopped (Ctrl-C or a failed write) before this account"}, nil)
					continue
				}
				sub := *app
				sub.Stdout, sub.Stderr = outs[i], stderr
				ml := memberLive(l, t, p.orgTree)
				if i == callerIdx {
					ml.workers = 0 // read alone: every worker
				}
				r, err := job(ctx, &sub, ml, t)
				r.Name, r.OUPath = t.name, t.path
				finish(i, r, err)
			}
		}()
	}
	if p.factsFrom != nil && ctx.Err() == nil {
		// Another shard holds the caller's account: read it here too,
		// before any member, for the organization-wide facts only.
		t := *p.factsFrom
		t.factsOnly = true
		sub := *app
		sub.Stdout, sub.Stderr = io.Discard, stderr
		ml := memberLive(l, t, p.orgTree)
		ml.workers = 0 // read alone: every worker
		if _, err := job(ctx, &sub, ml, t); err != nil {
			firstErr = err
		}
	}
	if callerIdx >= 0 {
		jobs <- callerIdx
		<-callerDone
	}
	if p.factSources != nil {
		idx := map[string]int{}
		for i, t := range p.targets {
			idx[t.account] = i
		}
		var order []int
		mu.Lock()
		for _, id := range p.factSources() {
			if i, ok := idx[id]; ok && i != callerIdx && !first[i] {
				first[i] = true
				order = append(order, i)
			}
		}
		firstWG.Add(len(order))
		mu.Unlock()
		for _, i := range order {
			jobs <- i
		}
		firstWG.Wait()
	}
	for i := range p.targets {
		if i != callerIdx && !first[i] {
			jobs <- i
		}
	}
	close(jobs)
	wg.Wait()
	all := append(reads, p.skipped...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].AccountID < all[j].AccountID })
	return all, firstErr
}

// scanAccounts scans the accounts of a several-account run side by side:
// each is read, evaluated and its reports written as soon as it is done,
// so only the accounts in flight are in memory. With -o DIR each account's
// reports go to DIR/ACCOUNT/ and the read summary to DIR/accounts.json;
// without -o a single table or markdown report per account goes to
// standard output, in account-ID order.
func (app *App) scanAccounts(ctx context.Context, f *scanFlags, p *accountsPlan, sel []check.Check, pol *policy.Policy,
	formats []report.Format, fscan *frameworkScan, filters tableFilters, failOn check.Severity, failEnabled bool, rec *scanRecorder) error {
	stdoutOK := len(formats) == 1 && (formats[0].Name == "table" || formats[0].Name == "markdown")
	dir, err := accountsOutputDir(f.output, stdoutOK, "--format "+formats[0].Name)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	var covErr, storeErr error
	failed := false
	org := &orgRun{caller: p.caller, tree: p.orgTree}
	if p.caller != "" {
		p.factSources = org.factSources
	}
	comb := engine.NewCombiner()
	// What the list formats must know of every result before writing
	// the first (report.Digest), tallied as each account is added.
	digest := report.NewDigest()
	if dir != "" && fscan == nil && replayable(formats) {
		// The organization's report is written by streaming writers:
		// each account's results wait in a file, not in memory, until
		// every account is read (writeLiveOrgReport replays them).
		tmp, err := os.MkdirTemp("", "shoulder-org-results-")
		if err != nil {
			return withCode(ExitError, fmt.Errorf("a temporary directory for the organization's results: %w", err))
		}
		defer os.RemoveAll(tmp)
		comb.SpillTo(tmp)
	}
	reads, jobErr := app.forAccounts(ctx, &f.accts, f.src.live, p, func(ctx context.Context, app *App, l liveFlags, t memberTarget) (accountRead, error) {
		fa := *f
		// A member whose organization-wide facts the run already read
		// (the caller's account, read first) leaves those reads to it.
		// The other sources of those facts (the management account, the
		// delegated administrators) read their own.
		l.orgFactsRead = t.account != p.caller && org.hasFacts() && !org.isSource(t.account)
		fa.src.live = l
		fa.org = org
		rep, opts, interrupted, kept, err := app.evaluateKeep(ctx, &fa, sel, pol, formats)
		if t.factsOnly {
			// evaluate recorded the facts (orgRun.prepare); the results
			// are another shard's to write.
			if err == nil {
				err = wrongAccount(t, rep.AccountID)
			}
			if err != nil {
				fmt.Fprintf(app.Stderr, "shoulder: management account %s could not be read for its organization-wide facts (members are judged without them): %v\n", t.account, err)
			}
			return accountRead{}, nil
		}
		if err != nil {
			return notRead(app.Stderr, t, err), nil
		}
		if interrupted {
			return notRead(app.Stderr, t, errors.New("interrupted while this account was read: its reports are not written")), nil
		}
		if werr := wrongAccount(t, rep.AccountID); werr != nil {
			return notRead(app.Stderr, t, werr), nil
		}
		run := p.run
		rep.Run = &run
		out := ""
		if dir != "" {
			out = filepath.Join(dir, t.account) + string(filepath.Separator)
		}
		plan, err := planOutputs(formats, out)
		if err != nil {
			return accountRead{}, err
		}
		if err := app.writeScan(&fa, plan, rep, opts, sel, fscan, filters, false); err != nil {
			return accountRead{}, err
		}
		sum := rep.Summary
		cerr := f.cov.judge(app.Stderr, rep.Coverage())
		read := accountRead{AccountID: t.account, RoleARN: t.roleARN, Read: readLevel(rep.Gaps), Output: out, Summary: &sum}
		mu.Lock()
		defer mu.Unlock()
		if cerr != nil && covErr == nil {
			covErr = cerr
		}
		failed = failed || (failEnabled && rep.FailuresAtOrAbove(failOn) > 0)
		// Recorded once its reports are written (as a single scan is), one
		// account at a time: the store has one writer.
		if err := rec.record(ctx, app, rep, pol, kept); err != nil && storeErr == nil {
			storeErr = err
		}
		if dir != "" {
			// The account's own reports are written: its results move
			// into the organization's report.
			digest.Add(rep.AccountID, rep.Results)
			if err := comb.Add(rep); err != nil {
				return accountRead{}, withCode(ExitError, err)
			}
		}
		return read, nil
	})
	if dir != "" && jobErr == nil {
		if err := app.writeLiveOrgReport(f, dir, comb, digest, reads, org, p.run, sel, fscan, filters, formats); err != nil {
			jobErr = err
		}
	}
	if jobErr == nil {
		jobErr = storeErr
	}
	if jobErr == nil && ctx.Err() == nil {
		// Every account of this shard was read (or its reason kept) and
		// recorded: the shard is finished (report --run-id waits for all).
		jobErr = rec.finish(ctx, p.run)
	}
	return app.endAccounts(ctx, reads, dir, p.run, jobErr, covErr, failed)
}

// orgRun is what an organization run shares between its accounts: the OU
// tree discovery read, and the organization-wide facts of the caller's
// (management or delegated-administrator) account, read before any member
// (forAccounts reads the caller first) and applied to each member's state
// before its checks run (state.Account.ApplyOrgFacts).
type orgRun struct {
	caller string
	tree   *state.OrgTree
	mu     sync.Mutex
	facts  *state.OrgFacts
	// sources are the accounts besides the caller whose facts are merged
	// into facts (factSources).
	sources map[string]bool
}

// factSources names, once the caller's facts are recorded, the other
// accounts that hold organization-wide facts: the management account
// (when the caller is a delegated administrator) and the delegated
// administrators (only GuardDuty's and Security Hub's read their
// organization configuration; an organization trail or analyzer may live
// in any of them). forAccounts reads them right after the caller and
// before every other member, and prepare merges their facts
// (state.MergeOrgFacts), so every member is judged by all of them.
func (o *orgRun) factSources() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sources = map[string]bool{}
	if o.facts == nil {
		return nil
	}
	var ids []string
	add := func(id string) {
		if id != "" && id != o.caller && !o.sources[id] {
			o.sources[id] = true
			ids = append(ids, id)
		}
	}
	add(o.facts.Organization.MasterAccountID)
	for _, d := range o.facts.Organization.DelegatedAdmins {
		add(d.AccountID)
	}
	return ids
}

// isSource reports whether account id is a source of facts besides the
// caller (factSources).
func (o *orgRun) isSource(id string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.sources[id]
}

// hasFacts reports whether the caller's organization-wide facts were
// recorded (the caller's account is read before any member).
func (o *orgRun) hasFacts() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.facts != nil
}

// prepare applies the organization to one account's state and returns its
// effective policy: the caller's account records the facts, a member gets
// them; scopes are placed in the run's tree.
func (o *orgRun) prepare(app *App, pol *policy.Policy, acct *state.Account) (*policy.Policy, error) {
	o.mu.Lock()
	if acct.AccountID == o.caller {
		o.facts = state.OrgFactsOf(acct)
	} else if o.sources[acct.AccountID] && o.facts != nil {
		// Its facts join the caller's; it is judged by them all (its own
		// among them).
		m, err := state.MergeOrgFacts(o.facts, state.OrgFactsOf(acct))
		if err != nil {
			fmt.Fprintf(app.Stderr, "shoulder: account %s: %v\n", acct.AccountID, err)
		} else {
			o.facts = m
		}
		if err := acct.ApplyOrgFacts(o.facts); err != nil {
			fmt.Fprintf(app.Stderr, "shoulder: account %s: %v\n", acct.AccountID, err)
		}
	} else if o.facts != nil && acct.OrgFacts == nil {
		if err := acct.ApplyOrgFacts(o.facts); err != nil {
			fmt.Fprintf(app.Stderr, "shoulder: account %s: %v\n", acct.AccountID, err)
		}
	}
	tree := o.tree
	o.mu.Unlock()
	if tree == nil && acct.Organization != nil {
		tree = acct.Organization.Tree
	}
	return app.accountPolicyIn(pol, acct, tree)
}

// writeLiveOrgReport writes the organization's combined report of a live
// run with -o DIR as DIR/report.FORMAT (beside each account's DIR/ID/):
// every read account's results, the accounts not read with the reason.
func (app *App) writeLiveOrgReport(f *scanFlags, dir string, comb *engine.Combiner, digest *report.Digest, reads []accountRead, org *orgRun, run engine.RunInfo,
	sel []check.Check, fscan *frameworkScan, filters tableFilters, formats []report.Format) error {
	for _, r := range reads {
		if r.Read == readNone || r.Read == readSkipped {
			if err := comb.AddUnread(r.AccountID, r.Name, r.Reason); err != nil {
				return withCode(ExitError, err)
			}
		}
	}
	orgID := ""
	org.mu.Lock()
	if org.facts != nil {
		orgID = org.facts.Organization.ID
	}
	org.mu.Unlock()
	rep := comb.Report(org.tree, orgID)
	rep.Run = &run
	plan, err := planOutputs(formats, dir+string(filepath.Separator))
	if err != nil {
		return err
	}
	opts, err := reportview.OrgOptions(Version, sel, rep)
	if err != nil {
		return withCode(ExitError, err)
	}
	if comb.Spilled() {
		outs, err := plan.open(app)
		if err != nil {
			return err
		}
		defer outs.closeAll()
		if err := app.outputOptions(f, outs, filters, &opts); err != nil {
			return err
		}
		if err := outs.replay(rep, opts, digest, func(fn func([]engine.Finding) error) error { return comb.ReplayResults(rep, fn) }); err != nil {
			return withCode(ExitError, err)
		}
		return nil
	}
	quiet := *f
	quiet.cov = coverageFlags{}
	return app.writeScan(&quiet, plan, rep, opts, sel, fscan, filters, false)
}

// endAccounts writes the summary and decides the exit: a failed write or
// Ctrl-C first (exit 2), then no account read (2), coverage, findings.
func (app *App) endAccounts(ctx context.Context, reads []accountRead, dir string, run engine.RunInfo, jobErr, covErr error, failed bool) error {
	serr := app.summarizeAccounts(reads, dir, run)
	switch {
	case jobErr != nil:
		return jobErr
	case ctx.Err() != nil:
		return withCode(ExitError, errInterrupted)
	case serr != nil:
		return serr
	case covErr != nil:
		return covErr
	case failed:
		return errFindings
	}
	return nil
}

// collectAccounts reads the accounts of a several-account run side by
// side and saves each to DIR/ACCOUNT.json as soon as it is read.
func (app *App) collectAccounts(ctx context.Context, f *collectFlags, p *accountsPlan) error {
	dir, err := accountsOutputDir(f.output, false, "collect")
	if err != nil {
		return err
	}
	var mu sync.Mutex
	var covErr error
	// collect applies no organization-wide facts (scanning the snapshots
	// does), so a shard reads only the accounts it holds.
	p.factsFrom = nil
	reads, jobErr := app.forAccounts(ctx, &f.accts, f.live, p, func(ctx context.Context, app *App, l liveFlags, t memberTarget) (accountRead, error) {
		acct, err := app.loadLive(ctx, &l)
		if acct == nil {
			return notRead(app.Stderr, t, err), nil
		}
		if werr := wrongAccount(t, acct.AccountID); werr != nil {
			return notRead(app.Stderr, t, werr), nil
		}
		out := filepath.Join(dir, t.account+".json")
		if serr := state.SaveSnapshot(out, acct, "shoulder "+Version); serr != nil {
			return accountRead{}, withCode(ExitError, serr)
		}
		if !l.quiet {
			fmt.Fprintf(app.Stderr, "shoulder: saved account %s to %s\n", acct.AccountID, out)
		}
		rep := engine.Run(checks.All(), acct, policy.Default())
		sum := rep.Summary
		r := accountRead{AccountID: t.account, RoleARN: t.roleARN, Read: readLevel(acct.Gaps.All()), Output: out, Summary: &sum}
		if err != nil { // interrupted: what was read is saved, with cancelled gaps
			r.Reason = "interrupted: the snapshot holds what was read"
			return r, nil
		}
		if cerr := f.cov.judge(app.Stderr, rep.Coverage()); cerr != nil {
			mu.Lock()
			if covErr == nil {
				covErr = cerr
			}
			mu.Unlock()
		}
		return r, nil
	})
	return app.endAccounts(ctx, reads, dir, p.run, jobErr, covErr, false)
}
