// Package frameworks loads the compliance frameworks shoulder maps its
// checks to (CIS AWS Foundations v3.0, v5.0, v7.0 and AWS FSBP v1.0.0),
// embedded as YAML data, and judges each control from check results.
//
// The mapping runs in one direction: a control lists the checks that
// evidence it. The reverse (which controls a check evidences) is derived by
// Reverse and never written down.
package frameworks

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed data/*.yaml
var data embed.FS

// Framework is one compliance framework version and its controls.
type Framework struct {
	// ID is how users name it, e.g. cis-5.0 or fsbp-1.0.0.
	ID       string    `yaml:"id" json:"id"`
	Name     string    `yaml:"name" json:"name"`
	Version  string    `yaml:"version" json:"version"`
	Controls []Control `yaml:"controls" json:"controls"`
}

// Control is one recommendation of a framework.
type Control struct {
	ID    string `yaml:"id" json:"id"`
	Title string `yaml:"title" json:"title"`
	// Level is the CIS profile level (1 or 2); 0 for FSBP.
	Level int `yaml:"level,omitempty" json:"level,omitempty"`
	// Severity is FSBP's severity; empty for CIS.
	Severity string `yaml:"severity,omitempty" json:"severity,omitempty"`
	Service  string `yaml:"service" json:"service"`
	// Automated is the framework's own label: false for controls CIS marks
	// Manual. A manual control may still list checks that decide part or
	// all of it.
	Automated bool `yaml:"automated" json:"automated"`
	// Checks are the check IDs that evidence the control.
	Checks []string `yaml:"checks" json:"checks"`
	// Guidance tells a human what to verify where no API decides.
	Guidance string `yaml:"guidance,omitempty" json:"guidance,omitempty"`
}

// Ref names a control of a framework, e.g. {cis-5.0, 1.4}.
type Ref struct {
	Framework string `json:"framework"`
	Control   string `json:"control"`
}

func (r Ref) String() string { return r.Framework + ":" + r.Control }

// All loads every embedded framework, ordered by ID.
func All() ([]Framework, error) {
	names, err := fs.Glob(data, "data/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("listing frameworks: %w", err)
	}
	out := make([]Framework, 0, len(names))
	for _, n := range names {
		b, err := data.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("reading framework %s: %w", n, err)
		}
		fw, err := Parse(path.Base(n), b)
		if err != nil {
			return nil, err
		}
		out = append(out, *fw)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Parse reads one framework document; name is used in errors. Unknown
// fields, duplicate control IDs and controls without an ID are errors.
func Parse(name string, b []byte) (*Framework, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var fw Framework
	if err := dec.Decode(&fw); err != nil {
		return nil, fmt.Errorf("framework %s: %w", name, err)
	}
	if fw.ID == "" || fw.Name == "" {
		return nil, fmt.Errorf("framework %s: id and name are required", name)
	}
	seen := map[string]bool{}
	for i, c := range fw.Controls {
		if c.ID == "" {
			return nil, fmt.Errorf("framework %s: control %d has no id", name, i+1)
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("framework %s: control %s is listed twice", name, c.ID)
		}
		seen[c.ID] = true
		dup := map[string]bool{}
		for _, id := range c.Checks {
			if dup[id] {
				return nil, fmt.Errorf("framework %s: control %s lists check %s twice", name, c.ID, id)
			}
			dup[id] = true
		}
	}
	return &fw, nil
}

// Find returns the framework with the given ID from fws, or an error that
// lists the known IDs.
func Find(fws []Framework, id string) (*Framework, error) {
	var ids []string
	for i := range fws {
		if strings.EqualFold(fws[i].ID, id) {
			return &fws[i], nil
		}
		ids = append(ids, fws[i].ID)
	}
	return nil, fmt.Errorf("unknown framework %q (want one of %s)", id, strings.Join(ids, ", "))
}

// Reverse derives the index check ID -> controls that list it, each list
// ordered by framework and then control order in the file.
func Reverse(fws []Framework) map[string][]Ref {
	m := map[string][]Ref{}
	for _, fw := range fws {
		for _, c := range fw.Controls {
			for _, id := range c.Checks {
				m[id] = append(m[id], Ref{Framework: fw.ID, Control: c.ID})
			}
		}
	}
	return m
}

// CheckIDs returns the distinct check IDs a framework names, sorted.
func (fw *Framework) CheckIDs() []string {
	set := map[string]bool{}
	for _, c := range fw.Controls {
		for _, id := range c.Checks {
			set[id] = true
		}
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Coverage counts a framework's controls: all of them, those the framework
// marks automated, the automated ones evidenced by at least one check that
// exists (known), and the manual ones that nonetheless have checks.
type Coverage struct {
	Framework       string  `json:"framework"`
	Name            string  `json:"name"`
	Version         string  `json:"version"`
	Controls        int     `json:"controls"`
	Automated       int     `json:"automated"`
	Evidenced       int     `json:"evidenced"`
	ManualWithCheck int     `json:"manual_with_checks"`
	Percent         float64 `json:"coverage_percent"`
	// Uncovered are the automated controls no known check evidences.
	Uncovered []string `json:"uncovered,omitempty"`
}

// CoverageOf computes the coverage of fw given which check IDs exist.
func CoverageOf(fw *Framework, known func(id string) bool) Coverage {
	cv := Coverage{Framework: fw.ID, Name: fw.Name, Version: fw.Version, Controls: len(fw.Controls)}
	for _, c := range fw.Controls {
		has := false
		for _, id := range c.Checks {
			if known(id) {
				has = true
				break
			}
		}
		switch {
		case c.Automated && has:
			cv.Automated++
			cv.Evidenced++
		case c.Automated:
			cv.Automated++
			cv.Uncovered = append(cv.Uncovered, c.ID)
		case has:
			cv.ManualWithCheck++
		}
	}
	if cv.Automated > 0 {
		cv.Percent = 100 * float64(cv.Evidenced) / float64(cv.Automated)
	}
	return cv
}
