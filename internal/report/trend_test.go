package report

import (
	"regexp"
	"strings"
	"testing"
)

// TestLinesChart: one polyline per series with one point per label, the
// largest value at the top of the plot and zero on the axis.
func TestLinesChart(t *testing.T) {
	cases := []struct {
		name   string
		labels []string
		series []lineSeries
	}{
		{"two scans", []string{"#1", "#2"}, []lineSeries{{Label: "critical", Key: "critical", Stroke: "#a61e22", Values: []int{3, 5}}}},
		{"all zero", []string{"#1", "#2", "#3"}, []lineSeries{{Label: "high", Key: "high", Stroke: "#e0662f", Values: []int{0, 0, 0}}}},
		{"three series", []string{"a", "b", "c", "d"}, []lineSeries{
			{Label: "critical", Key: "critical", Values: []int{1, 2, 3, 4}},
			{Label: "high", Key: "high", Values: []int{9, 0, 9, 0}},
			{Label: "low", Key: "low", Values: []int{5, 5, 5, 5}},
		}},
	}
	pointsRe := regexp.MustCompile(`<polyline [^>]*points="([^"]*)"`)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			svg := lines("chart-trend", tc.labels, tc.series, 900, 240)
			polys := pointsRe.FindAllStringSubmatch(svg, -1)
			if len(polys) != len(tc.series) {
				t.Fatalf("%d polylines, want %d", len(polys), len(tc.series))
			}
			maxV := 0
			for _, s := range tc.series {
				for _, v := range s.Values {
					maxV = max(maxV, v)
				}
			}
			for i, p := range polys {
				pts := strings.Fields(p[1])
				if len(pts) != len(tc.labels) {
					t.Errorf("series %d: %d points, want %d", i, len(pts), len(tc.labels))
				}
				for j, pt := range pts {
					v := tc.series[i].Values[j]
					_, y, _ := strings.Cut(pt, ",")
					switch {
					case v == 0 && y != "214.0": // the axis: 240 - 26
						t.Errorf("series %d point %d: zero at y=%s, want the axis 214.0", i, j, y)
					case v == maxV && v > 0 && y != "10.0":
						t.Errorf("series %d point %d: the largest value at y=%s, want the top 10.0", i, j, y)
					}
				}
			}
			if !strings.Contains(svg, tc.labels[0]) || !strings.Contains(svg, tc.labels[len(tc.labels)-1]) {
				t.Errorf("first and last labels missing")
			}
		})
	}
}

// TestTrendSVGIsTheReportsChart: the dashboard's trend chart is the HTML
// report's drawing of the same points, without the style attribute its
// CSP would refuse.
func TestTrendSVGIsTheReportsChart(t *testing.T) {
	points := []TrendPoint{
		{Label: "2026-01-10", BySeverity: map[string]int{"critical": 2, "high": 5}},
		{Label: "2026-01-11", BySeverity: map[string]int{"critical": 1, "high": 7}},
		{Label: "<b>x</b>", BySeverity: map[string]int{"high": 3}},
	}
	labels, series := trendSeries(points)
	report := lines("chart-trend", labels, series, 900, 240)
	got := TrendSVG(points)
	if strings.Contains(got, "style=") {
		t.Errorf("TrendSVG carries a style attribute: %.200s", got)
	}
	if want := strings.Replace(report, ` style="max-width:900px"`, "", 1); got != want || want == report {
		t.Errorf("TrendSVG differs from the report's chart beyond its style")
	}
	if strings.Contains(got, "<b>") || strings.Count(got, "<polyline") != 2 {
		t.Errorf("TrendSVG: labels unescaped or wrong lines: %.300s", got)
	}
}
