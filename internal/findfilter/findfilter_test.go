package findfilter

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/frameworks"
	"github.com/shoulder-dev/shoulder/internal/store"
)

func testCatalog() Catalog {
	cs := []check.Check{
		{ID: "s3_a", Area: check.Area("data"), Service: "s3"},
		{ID: "s3_b", Area: check.Area("network"), Service: "s3"},
		{ID: "ec2_c", Area: check.Area("network"), Service: "ec2"},
	}
	fws := []frameworks.Framework{
		{ID: "cis-5.0", Controls: []frameworks.Control{{ID: "1.4", Checks: []string{"s3_a"}}}},
		{ID: "cis-7.0", Controls: []frameworks.Control{{ID: "2.1.1", Checks: []string{"s3_b", "ec2_c"}}}},
		{ID: "fsbp-1.0.0", Controls: []frameworks.Control{{ID: "S3.1", Checks: []string{"s3_a", "s3_b"}}, {ID: "EC2.1"}}},
	}
	ous := map[string]string{"111": "Root/Workloads/Prod", "222": "Root/Workloads/Dev", "333": "Root/Sandbox", "444": ""}
	return Catalog{Checks: cs, Frameworks: fws, OUPaths: func(context.Context) (map[string]string, error) { return ous, nil }}
}

func TestSpecFilter(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		sp   Spec
		want store.FindingFilter
	}{
		{"nothing", Spec{}, store.FindingFilter{}},
		{"statuses canonical, sorted, deduplicated", Spec{Statuses: []string{" FAIL", "gone", "open", "fail", ""}},
			store.FindingFilter{Statuses: []string{"fail", "gone", "open"}}},
		{"severity", Spec{Severities: []string{"High", "critical"}}, store.FindingFilter{Severities: []string{"critical", "high"}}},
		{"service", Spec{Services: []string{"S3"}}, store.FindingFilter{Checks: []string{"s3_a", "s3_b"}, RestrictChecks: true}},
		{"service and area intersect", Spec{Services: []string{"s3"}, Areas: []string{"network"}},
			store.FindingFilter{Checks: []string{"s3_b"}, RestrictChecks: true}},
		{"fsbp without version", Spec{Controls: []string{"fsbp:s3.1"}}, store.FindingFilter{Checks: []string{"s3_a", "s3_b"}, RestrictChecks: true}},
		{"cis with v", Spec{Controls: []string{"cis-v7.0:2.1.1"}}, store.FindingFilter{Checks: []string{"ec2_c", "s3_b"}, RestrictChecks: true}},
		{"two controls OR, then AND a check", Spec{Controls: []string{"cis-5.0:1.4", "cis-7.0:2.1.1"}, Checks: []string{"s3_a"}},
			store.FindingFilter{Checks: []string{"s3_a"}, RestrictChecks: true}},
		{"control without checks selects nothing", Spec{Controls: []string{"fsbp:EC2.1"}}, store.FindingFilter{RestrictChecks: true}},
		{"ou name: its descendants", Spec{OUs: []string{"Workloads"}}, store.FindingFilter{Accounts: []string{"111", "222"}}},
		{"ou path", Spec{OUs: []string{"Root/Workloads/Dev"}}, store.FindingFilter{Accounts: []string{"222"}}},
		{"ou and account AND", Spec{OUs: []string{"Root"}, Accounts: []string{"333", "444"}}, store.FindingFilter{Accounts: []string{"333"}}},
		{"ou with no account selects nothing", Spec{OUs: []string{"Nowhere"}}, store.FindingFilter{Accounts: []string{""}}},
		{"since an age, before a date", Spec{Since: "7d", Before: "2026-12-01"},
			store.FindingFilter{FirstSeenSince: now.AddDate(0, 0, -7), FirstSeenBefore: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}},
		{"sort", Spec{Sort: "Severity"}, store.FindingFilter{Sort: store.SortSeverity}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.sp.Filter(context.Background(), testCatalog(), now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestSpecFilterErrors(t *testing.T) {
	cases := []struct {
		sp    Spec
		field string
		want  string
	}{
		{Spec{Statuses: []string{"broken"}}, "status", "or gone, open"},
		{Spec{Severities: []string{"urgent"}}, "severity", "urgent"},
		{Spec{Areas: []string{"nowhere"}}, "area", "nowhere"},
		{Spec{Services: []string{"lambda"}}, "service", "not a service"},
		{Spec{Checks: []string{"x';DROP"}}, "check", "not a check ID"},
		{Spec{Checks: []string{"no_such"}}, "check", "not a check"},
		{Spec{Controls: []string{"S3.1"}}, "control", "FRAMEWORK:CONTROL"},
		{Spec{Controls: []string{"cis:1.4"}}, "control", "several versions (cis-5.0, cis-7.0)"},
		{Spec{Controls: []string{"nist:AC-1"}}, "control", "unknown framework"},
		{Spec{Controls: []string{"fsbp:S3.99"}}, "control", "has no control"},
		{Spec{Accounts: []string{"' OR 1=1"}}, "account", "not an account ID"},
		{Spec{OUs: []string{"a\nb"}}, "ou", "not an OU"},
		{Spec{Since: "last week"}, "since", "a date such as"},
		{Spec{Before: "2026-13-45"}, "before", "a date such as"},
		{Spec{Since: "-3d"}, "since", "positive"},
		{Spec{Sort: "random"}, "sort", "not a sort order"},
	}
	for _, c := range cases {
		_, err := c.sp.Filter(context.Background(), testCatalog(), time.Now())
		var fe *Error
		if !errors.As(err, &fe) || fe.Field != c.field || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want a %s error with %q", c.sp, err, c.field, c.want)
		}
	}
}
