package datamap

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// JSONSchemaVersion versions `shoulder datamap --format json` (documented
// in docs/datamap-json.md). Fields are only added within a version.
const JSONSchemaVersion = 1

type jsonDoc struct {
	SchemaVersion int    `json:"schema_version"`
	Tool          string `json:"tool"`
	Version       string `json:"version"`
	Kind          string `json:"kind"`
	*Map
}

// JSON writes the map as indented JSON.
func JSON(w io.Writer, m *Map, version string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDoc{SchemaVersion: JSONSchemaVersion, Tool: "shoulder", Version: version, Kind: "data-map", Map: m}); err != nil {
		return fmt.Errorf("writing data map JSON: %w", err)
	}
	return nil
}

// TableOptions control the terminal rendering.
type TableOptions struct {
	Color bool
	// Width is the terminal width used to shorten long cells (0 = 200).
	Width int
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
)

type painter bool

func (p painter) paint(code, s string) string {
	if !p || code == "" || strings.TrimSpace(s) == "" {
		return s
	}
	return code + s + ansiReset
}

// cell is one table cell with the colour it is painted in.
type cell struct {
	text, color string
	// mark is a marker (" !": outside the allowed regions) that shortening
	// the cell must keep visible, since without colour it is the only sign.
	mark string
}

// full is the cell's text with its mark, unless the text already shows it.
func (c cell) full() string {
	if c.mark == "" || strings.Contains(c.text, strings.TrimSpace(c.mark)) {
		return c.text
	}
	return c.text + c.mark
}

// fit shortens the cell to n runes, keeping its mark visible.
func (c cell) fit(n int) string {
	t := truncate(c.full(), n)
	if c.mark == "" || strings.Contains(t, strings.TrimSpace(c.mark)) {
		return t
	}
	return truncate(c.text, max(1, n-utf8.RuneCountInString(c.mark))) + c.mark
}

// Table writes one row per store and a summary of where the data is, how
// it is exposed and under whose keys.
func Table(w io.Writer, m *Map, o TableOptions) error {
	p := painter(o.Color)
	width := o.Width
	if width <= 0 {
		width = 200
	}
	ew := &errWriter{w: w}
	title := "shoulder datamap: account " + textsafe.Terminal(m.AccountID)
	if m.AccountName != "" {
		title += " (" + textsafe.Terminal(m.AccountName) + ")"
	}
	if m.IsOrg() {
		org := m.OrganizationID
		if org == "" {
			org = "of account snapshots"
		}
		title = fmt.Sprintf("shoulder datamap: organization %s (%d accounts)", textsafe.Terminal(org), len(m.Accounts))
	}
	pol := "default policy"
	if m.Policy != "" {
		pol = "policy " + textsafe.Terminal(m.Policy)
	}
	allowed := "no allowed regions in the policy"
	if len(m.AllowedRegions) > 0 {
		allowed = "allowed regions " + strings.Join(m.AllowedRegions, ", ")
	}
	ew.printf("%s\n", p.paint(ansiBold, title))
	ew.printf("%s\n\n", p.paint(ansiDim, fmt.Sprintf("source %s, %s, collected %s; %s", textsafe.Terminal(m.Source), pol, m.CollectedAt.Format("2006-01-02 15:04 MST"), allowed)))

	header := []string{"STORE", "NAME", "REGION", "WHERE", "CLASS", "CUSTODY", "EXPOSURE", "BACKUP", "COPIES ELSEWHERE"}
	caps := []int{14, 40, 14, 18, 16, 18, 34, 12, 0}
	if m.IsOrg() {
		header = append([]string{"ACCOUNT", "OU"}, header...)
		caps = append([]int{12, 24}, caps...)
		for _, a := range m.Accounts {
			if a.Read == "none" {
				ew.printf("%s\n", p.paint(ansiYellow, fmt.Sprintf("account %s NOT READ (its stores are not in the map): %s", textsafe.Terminal(a.ID), textsafe.Terminal(a.Reason))))
			}
		}
	}
	rows := make([][]cell, 0, len(m.Stores))
	for i := range m.Stores {
		r := storeRow(&m.Stores[i])
		if m.IsOrg() {
			r = append([]cell{{text: m.Stores[i].AccountID}, {text: m.Stores[i].OUPath}}, r...)
		}
		// Names, classifications (tags) and sharing principals are the
		// account's text: shown, never acted on by the terminal.
		for j := range r {
			r[j].text = textsafe.Terminal(r[j].text)
		}
		rows = append(rows, r)
	}
	// Column widths from the plain text; the last column takes the rest.
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = len(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], min(utf8.RuneCountInString(c.full()), capOr(caps[i])))
		}
	}
	used := 0
	for i := 0; i < len(widths)-1; i++ {
		used += widths[i] + 2
	}
	widths[len(widths)-1] = max(16, width-used)
	line := func(cs []cell) string {
		var b strings.Builder
		for i, c := range cs {
			t := c.fit(widths[i])
			if i < len(cs)-1 {
				t += strings.Repeat(" ", widths[i]-utf8.RuneCountInString(t)+2)
			}
			b.WriteString(p.paint(c.color, t))
		}
		return strings.TrimRight(b.String(), " ")
	}
	hc := make([]cell, len(header))
	for i, h := range header {
		hc[i] = cell{text: h, color: ansiDim}
	}
	ew.printf("%s\n", line(hc))
	for _, r := range rows {
		ew.printf("%s\n", line(r))
	}
	if len(m.Stores) == 0 {
		ew.printf("%s\n", p.paint(ansiDim, "(no data store matches)"))
	}
	writeSummary(ew, m, p)
	return ew.err
}

