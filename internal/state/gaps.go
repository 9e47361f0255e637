package state

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// GapReason classifies why a piece of state could not be read.
type GapReason string

// The reasons a piece of state can be missing.
const (
	// ReasonAccessDenied: the caller lacks permission (IAM, SCP, resource policy).
	ReasonAccessDenied GapReason = "access_denied"
	// ReasonThrottled: AWS kept throttling past the retry budget.
	ReasonThrottled GapReason = "throttled"
	// ReasonNotEnabled: the service is not enabled or subscribed in the account or region.
	ReasonNotEnabled GapReason = "not_enabled"
	// ReasonRegionDisabled: the region is not enabled for the account.
	ReasonRegionDisabled GapReason = "region_disabled"
	// ReasonNotImplemented: the endpoint does not implement the operation (emulators).
	ReasonNotImplemented GapReason = "not_implemented"
	// ReasonTimeout: the call did not complete in time.
	ReasonTimeout GapReason = "timeout"
	// ReasonCancelled: the scan was interrupted before the call ran.
	ReasonCancelled GapReason = "cancelled"
	// ReasonUnsupported: the source cannot express this data (e.g. a snapshot made before it was collected).
	ReasonUnsupported GapReason = "unsupported"
	// ReasonError: any other failure (5xx, unexpected response shape).
	ReasonError GapReason = "error"
	// ReasonSkipped: the collection chose not to read it (per-item detail
	// reads that no check needs, see `--details`); the message says how to
	// read it.
	ReasonSkipped GapReason = "skipped"
)

// AllOperations in a Gap means every operation of the service in that region.
const AllOperations = "*"

// Gap is one piece of the state that could not be read.
type Gap struct {
	// Service is the AWS service prefix, e.g. s3, ec2, iam.
	Service string `json:"service"`
	// Region is empty for global services.
	Region string `json:"region,omitempty"`
	// Operation is the API action, e.g. GetBucketPolicy, or "*".
	Operation string `json:"operation"`
	// Resource is the ARN the call was about; empty when the call lists many.
	Resource string `json:"resource,omitempty"`
	// Reason classifies the failure.
	Reason GapReason `json:"reason"`
	// Message is the error text as AWS (or the source) gave it.
	Message string `json:"message,omitempty"`
}

// String renders the gap for a human: "s3 GetBucketPolicy in eu-west-1: access_denied (...)".
func (g Gap) String() string {
	s := g.Service + " " + g.Operation
	if g.Region != "" {
		s += " in " + g.Region
	}
	if g.Resource != "" {
		s += " for " + g.Resource
	}
	s += ": " + string(g.Reason)
	if g.Message != "" {
		s += " (" + g.Message + ")"
	}
	return s
}

type gapKey struct{ service, region, operation, resource string }

// Gaps is the set of coverage gaps of an account, indexed for fast lookup.
// Its zero value is empty and ready to use. It marshals as a JSON list.
// Gaps is not safe for concurrent mutation; collectors serialise Add.
type Gaps struct {
	items []Gap
	index map[gapKey]int
	// observe, when set, is told every lookup (see Observe).
	observe func(Lookup)
}

// NewGaps builds a set from a list.
func NewGaps(gs ...Gap) Gaps {
	var g Gaps
	for _, x := range gs {
		g.Add(x)
	}
	return g
}

// Add records a gap. A second gap with the same service, region, operation
// and resource replaces the first (the later failure is the one that stood).
func (g *Gaps) Add(x Gap) {
	if g.index == nil {
		g.index = make(map[gapKey]int)
	}
	k := gapKey{x.Service, x.Region, x.Operation, x.Resource}
	if i, ok := g.index[k]; ok {
		g.items[i] = x
		return
	}
	g.index[k] = len(g.items)
	g.items = append(g.items, x)
}

// All returns the gaps in the order they were added.
func (g *Gaps) All() []Gap { return g.items }

// Len is the number of gaps.
func (g *Gaps) Len() int { return len(g.items) }

// Find reports the gap that makes the given operation's data for resource
// arn in region unknown: a gap for that resource, for the whole listing in
// the region, for the whole service in the region, for the global call, or
// for every service in the region (Service "*", e.g. a disabled region).
// Pass an empty arn for listing-level questions.
func (g *Gaps) Find(service, region, operation, arn string) (Gap, bool) {
	if g.observe != nil {
		g.observe(Lookup{Service: service, Operation: operation})
	}
	return g.find(service, region, operation, arn)
}

