package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
)

// checkInfo is a check as `shoulder checks` shows it: its metadata plus the
// framework controls it evidences (derived from the framework data).
type checkInfo struct {
	check.Check
	Controls []string `json:"controls,omitempty"`
}

func withControls(cs []check.Check, rev map[string][]frameworks.Ref) []checkInfo {
	out := make([]checkInfo, len(cs))
	for i, c := range cs {
		out[i] = checkInfo{Check: c}
		for _, r := range rev[c.ID] {
			out[i].Controls = append(out[i].Controls, r.String())
		}
	}
	return out
}

func (app *App) checksCmd() *cobra.Command {
	var format, framework string
	var areas, services, severities []string
	cmd := &cobra.Command{
		Use:   "checks",
		Short: "List the checks shoulder runs",
		Long: `checks lists every built-in check with its area, service, severity and the
framework controls it evidences. Filters combine: a check is listed when it
matches every filter given (and any of the values of a repeated filter).
"shoulder checks show ID" prints one check in full, with its remediation.`,
		Example: `  shoulder checks
  shoulder checks --area network --format json
  shoulder checks --severity critical,high --framework cis-5.0
  shoulder checks show iam_root_mfa_enabled`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fws, err := loadFrameworks()
			if err != nil {
				return err
			}
			sel, err := selectChecks(nil, areas, services)
			if err != nil {
				return err
			}
			sel, err = filterChecks(sel, severities, framework, fws)
			if err != nil {
				return err
			}
			infos := withControls(sel, frameworks.Reverse(fws))
			switch format {
			case "json":
				return writeJSON(app.Stdout, infos)
			case "table":
				tw := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tAREA\tSERVICE\tSEVERITY\tCONTROLS\tTITLE")
				for _, c := range infos {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", c.ID, c.Area, c.Service, c.Severity, len(c.Controls), c.Title)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				_, err := fmt.Fprintf(app.Stdout, "\n%d checks\n", len(infos))
				return err
			}
			return withCode(ExitError, fmt.Errorf("--format: %q is not table or json", format))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "table", "output format: table or json")
	fl.StringSliceVar(&areas, "area", nil, "only checks of these `areas`")
	fl.StringSliceVar(&services, "service", nil, "only checks of these `services`")
	fl.StringSliceVar(&severities, "severity", nil, "only checks of these `severities` (info, low, medium, high, critical)")
	fl.StringVar(&framework, "framework", "", "only checks that evidence a control of this `framework` (e.g. cis-5.0)")
	cmd.AddCommand(app.checksShowCmd())
	return cmd
}

// filterChecks applies --severity and --framework.
func filterChecks(cs []check.Check, severities []string, framework string, fws []frameworks.Framework) ([]check.Check, error) {
	sevs := map[check.Severity]bool{}
	for _, s := range severities {
		v, err := check.ParseSeverity(s)
		if err != nil {
			return nil, withCode(ExitError, fmt.Errorf("--severity: %w", err))
		}
		sevs[v] = true
	}
	var inFW map[string]bool
	if framework != "" {
		fw, err := frameworks.Find(fws, framework)
		if err != nil {
			return nil, withCode(ExitError, fmt.Errorf("--framework: %w", err))
		}
		inFW = map[string]bool{}
		for _, id := range fw.CheckIDs() {
			inFW[id] = true
		}
	}
	var out []check.Check
	for _, c := range cs {
		if len(sevs) > 0 && !sevs[c.Severity] {
			continue
		}
		if inFW != nil && !inFW[c.ID] {
			continue
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, withCode(ExitError, fmt.Errorf("the filters select no checks"))
	}
	return out, nil
}

func (app *App) checksShowCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print one check: what it verifies, how to fix a failure, and the controls it evidences",
		Example: `  shoulder checks show iam_root_mfa_enabled
  shoulder checks show cloudwatch_alarm_root_usage --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			by := checks.ByID()
			c, ok := by[args[0]]
			if !ok {
				return withCode(ExitError, fmt.Errorf("unknown check %q%s (see `shoulder checks`)", args[0], suggest(args[0], by)))
			}
			fws, err := loadFrameworks()
			if err != nil {
				return err
			}
			info := withControls([]check.Check{c}, frameworks.Reverse(fws))[0]
			switch format {
			case "json":
				return writeJSON(app.Stdout, info)
			case "table":
				return writeCheck(app.Stdout, info, fws)
			}
			return withCode(ExitError, fmt.Errorf("--format: %q is not table or json", format))
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// suggest names up to three check IDs that contain the query's words.
func suggest(q string, by map[string]check.Check) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return r == '_' || r == '-' || r == ' ' })
	var hits []string
	for id := range by {
		n := 0
		for _, w := range words {
			if len(w) > 2 && strings.Contains(id, w) {
				n++
			}
		}
		if n > 0 && n*2 >= len(words) {
			hits = append(hits, id)
		}
	}
	if len(hits) == 0 {
		return ""
	}
	sort.Strings(hits)
	if len(hits) > 3 {
		hits = hits[:3]
	}
	return "; did you mean " + strings.Join(hits, ", ")
}

func writeCheck(w io.Writer, c checkInfo, fws []frameworks.Framework) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n  %s\n\n", c.ID, c.Title)
	fmt.Fprintf(&b, "  area:      %s\n  service:   %s\n  severity:  %s\n", c.Area, c.Service, c.Severity)
	if c.Description != "" {
		fmt.Fprintf(&b, "\n  %s\n", c.Description)
	}
	// Rationales start as the description (internal/checks/meta); only one
	// that says more is printed.
	if c.Rationale != "" && c.Rationale != c.Description {
		fmt.Fprintf(&b, "\n  Why it matters: %s\n", c.Rationale)
	}
	b.WriteString("\nRemediation\n")
	for _, part := range []struct{ name, text string }{{"Console", c.Remediation.Console}, {"AWS CLI", c.Remediation.CLI}, {"Terraform", c.Remediation.Terraform}} {
		fmt.Fprintf(&b, "  %s:\n", part.name)
		for _, line := range strings.Split(part.text, "\n") {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	if len(c.References) > 0 {
		b.WriteString("\nReferences\n")
		for _, r := range c.References {
			fmt.Fprintf(&b, "  %s\n", r)
		}
	}
	b.WriteString("\nEvidences\n")
	if len(c.Controls) == 0 {
		b.WriteString("  no framework control (a duty no benchmark checks)\n")
	}
	titles := map[string]string{}
	for _, fw := range fws {
		for _, ctl := range fw.Controls {
			titles[fw.ID+":"+ctl.ID] = ctl.Title
		}
	}
	for _, ref := range c.Controls {
		fmt.Fprintf(&b, "  %-20s %s\n", ref, titles[ref])
	}
	_, err := io.WriteString(w, b.String())
	return err
}
