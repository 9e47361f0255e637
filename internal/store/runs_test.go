package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestRunShards records a run split into 3 shards, one account per shard,
// on both backends: while shard 1 has not finished the run says so and
// names it; once it finishes the run is complete. A shard that recorded
// scans but did not finish is still missing; shards disagreeing on n are
// an error; an unknown run is ErrNoRun.
func TestRunShards(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := open(t, b.dsn(t))
			ctx := context.Background()
			at := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
			var ids []int64
			for shard, acct := range []string{"111111111111", "222222222222", "333333333333"} {
				sc := synthScan(20, uint64(shard+1), acct)
				sc.RunID, sc.Shard, sc.Shards = "nightly-1", shard, 3
				id, err := s.Record(ctx, sc)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
				// Shard 1 recorded its scan but was killed before it finished.
				if shard != 1 {
					if err := s.FinishShard(ctx, "nightly-1", shard, 3, at); err != nil {
						t.Fatal(err)
					}
				}
			}
			st, err := s.Run(ctx, "nightly-1")
			if err != nil {
				t.Fatal(err)
			}
			want := RunState{ID: "nightly-1", Shards: 3, Finished: []int{0, 2}, Missing: []int{1}, Scans: ids}
			if !reflect.DeepEqual(st, want) || st.Complete() {
				t.Fatalf("run %+v, want %+v", st, want)
			}
			if d := st.Describe(); !strings.Contains(d, "missing shard 1 (of 0-2)") || !strings.Contains(d, "2 of 3") {
				t.Errorf("describe: %q", d)
			}
			// The retried shard finishes (twice: a retry of a retry).
			for i := 0; i < 2; i++ {
				if err := s.FinishShard(ctx, "nightly-1", 1, 3, at.Add(time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
			if st, err = s.Run(ctx, "nightly-1"); err != nil || !st.Complete() || fmt.Sprint(st.Finished) != "[0 1 2]" {
				t.Errorf("after shard 1 finished: %+v, %v", st, err)
			}
			if _, err := s.Run(ctx, "nope"); !errors.Is(err, ErrNoRun) {
				t.Errorf("unknown run: %v, want ErrNoRun", err)
			}
			if err := s.FinishShard(ctx, "nightly-1", 3, 3, at); err == nil {
				t.Error("shard 3 of 3 accepted")
			}
			if err := s.FinishShard(ctx, "other", 0, 2, at); err != nil {
				t.Fatal(err)
			}
			if err := s.FinishShard(ctx, "other", 1, 4, at); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Run(ctx, "other"); err == nil || !strings.Contains(err.Error(), "disagree") {
				t.Errorf("shards of 2 and 4: %v", err)
			}
			// An unsplit run (scans record 0 shards) is one shard.
			sc := synthScan(5, 9, "444444444444")
			sc.RunID = "single"
			if _, err := s.Record(ctx, sc); err != nil {
				t.Fatal(err)
			}
			if st, err := s.Run(ctx, "single"); err != nil || st.Shards != 1 || fmt.Sprint(st.Missing) != "[0]" {
				t.Errorf("unsplit run before it finished: %+v, %v", st, err)
			}
		})
	}
}
