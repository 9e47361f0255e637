package custody

import (
	"fmt"
	"slices"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

const acct = "111122223333"

func key(region, id, manager, origin string, aliases ...string) state.Key {
	return state.Key{Meta: state.Meta{ARN: "arn:aws:kms:" + region + ":" + acct + ":key/" + id, Region: region},
		ID: id, Manager: manager, Origin: origin, Aliases: aliases}
}

func testKeys() []state.Key {
	return []state.Key{
		key("eu-west-1", "cmk-1", "CUSTOMER", "AWS_KMS", "alias/app"),
		key("eu-west-1", "imp-1", "CUSTOMER", "EXTERNAL", "alias/byok"),
		key("eu-west-1", "hsm-1", "CUSTOMER", "AWS_CLOUDHSM"),
		key("eu-west-1", "xks-1", "CUSTOMER", "EXTERNAL_KEY_STORE"),
		key("eu-west-1", "awsm-1", "AWS", "AWS_KMS", "alias/aws/ebs"),
		key("us-east-1", "cmk-2", "CUSTOMER", "AWS_KMS", "alias/app"),
	}
}

func TestOrder(t *testing.T) {
	order := []Level{None, AWSOwned, AWSManaged, CustomerManaged, Imported, CloudHSM, ExternalKeyStore}
	for i := 1; i < len(order); i++ {
		if !order[i].Meets(order[i-1]) || order[i-1].Meets(order[i]) {
			t.Errorf("%v and %v are out of order", order[i-1], order[i])
		}
	}
	for _, l := range order {
		if Unknown.Meets(l) || l.Meets(Unknown) {
			t.Errorf("unknown must not compare with %v", l)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Level
		err  bool
	}{
		{"customer_managed", CustomerManaged, false},
		{"Customer-Managed", CustomerManaged, false},
		{" cloudhsm ", CloudHSM, false},
		{"external_key_store", ExternalKeyStore, false},
		{"none", None, false},
		{"unknown", Unknown, true},
		{"cmk", Unknown, true},
		{"", Unknown, true},
	} {
		got, err := Parse(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("Parse(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
		if err == nil && got.String() == "" {
			t.Errorf("%v has no name", got)
		}
	}
	for l := None; l <= ExternalKeyStore; l++ {
		if back, err := Parse(l.String()); err != nil || back != l {
			t.Errorf("round trip of %v gave %v, %v", l, back, err)
		}
	}
}

func TestIndexLevel(t *testing.T) {
	ix := NewIndex(testKeys())
	for _, tc := range []struct {
		region, ref string
		want        Level
	}{
		{"eu-west-1", "cmk-1", CustomerManaged},
		{"eu-west-1", "arn:aws:kms:eu-west-1:" + acct + ":key/cmk-1", CustomerManaged},
		{"eu-west-1", "alias/app", CustomerManaged},
		{"eu-west-1", "arn:aws:kms:eu-west-1:" + acct + ":alias/byok", Imported},
		{"eu-west-1", "hsm-1", CloudHSM},
		{"eu-west-1", "xks-1", ExternalKeyStore},
		{"eu-west-1", "awsm-1", AWSManaged},
		{"eu-west-1", "alias/aws/ebs", AWSManaged},
		{"eu-central-1", "alias/aws/s3", AWSManaged},                                        // AWS managed by name, key not collected
		{"eu-central-1", "arn:aws:kms:eu-central-1:" + acct + ":alias/aws/rds", AWSManaged}, // same, as an alias ARN
		{"us-east-1", "alias/app", CustomerManaged},                                         // same alias, other region's key
		{"eu-central-1", "alias/app", Unknown},                                              // no such alias in that region
		{"eu-west-1", "arn:aws:kms:us-east-1:" + acct + ":key/cmk-2", CustomerManaged},      // ARN region wins
		{"eu-west-1", "arn:aws:kms:eu-west-1:999999999999:key/other", Unknown},              // another account's key
		{"eu-west-1", "", Unknown},
	} {
		if got := ix.Level(tc.region, tc.ref); got != tc.want {
			t.Errorf("Level(%s, %s) = %v, want %v", tc.region, tc.ref, got, tc.want)
		}
	}
}

func TestStores(t *testing.T) {
	a := &state.Account{AccountID: acct, KMS: state.KMS{Keys: testKeys()}}
	m := func(arn, region string) state.Meta { return state.Meta{ARN: arn, Region: region} }
	a.S3.Buckets = []state.Bucket{
		{Meta: m("arn:aws:s3:::none-set", "eu-west-1")},
		{Meta: m("arn:aws:s3:::kms-default", "eu-west-1"), Encryption: &state.BucketEncryption{Algorithm: "aws:kms"}},
		{Meta: m("arn:aws:s3:::cmk", "eu-west-1"), Encryption: &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: "alias/app"}},
		{Meta: m("arn:aws:s3:::denied", "eu-west-1")},
	}
	a.EC2.Volumes = []state.Volume{{Meta: m("arn:vol-plain", "eu-west-1")}, {Meta: m("arn:vol-hsm", "eu-west-1"), Encrypted: true, KMSKeyID: "hsm-1"}}
	a.RDS.Instances = []state.DBInstance{{Meta: m("arn:db-member", "eu-west-1"), ClusterID: "c1", StorageEncrypted: true}}
	a.RDS.Clusters = []state.DBCluster{{Meta: m("arn:cluster", "eu-west-1"), StorageEncrypted: true, KMSKeyID: "imp-1"}}
	a.WorkSpaces.Workspaces = []state.Workspace{{Meta: m("arn:ws", "eu-west-1"), RootVolumeEncryption: true, VolumeEncryptionKey: "cmk-1"}}
	a.DynamoDB.Tables = []state.DynamoDBTable{{Meta: m("arn:table", "eu-west-1")}}
	a.Backup.Vaults = []state.BackupVault{{Meta: m("arn:vault", "eu-west-1")}}
	a.Gaps.Add(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketEncryption", Resource: "arn:aws:s3:::denied", Reason: state.ReasonAccessDenied})

	want := map[string]Level{
		"arn:aws:s3:::none-set": AWSOwned, "arn:aws:s3:::kms-default": AWSManaged, "arn:aws:s3:::cmk": CustomerManaged, "arn:aws:s3:::denied": Unknown,
		"arn:vol-plain": None, "arn:vol-hsm": CloudHSM, "arn:cluster": Imported,
		"arn:ws":    None, // user volume unencrypted
		"arn:table": AWSOwned, "arn:vault": Unknown,
	}
	got := Stores(a)
	if len(got) != len(want) {
		t.Fatalf("got %d stores, want %d (Aurora members are counted with their cluster): %+v", len(got), len(want), got)
	}
	for _, s := range got {
		if w, ok := want[s.Resource.ARN]; !ok || s.Level != w {
			t.Errorf("%s: level %v, want %v", s.Resource.ARN, s.Level, w)
		}
		if (s.Resource.ARN == "arn:aws:s3:::denied") != (s.Gap != nil) {
			t.Errorf("%s: gap %v", s.Resource.ARN, s.Gap)
		}
	}
}

func TestListingGap(t *testing.T) {
	a := &state.Account{}
	if _, ok := ListingGap(a, "eu-west-1"); ok {
		t.Fatal("no gaps, yet incomplete")
	}
	a.Gaps.Add(state.Gap{Service: "dynamodb", Region: "us-east-1", Operation: "ListTables", Reason: state.ReasonThrottled})
	if _, ok := ListingGap(a, "eu-west-1"); ok {
		t.Error("a gap in us-east-1 must not make eu-west-1 incomplete")
	}
	if g, ok := ListingGap(a, "us-east-1"); !ok || g.Service != "dynamodb" {
		t.Errorf("ListingGap(us-east-1) = %v, %v", g, ok)
	}
	a.Gaps.Add(state.Gap{Service: "s3", Operation: "ListBuckets", Reason: state.ReasonAccessDenied})
	if g, ok := ListingGap(a, "eu-west-1"); !ok || g.Service != "s3" {
		t.Errorf("S3's global listing gap must make every region incomplete, got %v, %v", g, ok)
	}
}

func TestListingGaps(t *testing.T) {
	a := &state.Account{Regions: []state.Region{{Name: "eu-west-1", Scanned: true}, {Name: "us-east-1", Scanned: true}, {Name: "ap-south-1"}}}
	if got := ListingGaps(a); len(got) != 0 {
		t.Fatalf("no gaps, got %v", got)
	}
	a.Gaps.Add(state.Gap{Service: "rds", Region: "us-east-1", Operation: "DescribeDBClusters", Reason: state.ReasonThrottled})
	a.Gaps.Add(state.Gap{Service: "backup", Region: "eu-west-1", Operation: state.AllOperations, Reason: state.ReasonAccessDenied})
	a.Gaps.Add(state.Gap{Service: "dynamodb", Region: "ap-south-1", Operation: "ListTables", Reason: state.ReasonRegionDisabled}) // not scanned
	a.Gaps.Add(state.Gap{Service: "s3", Operation: "ListBuckets", Reason: state.ReasonAccessDenied})
	a.Gaps.Add(state.Gap{Service: "s3", Region: "eu-west-1", Operation: "GetBucketPolicy", Resource: "arn:aws:s3:::b", Reason: state.ReasonAccessDenied}) // not a listing
	var got []string
	for _, g := range ListingGaps(a) {
		got = append(got, g.Service+"/"+g.Region)
	}
	want := "[s3/ backup/eu-west-1 rds/us-east-1]"
	if fmt.Sprint(got) != want {
		t.Errorf("ListingGaps = %v, want %s", got, want)
	}
}

// TestUndescribedKey: a key listed by ListKeys whose DescribeKey failed has
// no manager; its level is Unknown (never AWS managed), the DescribeKey gap
// says why, and an AWS managed alias still resolves by name.
func TestUndescribedKey(t *testing.T) {
	listed := state.Key{Meta: state.Meta{ARN: "arn:aws:kms:eu-west-1:" + acct + ":key/bare", Region: "eu-west-1"}, ID: "bare", Aliases: []string{"alias/aws/s3"}}
	ix := NewIndex(append(testKeys(), listed))
	gaps := state.NewGaps(
		state.Gap{Service: "kms", Region: "eu-west-1", Operation: "DescribeKey", Resource: listed.ARN, Reason: state.ReasonAccessDenied},
		state.Gap{Service: "kms", Region: "ap-south-1", Operation: "ListKeys", Reason: state.ReasonAccessDenied},
	)
	for _, tc := range []struct {
		region, ref string
		want        Level
		gapOp       string
	}{
		{"eu-west-1", listed.ARN, Unknown, "DescribeKey"},
		{"eu-west-1", "bare", Unknown, "DescribeKey"},
		{"eu-west-1", "alias/aws/s3", AWSManaged, ""},
		{"ap-south-1", "some-key", Unknown, "ListKeys"},
		{"eu-west-1", "arn:aws:kms:eu-west-1:999999999999:key/other", Unknown, ""},
		{"eu-west-1", "cmk-1", CustomerManaged, ""},
	} {
		if got := ix.Level(tc.region, tc.ref); got != tc.want {
			t.Errorf("Level(%s, %s) = %v, want %v", tc.region, tc.ref, got, tc.want)
		}
		g, ok := ix.Gap(&gaps, tc.region, tc.ref)
		if ok != (tc.gapOp != "") || g.Operation != tc.gapOp {
			t.Errorf("Gap(%s, %s) = %v, %v; want operation %q", tc.region, tc.ref, g, ok, tc.gapOp)
		}
	}
	a := &state.Account{AccountID: acct, KMS: state.KMS{Keys: []state.Key{listed}}, Gaps: gaps}
	a.EC2.Volumes = []state.Volume{{Meta: state.Meta{ARN: "arn:vol", Region: "eu-west-1"}, Encrypted: true, KMSKeyID: listed.ARN}}
	s := Stores(a)
	if len(s) != 1 || s[0].Level != Unknown || s[0].Gap == nil || s[0].Gap.Operation != "DescribeKey" {
		t.Errorf("store on an undescribed key = %+v, want Unknown with the DescribeKey gap", s)
	}
}

// TestStoresSizedOnce: Stores' slice is sized for every store it may
// list, so it is never copied into a larger one (at 1M resources the
// copies were 0.1 GB). Over a generated account holding every kind of
// store, without the resources Stores skips (Aurora members, caches in a
// replication group, delivery streams reading a Kinesis stream), each
// resource is one store: storesCap must count exactly those.
func TestStoresSizedOnce(t *testing.T) {
	a := synth.Account(synth.Options{Seed: 1, Resources: 50_000})
	a.RDS.Instances = slices.DeleteFunc(a.RDS.Instances, func(d state.DBInstance) bool { return d.ClusterID != "" })
	a.ElastiCache.Clusters = slices.DeleteFunc(a.ElastiCache.Clusters, func(c state.CacheCluster) bool { return !c.Standalone() })
	a.Firehose.DeliveryStreams = slices.DeleteFunc(a.Firehose.DeliveryStreams, func(d state.DeliveryStream) bool { return d.Described && d.FromKinesis() })
	got := Stores(a)
	if c := storesCap(a); len(got) != c || cap(got) != c {
		t.Errorf("Stores: %d stores in a slice of capacity %d, want %d in %d: storesCap and the loops of Stores disagree", len(got), cap(got), c, c)
	}
	kinds := map[string]bool{}
	for _, s := range got {
		kinds[s.Service+"/"+s.Kind] = true
	}
	// The generated account must hold every kind the loops list, or a
	// missing term could go unseen.
	if len(kinds) < 26 {
		t.Errorf("the generated account holds %d kinds of store, want at least 26: %v", len(kinds), kinds)
	}
}
