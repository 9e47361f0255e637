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
// is (its title, description and fix are in meta/<id>.yaml).
type policyStoreSpec struct {
	prefix string
	// policyRead is the input whose gaps hide the policy.
	policyRead state.Input
	// each calls judge on every resource with its name and policy.
	each func(a *state.Account, judge func(r state.Resource, name, doc string) check.Result) []check.Result
}

// policyCheck is the sharing check of scope s on one store kind: the
// verdict is internal/exposure's (the one the data map shows).
func policyCheck(spec policyStoreSpec, s exposureScope) check.Check {
	id := spec.prefix + "_policy_trusted"
	if s == scopePublic {
		id = spec.prefix + "_policy_not_public"
	}
	return check.Check{
		ID: id,
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
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

var sqsPolicy = policyStoreSpec{prefix: "sqs_queue",
	policyRead: state.InputSQSQueueAttributes,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachRegional(a, "sqs", []state.Input{state.InputSQSQueues}, a.SQS.Queues, func(q state.Queue) check.Result {
			return judge(q, "queue "+q.Name, q.Policy)
		})
	}}

var snsPolicy = policyStoreSpec{prefix: "sns_topic",
	policyRead: state.InputSNSTopicAttributes,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachRegional(a, "sns", []state.Input{state.InputSNSTopics}, a.SNS.Topics, func(t state.Topic) check.Result {
			return judge(t, "topic "+t.Name, t.Policy)
		})
	}}

var secretPolicy = policyStoreSpec{prefix: "secretsmanager_secret",
	policyRead: state.InputSecretPolicy,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachSecret(a, func(s state.Secret) check.Result { return judge(s, "secret "+s.Name, s.Policy) })
	}}

var ecrPolicy = policyStoreSpec{prefix: "ecr_repository",
	policyRead: state.InputECRRepositoryPolicy,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachRepository(a, func(r state.ECRRepository) check.Result { return judge(r, "repository "+r.Name, r.Policy) })
	}}

var eventBusPolicy = policyStoreSpec{prefix: "eventbridge_bus",
	policyRead: state.InputEventBuses,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachBus(a, func(b state.EventBus) check.Result { return judge(b, "event bus "+b.Name, b.Policy) })
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
		ID: "sqs_queue_encrypted",
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
		ID: "sns_topic_encrypted",
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
		ID: "secretsmanager_secret_rotation_enabled",
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
		ID: "secretsmanager_secret_rotation_succeeds",
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
		ID: "secretsmanager_secret_rotated_recently",
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
		ID: "secretsmanager_secret_used",
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
		ID: "ecr_repository_image_scanning",
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
		ID: "ecr_repository_tag_immutable",
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
		ID: "ecr_repository_lifecycle_policy",
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
		ID: "eventbridge_custom_bus_policy_attached",
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
