package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/input"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/responsibility"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// accountsFile is the read summary `collect --accounts -o DIR` writes next
// to the account snapshots.
const accountsFile = "accounts.json"

// orgDir is a directory of account snapshots (what `collect --accounts -o
// DIR` writes: DIR/ACCOUNT.json and DIR/accounts.json), read as one
// organization.
type orgDir struct {
	dir string
	// demo is set for the embedded demo organization: its accounts are
	// demo.OrgAccounts, loaded with demo.LoadOrgAccount.
	demo bool
	// files are the snapshot files, ordered by name.
	files []string
	// unread are the accounts accounts.json lists as not read, with the
	// reason, in its order.
	unread []accountRead
	// facts caches managementFacts' answer (factsRead says it was looked for).
	facts     *state.OrgFacts
	factsRead bool
}

// managementFacts returns the organization-wide facts of the management
// (or a delegated-administrator) account's snapshot (state.OrgFactsOf),
// found before any account is evaluated: members' own snapshots hold no OU
// tree, and what applies to a member (organization trails, org-wide
// settings, SCPs through its OUs, policy scopes by OU) depends on them. It
// reads only the organization of each snapshot to find that account, then
// loads that one snapshot; nil when no snapshot holds a tree. Errors carry
// ExitError.
func (app *App) managementFacts(o *orgDir) (*state.OrgFacts, error) {
	if o.factsRead {
		return o.facts, nil
	}
	o.factsRead = true
	limit, err := app.inputLimit()
	if err != nil {
		return nil, err
	}
	best, bestMgmt := "", false
	for _, path := range o.files {
		var org *state.Organization
		if o.demo {
			a, err := demo.LoadOrgAccount(path)
			if err != nil {
				return nil, withCode(ExitError, err)
			}
			org = a.Organization
		} else {
			f, err := input.Open(path, limit)
			if err != nil {
				return nil, withCode(ExitError, fmt.Errorf("--snapshot %s: %w", o.dir, err))
			}
			var doc struct {
				Account struct {
					Organization *state.Organization `json:"organization"`
				} `json:"account"`
			}
			err = json.NewDecoder(f).Decode(&doc)
			f.Close()
			if err != nil {
				// eachAccount reports the file with its line and column.
				continue
			}
			org = doc.Account.Organization
		}
		if org == nil || org.Tree == nil || bestMgmt {
			continue
		}
		if best == "" || org.IsManagementAccount {
			best, bestMgmt = path, org.IsManagementAccount
		}
	}
	if best == "" {
		return nil, nil
	}
	var src *state.Account
	if o.demo {
		src, err = demo.LoadOrgAccount(best)
	} else {
		src, err = state.LoadSnapshotLimit(best, limit)
	}
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	o.facts = state.OrgFactsOf(src)
	return o.facts, nil
}

// orgPolicy is the policy in effect for one account of an organization
// directory: pol with the scopes that cover it, placed in the tree of the
// management account's snapshot (managementFacts).
func (app *App) orgPolicy(o *orgDir, pol *policy.Policy, a *state.Account) (*policy.Policy, error) {
	if pol == nil || len(pol.Scopes) == 0 {
		return pol, nil
	}
	var tree *state.OrgTree
	if f, err := app.managementFacts(o); err != nil {
		return nil, err
	} else if f != nil {
		tree = f.Organization.Tree
	}
	return app.accountPolicyIn(pol, a, tree)
}

// demoOrgDir is the embedded demo organization.
func demoOrgDir() *orgDir {
	return &orgDir{dir: demo.OrgName, demo: true, files: demo.OrgAccounts()}
}

