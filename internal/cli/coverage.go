package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/engine"
)

// coverageHelp defines coverage for --help (scan and collect).
const coverageHelp = `Coverage is the share of results that could be evaluated: pass, fail and
waived failures, out of every result but not_applicable and manual (an
unknown result, waived or not, was not evaluated). When it is below 100%
shoulder says so on standard error; --fail-on-unknown (coverage must be
100%) or --min-coverage PCT make the exit code 1 when it is lower. When
nothing at all could be read (every call failed, or the credentials reach no
account data) the exit code is 2 whatever the flags.`

// coverageFlags turn lost coverage into a failed run: unknown is not pass.
type coverageFlags struct {
	failOnUnknown bool
	minCoverage   float64
}

func (c *coverageFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&c.failOnUnknown, "fail-on-unknown", false, "exit 1 when any result could not be evaluated (coverage below 100%)")
	fl.Float64Var(&c.minCoverage, "min-coverage", 0, "exit 1 when the coverage is below `PCT` percent (evaluated results / results other than not_applicable and manual)")
}

// validate checks the flags before any work. Errors carry ExitError.
func (c *coverageFlags) validate() error {
	if c.minCoverage < 0 || c.minCoverage > 100 {
		return withCode(ExitError, fmt.Errorf("--min-coverage: %v is not a percentage between 0 and 100", c.minCoverage))
	}
	return nil
}

// judge says on w what could not be evaluated, and returns an error with
// exit code 1 when the coverage breaches --fail-on-unknown or --min-coverage.
func (c *coverageFlags) judge(w io.Writer, cov engine.Coverage) error {
	gated := c.failOnUnknown || c.minCoverage > 0
	if cov.Unknown() > 0 {
		hint := ""
		if !gated {
			hint = "; --fail-on-unknown or --min-coverage PCT make this fail the run"
		}
		fmt.Fprintf(w, "shoulder: coverage %s: unknown is not pass%s\n", cov, hint)
	}
	switch {
	case c.failOnUnknown && cov.Unknown() > 0:
		return withCode(ExitFindings, fmt.Errorf("--fail-on-unknown: %d results could not be evaluated", cov.Unknown()))
	case c.minCoverage > 0 && cov.Below(c.minCoverage):
		return withCode(ExitFindings, fmt.Errorf("--min-coverage %v: the coverage is %.1f%%", c.minCoverage, cov.Percent()))
	}
	return nil
}
