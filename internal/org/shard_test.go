package org

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Shard
		err  string
	}{
		{"0/1", Shard{0, 1}, ""},
		{"3/4", Shard{3, 4}, ""},
		{" 0/16 ", Shard{0, 16}, ""},
		{"4/4", Shard{}, "0 to 3"},
		{"-1/4", Shard{}, "0 to 3"},
		{"0/0", Shard{}, "n must be 1 or more"},
		{"1/-2", Shard{}, "n must be 1 or more"},
		{"1", Shard{}, "want i/n"},
		{"", Shard{}, "want i/n"},
		{"a/4", Shard{}, "whole numbers"},
		{"1/4/5", Shard{}, "whole numbers"},
		{"1.0/4", Shard{}, "whole numbers"},
	} {
		got, err := ParseShard(tc.in)
		if tc.err == "" {
			if err != nil || got != tc.want {
				t.Errorf("ParseShard(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ParseShard(%q) error %v, want one containing %q", tc.in, err, tc.err)
		}
	}
}

// syntheticIDs are n account IDs shaped like an organization's: 12 digits,
// some sequential (accounts created in a row), some scattered.
func syntheticIDs(n int) []string {
	ids := make([]string, 0, n)
	for i := 0; len(ids) < n; i++ {
		if i%2 == 0 {
			ids = append(ids, fmt.Sprintf("%012d", 100000000000+i))
		} else {
			ids = append(ids, fmt.Sprintf("%012d", (int64(i)*7919*104729)%1000000000000))
		}
	}
	return ids
}

// TestShardPartition: across the n shards of one run every account is held
// by exactly one shard.
func TestShardPartition(t *testing.T) {
	ids := syntheticIDs(200)
	for _, n := range []int{1, 2, 3, 4, 7, 16} {
		for _, id := range ids {
			holders := 0
			for i := 0; i < n; i++ {
				if (Shard{Index: i, Count: n}).Holds(id) {
					holders++
				}
			}
			if holders != 1 {
				t.Errorf("n=%d: account %s held by %d shards, want 1", n, id, holders)
			}
		}
	}
}

// TestShardStable: the shard of an account is fixed by the documented rule
// (SHA-256, first 8 bytes big-endian, modulo n); the expected values were
// computed outside Go with `printf %s ID | sha256sum`, so a change of the
// rule (which would move accounts between the shards of recorded runs)
// fails here. The shard does not depend on the other accounts or their
// order.
func TestShardStable(t *testing.T) {
	for _, tc := range []struct {
		id   string
		n    int
		want int
	}{
		{"100000000001", 2, 1}, {"100000000001", 3, 0}, {"100000000001", 7, 4}, {"100000000001", 16, 9},
		{"200000000002", 4, 0}, {"200000000002", 7, 6}, {"200000000002", 16, 12},
		{"123456789012", 3, 1}, {"123456789012", 4, 2}, {"123456789012", 16, 10},
		{"999999999999", 7, 0}, {"999999999999", 16, 4},
		{"999999999999", 1, 0}, {"123456789012", 0, 0},
	} {
		if got := ShardOf(tc.id, tc.n); got != tc.want {
			t.Errorf("ShardOf(%s, %d) = %d, want %d", tc.id, tc.n, got, tc.want)
		}
	}
	// Order and size of the organization do not matter: the shard of each
	// account computed over the whole list, reversed, and a prefix agree.
	ids := syntheticIDs(200)
	first := map[string]int{}
	for _, id := range ids {
		first[id] = ShardOf(id, 5)
	}
	for i := len(ids) - 1; i >= 0; i-- {
		if got := ShardOf(ids[i], 5); got != first[ids[i]] {
			t.Fatalf("account %s moved from shard %d to %d", ids[i], first[ids[i]], got)
		}
	}
}

// TestShardSpread: 200 synthetic IDs spread over n shards with no shard
// below half or above 1.6 times its fair share.
func TestShardSpread(t *testing.T) {
	ids := syntheticIDs(200)
	for _, n := range []int{2, 3, 4, 8} {
		count := make([]int, n)
		for _, id := range ids {
			count[ShardOf(id, n)]++
		}
		fair := float64(len(ids)) / float64(n)
		for i, c := range count {
			if float64(c) < fair/2 || float64(c) > fair*1.6 {
				t.Errorf("n=%d: shard %d holds %d of %d accounts (fair share %.0f): %v", n, i, c, len(ids), fair, count)
			}
		}
		t.Logf("n=%d: %v", n, count)
	}
}
