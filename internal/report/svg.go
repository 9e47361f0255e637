package report

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
)

// The charts of the HTML report are inline SVG written here, so the page
// needs no script library and no network. Every chart carries a class
// (chart-*) and its marks a class and data attributes, which the
// end-to-end test counts.

// statusColor is the colour of each status, shared by every chart and the
// CSS (keep in sync with assets/report.css).
func statusFill(s check.Status) string {
	switch s {
	case check.Fail:
		return "#c8373b"
	case check.Unknown:
		return "#d99a1e"
	case check.Waived:
		return "#3f72c4"
	case check.Manual:
		return "#8457b8"
	case check.Pass:
		return "#2a8f5f"
	}
	return "#a3abb5"
}

var severityFills = [...]string{"#8a94a0", "#5d8fc7", "#d99a1e", "#e0662f", "#a61e22"}

// barSegment is one part of a stacked bar.
type barSegment struct {
	Label string
	Key   string
	Value int
	Fill  string
}

func esc(s string) string { return html.EscapeString(s) }

// stackedBar draws one horizontal bar split into segments proportional to
// their values, with a legend underneath.
func stackedBar(class string, segs []barSegment, width int) string {
	total := 0
	for _, s := range segs {
		total += s.Value
	}
	var b strings.Builder
	legendRows := (len(segs) + 2) / 3
	h := 34 + 22*legendRows
	fmt.Fprintf(&b, `<svg class="chart %s" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" role="img" aria-label="%s">`, class, width, h, width, esc(class))
	x := 0.0
	if total == 0 {
		fmt.Fprintf(&b, `<rect x="0" y="0" width="%d" height="24" rx="4" fill="#e5e8ec"/><text x="8" y="16" class="lbl">no results</text>`, width)
	}
	for _, s := range segs {
		if s.Value == 0 || total == 0 {
			continue
		}
		w := float64(width) * float64(s.Value) / float64(total)
		fmt.Fprintf(&b, `<rect class="seg" data-key="%s" x="%.1f" y="0" width="%.1f" height="24" fill="%s"><title>%s: %d (%.1f%%)</title></rect>`,
			esc(s.Key), x, w, s.Fill, esc(s.Label), s.Value, 100*float64(s.Value)/float64(total))
		x += w
	}
	for i, s := range segs {
		col, row := i%3, i/3
		lx, ly := col*(width/3), 40+row*22
		fmt.Fprintf(&b, `<g class="legend"><rect x="%d" y="%d" width="12" height="12" rx="2" fill="%s"/><text x="%d" y="%d" class="lbl">%s <tspan class="num">%d</tspan></text></g>`,
			lx, ly, s.Fill, lx+18, ly+11, esc(s.Label), s.Value)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// vbars draws vertical bars with labels, one per segment.
func vbars(class string, segs []barSegment, width, height int) string {
	maxV := 0
	for _, s := range segs {
		maxV = max(maxV, s.Value)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart %s" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" role="img" aria-label="%s">`, class, width, height, width, esc(class))
	n := len(segs)
	if n == 0 {
		b.WriteString(`</svg>`)
		return b.String()
	}
	slot := float64(width) / float64(n)
	bw := math.Min(56, slot*0.6)
	plot := float64(height - 44)
	for i, s := range segs {
		h := 0.0
		if maxV > 0 {
			h = plot * float64(s.Value) / float64(maxV)
		}
		if s.Value > 0 && h < 2 {
			h = 2
		}
		x := slot*float64(i) + (slot-bw)/2
		y := float64(height-24) - h
		fmt.Fprintf(&b, `<rect class="bar" data-key="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="3" fill="%s"><title>%s: %d</title></rect>`,
			esc(s.Key), x, y, bw, h, s.Fill, esc(s.Label), s.Value)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="num">%d</text>`, x+bw/2, y-5, s.Value)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" class="lbl">%s</text>`, x+bw/2, height-6, esc(s.Label))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// lineSeries is one line of a line chart.
type lineSeries struct {
	Label, Key, Stroke string
	Values             []int
}

// lines draws one polyline per series over shared x labels (one point per
// label), with a y axis from 0 to the largest value and the first and last
// labels under the axis.
func lines(class string, labels []string, series []lineSeries, width, height int) string {
	return linesChart(class, labels, series, width, height, true)
}

// linesChart is lines, its maximum width set in a style attribute or (for
// pages whose CSP refuses inline styles) left to the stylesheet.
func linesChart(class string, labels []string, series []lineSeries, width, height int, inlineStyle bool) string {
	var b strings.Builder
	style := ""
	if inlineStyle {
		style = fmt.Sprintf(` style="max-width:%dpx"`, width)
	}
	fmt.Fprintf(&b, `<svg class="chart %s" viewBox="0 0 %d %d" width="100%%"%s role="img" aria-label="%s">`, class, width, height, style, esc(class))
	maxV := 0
	for _, s := range series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	const left, right, top, bottom = 44, 110, 10, 26
	plotW, plotH := float64(width-left-right), float64(height-top-bottom)
	x := func(i int) float64 {
		if len(labels) < 2 {
			return float64(left)
		}
		return float64(left) + plotW*float64(i)/float64(len(labels)-1)
	}
	y := func(v int) float64 {
		if maxV == 0 {
			return float64(top) + plotH
		}
		return float64(top) + plotH*(1-float64(v)/float64(maxV))
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c8ccd2"/>`, left, y(0), float64(left)+plotW, y(0))
	fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" class="num">%d</text>`, left-6, y(maxV)+4, maxV)
	fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" class="num">0</text>`, left-6, y(0)+4)
	if len(labels) > 0 {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="lbl">%s</text>`, x(0), height-6, esc(labels[0]))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="end" class="lbl">%s</text>`, x(len(labels)-1), height-6, esc(labels[len(labels)-1]))
	}
	for si, s := range series {
		var pts []string
		for i, v := range s.Values {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v)))
		}
		fmt.Fprintf(&b, `<polyline class="line" data-key="%s" fill="none" stroke="%s" stroke-width="2" points="%s"><title>%s</title></polyline>`,
			esc(s.Key), s.Stroke, strings.Join(pts, " "), esc(s.Label))
		for i, v := range s.Values {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s, %s: %d</title></circle>`, x(i), y(v), s.Stroke, esc(labels[i]), esc(s.Label), v)
		}
		last := 0
		if n := len(s.Values); n > 0 {
			last = s.Values[n-1]
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="lbl" fill="%s">%s %d</text>`, float64(left)+plotW+8, top+12+16*si, s.Stroke, esc(s.Label), last)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// hbars draws labelled horizontal bars, for lists (gap reasons, countries).
func hbars(class string, segs []barSegment, width int) string {
	maxV := 0
	for _, s := range segs {
		maxV = max(maxV, s.Value)
	}
	rowH := 26
	height := max(rowH*len(segs), rowH)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart %s" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" role="img" aria-label="%s">`, class, width, height, width, esc(class))
	labelW := 170
	plot := float64(width - labelW - 50)
	for i, s := range segs {
		y := i * rowH
		w := 0.0
		if maxV > 0 {
			w = plot * float64(s.Value) / float64(maxV)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" class="lbl">%s</text>`, labelW-8, y+17, esc(truncate(s.Label, 26)))
		fmt.Fprintf(&b, `<rect class="bar" data-key="%s" x="%d" y="%d" width="%.1f" height="18" rx="3" fill="%s"><title>%s: %d</title></rect>`,
			esc(s.Key), labelW, y+4, math.Max(w, 2), s.Fill, esc(s.Label), s.Value)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="num">%d</text>`, float64(labelW)+math.Max(w, 2)+6, y+17, s.Value)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// donut draws a ring split by segments with a big number in the middle.
func donut(class string, segs []barSegment, center, caption string) string {
	total := 0
	for _, s := range segs {
		total += s.Value
	}
	const size, r, stroke = 180.0, 64.0, 26.0
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart %s" viewBox="0 0 %d %d" width="%d" role="img" aria-label="%s">`, class, int(size), int(size), int(size), esc(class))
	cx, cy := size/2, size/2
	circ := 2 * math.Pi * r
	fmt.Fprintf(&b, `<circle cx="%.0f" cy="%.0f" r="%.0f" fill="none" stroke="#e5e8ec" stroke-width="%.0f"/>`, cx, cy, r, stroke)
	off := 0.0
	for _, s := range segs {
		if s.Value == 0 || total == 0 {
			continue
		}
		l := circ * float64(s.Value) / float64(total)
		fmt.Fprintf(&b, `<circle class="arc" data-key="%s" cx="%.0f" cy="%.0f" r="%.0f" fill="none" stroke="%s" stroke-width="%.0f" stroke-dasharray="%.2f %.2f" stroke-dashoffset="%.2f" transform="rotate(-90 %.0f %.0f)"><title>%s: %d</title></circle>`,
			esc(s.Key), cx, cy, r, s.Fill, stroke, l, circ-l, -off, cx, cy, esc(s.Label), s.Value)
		off += l
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle" class="big">%s</text>`, cx, cy+6, esc(center))
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle" class="lbl">%s</text>`, cx, cy+26, esc(caption))
	b.WriteString(`</svg>`)
	return b.String()
}

