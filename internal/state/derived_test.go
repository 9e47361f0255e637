package state

import (
	"sync"
	"testing"
)

type testKey struct{ doc string }

func TestDerive(t *testing.T) {
	orig := &Account{AccountID: "111122223333"}
	tests := []struct {
		name      string
		a         *Account
		wantBuilt int // builds for 3 calls x 2 keys x 4 goroutines
	}{
		{"evaluation copy builds each key once", orig.ForEvaluation(), 2},
		{"plain account builds every time", orig, 3 * 2 * 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			built := 0
			var wg sync.WaitGroup
			for g := 0; g < 4; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < 3; i++ {
						for _, doc := range []string{"a", "b"} {
							got := Derive(tc.a, testKey{doc}, func() string {
								mu.Lock()
								built++
								mu.Unlock()
								return doc + "!"
							})
							if got != doc+"!" {
								t.Errorf("Derive(%q) = %q", doc, got)
							}
						}
					}
				}()
			}
			wg.Wait()
			if built != tc.wantBuilt {
				t.Errorf("built %d times, want %d", built, tc.wantBuilt)
			}
		})
	}
	if orig.derived != nil {
		t.Error("ForEvaluation changed the original account")
	}
	if c := orig.ForEvaluation(); c == orig || c.AccountID != orig.AccountID {
		t.Errorf("ForEvaluation = %p %q, want a copy of %p", c, c.AccountID, orig)
	}
}
