package cli

import (
	"context"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{in: "512MiB", want: 512 << 20},
		{in: "2GiB", want: 2 << 30},
		{in: "1TiB", want: 1 << 40},
		{in: "64KiB", want: 64 << 10},
		{in: "1000000B", want: 1_000_000},
		{in: "1000000", want: 1_000_000},
		{in: " 300MiB ", want: 300 << 20},
		{in: "off", want: math.MaxInt64},
		{in: "OFF", want: math.MaxInt64},
		{in: "0", want: math.MaxInt64},
		{in: "", bad: true},
		{in: "12x", bad: true},
		{in: "MiB", bad: true},
		{in: "-5MiB", bad: true},
		{in: "0MiB", bad: true},
		{in: "1.5GiB", bad: true},
		{in: "512mb", bad: true},
		{in: "9999999999TiB", bad: true},
	}
	for _, tc := range tests {
		got, err := parseByteSize(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("parseByteSize(%q) = %d, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

// TestMemoryLimitFlag: the flag wins, GOMEMLIMIT (applied by the runtime
// itself) is left alone, and otherwise the default applies.
func TestMemoryLimitFlag(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     string
		want    int64 // 0: SetMemoryLimit must not be called
		auto    bool
		code    int
		errText string
	}{
		{name: "default waits for the state", args: []string{"version"}, auto: true},
		{name: "flag", args: []string{"version", "--memory-limit", "1GiB"}, want: 1 << 30},
		{name: "flag beats env", args: []string{"--memory-limit", "300MiB", "version"}, env: "100MiB", want: 300 << 20},
		{name: "off", args: []string{"version", "--memory-limit", "off"}, want: math.MaxInt64},
		{name: "env", args: []string{"version"}, env: "700MiB"},
		{name: "bad", args: []string{"version", "--memory-limit", "lots"}, code: ExitError, errText: `--memory-limit: "lots" is not a size`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got int64
			calls := 0
			var errb strings.Builder
			app := &App{Stdout: io.Discard, Stderr: &errb, Stdin: strings.NewReader(""),
				IsTTY: func(io.Writer) bool { return false },
				Getenv: withDataDir(t, func(k string) string {
					if k == "GOMEMLIMIT" {
						return tc.env
					}
					return ""
				}),
				SetMemoryLimit: func(n int64) int64 { got = n; calls++; return 0 }}
			code := app.Run(context.Background(), tc.args)
			if code != tc.code {
				t.Fatalf("exit %d, want %d (%s)", code, tc.code, errb.String())
			}
			if tc.errText != "" && !strings.Contains(errb.String(), tc.errText) {
				t.Errorf("stderr %q lacks %q", errb.String(), tc.errText)
			}
			switch {
			case tc.want == 0 && calls != 0:
				t.Errorf("SetMemoryLimit(%d) called, want no call", got)
			case tc.want != 0 && (calls != 1 || got != tc.want):
				t.Errorf("SetMemoryLimit called %d times with %d, want once with %d", calls, got, tc.want)
			}
			if app.memoryLimitDefault != tc.auto {
				t.Errorf("memoryLimitDefault = %v, want %v", app.memoryLimitDefault, tc.auto)
			}
		})
	}
}

// TestFitMemoryLimit: once the state is loaded the default limit is
// applied, raised to 3.5 times the live heap when that is larger; a limit
// the user chose is never touched.
func TestFitMemoryLimit(t *testing.T) {
	var got int64
	calls := 0
	app := &App{SetMemoryLimit: func(n int64) int64 { got = n; calls++; return 0 }}
	app.fitMemoryLimit()
	if calls != 0 {
		t.Fatalf("limit chosen by the user was changed to %d", got)
	}

	app.memoryLimitDefault = true
	app.fitMemoryLimit() // this test process holds far less than the default allows
	if calls != 1 || got != defaultMemoryLimit {
		t.Fatalf("SetMemoryLimit called %d times with %d MiB for a small heap, want once with the default", calls, got>>20)
	}
	// Keep more than the default limit / 3.5 live.
	big := make([]byte, defaultMemoryLimit*stateHeadroomDen/stateHeadroomNum+(16<<20))
	for i := range big {
		big[i] = byte(i)
	}
	app.fitMemoryLimit()
	runtime.KeepAlive(big)
	want := int64(len(big)) * stateHeadroomNum / stateHeadroomDen
	if calls != 2 || got < want {
		t.Fatalf("SetMemoryLimit called %d times, last with %d MiB, want a second call with at least %d MiB", calls, got>>20, want>>20)
	}
}

// TestFitResultsMemoryLimit: once the results exist the default limit is
// raised to 1.5 times the live heap, not the state's 3.5 (the live heap
// hardly grows after evaluation), and never below the default.
func TestFitResultsMemoryLimit(t *testing.T) {
	var got int64
	app := &App{SetMemoryLimit: func(n int64) int64 { got = n; return 0 }, memoryLimitDefault: true}
	app.fitResultsMemoryLimit()
	if got != defaultMemoryLimit {
		t.Fatalf("limit %d MiB for a small heap, want the default", got>>20)
	}
	big := make([]byte, defaultMemoryLimit+(64<<20))
	for i := range big {
		big[i] = byte(i)
	}
	app.fitResultsMemoryLimit()
	runtime.KeepAlive(big)
	lo := int64(len(big)) * resultsHeadroomNum / resultsHeadroomDen
	hi := lo + (64 << 20) // the rest of this test process's heap
	if got < lo || got > hi {
		t.Fatalf("limit %d MiB with %d MiB live, want %d to %d MiB (1.5 times the live heap)", got>>20, len(big)>>20, lo>>20, hi>>20)
	}
}

// TestMemoryLimitFollowsResults: the results can outweigh the state many
// times (18 findings per bucket), so when a format needs the whole report
// the default limit is fitted again once the results exist; under the limit
// fitted to the state alone the collector ran over and over while
// rendering (a scan of 1M buckets: CPU time doubled). A format written
// while the checks run (json) holds no results: the limit fitted to the
// state stays.
func TestMemoryLimitFollowsResults(t *testing.T) {
	snap := filepath.Join(t.TempDir(), "buckets.json")
	if err := writeBucketSnapshot(snap, 20_000); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		format string
		refits bool
	}{
		{"sarif", true},
		{"json", false},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var limits []int64
			app := &App{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""),
				IsTTY: func(io.Writer) bool { return false }, Getenv: withDataDir(t, func(string) string { return "" }),
				SetMemoryLimit: func(n int64) int64 { limits = append(limits, n); return 0 }}
			if code := app.Run(context.Background(), []string{"scan", "--no-store", "--snapshot", snap, "--format", tc.format, "-o", filepath.Join(t.TempDir(), "out"), "--fail-on", "none"}); code != ExitOK {
				t.Fatalf("scan exit %d", code)
			}
			// How much the second is raised is TestFitResultsMemoryLimit's.
			if tc.refits && (len(limits) != 2 || limits[1] < limits[0]) {
				t.Fatalf("limits set %v MiB, want the state's limit then one fitted to the results", mib(limits))
			}
			if !tc.refits && len(limits) != 1 {
				t.Fatalf("limits set %v MiB, want only the state's (no results are held)", mib(limits))
			}
		})
	}
}

