package awsfake_test

import (
	"sort"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func snapshotIDs(xs []state.Snapshot) []string {
	var out []string
	for _, s := range xs {
		out = append(out, s.Region+"/"+s.ID)
	}
	sort.Strings(out)
	return out
}

func publicSnapshotIDs(xs []state.Snapshot) []string {
	var out []string
	for _, s := range xs {
		if s.Public() {
			out = append(out, s.Region+"/"+s.ID)
		}
	}
	sort.Strings(out)
	return out
}

// TestSnapshotsOfOtherOwnersAreDropped: an endpoint that ignores
// DescribeSnapshots' OwnerIds=self (and RestorableByUserIds=all) and lists
// other accounts' public snapshots must not turn them into the account's
// own, nor turn the account's private snapshots public.
func TestSnapshotsOfOtherOwnersAreDropped(t *testing.T) {
	a := demoWithoutGaps(t)
	if len(a.EC2.Snapshots) == 0 {
		t.Fatal("the demo has no snapshots")
	}
	res, _, _ := scan(t, a, awsfake.Options{ForeignSnapshots: 25}, nil)
	got, want := snapshotIDs(res.Account.EC2.Snapshots), snapshotIDs(a.EC2.Snapshots)
	if len(got) != len(want) {
		t.Fatalf("collected %d snapshots, the account owns %d: %v", len(got), len(want), got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("collected %v, want %v", got, want)
		}
	}
	// Each snapshot's own sharing attribute was read (details all): it
	// wins over the bulk listing that called every snapshot public.
	gotPub, wantPub := publicSnapshotIDs(res.Account.EC2.Snapshots), publicSnapshotIDs(a.EC2.Snapshots)
	if len(gotPub) != len(wantPub) {
		t.Errorf("public snapshots %v, want %v", gotPub, wantPub)
	}
}
