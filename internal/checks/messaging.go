package checks

import (
	"strconv"
	"strings"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// messagingChecks are the customer's duties on SQS, SNS, Secrets Manager,
// ECR and EventBridge: AWS runs the service, but encrypting what it holds,
// who its resource policies let in, rotating secrets, scanning images and
// keeping tags immutable are the customer's.
func messagingChecks() []check.Check {
	return []check.Check{
		sqsQueueEncrypted(),
		policyCheck(sqsPolicy, scopePublic),
		policyCheck(sqsPolicy, scopeTrusted),
		snsTopicEncrypted(),
		policyCheck(snsPolicy, scopePublic),
		policyCheck(snsPolicy, scopeTrusted),
		secretRotationEnabled(),
		secretRotationSucceeds(),
		secretRotatedRecently(),
		secretUnused(),
		policyCheck(secretPolicy, scopeSharing),
		ecrRepositoryScanning(),
		ecrRepositoryTagImmutable(),
		ecrRepositoryLifecyclePolicy(),
		policyCheck(ecrPolicy, scopeSharing),
		eventBridgeCustomBusPolicy(),
		policyCheck(eventBusPolicy, scopeSharing),
	}
}

// secretMaxDays is how old a rotation, or the last read of a secret, may
// be: FSBP's default for SecretsManager.3 and SecretsManager.4.
const secretMaxDays = 90

// policyStoreSpec describes one kind of resource with a resource policy
// for the generic sharing checks: how to list them, what the policy read
// is, and how to word and fix it.
type policyStoreSpec struct {
	prefix, what, service string
	// policyRead is the input whose gaps hide the policy.
	policyRead state.Input
	// each calls judge on every resource with its name and policy.
	each func(a *state.Account, judge func(r state.Resource, name, doc string) check.Result) []check.Result
	fix  check.Remediation
}

// policyCheck is the sharing check of scope s on one store kind: the
// verdict is internal/exposure's (the one the data map shows).
func policyCheck(spec policyStoreSpec, s exposureScope) check.Check {
	id, title, desc := spec.prefix+"_policy_trusted", spec.what+" policies grant nothing to everyone or to untrusted accounts",
		"A resource policy for Principal \"*\" without a narrowing condition lets anyone use the "+strings.ToLower(spec.what)+"; grants to other accounts must go to trusted ones."
	switch s {
	case scopePublic:
		id, title, desc = spec.prefix+"_policy_not_public", spec.what+" policies do not allow public access",
			"A resource policy that grants to everyone (Principal \"*\", an unpinned service or web identity) lets anyone on the internet use the "+strings.ToLower(spec.what)+"."
	case scopeTrusted:
		title, desc = spec.what+" policies share only with trusted accounts",
			"Grants to other accounts, organizations or unpinned services must go to parties the policy trusts (trusted_accounts, organization_id); grants to everyone are the _not_public check's finding."
	}
	return check.Check{
		ID: id, Title: title, Description: desc,
		Area: check.AccessSharing, Service: spec.service, Severity: severityFor(s), Remediation: spec.fix,
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposure.NewContext(a, p)
			return spec.each(a, func(r state.Resource, name, doc string) check.Result {
				m := r.Ref()
				if g, ok := a.Gaps.ForInput(spec.policyRead, m.Region, m.ARN); ok {
					return check.GapR(r, g)
				}
				return exposureResult(s, r, name, exposure.Judge(doc, c))
			})
		},
	}
}

var sqsPolicy = policyStoreSpec{prefix: "sqs_queue", what: "SQS queue", service: "sqs",
	policyRead: state.InputSQSQueueAttributes,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachRegional(a, "sqs", []state.Input{state.InputSQSQueues}, a.SQS.Queues, func(q state.Queue) check.Result {
			return judge(q, "queue "+q.Name, q.Policy)
		})
	},
	fix: check.Remediation{
		Console:   "SQS > queue > Access policy > Edit: remove statements for \"*\" or untrusted accounts, or pin them with aws:SourceArn/aws:SourceAccount or aws:PrincipalOrgID.",
		CLI:       "aws sqs get-queue-attributes --queue-url <QUEUE_URL> --attribute-names Policy\naws sqs set-queue-attributes --queue-url <QUEUE_URL> --attributes file://policy.json",
		Terraform: "resource \"aws_sqs_queue_policy\" \"this\" {\n  queue_url = aws_sqs_queue.this.id\n  policy    = data.aws_iam_policy_document.queue.json # principals: own or trusted accounts only\n}",
	}}

