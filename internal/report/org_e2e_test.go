package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/report"
)

// TestHTMLOrgInChromium opens a combined report in headless chromium: the
// account x area heatmap has a cell per account and area, a click on one
// lists exactly that account's findings in that area, the account table
// links into the list, and the account filter follows the URL.
func TestHTMLOrgInChromium(t *testing.T) {
	r, o := orgReport(t)
	path := writeHTML(t, r, o)
	b := startBrowser(t)
	b.Navigate(t, fileURL(path))

	read := 0
	for _, e := range r.Accounts {
		if e.Read != engine.ReadNone {
			read++
		}
	}
	counts := []struct {
		selector string
		want     int
	}{
		{"#accounts svg.chart-heatmap rect.cell", read * len(check.Areas)},
		{"#accounts table.accounts tbody tr", len(r.Accounts)},
		{"#accounts a.acct-link", read},
		{"#f-account option", read + 1},
	}
	for _, c := range counts {
		var n int
		b.Eval(t, `document.querySelectorAll(`+jsString(c.selector)+`).length`, &n)
		if n != c.want {
			t.Errorf("%s: %d elements, want %d", c.selector, n, c.want)
		}
	}
	// Both accounts hold the same check and resource pairs: only the
	// account filter tells them apart, so count what is listed.
	where := func(keep func(*engine.Finding) bool) int {
		n := 0
		for i := range r.Results {
			if keep(&r.Results[i]) {
				n++
			}
		}
		return n
	}
	var visible int
	acct := orgAccounts[1]
	b.Eval(t, `document.querySelector('#accounts rect.cell[data-account="`+acct+`"][data-area=network]').dispatchEvent(new MouseEvent('click')), shoulderReport.visible()`, &visible)
	want := where(func(f *engine.Finding) bool { return f.AccountID == acct && f.Area == check.Network })
	if want == 0 || want == where(func(f *engine.Finding) bool { return f.Area == check.Network }) || visible != want {
		t.Errorf("the %s/network cell lists %d findings, want %d", acct, visible, want)
	}
	var sel string
	b.Eval(t, `document.getElementById('f-account').value`, &sel)
	if sel != acct {
		t.Errorf("the account select shows %q after the click, want %s", sel, acct)
	}
	// The table's link filters by account through the URL hash.
	b.Eval(t, `shoulderReport.setFilter({}), document.querySelector('#accounts a.acct-link[href="#account=`+orgAccounts[0]+`"]').click(), 0`, &visible)
	b.Eval(t, `new Promise(function(res){setTimeout(function(){res(shoulderReport.visible());}, 50);})`, &visible)
	if want := where(func(f *engine.Finding) bool { return f.AccountID == orgAccounts[0] }); visible != want {
		t.Errorf("the account link lists %d findings, want %d", visible, want)
	}
	// The detail names the account and its OU.
	var detail string
	b.Eval(t, `shoulderReport.setFilter({account: '`+acct+`'}), document.querySelector('#rows .row').click(), document.getElementById('detail').textContent`, &detail)
	if !strings.Contains(detail, acct+" beta") || !strings.Contains(detail, "Root/Prod <script>") {
		t.Errorf("the detail does not name the account and OU: %q", detail)
	}
	// Account text is text: the OU name's markup made no element.
	var scripts int
	b.Eval(t, `document.querySelectorAll('script').length`, &scripts)
	if scripts != 2 {
		t.Errorf("%d script elements, want 2 (data and code): account text became markup", scripts)
	}
}

// orgSyntheticReport combines accounts synthetic reports of perAccount
// findings each.
func orgSyntheticReport(tb testing.TB, accounts, perAccount int) (*engine.Report, report.Options) {
	tb.Helper()
	c := engine.NewCombiner()
	var o report.Options
	for i := 0; i < accounts; i++ {
		r, opts := syntheticReport(perAccount)
		o = opts
		r.AccountID, r.AccountName = fmt.Sprintf("%012d", 100000000000+i), fmt.Sprintf("account-%03d", i)
		for j := range r.Results {
			r.Results[j].AccountID, r.Results[j].AccountName = r.AccountID, r.AccountName
		}
		if err := c.Add(r); err != nil {
			tb.Fatal(err)
		}
	}
	return c.Report(nil, "o-bench"), o
}

// BenchmarkHTMLOrg200x500 renders a combined report of 200 accounts with
// 500 findings each (100k findings) and opens it once in headless chromium,
// with the same measures as BenchmarkHTML100k plus an account filter.
// Recorded results: bench/RESULTS.md.
//
//	go test ./internal/report -run '^$' -bench HTMLOrg200x500 -benchtime 3x
func BenchmarkHTMLOrg200x500(b *testing.B) {
	r, o := orgSyntheticReport(b, 200, 500)
	page := benchHTMLPage(b, r, o)
	textMs, textN := page.filter(`shoulderReport.setFilter({q: 'access_denied eu-west-1'})`)
	acctMs, acctN := page.filter(`shoulderReport.setFilter({account: '100000000150', status: 'fail'})`)
	cellMs, cellN := page.filter(`document.querySelector('#accounts rect.cell[data-account="100000000007"][data-area=network]').dispatchEvent(new MouseEvent('click'))`)
	if textN == 0 || acctN == 0 || cellN == 0 {
		b.Fatalf("filters matched nothing (text %d, account %d, cell %d)", textN, acctN, cellN)
	}
	b.ReportMetric(textMs, "filter-text-ms")
	b.ReportMetric(acctMs, "filter-account-ms")
	b.ReportMetric(cellMs, "heatmap-click-ms")
}
