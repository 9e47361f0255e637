package collect

import (
	"fmt"
	"time"
)

// Details chooses whether a collection makes the per-item calls of Detail
// operations (reads that fill state no check judges: IAM access key IDs,
// users' hardware MFA serials) and of Budgeted ones (the account IDs each
// EBS snapshot is shared with, which a check judges), which AWS offers in no
// bulk form and which can dominate the wall time of a large account.
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
// Detail or Budgeted operation o in one region, and if so why (the message
// of the `skipped` gap it records). Other operations are never skipped.
// Detail calls are skipped by none and, over DetailBudget, by auto;
// Budgeted calls (a check judges them) only over DetailBudget, in auto and
// none alike.
func (d Details) Skip(o Operation, n int) (string, bool) {
	if (!o.Detail && !o.Budgeted) || n == 0 {
		return "", false
	}
	why := "no check judges them"
	if o.Budgeted {
		why = "the checks that judge them answer unknown for these resources"
	}
	switch {
	case d == DetailsAll:
		return "", false
	case d == DetailsNone && o.Detail:
		return fmt.Sprintf("%d per-item calls for %s not made (--details none); %s; --details all reads them", n, o.FillsText(), why), true
	}
	max := o.Rate.Burst + int(o.Rate.RPS*DetailBudget.Seconds())
	if o.Rate.RPS <= 0 || n <= max {
		return "", false
	}
	eta := time.Duration(float64(n-o.Rate.Burst) / o.Rate.RPS * float64(time.Second)).Round(time.Second)
	return fmt.Sprintf("%d per-item calls for %s not made: at %s they would take about %s; %s; --details all reads them", n, o.FillsText(), o.Rate, eta, why), true
}
