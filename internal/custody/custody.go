// Package custody ranks who holds the keys to a data store, from nobody
// (unencrypted) to the customer's own hardware outside AWS, and resolves the
// key a store names (key ID, key ARN, alias or alias ARN) against the KMS
// keys in the account state.
//
// The levels are ordered: a store meets a required level when its level is
// at least that level. Unknown is outside the order: it means the key is not
// in the state (another account's key, or KMS could not be read), and it
// never meets a requirement.
package custody

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// Level is how much control the customer has over the key protecting a store.
type Level int

// The custody levels, in increasing order of customer control.
const (
	// Unknown: the key could not be resolved; it is not comparable.
	Unknown Level = iota
	// None: the data is not encrypted at rest.
	None
	// AWSOwned: encrypted under a key AWS owns and shares across accounts
	// (SSE-S3, DynamoDB's default); invisible to the customer.
	AWSOwned
	// AWSManaged: an aws/<service> key in the customer's account that AWS
	// creates and manages; visible, but its policy cannot be changed.
	AWSManaged
	// CustomerManaged: a KMS key the customer created, whose policy,
	// rotation and deletion the customer controls.
	CustomerManaged
	// Imported: a customer managed key whose material the customer
	// generated and imported (origin EXTERNAL) and can withdraw.
	Imported
	// CloudHSM: a key in a CloudHSM custom key store (origin AWS_CLOUDHSM),
	// held in single-tenant HSMs the customer controls.
	CloudHSM
	// ExternalKeyStore: a key in an external key store (origin
	// EXTERNAL_KEY_STORE); its material never enters AWS.
	ExternalKeyStore
)

var names = [...]string{"unknown", "none", "aws_owned", "aws_managed", "customer_managed", "imported", "cloudhsm", "external_key_store"}

// String is the level's name as written in shoulder.yaml and reports.
func (l Level) String() string {
	if l < Unknown || int(l) >= len(names) {
		return fmt.Sprintf("custody(%d)", int(l))
	}
	return names[l]
}

// Parse reads a level name (case-insensitive; "-" and "_" are equivalent).
// "unknown" is not accepted: it is not something a customer can require.
func Parse(s string) (Level, error) {
	n := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
	for i, name := range names {
		if i > int(Unknown) && name == n {
			return Level(i), nil
		}
	}
	return Unknown, fmt.Errorf("unknown custody level %q (want one of %s)", s, strings.Join(names[1:], ", "))
}

// Meets reports whether l satisfies the minimum level min. Unknown never
// meets anything, and nothing is required by an Unknown minimum.
func (l Level) Meets(min Level) bool {
	return l != Unknown && min != Unknown && l >= min
}

// OfKey is the custody level a KMS key gives the data it protects. A key
// with no manager was listed but never described (DescribeKey failed): who
// manages it is not known, so neither is its level.
func OfKey(k state.Key) Level {
	switch k.Manager {
	case "":
		return Unknown
	case "CUSTOMER":
	default:
		return AWSManaged
	}
	switch k.Origin {
	case "EXTERNAL":
		return Imported
	case "AWS_CLOUDHSM":
		return CloudHSM
	case "EXTERNAL_KEY_STORE":
		return ExternalKeyStore
	default:
		return CustomerManaged
	}
}

// regional is a name in a region, a map key built without allocating.
type regional struct{ region, name string }

// Index finds the KMS keys of an account state by any name a data store
// may use for them. Build it once per evaluation with NewIndex.
type Index struct {
	byARN   map[string]int
	byID    map[regional]int // region and key ID
	byAlias map[regional]int // region and alias name
	keys    []state.Key
}

// NewIndex indexes keys. The slice is not copied; do not modify it while
// the index is in use.
func NewIndex(keys []state.Key) *Index {
	// Sized for the keys (each has an ARN and an ID, most also the ID
	// from the ARN): growing maps of 20k keys allocated twice as much.
	ix := &Index{byARN: make(map[string]int, len(keys)), byID: make(map[regional]int, 2*len(keys)),
		byAlias: map[regional]int{}, keys: keys}
	for i, k := range keys {
		ix.byARN[k.ARN] = i
		region := k.Region
		if region == "" {
			region = field(k.ARN, 3)
		}
		ix.byID[regional{region, k.ID}] = i
		if id := strings.TrimPrefix(resource(k.ARN), "key/"); id != "" {
			ix.byID[regional{region, id}] = i
		}
		for _, a := range k.Aliases {
			ix.byAlias[regional{region, a}] = i
		}
	}
	return ix
}

// Lookup finds the key a store in region names by ref: a key ID, a key ARN,
// an alias name (alias/...) or an alias ARN. ARNs carry their own region;
// bare IDs and aliases are looked up in region.
func (ix *Index) Lookup(region, ref string) (state.Key, bool) {
	if ref == "" {
		return state.Key{}, false
	}
	if i, ok := ix.byARN[ref]; ok {
		return ix.keys[i], true
	}
	name := ref
	if strings.HasPrefix(ref, "arn:") {
		if r := field(ref, 3); r != "" {
			region = r
		}
		name = resource(ref)
	}
	if strings.HasPrefix(name, "alias/") {
		i, ok := ix.byAlias[regional{region, name}]
		if !ok {
			return state.Key{}, false
		}
		return ix.keys[i], true
	}
	i, ok := ix.byID[regional{region, strings.TrimPrefix(name, "key/")}]
	if !ok {
		return state.Key{}, false
	}
	return ix.keys[i], true
}

// Level resolves ref (as Lookup does) to a custody level. An AWS managed
// alias (alias/aws/<service>) is AWSManaged even when the key itself was not
// collected or described; any other ref whose key is not in the state, or
// was listed but not described, is Unknown. An empty ref is Unknown: the
// caller knows what a store's default key is.
func (ix *Index) Level(region, ref string) Level {
	if k, ok := ix.Lookup(region, ref); ok {
		if l := OfKey(k); l != Unknown {
			return l
		}
	}
	if IsAWSManagedAlias(ref) {
		return AWSManaged
	}
	return Unknown
}

// Gap reports the coverage gap that leaves ref's level Unknown: the failed
// DescribeKey of a key that was listed, or the failed key listing of the
// key's region. It reports false when the level is known, or when it is
// Unknown for another reason (another account's key, an empty ref).
func (ix *Index) Gap(gaps *state.Gaps, region, ref string) (state.Gap, bool) {
	if ref == "" || ix.Level(region, ref) != Unknown {
		return state.Gap{}, false
	}
	if k, ok := ix.Lookup(region, ref); ok {
		kr := k.Region
		if kr == "" {
			kr = field(k.ARN, 3)
		}
		return gaps.ForInput(state.InputKMSKeyMetadata, kr, k.ARN)
	}
	if strings.HasPrefix(ref, "arn:") {
		if r := field(ref, 3); r != "" {
			region = r
		}
	}
	return gaps.ForInput(state.InputKMSKeys, region, "")
}

// IsAWSManagedAlias reports whether ref names an AWS managed key by its
// alias (alias/aws/<service>, bare or as an alias ARN).
func IsAWSManagedAlias(ref string) bool {
	name := ref
	if strings.HasPrefix(ref, "arn:") {
		name = resource(ref)
	}
	return strings.HasPrefix(name, "alias/aws/")
}

// field returns the i-th colon-separated field of an ARN
// (0 arn, 1 partition, 2 service, 3 region, 4 account, 5 resource).
func field(arn string, i int) string {
	f, _ := state.ARNField(arn, i)
	return f
}

func resource(arn string) string { return field(arn, 5) }