var snsPolicy = policyStoreSpec{prefix: "sns_topic", what: "SNS topic", service: "sns",
	policyRead: state.InputSNSTopicAttributes,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachRegional(a, "sns", []state.Input{state.InputSNSTopics}, a.SNS.Topics, func(t state.Topic) check.Result {
			return judge(t, "topic "+t.Name, t.Policy)
		})
	},
	fix: check.Remediation{
		Console:   "SNS > Topics > topic > Edit > Access policy: remove statements for \"*\" or untrusted accounts, or add an aws:SourceOwner/aws:SourceAccount or aws:PrincipalOrgID condition.",
		CLI:       "aws sns get-topic-attributes --topic-arn <TOPIC_ARN>\naws sns set-topic-attributes --topic-arn <TOPIC_ARN> --attribute-name Policy --attribute-value file://policy.json",
		Terraform: "resource \"aws_sns_topic_policy\" \"this\" {\n  arn    = aws_sns_topic.this.arn\n  policy = data.aws_iam_policy_document.topic.json # principals: own or trusted accounts only\n}",
	}}

var secretPolicy = policyStoreSpec{prefix: "secretsmanager_secret", what: "Secrets Manager secret", service: "secretsmanager",
	policyRead: state.InputSecretPolicy,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachSecret(a, func(s state.Secret) check.Result { return judge(s, "secret "+s.Name, s.Policy) })
	},
	fix: check.Remediation{
		Console:   "Secrets Manager > secret > Overview > Resource permissions > Edit permissions: remove statements for \"*\" or untrusted accounts (Block public access stays on).",
		CLI:       "aws secretsmanager get-resource-policy --secret-id <SECRET>\naws secretsmanager put-resource-policy --secret-id <SECRET> --resource-policy file://policy.json --block-public-policy",
		Terraform: "resource \"aws_secretsmanager_secret_policy\" \"this\" {\n  secret_arn          = aws_secretsmanager_secret.this.arn\n  policy              = data.aws_iam_policy_document.secret.json\n  block_public_policy = true\n}",
	}}

var ecrPolicy = policyStoreSpec{prefix: "ecr_repository", what: "ECR repository", service: "ecr",
	policyRead: state.InputECRRepositoryPolicy,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachRepository(a, func(r state.ECRRepository) check.Result { return judge(r, "repository "+r.Name, r.Policy) })
	},
	fix: check.Remediation{
		Console:   "ECR > Private repositories > repository > Permissions > Edit policy JSON: remove statements for \"*\" or untrusted accounts.",
		CLI:       "aws ecr get-repository-policy --repository-name <REPO>\naws ecr set-repository-policy --repository-name <REPO> --policy-text file://policy.json",
		Terraform: "resource \"aws_ecr_repository_policy\" \"this\" {\n  repository = aws_ecr_repository.this.name\n  policy     = data.aws_iam_policy_document.repo.json # principals: own or trusted accounts only\n}",
	}}

var eventBusPolicy = policyStoreSpec{prefix: "eventbridge_bus", what: "EventBridge event bus", service: "eventbridge",
	policyRead: state.InputEventBuses,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachBus(a, func(b state.EventBus) check.Result { return judge(b, "event bus "+b.Name, b.Policy) })
	},
	fix: check.Remediation{
		Console:   "EventBridge > Event buses > bus > Permissions > Manage: remove statements for \"*\" or untrusted accounts, or add an aws:PrincipalOrgID condition.",
		CLI:       "aws events describe-event-bus --name <BUS>\naws events remove-permission --event-bus-name <BUS> --statement-id <SID>",
		Terraform: "resource \"aws_cloudwatch_event_bus_policy\" \"this\" {\n  event_bus_name = aws_cloudwatch_event_bus.this.name\n  policy         = data.aws_iam_policy_document.bus.json # principals: own or trusted accounts only\n}",
	}}

func eachQueue(a *state.Account, judge func(q state.Queue) check.Result) []check.Result {
	return eachRegional(a, "sqs", []state.Input{state.InputSQSQueues}, a.SQS.Queues, judge)
}

func eachSecret(a *state.Account, judge func(s state.Secret) check.Result) []check.Result {
	return eachRegional(a, "secretsmanager", []state.Input{state.InputSecrets}, a.SecretsManager.Secrets, judge)
}

