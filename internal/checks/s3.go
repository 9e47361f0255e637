package checks

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3Checks are the S3 duties beyond the ACL check in access.go: Block
// Public Access, ACLs, encryption, versioning and archiving, logging.
func s3Checks() []check.Check {
	return []check.Check{
		s3AccountPublicAccessBlock(),
		s3BucketPublicAccessBlock(),
		s3BucketACLsDisabled(),
		s3BucketDefaultEncryptionKMS(),
		s3BucketVersioning(),
		s3BucketMFADelete(),
		s3BucketObjectLock(),
		s3BucketLifecycle(),
		s3BucketReplication(),
		s3BucketEventNotifications(),
		s3BucketAccessLogging(),
		s3BucketPolicyNotPublic(),
		s3BucketNoPublicWrite(),
		s3BucketCrossAccountTrusted(),
		s3BucketTLSOnly(),
	}
}

// eachBucket evaluates every bucket: unknown for the account when the
// bucket listing failed, unknown for a bucket whose setting
// could not be read, judge otherwise.
func eachBucket(a *state.Account, setting state.Input, judge func(b state.Bucket) check.Result) []check.Result {
	if g, ok := listingGap(a, "", state.InputS3Buckets); ok {
		return []check.Result{check.GapR(accountRef(a), g)}
	}
	out := check.Results(a, len(a.S3.Buckets)) // one per bucket
	for _, b := range a.S3.Buckets {
		if g, ok := a.Gaps.ForInput(setting, b.Region, b.ARN); ok {
			out = append(out, check.GapR(b, g))
			continue
		}
		out = append(out, judge(b))
	}
	return out
}

func s3AccountPublicAccessBlock() check.Check {
	return check.Check{
		ID: "s3_account_public_access_block",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			ref := accountRef(a)
			// The account setting comes from s3control GetPublicAccessBlock
			// (IAM action s3:GetAccountPublicAccessBlock); its gaps carry the
			// s3control service prefix.
			if g, ok := a.Gaps.ForInput(state.InputS3AccountPublicAccessBlock, "", ""); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			pab := a.S3.AccountPublicAccessBlock
			switch {
			case pab == nil:
				return []check.Result{check.FailR(ref, "no account-level Block Public Access is configured")}
			case pab.All():
				return []check.Result{check.PassR(ref, "all four account-level Block Public Access settings are on")}
			default:
				return []check.Result{check.FailR(ref, "account-level Block Public Access is partial: %s", pabOff(pab))}
			}
		},
	}
}

// pabOff lists the Block Public Access settings that are off.
func pabOff(p *state.PublicAccessBlock) string {
	var off []string
	if !p.BlockPublicAcls {
		off = append(off, "BlockPublicAcls")
	}
	if !p.IgnorePublicAcls {
		off = append(off, "IgnorePublicAcls")
	}
	if !p.BlockPublicPolicy {
		off = append(off, "BlockPublicPolicy")
	}
	if !p.RestrictPublicBuckets {
		off = append(off, "RestrictPublicBuckets")
	}
	return strings.Join(off, ", ") + " off"
}

func s3BucketPublicAccessBlock() check.Check {
	return check.Check{
		ID: "s3_bucket_public_access_block",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			acctGap, acctUnknown := a.Gaps.ForInput(state.InputS3AccountPublicAccessBlock, "", "")
			acct := a.S3.AccountPublicAccessBlock
			if acctUnknown {
				acct = nil
			}
			if g, ok := listingGap(a, "", state.InputS3Buckets); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			out := check.Results(a, len(a.S3.Buckets)) // at most one per bucket
			for _, b := range a.S3.Buckets {
				if acct.All() {
					out = append(out, check.PassR(b, "the account's Block Public Access covers the bucket"))
					continue
				}
				bucketGap, bucketUnknown := a.Gaps.ForInput(state.InputS3BucketPublicAccessBlock, b.Region, b.ARN)
				bucket := b.PublicAccessBlock
				if bucketUnknown {
					bucket = nil
				}
				eff := exposure.EffectivePAB(acct, bucket)
				switch {
				case eff.All():
					out = append(out, check.PassR(b, "Block Public Access is fully on (bucket and account settings combined)"))
				case bucketUnknown:
					out = append(out, check.GapR(b, bucketGap))
				case acctUnknown:
					out = append(out, check.GapR(b, acctGap))
				default:
					out = append(out, check.FailR(b, "Block Public Access leaves %s", pabOff(eff)))
				}
			}
			return out
		},
	}
}

