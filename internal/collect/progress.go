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

// Render writes a header and one short line per region: how many of its
// services are done, which are running, and which AWS throttled. Lines
// stay under 100 columns so the TTY display can redraw them in place.
func (p *Progress) Render() string {
	if p == nil {
		return ""
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	type region struct {
		services, done int
		running        []string
		throttled      []string
	}
	byRegion := map[string]*region{}
	var names []string
	tasksDone, tasks := 0, 0
	for k, u := range p.units {
		tasksDone += u.done
		tasks += u.total
		r, ok := byRegion[k[0]]
		if !ok {
			r = &region{}
			byRegion[k[0]] = r
			names = append(names, k[0])
		}
		r.services++
		switch {
		case u.done >= u.total:
			r.done++
		case u.running > 0:
			r.running = append(r.running, k[1])
		}
		if u.throttled > 0 {
			r.throttled = append(r.throttled, fmt.Sprintf("%s×%d", k[1], u.throttled))
		}
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "collecting: %d/%d tasks, %s\n", tasksDone, tasks, time.Since(p.start).Round(time.Second))
	for _, n := range names {
		r := byRegion[n]
		sort.Strings(r.running)
		sort.Strings(r.throttled)
		line := fmt.Sprintf("  %-15s %2d/%-2d services done", n, r.done, r.services)
		if len(r.running) > 0 {
			line += ", running: " + strings.Join(r.running, " ")
		}
		if len(r.throttled) > 0 {
			line += ", throttled: " + strings.Join(r.throttled, " ")
		}
		if len(line) > 99 {
			line = line[:96] + "..."
		}
		b.WriteString(line + "\n")
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
