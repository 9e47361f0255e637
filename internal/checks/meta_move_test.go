package checks

import (
	"reflect"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
)

// TestMetaMoveIdentical proves the move of check text to meta/: for every
// check, the metadata its Go literal builds equals what its file holds once
// merged. Temporary: it goes with the Go literals' metadata.
func TestMetaMoveIdentical(t *testing.T) {
	metas, err := loadMeta(metaFS)
	if err != nil {
		t.Fatal(err)
	}
	built := builtin()
	bare := make([]check.Check, len(built))
	for i, c := range built {
		bare[i] = check.Check{ID: c.ID, Run: c.Run}
	}
	merged, err := applyMeta(bare, metas)
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) != len(built) || len(metas) != len(built) {
		t.Fatalf("%d checks, %d files, %d merged", len(built), len(metas), len(merged))
	}
	for i, old := range built {
		m := merged[i]
		if old.Description != m.Rationale {
			t.Errorf("%s: rationale does not start from the description", old.ID)
		}
		old.Rationale, old.References = m.Rationale, m.References
		old.Run, m.Run = nil, nil
		if !reflect.DeepEqual(old, m) {
			t.Errorf("%s: Go literal and meta file differ:\n go:   %#v\n file: %#v", old.ID, old, m)
		}
	}
}
