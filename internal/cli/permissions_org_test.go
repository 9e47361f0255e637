package cli

import (
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/collect"
	awscollect "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/memberrole"
)

// TestPermissionsOrg: --org prints the same policy as permissions, and
// the templates memberrole renders for the flags given.
func TestPermissionsOrg(t *testing.T) {
	policy, err := collect.PolicyJSON()
	if err != nil {
		t.Fatal(err)
	}
	o := memberrole.Options{RoleName: "Audit", ScannerAccount: "111122223333", ExternalID: "x-1", SessionName: awscollect.MemberSessionName}
	cfn, err := memberrole.StackSetTemplate(o)
	if err != nil {
		t.Fatal(err)
	}
	tf, err := memberrole.Terraform(o)
	if err != nil {
		t.Fatal(err)
	}
	flags := []string{"permissions", "--org", "--member-role", "Audit", "--scanner-account", "111122223333", "--external-id", "x-1"}
	for format, want := range map[string]string{"policy": string(policy), "cloudformation": string(cfn), "terraform": string(tf)} {
		code, out, stderr := run(t, append(flags, "--format", format)...)
		if code != ExitOK || out != want {
			t.Errorf("--format %s: exit %d (%s), output differs: %v", format, code, stderr, out != want)
		}
	}
	code, plain, _ := run(t, "permissions")
	if code != ExitOK || plain != string(policy) {
		t.Error("permissions and permissions --org --format policy differ")
	}
	code, all, _ := run(t, flags...)
	if code != ExitOK || !strings.Contains(all, string(policy)) || !strings.Contains(all, string(cfn)) || !strings.Contains(all, string(tf)) ||
		strings.Count(all, "\n# ") < 2 || !strings.HasPrefix(all, "# ") {
		t.Errorf("--org without --format: exit %d, not the three under headings", code)
	}
}

func TestPermissionsOrgBadInput(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--format", "terraform"}, "go with --org"},
		{[]string{"--scanner-account", "111122223333"}, "go with --org"},
		{[]string{"--org", "--operations"}, "exclusive"},
		{[]string{"--org", "--format", "yaml"}, `--format: "yaml" is not one of policy, cloudformation, terraform`},
		{[]string{"--org", "--scanner-account", "1234"}, "--scanner-account"},
		{[]string{"--org", "--member-role", "path/Audit"}, "--member-role"},
		{[]string{"--org", "--external-id", ""}, "--external-id"},
	}
	for _, tc := range tests {
		code, _, stderr := run(t, append([]string{"permissions"}, tc.args...)...)
		if code != ExitError || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q (want %q)", tc.args, code, stderr, tc.want)
		}
	}
}
