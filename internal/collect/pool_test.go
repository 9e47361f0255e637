package collect

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestPoolLaneLimit: a lane never runs more tasks at once than its limit,
// and while it is full the other workers run other lanes' tasks.
func TestPoolLaneLimit(t *testing.T) {
	p := NewPool(context.Background(), 8)
	var slowRunning, slowMax atomic.Int32
	var fastDone atomic.Int32
	release := make(chan struct{})
	var once sync.Once
	for i := 0; i < 50; i++ {
		p.Submit(Task{Lane: "slow", LaneLimit: 2, Run: func(context.Context) {
			n := slowRunning.Add(1)
			for {
				m := slowMax.Load()
				if n <= m || slowMax.CompareAndSwap(m, n) {
					break
				}
			}
			<-release // the slow lane waits until the fast work is done
			slowRunning.Add(-1)
		}})
	}
	for i := 0; i < 100; i++ {
		p.Submit(Task{Run: func(context.Context) {
			if fastDone.Add(1) == 100 {
				once.Do(func() { close(release) })
			}
		}})
	}
	done := make(chan struct{})
	go func() { p.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the pool deadlocked: the fast tasks could not run beside the full slow lane")
	}
	if got := slowMax.Load(); got > 2 {
		t.Errorf("the slow lane ran %d tasks at once, limit 2", got)
	}
	if fastDone.Load() != 100 {
		t.Errorf("%d fast tasks ran, want 100", fastDone.Load())
	}
}

// TestPoolLIFO: without lanes the newest task runs first, so per-item work
// a listing submits runs before the next listing.
func TestPoolLIFO(t *testing.T) {
	p := NewPool(context.Background(), 1)
	var order []int
	var mu sync.Mutex
	gate := make(chan struct{})
	p.Submit(Task{Run: func(context.Context) { <-gate }})
	for i := 0; i < 3; i++ {
		p.Submit(Task{Run: func(context.Context) { mu.Lock(); order = append(order, i); mu.Unlock() }})
	}
	close(gate)
	p.Wait()
	if len(order) != 3 || order[0] != 2 || order[2] != 0 {
		t.Errorf("order %v, want [2 1 0]", order)
	}
}

// TestPoolGrowsWithWork: with TasksPerWorker set, workers start as tasks
// are submitted (one per TasksPerWorker, at least MinWorkers, at most n),
// and every task still runs.
func TestPoolGrowsWithWork(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		n, perWorker, min, tasks int
		wantWorkers              int
	}{
		{"all at once without TasksPerWorker", 8, 0, 0, 3, 8},
		{"the minimum for little work", 64, 10, 4, 12, 4},
		{"one per TasksPerWorker tasks", 64, 10, 4, 95, 10},
		{"never above n", 8, 2, 1, 100, 8},
		{"at least one", 8, 5, 0, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPool(context.Background(), tc.n)
			p.TasksPerWorker, p.MinWorkers = tc.perWorker, tc.min
			var ran atomic.Int32
			hold := make(chan struct{})
			for i := 0; i < tc.tasks; i++ {
				p.Submit(Task{Run: func(context.Context) { <-hold; ran.Add(1) }})
			}
			p.mu.Lock()
			live := p.live
			p.mu.Unlock()
			close(hold)
			p.Wait()
			if live != tc.wantWorkers {
				t.Errorf("%d workers started for %d tasks, want %d", live, tc.tasks, tc.wantWorkers)
			}
			if int(ran.Load()) != tc.tasks {
				t.Errorf("%d of %d tasks ran", ran.Load(), tc.tasks)
			}
		})
	}
}
