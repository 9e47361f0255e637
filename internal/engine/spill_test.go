package engine_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// TestSpillSinkKeepsEveryResult: a scan streamed into a spill file
// (SpillSink) and read back (ReadSpill) gives Run's results, in Run's
// order, without loss, with the tags dropped or kept as asked; the digest
// hook sees every batch; the streamed report counts every result.
func TestSpillSinkKeepsEveryResult(t *testing.T) {
	a := synth.Account(synth.Options{Seed: 3, Resources: 1500})
	sel := checks.All()
	want := engine.Run(sel, a, policy.Default())
	if len(want.Results) < 1000 {
		t.Fatalf("only %d results: the account does not exercise the spill", len(want.Results))
	}
	for _, dropTags := range []bool{true, false} {
		path := filepath.Join(t.TempDir(), "results.gob")
		sp, err := engine.CreateSpill(path)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		rep, err := engine.Stream(sel, a, policy.Default(), engine.SpillSink(sp, dropTags, func(fs []engine.Finding) { seen += len(fs) }))
		if err != nil {
			t.Fatal(err)
		}
		if err := sp.Close(); err != nil {
			t.Fatal(err)
		}
		var got []engine.Finding
		batches := 0
		if err := engine.ReadSpill(path, func(fs []engine.Finding) error {
			batches++
			got = append(got, fs...)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		wantFs := want.Results
		tagged := 0
		if dropTags {
			wantFs = make([]engine.Finding, len(want.Results))
			copy(wantFs, want.Results)
			for i := range wantFs {
				wantFs[i].Tags = nil
			}
		}
		for i := range got {
			if len(got[i].Tags) > 0 {
				tagged++
			}
		}
		if dropTags != (tagged == 0) {
			t.Errorf("dropTags %v: %d results read back with tags", dropTags, tagged)
		}
		if len(got) != len(wantFs) || seen != len(wantFs) || rep.Summary.Total != len(wantFs) || batches < 2 {
			t.Fatalf("dropTags %v: %d results read back in %d batches, %d digested, summary %d; Run has %d",
				dropTags, len(got), batches, seen, rep.Summary.Total, len(wantFs))
		}
		for i := range got {
			// gob reads an empty map back as nil.
			if len(got[i].Tags) == 0 && len(wantFs[i].Tags) == 0 {
				got[i].Tags, wantFs[i].Tags = nil, nil
			}
			if !reflect.DeepEqual(got[i], wantFs[i]) {
				t.Fatalf("dropTags %v: result %d read back as %+v, Run has %+v", dropTags, i, got[i], wantFs[i])
			}
		}
	}
}
