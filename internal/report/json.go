package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/shoulder-dev/shoulder/internal/engine"
)

// JSONSchemaVersion versions the --format json output. Fields are only
// added within a version; removals or meaning changes bump it.
const JSONSchemaVersion = 1

// jsonDoc is the documented JSON output (see docs/json-output.md).
type jsonDoc struct {
	SchemaVersion int    `json:"schema_version"`
	Tool          string `json:"tool"`
	Version       string `json:"version"`
	*engine.Report
}

// JSON writes the report as indented JSON.
func JSON(w io.Writer, r *engine.Report, version string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDoc{SchemaVersion: JSONSchemaVersion, Tool: "shoulder", Version: version, Report: r}); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	return nil
}
