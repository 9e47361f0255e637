package cli

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// policyFlags choose the customer's policy file; scan, matrix and datamap
// share them.
type policyFlags struct {
	config string
}

func (pf *policyFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&pf.config, "config", "",
		"read the policy from `FILE` (default: ./"+policy.FileName+" if present; with --demo, the demo account's own policy)")
}

// load returns the policy in effect: --config FILE (which must exist);
// else with --demo or --demo-org the demo's embedded policy; else ./shoulder.yaml when
// present; else the defaults. Every error carries ExitError.
func (pf *policyFlags) load(app *App, src *sourceFlags) (*policy.Policy, error) {
	names := policyNames()
	limit, err := app.policyLimit()
	if err != nil {
		return nil, err
	}
	var p *policy.Policy
	switch {
	case pf.config != "":
		if _, statErr := os.Stat(pf.config); statErr != nil {
			if errors.Is(statErr, os.ErrNotExist) {
				return nil, withCode(ExitError, fmt.Errorf("--config: policy file %s does not exist (`shoulder init` writes a starter)", pf.config))
			}
			return nil, withCode(ExitError, fmt.Errorf("--config: %w", statErr))
		}
		p, err = policy.LoadLimit(pf.config, names, limit)
	case src.demo || src.demoOrg:
		p, err = policy.Parse(demo.PolicyName, demo.Policy(), names)
	default:
		wd, wdErr := os.Getwd()
		if wdErr != nil {
			return nil, withCode(ExitError, fmt.Errorf("finding %s: %w", policy.FileName, wdErr))
		}
		path, ok := policy.Find(wd)
		if !ok {
			return policy.Default(), nil
		}
		// Name the file as the user knows it, relative to where they are.
		p, err = policy.LoadLimit(path, names, limit)
		if err != nil {
			err = errors.New(strings.ReplaceAll(err.Error(), path, policy.FileName))
		} else {
			p.Source = policy.FileName
		}
	}
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	return p, nil
}

// accountPolicy returns the policy in effect for one account: pol with the
// scopes that cover the account applied (policy.Policy.For), its OUs read
// from the organization tree in the account's state. With a tree, a scope
// naming an OU the tree does not hold is an error (ExitError, with the
// policy file's line); without one (a member account's own state holds no
// tree) OU scopes cannot be placed: the account scopes still apply, a
// warning says so, and so does the report's policy line.
func (app *App) accountPolicy(pol *policy.Policy, acct *state.Account) (*policy.Policy, error) {
	if acct == nil || acct.Organization == nil {
		return app.accountPolicyIn(pol, acct, nil)
	}
	return app.accountPolicyIn(pol, acct, acct.Organization.Tree)
}

// accountPolicyIn is accountPolicy with the organization tree given: an
// organization's members are placed in the tree its management account
// read (a member's own state holds none).
func (app *App) accountPolicyIn(pol *policy.Policy, acct *state.Account, orgTree *state.OrgTree) (*policy.Policy, error) {
	if pol == nil || len(pol.Scopes) == 0 || acct == nil {
		return pol, nil
	}
	var tree *state.OrgTree
	if orgTree != nil && len(orgTree.Roots) > 0 {
		tree = orgTree
		units := map[string]bool{}
		for _, u := range tree.Units {
			units[u.ID] = true
		}
		if err := pol.UnknownOUs(func(id string) bool { return units[id] }); err != nil {
			return nil, withCode(ExitError, err)
		}
	}
	anc := tree.Ancestors(acct.AccountID)
	if anc == nil && pol.HasOUScopes() {
		fmt.Fprintf(app.Stderr, "shoulder: account %s: its OUs are unknown (its state holds no organization tree that lists it): the policy's OU scopes are not applied, its account scopes are\n",
			textsafe.Terminal(acct.AccountID))
	}
	return pol.For(acct.AccountID, anc), nil
}

// policyNames passes the catalogues a policy file refers to into the policy
// parser: regions and jurisdictions, custody levels, check IDs, severities.
func policyNames() policy.Names {
	by := checks.ByID()
	ids := make([]string, 0, len(by))
	for id := range by {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	hint := func(s string, known []string) string {
		if c, ok := policy.Closest(s, known); ok {
			return fmt.Sprintf(" (did you mean %s?)", c)
		}
		return ""
	}
	return policy.Names{
		Region: regionError,
		Jurisdiction: func(s string) ([]string, error) {
			rs := regions.InJurisdiction(s)
			if len(rs) == 0 {
				return nil, fmt.Errorf("unknown jurisdiction %q (known: %s)", s, strings.Join(regions.Jurisdictions(), ", "))
			}
			return rs, nil
		},
		CustodyLevel: func(s string) error {
			_, err := custody.Parse(s)
			return err
		},
		Check: func(id string) error {
			if _, ok := by[id]; !ok {
				return fmt.Errorf("unknown check %q%s (see `shoulder checks`)", id, hint(id, ids))
			}
			return nil
		},
		Severity: func(s string) error {
			_, err := check.ParseSeverity(s)
			return err
		},
	}
}

// regionError judges a region name the user wrote, in the policy file or
// in --regions: nil for a region in shoulder's table, else "unknown region"
// with the closest known name.
func regionError(s string) error {
	if _, ok := regions.Lookup(s); ok {
		return nil
	}
	var names []string
	for _, r := range regions.All() {
		names = append(names, r.Region)
	}
	if c, ok := policy.Closest(s, names); ok {
		return fmt.Errorf("unknown region %q (did you mean %s?)", s, c)
	}
	return fmt.Errorf("unknown region %q", s)
}

func (app *App) initCmd() *cobra.Command {
	var force bool
	var output string
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter " + policy.FileName,
		Long: `init writes a commented starter policy file: where your data may live, whom you
trust, where administration comes from, how you classify data, which risks
you accept (waivers), and the keys that differ for some OUs or accounts of your
organization (scopes: a scope naming the account wins over OU scopes, the OU
nearest the account over those above it). scan, matrix and datamap read
./` + policy.FileName + ` when it exists, or the file given with --config.

init refuses to overwrite an existing file unless --force is given.`,
		Example: `  shoulder init
  shoulder init -o policies/prod.yaml --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			fh, err := os.OpenFile(output, flags, 0o644)
			if err != nil {
				if errors.Is(err, os.ErrExist) {
					return withCode(ExitError, fmt.Errorf("%s already exists; use --force to overwrite it", output))
				}
				return withCode(ExitError, fmt.Errorf("writing %s: %w", output, err))
			}
			if _, err := fh.Write(policy.Starter()); err != nil {
				fh.Close()
				return withCode(ExitError, fmt.Errorf("writing %s: %w", output, err))
			}
			if err := fh.Close(); err != nil {
				return withCode(ExitError, fmt.Errorf("writing %s: %w", output, err))
			}
			_, err = fmt.Fprintf(app.Stdout, "wrote %s: edit it, then run `shoulder scan`\n", output)
			return err
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	cmd.Flags().StringVarP(&output, "output", "o", policy.FileName, "write the policy to `FILE`")
	return cmd
}
