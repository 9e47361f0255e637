package checks

import (
	"encoding/json"
	"net/netip"
	"os"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/datamap"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// The agreement test: on every policy shape of internal/exposure's corpus,
// put on every data store that has a resource policy, each sharing check
// and the data map give the verdict the shape names (public -> fail and
// Public; untrusted -> fail and shared with an untrusted party; trusted ->
// pass and shared only with trusted parties; private -> pass and Private;
// unknown -> unknown and Unknown), each within its scope.

// policyStore is a data store kind with a resource policy.
type policyStore struct {
	name string
	arn  string
	// put builds the account mutation that holds doc as the store's policy.
	put func(doc string) func(*state.Account)
	// mapped is true when the data map lists the store.
	mapped bool
}

const agreeBucket = "data"

var policyStores = []policyStore{
	{"s3 bucket", "arn:aws:s3:::" + agreeBucket, func(doc string) func(*state.Account) {
		return func(a *state.Account) {
			dsBucket(agreeBucket, func(b *state.Bucket) { b.Policy, b.OwnerID = doc, "ownercanonical" })(a)
			a.CloudTrail.Trails = []state.Trail{{Meta: state.Meta{ARN: "arn:aws:cloudtrail:eu-west-1:" + testAccountID + ":trail/main", Region: "eu-west-1"},
				Name: "main", HomeRegion: "eu-west-1", IsMultiRegion: true, IsLogging: true, S3Bucket: agreeBucket}}
		}
	}, true},
	{"kms key", dsKeyARN, func(doc string) func(*state.Account) {
		if strings.TrimSpace(doc) == "" {
			// A key always has a policy; an empty one was not collected.
			doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + testAccountID + `:root"},"Action":"kms:*","Resource":"*"}]}`
		}
		return dsKey(func(k *state.Key) { k.Policy = doc })
	}, false},
	{"lambda function", dsFnARN, func(doc string) func(*state.Account) {
		return dsFunction(func(f *state.LambdaFunction) { f.Policy = doc })
	}, false},
	{"dynamodb table", dsTableARN, func(doc string) func(*state.Account) {
		return dsTable(func(t *state.DynamoDBTable) { t.ResourcePolicy = doc })
	}, true},
	{"efs file system", dsFSARN, func(doc string) func(*state.Account) {
		return dsFS(func(f *state.FileSystem) { f.Policy = doc })
	}, true},
	{"backup vault", dsVaultARN, func(doc string) func(*state.Account) {
		return dsVault(dsKeyARN, func(v *state.BackupVault) { v.Policy = doc })
	}, true},
	{"sqs queue", dsQueueARN, func(doc string) func(*state.Account) {
		return dsQueue(func(q *state.Queue) { q.Policy = doc })
	}, true},
	{"sns topic", dsTopicARN, func(doc string) func(*state.Account) {
		return dsTopic(func(t *state.Topic) { t.Policy = doc })
	}, false},
	{"secret", dsSecretARN, func(doc string) func(*state.Account) {
		return dsSecret(func(s *state.Secret) { s.Policy = doc })
	}, true},
	{"ecr repository", dsRepoARN, func(doc string) func(*state.Account) {
		return dsRepo(func(r *state.ECRRepository) { r.Policy = doc })
	}, true},
	{"event bus", dsBusARN, func(doc string) func(*state.Account) {
		return dsBus(func(b *state.EventBus) { b.Policy = doc })
	}, false},
	// svc-api: a PRIVATE REST API (grants to everyone are judged on private APIs).
	{"rest api", dsRestAPIARN, func(doc string) func(*state.Account) {
		return dsRestAPI(func(x *state.RestAPI) { x.Policy = doc })
	}, false},
	// svc-search: an OpenSearch domain on a public endpoint (in a VPC,
	// grants to everyone are bounded by the network).
	{"opensearch domain", dsDomainARN, func(doc string) func(*state.Account) {
		return dsDomain("", func(d *state.OpenSearchDomain) { publicEndpoint(d); d.AccessPolicy = doc })
	}, true},
	// exposure-gaps: a Kinesis data stream's resource policy.
	{"kinesis stream", dsStreamARN, func(doc string) func(*state.Account) {
		return dsStream(func(s *state.KinesisStream) { s.PolicyRead, s.Policy = true, doc })
	}, true},
	// exposure-gaps: an MSK cluster's policy (brokers without public addresses).
	{"msk cluster", dsMSKClusterARN, func(doc string) func(*state.Account) {
		return dsMSKCluster(func(k *state.MSKCluster) { k.PolicyRead, k.Policy = true, doc })
	}, true},
	// svc-s3dir: an S3 directory bucket's policy, judged as written.
	{"directory bucket", dsDirBucketARN, func(doc string) func(*state.Account) {
		return dsDirectoryBucket(func(b *state.DirectoryBucket) { b.Policy = doc })
	}, true},
}

// sharingChecks are the checks that judge a resource policy's exposure,
// with the store they judge and their scope. TestSharingChecksListed keeps
// the list complete.
var sharingChecks = map[string]struct {
	store string
	scope exposureScope
}{
	"s3_bucket_policy_not_public":           {"s3 bucket", scopePublic},
	"cloudtrail_bucket_not_public":          {"s3 bucket", scopePublic},
	"s3_bucket_no_public_write":             {"s3 bucket", scopePublic},
	"s3_bucket_cross_account_trusted":       {"s3 bucket", scopeTrusted},
	"kms_key_policy_not_public":             {"kms key", scopePublic},
	"kms_key_policy_trusted":                {"kms key", scopeTrusted},
	"lambda_function_policy_trusted":        {"lambda function", scopeSharing},
	"dynamodb_table_policy_trusted":         {"dynamodb table", scopeSharing},
	"efs_file_system_policy_trusted":        {"efs file system", scopeSharing},
	"backup_vault_policy_trusted":           {"backup vault", scopeSharing},
	"sqs_queue_policy_not_public":           {"sqs queue", scopePublic},
	"sqs_queue_policy_trusted":              {"sqs queue", scopeTrusted},
	"sns_topic_policy_not_public":           {"sns topic", scopePublic},
	"sns_topic_policy_trusted":              {"sns topic", scopeTrusted},
	"secretsmanager_secret_policy_trusted":  {"secret", scopeSharing},
	"ecr_repository_policy_trusted":         {"ecr repository", scopeSharing},
	"eventbridge_bus_policy_trusted":        {"event bus", scopeSharing},
	"apigateway_rest_api_policy_not_public": {"rest api", scopePublic},           // svc-api
	"apigateway_rest_api_policy_trusted":    {"rest api", scopeTrusted},          // svc-api
	"opensearch_domain_policy_trusted":      {"opensearch domain", scopeSharing}, // svc-search
	"kinesis_stream_policy_trusted":         {"kinesis stream", scopeSharing},    // exposure-gaps
	"msk_cluster_policy_trusted":            {"msk cluster", scopeSharing},       // exposure-gaps
	"s3_directory_bucket_policy_trusted":    {"directory bucket", scopeSharing},  // svc-s3dir
}

// corpusShape is one shape of internal/exposure/testdata/shapes.json.
type corpusShape struct {
	Name    string          `json:"name"`
	Policy  json.RawMessage `json:"policy"`
	Want    string          `json:"want"`
	Context *struct {
		TrustedAccounts []string `json:"trusted_accounts"`
		Organizations   []string `json:"organizations"`
		CorporateCIDRs  []string `json:"corporate_cidrs"`
		Networks        []string `json:"networks"`
	} `json:"context"`
}

func loadCorpus(t *testing.T) []corpusShape {
	t.Helper()
	data, err := os.ReadFile("../exposure/testdata/shapes.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Shapes []corpusShape `json:"shapes"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f.Shapes
}

func (s corpusShape) doc() string {
	var str string
	if json.Unmarshal(s.Policy, &str) == nil {
		return str
	}
	return string(s.Policy)
}

// policyFile is the customer policy matching the corpus's default context
// (see internal/exposure/shapes_test.go), with the shape's overrides.
func (s corpusShape) policyFile() *policy.Policy {
	p := &policy.Policy{TrustedAccounts: []string{"444455556666"}, OrganizationID: "o-own1234567",
		CorporateCIDRs: []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24")}}
	if o := s.Context; o != nil {
		if o.TrustedAccounts != nil {
			p.TrustedAccounts = o.TrustedAccounts
		}
		if o.Organizations != nil {
			p.OrganizationID = ""
			if len(o.Organizations) > 0 {
				p.OrganizationID = o.Organizations[0]
				p.TrustedOrganizations = o.Organizations[1:]
			}
		}
		if o.CorporateCIDRs != nil {
			p.CorporateCIDRs = nil
			for _, c := range o.CorporateCIDRs {
				p.CorporateCIDRs = append(p.CorporateCIDRs, netip.MustParsePrefix(c))
			}
		}
		p.TrustedVPCEndpoints = o.Networks
	}
	return p
}

// agreeAccount is the test account holding one store with doc as its
// policy, the account's own VPC endpoint and a bucket that carries the
// account's canonical user ID.
func agreeAccount(st policyStore, doc string) *state.Account {
	return baseAccount(st.put(doc), func(a *state.Account) {
		a.EC2.VPCEndpoints = []state.VPCEndpoint{{ID: "vpce-0own1111", VPCID: "vpc-0own1111", ServiceName: "com.amazonaws.eu-west-1.s3"}}
		if st.name != "s3 bucket" {
			dsBucket("canon", func(b *state.Bucket) { b.OwnerID = "ownercanonical" })(a)
		}
	})
}

// statusOn runs c and returns its status on the resource arn.
func statusOn(t *testing.T, c check.Check, a *state.Account, p *policy.Policy, arn string) (check.Status, string, bool) {
	t.Helper()
	for _, r := range c.Run(a, p) {
		if r.Resource == arn {
			return r.Status, r.Message, true
		}
	}
	return "", "", false
}

func TestExposureAgreement(t *testing.T) {
	byID := map[string]check.Check{}
	for _, c := range All() {
		byID[c.ID] = c
	}
	shapes := loadCorpus(t)
	if len(shapes) < 150 {
		t.Fatalf("corpus holds %d shapes", len(shapes))
	}
	for _, sh := range shapes {
		for _, st := range policyStores {
			a, p := agreeAccount(st, sh.doc()), sh.policyFile()
			name := st.name + "/" + sh.Name
			for id, sc := range sharingChecks {
				if sc.store != st.name {
					continue
				}
				c, ok := byID[id]
				if !ok {
					t.Fatalf("sharing check %s is not in the registry", id)
				}
				got, msg, ok := statusOn(t, c, a, p, st.arn)
				if !ok {
					t.Errorf("%s: %s gave no result on %s", name, id, st.arn)
					continue
				}
				if want, any := agreeWant(sh.Want, sc.scope, id); !any && got != want {
					t.Errorf("%s: %s = %s, want %s (shape %s)\n%s", name, id, got, want, sh.Want, msg)
				} else if any && got == check.Unknown {
					t.Errorf("%s: %s = unknown on a readable %s shape\n%s", name, id, sh.Want, msg)
				}
			}
			if !st.mapped {
				continue
			}
			m := datamap.Build(a, p)
			var e *datamap.Exposure
			for i := range m.Stores {
				if m.Stores[i].ARN == st.arn {
					e = &m.Stores[i].Exposure
				}
			}
			if e == nil {
				t.Errorf("%s: the data map does not list %s", name, st.arn)
				continue
			}
			if got := mapLevel(*e); got != sh.Want {
				t.Errorf("%s: data map level = %s (%+v), want %s", name, got, *e, sh.Want)
			}
		}
	}
}

// agreeWant is the status a check of scope s must give on a shape of level
// want; any is true when several are right (a scopeTrusted check on a
// public shape also fails when the shape names an untrusted party; the
// public-write check fails only when the grant covers a write).
func agreeWant(want string, s exposureScope, id string) (check.Status, bool) {
	switch want {
	case "unknown":
		return check.Unknown, false
	case "public":
		if s == scopeTrusted || id == "s3_bucket_no_public_write" {
			return "", true
		}
		return check.Fail, false
	case "shared-untrusted":
		if s == scopePublic {
			return check.Pass, false
		}
		return check.Fail, false
	}
	return check.Pass, false
}

// mapLevel reads a data map exposure as a corpus level.
func mapLevel(e datamap.Exposure) string {
	switch e.Level {
	case datamap.Public:
		return "public"
	case datamap.Unknown:
		return "unknown"
	case datamap.Private:
		return "private"
	}
	for _, s := range e.SharedWith {
		if !s.Trusted {
			return "shared-untrusted"
		}
	}
	return "shared-trusted"
}

// agreePublic and agreeOwn are two policies that differ only in who they
// grant to: everyone, or the account itself.
func agreePolicies() (public, own string) {
	public = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	own = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + testAccountID + `:root"},"Action":"*","Resource":"*"}]}`
	return public, own
}

// TestSharingChecksListed finds, over the whole registry, every check whose
// verdict on a store changes when its resource policy grants to everyone
// instead of the account itself: each must be a listed sharing check (so
// the agreement test covers it), and nothing listed may be missing.
func TestSharingChecksListed(t *testing.T) {
	public, own := agreePolicies()
	found := map[string]bool{}
	for _, st := range policyStores {
		ap, ao := agreeAccount(st, public), agreeAccount(st, own)
		p := &policy.Policy{}
		for _, c := range All() {
			sp, _, okp := statusOn(t, c, ap, p, st.arn)
			so, _, oko := statusOn(t, c, ao, p, st.arn)
			if okp && oko && sp != so {
				found[c.ID] = true
				if sc, ok := sharingChecks[c.ID]; !ok || sc.store != st.name {
					t.Errorf("%s judges the %s's resource policy exposure (%s on a grant to everyone, %s on the account itself) but is not listed in sharingChecks for it", c.ID, st.name, sp, so)
				}
			}
		}
	}
	for id, sc := range sharingChecks {
		if sc.scope != scopeTrusted && !found[id] {
			t.Errorf("%s is listed as a sharing check but does not change verdict when its policy grants to everyone", id)
		}
	}
}

// TestExposureSeverity: the same verdict carries the same severity on every
// data store. Every check in the registry whose verdict turns to fail when
// a store's policy grants to everyone has exposureSeverity; the checks that
// fail only on untrusted sharing have untrustedSeverity.
func TestExposureSeverity(t *testing.T) {
	public, own := agreePolicies()
	byID := map[string]check.Check{}
	for _, c := range All() {
		byID[c.ID] = c
	}
	for _, st := range policyStores {
		ap, ao := agreeAccount(st, public), agreeAccount(st, own)
		p := &policy.Policy{}
		for _, c := range All() {
			sp, _, okp := statusOn(t, c, ap, p, st.arn)
			so, _, oko := statusOn(t, c, ao, p, st.arn)
			if okp && oko && sp == check.Fail && so == check.Pass && c.Severity != exposureSeverity {
				t.Errorf("%s fails on a %s that grants to everyone with severity %s; every such check has %s", c.ID, st.name, c.Severity, exposureSeverity)
			}
		}
	}
	for id, sc := range sharingChecks {
		if got, want := byID[id].Severity, severityFor(sc.scope); got != want {
			t.Errorf("%s has severity %s, want %s for its scope", id, got, want)
		}
	}
}