func eachRepository(a *state.Account, judge func(r state.ECRRepository) check.Result) []check.Result {
	return eachRegional(a, "ecr", []state.Input{state.InputECRRepositories}, a.ECR.Repositories, judge)
}

func eachBus(a *state.Account, judge func(b state.EventBus) check.Result) []check.Result {
	return eachRegional(a, "events", []state.Input{state.InputEventBuses}, a.EventBridge.Buses, judge)
}

func sqsQueueEncrypted() check.Check {
	return check.Check{
		ID:          "sqs_queue_encrypted",
		Title:       "SQS queues are encrypted at rest",
		Description: "Messages wait in a queue until consumed; server-side encryption (SSE-SQS with keys SQS owns, or SSE-KMS with a KMS key) keeps them encrypted on disk. It is off unless the customer (or, for new queues, the console default) turns it on.",
		Area:        check.EncryptionAtRest,
		Service:     "sqs",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "SQS > queue > Edit > Encryption: Server-side encryption Enabled (Amazon SQS key, or an AWS KMS key for custody) > Save.",
			CLI:       "aws sqs set-queue-attributes --queue-url <QUEUE_URL> --attributes SqsManagedSseEnabled=true",
			Terraform: "resource \"aws_sqs_queue\" \"this\" {\n  name                    = \"<QUEUE>\"\n  sqs_managed_sse_enabled = true # or kms_master_key_id = aws_kms_key.this.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachQueue(a, func(q state.Queue) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputSQSQueueAttributes, q.Region, q.ARN); ok {
					return check.GapR(q, g)
				}
				switch {
				case q.KMSKeyID != "":
					return check.PassR(q, "queue %s is encrypted with KMS key %s (SSE-KMS)", q.Name, q.KMSKeyID)
				case q.SQSManagedSSE:
					return check.PassR(q, "queue %s is encrypted with SQS owned keys (SSE-SQS)", q.Name)
				}
				return check.FailR(q, "queue %s is not encrypted at rest (neither SSE-SQS nor SSE-KMS)", q.Name)
			})
		},
	}
}

func snsTopicEncrypted() check.Check {
	return check.Check{
		ID:          "sns_topic_encrypted",
		Title:       "SNS topics are encrypted at rest with KMS",
		Description: "SNS stores messages until delivered; a topic encrypts them at rest only when the customer sets a KMS key (the AWS managed alias/aws/sns or a customer managed key). Without one, messages rest unencrypted.",
		Area:        check.EncryptionAtRest,
		Service:     "sns",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "SNS > Topics > topic > Edit > Encryption: Enable encryption, choose a KMS key > Save changes.",
			CLI:       "aws sns set-topic-attributes --topic-arn <TOPIC_ARN> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns",
			Terraform: "resource \"aws_sns_topic\" \"this\" {\n  name              = \"<TOPIC>\"\n  kms_master_key_id = \"alias/aws/sns\" # or aws_kms_key.this.arn\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "sns", []state.Input{state.InputSNSTopics}, a.SNS.Topics, func(t state.Topic) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputSNSTopicAttributes, t.Region, t.ARN); ok {
					return check.GapR(t, g)
				}
				if t.KMSKeyID != "" {
					return check.PassR(t, "topic %s is encrypted with KMS key %s", t.Name, t.KMSKeyID)
				}
				return check.FailR(t, "topic %s has no KMS key: messages rest unencrypted", t.Name)
			})
		},
	}
}

func secretRotationEnabled() check.Check {
	return check.Check{
		ID:          "secretsmanager_secret_rotation_enabled",
		Title:       "Secrets Manager secrets rotate automatically",
		Description: "A secret that never changes stays valid for whoever once read it; automatic rotation (a rotation function, or the owning service for managed secrets) limits how long a leaked value works.",
		Area:        check.Identity,
		Service:     "secretsmanager",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Secrets Manager > secret > Rotation > Edit rotation: turn on Automatic rotation, set a schedule and a rotation function > Save.",
			CLI:       "aws secretsmanager rotate-secret --secret-id <SECRET> --rotation-lambda-arn <FUNCTION_ARN> --rotation-rules AutomaticallyAfterDays=30",
			Terraform: "resource \"aws_secretsmanager_secret_rotation\" \"this\" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachSecret(a, func(s state.Secret) check.Result {
				if s.PrimaryRegion != "" {
					return check.NotApplicableR(s, "secret %s is a replica of the secret in %s, which rotates it", s.Name, s.PrimaryRegion)
				}
				if s.RotationEnabled {
					return check.PassR(s, "secret %s rotates automatically (%s)", s.Name, rotationSchedule(s))
				}
				return check.FailR(s, "secret %s has automatic rotation off", s.Name)
			})
		},
	}
}

