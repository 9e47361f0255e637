package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/atomicfile"
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	awscollect "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// accountsFlags name several accounts read one after another, each through
// sts:AssumeRole into the member role.
type accountsFlags struct {
	accounts   []string
	memberRole string
}

func (a *accountsFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringSliceVar(&a.accounts, "accounts", nil, "live: read these `ACCOUNT_IDS` (12 digits, comma-separated) one after another, each through sts:AssumeRole into --member-role (with --external-id if set); an account whose role cannot be assumed is reported and skipped")
	f.StringVar(&a.memberRole, "member-role", awscollect.DefaultMemberRole, "live: with --accounts, the role `NAME` (a plain name, no path or ARN) assumed in each account, session name "+awscollect.MemberSessionName)
}

// memberTarget is one account of --accounts and the role read it with.
type memberTarget struct{ account, roleARN string }

// targets validates the flags against the other source flags; errors
// carry ExitError. It returns nil when --accounts is not given.
func (a *accountsFlags) targets(cmd *cobra.Command, l *liveFlags, demo bool, snapshot string) ([]memberTarget, error) {
	if len(a.accounts) == 0 {
		if cmd.Flags().Changed("member-role") {
			return nil, withCode(ExitError, errors.New("--member-role needs --accounts"))
		}
		return nil, nil
	}
	switch {
	case l.roleARN != "":
		return nil, withCode(ExitError, errors.New("--accounts and --role-arn are exclusive: --accounts assumes --member-role in each account"))
	case demo || snapshot != "":
		return nil, withCode(ExitError, errors.New("--accounts reads live accounts: it does not go with --demo or --snapshot"))
	}
	seen := map[string]bool{}
	var out []memberTarget
	for _, id := range a.accounts {
		id = strings.TrimSpace(id)
		arn, err := awscollect.MemberRoleARN(id, a.memberRole)
		if err != nil {
			return nil, withCode(ExitError, fmt.Errorf("--accounts/--member-role: %w", err))
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, memberTarget{account: id, roleARN: arn})
		}
	}
	return out, nil
}

// accountRead is how far one account of --accounts was read.
type accountRead struct {
	AccountID string `json:"account_id"`
	RoleARN   string `json:"role_arn"`
	// Read is full (no coverage gap), partial (gaps) or none (the role
	// could not be assumed or nothing was read; its results are absent).
	Read   string `json:"read"`
	Reason string `json:"reason,omitempty"`
	// Report is the account's report directory or snapshot file.
	Output  string          `json:"output,omitempty"`
	Summary *engine.Summary `json:"summary,omitempty"`
}

// readLevel classifies a read account by its coverage gaps: partial when
// it has gaps other than slow reads skipped by --details, else full.
func readLevel(gaps []state.Gap) string {
	for _, g := range gaps {
		if g.Reason != state.ReasonSkipped {
			return "partial"
		}
	}
	return "full"
}

// loadMember reads one member account with the existing collector: the
// same AssumeRole as --role-arn, into the member role.
func (app *App) loadMember(ctx context.Context, l liveFlags, t memberTarget) (*state.Account, error) {
	l.roleARN = t.roleARN
	l.sessionName = awscollect.MemberSessionName
	return app.loadLive(ctx, &l)
}

// wrongAccount refuses a read whose caller identity is not the account
// asked for: its results must never be filed under that account.
func wrongAccount(t memberTarget, got string) error {
	if got != t.account {
		return fmt.Errorf("assumed %s but the credentials are of account %q: not filed under %s", t.roleARN, got, t.account)
	}
	return nil
}

// notRead reports an account that could not be read and records it.
func (app *App) notRead(reads []accountRead, t memberTarget, err error) []accountRead {
	fmt.Fprintf(app.Stderr, "shoulder: account %s NOT READ (coverage gap, its results are absent): %v\n", t.account, err)
	return append(reads, accountRead{AccountID: t.account, RoleARN: t.roleARN, Read: "none", Reason: err.Error()})
}

// summarizeAccounts prints how many accounts were read fully, partly or
// not at all, writes the combined accounts.json into dir (when set), and
// returns an ExitError when no account could be read.
func (app *App) summarizeAccounts(reads []accountRead, dir string) error {
	n := map[string]int{}
	for _, r := range reads {
		n[r.Read]++
	}
	fmt.Fprintf(app.Stderr, "shoulder: %d accounts: %d read fully, %d partly (coverage gaps), %d not at all\n",
		len(reads), n["full"], n["partial"], n["none"])
	if dir != "" {
		if err := writeAccountsJSON(filepath.Join(dir, "accounts.json"), reads); err != nil {
			return withCode(ExitError, err)
		}
	}
	if n["none"] == len(reads) {
		return withCode(ExitError, errors.New("no account could be read"))
	}
	return nil
}

// writeAccountsJSON writes the per-account read summary.
func writeAccountsJSON(path string, reads []accountRead) error {
	af, err := atomicfile.Create(path, reportPerm)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer af.Abort()
	enc := json.NewEncoder(af)
	enc.SetIndent("", "  ")
	if err := enc.Encode(struct {
		Accounts []accountRead `json:"accounts"`
	}{reads}); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return af.Commit()
}

