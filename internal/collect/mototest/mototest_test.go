package mototest

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestAnnouncedURL(t *testing.T) {
	cases := []struct {
		name, stderr, want string
		wantErr            bool
	}{
		{"werkzeug banner", "WARNING: This is a development server.\n * Running on http://127.0.0.1:44465\nPress CTRL+C to quit\n", "http://127.0.0.1:44465", false},
		{"exits before listening", "OSError: [Errno 98] Address already in use\n", "", true},
		{"another host is not taken", " * Running on http://0.0.0.0:5000\n", "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := announcedURL(strings.NewReader(c.stderr), 5*time.Second)
			if (err != nil) != c.wantErr || got != c.want {
				t.Fatalf("announcedURL = %q, %v; want %q (error %v)", got, err, c.want, c.wantErr)
			}
		})
	}
}

func TestAnnouncedURLTimesOut(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	if _, err := announcedURL(r, 50*time.Millisecond); err == nil || !strings.Contains(err.Error(), "did not say") {
		t.Fatalf("want a timeout error, got %v", err)
	}
}

// Two servers started at once get two ports of their own: the old way
// (choose a free port, then hand it to moto) could give both the same one.
func TestTwoServersListenApart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts moto twice")
	}
	type res struct {
		s   *Server
		err error
	}
	ch := make(chan res, 2)
	for i := 0; i < 2; i++ {
		go func() { s, err := Start(); ch <- res{s, err} }()
	}
	var urls []string
	for i := 0; i < 2; i++ {
		r := <-ch
		if r.err != nil {
			if Required() {
				t.Fatalf("moto: %v", r.err)
			}
			t.Skipf("moto unavailable: %v", r.err)
		}
		defer r.s.Stop()
		urls = append(urls, r.s.URL)
	}
	if urls[0] == urls[1] {
		t.Fatalf("both servers on %s", urls[0])
	}
}
