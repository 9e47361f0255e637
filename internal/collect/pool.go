package collect

import (
	"context"
	"sync"
)

// Task is one unit of collection work: a service in a region, or one
// resource of it.
type Task struct {
	// Region is "" for global work.
	Region string
	// Service is the endpoint prefix, as in Operation.Service.
	Service string
	// Resource names the item for per-item work ("" for listings).
	Resource string
	// Run does the work. It must return promptly when ctx ends.
	Run func(ctx context.Context)
	// Skipped is called instead of Run when the collection is cancelled
	// before the task starts, so the task can record what it would have
	// read as cancelled gaps.
	Skipped func()
	// Lane groups tasks that draw on the same token buckets (one action's
	// per-item calls in one region, say). At most LaneLimit tasks of a lane
	// run at once (0: no limit). Without it, thousands of per-item tasks of
	// one slow action (EC2's 20 calls/s) take every worker, each waiting for
	// a token, and the rest of the account waits behind them.
	Lane      string
	LaneLimit int
}

// Pool runs tasks on a bounded number of goroutines. Tasks may submit
// further tasks (per-item work found by a listing); Submit never blocks,
// so a running task never waits for a free worker.
//
// Tasks wait in one stack per lane. A free worker takes the newest task of
// the first lane with room under its limit, in the order next describes:
// listings first, then the slowest lanes, so a lane that is waiting for
// its token bucket starts early and leaves the other workers to other
// lanes.
type Pool struct {
	ctx     context.Context
	workers int
	// live counts the workers started; submitted, the tasks ever queued.
	live, submitted int
	mu              sync.Mutex
	lanes           map[string]*lane
	order           []*lane // lanes with queued tasks, the most recently pushed last
	queued          int
	cond            *sync.Cond
	pending         sync.WaitGroup
	closed          bool
	wg              sync.WaitGroup
	// OnStart and OnDone, when set, are told when each task starts and ends
	// (progress display).
	OnStart, OnDone func(Task)
	// TasksPerWorker, when above 0, starts workers as work arrives instead
	// of all at the first Submit: one for every TasksPerWorker tasks
	// submitted so far, at least MinWorkers, at most the pool's n. Every
	// worker running a call holds a grown stack, a connection and the
	// call's buffers (about 125 KiB with the AWS SDK), so a small account
	// is read by a few dozen workers while a large one, whose listings
	// find thousands of per-item tasks, soon has all n. Set both before
	// the first Submit.
	TasksPerWorker, MinWorkers int
}

type lane struct {
	name    string
	tasks   []Task
	running int
	limit   int
	inOrder bool
}

// NewPool returns a pool of n workers (at least 1) bound to ctx.
func NewPool(ctx context.Context, n int) *Pool {
	if n < 1 {
		n = 1
	}
	p := &Pool{ctx: ctx, workers: n, lanes: map[string]*lane{}}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// Submit queues a task.
func (p *Pool) Submit(t Task) {
	p.pending.Add(1)
	p.mu.Lock()
	l := p.lanes[t.Lane]
	if l == nil {
		l = &lane{name: t.Lane}
		p.lanes[t.Lane] = l
	}
	l.limit = t.LaneLimit
	l.tasks = append(l.tasks, t)
	p.queued++
	// Move the lane to the end of the order: it was pushed to last.
	if l.inOrder {
		for i, x := range p.order {
			if x == l {
				p.order = append(p.order[:i], p.order[i+1:]...)
				break
			}
		}
	}
	p.order = append(p.order, l)
	l.inOrder = true
	p.submitted++
	for want := p.wantWorkers(); p.live < want; p.live++ {
		p.wg.Add(1)
		go p.work()
	}
	p.mu.Unlock()
	p.cond.Signal()
}

// wantWorkers is how many workers the tasks submitted so far call for
// (see TasksPerWorker). p.mu must be held.
func (p *Pool) wantWorkers() int {
	if p.TasksPerWorker <= 0 {
		return p.workers
	}
	want := max(p.MinWorkers, (p.submitted+p.TasksPerWorker-1)/p.TasksPerWorker, 1)
	return min(want, p.workers)
}

// next pops the task to run, or returns nil when no lane with queued tasks
// has room. p.mu must be held.
//
// Unlimited lanes (listings, which find the per-item work) go first, so
// every slow per-item lane starts as early as it can; then the lane with
// the smallest limit, i.e. the slowest token bucket, since the slowest lane
// sets the collection's length and the faster ones fill the workers it
// leaves. Among equals, the lane pushed to last goes first.
func (p *Pool) next() (*lane, *Task) {
	best := -1
	for i := len(p.order) - 1; i >= 0; i-- {
		l := p.order[i]
		if l.limit > 0 && l.running >= l.limit {
			continue
		}
		if best < 0 || rank(l) < rank(p.order[best]) {
			best = i
		}
	}
	if best < 0 {
		return nil, nil
	}
	l := p.order[best]
	t := l.tasks[len(l.tasks)-1]
	l.tasks = l.tasks[:len(l.tasks)-1]
	if len(l.tasks) == 0 {
		p.order = append(p.order[:best], p.order[best+1:]...)
		l.inOrder = false
	}
	l.running++
	p.queued--
	return l, &t
}

// rank orders lanes for next: unlimited first, then by limit.
func rank(l *lane) int {
	if l.limit <= 0 {
		return 0
	}
	return l.limit
}

func (p *Pool) work() {
	defer p.wg.Done()
	for {
		p.mu.Lock()
		var l *lane
		var t *Task
		for {
			if l, t = p.next(); t != nil {
				break
			}
			if p.queued == 0 && p.closed {
				p.mu.Unlock()
				return
			}
			p.cond.Wait()
		}
		p.mu.Unlock()
		p.run(*t)
		p.mu.Lock()
		l.running--
		p.mu.Unlock()
		// A lane just got room: a worker waiting on a full lane may go on.
		p.cond.Broadcast()
		p.pending.Done()
	}
}

func (p *Pool) run(t Task) {
	if p.ctx.Err() != nil {
		if t.Skipped != nil {
			t.Skipped()
		}
		return
	}
	if p.OnStart != nil {
		p.OnStart(t)
	}
	t.Run(p.ctx)
	if p.OnDone != nil {
		p.OnDone(t)
	}
}

// Wait blocks until every submitted task (and every task they submitted)
// has run or been skipped, then stops the workers.
func (p *Pool) Wait() {
	p.pending.Wait()
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.cond.Broadcast()
	p.wg.Wait()
}