// rotationSchedule words a secret's rotation schedule.
func rotationSchedule(s state.Secret) string {
	switch {
	case s.RotationSchedule != "":
		return s.RotationSchedule
	case s.RotationDays > 0:
		return "every " + strconv.Itoa(s.RotationDays) + " days"
	}
	return "schedule not reported"
}

// lastRotation is when a secret last got a new value by rotation, or was
// created when it never rotated; ok is false when neither is known.
func lastRotation(s state.Secret) (time.Time, string, bool) {
	switch {
	case s.LastRotated != nil:
		return *s.LastRotated, "last rotated", true
	case s.Created != nil:
		return *s.Created, "never rotated, created", true
	}
	return time.Time{}, "", false
}

func secretRotationSucceeds() check.Check {
	return check.Check{
		ID:          "secretsmanager_secret_rotation_succeeds",
		Title:       "Secrets with automatic rotation rotate on schedule",
		Description: "Rotation that is switched on but fails (a broken function, a network path to the database that is gone) leaves the old value in place while everyone believes it rotates. A secret whose rotation is overdue by more than a day has a failing rotation.",
		Area:        check.Identity,
		Service:     "secretsmanager",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Secrets Manager > secret > Rotation: read the rotation function's CloudWatch logs, fix it (permissions, VPC access to the database), then Rotate secret immediately.",
			CLI:       "aws secretsmanager describe-secret --secret-id <SECRET>\naws secretsmanager rotate-secret --secret-id <SECRET>",
			Terraform: "resource \"aws_secretsmanager_secret_rotation\" \"this\" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn # a function that can reach the database\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			return eachSecret(a, func(s state.Secret) check.Result {
				if !s.RotationEnabled || s.PrimaryRegion != "" {
					return check.NotApplicableR(s, "secret %s has no automatic rotation of its own", s.Name)
				}
				if s.NextRotation != nil && now.Sub(*s.NextRotation) > 24*time.Hour {
					return check.FailR(s, "secret %s: rotation was due %s and has not happened", s.Name, s.NextRotation.Format("2006-01-02"))
				}
				last, what, ok := lastRotation(s)
				if s.RotationDays > 0 && ok {
					if age := daysSince(now, last); age > s.RotationDays+1 {
						return check.FailR(s, "secret %s rotates every %d days but was %s %d days ago: rotation is failing", s.Name, s.RotationDays, what, age)
					}
					return check.PassR(s, "secret %s rotates every %d days and was %s %d days ago", s.Name, s.RotationDays, what, daysSince(now, last))
				}
				if s.NextRotation != nil {
					return check.PassR(s, "secret %s: next rotation due %s", s.Name, s.NextRotation.Format("2006-01-02"))
				}
				return check.UnknownR(s, "secret %s rotates (%s), but neither its last rotation nor its next was reported", s.Name, rotationSchedule(s))
			})
		},
	}
}

func secretRotatedRecently() check.Check {
	return check.Check{
		ID:          "secretsmanager_secret_rotated_recently",
		Title:       "Secrets Manager secrets were rotated within 90 days",
		Description: "However rotation is set up, a secret value older than 90 days has been exposed to every reader, log and copy for that long; FSBP SecretsManager.4 asks for rotation within 90 days (a never-rotated secret counts from its creation).",
		Area:        check.Identity,
		Service:     "secretsmanager",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Secrets Manager > secret > Rotation > Rotate secret immediately, and turn on automatic rotation at 90 days or less.",
			CLI:       "aws secretsmanager rotate-secret --secret-id <SECRET>",
			Terraform: "resource \"aws_secretsmanager_secret_rotation\" \"this\" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = 90\n  }\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			return eachSecret(a, func(s state.Secret) check.Result {
				last, what, ok := lastRotation(s)
				if !ok {
					return check.UnknownR(s, "secret %s: neither its last rotation nor its creation date was reported", s.Name)
				}
				age := daysSince(now, last)
				if age > secretMaxDays {
					return check.FailR(s, "secret %s was %s %d days ago (limit %d)", s.Name, what, age, secretMaxDays)
				}
				return check.PassR(s, "secret %s was %s %d days ago (limit %d)", s.Name, what, age, secretMaxDays)
			})
		},
	}
}

