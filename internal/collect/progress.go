package collect

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// Progress counts, per region and service, the tasks running and done and
// the throttled attempts. It is safe for concurrent use; a nil *Progress
// ignores every call, so collectors need not check.
type Progress struct {
	mu    sync.Mutex
	units map[[2]string]*unit
	start time.Time
}

type unit struct{ running, done, total, throttled int }

// NewProgress returns an empty tracker.
func NewProgress() *Progress { return &Progress{units: map[[2]string]*unit{}, start: time.Now()} }

func (p *Progress) get(region, service string) *unit {
	if region == "" {
		region = "global"
	}
	k := [2]string{region, service}
	u, ok := p.units[k]
	if !ok {
		u = &unit{}
		p.units[k] = u
	}
	return u
}

// Queued records a submitted task.
func (p *Progress) Queued(region, service string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.get(region, service).total++
	p.mu.Unlock()
}

// Started records a task that began.
func (p *Progress) Started(region, service string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.get(region, service).running++
	p.mu.Unlock()
}

// Finished records a task that ended (ran or was skipped).
func (p *Progress) Finished(region, service string, ran bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	u := p.get(region, service)
	if ran {
		u.running--
	}
	u.done++
	p.mu.Unlock()
}

// Throttled records an attempt AWS throttled.
func (p *Progress) Throttled(region, service string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.get(region, service).throttled++
	p.mu.Unlock()
}

// Render writes one line per region: each service with its state
// (running, done, throttled). The output is plain text; the TTY display
// redraws it in place.
func (p *Progress) Render() string {
	if p == nil {
		return ""
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	byRegion := map[string][]string{}
	var regions []string
	keys := make([][2]string, 0, len(p.units))
	for k := range p.units {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	done, total := 0, 0
	for _, k := range keys {
		u := p.units[k]
		done += u.done
		total += u.total
		var st string
		switch {
		case u.done >= u.total:
			st = "done"
		case u.running > 0:
			st = fmt.Sprintf("running %d/%d", u.done, u.total)
		default:
			st = fmt.Sprintf("queued %d/%d", u.done, u.total)
		}
		if u.throttled > 0 {
			st += fmt.Sprintf(" throttled×%d", u.throttled)
		}
		if _, ok := byRegion[k[0]]; !ok {
			regions = append(regions, k[0])
		}
		byRegion[k[0]] = append(byRegion[k[0]], k[1]+" "+st)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "collecting: %d/%d tasks, %s\n", done, total, time.Since(p.start).Round(time.Second))
	for _, r := range regions {
		fmt.Fprintf(&b, "  %-15s %s\n", r, strings.Join(byRegion[r], " · "))
	}
	return b.String()
}

// Display redraws Render on a terminal every interval until Stop. It uses
// only the cursor-up and erase-line escapes, which every terminal knows.
type Display struct {
	p     *Progress
	w     io.Writer
	stop  chan struct{}
	done  chan struct{}
	lines int
}

// StartDisplay begins redrawing p on w (a terminal) every interval.
func StartDisplay(p *Progress, w io.Writer, interval time.Duration) *Display {
	d := &Display{p: p, w: w, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(d.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				d.draw()
			case <-d.stop:
				d.draw()
				return
			}
		}
	}()
	return d
}

func (d *Display) draw() {
	s := d.p.Render()
	var b strings.Builder
	for i := 0; i < d.lines; i++ {
		b.WriteString("\x1b[1A\x1b[2K")
	}
	b.WriteString(s)
	d.lines = strings.Count(s, "\n")
	io.WriteString(d.w, b.String())
}

// Stop draws the final state and stops redrawing.
func (d *Display) Stop() {
	close(d.stop)
	<-d.done
}
