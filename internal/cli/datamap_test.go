package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestGoldenDatamapJSON(t *testing.T) {
	code, out, stderr := run(t, "datamap", "--demo", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "datamap-demo.json", []byte(out))
}

type datamapDoc struct {
	SchemaVersion int    `json:"schema_version"`
	Kind          string `json:"kind"`
	Stores        []struct {
		Kind           string `json:"kind"`
		Name           string `json:"name"`
		Region         string `json:"region"`
		Country        string `json:"country"`
		Jurisdiction   string `json:"jurisdiction"`
		Allowed        *bool  `json:"allowed"`
		Classification string `json:"classification"`
		Encryption     struct {
			Custody string `json:"custody"`
		} `json:"encryption"`
		Exposure struct {
			Level      string `json:"level"`
			SharedWith []struct {
				Account string `json:"account"`
				Trusted bool   `json:"trusted"`
			} `json:"shared_with"`
		} `json:"exposure"`
		Backup struct {
			State string `json:"state"`
		} `json:"backup"`
		Copies []struct {
			Kind   string `json:"kind"`
			Region string `json:"region"`
		} `json:"copies"`
	} `json:"stores"`
	Summary struct {
		Stores int `json:"stores"`
	} `json:"summary"`
}

func datamapJSON(t *testing.T, args ...string) datamapDoc {
	t.Helper()
	code, out, stderr := run(t, append([]string{"datamap", "--demo", "--format", "json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	var doc datamapDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Summary.Stores != len(doc.Stores) {
		t.Errorf("%v: summary counts %d of %d stores", args, doc.Summary.Stores, len(doc.Stores))
	}
	return doc
}

// TestDatamapDemo: the demo's map shows what the data questions need:
// every store kind, countries and jurisdictions, stores outside the EU
// policy, public and untrusted sharing, copies elsewhere, custody levels.
func TestDatamapDemo(t *testing.T) {
	doc := datamapJSON(t)
	if doc.SchemaVersion != 1 || doc.Kind != "data-map" || len(doc.Stores) < 100 {
		t.Fatalf("header %d %q, %d stores", doc.SchemaVersion, doc.Kind, len(doc.Stores))
	}
	kinds, exposures, custodies, countries := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	outside, untrusted, copies := 0, 0, 0
	for _, s := range doc.Stores {
		kinds[s.Kind] = true
		exposures[s.Exposure.Level] = true
		custodies[s.Encryption.Custody] = true
		countries[s.Country] = true
		if s.Allowed != nil && !*s.Allowed {
			outside++
		}
		for _, sh := range s.Exposure.SharedWith {
			if !sh.Trusted {
				untrusted++
			}
		}
		copies += len(s.Copies)
		if s.Region == "" || s.Jurisdiction == "" || s.Backup.State == "" {
			t.Errorf("%s %s: incomplete row", s.Kind, s.Name)
		}
	}
	for _, k := range []string{"bucket", "volume", "snapshot", "db-instance", "db-cluster", "db-snapshot", "cluster", "workspace"} {
		if !kinds[k] {
			t.Errorf("no %s in the demo's data map", k)
		}
	}
	for _, e := range []string{"public", "shared", "private", "unknown"} {
		if !exposures[e] {
			t.Errorf("no %s store in the demo's data map", e)
		}
	}
	for _, c := range []string{"none", "aws_owned", "aws_managed", "customer_managed"} {
		if !custodies[c] {
			t.Errorf("no store with custody %s", c)
		}
	}
	for _, c := range []string{"DE", "IE", "US", "AE"} {
		if !countries[c] {
			t.Errorf("no store in %s", c)
		}
	}
	if outside == 0 || untrusted == 0 || copies == 0 {
		t.Errorf("outside allowed %d, untrusted shares %d, copies %d: the demo should show each", outside, untrusted, copies)
	}
}

func TestDatamapFiltersAndSort(t *testing.T) {
	all := len(datamapJSON(t).Stores)
	for _, tc := range []struct {
		args  []string
		check func(kind, region, jur, custody, exposure, class string) bool
	}{
		{[]string{"--region", "US"}, func(_, _, jur, _, _, _ string) bool { return jur == "US" }},
		{[]string{"--region", "eu-west-1", "--region", "AE"}, func(_, r, _, _, _, _ string) bool { return r == "eu-west-1" || r == "me-central-1" }},
		{[]string{"--exposure", "public"}, func(_, _, _, _, e, _ string) bool { return e == "public" }},
		{[]string{"--custody", "<customer_managed"}, func(_, _, _, c, _, _ string) bool { return c == "none" || c == "aws_owned" || c == "aws_managed" }},
		{[]string{"--custody", "=aws_owned"}, func(_, _, _, c, _, _ string) bool { return c == "aws_owned" }},
		{[]string{"--class", "pii"}, func(_, _, _, _, _, cl string) bool { return cl == "pii" }},
		{[]string{"--class", "untagged"}, func(_, _, _, _, _, cl string) bool { return cl == "" }},
	} {
		doc := datamapJSON(t, tc.args...)
		if len(doc.Stores) == 0 || len(doc.Stores) >= all {
			t.Errorf("%v: %d of %d stores", tc.args, len(doc.Stores), all)
		}
		for _, s := range doc.Stores {
			if !tc.check(s.Kind, s.Region, s.Jurisdiction, s.Encryption.Custody, s.Exposure.Level, s.Classification) {
				t.Errorf("%v: %s %s does not match", tc.args, s.Kind, s.Name)
			}
		}
	}
	doc := datamapJSON(t, "--sort", "exposure")
	if doc.Stores[0].Exposure.Level != "public" || doc.Stores[len(doc.Stores)-1].Exposure.Level != "private" {
		t.Errorf("--sort exposure: first %s, last %s", doc.Stores[0].Exposure.Level, doc.Stores[len(doc.Stores)-1].Exposure.Level)
	}
	doc = datamapJSON(t, "--sort", "custody")
	if first := doc.Stores[0].Encryption.Custody; first != "unknown" && first != "none" {
		t.Errorf("--sort custody: first %s", first)
	}
}

func TestDatamapTableAndErrors(t *testing.T) {
	code, out, stderr := run(t, "datamap", "--demo")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"shoulder datamap: account 210987654321", "STORE", "CUSTODY", "EXPOSURE", "COPIES ELSEWHERE",
		"alpenglow-customer-exports", "777788889999 untrusted", "us-east-1 !", "Summary", "outside the allowed regions"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--sort", "size"}, `--sort: "size" is not one of`},
		{[]string{"--exposure", "open"}, `--exposure: "open"`},
		{[]string{"--custody", "hsm"}, `--custody: unknown custody level "hsm"`},
		{[]string{"--region", "Atlantis"}, `--region: "Atlantis" is not a region`},
		{[]string{"--format", "csv"}, `"csv" is not table or json`},
	} {
		code, _, stderr := run(t, append([]string{"datamap", "--demo"}, tc.args...)...)
		if code != ExitError || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}