func mib(xs []int64) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = x >> 20
	}
	return out
}

// TestTightenGC: once a spilled scan has let its state go, the collector's
// target drops to spilledGCPercent under the default limit only: not when
// the user chose GOGC, a limit (--memory-limit, GOMEMLIMIT), or in tests
// (no SetMemoryLimit).
func TestTightenGC(t *testing.T) {
	was := debug.SetGCPercent(100)
	defer debug.SetGCPercent(was)
	set := func(int64) int64 { return 0 }
	cases := []struct {
		name string
		app  *App
		want int
	}{
		{"default", &App{SetMemoryLimit: set, memoryLimitDefault: true, Getenv: func(string) string { return "" }}, spilledGCPercent},
		{"GOGC set", &App{SetMemoryLimit: set, memoryLimitDefault: true, Getenv: func(k string) string {
			if k == "GOGC" {
				return "100"
			}
			return ""
		}}, 100},
		{"limit chosen", &App{SetMemoryLimit: set, Getenv: func(string) string { return "" }}, 100},
		{"tests", &App{memoryLimitDefault: true, Getenv: func(string) string { return "" }}, 100},
	}
	for _, tc := range cases {
		debug.SetGCPercent(100)
		tc.app.tightenGC()
		if got := debug.SetGCPercent(100); got != tc.want {
			t.Errorf("%s: GOGC %d, want %d", tc.name, got, tc.want)
		}
	}
}
