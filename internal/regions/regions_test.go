package regions

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		region, country, jurisdiction, partition string
		optIn                                    bool
	}{
		{"eu-central-1", "DE", "EU", "aws", false},
		{"eu-west-2", "GB", "Europe-non-EEA", "aws", false},
		{"eu-central-2", "CH", "Europe-non-EEA", "aws", true},
		{"us-east-1", "US", "US", "aws", false},
		{"me-central-1", "AE", "Middle-East", "aws", true},
		{"cn-north-1", "CN", "CN", "aws-cn", false},
		{"us-gov-west-1", "US", "US", "aws-us-gov", false},
		{"us-iso-east-1", "US", "US", "aws-iso", false},
	}
	for _, tc := range tests {
		t.Run(tc.region, func(t *testing.T) {
			i, ok := Lookup(tc.region)
			if !ok {
				t.Fatalf("%s not found", tc.region)
			}
			if i.Country != tc.country || i.Jurisdiction != tc.jurisdiction || i.Partition != tc.partition || i.OptIn != tc.optIn {
				t.Errorf("Lookup(%s) = %+v", tc.region, i)
			}
		})
	}
	if _, ok := Lookup("xx-nowhere-1"); ok {
		t.Error("unknown region found")
	}
}

func TestTableIsWellFormed(t *testing.T) {
	m, err := parse(regionsCSV)
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`^[a-z]{2,4}(-[a-z]+)+-\d$`)
	iso := regexp.MustCompile(`^[A-Z]{2}$`)
	for r, i := range m {
		if !code.MatchString(r) {
			t.Errorf("%s: not a region code", r)
		}
		if !iso.MatchString(i.Country) {
			t.Errorf("%s: country %q is not ISO alpha-2", r, i.Country)
		}
		if i.Location == "" || i.Jurisdiction == "" || !strings.HasPrefix(i.Partition, "aws") {
			t.Errorf("%s: incomplete row %+v", r, i)
		}
	}
	if len(m) < 35 {
		t.Errorf("only %d regions", len(m))
	}
}

func TestParseRejectsBadTables(t *testing.T) {
	for name, in := range map[string]string{
		"empty":     "",
		"header":    "region,partition,location_name,country_iso2,jurisdiction_group,opt_in\n",
		"short row": "h,h,h,h,h,h\neu-west-1,aws,Ireland\n",
		"duplicate": "h,h,h,h,h,h\neu-west-1,aws,I,IE,EU,no\neu-west-1,aws,I,IE,EU,no\n",
	} {
		if _, err := parse([]byte(in)); err == nil {
			t.Errorf("%s: parse accepted it", name)
		}
	}
}

func TestInJurisdiction(t *testing.T) {
	eu := InJurisdiction("eu")
	for _, want := range []string{"eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2"} {
		if !slices.Contains(eu, want) {
			t.Errorf("EU lacks %s: %v", want, eu)
		}
	}
	for _, not := range []string{"eu-west-2", "eu-central-2", "us-east-1"} {
		if slices.Contains(eu, not) {
			t.Errorf("EU contains %s", not)
		}
	}
	if !slices.IsSorted(eu) {
		t.Error("not sorted")
	}
	if got := InJurisdiction("Atlantis"); len(got) != 0 {
		t.Errorf("unknown jurisdiction gave %v", got)
	}
	js := Jurisdictions()
	if !slices.Contains(js, "EU") || !slices.Contains(js, "US") || !slices.IsSorted(js) {
		t.Errorf("Jurisdictions() = %v", js)
	}
}

func TestAllReturnsCopies(t *testing.T) {
	a := All()
	a[0].Country = "ZZ"
	if All()[0].Country == "ZZ" {
		t.Error("All exposes the shared table")
	}
}

func TestDescribe(t *testing.T) {
	if got := Describe("eu-central-1"); got != "eu-central-1 (Europe (Frankfurt), DE)" {
		t.Errorf("Describe = %q", got)
	}
	if got := Describe("xx-1"); got != "xx-1" {
		t.Errorf("Describe unknown = %q", got)
	}
}

func TestWellFormed(t *testing.T) {
	for name, want := range map[string]bool{
		"eu-west-1": true, "us-gov-east-1": true, "eusc-de-east-1": true, "ap-southeast-7": true, "mx-central-1": true,
		"eu-wset-1": true, // a typo with a region's shape: only the endpoint can tell
		"eu-west":   false, "EU-WEST-1": false, "euwest1": false, "eu_west_1": false, "": false, "eu-west-1 ": false, "-west-1": false,
	} {
		if got := WellFormed(name); got != want {
			t.Errorf("WellFormed(%q) = %v, want %v", name, got, want)
		}
	}
	for _, r := range All() {
		if !WellFormed(r.Region) {
			t.Errorf("table region %s is not well-formed", r.Region)
		}
	}
}
