// Package demo embeds the demo account (Alpenglow Analytics GmbH) that
// `shoulder scan --demo` scans without AWS credentials. The same file is a
// test fixture. It is generated from internal/demo/builder:
//
//	go generate ./internal/demo
package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

//go:generate go run ./gen -o demo.json -org org

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

//go:embed org/*.json
var orgFS embed.FS

// OrgName is how reports name the demo organization's source.
const OrgName = "demo organization (embedded)"

// OrgAccounts lists the demo organization's account IDs in order: the
// management account, the demo account (its EU production account), a
// development account and a sandbox.
func OrgAccounts() []string {
	ids := []string{builderAccountID}
	ents, _ := fs.ReadDir(orgFS, "org") // embedded: cannot fail
	for _, e := range ents {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(ids)
	return ids
}

// builderAccountID is the demo account's ID (builder.AccountID; the
// builder is not linked into the binary).
const builderAccountID = "210987654321"

// LoadOrgAccount decodes a fresh copy of one account of the demo
// organization.
func LoadOrgAccount(id string) (*state.Account, error) {
	if id == builderAccountID {
		return Load()
	}
	b, err := orgFS.ReadFile("org/" + id + ".json")
	if err != nil {
		return nil, fmt.Errorf("the demo organization has no account %s", id)
	}
	a, err := state.DecodeSnapshot("org/"+id+".json (embedded)", b)
	if err != nil {
		return nil, fmt.Errorf("loading demo organization account %s: %w", id, err)
	}
	return a, nil
}
