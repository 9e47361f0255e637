package collect

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// sdkPackage names the operation-declaration service (the endpoint prefix
// ops.go uses) of each aws-sdk-go-v2 service package whose name differs;
// every other package is its service's name.
var sdkPackage = map[string]string{
	"accessanalyzer":           "access-analyzer",
	"acmpca":                   "acm-pca",
	"applicationautoscaling":   "application-autoscaling",
	"cognitoidentity":          "cognito-identity",
	"cognitoidentityprovider":  "cognito-idp",
	"configservice":            "config",
	"databasemigrationservice": "dms",
	"directoryservice":         "ds",
	"efs":                      "elasticfilesystem",
	"emr":                      "elasticmapreduce",
	"elasticloadbalancing":     "elb",
	"elasticloadbalancingv2":   "elbv2",
	"opensearch":               "es",
	"eventbridge":              "events",
	"cloudwatchlogs":           "logs",
	"networkfirewall":          "network-firewall",
	"redshiftserverless":       "redshift-serverless",
	"sfn":                      "states",
	"resourcegroupstaggingapi": "tagging",
	"wafregional":              "waf-regional",
}

// sdkKeepsWhole are the SDK clients whose every method the SDK itself keeps
// in the binary, whatever shoulder calls: each is converted to an interface
// inside the SDK, and a binary that can look methods up by name (cobra's
// and html/template's text/template does) keeps every exported method of
// a type converted to an interface. The test fails when one of them no
// longer needs its place here.
var sdkKeepsWhole = map[string]string{
	// s3.New binds each client to its S3 Express session-credentials
	// provider, which holds it as an interface (express_resolve.go).
	"s3": "s3.New binds every S3 client to its S3 Express credentials provider as an interface",
	// The credential chain of config.LoadDefaultConfig (web identity,
	// IAM Identity Center, console login) and stscreds hold these as
	// interfaces; they fetch the credentials shoulder then reads with.
	"sts":     "the SDK's credential chain (web identity, AssumeRole) holds it as an interface",
	"sso":     "the SDK's credential chain (IAM Identity Center) holds it as an interface",
	"ssooidc": "the SDK's credential chain (IAM Identity Center tokens) holds it as an interface",
	"signin":  "the SDK's credential chain (console login credentials) holds it as an interface",
}

// sdkCalls are the undeclared operations the SDK itself calls from a
// client that shoulder uses; each must be a read by the read rule (and the
// collectors' middleware still refuses it as undeclared).
var sdkCalls = map[string]string{
	"dynamodb:DescribeEndpoints": "endpoint discovery (off unless AWS_ENABLE_ENDPOINT_DISCOVERY is set)",
}

var clientMethod = regexp.MustCompile(`^github\.com/aws/aws-sdk-go-v2/service/([a-z0-9]+)\.\(\*Client\)\.([A-Z][A-Za-z0-9]*)$`)

