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
	out := make([]check.Result, 0, len(a.S3.Buckets)) // one per bucket
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
		ID:          "s3_account_public_access_block",
		Title:       "S3 Block Public Access is fully on for the account",
		Description: "Account-level Block Public Access overrides every bucket: with all four settings on, no bucket policy or ACL can make data public, whatever a bucket owner does.",
		Area:        check.AccessSharing,
		Service:     "s3",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "S3 > Block Public Access settings for this account > Edit > tick Block all public access > Save. First confirm no bucket must stay public (static websites belong behind CloudFront with origin access control).",
			CLI:       "aws s3control put-public-access-block --account-id <ACCOUNT_ID> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
			Terraform: "resource \"aws_s3_account_public_access_block\" \"this\" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
		},
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
		ID:          "s3_bucket_public_access_block",
		Title:       "Every S3 bucket is covered by all four Block Public Access settings",
		Description: "The bucket's own Block Public Access settings, combined with the account's, must block and ignore public ACLs and policies.",
		Area:        check.AccessSharing,
		Service:     "s3",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Permissions > Block public access (bucket settings) > Edit > tick Block all public access > Save (or turn it on once for the whole account).",
			CLI:       "aws s3api put-public-access-block --bucket <BUCKET> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
			Terraform: "resource \"aws_s3_bucket_public_access_block\" \"this\" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			acctGap, acctUnknown := a.Gaps.ForInput(state.InputS3AccountPublicAccessBlock, "", "")
			acct := a.S3.AccountPublicAccessBlock
			if acctUnknown {
				acct = nil
			}
			if g, ok := listingGap(a, "", state.InputS3Buckets); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
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
		ID:          "s3_bucket_acls_disabled",
		Title:       "S3 buckets have ACLs disabled (Object Ownership: bucket owner enforced)",
		Description: "With ACLs disabled, access is decided by policies alone and the bucket owner owns every object, so no object-level ACL can quietly share data.",
		Area:        check.AccessSharing,
		Service:     "s3",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Permissions > Object Ownership > Edit > ACLs disabled (Bucket owner enforced) > Save. Move any access that relied on ACLs into the bucket policy first.",
			CLI:       "aws s3api put-bucket-ownership-controls --bucket <BUCKET> --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'",
			Terraform: "resource \"aws_s3_bucket_ownership_controls\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  rule { object_ownership = \"BucketOwnerEnforced\" }\n}",
		},
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
		ID:          "s3_bucket_default_encryption_kms",
		Title:       "S3 buckets encrypt new objects with a KMS key by default",
		Description: "SSE-S3 uses a key AWS owns; SSE-KMS puts every object under a key whose use is logged in CloudTrail and governed by a key policy.",
		Area:        check.EncryptionAtRest,
		Service:     "s3",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Properties > Default encryption > Edit > Server-side encryption with AWS KMS keys (SSE-KMS) > choose a customer managed key > Bucket Key: Enable > Save.",
			CLI:       "aws s3api put-bucket-encryption --bucket <BUCKET> --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"<KEY_ARN>\"},\"BucketKeyEnabled\":true}]}'",
			Terraform: "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = aws_kms_key.data.arn\n    }\n    bucket_key_enabled = true\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketEncryption, func(b state.Bucket) check.Result {
				switch {
				case b.Encryption == nil:
					// Since January 2023 S3 applies SSE-S3 to new objects anyway.
					return check.FailR(b, "no default encryption rule: new objects get SSE-S3 (an AWS owned key)")
				case strings.HasPrefix(b.Encryption.Algorithm, "aws:kms"):
					key := b.Encryption.KMSKeyID
					if key == "" {
						key = "the AWS managed key aws/s3"
					}
					return check.PassR(b, "default encryption is %s with %s", b.Encryption.Algorithm, key)
				default:
					return check.FailR(b, "default encryption is %s (SSE-S3, an AWS owned key)", b.Encryption.Algorithm)
				}
			})
		},
	}
}

