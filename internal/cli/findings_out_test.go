package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/shoulder-dev/shoulder/internal/store"
	"github.com/shoulder-dev/shoulder/internal/textsafe"
)

// awkward are strings the JSON and table writers must treat as
// encoding/json and text/tabwriter did: HTML, quotes, control characters,
// invalid UTF-8, line and paragraph separators, wide and combining runes.
var awkward = []string{"", "plain", "<script>alert(1)</script>", `a "quoted" \ path`, "tab\there", "new\nline\r\n",
	"\b\f\x00\x1f\x7f", "bad \xff\xfe utf8", "sep \u2028 \u2029", "é ü 日本語 🙂", "e\u0301", "&amp; <b>", "\u00a0nbsp",
	"arn:aws:s3:::bucket-" + strings.Repeat("x", 60)}

func randString(rng *rand.Rand) string {
	var b strings.Builder
	for i := rng.IntN(4); i >= 0; i-- {
		b.WriteString(awkward[rng.IntN(len(awkward))])
	}
	return b.String()
}

func randTime(rng *rand.Rand) time.Time {
	return time.UnixMilli(rng.Int64N(4_000_000_000_000)).UTC()
}

func randFinding(rng *rand.Rand) store.FindingRow {
	r := store.FindingRow{
		Key: store.Key{Check: []string{"s3_bucket_public", "iam_root_mfa_enabled", "x"}[rng.IntN(3)], Account: randString(rng),
			Region: randString(rng), Resource: randString(rng)},
		State: store.State{Present: rng.IntN(2) == 0, Status: []string{"fail", "pass", "unknown", "waived"}[rng.IntN(4)],
			Severity: []string{"critical", "low", ""}[rng.IntN(3)]},
		Message: randString(rng), FirstSeen: randTime(rng), LastSeen: randTime(rng), Reopened: rng.Int64N(5),
	}
	if rng.IntN(2) == 0 {
		r.FailingSince = randTime(rng)
	}
	if rng.IntN(2) == 0 {
		r.Resolved = randTime(rng)
	}
	return r
}

// referenceJSON is a finding as json.MarshalIndent wrote it before the
// hand-written encoder.
func referenceJSON(r store.FindingRow) ([]byte, error) {
	return json.MarshalIndent(findingJSON{CheckID: r.Check, AccountID: r.Account, Region: r.Region, Resource: r.Resource,
		Present: r.Present, Status: status(r), Severity: r.Severity, Message: r.Message, FirstSeen: r.FirstSeen,
		LastSeen: r.LastSeen, FailingSince: timeOrNil(r.FailingSince), Resolved: timeOrNil(r.Resolved), Reopened: r.Reopened}, "    ", "  ")
}

// TestFindingJSONAgrees: the hand-written row encoder writes the bytes
// encoding/json writes, on random findings full of escapes, and fails
// where it fails (a year past 9999).
func TestFindingJSONAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	for i := 0; i < 5000; i++ {
		r := randFinding(rng)
		want, err := referenceJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendFindingJSON(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("finding %d:\n got %s\nwant %s", i, got, want)
		}
	}
	for _, s := range awkward {
		want, _ := json.Marshal(s)
		if got := textsafe.AppendJSON(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
	r := randFinding(rng)
	r.LastSeen = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := referenceJSON(r); err == nil {
		t.Fatal("encoding/json took year 10000")
	}
	if _, err := appendFindingJSON(nil, r); err == nil {
		t.Error("year 10000: no error")
	}
}

// randomStore records random findings (some gone by a second scan) with
// awkward accounts, regions, resources and messages.
func randomStore(t *testing.T, n int) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rng := rand.New(rand.NewPCG(15, 13))
	sc := &store.Scan{Accounts: []string{"111122223333"}, RecordedAt: time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)}
	seen := map[store.Key]bool{}
	for len(sc.Results) < n {
		f := randFinding(rng)
		f.Account = []string{"111122223333", "444455556666", "acct <é>\t"}[rng.IntN(3)]
		if seen[f.Key] {
			continue
		}
		seen[f.Key] = true
		f.Present = true
		sc.Results = append(sc.Results, store.Result{Key: f.Key, State: f.State, Message: f.Message})
	}
	for _, a := range []string{"444455556666", "acct <é>\t"} {
		sc.Accounts = append(sc.Accounts, a)
	}
	if _, err := st.Record(ctx, sc); err != nil {
		t.Fatal(err)
	}
	sc.Results = sc.Results[:n/2]
	sc.RecordedAt = sc.RecordedAt.Add(36 * time.Hour)
	if _, err := st.Record(ctx, sc); err != nil {
		t.Fatal(err)
	}
	return st
}

// referenceTable is the table as text/tabwriter wrote it before the
// two-pass writer.
func referenceTable(ctx context.Context, s *store.Store, f store.FindingFilter) (string, error) {
	var out bytes.Buffer
	tw := tabwriter.NewWriter(&out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tSEVERITY\tCHECK\tACCOUNT\tREGION\tFIRST SEEN\tRESOLVED\tRESOURCE")
	n := 0
	err := s.EachFinding(ctx, f, func(r store.FindingRow) error {
		n++
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", status(r), r.Severity, r.Check, textsafe.Terminal(r.Account),
			textsafe.Terminal(r.Region), dateOf(r.FirstSeen), dateOf(r.Resolved), textsafe.Terminal(r.Resource))
		return err
	})
	fmt.Fprintf(tw, "%d findings\n", n)
	tw.Flush()
	return out.String(), err
}

