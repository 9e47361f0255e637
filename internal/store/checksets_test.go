package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// scanChecks reads every scan's checks run through checksRunColumn.
func scanChecks(t *testing.T, db *sql.DB, s *Store) map[int64][]string {
	t.Helper()
	rows, err := db.Query(s.q(`SELECT id, ` + checksRunColumn + ` FROM scans ORDER BY id`))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			t.Fatal(err)
		}
		var cs []string
		if err := json.Unmarshal([]byte(text), &cs); err != nil {
			t.Fatalf("scan %d: %q: %v", id, text, err)
		}
		out[id] = cs
	}
	return out
}

func count(t *testing.T, s *Store, q string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestCheckSetsShared: scans that ran the same checks share one stored
// list (migration 0007), each scan still reads its own, and a prune drops
// the lists no kept scan ran.
func TestCheckSetsShared(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, b.dsn(t))
			start := time.Now().AddDate(0, 0, -10)
			var want [][]string
			for i, acct := range []string{"a1", "a2", "a3", "a1"} {
				n := 40
				if i == 3 {
					n = 30 // the last scan runs fewer checks
				}
				sc := synthScan(n, uint64(1+i), acct)
				sc.RecordedAt = start.AddDate(0, 0, i)
				if _, err := s.Record(ctx, sc); err != nil {
					t.Fatal(err)
				}
				want = append(want, sc.Checks)
			}
			if !slices.Equal(want[0], want[1]) || slices.Equal(want[0], want[3]) {
				t.Fatal("the test's scans do not run the lists it means")
			}
			if n := count(t, s, `SELECT COUNT(*) FROM check_sets`); n != 2 {
				t.Errorf("%d check sets for two distinct lists", n)
			}
			if n := count(t, s, `SELECT COUNT(*) FROM scans WHERE checks_run <> ''`); n != 0 {
				t.Errorf("%d scans still hold their own list", n)
			}
			got := scanChecks(t, s.db, s)
			i := 0
			for id := int64(1); i < len(want); id++ {
				cs, ok := got[id]
				if !ok {
					continue
				}
				if !slices.Equal(cs, want[i]) {
					t.Errorf("scan %d reads %v, ran %v", id, cs, want[i])
				}
				i++
			}
			p, err := s.Prune(ctx, start.AddDate(0, 0, 3).Add(-time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if p.Scans != 3 || p.CheckSets != 1 {
				t.Errorf("prune removed %d scans and %d check sets, want 3 and 1", p.Scans, p.CheckSets)
			}
			if n := count(t, s, `SELECT COUNT(*) FROM check_sets`); n != 1 {
				t.Errorf("%d check sets after the prune, want 1", n)
			}
		})
	}
}

// TestMigrationMovesChecksRun: a store at schema 6 whose scans hold their
// lists is migrated to check sets, one per distinct list, and reads the
// same lists after.
func TestMigrationMovesChecksRun(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			s := open(t, dsn)
			// Back to schema 6: undo 0007 by hand, then write scans the
			// way a schema-6 binary did.
			undo := []string{`DROP TABLE check_sets`, `ALTER TABLE scans DROP COLUMN check_set`, `DELETE FROM shoulder_schema WHERE version = 7`}
			for _, q := range undo {
				if _, err := s.db.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			lists := []string{`["a","b"]`, `["a","b"]`, `["c"]`}
			for i, l := range lists {
				if _, err := s.db.Exec(s.q(`INSERT INTO scans (recorded_at, evaluated_at, collected_at, who, source, accounts, regions,
					checks_run, policy_source, policy_hash, version, applicable, evaluated, results, counts, gaps, run_id, shard, shards)
					VALUES (?, 0, 0, '', '', 'a', '', ?, '', '', '', 0, 0, 0, '{}', '[]', '', 0, 0)`), i+1, l); err != nil {
					t.Fatal(err)
				}
			}
			s.Close()
			s = open(t, dsn)
			if s.SchemaVersion() != SchemaVersion() {
				t.Fatalf("schema %d after reopening, want %d", s.SchemaVersion(), SchemaVersion())
			}
			if n := count(t, s, `SELECT COUNT(*) FROM check_sets`); n != 2 {
				t.Errorf("%d check sets for two distinct lists", n)
			}
			if n := count(t, s, `SELECT COUNT(*) FROM scans WHERE checks_run <> '' OR check_set = 0`); n != 0 {
				t.Errorf("%d scans not moved to a check set", n)
			}
			got := scanChecks(t, s.db, s)
			want := [][]string{{"a", "b"}, {"a", "b"}, {"c"}}
			if len(got) != 3 {
				t.Fatalf("%d scans read back", len(got))
			}
			for id, cs := range got {
				if !slices.Equal(cs, want[id-1]) {
					t.Errorf("scan %d reads %v, want %v", id, cs, want[id-1])
				}
			}
		})
	}
}
