package cli

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/regions"
)

// vetRegions checks --regions for a live collection the way the policy
// file's regions are checked (regionError). A region in shoulder's table is
// accepted. A name without a region's shape is refused before any call is
// made. A well-formed name shoulder does not know, a region newer than this
// build or a typo like eu-wset-1, is decided by the returned function once
// DescribeRegions has answered: accepted with a warning when the endpoint
// lists it, refused when it does not, or when the list could not be read
// (nothing then tells a new region from a typo). Errors carry no exit code;
// the caller adds it.
func (app *App) vetRegions(asked []string) (func(listed map[string]bool) error, error) {
	var pending []string
	for _, r := range asked {
		err := regionError(r)
		switch {
		case err == nil:
		case regions.WellFormed(r):
			pending = append(pending, r)
		default:
			return nil, fmt.Errorf("--regions: %w: not a region name (like eu-west-1)", err)
		}
	}
	if len(pending) == 0 {
		return nil, nil
	}
	return func(listed map[string]bool) error {
		var bad []string
		for _, r := range pending {
			switch {
			case listed == nil:
				bad = append(bad, fmt.Sprintf("%v: the endpoint's region list (DescribeRegions) could not be read to confirm it", regionError(r)))
			case !listed[r]:
				bad = append(bad, fmt.Sprintf("%v: the endpoint does not list it either", regionError(r)))
			default:
				fmt.Fprintf(app.Stderr, "shoulder: warning: region %s is listed by the endpoint but not in shoulder's region table (a region newer than this build?): residency checks and the data map cannot place it in a country\n", r)
			}
		}
		if len(bad) > 0 {
			return fmt.Errorf("--regions: %s", strings.Join(bad, "; "))
		}
		return nil
	}, nil
}