// referenceDocument is the JSON output as one json.Encoder with two-space
// indent writes {"findings": [...], "total": n}.
func referenceDocument(ctx context.Context, s *store.Store, f store.FindingFilter) (string, error) {
	doc := struct {
		Findings []findingJSON `json:"findings"`
		Total    int           `json:"total"`
	}{Findings: []findingJSON{}}
	err := s.EachFinding(ctx, f, func(r store.FindingRow) error {
		doc.Findings = append(doc.Findings, findingJSON{CheckID: r.Check, AccountID: r.Account, Region: r.Region, Resource: r.Resource,
			Present: r.Present, Status: status(r), Severity: r.Severity, Message: r.Message, FirstSeen: r.FirstSeen,
			LastSeen: r.LastSeen, FailingSince: timeOrNil(r.FailingSince), Resolved: timeOrNil(r.Resolved), Reopened: r.Reopened})
		return nil
	})
	doc.Total = len(doc.Findings)
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return "", err
	}
	return out.String(), err
}

// TestFindingsWritersAgree: the streaming table and JSON writers write
// byte for byte what text/tabwriter and encoding/json wrote, over a store
// of random findings, for every finding, a page, one account and none.
func TestFindingsWritersAgree(t *testing.T) {
	ctx := context.Background()
	st := randomStore(t, 400)
	for _, tc := range []struct {
		name string
		f    store.FindingFilter
	}{
		{"all", store.FindingFilter{}},
		{"limit", store.FindingFilter{Limit: 7, Sort: "severity"}},
		{"offset", store.FindingFilter{Offset: 150, Sort: "first_seen"}},
		{"page", store.FindingFilter{Limit: 40, Offset: 20, Sort: "check"}},
		{"one account", store.FindingFilter{Accounts: []string{"acct <é>\t"}}},
		{"none", store.FindingFilter{Accounts: []string{"999999999999"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for format, ref := range map[string]func(context.Context, *store.Store, store.FindingFilter) (string, error){
				"table": referenceTable, "json": referenceDocument} {
				want, err := ref(ctx, st, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				var got bytes.Buffer
				if err := writeFindings(ctx, &got, format, st, tc.f); err != nil {
					t.Fatal(err)
				}
				if got.String() != want {
					t.Errorf("%s differs:\n got %.600q\nwant %.600q", format, got.String(), want)
				}
			}
		})
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestFindingsTableSpillRemoved: the table's spill file is made in the
// directory given and is gone when the table is written, when writing it
// fails and when the query is cancelled; a directory where it cannot be
// made is an error that says so.
func TestFindingsTableSpillRemoved(t *testing.T) {
	st := randomStore(t, 300)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name    string
		ctx     context.Context
		w       io.Writer
		wantErr error
	}{
		{"written", context.Background(), io.Discard, nil},
		{"write fails", context.Background(), &failingWriter{n: 5000}, errDiskFull},
		{"write fails at once", context.Background(), &failingWriter{}, errDiskFull},
		{"cancelled", cancelled, io.Discard, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			bw := bufio.NewWriterSize(tc.w, 512)
			err := writeFindingsTable(tc.ctx, bw, st, store.FindingFilter{}, dir)
			if err == nil {
				err = bw.Flush()
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("error %v, want %v", err, tc.wantErr)
			}
			left, rerr := os.ReadDir(dir)
			if rerr != nil {
				t.Fatal(rerr)
			}
			for _, e := range left {
				t.Errorf("left behind: %s", e.Name())
			}
		})
	}
	bw := bufio.NewWriter(io.Discard)
	err := writeFindingsTable(context.Background(), bw, st, store.FindingFilter{}, filepath.Join(t.TempDir(), "missing"))
	if err == nil || !strings.Contains(err.Error(), "temporary file for the table") {
		t.Errorf("no directory for the spill file: %v", err)
	}
}

// TestTableSpillRoundTrip: rows come back from the spill file as they
// went in, in order, whatever their cells hold (empty, NUL, newlines,
// invalid UTF-8, lengths past one uvarint byte).
func TestTableSpillRoundTrip(t *testing.T) {
	sp, err := newTableSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.remove()
	rng := rand.New(rand.NewPCG(8, 8))
	var rows [][8]string
	for i := 0; i < 2000; i++ {
		var cells [8]string
		for j := range cells {
			cells[j] = randString(rng) + strings.Repeat("\x00", rng.IntN(3)) + strings.Repeat("r", rng.IntN(300))
		}
		rows = append(rows, cells)
		if err := sp.add(&cells); err != nil {
			t.Fatal(err)
		}
	}
	i := 0
	if err := sp.replay(func(cells *[8]string) error {
		if i >= len(rows) || *cells != rows[i] {
			t.Fatalf("row %d differs", i)
		}
		i++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if i != len(rows) {
		t.Errorf("%d rows back, want %d", i, len(rows))
	}
}
