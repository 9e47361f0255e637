package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func (app *App) checksCmd() *cobra.Command {
	var format string
	var areas, services []string
	cmd := &cobra.Command{
		Use:   "checks",
		Short: "List the checks shoulder runs",
		Example: `  shoulder checks
  shoulder checks --area network --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sel, err := selectChecks(nil, areas, services)
			if err != nil {
				return err
			}
			switch format {
			case "json":
				enc := json.NewEncoder(app.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(sel)
			case "table":
				tw := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tAREA\tSERVICE\tSEVERITY\tTITLE")
				for _, c := range sel {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.Area, c.Service, c.Severity, c.Title)
				}
				return tw.Flush()
			}
			return withCode(ExitError, fmt.Errorf("--format: %q is not table or json", format))
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	cmd.Flags().StringSliceVar(&areas, "area", nil, "only checks of these `areas`")
	cmd.Flags().StringSliceVar(&services, "service", nil, "only checks of these `services`")
	return cmd
}