func s3BucketVersioning() check.Check {
	return check.Check{
		ID:          "s3_bucket_versioning",
		Title:       "S3 buckets keep object versions",
		Description: "Versioning keeps every overwritten or deleted object recoverable: the first line of defence against mistakes and ransomware in S3.",
		Area:        check.Backup,
		Service:     "s3",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Properties > Bucket Versioning > Edit > Enable > Save; add a lifecycle rule that expires noncurrent versions after the retention you need.",
			CLI:       "aws s3api put-bucket-versioning --bucket <BUCKET> --versioning-configuration Status=Enabled",
			Terraform: "resource \"aws_s3_bucket_versioning\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  versioning_configuration { status = \"Enabled\" }\n}",
		},
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
		ID:          "s3_bucket_mfa_delete",
		Title:       "S3 buckets require MFA to delete object versions or change versioning",
		Description: "MFA delete makes permanent deletion of versions, and suspending versioning, require the root user's MFA code, so stolen credentials cannot wipe the history.",
		Area:        check.Backup,
		Service:     "s3",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "Not available in the console: as the root user with an MFA device, use the CLI or API (below). Versioning must be enabled.",
			CLI:       "aws s3api put-bucket-versioning --bucket <BUCKET> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa '<ROOT_MFA_SERIAL_ARN> <CODE>'",
			Terraform: "resource \"aws_s3_bucket_versioning\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  mfa    = \"<ROOT_MFA_SERIAL_ARN> <CODE>\"\n  versioning_configuration {\n    status     = \"Enabled\"\n    mfa_delete = \"Enabled\"\n  }\n}",
		},
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
		ID:          "s3_bucket_object_lock",
		Title:       "S3 buckets holding sensitive data have Object Lock with a default retention",
		Description: "Object Lock (write once, read many) keeps object versions undeletable for a retention period, even by administrators in compliance mode.",
		Area:        check.Backup,
		Service:     "s3",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Properties > Object Lock > Edit > Enable, set a default retention mode (Compliance for regulated data) and period > Save. Versioning must be enabled.",
			CLI:       "aws s3api put-object-lock-configuration --bucket <BUCKET> --object-lock-configuration 'ObjectLockEnabled=Enabled,Rule={DefaultRetention={Mode=COMPLIANCE,Days=<DAYS>}}'",
			Terraform: "resource \"aws_s3_bucket_object_lock_configuration\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    default_retention {\n      mode = \"COMPLIANCE\"\n      days = 365\n    }\n  }\n}",
		},
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
		ID:          "s3_bucket_lifecycle",
		Title:       "S3 buckets have an enabled lifecycle rule",
		Description: "Lifecycle rules archive and expire data (and old versions) on a schedule the customer chose, instead of keeping everything forever by accident.",
		Area:        check.Backup,
		Service:     "s3",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Management > Create lifecycle rule: transition to an archive class and expire current or noncurrent versions per your retention policy.",
			CLI:       "aws s3api put-bucket-lifecycle-configuration --bucket <BUCKET> --lifecycle-configuration '{\"Rules\":[{\"ID\":\"retention\",\"Status\":\"Enabled\",\"Filter\":{},\"NoncurrentVersionExpiration\":{\"NoncurrentDays\":90},\"AbortIncompleteMultipartUpload\":{\"DaysAfterInitiation\":7}}]}'",
			Terraform: "resource \"aws_s3_bucket_lifecycle_configuration\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    id     = \"retention\"\n    status = \"Enabled\"\n    filter {}\n    noncurrent_version_expiration { noncurrent_days = 90 }\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketLifecycle, func(b state.Bucket) check.Result {
				n := 0
				for _, r := range b.LifecycleRules {
					if r.Enabled {
						n++
					}
				}
				switch {
				case n > 0:
					return check.PassR(b, "%d enabled lifecycle rule(s)", n)
				case len(b.LifecycleRules) > 0:
					return check.FailR(b, "all %d lifecycle rules are disabled", len(b.LifecycleRules))
				default:
					return check.FailR(b, "no lifecycle configuration")
				}
			})
		},
	}
}

