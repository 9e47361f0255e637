// Package demo embeds the demo account (Alpenglow Analytics GmbH) that
// `shoulder scan --demo` scans without AWS credentials. The same file is a
// test fixture. It is generated from internal/demo/builder:
//
//	go generate ./internal/demo
package demo

import (
	_ "embed"
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

//go:generate go run ./gen -o demo.json

//go:embed demo.json
var snapshot []byte

// FileName is how errors name the embedded snapshot.
const FileName = "demo.json (embedded)"

// Load decodes a fresh copy of the demo account.
func Load() (*state.Account, error) {
	a, err := state.DecodeSnapshot(FileName, snapshot)
	if err != nil {
		return nil, fmt.Errorf("loading demo account: %w", err)
	}
	return a, nil
}

// Bytes returns the embedded snapshot file.
func Bytes() []byte { return append([]byte(nil), snapshot...) }

//go:embed shoulder.yaml
var policyFile []byte

// PolicyName is how errors and reports name the demo's embedded policy.
const PolicyName = "shoulder.yaml (demo, embedded)"

// Policy returns the demo account's policy file (internal/demo/shoulder.yaml),
// which `--demo` uses unless --config names another.
func Policy() []byte { return append([]byte(nil), policyFile...) }
