package collect

import (
	"fmt"
	"time"
)

// Details chooses whether a collection makes the per-item calls of Detail
// operations: reads that fill state no check judges (the account IDs each
// EBS snapshot is shared with, IAM access key IDs, users' hardware MFA
// serials), which AWS offers in no bulk form and which can dominate the wall
// time of a large account.
type Details string

// The detail modes.
const (
	// DetailsAuto reads an operation's details in a region when they fit
	// DetailBudget at the operation's rate, and skips them otherwise.
	DetailsAuto Details = "auto"
	// DetailsAll always reads them (`shoulder collect`, `shoulder datamap`).
	DetailsAll Details = "all"
	// DetailsNone never reads them.
	DetailsNone Details = "none"
)

// DetailBudget is how long, at its rate, one detail operation may take in
// one region before DetailsAuto skips it.
const DetailBudget = 30 * time.Second

// ParseDetails reads a --details value; empty means DetailsAuto.
func ParseDetails(s string) (Details, error) {
	switch d := Details(s); d {
	case "":
		return DetailsAuto, nil
	case DetailsAuto, DetailsAll, DetailsNone:
		return d, nil
	}
	return "", fmt.Errorf("--details: %q is not one of auto, all, none", s)
}

// Skip says whether a collection in mode d should skip n calls of the
// Detail operation o in one region, and if so why (the message of the
// `skipped` gap it records). Operations that are not Detail are never
// skipped.
func (d Details) Skip(o Operation, n int) (string, bool) {
	if !o.Detail || n == 0 {
		return "", false
	}
	switch d {
	case DetailsAll:
		return "", false
	case DetailsNone:
		return fmt.Sprintf("%d per-item calls for %s not made (--details none); no check judges them; --details all reads them", n, o.FillsText()), true
	}
	max := o.Rate.Burst + int(o.Rate.RPS*DetailBudget.Seconds())
	if o.Rate.RPS <= 0 || n <= max {
		return "", false
	}
	eta := time.Duration(float64(n-o.Rate.Burst) / o.Rate.RPS * float64(time.Second)).Round(time.Second)
	return fmt.Sprintf("%d per-item calls for %s not made: at %s they would take about %s; no check judges them; --details all reads them", n, o.FillsText(), o.Rate, eta), true
}
