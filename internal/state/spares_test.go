package state

import "testing"

func TestSpares(t *testing.T) {
	tests := []struct {
		name    string
		kept    []int // capacities put back, in order
		max     int
		get     int
		wantCap int // capacity of the slice Get returns
	}{
		{"nothing kept: new", nil, 4, 5, 5},
		{"smallest that fits", []int{100, 10, 50}, 4, 20, 50},
		{"exact fit", []int{100, 20}, 4, 20, 20},
		{"none fits: new", []int{10, 20}, 4, 30, 30},
		{"full: the smaller one dropped", []int{10, 20, 50}, 2, 15, 20},
		{"full: a smaller one not kept", []int{50, 20, 10}, 2, 15, 20},
	}
	// A Get that nothing fits leaves what is kept for later ones.
	s := NewSpares[int](4)
	s.Put(make([]int, 50))
	if got := s.Get(60); cap(got) != 60 {
		t.Errorf("Get(60) with 50 kept: cap %d, want a new 60", cap(got))
	}
	if got := s.Get(40); cap(got) != 50 {
		t.Errorf("Get(40) after: cap %d, want the kept 50", cap(got))
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSpares[*int](tc.max)
			v := 1
			for _, c := range tc.kept {
				x := make([]*int, c)
				x[0] = &v
				s.Put(x)
			}
			got := s.Get(tc.get)
			if len(got) != tc.get || cap(got) != tc.wantCap {
				t.Errorf("Get(%d) = len %d cap %d, want len %d cap %d", tc.get, len(got), cap(got), tc.get, tc.wantCap)
			}
			for i, p := range got[:cap(got)] {
				if p != nil {
					t.Fatalf("element %d not cleared", i)
				}
			}
		})
	}
	var none *Spares[int]
	if got := none.Get(3); len(got) != 3 {
		t.Errorf("nil Spares Get(3) = %d elements", len(got))
	}
	none.Put(make([]int, 3)) // must not panic
}