// isDir reports whether path names a directory.
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// openOrgDir lists an organization directory. Anything in it but
// ACCOUNT.json snapshots (12-digit names) and accounts.json is refused, as
// is a directory without a snapshot: a typo in -o or --snapshot must not
// read as an empty organization. Errors carry ExitError.
func (app *App) openOrgDir(dir string) (*orgDir, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, withCode(ExitError, fmt.Errorf("--snapshot %s: %w", dir, err))
	}
	o := &orgDir{dir: dir}
	for _, e := range ents {
		name := e.Name()
		switch {
		case name == accountsFile:
			if err := app.readAccountsFile(o, filepath.Join(dir, name)); err != nil {
				return nil, withCode(ExitError, err)
			}
		case strings.HasSuffix(name, ".json") && validAccountID(strings.TrimSuffix(name, ".json")) && e.Type().IsRegular():
			o.files = append(o.files, filepath.Join(dir, name))
		default:
			return nil, withCode(ExitError, fmt.Errorf("--snapshot %s: %s is not an account snapshot (a directory of account snapshots holds ACCOUNT_ID.json files and accounts.json, as `shoulder collect --accounts ... -o DIR` writes)", dir, name))
		}
	}
	if len(o.files) == 0 {
		return nil, withCode(ExitError, fmt.Errorf("--snapshot %s: the directory holds no account snapshot (ACCOUNT_ID.json; write them with `shoulder collect --accounts ... -o DIR`)", dir))
	}
	sort.Strings(o.files)
	return o, nil
}