func s3BucketReplication() check.Check {
	return check.Check{
		ID:          "s3_bucket_replication",
		Title:       "S3 buckets holding sensitive data replicate to a second bucket",
		Description: "Replication keeps a second copy (in another region or account) that survives the loss or compromise of the first bucket.",
		Area:        check.Backup,
		Service:     "s3",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Management > Replication rules > Create replication rule: choose a destination bucket in an allowed region (ideally another account), an IAM role, and the destination KMS key.",
			CLI:       "aws s3api put-bucket-replication --bucket <BUCKET> --replication-configuration file://replication.json",
			Terraform: "resource \"aws_s3_bucket_replication_configuration\" \"this\" {\n  bucket = aws_s3_bucket.this.id\n  role   = aws_iam_role.replication.arn\n  rule {\n    id     = \"dr\"\n    status = \"Enabled\"\n    destination { bucket = aws_s3_bucket.replica.arn }\n  }\n}",
		},
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
		ID:          "s3_bucket_event_notifications",
		Title:       "S3 buckets send event notifications",
		Description: "Event notifications (to SNS, SQS, Lambda or EventBridge) let the customer react to object creation and deletion as it happens.",
		Area:        check.Logging,
		Service:     "s3",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Properties > Amazon EventBridge > Edit > On (or Event notifications > Create event notification for object create/delete).",
			CLI:       "aws s3api put-bucket-notification-configuration --bucket <BUCKET> --notification-configuration '{\"EventBridgeConfiguration\":{}}'",
			Terraform: "resource \"aws_s3_bucket_notification\" \"this\" {\n  bucket      = aws_s3_bucket.this.id\n  eventbridge = true\n}",
		},
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
		ID:          "s3_bucket_access_logging",
		Title:       "S3 buckets log server access requests",
		Description: "Server access logs record every request to the bucket (who, what, when, result): evidence for audits and incident response.",
		Area:        check.Logging,
		Service:     "s3",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Properties > Server access logging > Edit > Enable, choose a dedicated log bucket in the same region and a prefix > Save.",
			CLI:       "aws s3api put-bucket-logging --bucket <BUCKET> --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<LOG_BUCKET>\",\"TargetPrefix\":\"<BUCKET>/\"}}'",
			Terraform: "resource \"aws_s3_bucket_logging\" \"this\" {\n  bucket        = aws_s3_bucket.this.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = \"${aws_s3_bucket.this.id}/\"\n}",
		},
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
		ID:          "s3_bucket_policy_not_public",
		Title:       "S3 bucket policies grant nothing to everyone",
		Description: "A bucket policy statement for Principal \"*\" without a condition that pins callers (organization, account, VPC endpoint, narrow IP range) opens the bucket to anyone on the internet, unless Block Public Access restricts public buckets.",
		Area:        check.AccessSharing,
		Service:     "s3",
		Severity:    severityFor(scopePublic),
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Permissions > Bucket policy > Edit: remove the statements for Principal \"*\" or add a condition such as aws:PrincipalOrgID or aws:SourceVpce; serve public content through CloudFront with origin access control. Then turn on Block Public Access.",
			CLI:       "aws s3api get-bucket-policy --bucket <BUCKET> --query Policy --output text > policy.json  # edit it\naws s3api put-bucket-policy --bucket <BUCKET> --policy file://policy.json\naws s3api put-public-access-block --bucket <BUCKET> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
			Terraform: "data \"aws_iam_policy_document\" \"bucket\" {\n  statement {\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"*\"]\n    }\n    actions   = [\"s3:GetObject\"]\n    resources = [\"${aws_s3_bucket.this.arn}/*\"]\n    condition {\n      test     = \"StringEquals\"\n      variable = \"aws:PrincipalOrgID\"\n      values   = [\"<ORG_ID>\"]\n    }\n  }\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposure.NewContext(a, p)
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
		ID:          "s3_bucket_no_public_write",
		Title:       "No S3 bucket lets everyone write or delete",
		Description: "Public write, through an ACL grant to AllUsers or AuthenticatedUsers or a policy statement for everyone, lets anyone plant, overwrite or delete data (and run up the bill).",
		Area:        check.AccessSharing,
		Service:     "s3",
		Severity:    severityFor(scopePublic),
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Permissions: remove WRITE/FULL_CONTROL grants for Everyone and Authenticated users (or disable ACLs with Bucket owner enforced) and the policy statements that grant s3:Put*/s3:Delete* to \"*\"; turn on Block Public Access.",
			CLI:       "aws s3api put-bucket-ownership-controls --bucket <BUCKET> --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'\naws s3api put-public-access-block --bucket <BUCKET> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
			Terraform: "resource \"aws_s3_bucket_public_access_block\" \"this\" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposure.NewContext(a, p)
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
		ID:          "s3_bucket_cross_account_trusted",
		Title:       "S3 bucket policies grant access only to trusted accounts",
		Description: "Every account a bucket policy names (and every other account's canonical user its ACL names) can act on the data; sharing must be deliberate and go only to accounts the customer trusts (trusted_accounts in shoulder.yaml).",
		Area:        check.AccessSharing,
		Service:     "s3",
		Severity:    severityFor(scopeTrusted),
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Permissions > Bucket policy > Edit: remove the statements for accounts you do not trust (or add them to trusted_accounts in shoulder.yaml if the sharing is deliberate).",
			CLI:       "aws s3api get-bucket-policy --bucket <BUCKET> --query Policy --output text > policy.json  # remove the untrusted principals\naws s3api put-bucket-policy --bucket <BUCKET> --policy file://policy.json",
			Terraform: "# In the aws_s3_bucket_policy document, keep only principals of trusted accounts:\n# principals { type = \"AWS\", identifiers = [\"arn:aws:iam::<TRUSTED_ACCOUNT_ID>:root\"] }",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposure.NewContext(a, p)
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
		ID:          "s3_bucket_tls_only",
		Title:       "S3 buckets refuse requests that are not sent over TLS",
		Description: "S3 answers plain HTTP unless the bucket policy denies requests where aws:SecureTransport is false, for the bucket and every object in it.",
		Area:        check.EncryptionInTransit,
		Service:     "s3",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "S3 > bucket > Permissions > Bucket policy > Edit: add a statement Effect Deny, Principal \"*\", Action s3:*, Resource the bucket ARN and <bucket ARN>/*, Condition Bool aws:SecureTransport false.",
			CLI:       "aws s3api put-bucket-policy --bucket <BUCKET> --policy '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::<BUCKET>\",\"arn:aws:s3:::<BUCKET>/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}'",
			Terraform: "data \"aws_iam_policy_document\" \"tls_only\" {\n  statement {\n    effect    = \"Deny\"\n    actions   = [\"s3:*\"]\n    resources = [aws_s3_bucket.this.arn, \"${aws_s3_bucket.this.arn}/*\"]\n    principals {\n      type        = \"*\"\n      identifiers = [\"*\"]\n    }\n    condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n      values   = [\"false\"]\n    }\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBucket(a, state.InputS3BucketPolicy, func(b state.Bucket) check.Result {
				return tlsOnlyResult(b, "bucket "+b.Name, b.Policy, "s3", b.ARN, b.ARN+"/*")
			})
		},
	}
}
