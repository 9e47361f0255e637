package report_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/regions"
	"github.com/shoulder-dev/shoulder/internal/report"
	"github.com/shoulder-dev/shoulder/internal/reportview"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// TestStreamingFormatsByteIdentical: every format that can stream writes,
// fed by engine.Stream while the checks run, exactly the bytes its Write
// gives for the whole report from engine.Run: over the demo under its
// policy (waived, expired and stale waivers, sensitive data), a synthetic
// account, and an account with no results at all.
func TestStreamingFormatsByteIdentical(t *testing.T) {
	d, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := policy.Names{Jurisdiction: func(s string) ([]string, error) { return regions.InJurisdiction(s), nil }}
	pol, err := policy.Parse("demo shoulder.yaml", demo.Policy(), names)
	if err != nil {
		t.Fatal(err)
	}
	all := checks.All()
	one, err := checks.Select([]string{"s3_bucket_versioning"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		a    *state.Account
		p    *policy.Policy
		sel  int // 0 every check, 1 one check over an empty account
	}{
		{"demo", d, pol, 0},
		{"synthetic", synth.Account(synth.Options{Seed: 3, Resources: 2000}), policy.Default(), 0},
		{"no results", &state.Account{AccountID: "111122223333"}, policy.Default(), 1},
	}
	o, err := reportview.Meta("test")
	if err != nil {
		t.Fatal(err)
	}
	streamed := 0
	for _, f := range report.Formats() {
		if f.Stream == nil {
			continue
		}
		streamed++
		for _, tc := range cases {
			sel := all
			if tc.sel == 1 {
				sel = one
			}
			t.Run(f.Name+"/"+tc.name, func(t *testing.T) {
				want := render(t, f, engine.Run(sel, tc.a, tc.p), o)
				var got bytes.Buffer
				if _, err := engine.Stream(sel, tc.a, tc.p, f.Stream(&got, o)); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want) {
					i := 0
					for i < len(want) && i < got.Len() && want[i] == got.Bytes()[i] {
						i++
					}
					t.Fatalf("streamed %d bytes, whole report %d; first difference at byte %d: %q", got.Len(), len(want), i,
						got.Bytes()[i:min(got.Len(), i+80)])
				}
			})
		}
	}
	for _, name := range []string{"json", "csv"} {
		if format(t, name).Stream == nil {
			t.Errorf("%s does not stream", name)
		}
	}
	if streamed == 0 {
		t.Fatal("no format streams")
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n < len(p) {
		return 0, errors.New("no space left on device")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestStreamingWriteError: a write error reaches engine.Stream, which
// stops and returns it.
func TestStreamingWriteError(t *testing.T) {
	a := synth.Account(synth.Options{Seed: 3, Resources: 2000})
	o, err := reportview.Meta("test")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"json", "csv"} {
		f := format(t, name)
		if _, err := engine.Stream(checks.All(), a, policy.Default(), f.Stream(&failingWriter{n: 100_000}, o)); err == nil {
			t.Errorf("%s: a failed write went unnoticed", name)
		}
	}
}