func secretUnused() check.Check {
	return check.Check{
		ID:          "secretsmanager_secret_used",
		Title:       "Secrets Manager secrets not read for 90 days are removed",
		Description: "A secret nobody reads is a credential nobody needs, still valid for whoever holds it; FSBP SecretsManager.3 asks to remove secrets not accessed for 90 days (a secret younger than that counts as in use).",
		Area:        check.Identity,
		Service:     "secretsmanager",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "Secrets Manager > secret: confirm nothing uses it (CloudTrail GetSecretValue events), revoke the credential it holds, then Actions > Delete secret (7-30 day recovery window).",
			CLI:       "aws secretsmanager delete-secret --secret-id <SECRET> --recovery-window-in-days 30",
			Terraform: "# Remove the aws_secretsmanager_secret resource (recovery_window_in_days = 30 keeps it restorable).",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			return eachSecret(a, func(s state.Secret) check.Result {
				if s.LastAccessed != nil {
					if age := daysSince(now, *s.LastAccessed); age > secretMaxDays {
						return check.FailR(s, "secret %s was last read %d days ago (limit %d)", s.Name, age, secretMaxDays)
					}
					return check.PassR(s, "secret %s was read %d days ago", s.Name, daysSince(now, *s.LastAccessed))
				}
				if s.Created == nil {
					return check.UnknownR(s, "secret %s: neither its last access nor its creation date was reported", s.Name)
				}
				if age := daysSince(now, *s.Created); age > secretMaxDays {
					return check.FailR(s, "secret %s was created %d days ago and never read", s.Name, age)
				}
				return check.PassR(s, "secret %s is %d days old and not read yet (limit %d)", s.Name, daysSince(now, *s.Created), secretMaxDays)
			})
		},
	}
}

func ecrRepositoryScanning() check.Check {
	return check.Check{
		ID:          "ecr_repository_image_scanning",
		Title:       "ECR private repositories scan images for vulnerabilities",
		Description: "AWS patches ECR, not the images in it: a repository scans its images only when the customer turns on scan on push (basic scanning) or covers it with a registry scanning rule (enhanced scanning with Amazon Inspector). In enhanced mode the repository's own scan-on-push setting is ignored.",
		Area:        check.Patching,
		Service:     "ecr",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "ECR > Private registry > Settings > Scanning: add a rule (scan on push or continuous) whose filter matches the repository, or edit the repository > Image scan settings > Scan on push.",
			CLI:       "aws ecr put-image-scanning-configuration --repository-name <REPO> --image-scanning-configuration scanOnPush=true\naws ecr put-registry-scanning-configuration --scan-type ENHANCED --rules '[{\"scanFrequency\":\"CONTINUOUS_SCAN\",\"repositoryFilters\":[{\"filter\":\"*\",\"filterType\":\"WILDCARD\"}]}]'",
			Terraform: "resource \"aws_ecr_registry_scanning_configuration\" \"this\" {\n  scan_type = \"ENHANCED\"\n  rule {\n    scan_frequency = \"CONTINUOUS_SCAN\"\n    repository_filter {\n      filter      = \"*\"\n      filter_type = \"WILDCARD\"\n    }\n  }\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRepository(a, func(r state.ECRRepository) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputECRRegistryScanning, r.Region, ""); ok {
					return check.GapR(r, g)
				}
				reg, ok := a.ECR.Registry(r.Region)
				if !ok {
					return check.UnknownR(r, "repository %s: the registry scanning configuration of %s was not collected", r.Name, r.Region)
				}
				freq := reg.ScanFrequency(r.Name)
				if reg.ScanType == "ENHANCED" {
					if freq == "SCAN_ON_PUSH" || freq == "CONTINUOUS_SCAN" {
						return check.PassR(r, "repository %s is scanned by Amazon Inspector (enhanced, %s)", r.Name, freq)
					}
					return check.FailR(r, "repository %s matches no enhanced scanning rule of the registry (its own scan-on-push is ignored in enhanced mode)", r.Name)
				}
				switch {
				case r.ScanOnPush:
					return check.PassR(r, "repository %s scans images on push (basic)", r.Name)
				case freq == "SCAN_ON_PUSH":
					return check.PassR(r, "repository %s is covered by a basic scan-on-push registry rule", r.Name)
				}
				return check.FailR(r, "repository %s does not scan images: scan on push is off and no registry rule covers it", r.Name)
			})
		},
	}
}

