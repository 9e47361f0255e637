package engine

import (
	"fmt"
	"slices"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
)

// TestOrdersRemembered: a remembered order is given only to results about
// the same resources in the same order, and every order given is the one
// a sort gives (by resource, then position), for lists long enough to be
// remembered and short ones, ties included.
func TestOrdersRemembered(t *testing.T) {
	list := func(n int, name func(i int) string) []check.Result {
		rs := make([]check.Result, n)
		for i := range rs {
			rs[i].Resource = name(i)
		}
		return rs
	}
	n := minRemembered + 3
	shuffled := func(i int) string { return fmt.Sprintf("arn:r/%06d", (i*7919)%n) }
	base := list(n, shuffled)
	sameStrings := slices.Clone(base) // the same strings: a remembered order applies
	copies := list(n, shuffled)       // equal strings built again: equal order
	swapped := slices.Clone(base)
	swapped[10], swapped[11] = swapped[11], swapped[10]
	middle := slices.Clone(base)
	middle[n/3].Resource = "arn:r/zzz"
	ties := list(n, func(i int) string { return fmt.Sprintf("arn:r/%03d", (i*31)%97) })
	short := list(100, shuffled)

	o := &orders{}
	tests := []struct {
		name string
		rs   []check.Result
	}{
		{"first sighting", base},
		{"same strings", sameStrings},
		{"equal strings built again", copies},
		{"two resources swapped", swapped},
		{"one resource changed in the middle", middle},
		{"ties kept in position order", ties},
		{"too short to remember", short},
		{"first list again", base},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := o.order(tc.rs)
			want := sortPositions(tc.rs)
			if !slices.Equal(got, want) {
				t.Fatalf("order differs from a sort at %d of %d", firstDiff(got, want), len(want))
			}
		})
	}
	if len(o.seen) > maxRemembered {
		t.Errorf("%d orders remembered, at most %d", len(o.seen), maxRemembered)
	}
}

func firstDiff(x, y []int32) int {
	for i := range min(len(x), len(y)) {
		if x[i] != y[i] {
			return i
		}
	}
	return min(len(x), len(y))
}
