package cli

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

// defaultMemoryLimit is the soft memory limit shoulder runs under unless
// GOMEMLIMIT or --memory-limit says otherwise. Go's garbage collector lets
// the heap grow to twice what is live before collecting; under this limit it
// collects earlier instead, which keeps a 50k-resource scan near 220 MiB
// resident instead of 290 at almost no cost in time. It is soft, and
// fitMemoryLimit raises it for an account whose state needs more. It is
// applied once the account state is loaded (fitMemoryLimit), not before: a
// live collection's state grows as it is read, and a limit below its live
// heap would make the collector run continuously (a 200k-resource live scan
// spent 60% of its CPU in garbage collection under a 200 MiB limit).
const defaultMemoryLimit = 200 << 20

// registerMemoryLimit adds --memory-limit to the root command and applies
// a chosen limit before any command runs (the default waits for the state,
// see fitMemoryLimit).
func (app *App) registerMemoryLimit(root *cobra.Command) {
	var flag string
	root.PersistentFlags().StringVar(&flag, "memory-limit", "", fmt.Sprintf("soft memory `limit` for shoulder's own process, like GOMEMLIMIT: e.g. 512MiB or 2GiB, off for none (default: GOMEMLIMIT if set, else %dMiB, raised to %.1f times the account state's size for large accounts)", defaultMemoryLimit>>20, float64(stateHeadroomNum)/stateHeadroomDen))
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		limit, set, err := memoryLimit(flag, app.Getenv("GOMEMLIMIT"))
		if err != nil {
			return withCode(ExitError, err)
		}
		switch {
		case !set || app.SetMemoryLimit == nil:
		case flag == "":
			app.memoryLimitDefault = true
		default:
			app.SetMemoryLimit(limit)
		}
		return nil
	}
}

// stateHeadroomNum/stateHeadroomDen is how many times the account state's size (the live heap
// once the state is loaded) the default limit grows to for a large account,
// as a fraction: evaluating adds the results, which at their peak bring the
// live heap to about 2.6 to 3 times the state's (generated accounts of 50k
// and 200k resources), and the collector needs room above that to collect
// rarely enough. Under a limit below the live heap it would collect over and
// over: a 200k-resource scan under a fixed 256 MiB took twice the time; at
// 3.5 times the state it costs about a sixth more CPU than no limit.
const (
	stateHeadroomNum = 7
	stateHeadroomDen = 2
)

// fitMemoryLimit applies the default soft limit once the account state is
// loaded, raised when the state is too large for it (above about 57 MiB of
// live heap, some 55k resources), so a large account scans at about the
// collector's normal pace. scan calls it again once the results exist: for
// an account of many buckets they weigh ten times the state, far above
// 3.5 times it. A limit given with --memory-limit or GOMEMLIMIT is left
// alone.
func (app *App) fitMemoryLimit() {
	app.fitMemoryLimitTo(stateHeadroomNum, stateHeadroomDen)
}

// resultsHeadroomNum/resultsHeadroomDen is how many times the live heap
// the default limit grows to once a scan's results exist (as a fraction).
// From then on the live heap hardly grows (the state is released; the
// renderers and the results store work through the results a batch at a
// time), so less room than the state's suffices: at 3.5 times the live
// heap the garbage collector's own target (twice the live heap) decided
// instead, and a recorded 50k-resource live scan peaked at 700 MiB
// resident where its live heap never passed 175 MiB (bench/RESULTS.md).
const (
	resultsHeadroomNum = 3
	resultsHeadroomDen = 2
)

// fitResultsMemoryLimit fits the default limit again once the results
// exist (see resultsHeadroomNum); a limit given with --memory-limit or
// GOMEMLIMIT is left alone.
func (app *App) fitResultsMemoryLimit() {
	app.fitMemoryLimitTo(resultsHeadroomNum, resultsHeadroomDen)
}

// returnFreedMemory hands the memory the garbage collector has freed back
// to the operating system now, not over the minutes the runtime's
// scavenger takes: a scan calls it once the account state is let go, so
// that writing the reports and recording the scan (SQLite allocates
// outside Go's heap) do not come on top of the pages the state left
// resident. Only in the binary (SetMemoryLimit set): tests share one
// process.
func (app *App) returnFreedMemory() {
	if app.SetMemoryLimit != nil {
		debug.FreeOSMemory()
	}
}

// spilledGCPercent is the garbage collector's target (GOGC: how far the
// heap may grow over what is live, in percent) once a scan whose results
// wait in a file has let its state go. What is live then grows slowly
// (the store's compact results), and most of what is allocated (each
// check's findings read back, the store's rows) is garbage at once, so
// collecting at half the usual growth costs little; the resident set of a
// recorded 50k-resource scan, whose store (SQLite) allocates outside Go's
// heap at the same time, is the lower for it (bench/RESULTS.md).
const spilledGCPercent = 50

// tightenGC applies spilledGCPercent, unless GOGC, --memory-limit or
// GOMEMLIMIT chose otherwise; only in the binary (SetMemoryLimit set):
// tests share one process.
func (app *App) tightenGC() {
	if app.memoryLimitDefault && app.SetMemoryLimit != nil && app.Getenv("GOGC") == "" {
		debug.SetGCPercent(spilledGCPercent)
	}
}

// fitMemoryLimitTo applies the default limit raised to num/den times the
// live heap where that is larger.
func (app *App) fitMemoryLimitTo(num, den int64) {
	if !app.memoryLimitDefault || app.SetMemoryLimit == nil {
		return
	}
	// One collection now, while the state is most of the heap, measures it.
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	limit := int64(defaultMemoryLimit)
	if s[0].Value.Kind() == metrics.KindUint64 {
		live := s[0].Value.Uint64()
		if live > uint64(math.MaxInt64/num) {
			return // no limit could hold it
		}
		limit = max(limit, int64(live)*num/den)
	}
	app.SetMemoryLimit(limit)
}

// memoryLimit decides the limit to apply from the flag and the GOMEMLIMIT
// environment variable: an explicit flag wins; otherwise a GOMEMLIMIT the Go
// runtime has already applied is left alone (set is false); otherwise the
// default. "off" (or 0) means no limit.
func memoryLimit(flag, env string) (limit int64, set bool, err error) {
	if flag == "" {
		if strings.TrimSpace(env) != "" {
			return 0, false, nil
		}
		return defaultMemoryLimit, true, nil
	}
	n, err := parseByteSize(flag)
	if err != nil {
		return 0, false, fmt.Errorf("--memory-limit: %w", err)
	}
	return n, true, nil
}

// parseByteSize reads a size in GOMEMLIMIT's syntax (an integer with an
// optional B, KiB, MiB, GiB or TiB suffix), or off/0 for no limit.
func parseByteSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "off") || s == "0" {
		return math.MaxInt64, nil
	}
	units := []struct {
		suffix string
		shift  uint
	}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"B", 0}}
	num, shift := s, uint(0)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			num, shift = strings.TrimSuffix(s, u.suffix), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size (want e.g. 512MiB, 2GiB, or off)", s)
	}
	if n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return n << shift, nil
}