// TestBinaryHasNoWrites builds the shoulder binary and reads its symbol
// table: no SDK client method of an operation that the declaration (ops.go)
// does not declare may be in it, so the code to change an account (RunInstances,
// DeleteBucketPolicy, PutRolePolicy ...) is not in the binary at all, beyond
// the clients the SDK itself keeps whole (sdkKeepsWhole). It fails when a
// collector converts a client to an interface (an SDK paginator, a cache
// of `any`, a wrapper used as an interface): the linker then keeps every
// exported method of that client, writes included.
func TestBinaryHasNoWrites(t *testing.T) {
	for op := range sdkCalls {
		if _, action, _ := strings.Cut(op, ":"); !IsRead(action) {
			t.Errorf("sdkCalls: %s is not a read", op)
		}
	}
	declared := map[string]bool{}
	services := map[string]bool{}
	for _, o := range Operations() {
		declared[o.Service+":"+o.Action] = true
		services[o.Service] = true
	}

	syms := binarySymbols(t)

	present := map[string][]string{} // SDK package -> client methods in the binary
	for _, s := range syms {
		if m := clientMethod.FindStringSubmatch(s.Name); m != nil && s.Section != elf.SHN_UNDEF {
			present[m[1]] = append(present[m[1]], m[2])
		}
	}
	if len(present["ec2"]) == 0 || !slices.Contains(present["ec2"], "DescribeInstances") {
		t.Fatalf("ec2.(*Client).DescribeInstances not found among %d symbols: the symbol names changed, this test sees nothing", len(syms))
	}

	for pkg, methods := range present {
		service := pkg
		if s, ok := sdkPackage[pkg]; ok {
			service = s
		}
		var undeclared []string
		for _, m := range methods {
			if _, sdk := sdkCalls[service+":"+m]; m != "Options" && !sdk && !declared[service+":"+m] {
				undeclared = append(undeclared, m)
			}
		}
		slices.Sort(undeclared)
		undeclared = slices.Compact(undeclared)
		if why, ok := sdkKeepsWhole[pkg]; ok {
			if len(undeclared) == 0 {
				t.Errorf("service/%s: no undeclared method is left in the binary; remove it from sdkKeepsWhole (%s)", pkg, why)
			}
			continue
		}
		if !services[service] {
			t.Errorf("service/%s: its client is in the binary but no operation of service %q is declared; map the package in sdkPackage", pkg, service)
			continue
		}
		if len(undeclared) > 0 {
			t.Errorf("service/%s: the binary holds client methods of operations that ops.go does not declare: %s\n"+
				"(a client converted to an interface keeps all its methods: an SDK paginator, a cache of any, a wrapper used as an interface; use pages and concrete types)",
				pkg, strings.Join(undeclared, ", "))
		}
	}
	for pkg := range sdkKeepsWhole {
		if len(present[pkg]) == 0 {
			t.Errorf("service/%s: not in the binary any more; remove it from sdkKeepsWhole", pkg)
		}
	}
}

// binarySymbols builds the shoulder binary and returns its symbol table.
func binarySymbols(t *testing.T) []elf.Symbol {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "shoulder")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/shoulder-dev/shoulder/cmd/shoulder")
	// Always an ELF binary, whatever the host (debug/elf reads it).
	cmd.Env = append(os.Environ(), "GOOS=linux")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	return syms
}

// sdkSchemasAllowed are the SDK service packages whose schema tables may be
// in the binary: the credential chain's clients, which come with the SDK's
// config module at its newest version.
var sdkSchemasAllowed = map[string]bool{"sts": true, "sso": true, "ssooidc": true, "signin": true}

var schemaSymbol = regexp.MustCompile(`^github\.com/aws/aws-sdk-go-v2/service/([a-z0-9]+)/schemas\.`)

// TestBinaryHasNoSchemaTables: a service module at a version with
// schema-based serialization builds every shape of its service at init,
// in every shoulder process (31 MB of heap for the 36 modules shoulder
// used when they were pinned; ARCHITECTURE.md, "SDK versions"). The test
// fails when an upgrade or a new module brings such a version in.
func TestBinaryHasNoSchemaTables(t *testing.T) {
	found := map[string]bool{}
	for _, s := range binarySymbols(t) {
		if m := schemaSymbol.FindStringSubmatch(s.Name); m != nil && s.Section != elf.SHN_UNDEF {
			found[m[1]] = true
		}
	}
	if !found["sts"] {
		t.Fatal("sts's schema tables not found: the symbol names changed, this test sees nothing")
	}
	for pkg := range found {
		if !sdkSchemasAllowed[pkg] {
			t.Errorf("service/%s: its schemas package is in the binary; pin the module to its last version before "+
				"\"Enable schema-based (de)serialization\" in its CHANGELOG.md (ARCHITECTURE.md, \"SDK versions\")", pkg)
		}
	}
}
