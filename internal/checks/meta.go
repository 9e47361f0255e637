package checks

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/shoulder-dev/shoulder/internal/check"
)

// metaFS holds one YAML file per check, meta/<id>.yaml: the text a person
// reads (title, description, rationale, remediation, references) and the
// check's area, service and severity. Go keeps the ID, the logic and the
// registration; All merges the two.
//
//go:embed meta/*.yaml
var metaFS embed.FS

// metaDir is the directory of metaFS that holds the files.
const metaDir = "meta"

// Meta is one check's metadata file. Every field is required (references
// may be an empty list); unknown fields are an error.
type Meta struct {
	Title       string          `yaml:"title"`
	Description string          `yaml:"description"`
	Rationale   string          `yaml:"rationale"`
	Area        string          `yaml:"area"`
	Service     string          `yaml:"service"`
	Severity    string          `yaml:"severity"`
	Remediation MetaRemediation `yaml:"remediation"`
	References  *[]string       `yaml:"references"`
}

// MetaRemediation is a metadata file's remediation: console steps in words,
// AWS CLI lines, and a Terraform snippet.
type MetaRemediation struct {
	Console   string `yaml:"console"`
	CLI       string `yaml:"cli"`
	Terraform string `yaml:"terraform"`
}

// parseMeta decodes one metadata file strictly: unknown fields, a second
// document, a missing field or a bad area or severity are errors.
func parseMeta(name string, data []byte) (Meta, error) {
	var m Meta
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return Meta{}, fmt.Errorf("%s: %w", name, err)
	}
	var extra any
	if err := dec.Decode(&extra); err == nil {
		return Meta{}, fmt.Errorf("%s: more than one YAML document", name)
	}
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"title", m.Title}, {"description", m.Description}, {"rationale", m.Rationale},
		{"area", m.Area}, {"service", m.Service}, {"severity", m.Severity},
		{"remediation.console", m.Remediation.Console}, {"remediation.cli", m.Remediation.CLI},
		{"remediation.terraform", m.Remediation.Terraform},
	} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if m.References == nil {
		missing = append(missing, "references")
	}
	if len(missing) > 0 {
		return Meta{}, fmt.Errorf("%s: missing or empty: %s", name, strings.Join(missing, ", "))
	}
	if _, err := check.ParseArea(m.Area); err != nil {
		return Meta{}, fmt.Errorf("%s: area: %w", name, err)
	}
	if _, err := check.ParseSeverity(m.Severity); err != nil {
		return Meta{}, fmt.Errorf("%s: severity: %w", name, err)
	}
	for _, r := range *m.References {
		if !strings.HasPrefix(r, "https://") {
			return Meta{}, fmt.Errorf("%s: reference %q is not an https URL", name, r)
		}
	}
	return m, nil
}

// loadMeta reads every embedded metadata file, keyed by check ID (the file
// name without .yaml).
func loadMeta(fsys fs.FS) (map[string]Meta, error) {
	entries, err := fs.ReadDir(fsys, metaDir)
	if err != nil {
		return nil, fmt.Errorf("reading check metadata: %w", err)
	}
	out := make(map[string]Meta, len(entries))
	for _, e := range entries {
		name := path.Join(metaDir, e.Name())
		id, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok || e.IsDir() {
			return nil, fmt.Errorf("%s: not a <check id>.yaml file", name)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("reading check metadata: %w", err)
		}
		m, err := parseMeta(name, data)
		if err != nil {
			return nil, fmt.Errorf("check metadata %w", err)
		}
		out[id] = m
	}
	return out, nil
}

// embeddedMeta parses the embedded files once; the result is never
// modified (apply copies what it hands out).
var embeddedMeta = sync.OnceValues(func() (map[string]Meta, error) { return loadMeta(metaFS) })

// carriesMeta names the metadata fields a check built in Go still sets:
// since the move to meta/, Go sets only the ID, Run and Reads.
func carriesMeta(c check.Check) []string {
	var set []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"Title", c.Title != ""}, {"Description", c.Description != ""}, {"Rationale", c.Rationale != ""},
		{"Area", c.Area != ""}, {"Service", c.Service != ""}, {"Severity", c.Severity != check.Info},
		{"Remediation", c.Remediation != (check.Remediation{})}, {"References", c.References != nil},
	} {
		if f.set {
			set = append(set, f.name)
		}
	}
	return set
}

// applyMeta merges the metadata files into the checks built in Go. It fails
// on a check without a file, a file without a check, and a check whose Go
// code still sets metadata (move that text into the file: ARCHITECTURE.md,
// "Adding a check").
func applyMeta(built []check.Check, metas map[string]Meta) ([]check.Check, error) {
	var errs []error
	seen := make(map[string]bool, len(built))
	out := make([]check.Check, len(built))
	for i, c := range built {
		seen[c.ID] = true
		if set := carriesMeta(c); len(set) > 0 {
			errs = append(errs, fmt.Errorf("check %s: Go code sets %s; that text lives in %s/%s.yaml", c.ID, strings.Join(set, ", "), metaDir, c.ID))
		}
		m, ok := metas[c.ID]
		if !ok {
			errs = append(errs, fmt.Errorf("check %s: no metadata file %s/%s.yaml", c.ID, metaDir, c.ID))
			continue
		}
		// parseMeta validated area and severity.
		area, _ := check.ParseArea(m.Area)
		sev, _ := check.ParseSeverity(m.Severity)
		c.Title, c.Description, c.Rationale = m.Title, m.Description, m.Rationale
		c.Area, c.Service, c.Severity = area, m.Service, sev
		c.Remediation = check.Remediation{Console: m.Remediation.Console, CLI: m.Remediation.CLI, Terraform: m.Remediation.Terraform}
		c.References = append([]string{}, (*m.References)...)
		out[i] = c
	}
	var orphans []string
	for id := range metas {
		if !seen[id] {
			orphans = append(orphans, id)
		}
	}
	sort.Strings(orphans)
	for _, id := range orphans {
		errs = append(errs, fmt.Errorf("%s/%s.yaml: no check with ID %s is registered", metaDir, id, id))
	}
	return out, errors.Join(errs...)
}