func ecrRepositoryTagImmutable() check.Check {
	return check.Check{
		ID:          "ecr_repository_tag_immutable",
		Title:       "ECR private repositories have immutable image tags",
		Description: "With mutable tags anyone who can push can replace the image a tag (like prod or v1.2) points to, so what is deployed is no longer what was built, scanned and approved.",
		Area:        check.Patching,
		Service:     "ecr",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "ECR > Private repositories > repository > Edit > Tag immutability: Immutable > Save.",
			CLI:       "aws ecr put-image-tag-mutability --repository-name <REPO> --image-tag-mutability IMMUTABLE",
			Terraform: "resource \"aws_ecr_repository\" \"this\" {\n  name                 = \"<REPO>\"\n  image_tag_mutability = \"IMMUTABLE\"\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRepository(a, func(r state.ECRRepository) check.Result {
				switch r.TagMutability {
				case "IMMUTABLE":
					return check.PassR(r, "repository %s has immutable tags", r.Name)
				case "IMMUTABLE_WITH_EXCLUSION":
					return check.PassR(r, "repository %s has immutable tags (with excluded tag patterns)", r.Name)
				case "MUTABLE", "MUTABLE_WITH_EXCLUSION":
					return check.FailR(r, "repository %s has mutable tags (%s): a push can replace what a tag points to", r.Name, r.TagMutability)
				}
				return check.UnknownR(r, "repository %s: tag mutability %q was not reported or is not known to shoulder", r.Name, r.TagMutability)
			})
		},
	}
}

func ecrRepositoryLifecyclePolicy() check.Check {
	return check.Check{
		ID:          "ecr_repository_lifecycle_policy",
		Title:       "ECR repositories have a lifecycle policy",
		Description: "Without a lifecycle policy old images, with the vulnerabilities of their day, stay in the repository and can still be pulled and run; a lifecycle policy expires them.",
		Area:        check.Patching,
		Service:     "ecr",
		Severity:    check.Medium,
		Remediation: check.Remediation{
			Console:   "ECR > Private repositories > repository > Lifecycle Policy > Create rule (e.g. expire untagged images after 14 days, keep the last 30 tagged) > Save.",
			CLI:       "aws ecr put-lifecycle-policy --repository-name <REPO> --lifecycle-policy-text file://lifecycle.json",
			Terraform: "resource \"aws_ecr_lifecycle_policy\" \"this\" {\n  repository = aws_ecr_repository.this.name\n  policy = jsonencode({ rules = [{ rulePriority = 1, description = \"expire untagged\", selection = { tagStatus = \"untagged\", countType = \"sinceImagePushed\", countUnit = \"days\", countNumber = 14 }, action = { type = \"expire\" } }] })\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRepository(a, func(r state.ECRRepository) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputECRLifecyclePolicy, r.Region, r.ARN); ok {
					return check.GapR(r, g)
				}
				if strings.TrimSpace(r.LifecyclePolicy) == "" {
					return check.FailR(r, "repository %s has no lifecycle policy: old images are never expired", r.Name)
				}
				return check.PassR(r, "repository %s has a lifecycle policy", r.Name)
			})
		},
	}
}

func eventBridgeCustomBusPolicy() check.Check {
	return check.Check{
		ID:          "eventbridge_custom_bus_policy_attached",
		Title:       "EventBridge custom event buses have a resource-based policy",
		Description: "A custom bus without a resource policy leaves who may put events on it to identity policies alone; a bus policy states which accounts and services may send to it (FSBP EventBridge.3).",
		Area:        check.AccessSharing,
		Service:     "eventbridge",
		Severity:    check.Low,
		Remediation: check.Remediation{
			Console:   "EventBridge > Event buses > custom bus > Permissions > Manage permissions: add a policy that allows events:PutEvents only to the accounts that send to it.",
			CLI:       "aws events put-permission --event-bus-name <BUS> --policy file://bus-policy.json",
			Terraform: "resource \"aws_cloudwatch_event_bus_policy\" \"this\" {\n  event_bus_name = aws_cloudwatch_event_bus.this.name\n  policy         = data.aws_iam_policy_document.bus.json\n}",
		},
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBus(a, func(b state.EventBus) check.Result {
				if !b.Custom() {
					return check.NotApplicableR(b, "event bus %s is not a custom bus", b.Name)
				}
				if strings.TrimSpace(b.Policy) == "" {
					return check.FailR(b, "custom event bus %s has no resource-based policy", b.Name)
				}
				return check.PassR(b, "custom event bus %s has a resource-based policy", b.Name)
			})
		},
	}
}