func s3BucketACLsDisabled() check.Check {
	return check.Check{
		ID: "s3_bucket_acls_disabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketOwnership, func(b state.Bucket) check.Result {
				switch b.ObjectOwnership {
				case "BucketOwnerEnforced":
					return check.PassR(b, "ACLs are disabled (BucketOwnerEnforced)")
				case "":
					return check.FailR(b, "no ownership controls: ACLs are in effect and object writers own their objects")
				default:
					return check.FailR(b, "Object Ownership is %s: ACLs are in effect", b.ObjectOwnership)
				}
			})
		},
	}
}

func s3BucketDefaultEncryptionKMS() check.Check {
	return check.Check{
		ID: "s3_bucket_default_encryption_kms",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketEncryption, func(b state.Bucket) check.Result {
				if b.Encryption == nil {
					// Since January 2023 S3 applies SSE-S3 to new objects anyway.
					return check.FailR(b, "no default encryption rule: new objects get SSE-S3 (an AWS owned key)")
				}
				return kmsDefaultEncryption(b, *b.Encryption)
			})
		},
	}
}

// kmsDefaultEncryption is the one answer to "does this bucket's default
// encryption use a KMS key?" for general purpose and directory buckets
// (svc-s3dir): SSE-KMS (and DSSE-KMS) pass, naming the key; SSE-S3 fails.
func kmsDefaultEncryption(r state.Resource, e state.BucketEncryption) check.Result {
	if strings.HasPrefix(e.Algorithm, "aws:kms") {
		key := e.KMSKeyID
		if key == "" {
			key = "the AWS managed key aws/s3"
		}
		return check.PassR(r, "default encryption is %s with %s", e.Algorithm, key)
	}
	return check.FailR(r, "default encryption is %s (SSE-S3, an AWS owned key)", e.Algorithm)
}

func s3BucketVersioning() check.Check {
	return check.Check{
		ID: "s3_bucket_versioning",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketVersioning, func(b state.Bucket) check.Result {
				switch b.Versioning {
				case "Enabled":
					return check.PassR(b, "versioning is enabled")
				case "Suspended":
					return check.FailR(b, "versioning is suspended: new overwrites and deletes are not recoverable")
				default:
					return check.FailR(b, "versioning was never enabled")
				}
			})
		},
	}
}

func s3BucketMFADelete() check.Check {
	return check.Check{
		ID: "s3_bucket_mfa_delete",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketVersioning, func(b state.Bucket) check.Result {
				switch {
				case b.MFADelete && b.Versioning == "Enabled":
					return check.PassR(b, "versioning with MFA delete is enabled")
				case b.Versioning != "Enabled":
					return check.FailR(b, "versioning is not enabled, so MFA delete cannot protect versions")
				default:
					return check.FailR(b, "MFA delete is off: versions can be deleted without MFA")
				}
			})
		},
	}
}

func s3BucketObjectLock() check.Check {
	return check.Check{
		ID: "s3_bucket_object_lock",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketObjectLock, func(b state.Bucket) check.Result {
				if g, ok := tagsGap(a, b.Meta); ok {
					return check.GapR(b, g) // classification unknown
				}
				if !p.IsSensitive(b.Tags) {
					return sensitiveNA(b, p, "Object Lock")
				}
				ol := b.ObjectLock
				switch {
				case ol == nil || !ol.Enabled:
					return check.FailR(b, "Object Lock is not enabled on a bucket with %s data", p.Classification(b.Tags))
				case ol.Mode == "":
					return check.FailR(b, "Object Lock is enabled but sets no default retention")
				default:
					return check.PassR(b, "Object Lock is enabled with %s retention of %s", ol.Mode, retention(ol))
				}
			})
		},
	}
}

func retention(ol *state.ObjectLock) string {
	if ol.Years > 0 {
		return fmt.Sprintf("%d years", ol.Years)
	}
	return fmt.Sprintf("%d days", ol.Days)
}

func s3BucketLifecycle() check.Check {
	return check.Check{
		ID: "s3_bucket_lifecycle",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketLifecycle, func(b state.Bucket) check.Result {
				return lifecycleResult(b, b.LifecycleRules)
			})
		},
	}
}

// lifecycleResult is the one lifecycle rule for general purpose (FSBP
// S3.13) and directory buckets (S3.25, svc-s3dir): at least one enabled
// rule passes; only disabled rules, or none, fail.
func lifecycleResult(r state.Resource, rules []state.LifecycleRule) check.Result {
	n := 0
	for _, x := range rules {
		if x.Enabled {
			n++
		}
	}
	switch {
	case n > 0:
		return check.PassR(r, "%d enabled lifecycle rule(s)", n)
	case len(rules) > 0:
		return check.FailR(r, "all %d lifecycle rules are disabled", len(rules))
	default:
		return check.FailR(r, "no lifecycle configuration")
	}
}

