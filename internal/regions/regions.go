// Package regions maps AWS region names to where they are: partition,
// location, country (ISO 3166-1 alpha-2) and a jurisdiction group, plus
// whether the region must be opted into. Data residency checks, the data map
// and the policy's allowed_jurisdictions read it.
//
// The table is embedded (regions.csv, maintained in this repository: add a
// row when AWS opens a region). Jurisdiction groups are shoulder's own
// coarse grouping, not legal advice: EU (the 27 member states), Europe-non-EEA
// (e.g. the UK and Switzerland), US, CN, APAC, Americas-non-US, Middle-East,
// Africa.
package regions

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

//go:embed regions.csv
var regionsCSV []byte

// Info is where one AWS region is.
type Info struct {
	// Region is the region code, e.g. eu-central-1.
	Region string `json:"region"`
	// Partition is aws, aws-cn, aws-us-gov, aws-eusc, aws-iso, ...
	Partition string `json:"partition"`
	// Location is AWS's name for it, e.g. "Europe (Frankfurt)".
	Location string `json:"location"`
	// Country is the ISO 3166-1 alpha-2 code of the country it is in.
	Country string `json:"country"`
	// Jurisdiction is the jurisdiction group, e.g. EU or US.
	Jurisdiction string `json:"jurisdiction"`
	// OptIn is true when accounts must opt in before using the region.
	OptIn bool `json:"opt_in"`
}

// table parses the embedded CSV once; callers only ever get copies.
var table = sync.OnceValues(func() (map[string]Info, error) { return parse(regionsCSV) })

func parse(b []byte) (map[string]Info, error) {
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("reading embedded region table: %w", err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("embedded region table is empty")
	}
	out := make(map[string]Info, len(rows)-1)
	for i, r := range rows[1:] {
		if len(r) != 6 || r[0] == "" {
			return nil, fmt.Errorf("embedded region table line %d: want 6 fields", i+2)
		}
		if _, dup := out[r[0]]; dup {
			return nil, fmt.Errorf("embedded region table line %d: region %s listed twice", i+2, r[0])
		}
		out[r[0]] = Info{Region: r[0], Partition: r[1], Location: r[2], Country: r[3], Jurisdiction: r[4], OptIn: r[5] == "yes"}
	}
	return out, nil
}

func load() map[string]Info {
	m, err := table()
	if err != nil {
		// The table is compiled in and tested; a parse failure is a build
		// defect, so callers see "unknown region" rather than a panic.
		return nil
	}
	return m
}

// Lookup returns what is known about a region; false when the region is not
// in the table (a new region, or a typo).
func Lookup(region string) (Info, bool) {
	i, ok := load()[region]
	return i, ok
}

// All returns every known region, ordered by region code.
func All() []Info {
	m := load()
	out := make([]Info, 0, len(m))
	for _, i := range m {
		out = append(out, i)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Region < out[b].Region })
	return out
}

// InJurisdiction returns the region codes of a jurisdiction group (matched
// case-insensitively, e.g. "EU"), ordered; empty for an unknown group.
func InJurisdiction(jurisdiction string) []string {
	var out []string
	for _, i := range All() {
		if strings.EqualFold(i.Jurisdiction, jurisdiction) {
			out = append(out, i.Region)
		}
	}
	return out
}

// Jurisdictions returns the known jurisdiction groups, ordered.
func Jurisdictions() []string {
	seen := map[string]bool{}
	var out []string
	for _, i := range All() {
		if !seen[i.Jurisdiction] {
			seen[i.Jurisdiction] = true
			out = append(out, i.Jurisdiction)
		}
	}
	sort.Strings(out)
	return out
}

// Describe renders a region for messages: "us-east-1 (US East (N. Virginia), US)",
// or just the code when the region is unknown.
func Describe(region string) string {
	i, ok := Lookup(region)
	if !ok {
		return region
	}
	return fmt.Sprintf("%s (%s, %s)", region, i.Location, i.Country)
}

// wellFormed is the shape of every AWS region code: a lower-case area,
// one or more lower-case words, a number (eu-west-1, us-gov-east-1,
// eusc-de-east-1).
var wellFormed = regexp.MustCompile(`^[a-z]{2,}(-[a-z]+)+-[0-9]+$`)

// WellFormed reports whether name has the shape of a region code, so that a
// region missing from the table may be a new one rather than a typo.
func WellFormed(name string) bool { return wellFormed.MatchString(name) }
