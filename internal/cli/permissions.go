package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/collect"
	awscollect "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/memberrole"
)

// orgRoleFlags are the flags of `permissions --org`.
type orgRoleFlags struct {
	org        bool
	format     string
	memberRole string
	scanner    string
	externalID string
}

// orgFormats are what `permissions --org --format` prints, in the order
// --org without --format prints them all.
var orgFormats = []string{"policy", "cloudformation", "terraform"}

func (app *App) permissionsCmd() *cobra.Command {
	var ops bool
	var of orgRoleFlags
	cmd := &cobra.Command{
		Use:   "permissions",
		Short: "Print the least-privilege IAM policy that live collection needs (--org: the member role for every account)",
		Long: `permissions prints the IAM policy (JSON) that allows exactly the AWS operations
shoulder's collectors call, and nothing else. It is derived from the same
operation declaration the collectors are bound to, so the two cannot drift.
Every operation is a read; attach the policy to the user or role you scan with.

--operations lists the declaration instead: service, API action, IAM permission,
scope (global, regional, per-item) and the default client-side rate, whose keys
--rate accepts.

--org prints what deploys the member role that --accounts assumes to every
account of an AWS Organization:
  policy          the role's permissions: the least-privilege policy above
  cloudformation  a template to deploy once in the management account: a
                  service-managed StackSet with automatic deployment (accounts
                  that join the targeted OUs get the role, leaving ones lose it)
                  whose body creates the role (--member-role) with that policy
                  and a trust policy that admits only the scanning account
                  (--scanner-account, a template parameter), only with the
                  session name shoulder uses (` + awscollect.MemberSessionName + `) and, with
                  --external-id, only with that sts:ExternalId
  terraform       the same StackSet and template as aws_cloudformation_stack_set
                  and aws_cloudformation_stack_set_instance
--format picks one (to redirect into a file); without it all three are printed,
each under a "#" heading. StackSets do not deploy to the management account
itself: shoulder reads it with the caller's credentials.`,
		Example: `  shoulder permissions > shoulder-policy.json
  aws iam create-policy --policy-name ShoulderReadOnly --policy-document file://shoulder-policy.json
  shoulder permissions --operations
  shoulder permissions --org --scanner-account 111122223333 --format cloudformation > member-role.json
  aws cloudformation deploy --template-file member-role.json --stack-name shoulder-member-role \
      --parameter-overrides OrganizationalUnitIds=r-ab12
  shoulder permissions --org --scanner-account 111122223333 --external-id X --format terraform > member-role.tf`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if of.org || cmd.Flags().Changed("format") || cmd.Flags().Changed("member-role") || cmd.Flags().Changed("scanner-account") || cmd.Flags().Changed("external-id") {
				if !of.org {
					return withCode(ExitError, errors.New("--format, --member-role, --scanner-account and --external-id go with --org"))
				}
				if ops {
					return withCode(ExitError, errors.New("--operations and --org are exclusive"))
				}
				return app.printOrgRole(cmd, of)
			}
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
	fl := cmd.Flags()
	fl.BoolVar(&ops, "operations", false, "list the operation declaration instead of the policy")
	fl.BoolVar(&of.org, "org", false, "print the member role for every account of an organization: its policy, a CloudFormation StackSet template and the equivalent Terraform")
	fl.StringVar(&of.format, "format", "", "with --org, print only this: "+strings.Join(orgFormats, ", "))
	fl.StringVar(&of.memberRole, "member-role", awscollect.DefaultMemberRole, "with --org, the role `NAME` (a plain name, as scan --member-role takes it)")
	fl.StringVar(&of.scanner, "scanner-account", "", "with --org, the `ACCOUNT_ID` shoulder scans from, the only one the role trusts (default: a template parameter without a default)")
	fl.StringVar(&of.externalID, "external-id", "", "with --org, the external `ID` the role requires (pass the same to scan --external-id)")
	return cmd
}

// printOrgRole prints the member role's policy, StackSet template and
// Terraform (or the one --format names).
func (app *App) printOrgRole(cmd *cobra.Command, of orgRoleFlags) error {
	formats := orgFormats
	if cmd.Flags().Changed("format") {
		if !slices.Contains(orgFormats, of.format) {
			return withCode(ExitError, fmt.Errorf("--format: %q is not one of %s", of.format, strings.Join(orgFormats, ", ")))
		}
		formats = []string{of.format}
	}
	if of.scanner != "" {
		if err := awscollect.ValidateAccountID(of.scanner); err != nil {
			return withCode(ExitError, fmt.Errorf("--scanner-account: %w", err))
		}
	}
	// The one rule for member role names is MemberRoleARN's; the account
	// here is only a stand-in.
	if _, err := awscollect.MemberRoleARN("000000000000", of.memberRole); err != nil {
		return withCode(ExitError, fmt.Errorf("--member-role: %w", err))
	}
	if strings.TrimSpace(of.externalID) != of.externalID || (cmd.Flags().Changed("external-id") && of.externalID == "") {
		return withCode(ExitError, errors.New("--external-id: want a non-empty ID without leading or trailing spaces"))
	}
	o := memberrole.Options{RoleName: of.memberRole, ScannerAccount: of.scanner, ExternalID: of.externalID, SessionName: awscollect.MemberSessionName}
	headings := map[string]string{
		"policy":         "# The member role's permissions (IAM policy JSON; --format policy)",
		"cloudformation": "# CloudFormation: a service-managed StackSet deploying the member role (--format cloudformation)",
		"terraform":      "# Terraform: the same StackSet (--format terraform)",
	}
	for i, f := range formats {
		var b []byte
		var err error
		switch f {
		case "policy":
			b, err = collect.PolicyJSON()
		case "cloudformation":
			b, err = memberrole.StackSetTemplate(o)
		case "terraform":
			b, err = memberrole.Terraform(o)
		}
		if err != nil {
			return withCode(ExitError, err)
		}
		if len(formats) > 1 {
			if i > 0 {
				fmt.Fprintln(app.Stdout)
			}
			fmt.Fprintln(app.Stdout, headings[f])
		}
		if _, err := app.Stdout.Write(b); err != nil {
			return err
		}
	}
	return nil
}
