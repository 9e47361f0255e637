package report

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

// Digest is what the list formats (SARIF, JUnit, ASFF, OCSF) and the
// table must know of a report's results before they write the first one:
// how many there are and how many fail (JUnit's totals), each check's
// severity and title as its first result has them (SARIF's rules), the
// results per region (ASFF's home region), the partition of the first
// result with an ARN, and the table's overview and group counts (the
// overview's worst failures are one account's first ones: its batches
// are added in the report's order).
// It is bounded by the checks and regions, not the results, so a combined
// report whose results wait in files (engine.Combiner.SpillTo) is digested
// account by account as each is added, and written afterwards by the
// streaming writers (Format.Replay) one account at a time. The writers
// given a whole report digest it first (DigestOf), so both paths write
// the same bytes.
type Digest struct {
	results, failures int
	regions           map[string]int
	// partition is the ARN partition of the first result that has one,
	// from the batch of key partKey.
	partition, partKey string
	partSet            bool
	checks             map[string]checkDigest
	// table is what the table prints before its first row.
	table *tableDigest
}

// checkDigest is one check as its first result has it, from the batch of
// key key.
type checkDigest struct {
	key      string
	severity check.Severity
	title    string
}

// NewDigest starts an empty digest.
func NewDigest() *Digest {
	return &Digest{regions: map[string]int{}, checks: map[string]checkDigest{}, table: newTableDigest()}
}

// DigestOf digests a whole report's results.
func DigestOf(r *engine.Report) *Digest {
	d := NewDigest()
	d.Add("", r.Results)
	return d
}

// Add digests one batch of results. key orders the batches as the report
// orders them (in a combined report, the account ID: its accounts and
// their results are in account-ID order), so batches may be added in any
// order: where the report's first result decides, the batch with the
// smallest key wins, and of equal keys the one added first.
func (d *Digest) Add(key string, fs []engine.Finding) {
	for i := range fs {
		f := &fs[i]
		d.results++
		d.table.add(key, f)
		if f.Status == check.Fail {
			d.failures++
		}
		if f.Region != "" {
			d.regions[f.Region]++
		}
		if c, ok := d.checks[f.CheckID]; !ok || key < c.key {
			d.checks[f.CheckID] = checkDigest{key: key, severity: f.Severity, title: f.Title}
		}
		if !d.partSet || key < d.partKey {
			if p, _, _, _, _, ok := arnParts(f.Resource); ok && p != "" {
				d.partition, d.partKey, d.partSet = p, key, true
			}
		}
	}
}

// Partition is the ARN partition of the first result with an ARN, "aws"
// when none has one.
func (d *Digest) Partition() string {
	if !d.partSet {
		return "aws"
	}
	return d.partition
}

// homeRegion is the Security Hub region of the report: o.Region if set,
// else the region with the most results (us-east-1 when none has one).
func (d *Digest) homeRegion(o *Options) string {
	if o.Region != "" {
		return o.Region
	}
	best, bestN := "us-east-1", 0
	for reg, c := range d.regions {
		if c > bestN || (c == bestN && reg < best) {
			best, bestN = reg, c
		}
	}
	return best
}
