package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/report"
)

// loadFrameworks loads the embedded frameworks; a failure is a bug in the
// embedded data, reported as a tool error.
func loadFrameworks() ([]frameworks.Framework, error) {
	fws, err := frameworks.All()
	if err != nil {
		return nil, withCode(ExitError, err)
	}
	return fws, nil
}

func knownCheck() func(string) bool {
	by := checks.ByID()
	return func(id string) bool { _, ok := by[id]; return ok }
}

func (app *App) frameworksCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "frameworks",
		Short: "List the compliance frameworks and how much of each shoulder evidences",
		Long: `frameworks lists the CIS AWS Foundations Benchmark versions and AWS
Foundational Security Best Practices that shoulder maps its checks to, with
coverage: of the controls the framework marks automated, how many at least one
shoulder check evidences. Controls CIS marks manual carry guidance for a human
(and some are decided by checks anyway).`,
		Example: `  shoulder frameworks
  shoulder frameworks show cis-5.0
  shoulder scan --demo --framework cis-5.0`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fws, err := loadFrameworks()
			if err != nil {
				return err
			}
			known := knownCheck()
			var cvs []frameworks.Coverage
			for i := range fws {
				cvs = append(cvs, frameworks.CoverageOf(&fws[i], known))
			}
			switch format {
			case "json":
				return writeJSON(app.Stdout, cvs)
			case "table":
				tw := tabwriter.NewWriter(app.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "FRAMEWORK\tNAME\tCONTROLS\tAUTOMATED\tEVIDENCED\tCOVERAGE\tMANUAL WITH CHECKS")
				for _, cv := range cvs {
					fmt.Fprintf(tw, "%s\t%s %s\t%d\t%d\t%d\t%.1f%%\t%d\n", cv.Framework, cv.Name, cv.Version, cv.Controls, cv.Automated, cv.Evidenced, cv.Percent, cv.ManualWithCheck)
				}
				return tw.Flush()
			}
			return withCode(ExitError, fmt.Errorf("--format: %q is not table or json", format))
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	cmd.AddCommand(app.frameworksShowCmd())
	return cmd
}

func (app *App) frameworksShowCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show FRAMEWORK",
		Short: "List a framework's controls with the checks that evidence them or the guidance for a human",
		Example: `  shoulder frameworks show cis-5.0
  shoulder frameworks show fsbp-1.0.0 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fws, err := loadFrameworks()
			if err != nil {
				return err
			}
			fw, err := frameworks.Find(fws, args[0])
			if err != nil {
				return withCode(ExitError, err)
			}
			switch format {
			case "json":
				return writeJSON(app.Stdout, fw)
			case "table":
				return writeFrameworkControls(app.Stdout, fw, knownCheck())
			}
			return withCode(ExitError, fmt.Errorf("--format: %q is not table or json", format))
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

func writeFrameworkControls(w io.Writer, fw *frameworks.Framework, known func(string) bool) error {
	cv := frameworks.CoverageOf(fw, known)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s): %d controls, %d automated, %d evidenced (%.1f%%)\n\n", fw.Name, fw.Version, fw.ID, cv.Controls, cv.Automated, cv.Evidenced, cv.Percent)
	for _, c := range fw.Controls {
		kind := "automated"
		if !c.Automated {
			kind = "manual"
		}
		fmt.Fprintf(&b, "%-14s %s [%s]\n", c.ID, c.Title, kind)
		for _, id := range c.Checks {
			mark := ""
			if !known(id) {
				mark = " (unknown check)"
			}
			fmt.Fprintf(&b, "%-14s   check: %s%s\n", "", id, mark)
		}
		if c.Guidance != "" {
			fmt.Fprintf(&b, "%-14s   guidance: %s\n", "", c.Guidance)
		}
		if len(c.Checks) == 0 && c.Guidance == "" {
			what := "no check yet"
			if !c.Automated {
				what = "manual, no guidance yet"
			}
			fmt.Fprintf(&b, "%-14s   (%s)\n", "", what)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // remediation text has < and >, meant for people
	if err := enc.Encode(v); err != nil {
		return withCode(ExitError, fmt.Errorf("writing JSON: %w", err))
	}
	return nil
}

// frameworkScan is scan --framework: which framework, and the check IDs it
// names that exist (the selection when --check is not given).
type frameworkScan struct {
	fw  *frameworks.Framework
	ids []string
}

func resolveFramework(id string) (*frameworkScan, error) {
	if id == "" {
		return nil, nil
	}
	fws, err := loadFrameworks()
	if err != nil {
		return nil, err
	}
	fw, err := frameworks.Find(fws, id)
	if err != nil {
		return nil, withCode(ExitError, fmt.Errorf("--framework: %w", err))
	}
	known := knownCheck()
	fs := &frameworkScan{fw: fw}
	for _, c := range fw.CheckIDs() {
		if known(c) {
			fs.ids = append(fs.ids, c)
		}
	}
	if len(fs.ids) == 0 {
		return nil, withCode(ExitError, fmt.Errorf("--framework: %s names no checks", fw.ID))
	}
	return fs, nil
}

// render writes the per-control view of a scan.
func (fs *frameworkScan) render(w io.Writer, format string, sel []check.Check, rep *engine.Report, o report.TableOptions) error {
	ran := map[string]bool{}
	for _, c := range sel {
		ran[c.ID] = true
	}
	as := frameworks.Assess(fs.fw, rep.Results, ran)
	if format == "json" {
		return report.FrameworkJSON(w, as, rep, Version)
	}
	return report.FrameworkTable(w, as, rep, o)
}
