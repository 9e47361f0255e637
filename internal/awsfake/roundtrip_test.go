package awsfake_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/collect"
	collectaws "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// TestMain keeps the developer's own AWS configuration out of the
// collections: the SDK's default chain would otherwise read ~/.aws.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "awsfake-home")
	if err != nil {
		panic(err)
	}
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "", "AWS_ENDPOINT_URL": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "",
	} {
		os.Setenv(k, v)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// collectOptions are the collector options for a fake serving a, for the
// account's scanned regions, with static credentials.
func collectOptions(r *awsfake.Running, a *state.Account, tune func(*collectaws.Options)) collectaws.Options {
	o := collectaws.Options{
		EndpointURL: r.URL,
		HomeRegion:  "us-east-1",
		Regions:     a.ScannedRegions(),
		LoadOptions: []func(*config.LoadOptions) error{
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDFAKEFAKEFAKE", "fake-secret", "")),
		},
		CallTimeout: 10 * time.Second,
		MaxBackoff:  100 * time.Millisecond,
		Now:         func() time.Time { return a.CollectedAt },
		// The round trip reads everything, details included.
		Details: collect.DetailsAll,
	}
	if tune != nil {
		tune(&o)
	}
	return o
}

// start serves a for one test. Every answer waits a few milliseconds, as
// AWS's do: answering a request before the SDK's transport has finished
// sending it trips an SDK race that drops the connection mid-response
// (aws-sdk-go-v2 issue 2737; the SDK retries it, but each retry is one
// more attempt against a fault's count).
func start(t testing.TB, a *state.Account, o awsfake.Options) *awsfake.Running {
	t.Helper()
	if o.Latency < 3*time.Millisecond {
		o.Latency = 3 * time.Millisecond
	}
	r, err := awsfake.Start(a, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// collectFrom runs the real collectors against the fake.
func collectFrom(t testing.TB, r *awsfake.Running, a *state.Account, tune func(*collectaws.Options)) *collectaws.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := collectaws.Collect(ctx, collectOptions(r, a, tune))
	if err != nil {
		t.Fatalf("collect: %v", err)
	}
	if res.Interrupted {
		t.Fatal("collect: interrupted by the guard deadline")
	}
	return res
}

// normal renders an account as JSON normalised for comparison: lists in a
// canonical order, the fields that say where and when the state was read
// removed, gaps reduced to what the checks read (service, region,
// operation, resource, reason; not AWS's message) and without the
// region_disabled gaps the collector derives from the region list.
func normal(t testing.TB, a *state.Account) map[string]any {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"collected_at", "source", "name"} {
		delete(m, k)
	}
	var gaps []any
	for _, g := range m["gaps"].([]any) {
		gm := g.(map[string]any)
		if gm["reason"] == string(state.ReasonRegionDisabled) {
			continue
		}
		delete(gm, "message")
		gaps = append(gaps, gm)
	}
	m["gaps"] = gaps
	return canon(m).(map[string]any)
}

// canon sorts every list by the JSON of its elements, recursively.
func canon(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = canon(e)
		}
		return x
	case []any:
		if len(x) == 0 {
			return nil
		}
		keys := make([]string, len(x))
		for i := range x {
			x[i] = canon(x[i])
			b, _ := json.Marshal(x[i])
			keys[i] = string(b)
		}
		sort.Sort(byKey{x, keys})
		return x
	}
	return v
}

type byKey struct {
	v []any
	k []string
}

func (b byKey) Len() int           { return len(b.v) }
func (b byKey) Less(i, j int) bool { return b.k[i] < b.k[j] }
func (b byKey) Swap(i, j int) {
	b.v[i], b.v[j] = b.v[j], b.v[i]
	b.k[i], b.k[j] = b.k[j], b.k[i]
}