// validAccountID reports whether s is 12 digits.
func validAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// readAccountsFile takes the accounts that were not read from
// accounts.json: they are reported, never dropped.
func (app *App) readAccountsFile(o *orgDir, path string) error {
	limit, err := app.inputLimit()
	if err != nil {
		return err
	}
	b, err := input.ReadFile(path, limit)
	if err != nil {
		return fmt.Errorf("--snapshot: %w", err)
	}
	var doc struct {
		Accounts []accountRead `json:"accounts"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("--snapshot: %s is not the read summary `collect --accounts` writes: %w", path, err)
	}
	for _, r := range doc.Accounts {
		if !validAccountID(r.AccountID) {
			return fmt.Errorf("--snapshot: %s: account ID %q is not 12 digits", path, r.AccountID)
		}
		if r.Read == engine.ReadNone {
			o.unread = append(o.unread, r)
		}
	}
	return nil
}

// orgFacts is what the organization's snapshots say about it as a whole.
type orgFacts struct {
	// ID is the AWS Organization the accounts are members of ("" if none
	// says).
	ID string
	// Tree is the OU tree a management (or delegated-administrator)
	// account's snapshot holds, nil when none does.
	Tree *state.OrgTree
}

// eachAccount loads the directory's snapshots one at a time and calls fn
// with each: an account's state is released before the next is loaded, so
// memory is bounded by one account. It refuses (ExitError) a file that is
// not a snapshot, a snapshot of another account than its name says, an
// account twice and accounts of different organizations. The unread
// accounts of accounts.json are left to the caller (o.unread).
func (app *App) eachAccount(o *orgDir, fn func(*state.Account) error) (orgFacts, error) {
	var facts orgFacts
	limit, err := app.inputLimit()
	if err != nil {
		return facts, err
	}
	orgOf := ""
	for _, path := range o.files {
		var a *state.Account
		if o.demo {
			a, err = demo.LoadOrgAccount(path)
		} else {
			a, err = state.LoadSnapshotLimit(path, limit)
		}
		if err != nil {
			return facts, withCode(ExitError, err)
		}
		if want := strings.TrimSuffix(filepath.Base(path), ".json"); a.AccountID != want {
			return facts, withCode(ExitError, fmt.Errorf("--snapshot %s: %s holds account %q, not %s (one file per account, named by its ID)", o.dir, filepath.Base(path), a.AccountID, want))
		}
		if a.Source == "" {
			a.Source = "snapshot"
		}
		if org := a.Organization; org != nil && org.ID != "" {
			if facts.ID != "" && org.ID != facts.ID {
				return facts, withCode(ExitError, fmt.Errorf("--snapshot %s: the snapshots mix organizations: %s is in %s, %s in %s; one directory is one organization", o.dir, orgOf, facts.ID, a.AccountID, org.ID))
			}
			facts.ID, orgOf = org.ID, a.AccountID
			if org.Tree != nil && (facts.Tree == nil || org.IsManagementAccount) {
				facts.Tree = org.Tree
			}
		}
		if f, err := app.managementFacts(o); err != nil {
			return facts, err
		} else if f != nil && a.OrgFacts == nil && a.AccountID != f.SourceAccountID {
			if err := a.ApplyOrgFacts(f); err != nil {
				return facts, withCode(ExitError, fmt.Errorf("--snapshot %s: %w", o.dir, err))
			}
		}
		if err := fn(a); err != nil {
			return facts, err
		}
	}
	return facts, nil
}

// scanOrgDir scans a directory of account snapshots as one organization:
// each account is evaluated and its results moved into the combined report
// before the next is loaded. With a store, each account's scan is
// recorded as it is evaluated (before its results move), all under one
// derived run ID of one shard, which is marked finished once the combined
// reports are written; a store that fails is reported (exit 2) after the
// outputs are written, and the run is then not finished.
func (app *App) scanOrgDir(ctx context.Context, f *scanFlags, o *orgDir, plan *outputPlan, sel []check.Check, pol *policy.Policy, formats []report.Format,
	fscan *frameworkScan, filters tableFilters, failOn check.Severity, failEnabled bool, rec *scanRecorder) error {
	tags := false
	for _, fm := range formats {
		tags = tags || fm.Tags
	}
	if rec.enabled() {
		rec.run = engine.RunInfo{ID: newRunID(time.Now()), Shards: 1}
	}
	var storeErr error
	rep, err := app.combineOrg(o, func(a *state.Account) (*engine.Report, error) {
		ap, err := app.orgPolicy(o, pol, a)
		if err != nil {
			return nil, err
		}
		r := engine.Run(sel, a, ap)
		if rec.enabled() && storeErr == nil {
			kept, err := reportview.Kept(a, ap)
			if err == nil {
				err = rec.record(ctx, app, r, ap, kept)
			}
			storeErr = err
		}
		if !tags {
			r.DropTags()
		}
		return r, nil
	})
	if err != nil {
		return err
	}
	err = app.writeOrgScan(f, plan, rep, sel, fscan, filters, failOn, failEnabled)
	if err != nil && !errors.Is(err, errFindings) {
		return err
	}
	if storeErr == nil && rec.enabled() {
		if storeErr = rec.finish(ctx, rec.run); storeErr == nil {
			fmt.Fprintf(app.Stderr, "shoulder: recorded %d accounts as run %s (shoulder report --run-id %s)\n", len(rep.Accounts), rec.run.ID, rec.run.ID)
		}
	}
	if storeErr != nil {
		return storeErr
	}
	return err
}

// writeOrgScan writes a combined report (engine.Combiner) to the planned
// outputs and judges coverage and --fail-on over every account. It is
// what any organization source ends with: a directory of snapshots,
// --demo-org, or a live run that adds each account's report to a
// Combiner as it is read (and AddUnread for one that could not be).
func (app *App) writeOrgScan(f *scanFlags, plan *outputPlan, rep *engine.Report, sel []check.Check,
	fscan *frameworkScan, filters tableFilters, failOn check.Severity, failEnabled bool) error {
	opts, err := reportview.OrgOptions(Version, sel, rep)
	if err != nil {
		return withCode(ExitError, err)
	}
	if err := app.writeScan(f, plan, rep, opts, sel, fscan, filters, false); err != nil {
		return err
	}
	if err := f.cov.judge(app.Stderr, rep.Coverage()); err != nil {
		return err
	}
	if failEnabled && rep.FailuresAtOrAbove(failOn) > 0 {
		return errFindings
	}
	return nil
}

// combineOrg evaluates every account of an organization directory with
// eval and combines the reports; the accounts accounts.json lists as not
// read are added with their reason. It prints how many accounts were read
// fully, partly or not at all, and fails (ExitError) when none was read.
func (app *App) combineOrg(o *orgDir, eval func(*state.Account) (*engine.Report, error)) (*engine.Report, error) {
	c := engine.NewCombiner()
	facts, err := app.eachAccount(o, func(a *state.Account) error {
		r, err := eval(a)
		if err != nil {
			return err
		}
		if err := c.Add(r); err != nil {
			return withCode(ExitError, fmt.Errorf("--snapshot %s: %w", o.dir, err))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, u := range o.unread {
		if err := c.AddUnread(u.AccountID, "", u.Reason); err != nil {
			return nil, withCode(ExitError, fmt.Errorf("--snapshot %s: %s: %w", o.dir, accountsFile, err))
		}
	}
	rep := c.Report(facts.Tree, facts.ID)
	app.reportAccountReads(rep)
	return rep, nil
}

// reportAccountReads prints the read levels of a combined report's
// accounts to standard error.
func (app *App) reportAccountReads(rep *engine.Report) {
	n := map[string]int{}
	for _, e := range rep.Accounts {
		n[e.Read]++
		if e.Read == engine.ReadNone {
			fmt.Fprintf(app.Stderr, "shoulder: account %s NOT READ (coverage gap, its results are absent): %s\n", textsafe.Terminal(e.ID), textsafe.Terminal(e.Reason))
		}
	}
	fmt.Fprintf(app.Stderr, "shoulder: %d accounts: %d read fully, %d partly (coverage gaps), %d not at all\n",
		len(rep.Accounts), n[engine.ReadFull], n[engine.ReadPartial], n[engine.ReadNone])
}

// orgMatrix builds the duty matrix over an organization directory: each
// account's matrix is built from its state and report and folded into the
// counts before the next account is loaded.
func (app *App) orgMatrix(ctx context.Context, vw *view, cat *responsibility.Catalog) (*responsibility.OrgMatrix, error) {
	type acctInfo struct{ id, read string }
	var parts []*responsibility.Matrix
	var infos []acctInfo
	facts, err := app.eachAccount(vw.org, func(a *state.Account) error {
		ap, err := app.orgPolicy(vw.org, vw.pol, a)
		if err != nil {
			return err
		}
		rep := engine.Run(checks.All(), a, ap)
		vw.run.add(ctx, app, a, ap, rep)
		m := responsibility.Build(cat, a, rep, responsibility.Options{})
		// The matrix holds counts, never the state: keep it until the
		// tree (names, OU paths) is known.
		parts = append(parts, m)
		infos = append(infos, acctInfo{a.AccountID, engine.ReadLevel(a.Gaps.All())})
		return nil
	})
	if err != nil {
		return nil, err
	}
	b := responsibility.NewOrgBuilder(cat, facts.ID)
	for i, m := range parts {
		name := ""
		if oa, ok := facts.Tree.Account(infos[i].id); ok {
			name = oa.Name
		}
		b.Add(m, name, facts.Tree.Path(infos[i].id), infos[i].read)
	}
	for _, u := range vw.org.unread {
		b.AddUnread(u.AccountID, u.Reason)
	}
	return b.Matrix(), nil
}

// orgDataMap builds the data map over an organization directory: every
// store of every account, with its account and OU path.
func (app *App) orgDataMap(ctx context.Context, vw *view) (*datamap.Map, error) {
	var parts []*datamap.Map
	var reads []string
	facts, err := app.eachAccount(vw.org, func(a *state.Account) error {
		ap, err := app.orgPolicy(vw.org, vw.pol, a)
		if err != nil {
			return err
		}
		if vw.run != nil {
			vw.run.add(ctx, app, a, ap, engine.Run(checks.All(), a, ap))
		}
		parts = append(parts, datamap.Build(a, ap))
		reads = append(reads, engine.ReadLevel(a.Gaps.All()))
		return nil
	})
	if err != nil {
		return nil, err
	}
	m := datamap.NewOrg(facts.ID)
	for i, p := range parts {
		name := ""
		if oa, ok := facts.Tree.Account(p.AccountID); ok {
			name = oa.Name
		}
		m.AddAccount(p, name, facts.Tree.Path(p.AccountID), reads[i])
	}
	for _, u := range vw.org.unread {
		m.AddUnread(u.AccountID, u.Reason)
	}
	return m, nil
}
