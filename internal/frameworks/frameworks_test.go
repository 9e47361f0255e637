package frameworks

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
)

func loadAll(t *testing.T) []Framework {
	t.Helper()
	fws, err := All()
	if err != nil {
		t.Fatal(err)
	}
	return fws
}

func TestAllLoads(t *testing.T) {
	want := map[string]int{"cis-3.0": 62, "cis-5.0": 63, "cis-7.0": 70, "fsbp-1.0.0": 336}
	fws := loadAll(t)
	if len(fws) != len(want) {
		t.Fatalf("loaded %d frameworks, want %d", len(fws), len(want))
	}
	for _, fw := range fws {
		if n, ok := want[fw.ID]; !ok || len(fw.Controls) != n {
			t.Errorf("%s: %d controls, want %d", fw.ID, len(fw.Controls), n)
		}
	}
}

// TestCheckIDsExist: every check a control names is a registered check.
func TestCheckIDsExist(t *testing.T) {
	by := checks.ByID()
	for _, fw := range loadAll(t) {
		for _, c := range fw.Controls {
			for _, id := range c.Checks {
				if _, ok := by[id]; !ok {
					t.Errorf("%s %s names unknown check %q", fw.ID, c.ID, id)
				}
			}
		}
	}
}

// TestAutomatedCISControlsEvidenced: every control CIS marks automated is
// evidenced by at least one check. It lists every uncovered control.
func TestAutomatedCISControlsEvidenced(t *testing.T) {
	by := checks.ByID()
	known := func(id string) bool { _, ok := by[id]; return ok }
	for _, fw := range loadAll(t) {
		if !strings.HasPrefix(fw.ID, "cis-") {
			continue
		}
		cv := CoverageOf(&fw, known)
		if len(cv.Uncovered) > 0 {
			var titles []string
			for _, c := range fw.Controls {
				for _, u := range cv.Uncovered {
					if c.ID == u {
						titles = append(titles, fmt.Sprintf("%s (%s)", c.ID, c.Title))
					}
				}
			}
			t.Errorf("%s: %d automated control(s) have no check:\n  %s", fw.ID, len(cv.Uncovered), strings.Join(titles, "\n  "))
		}
	}
}

// TestGuidanceShape: guidance is short, and never stands in for checks on
// an automated control.
func TestGuidanceShape(t *testing.T) {
	for _, fw := range loadAll(t) {
		for _, c := range fw.Controls {
			if len(c.Guidance) > 300 {
				t.Errorf("%s %s: guidance should be short (%d characters)", fw.ID, c.ID, len(c.Guidance))
			}
			if c.Automated && c.Guidance != "" && len(c.Checks) == 0 {
				t.Errorf("%s %s: an automated control needs checks, not only guidance", fw.ID, c.ID)
			}
		}
	}
}

// TestManualCISControlsHaveGuidance: every control CIS marks Manual tells a
// human what to verify. It lists every control still without guidance.
func TestManualCISControlsHaveGuidance(t *testing.T) {
	for _, fw := range loadAll(t) {
		if !strings.HasPrefix(fw.ID, "cis-") {
			continue
		}
		var missing []string
		for _, c := range fw.Controls {
			if !c.Automated && strings.TrimSpace(c.Guidance) == "" {
				missing = append(missing, fmt.Sprintf("%s (%s)", c.ID, c.Title))
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: %d manual control(s) without guidance:\n  %s", fw.ID, len(missing), strings.Join(missing, "\n  "))
		}
	}
}

func TestParseErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown field":   "id: x\nname: X\ncontrols:\n  - id: \"1\"\n    titel: t\n",
		"duplicate":       "id: x\nname: X\ncontrols:\n  - id: \"1\"\n  - id: \"1\"\n",
		"no id":           "id: x\nname: X\ncontrols:\n  - title: t\n",
		"duplicate check": "id: x\nname: X\ncontrols:\n  - id: \"1\"\n    checks: [a_b, a_b]\n",
		"no name":         "id: x\ncontrols: []\n",
		"not yaml":        "id: [\n",
	} {
		if _, err := Parse("t.yaml", []byte(doc)); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.Contains(err.Error(), "t.yaml") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
	fw, err := Parse("ok.yaml", []byte("id: x\nname: X\nversion: \"1\"\ncontrols:\n  - id: \"1\"\n    automated: true\n    checks: [a_b]\n    guidance: look\n"))
	if err != nil || len(fw.Controls) != 1 || fw.Controls[0].Checks[0] != "a_b" || fw.Controls[0].Guidance != "look" {
		t.Errorf("Parse ok = %+v, %v", fw, err)
	}
}

func TestFind(t *testing.T) {
	fws := loadAll(t)
	if fw, err := Find(fws, "CIS-5.0"); err != nil || fw.ID != "cis-5.0" {
		t.Errorf("Find(CIS-5.0) = %v, %v", fw, err)
	}
	if _, err := Find(fws, "cis-9"); err == nil || !strings.Contains(err.Error(), "fsbp-1.0.0") {
		t.Errorf("Find(cis-9) error = %v, want one listing the known IDs", err)
	}
}

