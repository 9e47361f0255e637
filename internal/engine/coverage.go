package engine

import (
	"fmt"
	"math"

	"github.com/shoulder-dev/shoulder/internal/check"
)

// Coverage is how much of a report could be evaluated. Of the results that
// call for an evaluation (every status but not_applicable and manual: those
// say there is nothing an API could judge), a result is evaluated when its
// check could decide it (pass, fail, or a failure that a waiver accepts)
// and not evaluated when it is unknown (also under a waiver: a waiver
// accepts a risk, it does not read the data).
//
//	coverage = evaluated / (total - not_applicable - manual)
//
// With no result calling for an evaluation the coverage is 100%.
type Coverage struct {
	// Applicable counts the results that call for an evaluation.
	Applicable int
	// Evaluated counts those that were evaluated.
	Evaluated int
}

// Coverage measures the report's coverage.
func (r *Report) Coverage() Coverage {
	return r.counts().coverage
}

// add counts one finding (Add's rule).
func (c *Coverage) add(f *Finding) { c.Add(f.Status, f.WaivedFrom, 1) }

// Add counts n results of one status (waivedFrom: the status a waiver
// replaced) by the rule above: the one place that rule lives, for callers
// that hold counts rather than results (the results store's dashboard).
func (c *Coverage) Add(status, waivedFrom check.Status, n int) {
	switch status {
	case check.NotApplicable, check.Manual:
		return
	case check.Unknown:
	case check.Waived:
		if waivedFrom != check.Unknown {
			c.Evaluated += n
		}
	default:
		c.Evaluated += n
	}
	c.Applicable += n
}

// Unknown counts the results that could not be evaluated.
func (c Coverage) Unknown() int { return c.Applicable - c.Evaluated }

// Percent is the coverage in percent, rounded down to one decimal so that
// 100 is shown only when nothing is unknown.
func (c Coverage) Percent() float64 {
	if c.Applicable == 0 {
		return 100
	}
	return math.Floor(float64(c.Evaluated)*1000/float64(c.Applicable)) / 10
}

// Below reports whether the coverage is below min percent (exactly: not
// after rounding).
func (c Coverage) Below(min float64) bool {
	return float64(c.Evaluated)*100 < min*float64(c.Applicable)
}

// String reads e.g. "93.4% (578 of 619 results evaluated, 41 unknown)".
func (c Coverage) String() string {
	return fmt.Sprintf("%.1f%% (%d of %d results evaluated, %d unknown)", c.Percent(), c.Evaluated, c.Applicable, c.Unknown())
}
