package aws

import (
	"os"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

func TestDumpScenario(t *testing.T) {
	if os.Getenv("SHOULDER_DUMP") == "" {
		t.Skip("set SHOULDER_DUMP=FILE to write the scenario's collected state")
	}
	_, res := collected(t)
	if err := state.SaveSnapshot(os.Getenv("SHOULDER_DUMP"), res.Account, "test"); err != nil {
		t.Fatal(err)
	}
}
