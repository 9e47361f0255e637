package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/collect"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

func (app *App) datamapCmd() *cobra.Command {
	var v viewFlags
	var f datamap.Filter
	var sortKey string
	cmd := &cobra.Command{
		Use:   "datamap",
		Short: "Show every data store: where it lives, its copies, encryption and key custody, exposure, backup and class",
		Long: `datamap lists every data store of the account (S3 buckets, EBS volumes and
snapshots, RDS instances, clusters and snapshots, Redshift clusters, DynamoDB
tables, EFS file systems, WorkSpaces, AWS Backup vaults) with:

  region, and the country and jurisdiction it is in (! = outside the policy's
    allowed regions)
  copies elsewhere: replication, replicas, snapshot copies, backup copies and
    multi-region key replicas in other regions or accounts
  key custody: none < aws_owned < aws_managed < customer_managed < imported <
    cloudhsm < external_key_store (unknown when the key could not be resolved)
  exposure: public, shared (with named accounts, trusted or not per the
    policy), private, or unknown when the policy or ACL could not be read
  backup state, and the data classification tag (* = sensitive per policy)

Filters combine (AND); repeat a flag for alternatives (OR):
  --region    a region (eu-west-1), a country code (IE) or a jurisdiction (EU)
  --exposure  public, shared, private or unknown
  --custody   LEVEL or >=LEVEL: at least LEVEL; =LEVEL: exactly; <LEVEL: weaker
              than LEVEL (unknown custody matches only =unknown)
  --class     a classification value, or "untagged"

The policy is read as for scan. --format json is documented in
docs/datamap-json.md.

Like scan, a view of one account is recorded in the results store (every
check's results, the services in use and this data map, for shoulder serve's
account page; --store, --no-store, SHOULDER_STORE as for scan), after the view
is written. An organization's view (--snapshot DIR, --demo-org) records each
account's scan under one run ID, as scan does (shoulder report --run-id ID).`,
		Example: `  shoulder datamap --demo
  shoulder datamap --demo --exposure public --exposure shared
  shoulder datamap --demo --custody '<customer_managed' --class confidential --class pii
  shoulder datamap --snapshot prod.json --region US --sort custody --format json
  shoulder datamap --snapshot org/ --ou Prod --exposure public   # every account's stores, with account and OU`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.Validate(); err != nil {
				return withCode(ExitError, err)
			}
			if !validSort(sortKey) {
				return withCode(ExitError, fmt.Errorf("--sort: %q is not one of %v", sortKey, datamap.SortKeys()))
			}
			vw, err := v.open(cmd, app)
			if err != nil {
				return err
			}
			defer vw.closeRun()
			var m *datamap.Map
			if vw.org != nil {
				if m, err = app.orgDataMap(cmd.Context(), vw); err != nil {
					vw.close(true)
					return err
				}
			} else {
				if len(f.Accounts) > 0 || len(f.OUs) > 0 {
					vw.close(true)
					return withCode(ExitError, errors.New("--account and --ou filter an organization's map: use them with --snapshot DIR"))
				}
				m = datamap.Build(vw.acct, vw.pol)
			}
			m.Select(f, sortKey)
			if v.format == "json" {
				err = vw.finish(datamap.JSON(vw.out, m, Version))
			} else {
				err = vw.finish(datamap.Table(vw.out, m, datamap.TableOptions{Color: vw.color}))
			}
			if vw.org != nil {
				return vw.endRun(cmd.Context(), app, err)
			}
			if err != nil || vw.dsn == "" {
				return err
			}
			return vw.record(cmd.Context(), app, engine.Run(checks.All(), vw.acct, vw.pol))
		},
	}
	// The data map shows whom each store is shared with: read everything.
	v.src.live.details = string(collect.DetailsAll)
	v.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&sortKey, "sort", "region", "order stores by region, custody (weakest first), exposure (most exposed first), class (sensitive first) or name")
	fl.StringSliceVar(&f.Regions, "region", nil, "only stores in these `regions`, countries or jurisdictions")
	fl.StringSliceVar(&f.Exposures, "exposure", nil, "only stores with this `exposure`: public, shared, private, unknown")
	fl.StringVar(&f.Custody, "custody", "", "only stores whose key custody is at least `LEVEL` (=LEVEL exactly, <LEVEL weaker)")
	fl.StringSliceVar(&f.Classes, "class", nil, "only stores with this classification `value` (or untagged)")
	fl.StringSliceVar(&f.Accounts, "account", nil, "organization (--snapshot DIR): only stores of these `account IDs`")
	fl.StringSliceVar(&f.OUs, "ou", nil, "organization (--snapshot DIR): only stores of accounts in this `OU` (a path such as Root/Workloads, anything under it, or an OU name)")
	return cmd
}

func validSort(s string) bool {
	for _, k := range datamap.SortKeys() {
		if k == s {
			return true
		}
	}
	return false
}
