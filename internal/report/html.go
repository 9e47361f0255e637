package report

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

//go:embed assets/report.css
var reportCSS string

//go:embed assets/report.js
var reportJS string

// HTMLDataVersion versions the compact JSON embedded in the HTML report
// (read only by the page's own script).
const HTMLDataVersion = 1

// htmlData is the compact form of the findings the page's script reads.
// Findings are columns of small integers (indexes into the dictionaries)
// plus the strings that differ per row, so 100k findings stay a few MB and
// filtering is a loop over arrays.
type htmlData struct {
	V        int         `json:"v"`
	Areas    []string    `json:"areas"`
	Services []string    `json:"services"`
	Regions  []string    `json:"regions"`
	Statuses []string    `json:"statuses"`
	Sevs     []string    `json:"sevs"`
	Checks   []htmlCheck `json:"checks"`
	Prefixes []string    `json:"pre"`
	F        htmlRows    `json:"f"`
	Waivers  []htmlWaive `json:"waivers"`
	// W maps a row index to its waiver (index into Waivers).
	W map[string]int `json:"w"`
	// Sens lists the rows whose resource is classified sensitive.
	Sens []int `json:"sens"`
	// Accts are a combined report's accounts (absent for one account);
	// F.Acct indexes them per finding.
	Accts []htmlAcct `json:"accts,omitempty"`
}

type htmlCheck struct {
	ID    string   `json:"id"`
	Title string   `json:"t"`
	Area  int      `json:"a"`
	Svc   int      `json:"s"`
	Desc  string   `json:"d,omitempty"`
	Con   string   `json:"fc,omitempty"`
	CLI   string   `json:"fl,omitempty"`
	TF    string   `json:"ft,omitempty"`
	Ctl   []string `json:"ctl,omitempty"`
}

type htmlRows struct {
	Check  []int    `json:"c"`
	Status []int    `json:"st"`
	Sev    []int    `json:"sv"`
	Region []int    `json:"g"`
	Prefix []int    `json:"p"`
	Rest   []string `json:"r"`
	Msg    []string `json:"m"`
	Acct   []int    `json:"ac,omitempty"`
}

type htmlWaive struct {
	Owner   string `json:"o"`
	Reason  string `json:"r"`
	Expires string `json:"e"`
}

// htmlAcct is one account of a combined report in the page's data.
type htmlAcct struct {
	ID   string `json:"id"`
	Name string `json:"n,omitempty"`
	OU   string `json:"ou,omitempty"`
}

type indexer struct {
	idx  map[string]int
	list []string
}

func (x *indexer) of(s string) int {
	if i, ok := x.idx[s]; ok {
		return i
	}
	if x.idx == nil {
		x.idx = map[string]int{}
	}
	x.idx[s] = len(x.list)
	x.list = append(x.list, s)
	return len(x.list) - 1
}

// splitResource cuts an ARN after its last '/' or ':' so the repeated
// prefix ("arn:aws:ec2:eu-west-1:123456789012:volume/") is stored once.
func splitResource(arn string) (string, string) {
	i := strings.LastIndexAny(arn, "/:")
	if i < 0 {
		return "", arn
	}
	return arn[:i+1], arn[i+1:]
}

