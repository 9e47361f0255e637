// Package responsibility is the shared responsibility model as data: for
// each AWS service shoulder knows, its model (infrastructure, container,
// managed, abstracted), the duties AWS carries (shown as context, never as
// findings) and the customer's duties, each tied to an area and to the
// checks that verify it, or marked manual with guidance.
//
// The matrix a user sees (`shoulder matrix`) is this catalog joined with a
// scan's findings, for the services the account really uses.
package responsibility

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/shoulder-dev/shoulder/internal/check"
)

//go:embed catalog.yaml
var catalogYAML []byte

// Model is how much of a service AWS runs.
type Model string

// The four service models (after AWS's security whitepapers).
const (
	// Infrastructure: the customer runs the OS and everything above it.
	Infrastructure Model = "infrastructure"
	// Container: AWS runs the orchestrator (and, on Fargate, the hosts);
	// the customer defines what each container may do on its host, its
	// user, network exposure, secrets and logs.
	Container Model = "container"
	// Managed: AWS runs the OS and platform; the customer owns placement,
	// firewalling, access, encryption, backup and upgrade settings.
	Managed Model = "managed"
	// Abstracted: AWS runs everything below the API; the customer owns its
	// data, its classification, encryption options and every permission.
	Abstracted Model = "abstracted"
)

// Catalog is the responsibility catalog.
type Catalog struct {
	Services []Service `yaml:"services" json:"services"`
}

// Service is one AWS service and who does what for it.
type Service struct {
	// ID is shoulder's short name for the service, e.g. ec2, ebs, s3.
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"`
	// Model is infrastructure, container, managed or abstracted.
	Model Model `yaml:"model" json:"model"`
	// AccountWide services (IAM, CloudTrail, ...) carry duties every account
	// has, whatever it runs: they are always in use.
	AccountWide bool `yaml:"account_wide,omitempty" json:"account_wide,omitempty"`
	// AWS lists what AWS carries for the service: context, never a finding.
	AWS []string `yaml:"aws" json:"aws"`
	// Duties are the customer's.
	Duties []Duty `yaml:"duties" json:"duties"`
}

// Duty is one thing the customer must do for a service.
type Duty struct {
	// ID is stable: <service>.<what>.
	ID    string     `yaml:"id" json:"id"`
	Title string     `yaml:"title" json:"title"`
	Area  check.Area `yaml:"area" json:"area"`
	// Checks are the IDs of the checks that verify the duty.
	Checks []string `yaml:"checks,omitempty" json:"checks,omitempty"`
	// Resources, when set, narrows the checks' results to the resources of
	// this service (ARN globs, * matches any run of characters): a check
	// that spans many stores (key custody, residency) then counts here only
	// for this service's stores.
	Resources []string `yaml:"resources,omitempty" json:"resources,omitempty"`
	// Manual is true when no API can decide the duty; Guidance then says
	// what to do and how to verify it.
	Manual   bool   `yaml:"manual,omitempty" json:"manual,omitempty"`
	Guidance string `yaml:"guidance,omitempty" json:"guidance,omitempty"`
}

// Load parses the embedded catalog and checks its shape (not its check
// IDs: see Validate).
func Load() (*Catalog, error) { return Parse(catalogYAML) }

var (
	serviceIDRe = regexp.MustCompile(`^[a-z0-9]+$`)
	dutyIDRe    = regexp.MustCompile(`^[a-z0-9]+\.[a-z0-9-]+$`)
)

// Parse reads a catalog document strictly (unknown fields are errors) and
// checks every service and duty is complete.
func Parse(b []byte) (*Catalog, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("responsibility catalog: %w", err)
	}
	var errs []string
	seenSvc, seenDuty := map[string]bool{}, map[string]bool{}
	for _, s := range c.Services {
		if !serviceIDRe.MatchString(s.ID) || seenSvc[s.ID] {
			errs = append(errs, fmt.Sprintf("service %q: ID must be unique lowercase letters and digits", s.ID))
		}
		seenSvc[s.ID] = true
		switch s.Model {
		case Infrastructure, Container, Managed, Abstracted:
		default:
			errs = append(errs, fmt.Sprintf("service %s: model %q is not infrastructure, container, managed or abstracted", s.ID, s.Model))
		}
		if s.Name == "" || len(s.AWS) == 0 || len(s.Duties) == 0 {
			errs = append(errs, fmt.Sprintf("service %s: needs a name, AWS's duties and the customer's duties", s.ID))
		}
		for _, d := range s.Duties {
			if !dutyIDRe.MatchString(d.ID) || !strings.HasPrefix(d.ID, s.ID+".") || seenDuty[d.ID] {
				errs = append(errs, fmt.Sprintf("duty %q: ID must be unique and start with %q", d.ID, s.ID+"."))
			}
			seenDuty[d.ID] = true
			if d.Title == "" {
				errs = append(errs, fmt.Sprintf("duty %s: no title", d.ID))
			}
			if _, err := check.ParseArea(string(d.Area)); err != nil {
				errs = append(errs, fmt.Sprintf("duty %s: %v", d.ID, err))
			}
			switch {
			case d.Manual && len(d.Checks) > 0:
				errs = append(errs, fmt.Sprintf("duty %s: manual duties name no checks (a check decides, or a person does)", d.ID))
			case d.Manual && strings.TrimSpace(d.Guidance) == "":
				errs = append(errs, fmt.Sprintf("duty %s: manual without guidance", d.ID))
			case !d.Manual && len(d.Checks) == 0:
				errs = append(errs, fmt.Sprintf("duty %s: names no check and is not manual", d.ID))
			}
			for _, r := range d.Resources {
				if !strings.HasPrefix(r, "arn:") {
					errs = append(errs, fmt.Sprintf("duty %s: resource pattern %q is not an ARN glob", d.ID, r))
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("responsibility catalog: %s", strings.Join(errs, "; "))
	}
	return &c, nil
}

// Validate checks the catalog against a check registry: every check a duty
// names exists, and every registered check is reachable from some duty.
func (c *Catalog) Validate(registered []check.Check) error {
	known := map[string]bool{}
	for _, ch := range registered {
		known[ch.ID] = true
	}
	reached := map[string]bool{}
	var errs []string
	for _, s := range c.Services {
		for _, d := range s.Duties {
			for _, id := range d.Checks {
				if !known[id] {
					errs = append(errs, fmt.Sprintf("duty %s names unknown check %q", d.ID, id))
				}
				reached[id] = true
			}
		}
	}
	for _, ch := range registered {
		if !reached[ch.ID] {
			errs = append(errs, fmt.Sprintf("check %s (%s, %s) is reachable from no duty", ch.ID, ch.Service, ch.Area))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("responsibility catalog vs checks: %d problems:\n  %s", len(errs), strings.Join(errs, "\n  "))
	}
	return nil
}

// Service returns the service with the given ID.
func (c *Catalog) Service(id string) (Service, bool) {
	for _, s := range c.Services {
		if s.ID == id {
			return s, true
		}
	}
	return Service{}, false
}