// heatCell is one cell of the responsibility heatmap.
type heatCell struct {
	Worst  check.Status
	Counts map[check.Status]int
	// Checks, when set, are the checks behind the cell (duty-based cells);
	// clicking the cell filters the findings to them.
	Checks []string
	// Unit names what Counts count ("results" or "duties").
	Unit string
}

// heatmap draws services (rows) by areas (columns), each cell coloured by
// its worst status and labelled with its failures; empty cells are duties
// no check of that service covers.
func heatmap(services []string, models map[string]string, areas []check.Area, cells map[string]map[check.Area]*heatCell) string {
	return heatmapBy("service", services, models, areas, cells)
}

// heatmapBy draws the heatmap with rows of the given kind (service, or
// account for an organization): each cell carries data-KIND and data-area
// for the findings filter.
func heatmapBy(kind string, services []string, models map[string]string, areas []check.Area, cells map[string]map[check.Area]*heatCell) string {
	const labelW, headH, cw, ch = 150, 96, 58, 30
	width := labelW + cw*len(areas) + 60
	height := headH + ch*len(services) + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart chart-heatmap" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" role="img" aria-label="responsibility heatmap">`, width, height, width)
	for j, a := range areas {
		x := labelW + j*cw + cw/2
		fmt.Fprintf(&b, `<text class="lbl col" transform="translate(%d %d) rotate(-40)">%s</text>`, x, headH-8, esc(string(a)))
	}
	for i, svc := range services {
		y := headH + i*ch
		label := svc
		if m := models[svc]; m != "" {
			label += " · " + m
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" class="lbl row">%s</text>`, labelW-8, y+ch/2+5, esc(label))
		for j, a := range areas {
			x := labelW + j*cw
			c := cells[svc][a]
			if c == nil {
				fmt.Fprintf(&b, `<rect class="cell empty" data-%s="%s" data-area="%s" x="%d" y="%d" width="%d" height="%d" rx="3" fill="#f1f3f5"><title>%s / %s: no checks</title></rect>`,
					kind, esc(svc), esc(string(a)), x+1, y+1, cw-2, ch-2, esc(svc), esc(string(a)))
				continue
			}
			var parts []string
			for _, st := range check.Statuses {
				if c.Counts[st] > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", c.Counts[st], st))
				}
			}
			checksAttr := ""
			if len(c.Checks) > 0 {
				checksAttr = fmt.Sprintf(` data-checks="%s"`, esc(strings.Join(c.Checks, " ")))
			}
			fmt.Fprintf(&b, `<rect class="cell" data-%s="%s" data-area="%s" data-status="%s"%s x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s"><title>%s / %s: %s %s</title></rect>`,
				kind, esc(svc), esc(string(a)), c.Worst, checksAttr, x+1, y+1, cw-2, ch-2, statusFill(c.Worst), esc(svc), esc(string(a)), esc(strings.Join(parts, ", ")), esc(c.Unit))
			label := "✓"
			switch c.Worst {
			case check.Fail:
				label = fmt.Sprint(c.Counts[check.Fail])
			case check.Unknown:
				label = "?"
			case check.Waived:
				label = "w"
			case check.Manual:
				label = "m"
			case check.NotApplicable:
				label = "–"
			}
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" class="cellnum">%s</text>`, x+cw/2, y+ch/2+5, label)
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}
