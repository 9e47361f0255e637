package serve_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/serve"
)

// TestWarm: the overview built before the server starts is the one its
// first request gets; a store that cannot answer fails the start.
func TestWarm(t *testing.T) {
	st := filled(t, filepath.Join(t.TempDir(), "shoulder.db"))
	s, err := serve.New(st, "test", t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	code, _, body := get(t, ts, "/")
	if code != http.StatusOK || !strings.Contains(body, `id="heatmap"`) || !strings.Contains(body, `href="/accounts/210987654321"`) {
		t.Errorf("overview after Warm: %d %.200s", code, body)
	}
	st.Close()
	if err := s.Warm(context.Background()); err == nil {
		t.Error("Warm on a closed store: no error")
	}
}
