package report_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/cdptest"
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// syntheticReport builds a report of n findings shaped like a large real
// account: ~170 checks over every area and a dozen services, four regions,
// mostly passes with a tail of failures, unknowns and waivers, ARNs and
// evidence of realistic length. The same n gives the same report.
func syntheticReport(n int) (*engine.Report, report.Options) {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	services := []string{"ec2", "s3", "iam", "kms", "rds", "cloudtrail", "redshift", "workspaces", "dynamodb", "elasticfilesystem", "lambda", "elasticloadbalancing"}
	kinds := map[string]string{"ec2": "volume/vol-", "s3": "", "iam": "user/u-", "kms": "key/", "rds": "db:db-", "cloudtrail": "trail/t-",
		"redshift": "cluster:rs-", "workspaces": "workspace/ws-", "dynamodb": "table/tbl-", "elasticfilesystem": "file-system/fs-",
		"lambda": "function:fn-", "elasticloadbalancing": "loadbalancer/app/lb-"}
	regions := []string{"eu-west-1", "eu-central-1", "us-east-1", "ap-southeast-2"}
	const acct = "123456789012"
	var checksList []check.Check
	for i := 0; i < 170; i++ {
		svc := services[i%len(services)]
		checksList = append(checksList, check.Check{
			ID:       fmt.Sprintf("%s_synthetic_duty_%03d", svc, i),
			Title:    fmt.Sprintf("Synthetic duty %d of %s is met", i, svc),
			Area:     check.Areas[i%len(check.Areas)],
			Service:  svc,
			Severity: check.Severity(i % 5),
			Description: "A generated check for the benchmark; its text is as long as a real check's description, " +
				"so the embedded metadata weighs what it would in a real report.",
			Remediation: check.Remediation{Console: "Open the console, find the resource, change the setting that the check names, save.",
				CLI: "aws " + svc + " modify-something --resource <ID> --setting on", Terraform: "resource \"aws_x\" \"y\" { setting = true }"},
		})
	}
	r := &engine.Report{AccountID: acct, AccountName: "synthetic", Source: "synthetic",
		CollectedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), EvaluatedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	r.Results = make([]engine.Finding, 0, n)
	for i := 0; i < n; i++ {
		c := checksList[rng.IntN(len(checksList))]
		region := regions[rng.IntN(len(regions))]
		var arn string
		if c.Service == "s3" {
			arn = fmt.Sprintf("arn:aws:s3:::bucket-%08x", rng.IntN(n))
		} else if c.Service == "iam" {
			arn = fmt.Sprintf("arn:aws:iam::%s:%s%06d", acct, kinds["iam"], rng.IntN(n))
			region = ""
		} else {
			arn = fmt.Sprintf("arn:aws:%s:%s:%s:%s%012x", c.Service, region, acct, kinds[c.Service], rng.IntN(1<<40))
		}
		st := check.Pass
		switch p := rng.IntN(100); {
		case p < 15:
			st = check.Fail
		case p < 20:
			st = check.Unknown
		case p < 21:
			st = check.Waived
		case p < 23:
			st = check.NotApplicable
		}
		msg := fmt.Sprintf("%s: setting is on (checked %s)", resourceTail(arn), c.ID)
		switch st {
		case check.Fail:
			msg = fmt.Sprintf("%s: the setting is off, so the duty is not met", resourceTail(arn))
		case check.Unknown:
			msg = fmt.Sprintf("could not read %s Describe* in %s: access_denied (AccessDeniedException)", c.Service, region)
		case check.NotApplicable:
			msg = "AWS manages this for the resource type"
		}
		f := engine.Finding{Result: check.Result{CheckID: c.ID, Status: st, Severity: c.Severity, Resource: arn, Region: region, Message: msg},
			Title: c.Title, Area: c.Area, Service: c.Service}
		if st == check.Waived {
			f.Waiver = &policy.Waiver{Check: c.ID, Resource: arn, Reason: "accepted until migration", Owner: "ops@example.com", Expires: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
		}
		r.Results = append(r.Results, f)
	}
	r.Summary = engine.Summary{Total: n, ByStatus: map[check.Status]int{}, FailBySeverity: map[string]int{}, GapsByReason: map[state.GapReason]int{state.ReasonAccessDenied: 12}, Checks: len(checksList)}
	for _, f := range r.Results {
		r.Summary.ByStatus[f.Status]++
		if f.Status == check.Fail {
			r.Summary.FailBySeverity[f.Severity.String()]++
		}
	}
	by := map[string]check.Check{}
	for _, c := range checksList {
		by[c.ID] = c
	}
	return r, report.Options{Version: "bench", Checks: by}
}

func resourceTail(arn string) string {
	for i := len(arn) - 1; i >= 0; i-- {
		if arn[i] == '/' || arn[i] == ':' {
			return arn[i+1:]
		}
	}
	return arn
}

// BenchmarkHTML100k renders a 100k-finding HTML report (ns/op is the Go
// rendering), then opens it once in headless chromium and reports the file
// size, first contentful paint, the time until the list is interactive
// (the page's script done), and the time to apply a text filter and paint
// the result, all measured in the page with performance.now(). Recorded
// results: bench/RESULTS.md.
//
//	go test ./internal/report -run '^$' -bench HTML100k -benchtime 3x
func BenchmarkHTML100k(b *testing.B) {
	r, o := syntheticReport(100_000)
	page := benchHTMLPage(b, r, o)
	// A text filter over all rows; then a status filter (an integer column).
	textMs, textN := page.filter(`shoulderReport.setFilter({q: 'access_denied eu-west-1'})`)
	text2Ms, _ := page.filter(`shoulderReport.setFilter({q: 'vol-0'})`)
	statusMs, statusN := page.filter(`shoulderReport.setFilter({status: 'fail', sev: 'high'})`)
	if textN == 0 || statusN == 0 {
		b.Fatalf("filters matched nothing (text %d, status %d)", textN, statusN)
	}
	b.ReportMetric(textMs, "filter-text-first-ms")
	b.ReportMetric(text2Ms, "filter-text-ms")
	b.ReportMetric(statusMs, "filter-status-ms")
}

// htmlPage is a rendered report opened in headless chromium, for the HTML
// benchmarks.
type htmlPage struct {
	b  *testing.B
	br *cdptest.Browser
}

// benchHTMLPage renders r b.N times (reporting the file size), then opens
// it once in chromium and reports first paint, script ready and load
// times, after checking the page shows every finding.
func benchHTMLPage(b *testing.B, r *engine.Report, o report.Options) htmlPage {
	var size int
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := report.HTML(&buf, r, o); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.StopTimer()
	b.ReportMetric(float64(size)/(1<<20), "MiB")

	path := filepath.Join(b.TempDir(), "report.html")
	var buf bytes.Buffer
	if err := report.HTML(&buf, r, o); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	br := startBrowser(b)
	load := br.Navigate(b, fileURL(path))
	var m struct {
		FCP, Ready      float64
		Total, Rendered int
	}
	br.Eval(b, `(function(){var p=performance.getEntriesByName('first-contentful-paint')[0];
		return {FCP: p ? p.startTime : -1, Ready: shoulderReport.ready, Total: shoulderReport.total, Rendered: shoulderReport.rendered()};})()`, &m)
	if m.Total != len(r.Results) || m.Rendered == 0 {
		b.Fatalf("the page shows %d findings (%d rows rendered), want %d", m.Total, m.Rendered, len(r.Results))
	}
	b.ReportMetric(m.FCP, "fcp-ms")
	b.ReportMetric(m.Ready, "ready-ms")
	b.ReportMetric(float64(load.Milliseconds()), "load-wall-ms")
	return htmlPage{b: b, br: br}
}

// filter runs js on the page and measures it through to the next painted
// frame, returning the time and the rows then visible.
func (p htmlPage) filter(js string) (ms float64, visible int) {
	var out struct {
		Ms      float64
		Visible int
	}
	p.br.Eval(p.b, `new Promise(function(res){var t0=performance.now(); `+js+`; requestAnimationFrame(function(){requestAnimationFrame(function(){res({Ms: performance.now()-t0, Visible: shoulderReport.visible()});});});})`, &out)
	return out.Ms, out.Visible
}

// BenchmarkScanStream is the evaluation of every check over generated
// accounts with its report written as it is produced: engine.Stream into
// the JSON and CSV writers at once (to io.Discard), what `scan --format
// json,csv` does after loading the state. Compare BenchmarkEvaluate and
// BenchmarkStream in internal/engine. Recorded results: bench/RESULTS.md.
func BenchmarkScanStream(b *testing.B) {
	o, err := reportview.Meta("bench")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{100_000, 1_000_000} {
		a := synth.Account(synth.Options{Seed: 1, Resources: n})
		all := checks.All()
		b.Run(fmt.Sprintf("resources=%d", synth.Count(a)), func(b *testing.B) {
			b.ReportAllocs()
			var results int
			for i := 0; i < b.N; i++ {
				var w countingWriter
				sink := both{report.JSONSink(&w, "bench"), report.CSVSink(&w, o)}
				rep, err := engine.Stream(all, a, policy.Default(), sink)
				if err != nil {
					b.Fatal(err)
				}
				results = rep.Summary.Total
				b.ReportMetric(float64(w.n)/(1<<20), "MiB-written/op")
			}
			b.ReportMetric(float64(results), "results/op")
		})
	}
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// both passes a stream to two sinks.
type both [2]engine.Sink

func (s both) Start(r *engine.Report) error {
	if err := s[0].Start(r); err != nil {
		return err
	}
	return s[1].Start(r)
}

func (s both) Findings(c *check.Check, fs []engine.Finding) error {
	if err := s[0].Findings(c, fs); err != nil {
		return err
	}
	return s[1].Findings(c, fs)
}

func (s both) End(r *engine.Report) error {
	if err := s[0].End(r); err != nil {
		return err
	}
	return s[1].End(r)
}