// diff lists the paths where two normalised values differ.
func diff(path string, want, got any, out *[]string) {
	if len(*out) > 400 {
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: want object, got %s", path, short(got)))
			return
		}
		keys := map[string]bool{}
		for k := range w {
			keys[k] = true
		}
		for k := range g {
			keys[k] = true
		}
		ks := make([]string, 0, len(keys))
		for k := range keys {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			diff(path+"."+k, w[k], g[k], out)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			if !ok {
				*out = append(*out, fmt.Sprintf("%s: want %d items, got %s", path, len(w), short(got)))
				return
			}
			// Say which items are missing and which are extra.
			count := map[string]int{}
			for _, x := range w {
				count[short(x)]++
			}
			for _, x := range g {
				count[short(x)]--
			}
			for k, n := range count {
				switch {
				case n > 0:
					*out = append(*out, fmt.Sprintf("%s: missing %s", path, k))
				case n < 0:
					*out = append(*out, fmt.Sprintf("%s: extra %s", path, k))
				}
			}
			return
		}
		for i := range w {
			diff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], out)
		}
	default:
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(got)
		if string(wb) != string(gb) {
			*out = append(*out, fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got)))
		}
	}
}

func short(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 600 {
		s = s[:600] + "..."
	}
	return s
}

// assertSame fails with the differing paths when the collected state is
// not the served one.
func assertSame(t testing.TB, want, got *state.Account) {
	t.Helper()
	var d []string
	diff("", normal(t, want), normal(t, got), &d)
	if len(d) > 0 {
		t.Errorf("collected state differs from the served one in %d places:\n  %s", len(d), strings.Join(d, "\n  "))
	}
}

// TestRoundTripDemo: collecting the demo account from the fake, through the
// real SDK clients and collectors, gives back the demo account. Its gaps
// are reproduced by faults (AccessDenied for access_denied, a throttling
// storm for throttled).
func TestRoundTripDemo(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := awsfake.Expressible(a)
	r := start(t, want, awsfake.Options{ReproduceGaps: true})
	res := collectFrom(t, r, want, func(o *collectaws.Options) { o.MaxAttempts = 3 })
	assertSame(t, want, res.Account)
	assertNoStrayCalls(t, r)
}

// assertNoStrayCalls: the collectors sent no write, nothing the fake does
// not serve, and nothing unroutable.
func assertNoStrayCalls(t testing.TB, r *awsfake.Running) {
	t.Helper()
	st := r.Stats()
	if len(st.Rejected)+len(st.Unimplemented)+len(st.Unroutable) > 0 {
		t.Errorf("stray calls: rejected %v, unimplemented %v, unroutable %v", st.Rejected, st.Unimplemented, st.Unroutable)
	}
}

// TestRoundTripSynthetic: for random accounts (every state field the
// collectors read gets random values), collecting gives back the account.
func TestRoundTripSynthetic(t *testing.T) {
	seeds := []uint64{1, 2, 3, 4, 5, 6}
	if testing.Short() {
		seeds = seeds[:2]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			a := synth.Account(synth.Options{Seed: seed, Resources: 400})
			want := awsfake.Expressible(a)
			r := start(t, want, awsfake.Options{})
			res := collectFrom(t, r, want, nil)
			assertSame(t, want, res.Account)
			assertNoStrayCalls(t, r)
		})
	}
}

// TestComparisonSeesChanges guards the property tests themselves: the
// normalised comparison must notice a changed value, a lost resource and a
// lost gap.
func TestComparisonSeesChanges(t *testing.T) {
	a := synth.Account(synth.Options{Seed: 9, Resources: 400})
	for name, mutate := range map[string]func(*state.Account){
		"value":    func(b *state.Account) { b.EC2.Instances[0].MetadataHTTPTokens = "changed" },
		"resource": func(b *state.Account) { b.S3.Buckets = b.S3.Buckets[1:] },
		"gap": func(b *state.Account) {
			b.Gaps.Add(state.Gap{Service: "s3", Operation: "ListBuckets", Reason: state.ReasonAccessDenied})
		},
		"nested": func(b *state.Account) { b.IAM.Users[0].AccessKeys = nil; b.IAM.Users[1].Groups = []string{"other"} },
	} {
		b := awsfake.Expressible(a)
		mutate(b)
		var d []string
		diff("", normal(t, awsfake.Expressible(a)), normal(t, b), &d)
		if len(d) == 0 {
			t.Errorf("%s: the comparison saw no difference", name)
		}
	}
}
