package serve

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/store"
)

// TestTrendScansAgree: the overview's trend drawn from the scans
// trendScans chooses is the trend drawn from every scan, over random
// histories (scans of single accounts and of groups, days skipped,
// several scans a day, scans recorded out of order) for viewers of
// every scope and charts of several lengths; and it reads fewer scans
// once the history is longer than the chart.
func TestTrendScansAgree(t *testing.T) {
	groups := [][]string{{"111111111111"}, {"222222222222"}, {"333333333333"}, {"111111111111", "222222222222"}}
	scopes := map[string]Scope{"all": AllAccounts(), "one": OnlyAccounts("111111111111"),
		"two": OnlyAccounts("111111111111", "222222222222"), "none": OnlyAccounts()}
	day0 := time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)
	fewer := 0
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		var points []store.TrendPoint
		at := day0
		for i := 0; i < 1+rng.IntN(300); i++ {
			switch r := rng.IntN(10); {
			case r < 5: // the next day
				at = at.AddDate(0, 0, 1)
			case r < 6: // days without scans
				at = at.AddDate(0, 0, 2+rng.IntN(5))
			case r < 7: // recorded with an earlier time
				at = at.AddDate(0, 0, -1-rng.IntN(3))
			}
			p := store.TrendPoint{ScanID: int64(i + 1), RecordedAt: at.Add(time.Duration(rng.IntN(3600)) * time.Second),
				Accounts: groups[rng.IntN(len(groups))], BySeverity: map[string]int{}}
			for _, sev := range []string{"critical", "high", "low"} {
				if n := rng.IntN(5); n > 0 {
					p.BySeverity[sev] = n
				}
			}
			points = append(points, p)
		}
		heads := make([]store.TrendPoint, len(points))
		for i, p := range points {
			heads[i] = store.TrendPoint{ScanID: p.ScanID, RecordedAt: p.RecordedAt, Accounts: p.Accounts}
		}
		for name, sc := range scopes {
			for _, days := range []int{1, 3, 10, trendDays} {
				ids := trendScans(heads, sc, days)
				var chosen []store.TrendPoint
				for _, id := range ids {
					chosen = append(chosen, points[id-1])
				}
				want, got := orgTrendDays(points, sc, days), orgTrendDays(chosen, sc, days)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d, scope %s, %d days: from %d of %d scans the trend is\n%v\nwant\n%v",
						seed, name, days, len(ids), len(points), got, want)
				}
				if len(ids) < len(points) && name == "all" {
					fewer++
				}
			}
		}
	}
	if fewer == 0 {
		t.Fatal("trendScans never left a scan out: the case proves nothing")
	}
	t.Log(fmt.Sprintf("%d histories read fewer scans", fewer))
}
