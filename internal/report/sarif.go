package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// SARIFSchemaURI is the OASIS SARIF 2.1.0 schema the output declares.
const SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 *sarifText        `json:"help,omitempty"`
	DefaultConfiguration map[string]string `json:"defaultConfiguration"`
	Properties           map[string]any    `json:"properties"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	EndTimeUTC          string              `json:"endTimeUtc"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Kind                string             `json:"kind"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties"`
}

type sarifLocation struct {
	LogicalLocations []sarifLogical `json:"logicalLocations"`
}

type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

// sarifLevel maps a severity to a SARIF level for failing results.
func sarifLevel(s check.Severity) string {
	switch {
	case s >= check.High:
		return "error"
	case s == check.Medium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the CVSS-like score GitHub code scanning reads from
// a rule's "security-severity" property to rank alerts.
func securitySeverity(s check.Severity) string {
	return [...]string{"0.0", "3.0", "5.5", "8.0", "9.5"}[s]
}

// sarifKind maps a status to a SARIF result kind. Only "fail" results carry
// a level other than "none" (SARIF 2.1.0 §3.27.9).
func sarifKind(s check.Status) string {
	switch s {
	case check.Fail, check.Waived:
		return "fail"
	case check.Pass:
		return "pass"
	case check.NotApplicable:
		return "notApplicable"
	}
	return "review" // unknown and manual: a person must look
}

// SARIF writes a SARIF 2.1.0 log with one rule per check and one result
// per check and resource, located by the resource's ARN as a logical
// location. Waived failures carry an accepted external suppression.
// Coverage gaps become tool execution notifications.
func SARIF(w io.Writer, r *engine.Report, o Options) error {
	return writeWhole(SARIFSink(w, o, DigestOf(r)), r)
}

// SARIFSink returns the streaming writer of SARIF for a report digested
// into d (a finished report whose results come a batch at a time): the
// bytes SARIF writes for the whole report. The rules, which precede the
// results, come from the digest.
func SARIFSink(w io.Writer, o Options, d *Digest) engine.Sink {
	bw := bufio.NewWriterSize(w, 1<<16)
	return &sarifSink{bw: bw, o: o, d: d, items: newJSONItems(bw)}
}

type sarifSink struct {
	bw      *bufio.Writer
	o       Options
	d       *Digest
	r       *engine.Report
	ruleIdx map[string]int
	items   *jsonItems
}

// Start writes the log up to its results: the tool with one rule per
// check that has results, the invocation with the coverage gaps as
// notifications, the automation details and the run's properties.
func (s *sarifSink) Start(r *engine.Report) error {
	s.r = r
	ids := make([]string, 0, len(s.d.checks))
	for id := range s.d.checks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	s.ruleIdx = make(map[string]int, len(ids))
	rules := make([]sarifRule, len(ids))
	for i, id := range ids {
		s.ruleIdx[id] = i
		c := s.d.checks[id]
		rules[i] = sarifRuleFor(id, c.severity, c.title, s.o)
	}
	var notes []sarifNotification
	for _, g := range r.Gaps {
		notes = append(notes, sarifNotification{Level: "warning", Message: sarifText{Text: "could not read " + g.String()}})
	}
	for _, e := range r.Accounts {
		for _, g := range e.Gaps {
			notes = append(notes, sarifNotification{Level: "warning", Message: sarifText{Text: "account " + e.ID + ": could not read " + g.String()}})
		}
		if e.Read == engine.ReadNone {
			notes = append(notes, sarifNotification{Level: "error", Message: sarifText{Text: "account " + e.ID + " not read: " + e.Reason}})
		}
	}
	props := map[string]any{"accountId": r.AccountID, "source": r.Source, "collectedAt": r.CollectedAt.UTC().Format("2006-01-02T15:04:05Z")}
	if r.AccountName != "" {
		props["accountName"] = r.AccountName
	}
	auto := "shoulder/" + r.AccountID + "/"
	if r.IsOrg() {
		props["organizationId"] = r.OrganizationID
		props["accounts"] = len(r.Accounts)
		auto = "shoulder/org/" + r.OrganizationID + "/"
	}
	inv := []sarifInvocation{{ExecutionSuccessful: true, EndTimeUTC: r.EvaluatedAt.UTC().Format("2006-01-02T15:04:05Z"), Notifications: notes}}
	if err := writeSARIFHead(s.bw, s.o.Version, rules, inv, map[string]string{"id": auto}, props); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}

// Findings writes one result per finding, located by the resource's ARN
// as a logical location; a waived failure carries an accepted external
// suppression.
func (s *sarifSink) Findings(_ *check.Check, fs []engine.Finding) error {
	for i := range fs {
		if err := s.items.add(s.result(&fs[i])); err != nil {
			return fmt.Errorf("writing SARIF: %w", err)
		}
	}
	return nil
}

func (s *sarifSink) result(f *engine.Finding) sarifResult {
	kind := sarifKind(f.Status)
	level := "none"
	if kind == "fail" {
		level = sarifLevel(f.Severity)
	}
	res := sarifResult{
		RuleID: f.CheckID, RuleIndex: s.ruleIdx[f.CheckID], Kind: kind, Level: level,
		Message: sarifText{Text: nonEmpty(f.Message, string(f.Status))},
		Locations: []sarifLocation{{LogicalLocations: []sarifLogical{{
			Name: resourceName(f.Resource), FullyQualifiedName: f.Resource, Kind: "resource"}}}},
		PartialFingerprints: map[string]string{"shoulderCheckResource/v1": fingerprint(f.CheckID, f.Resource)},
		Properties:          map[string]any{"status": f.Status, "severity": f.Severity.String(), "area": f.Area, "service": f.Service},
	}
	if f.Region != "" {
		res.Properties["region"] = f.Region
	}
	acct, acctName := findingAccount(s.r, f)
	res.Properties["accountId"] = acct
	if acctName != "" {
		res.Properties["accountName"] = acctName
	}
	if f.OUPath != "" {
		res.Properties["ouPath"] = f.OUPath
	}
	if f.Sensitive {
		res.Properties["sensitive"] = true
	}
	if f.Waiver != nil {
		res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted",
			Justification: fmt.Sprintf("%s (owner %s, expires %s)", f.Waiver.Reason, f.Waiver.Owner, f.Waiver.Expires.Format("2006-01-02"))}}
	}
	return res
}

