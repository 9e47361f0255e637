package report_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
)

// writeHTML renders the report's HTML to a temporary file.
func writeHTML(t testing.TB, r *engine.Report, o report.Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, render(t, format(t, "html"), r, o), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHTMLInChromium opens the demo report in real headless chromium and
// checks what a reader sees: the charts, the findings list, a filter from
// the controls, a filter from the URL, and a finding's detail.
func TestHTMLInChromium(t *testing.T) {
	r, o := demoReport(t)
	path := writeHTML(t, r, o)
	b := startBrowser(t)
	b.Navigate(t, fileURL(path))

	// Charts: one status segment per status that has results, five
	// severity bars, one heatmap cell per service x area.
	wantSegs := 0
	for _, st := range check.Statuses {
		if r.Summary.ByStatus[st] > 0 {
			wantSegs++
		}
	}
	// The heatmap is the duty matrix: one row per service in use, a
	// coloured cell per (service, area) that has duties.
	pairs := map[string]bool{}
	for _, s := range o.Responsibility.Services {
		for _, d := range s.Duties {
			pairs[s.Service+"/"+string(d.Area)] = true
		}
	}
	countries, custody, exposure := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, s := range o.DataMap.Stores {
		countries[nonEmpty(s.Country, "unknown")] = true
		custody[s.Custody] = true
		exposure[s.Exposure] = true
	}
	fwSegs := 0
	for _, fw := range o.Frameworks {
		seen := map[check.Status]bool{}
		for _, c := range fw.Controls {
			seen[c.Status] = true
		}
		fwSegs += len(seen)
	}
	if len(pairs) == 0 || len(o.DataMap.Stores) == 0 || len(o.Frameworks) == 0 {
		t.Fatal("the demo report has no duty matrix, data map or frameworks to draw")
	}
	counts := []struct {
		selector string
		want     int
	}{
		{"svg.chart-status rect.seg", wantSegs},
		{"svg.chart-severity rect.bar", 5},
		{"svg.chart-heatmap rect.cell", len(o.Responsibility.Services) * len(check.Areas)},
		{"svg.chart-heatmap rect.cell:not(.empty)", len(pairs)},
		{"svg.chart-coverage circle.arc", 2},
		{"svg.chart-countries rect.bar", len(countries)},
		{"svg.chart-custody rect.seg", len(custody)},
		{"svg.chart-exposure circle.arc", len(exposure)},
		{"svg.chart-framework", len(o.Frameworks)},
		{"svg.chart-framework rect.seg", fwSegs},
		{"#duties details.duty", len(o.Responsibility.Services)},
	}
	for _, c := range counts {
		var n int
		b.Eval(t, `document.querySelectorAll(`+jsString(c.selector)+`).length`, &n)
		if n != c.want {
			t.Errorf("%s: %d elements, want %d", c.selector, n, c.want)
		}
	}
	// The page loads nothing: no resource requests at all.
	var resources int
	b.Eval(t, `performance.getEntriesByType('resource').length`, &resources)
	if resources != 0 {
		t.Errorf("the page requested %d resources; it must be self-contained", resources)
	}

	// The findings list: every result counted, rows rendered, worst first.
	var total, visible, rendered int
	b.Eval(t, `shoulderReport.total`, &total)
	b.Eval(t, `shoulderReport.visible()`, &visible)
	b.Eval(t, `shoulderReport.rendered()`, &rendered)
	if total != len(r.Results) || visible != total {
		t.Fatalf("list holds %d (visible %d), want %d", total, visible, len(r.Results))
	}
	if rendered == 0 || rendered > total {
		t.Fatalf("%d rows rendered of %d", rendered, total)
	}
	// The rendered rows are the first rows of the view.
	var ids, all []string
	b.Eval(t, `shoulderReport.rowIds()`, &ids)
	b.Eval(t, `shoulderReport.viewIds()`, &all)
	if len(all) != total || len(ids) != rendered || !sameSet(ids, all[:len(ids)]) {
		t.Errorf("the %d rendered rows are not the head of the view", len(ids))
	}
	var firstStatus string
	b.Eval(t, `document.querySelector('#rows .row .pill').textContent`, &firstStatus)
	if firstStatus != "fail" {
		t.Errorf("first row is %q, want a failure first", firstStatus)
	}

	// A status filter applied as the select would.
	var rows []string
	b.Eval(t, `(function(){var s=document.getElementById('f-status'); s.value='fail'; s.dispatchEvent(new Event('change')); return shoulderReport.viewIds();})()`, &rows)
	fails := keysWhere(r, func(f *engine.Finding) bool { return f.Status == check.Fail })
	if !sameSet(rows, fails) {
		t.Errorf("status=fail shows %d findings, want %d", len(rows), len(fails))
	}

	// A text filter over check, resource and evidence.
	b.Eval(t, `shoulderReport.setFilter({q: 'sg-wide-open'}), shoulderReport.viewIds()`, &rows)
	want := keysWhere(r, func(f *engine.Finding) bool {
		return strings.Contains(strings.ToLower(f.CheckID+" "+f.Title+" "+f.Resource+" "+f.Message+" "+f.Region), "sg-wide-open")
	})
	if len(want) == 0 || !sameSet(rows, want) {
		t.Errorf("q=sg-wide-open shows %v, want %v", rows, want)
	}
	// Combined filters, area and region.
	b.Eval(t, `shoulderReport.setFilter({area: 'network', region: 'us-east-1'}), shoulderReport.viewIds()`, &rows)
	want = keysWhere(r, func(f *engine.Finding) bool { return f.Area == check.Network && f.Region == "us-east-1" })
	if len(want) == 0 || !sameSet(rows, want) {
		t.Errorf("area=network region=us-east-1 shows %d findings, want %d", len(rows), len(want))
	}

	// A heatmap cell lists the findings of its duties' checks.
	var cell struct{ Service, Area, Checks string }
	b.Eval(t, `(function(){var c=document.querySelector('svg.chart-heatmap rect.cell[data-status=fail]'); c.dispatchEvent(new MouseEvent('click')); return {Service: c.getAttribute('data-service'), Area: c.getAttribute('data-area'), Checks: c.getAttribute('data-checks')};})()`, &cell)
	b.Eval(t, `shoulderReport.viewIds()`, &rows)
	cellChecks := map[string]bool{}
	for _, id := range strings.Fields(cell.Checks) {
		cellChecks[id] = true
	}
	want = keysWhere(r, func(f *engine.Finding) bool { return cellChecks[f.CheckID] })
	if len(cellChecks) == 0 || len(want) == 0 || !sameSet(rows, want) {
		t.Errorf("clicking the %s/%s cell shows %d findings, want %d", cell.Service, cell.Area, len(rows), len(want))
	}

	// A finding's detail shows evidence and the fix.
	var detail string
	b.Eval(t, `shoulderReport.setFilter({status: 'fail'}), document.querySelector('#rows .row').click(), document.getElementById('detail').textContent`, &detail)
	if !strings.Contains(detail, "How to fix") || !strings.Contains(detail, "Evidence") {
		t.Errorf("detail panel lacks evidence or remediation: %q", detail)
	}

	// A filter in the URL hash is applied on load and shown in the controls.
	b.Navigate(t, "about:blank") // a fresh load, not a same-document hash change
	b.Navigate(t, fileURL(path)+"#status=unknown")
	var sel string
	b.Eval(t, `shoulderReport.visible()`, &visible)
	b.Eval(t, `document.getElementById('f-status').value`, &sel)
	if wantN := r.Summary.ByStatus[check.Unknown]; visible != wantN || sel != "unknown" {
		t.Errorf("#status=unknown: %d visible (want %d), select shows %q", visible, wantN, sel)
	}

	// A malformed fragment (not valid percent-encoding) is taken as typed
	// and never stops the page script: the list is drawn, the filter box
	// shows the text, and the other filters of the fragment still apply.
	for _, frag := range []string{"#q=100%", "#status=fail&q=%E0%A4%A", "#q=%"} {
		b.Navigate(t, "about:blank")
		b.Navigate(t, fileURL(path)+frag)
		var page struct {
			Ready  bool
			Q      string
			Status string
		}
		b.Eval(t, `({Ready: typeof shoulderReport.ready === 'number', Q: document.getElementById('q').value, Status: document.getElementById('f-status').value})`, &page)
		wantQ := frag[strings.Index(frag, "q=")+2:]
		if !page.Ready || page.Q != wantQ {
			t.Errorf("%s: page script stopped or lost the text (ready %v, filter box %q, want %q)", frag, page.Ready, page.Q, wantQ)
		}
		if strings.Contains(frag, "status=fail") && page.Status != "fail" {
			t.Errorf("%s: status filter shows %q, want fail", frag, page.Status)
		}
		// The page still filters after the bad fragment.
		b.Eval(t, `shoulderReport.setFilter({}), shoulderReport.visible()`, &visible)
		if visible != len(r.Results) {
			t.Errorf("%s: after a reset %d visible, want %d", frag, visible, len(r.Results))
		}
	}
}

// TestHTMLDutyHeatmapInChromium checks that a heatmap built from the duty
// matrix lists a cell's checks when clicked.
func TestHTMLDutyHeatmapInChromium(t *testing.T) {
	r, o := everyStatusReport()
	o.Responsibility = &report.Responsibility{Services: []report.ServiceDuties{
		{Service: "vpc", Model: "infrastructure", Duties: []report.Duty{
			{Name: "Firewall", Area: check.Network, Status: "not_met", Checks: []string{"ec2_fail", "ec2_waived"}},
			{Name: "Flow logs", Area: check.Logging, Status: "met", Checks: []string{"ec2_pass"}},
		}},
		{Service: "rds", Model: "managed", Duties: []report.Duty{{Name: "Encrypt", Area: check.EncryptionAtRest, Status: "unknown", Checks: []string{"ec2_unknown"}}}},
	}}
	path := writeHTML(t, r, o)
	b := startBrowser(t)
	b.Navigate(t, fileURL(path))
	var n int
	b.Eval(t, `document.querySelectorAll('svg.chart-heatmap rect.cell:not(.empty)').length`, &n)
	if n != 3 {
		t.Errorf("%d duty cells, want 3", n)
	}
	var rows []string
	b.Eval(t, `document.querySelector('svg.chart-heatmap rect.cell[data-service=vpc][data-area=network]').dispatchEvent(new MouseEvent('click')), shoulderReport.viewIds()`, &rows)
	want := keysWhere(r, func(f *engine.Finding) bool { return f.CheckID == "ec2_fail" || f.CheckID == "ec2_waived" })
	if !sameSet(rows, want) {
		t.Errorf("the vpc/network duty cell lists %v, want %v", rows, want)
	}
	var count string
	b.Eval(t, `document.getElementById('count').textContent`, &count)
	if !strings.Contains(count, "vpc / network") {
		t.Errorf("the count does not say what the list is filtered to: %q", count)
	}
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// keysWhere lists "check_id resource" for the findings that match.
func keysWhere(r *engine.Report, keep func(*engine.Finding) bool) []string {
	var out []string
	for i := range r.Results {
		if keep(&r.Results[i]) {
			out = append(out, r.Results[i].CheckID+" "+r.Results[i].Resource)
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func nonEmpty(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
