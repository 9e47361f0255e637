package reportview

import (
	"reflect"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/policy"
)

func TestDataMapViewExposure(t *testing.T) {
	m := &datamap.Map{Stores: []datamap.Store{
		{ARN: "a", Exposure: datamap.Exposure{Level: datamap.Public}},
		{ARN: "b", Exposure: datamap.Exposure{Level: datamap.Shared, SharedWith: []datamap.Share{{Account: "1", Trusted: true}}}},
		{ARN: "c", Exposure: datamap.Exposure{Level: datamap.Shared, SharedWith: []datamap.Share{{Account: "1", Trusted: true}, {Account: "2"}}}},
		{ARN: "d", Exposure: datamap.Exposure{Level: datamap.Private}, Copies: []datamap.Copy{{Kind: datamap.CopyReplication, Where: datamap.Where{Region: "us-east-1"}, Account: "2"}, {Kind: datamap.CopyKeyReplica}}},
	}}
	v := dataMapView(m)
	var got []string
	for _, s := range v.Stores {
		got = append(got, s.Exposure)
	}
	if want := []string{"public", "shared_trusted", "shared_untrusted", "private"}; !reflect.DeepEqual(got, want) {
		t.Errorf("exposures %v, want %v", got, want)
	}
	if want := []string{"replication to us-east-1 (account 2)", "key-replica to another region"}; !reflect.DeepEqual(v.Stores[3].Copies, want) {
		t.Errorf("copies %v, want %v", v.Stores[3].Copies, want)
	}
}

func TestFrameworkViewCounts(t *testing.T) {
	as := frameworks.Assessment{Framework: "cis-5.0", Name: "CIS", Version: "5.0.0", Controls: []frameworks.ControlResult{
		{ID: "1.4", Status: check.Fail, Reason: "1 of 2 check(s) fail", Checks: []frameworks.CheckTally{
			{CheckID: "a", Ran: true, Resources: map[check.Status]int{check.Fail: 2, check.Pass: 1}},
			{CheckID: "b", Ran: true, Resources: map[check.Status]int{check.Pass: 3}},
		}},
		{ID: "1.1", Status: check.Manual, Guidance: "ask", Reason: "no API decides this control"},
	}}
	fw := frameworkView(as)
	c := fw.Controls[0]
	if !reflect.DeepEqual(c.Checks, []string{"a", "b"}) || c.Counts[check.Fail] != 2 || c.Counts[check.Pass] != 4 || c.Reason == "" {
		t.Errorf("control %+v", c)
	}
	if fw.Controls[1].Guidance != "ask" || fw.Controls[1].Status != check.Manual {
		t.Errorf("manual control %+v", fw.Controls[1])
	}
}

// TestOptionsOnTheDemo fills every view from the demo account.
func TestOptionsOnTheDemo(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	all := checks.All()
	pol := policy.Default()
	r := engine.Run(all, a, pol)
	o, err := Options("v", all, a, r, pol)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Checks) != len(all) || len(o.Frameworks) < 4 || o.Responsibility == nil || len(o.Responsibility.Services) == 0 || o.DataMap == nil || len(o.DataMap.Stores) == 0 {
		t.Fatalf("incomplete options: %d checks, %d frameworks, matrix %v, data map %v", len(o.Checks), len(o.Frameworks), o.Responsibility != nil, o.DataMap != nil)
	}
	if len(o.Controls["iam_root_mfa_enabled"]) == 0 {
		t.Error("iam_root_mfa_enabled evidences no control")
	}
	duties := 0
	for _, s := range o.Responsibility.Services {
		for _, d := range s.Duties {
			duties++
			if d.Status == "" || d.Area == "" {
				t.Errorf("%s duty %q lacks status or area", s.Service, d.Name)
			}
		}
	}
	if duties == 0 {
		t.Error("no duties")
	}
}
