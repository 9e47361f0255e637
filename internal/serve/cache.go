package serve

import "sync"

// maxTotals bounds the cached counts of one generation.
const maxTotals = 4096

// cache keeps what the store's current generation answered: the overview
// and the count of each filter. Any recorded or pruned scan starts a new
// generation and empties it. One overview is built at a time, so a crowd
// of requests after a scan costs one build.
type cache struct {
	mu     sync.Mutex
	gen    string
	view   *overviewView
	totals map[string]int64
	build  sync.Mutex
}

// at switches to generation gen, dropping the older one's answers; mu held.
func (c *cache) at(gen string) {
	if c.gen != gen {
		c.gen, c.view, c.totals = gen, nil, nil
	}
}

func (c *cache) overview(gen string, build func() (*overviewView, error)) (*overviewView, error) {
	get := func() *overviewView {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.at(gen)
		return c.view
	}
	if v := get(); v != nil {
		return v, nil
	}
	c.build.Lock()
	defer c.build.Unlock()
	if v := get(); v != nil {
		return v, nil
	}
	v, err := build()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.view = v
	}
	return v, nil
}

func (c *cache) total(gen, key string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at(gen)
	n, ok := c.totals[key]
	return n, ok
}

func (c *cache) setTotal(gen, key string, n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at(gen)
	if c.totals == nil || len(c.totals) >= maxTotals {
		c.totals = map[string]int64{}
	}
	c.totals[key] = n
}
