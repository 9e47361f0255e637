// Command collectbench measures shoulder's live collection and scan of
// large synthetic accounts served by the fake AWS endpoint (internal/awsfake)
// with a per-call latency and AWS's per-action token buckets.
//
// For each size it generates an account (internal/synth, four regions),
// serves it on loopback, runs the built shoulder binary as a child process
// (`shoulder scan` live, with AWS_ENDPOINT_URL at the fake and static test
// credentials) and records the wall time, the child's peak RSS, the API
// calls per action against the minimal plan (see bench/README.md), and the
// scaling between sizes.
//
//	go run ./bench/collectbench                       # 5k, 50k, 200k; prints a table
//	go run ./bench/collectbench -sizes 5000 -latency 20ms -results bench/RESULTS.md
//	go run ./bench/collectbench -org 50,100 -org-resources 100 -args '--account-concurrency 4'   # scan --org
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// childEnv is added to the child's environment (-env).
var childEnv []string

type run struct {
	size, resources int
	wall            time.Duration
	user, sys       time.Duration
	rssKB           int64
	anonKB          int64  // peak anonymous resident set (RssAnon) polled
	sections        string // -sections: the binary's resident pages by section
	calls, plan     int
	throttled       int
	exit            int
	byAction        map[string]int
	planByAction    map[string]int
	stderrTail      string
}

func main() {
	sizes := flag.String("sizes", "5000,50000,200000", "comma-separated approximate resource counts")
	latency := flag.Duration("latency", 20*time.Millisecond, "latency the fake adds to every call")
	bin := flag.String("shoulder", "", "shoulder binary to run (default: build ./cmd/shoulder into a temporary directory)")
	results := flag.String("results", "", "append a section with the figures to this Markdown file (e.g. bench/RESULTS.md)")
	timeout := flag.Duration("timeout", 30*time.Minute, "give up on one size after this long")
	extra := flag.String("args", "", "extra arguments for `shoulder scan`, space-separated (e.g. --concurrency 64)")
	env := flag.String("env", "", "extra environment for `shoulder scan`, space-separated KEY=VALUE (e.g. GOMEMLIMIT=250MiB)")
	orgSizes := flag.String("org", "", "measure organization runs instead: comma-separated account counts (e.g. 50,100), each account -org-resources big")
	orgResources := flag.Int("org-resources", 100, "with -org, the approximate resources per account")
	sections := flag.Bool("sections", false, "also sample which of the binary's pages are resident, by ELF section (.text, .rodata, .gopclntab...), and print the largest sample")
	flag.Parse()

	childEnv = strings.Fields(*env)
	if *orgSizes != "" {
		if err := mainOrg(*orgSizes, *orgResources, *latency, *bin, *results, *timeout, strings.Fields(*extra)); err != nil {
			fmt.Fprintln(os.Stderr, "collectbench:", err)
			os.Exit(1)
		}
		return
	}
	if err := mainErr(*sizes, *latency, *bin, *results, *timeout, strings.Fields(*extra), *sections); err != nil {
		fmt.Fprintln(os.Stderr, "collectbench:", err)
		os.Exit(1)
	}
}

func mainErr(sizeList string, latency time.Duration, bin, results string, timeout time.Duration, extra []string, sections bool) error {
	tmp, err := os.MkdirTemp("", "collectbench-")
	if err != nil {
		return fmt.Errorf("temporary directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	if bin, err = shoulderBinary(bin, tmp); err != nil {
		return err
	}
	var runs []run
	for _, s := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad size %q", s)
		}
		fmt.Fprintf(os.Stderr, "size %d: generating, serving, scanning...\n", n)
		r, err := measure(n, latency, bin, tmp, timeout, extra, sections)
		if err != nil {
			return err
		}
		runs = append(runs, r)
		if os.Getenv("COLLECTBENCH_STATS") != "" {
			fmt.Fprintln(os.Stderr, r.stderrTail)
		}
		fmt.Fprintf(os.Stderr, "size %d: %d resources, %s wall, %s CPU, %.0f MiB peak RSS (%.0f MiB peak anonymous), %d calls (plan %d, %.3fx), %d throttled, exit %d\n",
			n, r.resources, r.wall.Round(time.Millisecond), (r.user + r.sys).Round(100*time.Millisecond), float64(r.rssKB)/1024, float64(r.anonKB)/1024, r.calls, r.plan, ratio(r.calls, r.plan), r.throttled, r.exit)
		if r.sections != "" {
			fmt.Fprintf(os.Stderr, "size %d: %s\n", n, r.sections)
		}
	}
	report := render(runs, latency, extra)
	fmt.Print(report)
	if results != "" {
		f, err := os.OpenFile(results, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("results file: %w", err)
		}
		defer f.Close()
		if _, err := io.WriteString(f, "\n"+report); err != nil {
			return fmt.Errorf("writing %s: %w", results, err)
		}
	}
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

