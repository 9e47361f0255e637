package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// TestScanKeepsAccountContext: a recorded scan keeps the account's
// services in use and data map (reportview.Kept) for the dashboard's
// account page, once while they do not change.
func TestScanKeepsAccountContext(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shoulder.db")
	for i := 0; i < 2; i++ {
		if code, _, errb := runEnv(t, map[string]string{}, "scan", "--demo", "--store", db, "--format", "json", "-o", filepath.Join(t.TempDir(), "r.json")); code != ExitFindings {
			t.Fatalf("exit %d: %s", code, errb)
		}
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acct, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	scans, err := st.Scans(ctx)
	if err != nil || len(scans) != 2 {
		t.Fatalf("%d scans, %v", len(scans), err)
	}
	c, ok, err := st.ContextAt(ctx, acct.AccountID, scans[1].ID)
	if err != nil || !ok {
		t.Fatalf("no context kept: %v", err)
	}
	if c.Scan != scans[0].ID {
		t.Errorf("the unchanged second scan kept its own context (scan %d, want %d)", c.Scan, scans[0].ID)
	}
	names := policy.Names{Jurisdiction: func(s string) ([]string, error) { return regions.InJurisdiction(s), nil }}
	pol, err := policy.Parse(demo.PolicyName, demo.Policy(), names)
	if err != nil {
		t.Fatal(err)
	}
	want, err := reportview.Kept(acct, pol)
	if err != nil {
		t.Fatal(err)
	}
	wu, _ := json.Marshal(want.Usage)
	wm, _ := json.Marshal(want.DataMap)
	var stored int
	db2, err := store.Open(ctx, db)
	if err == nil {
		stored, err = db2.ContextSize(ctx)
		db2.Close()
	}
	t.Logf("the demo's kept context: %d bytes of services, %d of data map (%d stored, %v)", len(c.Usage), len(c.DataMap), stored, err)
	if c.Usage != string(wu) || c.DataMap != string(wm) || len(c.Usage) < 10 {
		t.Errorf("kept context differs from reportview.Kept of the demo (%d/%d bytes vs %d/%d)", len(c.Usage), len(c.DataMap), len(wu), len(wm))
	}
}

// TestViewsRecorded: matrix and datamap over one account record its scan
// as scan does (issue #13); --no-store records nothing; an organization's
// view records a scan per account (the demo organization's four;
// TestViewOrgRecorded checks their run).
func TestViewsRecorded(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shoulder.db")
	for _, c := range []struct {
		args  []string
		scans int
	}{
		{[]string{"matrix", "--demo", "--store", db}, 1},
		{[]string{"datamap", "--demo", "--store", db, "--format", "json"}, 2},
		{[]string{"matrix", "--demo", "--no-store"}, 2},
		{[]string{"datamap", "--demo-org", "--store", db}, 6},
	} {
		if code, _, errb := runEnv(t, map[string]string{}, c.args...); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, errb)
		}
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		scans, err := st.Scans(context.Background())
		st.Close()
		if err != nil || len(scans) != c.scans {
			t.Errorf("after %v: %d scans, want %d (%v)", c.args, len(scans), c.scans, err)
		}
	}
	if code, _, errb := runEnv(t, map[string]string{}, "matrix", "--demo", "--store", db, "--no-store"); code != ExitError {
		t.Errorf("--store with --no-store: exit %d (%s), want 2", code, errb)
	}
}
