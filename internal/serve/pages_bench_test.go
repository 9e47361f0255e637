package serve_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/serve"
)

// BenchmarkNewPagesCold times each page added for the history, frameworks,
// waivers and account views on the load test's store (200 accounts x 500
// results, 5 daily scans: 1000 scans, 100,000 lifecycles; the year with
// SHOULDER_LOAD_DAYS and SHOULDER_LOAD_STORE as BenchmarkServeLoad), once
// cold (the first request of a store generation, which builds and caches
// the answer) and once warm, in ms.
//
//	go test ./internal/serve -run '^$' -bench NewPagesCold -benchtime 1x
func BenchmarkNewPagesCold(b *testing.B) {
	st := benchStore(b)
	day := time.Now().UTC().AddDate(0, 0, -3).Format(time.DateOnly)
	pages := []struct{ name, path string }{
		{"overview", "/"},
		{"account", "/accounts/200000000117"},
		{"data", "/accounts/200000000117/data"},
		{"frameworks-org", "/frameworks?framework=cis-5.0"},
		{"frameworks-org-date", "/frameworks?framework=cis-5.0&at=" + day},
		{"frameworks-account-date", "/frameworks?framework=fsbp-1.0.0&account=200000000042&at=" + day},
		{"waivers", "/waivers"},
	}
	for i := 0; i < b.N; i++ {
		s, err := serve.New(st, "bench", func(f string, a ...any) { b.Errorf(f, a...) })
		if err != nil {
			b.Fatal(err)
		}
		ts := httptest.NewServer(s.Handler())
		for _, p := range pages {
			for _, kind := range []string{"cold", "warm"} {
				start := time.Now()
				res, err := http.Get(ts.URL + p.path)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("%s: %d", p.path, res.StatusCode)
				}
				b.ReportMetric(float64(time.Since(start).Microseconds())/1000, p.name+"-"+kind+"-ms")
			}
		}
		ts.Close()
	}
}
