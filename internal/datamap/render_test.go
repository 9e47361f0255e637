package datamap

import (
	"bytes"
	"strings"
	"testing"
)

// TestTableKeepsOutsideMarker: without colour, " !" is the only sign that a
// store or a copy is outside the allowed regions; shortening a long region
// name or a long copy list must not cut it off.
func TestTableKeepsOutsideMarker(t *testing.T) {
	no, yes := false, true
	long := "ap-southeast-5" // 14 runes: with " !" over the REGION column's cap
	var copies []Copy
	for _, r := range []string{"eu-central-1", "eu-west-1", "eu-north-1", "eu-south-2", "eu-west-3"} {
		copies = append(copies, Copy{Kind: "replica", Where: Where{Region: r, Allowed: &yes}})
	}
	copies = append(copies, Copy{Kind: "replica", Where: Where{Region: long, Allowed: &no}})
	m := &Map{AccountID: "111122223333", AllowedRegions: []string{"eu-central-1"}, Stores: []Store{
		{Service: "s3", Kind: "bucket", Name: "far-away", Where: Where{Region: long, Allowed: &no}},
		{Service: "s3", Kind: "bucket", Name: "home", Where: Where{Region: "eu-central-1", Allowed: &yes}, Copies: copies},
	}}
	for _, width := range []int{200, 100} {
		var b bytes.Buffer
		if err := Table(&b, m, TableOptions{Width: width}); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"far-away", "home"} {
			line := ""
			for _, l := range strings.Split(b.String(), "\n") {
				if strings.Contains(l, " "+name+" ") {
					line = l
				}
			}
			if line == "" {
				t.Fatalf("width %d: no row for %s in\n%s", width, name, b.String())
			}
			if !strings.Contains(line, "!") {
				t.Errorf("width %d: %s's row lost the outside-the-allowed-regions marker: %q", width, name, line)
			}
			if strings.Contains(line, "\x1b[") {
				t.Errorf("width %d: colour without --color: %q", width, line)
			}
		}
	}
}
