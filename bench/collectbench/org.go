package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// orgRun is one organization size's measurement.
type orgRun struct {
	accounts, resources int
	wall                time.Duration
	rssKB               int64
	calls, plan         int
	orgCalls            int
	throttled           int
	read                map[string]int
}

// orgMgmt is the synthetic organization's management account.
const orgMgmt = "100000000000"

// measureOrg serves an organization of n accounts (the management account
// and n-1 members in three OUs), each a small synthetic account of
// resources resources in two regions with AWS's per-account quotas, and
// runs `shoulder scan --org` with the management account's key.
func measureOrg(n, resources int, latency time.Duration, bin, tmp string, timeout time.Duration, extra []string) (orgRun, error) {
	regions := []string{"eu-west-1", "us-east-1"}
	o := awsfake.OrgOptions{RootID: "r-bench", Units: []state.OrgUnit{
		{ID: "ou-bench-prod0000", Name: "Prod", ParentID: "r-bench"},
		{ID: "ou-bench-devv0000", Name: "Dev", ParentID: "r-bench"},
		{ID: "ou-bench-team0000", Name: "Team", ParentID: "ou-bench-prod0000"},
	}}
	parents := []string{"ou-bench-prod0000", "ou-bench-devv0000", "ou-bench-team0000"}
	plan := 0
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("%012d", 100000000000+i)
		a, err := synth.ForAccount(synth.Options{Seed: uint64(i + 1), Regions: regions, Resources: resources}, id)
		if err != nil {
			return orgRun{}, err
		}
		a.Gaps = state.Gaps{}
		a = awsfake.Expressible(a)
		for k, v := range minimalPlan(a) {
			if i > 0 && orgWideActions[k] {
				continue // read once, by the management account
			}
			plan += v
		}
		m := awsfake.OrgMember{Account: a, Name: "acct-" + strconv.Itoa(i), Parent: parents[i%len(parents)],
			Options: awsfake.Options{Latency: latency, Limits: quotas()}}
		if i == 0 {
			m.Parent = ""
			o.Management = m
			continue
		}
		plan++ // the AssumeRole into the member role
		o.Members = append(o.Members, m)
	}
	srv, err := awsfake.StartOrg(o)
	if err != nil {
		return orgRun{}, err
	}
	defer srv.Close()
	home := filepath.Join(tmp, "home")
	out := filepath.Join(tmp, fmt.Sprintf("org-%d", n))
	if err := os.MkdirAll(home, 0o755); err != nil {
		return orgRun{}, fmt.Errorf("home: %w", err)
	}
	args := append([]string{"scan", "--org", "--regions", strings.Join(regions, ","), "--format", "json", "-o", out,
		"--fail-on", "none", "--quiet"}, extra...)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"AWS_ENDPOINT_URL=" + srv.URL,
		"AWS_ACCESS_KEY_ID=" + awsfake.AccessKey(orgMgmt), "AWS_SECRET_ACCESS_KEY=collectbench-secret", "AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
	}
	cmd.Env = append(cmd.Env, childEnv...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	t0 := time.Now()
	peak, _, err := runPeak(cmd, nil)
	r := orgRun{accounts: n, resources: resources, wall: time.Since(t0), plan: plan, read: map[string]int{}, rssKB: peak}
	if cmd.ProcessState == nil {
		return r, fmt.Errorf("running shoulder: %w", err)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		return r, fmt.Errorf("shoulder exited %d: %s", code, tail(stderr.String(), 2000))
	}
	calls := srv.Calls()
	for k, v := range calls {
		r.calls += v
		if strings.HasPrefix(k, "organizations:List") && k != "organizations:ListPolicies" {
			r.orgCalls += v
		}
	}
	for _, id := range srv.Accounts() {
		for _, v := range srv.Server(id).Stats().Throttled {
			r.throttled += v
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "accounts.json"))
	if err != nil {
		return r, fmt.Errorf("accounts.json: %w", err)
	}
	var af struct {
		Accounts []struct {
			Read string `json:"read"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal(b, &af); err != nil {
		return r, fmt.Errorf("accounts.json: %w", err)
	}
	for _, a := range af.Accounts {
		r.read[a.Read]++
	}
	return r, nil
}

// renderOrg is the Markdown section of organization runs.
func renderOrg(runs []orgRun, latency time.Duration, extra []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Organization scan against the fake endpoint (bench/collectbench -org, %s)\n\n", time.Now().UTC().Format("2006-01-02"))
	var sizes []string
	for _, r := range runs {
		sizes = append(sizes, strconv.Itoa(r.accounts))
	}
	fmt.Fprintf(&b, "```sh\ngo run ./bench/collectbench -org %s -org-resources %d%s\n```\n\n", strings.Join(sizes, ","), runs[0].resources, extraFlag(extra))
	fmt.Fprintf(&b, "A fake organization (awsfake.StartOrg: management account + members in three OUs, one nested), each account a\n")
	fmt.Fprintf(&b, "synthetic account of about %d resources in two regions with %s per call and AWS's per-account quotas;\n", runs[0].resources, latency)
	fmt.Fprintf(&b, "`shoulder scan --org --format json -o DIR` as a child process. Calls per account exclude the tree listing\n")
	fmt.Fprintf(&b, "(read once); the plan per account is the single-account minimal plan plus the AssumeRole, for members without the organization-wide reads (policies, delegated administrators, trusted services, IAM organization features), which the management account makes once for all. Machine: %d cores.\n\n", runtime.NumCPU())
	b.WriteString("| accounts | wall | peak RSS | calls | calls per account | plan per account | calls/plan | tree calls | throttled | read full/partial/none |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range runs {
		per := float64(r.calls-r.orgCalls) / float64(r.accounts)
		planPer := float64(r.plan) / float64(r.accounts)
		fmt.Fprintf(&b, "| %d | %.1f s | %.0f MiB | %d | %.1f | %.1f | %.3f | %d | %d | %d/%d/%d |\n", r.accounts, r.wall.Seconds(),
			float64(r.rssKB)/1024, r.calls, per, planPer, per/planPer, r.orgCalls, r.throttled, r.read["full"], r.read["partial"], r.read["none"])
	}
	return b.String()
}

// orgWideActions are the organization-wide reads an organization run makes
// once, from the management account, and applies to every member (whose
// own reads of them are skipped): not in a member's plan.
var orgWideActions = map[string]bool{
	"organizations:ListPolicies": true, "organizations:DescribePolicy": true, "organizations:ListTargetsForPolicy": true,
	"organizations:ListDelegatedAdministrators": true, "organizations:ListDelegatedServicesForAccount": true,
	"organizations:ListAWSServiceAccessForOrganization": true, "iam:ListOrganizationsFeatures": true,
}
