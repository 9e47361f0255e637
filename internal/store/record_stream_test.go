package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// findingCols and allEventCols are every column of a lifecycle and of an event.
var (
	findingCols = []string{"id", "check_id", "account", "region", "resource", "present", "status", "severity",
		"waived_from", "waiver", "message", "first_seen_scan", "first_seen_at", "last_seen_scan", "last_seen_at",
		"changed_scan", "failing_since_at", "resolved_scan", "resolved_at", "reopened"}
	allEventCols = []string{"finding_id", "scan_id", "at", "present", "status", "severity", "waived_from", "waiver", "message"}
)

// dumpTables is every column of every lifecycle (by ID) and every event
// (by lifecycle and scan) as text, to compare two stores row for row.
func dumpTables(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT ` + strings.Join(findingCols, ", ") + ` FROM findings ORDER BY id`,
		`SELECT ` + strings.Join(allEventCols, ", ") + ` FROM finding_events ORDER BY finding_id, scan_id`,
	} {
		rs, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals)
		}
		if err := rs.Err(); err != nil {
			t.Fatal(err)
		}
		rs.Close()
	}
	return b.String()
}

// TestRecordPagesAgree records the same random histories with the stored
// lifecycles read one at a time, a few at a time and all in one page (the
// whole account at once, as the recorder read it into a map before it
// streamed the comparison), on every backend: every lifecycle and event
// row is identical. Results come shuffled, with duplicate keys (the first
// counts) and resource names whose order depends on the collation (upper
// and lower case, punctuation, non-ASCII), so the database's page order
// and Go's key order differ wherever a collation can make them.
func TestRecordPagesAgree(t *testing.T) {
	ctx := context.Background()
	odd := []string{"R1", "r-1", "r_1", "r1", "é1", "Z", "a b"}
	// PostgreSQL with an ICU collation orders "a b" < "é1" < "r_1" < "r-1" < "r1" < "R1" < "Z",
	// unlike Go's byte order (and the C locale the CI cluster gets).
	icu := backend{name: "postgres-icu", dsn: func(t *testing.T) string { return pgDatabaseWith(t, icuCollation) }}
	dumps := map[string]string{}
	for _, b := range append(backends(), icu) {
		t.Run(b.name, func(t *testing.T) {
			var want string
			for _, page := range []int{1, 3, 1 << 20} {
				s := open(t, b.dsn(t))
				s.recordPage = page
				for seed := uint64(1); seed <= 4; seed++ {
					rng := rand.New(rand.NewPCG(seed, 11))
					for i, sc := range randomScans(rng, fmt.Sprint("acct", seed), 10) {
						if i%3 == 1 && len(sc.Results) > 0 {
							// A duplicate of the first result with another status: the first counts.
							d := sc.Results[0]
							d.Status, d.Message = "unknown", "duplicate"
							sc.Results = append(sc.Results, d)
						}
						if i%4 != 3 { // the odd names come and go
							for j, r := range odd[:1+i%len(odd)] {
								st := []string{"pass", "fail"}[(i+j)%2]
								sc.Results = append(sc.Results, res("c1", fmt.Sprint("acct", seed, "-a"), "", r, st, "high"))
							}
						}
						rng.Shuffle(len(sc.Results), func(i, j int) { sc.Results[i], sc.Results[j] = sc.Results[j], sc.Results[i] })
						if _, err := s.Record(ctx, sc); err != nil {
							t.Fatalf("page %d seed %d scan %d: %v", page, seed, i, err)
						}
					}
				}
				got := dumpTables(t, s)
				if strings.Count(got, "\n") < 100 {
					t.Fatalf("page %d: only %d rows stored: the histories do not exercise the recorder", page, strings.Count(got, "\n"))
				}
				if want == "" {
					want = got
				} else if got != want {
					t.Fatalf("page %d stored other rows than page 1:\n%s", page, firstDiff(want, got))
				}
			}
			dumps[b.name] = want
		})
	}
	if c, i := dumps["postgres"], dumps["postgres-icu"]; c != "" && i != "" && c != i {
		t.Errorf("PostgreSQL with an ICU collation stored other rows than with C:\n%s", firstDiff(c, i))
	}
}

// firstDiff is the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}
