package state_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestNulls: null is refused where an object, a list element, a map value
// or a scalar is required, with the JSON path and position of the value;
// it is accepted where this build's writer can write it (optional pointer
// fields, list fields without omitempty). The file reader and the bytes
// decoder agree.
func TestNulls(t *testing.T) {
	wrap := func(account string) string {
		return `{"schema_version": 1, "account": {"account_id": "123456789012", ` + account + `}}`
	}
	tests := []struct {
		name, account string
		want          string // "" when accepted
	}{
		{"iam null", `"iam": null`, `account.iam: null where an object is required`},
		{"s3 null", `"s3": null`, `account.s3: null where an object is required`},
		{"null bucket", `"s3": {"buckets": [{"arn": "arn:aws:s3:::a", "name": "a"}, null]}`, `account.s3.buckets[1]: null where an object is required`},
		{"buckets null", `"s3": {"buckets": null}`, `account.s3.buckets: null where a list is required`},
		{"users null", `"iam": {"users": null}`, `account.iam.users: null where a list is required`},
		{"name null", `"s3": {"buckets": [{"arn": "arn:aws:s3:::a", "name": null}]}`, `account.s3.buckets[0].name: null where a string is required`},
		{"tag value null", `"s3": {"buckets": [{"arn": "arn:aws:s3:::a", "name": "a", "tags": {"k": null}}]}`, `account.s3.buckets[0].tags.k: null where a string is required`},
		{"bool null", `"s3": {"buckets": [{"arn": "arn:aws:s3:::a", "name": "a", "website": null}]}`, `account.s3.buckets[0].website: null where true or false is required`},
		{"gaps null", `"gaps": null`, `account.gaps: null where a list is required`},
		{"null region", `"regions": [{"name": "eu-west-1", "enabled": true}, null]`, `account.regions[1]: null where an object is required`},
		{"time null", `"collected_at": null`, `account.collected_at: null where a time string is required`},
		{"escaped key", `"s\u0033": null`, `account.s3: null where an object is required`},
		{"null in a string is text", `"name": "null \" n [ { , null"`, ""},
		{"optional organization", `"organization": null`, ""},
		{"optional block public access", `"s3": {"account_public_access_block": null, "buckets": [{"arn": "arn:aws:s3:::a", "name": "a", "public_access_block": null, "policy_is_public": null}]}`, ""},
		{"regions written as null when empty", `"regions": null`, ""},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := wrap(tc.account)
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			_, loadErr := state.LoadSnapshot(path)
			_, decErr := state.DecodeSnapshot(path, []byte(doc))
			for name, err := range map[string]error{"LoadSnapshot": loadErr, "DecodeSnapshot": decErr} {
				if tc.want == "" {
					if err != nil {
						t.Errorf("%s: %v", name, err)
					}
					continue
				}
				var se *state.SnapshotError
				if !errors.As(err, &se) {
					t.Fatalf("%s: error %v is not a *SnapshotError", name, err)
				}
				if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path+":1:") {
					t.Errorf("%s: error %q, want %q at %s:1:COL", name, err, tc.want, path)
				}
			}
		})
	}
	// The column points at the null.
	doc := "{\"schema_version\": 1,\n \"account\": {\"account_id\": \"1\", \"iam\": null}}"
	_, err := state.DecodeSnapshot("f.json", []byte(doc))
	if err == nil || !strings.Contains(err.Error(), "f.json:2:40:") {
		t.Errorf("error %v, want position f.json:2:40", err)
	}
}
