package checks

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/custody"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/iampolicy"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// kmsChecks are the key custody duties: rotation, deletion, who may use a
// key, and whether each data store's key is under the custody its data needs.
func kmsChecks() []check.Check {
	return []check.Check{
		kmsKeyRotationEnabled(),
		kmsKeyNotPendingDeletion(),
		kmsKeyPendingDeletionInUse(),
		kmsKeyGrantsTrusted(),
		kmsDataStoreCustody(),
		kmsKeyPolicyNotPublic(),
		kmsKeyPolicyTrusted(),
		kmsIAMPolicyNoDecryptAll(),
		kmsInlinePolicyNoDecryptAll(),
	}
}

// eachKey evaluates every KMS key of the regions whose key listing
// succeeded. A key whose DescribeKey failed is unknown: ListKeys gives only
// its ID, so its manager, state and spec are empty, and an empty manager
// would read as "AWS managed" (the collector then skips the key's other
// per-key calls without recording gaps for them).
func eachKey(a *state.Account, judge func(k state.Key) check.Result) []check.Result {
	return eachRegional(a, "kms", []state.Input{state.InputKMSKeys}, a.KMS.Keys, func(k state.Key) check.Result {
		if g, ok := a.Gaps.ForInput(state.InputKMSKeyMetadata, k.Region, k.ARN); ok {
			return check.GapR(k, g)
		}
		return judge(k)
	})
}

// keyName is how results name a key: its first alias, else its ID.
func keyName(k state.Key) string {
	if len(k.Aliases) > 0 {
		return k.Aliases[0]
	}
	return k.ID
}

func kmsKeyRotationEnabled() check.Check {
	return check.Check{
		ID: "kms_key_rotation_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachKey(a, func(k state.Key) check.Result {
				switch {
				case !k.CustomerManaged():
					return check.NotApplicableR(k, "AWS managed key: AWS rotates it every year")
				case k.Spec != "SYMMETRIC_DEFAULT":
					return check.NotApplicableR(k, "%s key: automatic rotation applies to symmetric encryption keys only", k.Spec)
				case k.Origin != "AWS_KMS":
					// Imported material and custom key stores cannot rotate automatically.
					return check.NotApplicableR(k, "origin %s: automatic rotation is not available; rotate by creating a new key", k.Origin)
				case k.State != "Enabled":
					return check.NotApplicableR(k, "key is %s", k.State)
				}
				if g, ok := a.Gaps.ForInput(state.InputKMSKeyRotation, k.Region, k.ARN); ok {
					return check.GapR(k, g)
				}
				if !k.RotationEnabled {
					return check.FailR(k, "%s does not rotate automatically", keyName(k))
				}
				if k.RotationPeriodDays > 0 {
					return check.PassR(k, "%s rotates every %d days", keyName(k), k.RotationPeriodDays)
				}
				return check.PassR(k, "%s rotates automatically", keyName(k))
			})
		},
	}
}

func kmsKeyNotPendingDeletion() check.Check {
	return check.Check{
		ID: "kms_key_not_pending_deletion",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			return eachKey(a, func(k state.Key) check.Result {
				if !k.CustomerManaged() {
					return check.NotApplicableR(k, "AWS managed key: it cannot be deleted")
				}
				if k.State != "PendingDeletion" && k.State != "PendingReplicaDeletion" {
					return check.PassR(k, "%s is %s", keyName(k), k.State)
				}
				if k.DeletionDate != nil {
					return check.FailR(k, "%s will be deleted on %s (in %s)", keyName(k), k.DeletionDate.Format("2006-01-02"), daysUntil(now, *k.DeletionDate))
				}
				return check.FailR(k, "%s is scheduled for deletion", keyName(k))
			})
		},
	}
}

func kmsKeyPendingDeletionInUse() check.Check {
	return check.Check{
		ID: "kms_key_pending_deletion_in_use",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ix := keyIndex(a)
			// key ARN -> the stores, then the recovery points, that use it
			users := map[string][]string{}
			for _, s := range dataStores(a) {
				if k, ok := ix.Lookup(s.Resource.Region, s.KeyRef); ok {
					users[k.ARN] = append(users[k.ARN], s.Resource.ARN)
				}
			}
			for _, u := range users {
				sort.Strings(u)
			}
			for _, rp := range a.Backup.RecoveryPoints {
				if k, ok := ix.Lookup(rp.Region, rp.EncryptionKeyARN); ok {
					users[k.ARN] = append(users[k.ARN], rp.ARN)
				}
			}
			var out []check.Result
			for _, r := range eachKey(a, func(k state.Key) check.Result {
				if k.State != "PendingDeletion" && k.State != "PendingReplicaDeletion" {
					return check.Result{} // not reported: see kms_key_not_pending_deletion
				}
				if u := users[k.ARN]; len(u) > 0 {
					return check.FailR(k, "%s is scheduled for deletion but still protects %d resource(s): %s", keyName(k), len(u), listSome(u, 5))
				}
				if g, ok := custody.ListingGap(a, k.Region); ok {
					return check.UnknownR(k, "%s is scheduled for deletion; no collected store uses it, but the store listing is incomplete: could not read %s", keyName(k), g.String())
				}
				return check.PassR(k, "%s is scheduled for deletion and no store in the account uses it (other accounts' use cannot be seen)", keyName(k))
			}) {
				if r.Status != "" {
					out = append(out, r)
				}
			}
			return out
		},
	}
}