// accountsOutputDir checks -o for --accounts: a directory (created if
// missing); empty is allowed only for one table or markdown report on
// standard output.
func accountsOutputDir(dest string, stdoutOK bool, what string) (string, error) {
	if dest == "" {
		if stdoutOK {
			return "", nil
		}
		return "", withCode(ExitError, fmt.Errorf("--accounts %s needs -o DIR (one %s per account, named by account ID)", what, what))
	}
	if st, err := os.Stat(dest); err == nil && !st.IsDir() {
		return "", withCode(ExitError, fmt.Errorf("-o %s: --accounts needs a directory, and this is a file", dest))
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return "", withCode(ExitError, fmt.Errorf("-o: %w", err))
	}
	return dest, nil
}

// scanAccounts scans each account of --accounts in turn: it is read,
// evaluated and its report written before the next is read, so one
// account's state is in memory at a time. With -o DIR each account's
// reports go to DIR/ACCOUNT/ and the read summary to DIR/accounts.json;
// without -o a single table or markdown report per account goes to
// standard output, one after another.
func (app *App) scanAccounts(ctx context.Context, f *scanFlags, targets []memberTarget, sel []check.Check, pol *policy.Policy,
	formats []report.Format, fscan *frameworkScan, filters tableFilters, failOn check.Severity, failEnabled bool, rec *scanRecorder) error {
	stdoutOK := len(formats) == 1 && (formats[0].Name == "table" || formats[0].Name == "markdown")
	dir, err := accountsOutputDir(f.output, stdoutOK, "--format "+formats[0].Name)
	if err != nil {
		return err
	}
	var reads []accountRead
	var firstErr, storeErr error
	failed := false
	for _, t := range targets {
		fa := *f
		fa.src.live.roleARN = t.roleARN
		fa.src.live.sessionName = awscollect.MemberSessionName
		rep, opts, interrupted, err := app.evaluate(ctx, &fa, sel, pol, formats)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			reads = app.notRead(reads, t, err)
			continue
		}
		if werr := wrongAccount(t, rep.AccountID); werr != nil {
			reads = app.notRead(reads, t, werr)
			continue
		}
		out := ""
		if dir != "" {
			out = filepath.Join(dir, t.account) + string(filepath.Separator)
		}
		plan, err := planOutputs(formats, out)
		if err != nil {
			return err
		}
		if err := app.writeScan(&fa, plan, rep, opts, sel, fscan, filters, interrupted); err != nil {
			return err
		}
		if err := rec.record(ctx, app, rep, pol); err != nil && storeErr == nil {
			storeErr = err
		}
		sum := rep.Summary
		reads = append(reads, accountRead{AccountID: t.account, RoleARN: t.roleARN, Read: readLevel(rep.Gaps), Output: out, Summary: &sum})
		if err := f.cov.judge(app.Stderr, rep.Coverage()); err != nil && firstErr == nil {
			firstErr = err
		}
		failed = failed || (failEnabled && rep.FailuresAtOrAbove(failOn) > 0)
	}
	if err := app.summarizeAccounts(reads, dir); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return withCode(ExitError, errInterrupted)
	}
	if storeErr != nil {
		return storeErr
	}
	if firstErr != nil {
		return firstErr
	}
	if failed {
		return errFindings
	}
	return nil
}

// collectAccounts reads each account of --accounts in turn and saves it to
// DIR/ACCOUNT.json before the next is read.
func (app *App) collectAccounts(ctx context.Context, f *collectFlags, targets []memberTarget) error {
	dir, err := accountsOutputDir(f.output, false, "collect")
	if err != nil {
		return err
	}
	var reads []accountRead
	var firstErr error
	for _, t := range targets {
		acct, err := app.loadMember(ctx, f.live, t)
		if acct == nil {
			if ctx.Err() != nil {
				break
			}
			reads = app.notRead(reads, t, err)
			continue
		}
		if werr := wrongAccount(t, acct.AccountID); werr != nil {
			reads = app.notRead(reads, t, werr)
			continue
		}
		out := filepath.Join(dir, t.account+".json")
		if serr := state.SaveSnapshot(out, acct, "shoulder "+Version); serr != nil {
			return withCode(ExitError, serr)
		}
		if !f.live.quiet {
			fmt.Fprintf(app.Stderr, "shoulder: saved account %s to %s\n", acct.AccountID, out)
		}
		rep := engine.Run(checks.All(), acct, policy.Default())
		sum := rep.Summary
		reads = append(reads, accountRead{AccountID: t.account, RoleARN: t.roleARN, Read: readLevel(acct.Gaps.All()), Output: out, Summary: &sum})
		if err != nil { // interrupted: what was read is saved
			break
		}
		if err := f.cov.judge(app.Stderr, rep.Coverage()); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := app.summarizeAccounts(reads, dir); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return withCode(ExitError, errInterrupted)
	}
	return firstErr
}