func TestReverse(t *testing.T) {
	fws := []Framework{
		{ID: "a", Controls: []Control{{ID: "1", Checks: []string{"x_y", "x_z"}}, {ID: "2", Checks: []string{"x_y"}}}},
		{ID: "b", Controls: []Control{{ID: "9", Checks: []string{"x_y"}}}},
	}
	got := Reverse(fws)
	if fmt.Sprint(got["x_y"]) != "[a:1 a:2 b:9]" || fmt.Sprint(got["x_z"]) != "[a:1]" || len(got) != 2 {
		t.Errorf("Reverse = %v", got)
	}
	// The real data: root MFA evidences a control in every CIS version and FSBP's IAM.9 is absent (not in FSBP).
	refs := Reverse(loadAll(t))["iam_root_mfa_enabled"]
	var s []string
	for _, r := range refs {
		s = append(s, r.String())
	}
	sort.Strings(s)
	if strings.Join(s, " ") != "cis-3.0:1.5 cis-5.0:1.4 cis-7.0:2.5" {
		t.Errorf("iam_root_mfa_enabled evidences %v", s)
	}
	if ids := fws[0].CheckIDs(); fmt.Sprint(ids) != "[x_y x_z]" {
		t.Errorf("CheckIDs = %v", ids)
	}
}

func TestCoverageOf(t *testing.T) {
	fw := &Framework{ID: "t", Controls: []Control{
		{ID: "1", Automated: true, Checks: []string{"a_b"}},
		{ID: "2", Automated: true, Checks: []string{"gone_check"}},
		{ID: "3", Automated: true},
		{ID: "4", Checks: []string{"a_b"}},
		{ID: "5", Guidance: "look"},
	}}
	cv := CoverageOf(fw, func(id string) bool { return id == "a_b" })
	if cv.Controls != 5 || cv.Automated != 3 || cv.Evidenced != 1 || cv.ManualWithCheck != 1 || fmt.Sprint(cv.Uncovered) != "[2 3]" {
		t.Errorf("coverage = %+v", cv)
	}
	if cv.Percent < 33.3 || cv.Percent > 33.4 {
		t.Errorf("percent = %v", cv.Percent)
	}
}

func finding(id string, st check.Status) engine.Finding {
	return engine.Finding{Result: check.Result{CheckID: id, Status: st, Resource: "arn:x"}}
}

func TestAssess(t *testing.T) {
	fw := &Framework{ID: "t", Controls: []Control{
		{ID: "fail", Automated: true, Checks: []string{"c_pass", "c_fail"}},
		{ID: "unknown", Automated: true, Checks: []string{"c_pass", "c_unknown"}},
		{ID: "pass", Automated: true, Checks: []string{"c_pass", "c_na"}},
		{ID: "na", Automated: true, Checks: []string{"c_na"}},
		{ID: "quiet", Automated: true, Checks: []string{"c_noresults"}},
		{ID: "manual", Guidance: "look"},
		{ID: "uncovered", Automated: true},
		{ID: "notrun", Automated: true, Checks: []string{"c_filtered"}},
		{ID: "partly", Automated: true, Checks: []string{"c_pass", "c_filtered"}},
		{ID: "waived", Automated: true, Checks: []string{"c_waived", "c_pass"}},
		{ID: "manualcheck", Checks: []string{"c_manual", "c_pass"}},
	}}
	findings := []engine.Finding{
		finding("c_pass", check.Pass), finding("c_pass", check.Pass), finding("c_pass", check.NotApplicable),
		finding("c_fail", check.Pass), finding("c_fail", check.Fail),
		finding("c_unknown", check.Unknown), finding("c_unknown", check.Pass),
		finding("c_na", check.NotApplicable),
		finding("c_waived", check.Waived), finding("c_waived", check.Pass),
		finding("c_manual", check.Manual),
	}
	ran := map[string]bool{"c_pass": true, "c_fail": true, "c_unknown": true, "c_na": true, "c_noresults": true, "c_waived": true, "c_manual": true}
	as := Assess(fw, findings, ran)
	want := map[string]check.Status{
		"fail": check.Fail, "unknown": check.Unknown, "pass": check.Pass, "na": check.NotApplicable, "quiet": check.NotApplicable,
		"manual": check.Manual, "uncovered": check.Unknown, "notrun": check.Unknown, "partly": check.Pass, "waived": check.Waived, "manualcheck": check.Manual,
	}
	for _, cr := range as.Controls {
		if cr.Status != want[cr.ID] {
			t.Errorf("control %s: %s (%s), want %s", cr.ID, cr.Status, cr.Reason, want[cr.ID])
		}
		if cr.Reason == "" {
			t.Errorf("control %s: no reason", cr.ID)
		}
	}
	byID := map[string]ControlResult{}
	for _, cr := range as.Controls {
		byID[cr.ID] = cr
	}
	if r := byID["partly"].Reason; !strings.Contains(r, "1 check(s) not run") {
		t.Errorf("partly reason = %q", r)
	}
	if tl := byID["fail"].Checks[1]; tl.CheckID != "c_fail" || tl.Status != check.Fail || tl.Resources[check.Pass] != 1 || tl.Resources[check.Fail] != 1 {
		t.Errorf("fail tally = %+v", tl)
	}
	if byID["manual"].Guidance != "look" {
		t.Error("guidance not carried")
	}
	if as.Summary[check.Unknown] != 3 || as.Summary[check.Fail] != 1 || as.Summary[check.NotApplicable] != 2 {
		t.Errorf("summary = %v", as.Summary)
	}
	if st := as.Statuses(); st[0] != check.Fail || st[len(st)-1] != check.NotApplicable {
		t.Errorf("statuses order = %v", st)
	}
}
