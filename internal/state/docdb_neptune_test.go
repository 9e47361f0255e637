package state

import "testing"

func TestEngineService(t *testing.T) {
	for engine, want := range map[string]string{
		"docdb": "docdb", "docdb-elastic": "docdb", "neptune": "neptune", "DocDB": "docdb",
		"aurora-postgresql": "rds", "aurora-mysql": "rds", "postgres": "rds", "": "rds", "neptune-graph": "rds",
	} {
		if got := EngineService(engine); got != want {
			t.Errorf("EngineService(%q) = %q, want %q", engine, got, want)
		}
	}
}
