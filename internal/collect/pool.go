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
}

// Pool runs tasks on a bounded number of goroutines. Tasks may submit
// further tasks (per-item work found by a listing); Submit never blocks,
// so a running task never waits for a free worker.
type Pool struct {
	ctx     context.Context
	workers int
	mu      sync.Mutex
	queue   []Task
	cond    *sync.Cond
	pending sync.WaitGroup
	started bool
	closed  bool
	wg      sync.WaitGroup
	// OnStart and OnDone, when set, are told when each task starts and ends
	// (progress display).
	OnStart, OnDone func(Task)
}

// NewPool returns a pool of n workers (at least 1) bound to ctx.
func NewPool(ctx context.Context, n int) *Pool {
	if n < 1 {
		n = 1
	}
	p := &Pool{ctx: ctx, workers: n}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// Submit queues a task.
func (p *Pool) Submit(t Task) {
	p.pending.Add(1)
	p.mu.Lock()
	p.queue = append(p.queue, t)
	if !p.started {
		p.started = true
		for i := 0; i < p.workers; i++ {
			p.wg.Add(1)
			go p.work()
		}
	}
	p.mu.Unlock()
	p.cond.Signal()
}

func (p *Pool) work() {
	defer p.wg.Done()
	for {
		p.mu.Lock()
		for len(p.queue) == 0 && !p.closed {
			p.cond.Wait()
		}
		if len(p.queue) == 0 && p.closed {
			p.mu.Unlock()
			return
		}
		// LIFO: per-item work submitted by a listing runs before the next
		// listing, which keeps the queue (and memory) short on big accounts.
		t := p.queue[len(p.queue)-1]
		p.queue = p.queue[:len(p.queue)-1]
		p.mu.Unlock()
		p.run(t)
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