func (g *Gaps) find(service, region, operation, arn string) (Gap, bool) {
	if len(g.items) == 0 {
		return Gap{}, false
	}
	try := func(k gapKey) (Gap, bool) {
		if i, ok := g.index[k]; ok {
			return g.items[i], true
		}
		return Gap{}, false
	}
	keys := make([]gapKey, 0, 6)
	if arn != "" {
		keys = append(keys, gapKey{service, region, operation, arn})
	}
	keys = append(keys,
		gapKey{service, region, operation, ""},
		gapKey{service, region, AllOperations, ""},
	)
	if region != "" {
		keys = append(keys, gapKey{service, "", operation, ""}, gapKey{service, "", AllOperations, ""},
			gapKey{AllOperations, region, AllOperations, ""})
	}
	for _, k := range keys {
		if x, ok := try(k); ok {
			return x, true
		}
	}
	return Gap{}, false
}

// FindAny is Find over several operations; the first gap found wins.
func (g *Gaps) FindAny(service, region, arn string, operations ...string) (Gap, bool) {
	for _, op := range operations {
		if x, ok := g.Find(service, region, op, arn); ok {
			return x, true
		}
	}
	return Gap{}, false
}

// ForInput reports the gap that makes input in unknown for resource arn in
// region (empty arn for listing-level questions): Find over every declared
// operation that fills the input (internal/collect/ops.go, generated into
// inputs_gen.go), the first gap found wins. Checks look gaps up this way,
// never by operation name, so they can only ask about what a collector
// records. An input no declared operation fills is reported missing (a gap
// with reason unsupported), never read.
func (g *Gaps) ForInput(in Input, region, arn string) (Gap, bool) {
	if g.observe != nil {
		g.observe(Lookup{Input: in})
	}
	ops, bound := inputOperations[in]
	if !bound {
		return Gap{Service: "shoulder", Region: region, Operation: string(in), Resource: arn,
			Reason: ReasonUnsupported, Message: "no declared operation fills this input"}, true
	}
	for _, o := range ops {
		if x, ok := g.find(o.Service, region, o.Operation, arn); ok {
			return x, true
		}
	}
	return Gap{}, false
}

// ForInputs is ForInput over several inputs; the first gap found wins.
func (g *Gaps) ForInputs(region, arn string, ins ...Input) (Gap, bool) {
	for _, in := range ins {
		if x, ok := g.ForInput(in, region, arn); ok {
			return x, true
		}
	}
	return Gap{}, false
}

// Lookup is one question asked of the gaps: by input (ForInput) or by
// operation name (Find, FindAny).
type Lookup struct {
	Input     Input
	Service   string
	Operation string
}

// Observe makes the gaps call f with every later lookup (nil stops it).
// Tests use it to prove each check asks only about the inputs it declares;
// it is not safe while other goroutines look gaps up.
func (g *Gaps) Observe(f func(Lookup)) { g.observe = f }

// CountByReason returns how many gaps there are per reason.
func (g *Gaps) CountByReason() map[GapReason]int {
	out := make(map[GapReason]int)
	for _, x := range g.items {
		out[x.Reason]++
	}
	return out
}

// Sorted returns a copy ordered by service, region, operation, resource.
func (g *Gaps) Sorted() []Gap {
	out := append([]Gap(nil), g.items...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		return a.Resource < b.Resource
	})
	return out
}

// MarshalJSON writes the gaps as a list (never null).
func (g Gaps) MarshalJSON() ([]byte, error) {
	if g.items == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(g.items)
}

// UnmarshalJSON reads a list of gaps and rebuilds the index.
func (g *Gaps) UnmarshalJSON(b []byte) error {
	var list []Gap
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&list); err != nil {
		return err
	}
	*g = Gaps{}
	for i, x := range list {
		if x.Service == "" || x.Operation == "" || x.Reason == "" {
			return fmt.Errorf("gap %d: service, operation and reason are required", i)
		}
		g.Add(x)
	}
	return nil
}
