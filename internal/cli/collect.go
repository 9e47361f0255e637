package cli

import (
	"errors"
	"fmt"
	"github.com/shoulder-dev/shoulder/internal/collect"
	"sort"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func sortStrings(s []string) { sort.Strings(s) }

type collectFlags struct {
	live   liveFlags
	output string
	cov    coverageFlags
	// demo writes the embedded demo account instead of reading AWS.
	demo bool
	// accts names several accounts (--accounts, --member-role).
	accts accountsFlags
}

func (app *App) collectCmd() *cobra.Command {
	var f collectFlags
	cmd := &cobra.Command{
		Use:   "collect",
		Short: "Read a live AWS account (read-only) and save its state as a snapshot",
		Long: `collect reads the AWS account your credentials reach, read-only, the way the
AWS CLI finds credentials (environment, --profile / shared config, SSO, web
identity, container or instance role; --role-arn to assume a role), and writes
the state to a snapshot file that ` + "`shoulder scan --snapshot FILE`" + ` reads later.

Every call that fails (access denied, SCP deny, throttled past its retries,
timeout, service not enabled) is recorded in the snapshot as a coverage gap with
its reason; the checks that need that data answer unknown. The IAM policy that
allows exactly the calls made is printed by ` + "`shoulder permissions`" + `.

Ctrl-C (or SIGTERM) stops cleanly: the state read so far is saved, what was
not read is recorded as cancelled gaps, and the exit code is 2. When nothing
could be read the snapshot is not written (an earlier file is kept) and the
exit code is 2.

The snapshot holds every IAM and resource policy, key IDs and the network
layout: it is written readable by its owner only (mode 0600), also when it
replaces an earlier file. Treat it as sensitive.

` + accountsHelp + `

collect with several accounts writes one snapshot per account, DIR/ID.json,
into -o DIR, with the read summary in DIR/accounts.json; the exit code is 2
when no account could be read.

` + coverageHelp + `
collect measures the coverage a scan of the snapshot would have, with every
check and the default policy.

Per call, --call-timeout bounds the wait for an answer; --region-timeout
bounds each region's work as a whole. A region where nothing answered in
time is one timeout gap; when no scanned region produced data, nothing is
written and the exit code is 2.`,
		Example: `  shoulder collect --demo -o demo.json   # the embedded demo as a snapshot: try --snapshot, diff and the formats on it
  shoulder collect -o prod.json
  shoulder collect --profile audit --regions eu-central-1,eu-west-1 -o prod.json --stats
  shoulder collect --role-arn arn:aws:iam::123456789012:role/ShoulderAudit --external-id X -o prod.json
  shoulder collect --accounts 111122223333,444455556666 --member-role ShoulderAudit -o org/   # org/111122223333.json, ...
  shoulder collect --org --ous ou-ab12-cdef3456 -o org/   # the accounts under an OU, one snapshot each
  shoulder collect --endpoint-url http://127.0.0.1:5000 -o emulator.json   # an AWS emulator
  shoulder collect -o prod.json --region-timeout 15m --min-coverage 90`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.output == "" {
				return withCode(ExitError, errors.New("--output FILE is required"))
			}
			if err := f.cov.validate(); err != nil {
				return err
			}
			targets, err := f.accts.plan(cmd.Context(), app, cmd, &f.live, f.demo, "")
			if err != nil {
				return err
			}
			if targets != nil {
				return app.collectAccounts(cmd.Context(), &f, targets)
			}
			var acct *state.Account
			if f.demo {
				acct, err = demo.Load()
				if err != nil {
					return withCode(ExitError, err)
				}
			} else if acct, err = app.loadLive(cmd.Context(), &f.live); acct == nil {
				return err
			}
			if serr := state.SaveSnapshot(f.output, acct, "shoulder "+Version); serr != nil {
				return withCode(ExitError, serr)
			}
			if !f.live.quiet {
				fmt.Fprintf(app.Stderr, "shoulder: saved account %s to %s\n", acct.AccountID, f.output)
			}
			if err != nil {
				return withCode(ExitError, err)
			}
			return f.cov.judge(app.Stderr, engine.Run(checks.All(), acct, policy.Default()).Coverage())
		},
	}
	// A saved snapshot is read later, by any view: read everything.
	f.live.details = string(collect.DetailsAll)
	f.live.register(cmd)
	cmd.Flags().StringVarP(&f.output, "output", "o", "", "write the snapshot to `FILE` (required; mode 0600: it holds every policy of the account)")
	f.cov.register(cmd)
	f.accts.register(cmd)
	cmd.Flags().BoolVar(&f.demo, "demo", false, "write the embedded demo account instead of reading AWS (no credentials needed)")
	return cmd
}