func capOr(n int) int {
	if n == 0 {
		return 1 << 20
	}
	return n
}

func storeRow(s *Store) []cell {
	where := s.Country
	if s.Jurisdiction != "" {
		where += " " + s.Jurisdiction
	}
	region := cell{text: s.Region}
	if s.Allowed != nil && !*s.Allowed {
		region = cell{text: s.Region, color: ansiRed, mark: " !"}
	}
	class := s.Classification
	if class == "" {
		class = "-"
	}
	if s.Sensitive {
		class += " *"
	}
	cust := cell{text: s.Encryption.Custody}
	switch s.Encryption.Custody {
	case "none":
		cust.color = ansiRed
	case "unknown":
		cust.color = ansiYellow
	}
	exp := cell{text: s.Exposure.Level}
	switch s.Exposure.Level {
	case Public:
		exp.color = ansiRed
	case Shared:
		var parts []string
		untrusted := false
		for _, sh := range s.Exposure.SharedWith {
			t := "trusted"
			if !sh.Trusted {
				t, untrusted = "untrusted", true
			}
			parts = append(parts, sh.Account+" "+t)
		}
		exp.text = "shared: " + strings.Join(parts, ", ")
		if untrusted {
			exp.color = ansiRed
		} else {
			exp.color = ansiYellow
		}
	case Unknown:
		exp.color = ansiYellow
	}
	bk := cell{text: strings.ReplaceAll(s.Backup.State, "_", " ")}
	switch s.Backup.State {
	case Unprotected:
		bk.color = ansiYellow
	case Protected:
		bk.color = ansiGreen
	case BackupUnknown:
		bk.color = ansiYellow
	}
	var copies []string
	outside := false
	for _, c := range s.Copies {
		t := c.Region
		if c.Account != "" {
			t += "@" + c.Account
		}
		t += " (" + c.Kind + ")"
		if c.Allowed != nil && !*c.Allowed {
			t += " !"
			outside = true
		}
		copies = append(copies, t)
	}
	cp := cell{text: strings.Join(dedupe(copies), ", ")}
	if outside {
		cp.color, cp.mark = ansiRed, " !"
	}
	if cp.text == "" {
		cp.text = "-"
	}
	return []cell{{text: s.Kind}, {text: s.Name}, region, {text: where}, {text: class}, cust, exp, bk, cp}
}

func writeSummary(ew *errWriter, m *Map, p painter) {
	s := m.Summary
	ew.printf("\n%s  %d data stores", p.paint(ansiBold, "Summary"), s.Stores)
	if len(m.AllowedRegions) > 0 {
		ew.printf("; %s outside the allowed regions (!), %d with copies outside", p.paint(map[bool]string{true: ansiRed, false: ""}[s.OutsideAllowed > 0], fmt.Sprintf("%d", s.OutsideAllowed)), s.CopiesOutsideAllowed)
	}
	ew.printf("; * marks sensitive classifications\n")
	ew.printf("  where:    %s\n", counts(s.ByJurisdiction, nil))
	ew.printf("  country:  %s\n", counts(s.ByCountry, nil))
	ew.printf("  exposure: %s\n", counts(s.ByExposure, []string{Public, Shared, Unknown, Private}))
	ew.printf("  custody:  %s\n", counts(s.ByCustody, []string{"unknown", "none", "aws_owned", "aws_managed", "customer_managed", "imported", "cloudhsm", "external_key_store"}))
	ew.printf("  backup:   %s\n", counts(s.ByBackup, []string{Unprotected, BackupUnknown, Protected, IsBackup}))
	ew.printf("  class:    %s\n", counts(s.ByClass, nil))
	for _, g := range m.Incomplete {
		ew.printf("  %s\n", p.paint(ansiYellow, "incomplete: could not list "+textsafe.Terminal(g.String())))
	}
}

// counts renders "3 public, 5 private" in the given order, or by count
// (then name) when order is nil; zero counts are left out.
func counts(m map[string]int, order []string) string {
	keys := order
	if keys == nil {
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if m[keys[i]] != m[keys[j]] {
				return m[keys[i]] > m[keys[j]]
			}
			return keys[i] < keys[j]
		})
	}
	var parts []string
	for _, k := range keys {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", m[k], textsafe.Terminal(strings.ReplaceAll(k, "_", " "))))
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n < 2 {
		return string([]rune(s)[:n])
	}
	return string([]rune(s)[:n-1]) + "…"
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