// End closes the results and the log.
func (s *sarifSink) End(*engine.Report) error {
	if err := s.items.close(); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	if _, err := s.bw.WriteString("\n}]}\n"); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}

// writeSARIFHead writes the log up to its results, with one rule per line,
// so a large log stays compact and a change to one finding is a one-line
// diff (the results, written after it, are one per line too).
func writeSARIFHead(bw *bufio.Writer, version string, rules []sarifRule, inv []sarifInvocation, auto map[string]string, props map[string]any) error {
	var parts [5]string
	for i, v := range []any{SARIFSchemaURI, nonEmpty(version, "dev"), inv, auto, props} {
		s, err := compactJSON(v)
		if err != nil {
			return err
		}
		parts[i] = s
	}
	fmt.Fprintf(bw, "{\"$schema\": %s, \"version\": \"2.1.0\", \"runs\": [{\n", parts[0])
	fmt.Fprintf(bw, "\"tool\": {\"driver\": {\"name\": \"shoulder\", \"version\": %s, \"informationUri\": \"https://github.com/shoulder-dev/shoulder\", \"rules\": ", parts[1])
	if err := writeJSONItems(bw, len(rules), sliceItem(rules)); err != nil {
		return err
	}
	_, err := fmt.Fprintf(bw, "}},\n\"invocations\": %s,\n\"automationDetails\": %s,\n\"properties\": %s,\n\"results\": ", parts[2], parts[3], parts[4])
	return err
}

// sarifRuleFor is the rule of check id; sev and title are those of its
// first result, used when the check's own text is not known.
func sarifRuleFor(id string, sev check.Severity, title string, o Options) sarifRule {
	c, known := o.Checks[id]
	if known {
		sev = c.Severity
	}
	if c.Title != "" {
		title = c.Title
	}
	title = nonEmpty(title, id)
	rule := sarifRule{
		ID: id, Name: camel(id),
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: nonEmpty(c.Description, title)},
		DefaultConfiguration: map[string]string{"level": sarifLevel(sev)},
		Properties: map[string]any{
			"security-severity": securitySeverity(sev),
		},
	}
	// SARIF wants tags unique; an area and a service can share a name.
	tags := []string{"security", "aws"}
	for _, t := range []string{string(c.Area), c.Service} {
		if t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	rule.Properties["tags"] = tags
	if cs := o.controls(id); len(cs) > 0 {
		rule.Properties["controls"] = cs
	}
	if rem := c.Remediation; rem.Console != "" || rem.CLI != "" || rem.Terraform != "" {
		var txt, md strings.Builder
		if rem.Console != "" {
			fmt.Fprintf(&txt, "Console: %s\n", rem.Console)
			fmt.Fprintf(&md, "**Console:** %s\n\n", rem.Console)
		}
		if rem.CLI != "" {
			fmt.Fprintf(&txt, "AWS CLI: %s\n", rem.CLI)
			fmt.Fprintf(&md, "**AWS CLI:**\n\n```sh\n%s\n```\n\n", rem.CLI)
		}
		if rem.Terraform != "" {
			fmt.Fprintf(&txt, "Terraform: %s\n", rem.Terraform)
			fmt.Fprintf(&md, "**Terraform:**\n\n```hcl\n%s\n```\n", rem.Terraform)
		}
		rule.Help = &sarifText{Text: strings.TrimSpace(txt.String()), Markdown: strings.TrimSpace(md.String())}
	}
	return rule
}

// camel turns a snake_case check ID into the PascalCase SARIF rule name.
func camel(id string) string {
	var b strings.Builder
	for _, p := range strings.Split(id, "_") {
		if p == "" {
			continue
		}
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

// fingerprint identifies a (check, resource) pair across runs.
func fingerprint(checkID, resource string) string {
	h := sha256.Sum256([]byte(checkID + "\x00" + resource))
	return hex.EncodeToString(h[:16])
}

func nonEmpty(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}