func s3BucketReplication() check.Check {
	return check.Check{
		ID: "s3_bucket_replication",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketReplication, func(b state.Bucket) check.Result {
				if g, ok := tagsGap(a, b.Meta); ok {
					return check.GapR(b, g) // classification unknown
				}
				if !p.IsSensitive(b.Tags) {
					return sensitiveNA(b, p, "replication")
				}
				for _, r := range b.Replication {
					if r.Enabled {
						dest := r.DestinationBucket
						if r.DestinationRegion != "" {
							dest += " in " + r.DestinationRegion
						}
						return check.PassR(b, "replicates to %s", dest)
					}
				}
				return check.FailR(b, "no enabled replication rule for a bucket with %s data", p.Classification(b.Tags))
			})
		},
	}
}

func s3BucketEventNotifications() check.Check {
	return check.Check{
		ID: "s3_bucket_event_notifications",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketNotifications, func(b state.Bucket) check.Result {
				if b.EventNotifications {
					return check.PassR(b, "event notifications are configured")
				}
				return check.FailR(b, "no event notification is configured")
			})
		},
	}
}

func s3BucketAccessLogging() check.Check {
	return check.Check{
		ID: "s3_bucket_access_logging",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketLogging, func(b state.Bucket) check.Result {
				if b.Logging != nil {
					return check.PassR(b, "access logs go to s3://%s/%s", b.Logging.TargetBucket, b.Logging.TargetPrefix)
				}
				return check.FailR(b, "server access logging is off")
			})
		},
	}
}

func s3BucketPolicyNotPublic() check.Check {
	return check.Check{
		ID: "s3_bucket_policy_not_public",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachListedBucket(a, func(b *state.Bucket) check.Result {
				v := exposure.BucketPolicy(a, b, c, exposure.AnyAccess)
				switch v.Exposure {
				case exposure.Open:
					return check.FailR(b, "the bucket policy grants to everyone: %s", strings.Join(v.Grants, "; "))
				case exposure.Undecided:
					return unknownChannel(b, v)
				case exposure.Blocked:
					if len(v.Grants) == 0 {
						return check.PassR(b, "%s limits any public policy to this account and AWS services", v.BlockedBy)
					}
					return check.PassR(b, "the policy grants to everyone (%s) but %s limits access to this account and AWS services", strings.Join(v.Grants, "; "), v.BlockedBy)
				case exposure.Closed:
					if strings.TrimSpace(b.Policy) == "" {
						return check.PassR(b, "no bucket policy")
					}
				}
				return check.PassR(b, "the bucket policy grants nothing to everyone")
			})
		},
	}
}

func s3BucketNoPublicWrite() check.Check {
	return check.Check{
		ID: "s3_bucket_no_public_write",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachListedBucket(a, func(b *state.Bucket) check.Result {
				bp := exposure.JudgeBucket(a, b, c, exposure.WriteAccess)
				switch bp.Public() {
				case exposure.Open:
					return check.FailR(b, "everyone can write: %s", strings.Join(bp.OpenGrants(), "; "))
				case exposure.Undecided:
					return unknownChannel(b, bp.Undecided())
				}
				if blocked := bp.BlockedGrants(); len(blocked) > 0 {
					return check.PassR(b, "no public write is in effect: %s", strings.Join(blocked, "; "))
				}
				return check.PassR(b, "neither the ACL nor the policy lets everyone write")
			})
		},
	}
}

func s3BucketCrossAccountTrusted() check.Check {
	return check.Check{
		ID: "s3_bucket_cross_account_trusted",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachListedBucket(a, func(b *state.Bucket) check.Result {
				bv := exposure.JudgeBucket(a, b, c, exposure.AnyAccess)
				if g := bv.Policy.Gap; g != nil && bv.Policy.Sharing.Level == exposure.Unknown {
					return check.GapR(b, *g)
				}
				r := exposureResult(scopeTrusted, b, "the bucket", bv.Policy.Sharing)
				if r.Status != check.Pass {
					return r
				}
				// ACL grants to other accounts' canonical users share the
				// bucket too, whatever Block Public Access says.
				if bv.ACL.Gap != nil {
					return check.GapR(b, *bv.ACL.Gap)
				}
				if len(bv.ACL.Shares) > 0 {
					var who []string
					for _, g := range bv.ACL.Shares {
						who = append(who, g.String())
					}
					return check.FailR(b, "the bucket ACL grants to untrusted principal(s): %s", strings.Join(who, "; "))
				}
				if bv.Policy.Sharing.Empty {
					return check.PassR(b, "no bucket policy, and the ACL grants nothing to other accounts")
				}
				return r
			})
		},
	}
}

func s3BucketTLSOnly() check.Check {
	return check.Check{
		ID: "s3_bucket_tls_only",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketPolicy, func(b state.Bucket) check.Result {
				return tlsOnlyResult(a, b, "bucket "+b.Name, b.Policy, "s3", b.ARN, b.ARN+"/*")
			})
		},
	}
}
