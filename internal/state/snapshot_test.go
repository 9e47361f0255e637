package state_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestRoundTrip: state -> file -> state is lossless, byte for byte and
// field for field.
func TestRoundTrip(t *testing.T) {
	a := builder.Build()
	path := filepath.Join(t.TempDir(), "snap.json")
	if err := state.SaveSnapshot(path, a, "test"); err != nil {
		t.Fatal(err)
	}
	b, err := state.LoadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Gaps.All(), b.Gaps.All()) {
		t.Fatal("gaps differ after round trip")
	}
	var x, y bytes.Buffer
	if err := state.WriteSnapshot(&x, a, "test"); err != nil {
		t.Fatal(err)
	}
	if err := state.WriteSnapshot(&y, b, "test"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Fatal("re-encoded snapshot differs from the original")
	}
	// Field for field: compare with gaps cleared (their index is unexported).
	a.Gaps, b.Gaps = state.Gaps{}, state.Gaps{}
	if !reflect.DeepEqual(normalise(t, a), normalise(t, b)) {
		t.Fatal("account differs after round trip")
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// A snapshot holds every policy of the account: its owner's only.
	if st.Mode().Perm() != state.SnapshotPerm {
		t.Errorf("snapshot mode = %v, want %o", st.Mode().Perm(), state.SnapshotPerm)
	}
}

// normalise decodes the account into generic JSON values so that time
// locations and nil-vs-empty maps cannot hide or fake a difference.
func normalise(t *testing.T, a *state.Account) any {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestBadSnapshots(t *testing.T) {
	good := func() string {
		var buf bytes.Buffer
		if err := state.WriteSnapshot(&buf, builder.Build(), "test"); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}()
	tests := []struct {
		name, content string
		want          []string
	}{
		{"empty", "", []string{"file is empty"}},
		{"not json", "hello", []string{"invalid JSON", ":1:"}},
		{"truncated", good[:len(good)/2], []string{"truncated"}},
		{"no schema", `{"account":{"account_id":"1"}}`, []string{"no schema_version"}},
		{"newer schema", `{"schema_version": 99, "account":{}}`, []string{"schema_version 99 is newer", "upgrade shoulder"}},
		{"zero schema", `{"schema_version": 0, "account":{}}`, []string{"schema_version 0 is not a known version"}},
		{"string schema", `{"schema_version": "1"}`, []string{"schema_version must be an integer"}},
		{"wrong type", "{\"schema_version\": 1,\n \"account\": {\"account_id\": 42}}", []string{"field account.account_id", "expected string", ":2:"}},
		{"wrong nested type", `{"schema_version": 1, "account": {"account_id": "1", "s3": {"buckets": [{"name": true}]}}}`, []string{"account.s3.buckets.name"}},
		{"unknown field", `{"schema_version": 1, "account": {"account_id": "1", "acount_alias": "x"}}`, []string{`unknown field "acount_alias"`}},
		{"no account", `{"schema_version": 1}`, []string{"no account object"}},
		{"empty account id", `{"schema_version": 1, "account": {}}`, []string{"account_id is empty"}},
		{"bad gap", `{"schema_version": 1, "account": {"account_id": "1", "gaps": [{"service": "s3"}]}}`, []string{"gap 0"}},
		{"trailing data", `{"schema_version": 1, "account": {"account_id": "1"}} {}`, []string{"extra data"}},
		{"trailing bracket", `{"schema_version": 1, "account": {"account_id": "1"}}` + "\n]", []string{":2:"}},
		{"newer schema, decodable account", `{"schema_version": 2, "account": {"account_id": "1"}}`, []string{"schema_version 2 is newer"}},
		{"null schema", `{"schema_version": null, "account": {"account_id": "1"}}`, []string{"schema_version 0 is not a known version"}},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := state.LoadSnapshot(path)
			if err == nil {
				t.Fatal("no error")
			}
			var se *state.SnapshotError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SnapshotError: %v", err, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, path) {
				t.Errorf("error %q does not name the file", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		_, err := state.LoadSnapshot(filepath.Join(dir, "nope.json"))
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestGapsFind(t *testing.T) {
	g := state.NewGaps(
		state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketPolicy", Resource: "arn:aws:s3:::a", Reason: state.ReasonAccessDenied},
		state.Gap{Service: "ec2", Region: "us-east-1", Operation: "*", Reason: state.ReasonRegionDisabled},
		state.Gap{Service: "iam", Operation: "GetAccountSummary", Reason: state.ReasonThrottled},
	)
	tests := []struct {
		service, region, op, arn string
		want                     bool
	}{
		{"s3", "eu-west-1", "GetBucketPolicy", "arn:aws:s3:::a", true},
		{"s3", "eu-west-1", "GetBucketPolicy", "arn:aws:s3:::b", false},
		{"s3", "eu-west-1", "GetBucketAcl", "arn:aws:s3:::a", false},
		{"ec2", "us-east-1", "DescribeInstances", "", true},
		{"ec2", "us-east-1", "DescribeVolumes", "arn:aws:ec2:us-east-1:1:volume/v", true},
		{"ec2", "eu-west-1", "DescribeInstances", "", false},
		{"iam", "", "GetAccountSummary", "", true},
	}
	for _, tc := range tests {
		if _, got := g.Find(tc.service, tc.region, tc.op, tc.arn); got != tc.want {
			t.Errorf("Find(%s,%s,%s,%s) = %v, want %v", tc.service, tc.region, tc.op, tc.arn, got, tc.want)
		}
	}
	// A later gap for the same key replaces the earlier one.
	g.Add(state.Gap{Service: "iam", Operation: "GetAccountSummary", Reason: state.ReasonAccessDenied})
	if x, _ := g.Find("iam", "", "GetAccountSummary", ""); x.Reason != state.ReasonAccessDenied || g.Len() != 3 {
		t.Errorf("replacement failed: %+v, len %d", x, g.Len())
	}
}

// TestLoadSnapshotMatchesDecode: reading a valid snapshot from its file (the
// streaming path) gives the same account as decoding its bytes, trailing
// whitespace included.
func TestLoadSnapshotMatchesDecode(t *testing.T) {
	var buf bytes.Buffer
	if err := state.WriteSnapshot(&buf, builder.Build(), "test"); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("\n \t\r\n")
	path := filepath.Join(t.TempDir(), "snap.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	loaded, err := state.LoadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := state.DecodeSnapshot(path, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loaded.Gaps.All(), decoded.Gaps.All()) {
		t.Fatal("gaps differ")
	}
	loaded.Gaps, decoded.Gaps = state.Gaps{}, state.Gaps{}
	if !reflect.DeepEqual(normalise(t, loaded), normalise(t, decoded)) {
		t.Fatal("LoadSnapshot and DecodeSnapshot disagree")
	}
}
