package state

// EventBridge holds the event buses of every scanned region.
//
// Gaps: ListEventBuses hides a region's buses; it returns each bus's
// resource policy in bulk, so there are no per-bus reads.
type EventBridge struct {
	Buses []EventBus `json:"buses,omitempty"`
}

// EventBus is an EventBridge event bus: the account's "default" bus, a
// custom bus, or a partner event source's bus.
type EventBus struct {
	Meta
	Name string `json:"name"`
	// Policy is the bus's resource-based policy, empty when none.
	Policy string `json:"policy,omitempty"`
}

// Custom reports whether the bus is a custom bus: neither the account's
// default bus nor a partner bus (partner buses are named aws.partner/...).
func (b EventBus) Custom() bool {
	return b.Name != "default" && !hasPrefix(b.Name, "aws.partner/")
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