func measure(n int, latency time.Duration, bin, tmp string, timeout time.Duration, extra []string, sections bool) (run, error) {
	a := synth.Account(synth.Options{Seed: 1, Resources: n})
	srv, err := awsfake.Start(a, awsfake.Options{Latency: latency, Limits: quotas()})
	if err != nil {
		return run{}, err
	}
	defer srv.Close()

	home := filepath.Join(tmp, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return run{}, fmt.Errorf("home: %w", err)
	}
	// The default output: the table on standard output (discarded here).
	args := append([]string{"scan", "--regions", strings.Join(a.ScannedRegions(), ","), "--color", "never",
		"--fail-on", "none", "--quiet", "--stats"}, extra...)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"AWS_ENDPOINT_URL=" + srv.URL,
		"AWS_ACCESS_KEY_ID=AKIDCOLLECTBENCH", "AWS_SECRET_ACCESS_KEY=collectbench-secret", "AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
	}
	cmd.Env = append(cmd.Env, childEnv...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	t0 := time.Now()
	var secs *sectionSampler
	if sections {
		if secs, err = newSectionSampler(bin); err != nil {
			return run{}, err
		}
	}
	peak, anon, err := runPeak(cmd, secs)
	wall := time.Since(t0)
	r := run{size: n, resources: synth.Count(a), wall: wall, rssKB: peak, anonKB: anon}
	if secs != nil {
		r.sections = secs.String()
	}
	if cmd.ProcessState == nil {
		return r, fmt.Errorf("running shoulder: %w", err)
	}
	r.exit = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.user = time.Duration(ru.Utime.Nano())
		r.sys = time.Duration(ru.Stime.Nano())
	}
	if r.exit != 0 {
		return r, fmt.Errorf("shoulder exited %d: %s", r.exit, tail(stderr.String(), 2000))
	}
	st := srv.Stats()
	if len(st.Rejected)+len(st.Unimplemented)+len(st.Unroutable) > 0 {
		return r, fmt.Errorf("stray calls: rejected %v, unimplemented %v, unroutable %v", st.Rejected, st.Unimplemented, st.Unroutable)
	}
	r.byAction = st.Calls
	r.calls = st.Total()
	for _, v := range st.Throttled {
		r.throttled += v
	}
	r.planByAction = minimalPlan(a)
	for _, v := range r.planByAction {
		r.plan += v
	}
	r.stderrTail = tail(stderr.String(), 20000)
	return r, nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func render(runs []run, latency time.Duration, extra []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Live collection and scan against the fake endpoint (bench/collectbench, %s)\n\n", time.Now().UTC().Format("2006-01-02"))
	envFlag := ""
	if len(childEnv) > 0 {
		envFlag = " -env '" + strings.Join(childEnv, " ") + "'"
	}
	fmt.Fprintf(&b, "```sh\ngo run ./bench/collectbench -sizes %s%s%s\n```\n\n", joinSizes(runs), extraFlag(extra), envFlag)
	fmt.Fprintf(&b, "Synthetic accounts (internal/synth, seed 1, four regions) served by internal/awsfake with %s per call\n", latency)
	fmt.Fprintf(&b, "and AWS's published per-action token buckets; `shoulder scan` (live, default table output) runs as a child\n")
	fmt.Fprintf(&b, "process with AWS_ENDPOINT_URL at the fake. Peak RSS is the child's own VmHWM, peak anonymous its largest RssAnon (both polled). Machine: %d cores (%s/%s).\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	b.WriteString("| resources | wall | CPU (user+sys) | peak RSS | peak anonymous | API calls | minimal plan | calls/plan | throttled | wall per 1k resources |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range runs {
		fmt.Fprintf(&b, "| %d | %.1f s | %.1f s | %.0f MiB | %.0f MiB | %d | %d | %.3f | %d | %.2f s |\n", r.resources, r.wall.Seconds(), (r.user + r.sys).Seconds(),
			float64(r.rssKB)/1024, float64(r.anonKB)/1024, r.calls, r.plan, ratio(r.calls, r.plan), r.throttled, r.wall.Seconds()/float64(r.resources)*1000)
	}
	if len(runs) > 1 {
		b.WriteString("\nScaling (wall-time ratio over resource ratio; 1.0 is linear):")
		for i := 1; i < len(runs); i++ {
			p, c := runs[i-1], runs[i]
			fmt.Fprintf(&b, " %d→%d: %.2f;", p.resources, c.resources, (c.wall.Seconds()/p.wall.Seconds())/(float64(c.resources)/float64(p.resources)))
		}
		b.WriteString("\n")
	}
	for _, r := range runs {
		if r.sections != "" {
			fmt.Fprintf(&b, "\nAt %d resources (-sections), %s.\n", r.resources, r.sections)
		}
	}
	// The largest size's calls per action against the plan.
	if len(runs) > 0 {
		r := runs[len(runs)-1]
		fmt.Fprintf(&b, "\nCalls per action at %d resources (actions whose calls differ from the plan, and the five largest):\n\n", r.resources)
		b.WriteString("| action | calls | plan |\n|---|---:|---:|\n")
		keys := map[string]bool{}
		for k := range r.byAction {
			keys[k] = true
		}
		for k := range r.planByAction {
			keys[k] = true
		}
		var list []string
		for k := range keys {
			list = append(list, k)
		}
		sort.Slice(list, func(i, j int) bool { return r.byAction[list[i]] > r.byAction[list[j]] })
		for i, k := range list {
			if i < 5 || r.byAction[k] != r.planByAction[k] {
				fmt.Fprintf(&b, "| %s | %d | %d |\n", k, r.byAction[k], r.planByAction[k])
			}
		}
	}
	return b.String()
}

func joinSizes(runs []run) string {
	var s []string
	for _, r := range runs {
		s = append(s, strconv.Itoa(r.size))
	}
	return strings.Join(s, ",")
}

func extraFlag(extra []string) string {
	if len(extra) == 0 {
		return ""
	}
	return " -args '" + strings.Join(extra, " ") + "'"
}

// mainOrg measures `shoulder scan --org` for each organization size.
func mainOrg(sizeList string, resources int, latency time.Duration, bin, results string, timeout time.Duration, extra []string) error {
	tmp, err := os.MkdirTemp("", "collectbench-org-")
	if err != nil {
		return fmt.Errorf("temporary directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	if bin, err = shoulderBinary(bin, tmp); err != nil {
		return err
	}
	var runs []orgRun
	for _, s := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 2 {
			return fmt.Errorf("bad organization size %q (want 2 or more accounts)", s)
		}
		fmt.Fprintf(os.Stderr, "organization of %d accounts: generating, serving, scanning...\n", n)
		r, err := measureOrg(n, resources, latency, bin, tmp, timeout, extra)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%d accounts: %s wall, %.0f MiB peak RSS, %d calls\n", n, r.wall.Round(time.Millisecond), float64(r.rssKB)/1024, r.calls)
		runs = append(runs, r)
	}
	report := renderOrg(runs, latency, extra)
	fmt.Print(report)
	if results != "" {
		f, err := os.OpenFile(results, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("results file: %w", err)
		}
		defer f.Close()
		if _, err := io.WriteString(f, "\n"+report); err != nil {
			return fmt.Errorf("writing %s: %w", results, err)
		}
	}
	return nil
}

// shoulderBinary is bin, or when bin is empty a shoulder built from this
// checkout into dir.
func shoulderBinary(bin, dir string) (string, error) {
	if bin != "" {
		return bin, nil
	}
	bin = filepath.Join(dir, "shoulder")
	build := exec.Command("go", "build", "-o", bin, "./cmd/shoulder")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("building shoulder: %w", err)
	}
	return bin, nil
}