// listSome joins up to n items and says how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
}

// daysUntil renders the time from now to t in days.
func daysUntil(now, t time.Time) string {
	d := int(t.Sub(now).Hours() / 24)
	if d == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", d)
}

func kmsKeyGrantsTrusted() check.Check {
	return check.Check{
		ID: "kms_key_grants_trusted",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachKey(a, func(k state.Key) check.Result {
				if !k.CustomerManaged() {
					return check.NotApplicableR(k, "AWS managed key: AWS services create its grants")
				}
				if g, ok := a.Gaps.ForInput(state.InputKMSKeyGrants, k.Region, k.ARN); ok {
					return check.GapR(k, g)
				}
				var bad []string
				for _, g := range k.Grants {
					acct := arnPart(g.GranteePrincipal, 4)
					if acct != "" && !trustedAccount(a, p, acct) {
						bad = append(bad, fmt.Sprintf("%s (%s)", g.GranteePrincipal, strings.Join(g.Operations, "+")))
					}
				}
				if len(bad) > 0 {
					return check.FailR(k, "%s has grants to untrusted accounts: %s", keyName(k), strings.Join(bad, "; "))
				}
				return check.PassR(k, "%s: %d grant(s), none to an untrusted account", keyName(k), len(k.Grants))
			})
		},
	}
}

func kmsDataStoreCustody() check.Check {
	return check.Check{
		ID: "kms_data_store_custody",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			stores := dataStores(a)
			out := check.Results(a, len(stores)) // one per store, and a few listing gaps
			// Stores of a listing that failed are absent from the state:
			// say so once per listing rather than pretend they are fine.
			for _, g := range custody.ListingGaps(a) {
				ref := accountRef(a)
				if g.Region != "" {
					ref = regionRef(a, g.Service, g.Region)
				}
				out = append(out, check.GapR(ref, g))
			}
			// The messages of most stores depend only on their
			// classification and custody levels: each is built once
			// (formatting one per store was 60 MB at 1M resources).
			type said struct {
				status     check.Status
				class      string
				level, min custody.Level
			}
			messages := map[said]string{}
			message := func(k said, format string, args ...any) string {
				m, ok := messages[k]
				if !ok {
					m = fmt.Sprintf(format, args...)
					messages[k] = m
				}
				return m
			}
			for _, s := range stores {
				if g, ok := tagsGap(a, s.Resource); ok {
					out = append(out, check.GapR(s, g)) // classification, so requirement, unknown
					continue
				}
				min, class, required, err := requiredCustody(p, s.Resource.Tags)
				switch {
				case err != nil:
					out = append(out, check.UnknownR(s, "policy required_custody is invalid: %v", err))
					continue
				case !required:
					if class == "" {
						class = "untagged"
					}
					out = append(out, check.MessageR(s, check.NotApplicable, message(said{status: check.NotApplicable, class: class},
						"no custody requirement for classification %s", class)))
					continue
				case s.Gap != nil:
					out = append(out, check.GapR(s, *s.Gap))
					continue
				case s.Level == custody.Unknown:
					out = append(out, check.UnknownR(s, "%s %s names key %q, which is not in the collected KMS keys (another account's key, or KMS was not readable)", s.Service, s.Kind, s.KeyRef))
					continue
				}
				if s.Level.Meets(min) {
					out = append(out, check.MessageR(s, check.Pass, message(said{check.Pass, class, s.Level, min},
						"%s data under %s custody (requires at least %s)", class, s.Level, min)))
				} else {
					out = append(out, check.MessageR(s, check.Fail, message(said{check.Fail, class, s.Level, min},
						"%s data under %s custody, below the required %s", class, s.Level, min)))
				}
			}
			return out
		},
	}
}

// eachKeyPolicy evaluates the key policy of every customer managed key;
// AWS managed keys are not applicable (AWS writes their policies).
func eachKeyPolicy(a *state.Account, judge func(k state.Key) check.Result) []check.Result {
	return eachKey(a, func(k state.Key) check.Result {
		if !k.CustomerManaged() {
			return check.NotApplicableR(k, "AWS managed key: AWS writes its key policy")
		}
		if g, ok := a.Gaps.ForInput(state.InputKMSKeyPolicy, k.Region, k.ARN); ok {
			return check.GapR(k, g)
		}
		if strings.TrimSpace(k.Policy) == "" {
			return check.UnknownR(k, "%s: key policy was not collected", keyName(k))
		}
		return judge(k)
	})
}

func kmsKeyPolicyNotPublic() check.Check {
	return check.Check{
		ID: "kms_key_policy_not_public",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachKeyPolicy(a, func(k state.Key) check.Result {
				return exposureResult(scopePublic, k, keyName(k)+" key", exposure.Judge(k.Policy, c))
			})
		},
	}
}