func buildHTMLData(r *engine.Report, o *Options) htmlData {
	d := htmlData{V: HTMLDataVersion, W: map[string]int{}, Sens: []int{}, Waivers: []htmlWaive{}}
	for _, a := range check.Areas {
		d.Areas = append(d.Areas, string(a))
	}
	for _, s := range check.Statuses {
		d.Statuses = append(d.Statuses, string(s))
	}
	for s := check.Info; s <= check.Critical; s++ {
		d.Sevs = append(d.Sevs, s.String())
	}
	areaIdx := map[check.Area]int{}
	for i, a := range check.Areas {
		areaIdx[a] = i
	}
	statusIdx := map[check.Status]int{}
	for i, s := range check.Statuses {
		statusIdx[s] = i
	}
	var svcs, regions, prefixes indexer
	regions.of("") // index 0: global
	checkIdx := map[string]int{}
	n := len(r.Results)
	d.F = htmlRows{Check: make([]int, n), Status: make([]int, n), Sev: make([]int, n), Region: make([]int, n),
		Prefix: make([]int, n), Rest: make([]string, n), Msg: make([]string, n)}
	acctIdx := map[string]int{}
	if r.IsOrg() {
		d.F.Acct = make([]int, n)
		for i, e := range r.Accounts {
			acctIdx[e.ID] = i
			d.Accts = append(d.Accts, htmlAcct{ID: e.ID, Name: e.Name, OU: e.OUPath})
		}
	}
	for i := range r.Results {
		f := &r.Results[i]
		if d.F.Acct != nil {
			d.F.Acct[i] = acctIdx[f.AccountID]
		}
		ci, ok := checkIdx[f.CheckID]
		if !ok {
			ci = len(d.Checks)
			checkIdx[f.CheckID] = ci
			meta := o.Checks[f.CheckID]
			ai, ok := areaIdx[f.Area]
			if !ok {
				ai = -1
			}
			d.Checks = append(d.Checks, htmlCheck{ID: f.CheckID, Title: o.title(f), Area: ai, Svc: svcs.of(f.Service),
				Desc: meta.Description, Con: meta.Remediation.Console, CLI: meta.Remediation.CLI, TF: meta.Remediation.Terraform,
				Ctl: o.controls(f.CheckID)})
		}
		pre, rest := splitResource(f.Resource)
		d.F.Check[i] = ci
		d.F.Status[i] = statusIdx[f.Status]
		d.F.Sev[i] = int(f.Severity)
		d.F.Region[i] = regions.of(f.Region)
		d.F.Prefix[i] = prefixes.of(pre)
		d.F.Rest[i] = rest
		d.F.Msg[i] = f.Message
		if f.Waiver != nil {
			d.W[fmt.Sprint(i)] = len(d.Waivers)
			d.Waivers = append(d.Waivers, htmlWaive{Owner: f.Waiver.Owner, Reason: f.Waiver.Reason, Expires: f.Waiver.Expires.Format("2006-01-02")})
		}
		if f.Sensitive {
			d.Sens = append(d.Sens, i)
		}
	}
	d.Services, d.Regions, d.Prefixes = svcs.list, regions.list, prefixes.list
	if d.Services == nil {
		d.Services = []string{}
	}
	if d.Prefixes == nil {
		d.Prefixes = []string{}
	}
	return d
}

