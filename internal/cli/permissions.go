package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/collect"
)

func (app *App) permissionsCmd() *cobra.Command {
	var ops bool
	cmd := &cobra.Command{
		Use:   "permissions",
		Short: "Print the least-privilege IAM policy that live collection needs",
		Long: `permissions prints the IAM policy (JSON) that allows exactly the AWS operations
shoulder's collectors call, and nothing else. It is derived from the same
operation declaration the collectors are bound to, so the two cannot drift.
Every operation is a read; attach the policy to the user or role you scan with.

--operations lists the declaration instead: service, API action, IAM permission,
scope (global, regional, per-item) and the default client-side rate, whose keys
--rate accepts.`,
		Example: `  shoulder permissions > shoulder-policy.json
  aws iam create-policy --policy-name ShoulderReadOnly --policy-document file://shoulder-policy.json
  shoulder permissions --operations`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if ops {
				tw := tabwriter.NewWriter(app.Stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "SERVICE\tACTION\tPERMISSION\tSCOPE\tRATE\tPOOL")
				for _, o := range collect.Operations() {
					scope := string(o.Scope)
					if o.Detail {
						scope += " (detail, see --details)"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", o.Service, o.Action, o.Permission, scope, o.Rate, o.Pool)
				}
				return tw.Flush()
			}
			b, err := collect.PolicyJSON()
			if err != nil {
				return withCode(ExitError, err)
			}
			_, err = app.Stdout.Write(b)
			return err
		},
	}
	cmd.Flags().BoolVar(&ops, "operations", false, "list the operation declaration instead of the policy")
	return cmd
}