func kmsKeyPolicyTrusted() check.Check {
	return check.Check{
		ID: "kms_key_policy_trusted",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachKeyPolicy(a, func(k state.Key) check.Result {
				return exposureResult(scopeTrusted, k, keyName(k)+" key", exposure.Judge(k.Policy, c))
			})
		},
	}
}

// kmsDecryptActions are the actions KMS.1 and KMS.2 look for on all keys.
var kmsDecryptActions = []string{"kms:Decrypt", "kms:ReEncryptFrom"}

// decryptsAllKeys is the one test behind KMS.1 and KMS.2: the policy allows
// a decryption action on every KMS key of the account's partition ("*",
// "arn:aws:kms:*", "arn:*:kms:*:*:*", "arn:aws:kms:*:*:key/*", or a
// NotResource that leaves keys in), see iampolicy.AllowsOnAllOf.
func decryptsAllKeys(a *state.Account, doc *iampolicy.Policy) bool {
	return iampolicy.AllowsOnAllOf(doc, a.ARNPrefix()+"kms:*:*:key/*", kmsDecryptActions...)
}

func kmsIAMPolicyNoDecryptAll() check.Check {
	return check.Check{
		ID: "kms_iam_policy_no_decrypt_all",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			if g, ok := authDetailsGap(a); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			boundaries := boundaryOnly(a)
			for _, pol := range a.IAM.Policies {
				if pol.AWSManaged {
					out = append(out, check.NotApplicableR(pol, "AWS managed policy %s: AWS writes it", pol.Name))
					continue
				}
				if boundaries[pol.ARN] {
					out = append(out, check.NotApplicableR(pol, "policy %s is used only as a permissions boundary: it grants nothing itself (FSBP KMS.1 excludes boundaries)", pol.Name))
					continue
				}
				doc, err := exposure.ParsePolicy(a, pol.Document)
				switch {
				case err != nil:
					out = append(out, check.UnknownR(pol, "policy %s could not be parsed: %v", pol.Name, err))
				case decryptsAllKeys(a, doc):
					out = append(out, check.FailR(pol, "policy %s (attached %d time(s)) allows kms:Decrypt or kms:ReEncryptFrom on all keys", pol.Name, pol.AttachmentCount))
				default:
					out = append(out, check.PassR(pol, "policy %s does not allow decryption on all keys", pol.Name))
				}
			}
			return out
		},
	}
}

func kmsInlinePolicyNoDecryptAll() check.Check {
	return check.Check{
		ID: "kms_inline_policy_no_decrypt_all",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			if g, ok := authDetailsGap(a); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			judge := func(r state.Resource, kind, name string, inline []state.InlinePolicy) {
				if len(inline) == 0 {
					return // nothing inline: the identity is judged through its managed policies
				}
				var bad, unparsed []string
				for _, ip := range inline {
					doc, err := exposure.ParsePolicy(a, ip.Document)
					switch {
					case err != nil:
						unparsed = append(unparsed, ip.Name)
					case decryptsAllKeys(a, doc):
						bad = append(bad, ip.Name)
					}
				}
				switch {
				case len(bad) > 0:
					out = append(out, check.FailR(r, "%s %s: inline policy %s allows kms:Decrypt or kms:ReEncryptFrom on all keys", kind, name, strings.Join(bad, ", ")))
				case len(unparsed) > 0:
					out = append(out, check.UnknownR(r, "%s %s: inline policy %s could not be parsed", kind, name, strings.Join(unparsed, ", ")))
				default:
					out = append(out, check.PassR(r, "%s %s: no inline policy allows decryption on all keys", kind, name))
				}
			}
			for _, u := range a.IAM.Users {
				judge(u, "user", u.Name, u.InlinePolicies)
			}
			for _, g := range a.IAM.Groups {
				judge(g, "group", g.Name, g.InlinePolicies)
			}
			for _, r := range a.IAM.Roles {
				if r.ServiceLinked {
					if len(r.InlinePolicies) > 0 {
						out = append(out, check.NotApplicableR(r, "service-linked role %s: AWS writes its policies", r.Name))
					}
					continue
				}
				judge(r, "role", r.Name, r.InlinePolicies)
			}
			return out
		},
	}
}

// keyIndexKey is the key of the account's KMS key index (state.Derive).
type keyIndexKey struct{}

// keyIndex is custody.NewIndex(a.KMS.Keys), built once per evaluation for
// the checks that look keys up. Shared: not to be changed.
func keyIndex(a *state.Account) *custody.Index {
	return state.Derive(a, keyIndexKey{}, func() *custody.Index { return custody.NewIndex(a.KMS.Keys) })
}

// storesKey is the key of the account's data stores (state.Derive).
type storesKey struct{}

// dataStores is custody.Stores(a), built once per evaluation for the checks
// that ask (each building its own list and key index allocated 0.3 GB at
// 1M resources). The list is shared: not to be changed.
func dataStores(a *state.Account) []custody.Store {
	return state.Derive(a, storesKey{}, func() []custody.Store { return custody.Stores(a) })
}