// HTML writes the report as one self-contained page: inline CSS, inline
// script, inline SVG charts and the findings as compact JSON. Nothing is
// fetched from the network. The findings table renders only the rows in
// view, so the page stays responsive with 100k findings.
func HTML(w io.Writer, r *engine.Report, o Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	ew := &errWriter{w: bw}
	title := "shoulder report: " + r.AccountID
	if r.AccountName != "" {
		title += " (" + r.AccountName + ")"
	}
	if r.IsOrg() {
		title = fmt.Sprintf("shoulder report: organization %s (%d accounts)", nonEmpty(r.OrganizationID, "of account snapshots"), len(r.Accounts))
	}
	ew.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	ew.printf("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
	ew.printf("<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", esc(title), reportCSS)
	writeHeader(ew, r)
	ew.printf("<main>\n")
	writeHTMLSummary(ew, r)
	writeTrend(ew, o.Trend)
	if r.IsOrg() {
		writeAccounts(ew, r)
	}
	writeHeatmap(ew, r, &o)
	writeDuties(ew, &o)
	writeDataMap(ew, &o)
	writeFrameworks(ew, &o)
	writeFindingsShell(ew)
	writeCoverage(ew, r)
	ew.printf("</main>\n<footer>Generated by shoulder %s. This file is self-contained: it loads nothing from the network.</footer>\n", esc(nonEmpty(o.Version, "dev")))
	if ew.err != nil {
		return fmt.Errorf("writing HTML report: %w", ew.err)
	}
	ew.printf("<script type=\"application/json\" id=\"data\">")
	if ew.err == nil {
		// encoding/json escapes <, > and & so the data cannot close the script.
		if err := json.NewEncoder(bw).Encode(buildHTMLData(r, &o)); err != nil {
			return fmt.Errorf("writing HTML report data: %w", err)
		}
	}
	ew.printf("</script>\n<script>%s</script>\n</body>\n</html>\n", reportJS)
	if ew.err != nil {
		return fmt.Errorf("writing HTML report: %w", ew.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing HTML report: %w", err)
	}
	return nil
}

func writeHeader(ew *errWriter, r *engine.Report) {
	name, id := r.AccountName, r.AccountID
	if name == "" {
		name = "AWS account"
	}
	if r.IsOrg() {
		name, id = "AWS organization", fmt.Sprintf("%s · %d accounts", nonEmpty(r.OrganizationID, "of account snapshots"), len(r.Accounts))
	}
	ew.printf("<header><div class=\"brand\">shoulder</div><h1>%s <span class=\"acct\">%s</span></h1>\n", esc(name), esc(id))
	ew.printf("<p class=\"meta\">The customer's half of the AWS shared responsibility model: which duties are yours, and whether each is met. Source <b>%s</b>, collected <b>%s</b>, evaluated %s, %d checks.</p>\n",
		esc(nonEmpty(r.Source, "unknown")), r.CollectedAt.UTC().Format("2006-01-02 15:04 MST"), r.EvaluatedAt.UTC().Format("2006-01-02 15:04 MST"), r.Summary.Checks)
	ew.printf("<nav><a href=\"#summary\">Summary</a><a href=\"#matrix\">Responsibility</a><a href=\"#datamap\">Data map</a><a href=\"#frameworks\">Frameworks</a><a href=\"#findings\">Findings</a><a href=\"#coverage\">Coverage</a></nav></header>\n")
}

func statusSegments(r *engine.Report) []barSegment {
	var segs []barSegment
	for _, st := range check.Statuses {
		segs = append(segs, barSegment{Label: string(st), Key: string(st), Value: r.Summary.ByStatus[st], Fill: statusFill(st)})
	}
	return segs
}

func writeHTMLSummary(ew *errWriter, r *engine.Report) {
	s := r.Summary
	crit, high := s.FailBySeverity["critical"], s.FailBySeverity["high"]
	unknown := s.ByStatus[check.Unknown]
	applicable := s.Total - s.ByStatus[check.NotApplicable]
	pct := 0.0
	if applicable > 0 {
		pct = 100 * float64(unknown) / float64(applicable)
	}
	verdict := "No failing duty at high or critical severity."
	cls := "good"
	if crit+high > 0 {
		verdict = fmt.Sprintf("%d failures at high or critical severity need an owner now.", crit+high)
		cls = "bad"
	}
	ew.printf("<section id=\"summary\"><h2>Summary</h2>\n<p class=\"verdict %s\">%s</p>\n<div class=\"cards\">\n", cls, esc(verdict))
	card := func(cls, num, label string) {
		ew.printf("<div class=\"card %s\"><div class=\"n\">%s</div><div class=\"l\">%s</div></div>\n", cls, num, esc(label))
	}
	card("fail", fmt.Sprint(s.ByStatus[check.Fail]), "failing results")
	card("crit", fmt.Sprint(crit), "critical failures")
	card("high", fmt.Sprint(high), "high failures")
	card("unknown", fmt.Sprintf("%.1f%%", pct), fmt.Sprintf("could not be evaluated (%d unknown)", unknown))
	card("pass", fmt.Sprint(s.ByStatus[check.Pass]), "passing results")
	ew.printf("</div>\n")
	if len(r.Gaps) > 0 {
		var rs []string
		for reason, n := range s.GapsByReason {
			rs = append(rs, fmt.Sprintf("%d %s", n, strings.ReplaceAll(string(reason), "_", " ")))
		}
		sort.Strings(rs)
		ew.printf("<p class=\"hint\">Why some results are unknown: %d API calls could not be made (%s). Unknown is never counted as a pass; see <a href=\"#coverage\">Coverage</a>.</p>\n", len(r.Gaps), esc(strings.Join(rs, ", ")))
	}
	ew.printf("<div class=\"grid2\"><figure><figcaption>Results by status (%d)</figcaption>%s</figure>\n", s.Total, stackedBar("chart-status", statusSegments(r), 600))
	var sev []barSegment
	for v := check.Critical; v >= check.Info; v-- {
		sev = append(sev, barSegment{Label: v.String(), Key: v.String(), Value: s.FailBySeverity[v.String()], Fill: severityFills[v]})
	}
	ew.printf("<figure><figcaption>Failures by severity</figcaption>%s</figure></div>\n</section>\n", vbars("chart-severity", sev, 460, 190))
}

// writeTrend draws the failures per severity of the stored scans up to
// this one (Options.Trend), from two scans on.
func writeTrend(ew *errWriter, trend []TrendPoint) {
	if len(trend) < 2 {
		return
	}
	labels, series := trendSeries(trend)
	ew.printf("<section id=\"trend\"><h2>Failures over time</h2>\n<figure><figcaption>Failures per severity, the last %d stored scans (oldest first)</figcaption>%s</figure>\n</section>\n",
		len(trend), lines("chart-trend", labels, series, 900, 240))
}

// trendSeries is one line per severity that failed at some point, most
// severe first, over the points' labels.
func trendSeries(trend []TrendPoint) ([]string, []lineSeries) {
	labels := make([]string, len(trend))
	var series []lineSeries
	for v := check.Critical; v >= check.Info; v-- {
		ls := lineSeries{Label: v.String(), Key: v.String(), Stroke: severityFills[v], Values: make([]int, len(trend))}
		seen := false
		for i, p := range trend {
			ls.Values[i] = p.BySeverity[v.String()]
			seen = seen || ls.Values[i] > 0
		}
		if seen {
			series = append(series, ls)
		}
	}
	for i, p := range trend {
		labels[i] = p.Label
	}
	return labels, series
}

// TrendSVG is the HTML report's trend chart (failures per severity over
// the points, one line per severity) as an inline SVG element for pages
// whose Content-Security-Policy refuses inline styles (shoulder serve):
// the same drawing without its style attribute, sized by the page's
// stylesheet (class chart-trend).
func TrendSVG(trend []TrendPoint) string {
	labels, series := trendSeries(trend)
	return linesChart("chart-trend", labels, series, 900, 240, false)
}

// heatmapData computes the services x areas matrix from the findings.
func heatmapData(r *engine.Report) ([]string, map[string]map[check.Area]*heatCell) {
	cells := map[string]map[check.Area]*heatCell{}
	for i := range r.Results {
		f := &r.Results[i]
		row := cells[f.Service]
		if row == nil {
			row = map[check.Area]*heatCell{}
			cells[f.Service] = row
		}
		c := row[f.Area]
		if c == nil {
			c = &heatCell{Worst: f.Status, Counts: map[check.Status]int{}, Unit: "results"}
			row[f.Area] = c
		}
		c.Counts[f.Status]++
		if statusRank(f.Status) < statusRank(c.Worst) {
			c.Worst = f.Status
		}
	}
	services := make([]string, 0, len(cells))
	for s := range cells {
		services = append(services, s)
	}
	sort.Strings(services)
	return services, cells
}

// dutyHeatmap computes the services x areas matrix from the duty matrix:
// a cell is coloured by its worst duty and lists the checks behind it.
func dutyHeatmap(resp *Responsibility) ([]string, map[string]string, map[string]map[check.Area]*heatCell) {
	cells := map[string]map[check.Area]*heatCell{}
	models := map[string]string{}
	var services []string
	for _, s := range resp.Services {
		if _, dup := cells[s.Service]; dup {
			continue
		}
		services = append(services, s.Service)
		models[s.Service] = s.Model
		row := map[check.Area]*heatCell{}
		cells[s.Service] = row
		for _, d := range s.Duties {
			st := dutyStatus(d.Status)
			c := row[d.Area]
			if c == nil {
				c = &heatCell{Worst: st, Counts: map[check.Status]int{}, Unit: "duties"}
				row[d.Area] = c
			}
			c.Counts[st]++
			if statusRank(st) < statusRank(c.Worst) {
				c.Worst = st
			}
			for _, id := range d.Checks {
				if !slices.Contains(c.Checks, id) {
					c.Checks = append(c.Checks, id)
				}
			}
		}
	}
	return services, models, cells
}

func writeHeatmap(ew *errWriter, r *engine.Report, o *Options) {
	services, cells := heatmapData(r)
	models := map[string]string{}
	what := "result"
	if o.Responsibility != nil && len(o.Responsibility.Services) > 0 {
		services, models, cells = dutyHeatmap(o.Responsibility)
		what = "duty"
	}
	ew.printf("<section id=\"matrix\"><h2>Responsibility matrix</h2>\n<p class=\"hint\">Each row is a service you use, each column one of your duty areas; a cell takes the colour of its worst %s. Click a cell to list its findings.</p>\n", what)
	if len(services) == 0 {
		ew.printf("<p class=\"na\">Not available: the scan produced no results.</p></section>\n")
		return
	}
	ew.printf("<div class=\"scrollx\">%s</div>\n<div class=\"legendrow\">", heatmap(services, models, check.Areas, cells))
	for _, st := range check.Statuses {
		ew.printf("<span><i style=\"background:%s\"></i>%s</span>", statusFill(st), st)
	}
	ew.printf("<span><i style=\"background:#f1f3f5\"></i>no check</span></div>\n</section>\n")
}

func writeDuties(ew *errWriter, o *Options) {
	ew.printf("<section id=\"duties\"><h2>Your duties per service</h2>\n")
	if o.Responsibility == nil || len(o.Responsibility.Services) == 0 {
		ew.printf("<p class=\"na\">Not available: this report was written without the responsibility catalog.</p></section>\n")
		return
	}
	for _, s := range o.Responsibility.Services {
		ew.printf("<details class=\"duty\"><summary><b>%s</b> <span class=\"model\">%s</span> %s</summary>\n", esc(s.Service), esc(s.Model), dutyBadges(s.Duties))
		ew.printf("<table><thead><tr><th>Your duty</th><th>Area</th><th>Status</th><th>Worst</th><th>Resources</th></tr></thead><tbody>\n")
		for _, d := range s.Duties {
			ew.printf("<tr><td>%s<div class=\"sub\">%s</div></td><td>%s</td><td><span class=\"pill d-%s\">%s</span></td><td>%s</td><td>%d</td></tr>\n",
				esc(d.Name), esc(d.Detail), esc(string(d.Area)), esc(d.Status), esc(strings.ReplaceAll(d.Status, "_", " ")), esc(d.Worst), d.Resources)
		}
		ew.printf("</tbody></table>\n")
		if len(s.AWSDuties) > 0 {
			ew.printf("<p class=\"aws\">AWS carries: %s</p>\n", esc(strings.Join(s.AWSDuties, "; ")))
		}
		ew.printf("</details>\n")
	}
	ew.printf("</section>\n")
}

func dutyBadges(ds []Duty) string {
	n := map[string]int{}
	for _, d := range ds {
		n[d.Status]++
	}
	var b strings.Builder
	for _, st := range []string{"not_met", "partly_met", "unknown", "manual", "met"} {
		if n[st] > 0 {
			fmt.Fprintf(&b, `<span class="pill d-%s">%d %s</span> `, st, n[st], strings.ReplaceAll(st, "_", " "))
		}
	}
	return b.String()
}

// custodyOrder is the key custody ladder, weakest first.
var custodyOrder = []string{"none", "aws_owned", "aws_managed", "customer_managed", "imported", "cloudhsm", "external_key_store", "unknown"}

func custodyFill(c string) string {
	switch c {
	case "none":
		return "#c8373b"
	case "aws_owned":
		return "#e0662f"
	case "aws_managed":
		return "#d99a1e"
	case "customer_managed":
		return "#2a8f5f"
	case "imported", "cloudhsm", "external_key_store":
		return "#1d6b47"
	}
	return "#a3abb5"
}

func exposureFill(e string) string {
	switch e {
	case "public":
		return "#c8373b"
	case "shared_untrusted":
		return "#e0662f"
	case "shared_trusted":
		return "#3f72c4"
	case "private":
		return "#2a8f5f"
	}
	return "#a3abb5"
}

func writeDataMap(ew *errWriter, o *Options) {
	ew.printf("<section id=\"datamap\"><h2>Data map</h2>\n")
	if o.DataMap == nil {
		ew.printf("<p class=\"na\">Not available: this report was written without the data map.</p></section>\n")
		return
	}
	stores := o.DataMap.Stores
	ew.printf("<p class=\"hint\">%d data stores: where they are (country and region), under whose key, and who can reach them.</p>\n", len(stores))
	byCountry := map[string]int{}
	outside := map[string]bool{} // countries with a store in a region the policy does not allow
	policyKnown := false
	byCustody := map[string]int{}
	byExposure := map[string]int{}
	for _, s := range stores {
		c := nonEmpty(s.Country, "unknown")
		byCountry[c]++
		if s.Allowed != nil {
			policyKnown = true
			if !*s.Allowed {
				outside[c] = true
			}
		}
		byCustody[nonEmpty(s.Custody, "unknown")]++
		byExposure[nonEmpty(s.Exposure, "unknown")]++
	}
	countries := make([]string, 0, len(byCountry))
	for c := range byCountry {
		countries = append(countries, c)
	}
	sort.Slice(countries, func(i, j int) bool {
		if byCountry[countries[i]] != byCountry[countries[j]] {
			return byCountry[countries[i]] > byCountry[countries[j]]
		}
		return countries[i] < countries[j]
	})
	var cs []barSegment
	for _, c := range countries {
		fill, label := "#3f72c4", c
		if outside[c] {
			fill, label = statusFill(check.Fail), c+" (not allowed)"
		}
		cs = append(cs, barSegment{Label: label, Key: c, Value: byCountry[c], Fill: fill})
	}
	var cu []barSegment
	for _, c := range custodyOrder {
		cu = append(cu, barSegment{Label: strings.ReplaceAll(c, "_", " "), Key: c, Value: byCustody[c], Fill: custodyFill(c)})
	}
	var ex []barSegment
	for _, e := range []string{"public", "shared_untrusted", "shared_trusted", "private", "unknown"} {
		ex = append(ex, barSegment{Label: strings.ReplaceAll(e, "_", " "), Key: e, Value: byExposure[e], Fill: exposureFill(e)})
	}
	public := byExposure["public"]
	caption := "Stores by country"
	if policyKnown {
		caption += " (red: outside the regions your policy allows)"
	}
	ew.printf("<div class=\"grid3\"><figure><figcaption>%s</figcaption>%s</figure>\n", esc(caption), hbars("chart-countries", cs, 420))
	ew.printf("<figure><figcaption>Key custody (weakest first)</figcaption>%s</figure>\n", stackedBar("chart-custody", cu, 420))
	ew.printf("<figure><figcaption>Exposure</figcaption>%s</figure></div>\n", donut("chart-exposure", ex, fmt.Sprint(public), "public"))
	ew.printf("<details><summary>All %d data stores</summary><div class=\"scrollx\"><table><thead><tr><th>Store</th><th>Kind</th><th>Region</th><th>Country</th><th>Custody</th><th>Exposure</th><th>Class</th><th>Backup</th><th>Copies</th></tr></thead><tbody>\n", len(stores))
	for _, s := range stores {
		ew.printf("<tr><td class=\"mono\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			esc(s.ARN), esc(s.Kind), esc(s.Region), esc(s.Country), esc(s.Custody), esc(s.Exposure), esc(s.Classification), esc(s.Backup), esc(strings.Join(s.Copies, ", ")))
	}
	ew.printf("</tbody></table></div></details>\n</section>\n")
}

func writeFrameworks(ew *errWriter, o *Options) {
	ew.printf("<section id=\"frameworks\"><h2>Frameworks</h2>\n")
	if len(o.Frameworks) == 0 {
		ew.printf("<p class=\"na\">Not available: this report was written without framework mappings.</p></section>\n")
		return
	}
	for _, fw := range o.Frameworks {
		n := map[check.Status]int{}
		for _, c := range fw.Controls {
			n[c.Status]++
		}
		var segs []barSegment
		for _, st := range check.Statuses {
			segs = append(segs, barSegment{Label: string(st), Key: string(st), Value: n[st], Fill: statusFill(st)})
		}
		ew.printf("<div class=\"fw\"><h3>%s %s <span class=\"sub\">%s, %d controls</span></h3>%s\n", esc(fw.Name), esc(fw.Version), esc(fw.ID), len(fw.Controls), stackedBar("chart-framework", segs, 600))
		ew.printf("<details><summary>Controls</summary><table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Why</th><th>Checks</th></tr></thead><tbody>\n")
		for _, c := range fw.Controls {
			why := c.Reason
			if c.Guidance != "" && (c.Status == check.Manual || why == "") {
				why = strings.TrimSpace(why + " " + c.Guidance)
			}
			ew.printf("<tr><td>%s</td><td>%s</td><td><span class=\"pill s-%s\">%s</span></td><td>%s</td><td class=\"mono\">%s</td></tr>\n",
				esc(c.ID), esc(c.Title), c.Status, strings.ReplaceAll(string(c.Status), "_", " "), esc(why), esc(strings.Join(c.Checks, " ")))
		}
		ew.printf("</tbody></table></details></div>\n")
	}
	ew.printf("</section>\n")
}

func writeFindingsShell(ew *errWriter) {
	ew.printf(`<section id="findings"><h2>Findings <span class="sub" id="count"></span></h2>
<div class="filters">
<input id="q" type="search" placeholder="Search check, resource, evidence…  (press /)" aria-label="search">
<select id="f-status" aria-label="status"><option value="">every status</option></select>
<select id="f-sev" aria-label="severity"><option value="">every severity</option></select>
<select id="f-area" aria-label="area"><option value="">every area</option></select>
<select id="f-service" aria-label="service"><option value="">every service</option></select>
<select id="f-region" aria-label="region"><option value="">every region</option></select>
<select id="f-account" aria-label="account"><option value="">every account</option></select>
<button id="reset" type="button">Reset</button>
</div>
<div class="fhead"><span>Status</span><span>Severity</span><span>Check</span><span>Resource</span><span>Region</span><span>Evidence</span></div>
<div id="list" tabindex="0"><div id="spacer"></div><div id="rows"></div></div>
<aside id="detail" hidden></aside>
<noscript><p class="na">The findings list needs JavaScript; the same data is in report.csv and report.json.</p></noscript>
</section>
`)
}

func writeCoverage(ew *errWriter, r *engine.Report) {
	s := r.Summary
	ew.printf("<section id=\"coverage\"><h2>Coverage: what could not be evaluated</h2>\n<p>%s</p>\n", esc(strings.ReplaceAll(coverageSentence(r), "**", "")))
	unknown := s.ByStatus[check.Unknown]
	applicable := s.Total - s.ByStatus[check.NotApplicable]
	segs := []barSegment{
		{Label: "evaluated", Key: "evaluated", Value: applicable - unknown, Fill: statusFill(check.Pass)},
		{Label: "unknown", Key: "unknown", Value: unknown, Fill: statusFill(check.Unknown)},
	}
	pct := "0%"
	if applicable > 0 {
		pct = fmt.Sprintf("%.0f%%", 100*float64(applicable-unknown)/float64(applicable))
	}
	var rs []barSegment
	for k, n := range s.GapsByReason {
		rs = append(rs, barSegment{Label: string(k), Key: string(k), Value: n, Fill: statusFill(check.Unknown)})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Key < rs[j].Key })
	ew.printf("<div class=\"grid2\"><figure><figcaption>Applicable results evaluated</figcaption>%s</figure>\n", donut("chart-coverage", segs, pct, "evaluated"))
	if len(rs) > 0 {
		ew.printf("<figure><figcaption>Coverage gaps by reason</figcaption>%s</figure></div>\n", hbars("chart-gaps", rs, 460))
		ew.printf("<details><summary>All %d coverage gaps</summary><table><thead><tr><th>Service</th><th>Region</th><th>Operation</th><th>Reason</th><th>Message</th></tr></thead><tbody>\n", len(r.Gaps))
		for _, g := range r.Gaps {
			ew.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", esc(g.Service), esc(nonEmpty(g.Region, "global")), esc(g.Operation), esc(string(g.Reason)), esc(g.Message))
		}
		ew.printf("</tbody></table></details>\n")
	} else {
		ew.printf("<figure><figcaption>Coverage gaps</figcaption><p>None: every API call shoulder needed succeeded.</p></figure></div>\n")
	}
	if len(r.WaiverIssues) > 0 {
		ew.printf("<h3>Waivers that need attention</h3><table><thead><tr><th>Problem</th><th>Check</th><th>Resource</th><th>Owner</th><th>Expires</th></tr></thead><tbody>\n")
		for _, wi := range r.WaiverIssues {
			ew.printf("<tr><td>%s</td><td class=\"mono\">%s</td><td class=\"mono\">%s</td><td>%s</td><td>%s</td></tr>\n", esc(wi.Problem), esc(wi.Waiver.Check), esc(wi.Waiver.Resource), esc(wi.Waiver.Owner), wi.Waiver.Expires.Format("2006-01-02"))
		}
		ew.printf("</tbody></table>\n")
	}
	ew.printf("</section>\n")
}

// writeAccounts writes a combined report's accounts: an account × area
// heatmap (worst status per cell; a click lists that account's findings in
// the area) and a table of the accounts ranked by critical then high
// failures, each row a drill-down into its findings and coverage gaps.
func writeAccounts(ew *errWriter, r *engine.Report) {
	cells := map[string]map[check.Area]*heatCell{}
	for i := range r.Results {
		f := &r.Results[i]
		row := cells[f.AccountID]
		if row == nil {
			row = map[check.Area]*heatCell{}
			cells[f.AccountID] = row
		}
		c := row[f.Area]
		if c == nil {
			c = &heatCell{Worst: f.Status, Counts: map[check.Status]int{}, Unit: "results"}
			row[f.Area] = c
		}
		c.Counts[f.Status]++
		if statusRank(f.Status) < statusRank(c.Worst) {
			c.Worst = f.Status
		}
	}
	rank := engine.AccountRank(r)
	var ids []string
	labels := map[string]string{}
	for _, i := range rank {
		e := &r.Accounts[i]
		if e.Read == engine.ReadNone {
			continue
		}
		ids = append(ids, e.ID)
		labels[e.ID] = e.Name
	}
	ew.printf("<section id=\"accounts\"><h2>Accounts</h2>\n<p class=\"hint\">Each row is an account (most critical, then high failures first), each column a duty area; a cell takes the colour of its worst result. Click a cell to list that account's findings in the area, or an account below to list all of its findings.</p>\n")
	if len(ids) > 0 {
		ew.printf("<div class=\"scrollx\">%s</div>\n", heatmapBy("account", ids, labels, check.Areas, cells))
	}
	ew.printf("<table class=\"accounts\"><thead><tr><th>Account</th><th>Name</th><th>OU</th><th>Read</th><th>Critical</th><th>High</th><th>Failures</th><th>Unknown</th><th>Gaps</th></tr></thead><tbody>\n")
	for _, i := range rank {
		e := &r.Accounts[i]
		var crit, high, fail, unk int
		if s := e.Summary; s != nil {
			crit, high = s.FailBySeverity[check.Critical.String()], s.FailBySeverity[check.High.String()]
			fail, unk = s.ByStatus[check.Fail], s.ByStatus[check.Unknown]
		}
		read := esc(e.Read)
		if e.Reason != "" {
			read += "<div class=\"sub\">" + esc(e.Reason) + "</div>"
		}
		link := esc(e.ID)
		if e.Read != engine.ReadNone {
			link = fmt.Sprintf("<a class=\"acct-link\" href=\"#account=%s\">%s</a>", esc(e.ID), esc(e.ID))
		}
		gaps := ""
		if len(e.Gaps) > 0 {
			var b strings.Builder
			fmt.Fprintf(&b, "<details><summary>%d</summary><ul>", len(e.Gaps))
			for _, g := range e.Gaps {
				fmt.Fprintf(&b, "<li>%s</li>", esc(g.String()))
			}
			b.WriteString("</ul></details>")
			gaps = b.String()
		}
		ew.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%s</td></tr>\n",
			link, esc(e.Name), esc(e.OUPath), read, crit, high, fail, unk, gaps)
	}
	ew.printf("</tbody></table>\n</section>\n")
}
