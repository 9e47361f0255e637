package checks

import (
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsQueueARN  = "arn:aws:sqs:eu-west-1:" + testAccountID + ":orders"
	dsTopicARN  = "arn:aws:sns:eu-west-1:" + testAccountID + ":alerts"
	dsSecretARN = "arn:aws:secretsmanager:eu-west-1:" + testAccountID + ":secret:db-AbCdEf"
	dsRepoARN   = "arn:aws:ecr:eu-west-1:" + testAccountID + ":repository/team/api"
	dsBusARN    = "arn:aws:events:eu-west-1:" + testAccountID + ":event-bus/orders"
)

// dsQueue adds an SSE-SQS queue "orders" in eu-west-1, edited by mut.
func dsQueue(mut func(q *state.Queue)) func(*state.Account) {
	return func(a *state.Account) {
		q := state.Queue{Meta: state.Meta{ARN: dsQueueARN, Region: "eu-west-1"}, Name: "orders", SQSManagedSSE: true}
		if mut != nil {
			mut(&q)
		}
		a.SQS.Queues = append(a.SQS.Queues, q)
	}
}

// dsTopic adds a KMS-encrypted topic "alerts" in eu-west-1, edited by mut.
func dsTopic(mut func(t *state.Topic)) func(*state.Account) {
	return func(a *state.Account) {
		t := state.Topic{Meta: state.Meta{ARN: dsTopicARN, Region: "eu-west-1"}, Name: "alerts", KMSKeyID: "alias/aws/sns"}
		if mut != nil {
			mut(&t)
		}
		a.SNS.Topics = append(a.SNS.Topics, t)
	}
}

// dsSecret adds a secret "db" rotated every 30 days, last 10 days ago,
// read yesterday, in eu-west-1, edited by mut.
func dsSecret(mut func(s *state.Secret)) func(*state.Account) {
	return func(a *state.Account) {
		s := state.Secret{Meta: state.Meta{ARN: dsSecretARN, Region: "eu-west-1"}, Name: "db", RotationEnabled: true, RotationDays: 30,
			Created: daysAgo(400), LastRotated: daysAgo(10), LastAccessed: daysAgo(1), NextRotation: daysAgo(-20)}
		if mut != nil {
			mut(&s)
		}
		a.SecretsManager.Secrets = append(a.SecretsManager.Secrets, s)
	}
}

// dsRepo adds an immutable, scanned repository "team/api" with a
// lifecycle policy in eu-west-1 (basic scanning registry), edited by mut.
func dsRepo(mut func(r *state.ECRRepository)) func(*state.Account) {
	return func(a *state.Account) {
		r := state.ECRRepository{Meta: state.Meta{ARN: dsRepoARN, Region: "eu-west-1"}, Name: "team/api", ScanOnPush: true,
			TagMutability: "IMMUTABLE", EncryptionType: "AES256", LifecyclePolicy: `{"rules":[]}`}
		if mut != nil {
			mut(&r)
		}
		a.ECR.Repositories = append(a.ECR.Repositories, r)
		if _, ok := a.ECR.Registry("eu-west-1"); !ok {
			a.ECR.Registries = append(a.ECR.Registries, state.ECRRegistry{Meta: state.Meta{ARN: "arn:aws:ecr:eu-west-1:" + testAccountID + ":registry/" + testAccountID, Region: "eu-west-1"}, ScanType: "BASIC"})
		}
	}
}

func dsRegistry(scanType string, rules ...state.ECRScanningRule) func(*state.Account) {
	return func(a *state.Account) {
		a.ECR.Registries = []state.ECRRegistry{{Meta: state.Meta{ARN: "arn:aws:ecr:eu-west-1:" + testAccountID + ":registry/" + testAccountID, Region: "eu-west-1"}, ScanType: scanType, Rules: rules}}
	}
}

// dsBus adds a custom bus "orders" in eu-west-1, edited by mut.
func dsBus(mut func(b *state.EventBus)) func(*state.Account) {
	return func(a *state.Account) {
		b := state.EventBus{Meta: state.Meta{ARN: dsBusARN, Region: "eu-west-1"}, Name: "orders"}
		if mut != nil {
			mut(&b)
		}
		a.EventBridge.Buses = append(a.EventBridge.Buses, b)
	}
}

// stmt is a one-statement policy granting action on arn to principal.
func stmt(principal, action, arn, cond string) string {
	return dsDoc(`{"Effect":"Allow","Principal":` + principal + `,"Action":"` + action + `","Resource":"` + arn + `"` + cond + `}`)
}

// sharingCases are the cases every scopeSharing/scopePublic/scopeTrusted
// check on a store shares: put sets the store's policy, listGap and
// policyGap hide the store or its policy.
func sharingCases(s exposureScope, put func(doc string) func(*state.Account), arn, action string, listGap, policyGap func(*state.Account)) []checkCase {
	everyone := stmt(`"*"`, action, arn, "")
	partner := stmt(`{"AWS":"777788889999"}`, action, arn, "")
	trusted := &policy.Policy{TrustedAccounts: []string{"777788889999"}}
	out := []checkCase{
		{name: "no policy", acct: baseAccount(put("")), want: dsWant(dsP)},
		{name: "own account", acct: baseAccount(put(stmt(`{"AWS":"arn:aws:iam::`+testAccountID+`:root"}`, action, arn, ""))), want: dsWant(dsP)},
		{name: "trusted account", acct: baseAccount(put(partner)), pol: trusted, want: dsWant(dsP)},
		{name: "org pinned", acct: baseAccount(put(stmt(`"*"`, action, arn, `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-own1234567"}}`))),
			pol: &policy.Policy{OrganizationID: "o-own1234567"}, want: dsWant(dsP)},
		{name: "listing denied", acct: baseAccount(put(everyone), listGap), want: dsWant(dsU)},
		{name: "policy denied", acct: baseAccount(put(everyone), policyGap), want: dsWant(dsU)},
		{name: "forbidden principal wildcard", acct: baseAccount(put(stmt(`{"AWS":"arn:aws:iam::*:root"}`, action, arn, ""))), want: dsWant(dsU), msg: "wildcard"},
	}
	switch s {
	case scopePublic:
		out = append(out,
			checkCase{name: "everyone", acct: baseAccount(put(everyone)), want: dsWant(dsF), msg: "everyone"},
			checkCase{name: "untrusted account is not public", acct: baseAccount(put(partner)), want: dsWant(dsP)})
	case scopeTrusted:
		out = append(out,
			checkCase{name: "untrusted account", acct: baseAccount(put(partner)), want: dsWant(dsF), msg: "777788889999"},
			checkCase{name: "everyone is the public check's", acct: baseAccount(put(everyone)), want: dsWant(dsP)})
	default:
		out = append(out,
			checkCase{name: "everyone", acct: baseAccount(put(everyone)), want: dsWant(dsF), msg: "everyone"},
			checkCase{name: "untrusted account", acct: baseAccount(put(partner)), want: dsWant(dsF), msg: "777788889999"})
	}
	return out
}

func messagingCases() map[string][]checkCase {
	queuePolicy := func(doc string) func(*state.Account) { return dsQueue(func(q *state.Queue) { q.Policy = doc }) }
	topicPolicy := func(doc string) func(*state.Account) { return dsTopic(func(t *state.Topic) { t.Policy = doc }) }
	secretPol := func(doc string) func(*state.Account) { return dsSecret(func(s *state.Secret) { s.Policy = doc }) }
	repoPolicy := func(doc string) func(*state.Account) { return dsRepo(func(r *state.ECRRepository) { r.Policy = doc }) }
	busPolicy := func(doc string) func(*state.Account) { return dsBus(func(b *state.EventBus) { b.Policy = doc }) }
	queueAttrs := dsGap("sqs", "eu-west-1", "GetQueueAttributes", dsQueueARN)
	topicAttrs := dsGap("sns", "eu-west-1", "GetTopicAttributes", dsTopicARN)
	noQueues := dsGap("sqs", "eu-west-1", "ListQueues", "")
	noSecrets := dsGap("secretsmanager", "eu-west-1", "ListSecrets", "")
	noRepos := dsGap("ecr", "eu-west-1", "DescribeRepositories", "")
	noBuses := dsGap("events", "eu-west-1", "ListEventBuses", "")
	secretCase := func(name string, mut func(*state.Secret), want ...string) checkCase {
		c := checkCase{name: name, acct: baseAccount(dsSecret(mut))}
		for _, w := range want {
			switch w {
			case "P":
				c.want = append(c.want, dsP)
			case "F":
				c.want = append(c.want, dsF)
			case "U":
				c.want = append(c.want, dsU)
			case "NA":
				c.want = append(c.want, dsNA)
			}
		}
		return c
	}
	return map[string][]checkCase{
		"sqs_queue_encrypted": {
			{name: "sse-sqs", acct: baseAccount(dsQueue(nil)), want: dsWant(dsP), msg: "SSE-SQS"},
			{name: "sse-kms", acct: baseAccount(dsQueue(func(q *state.Queue) { q.SQSManagedSSE, q.KMSKeyID = false, "alias/aws/sqs" })), want: dsWant(dsP), msg: "SSE-KMS"},
			{name: "unencrypted", acct: baseAccount(dsQueue(func(q *state.Queue) { q.SQSManagedSSE = false })), want: dsWant(dsF)},
			{name: "attributes denied", acct: baseAccount(dsQueue(nil), queueAttrs), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsQueue(nil), noQueues), want: dsWant(dsU)},
		},
		"sqs_queue_policy_not_public": sharingCases(scopePublic, queuePolicy, dsQueueARN, "sqs:SendMessage", noQueues, queueAttrs),
		"sqs_queue_policy_trusted":    sharingCases(scopeTrusted, queuePolicy, dsQueueARN, "sqs:SendMessage", noQueues, queueAttrs),
		"sns_topic_encrypted": {
			{name: "kms", acct: baseAccount(dsTopic(nil)), want: dsWant(dsP)},
			{name: "no key", acct: baseAccount(dsTopic(func(t *state.Topic) { t.KMSKeyID = "" })), want: dsWant(dsF)},
			{name: "attributes denied", acct: baseAccount(dsTopic(nil), topicAttrs), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsTopic(nil), dsGap("sns", "eu-west-1", "ListTopics", "")), want: dsWant(dsU)},
		},
		"sns_topic_policy_not_public": sharingCases(scopePublic, topicPolicy, dsTopicARN, "sns:Publish", dsGap("sns", "eu-west-1", "ListTopics", ""), topicAttrs),
		"sns_topic_policy_trusted":    sharingCases(scopeTrusted, topicPolicy, dsTopicARN, "sns:Publish", dsGap("sns", "eu-west-1", "ListTopics", ""), topicAttrs),
		"secretsmanager_secret_policy_trusted": sharingCases(scopeSharing, secretPol, dsSecretARN, "secretsmanager:GetSecretValue", noSecrets,
			dsGap("secretsmanager", "eu-west-1", "GetResourcePolicy", dsSecretARN)),
		"ecr_repository_policy_trusted": sharingCases(scopeSharing, repoPolicy, dsRepoARN, "ecr:BatchGetImage", noRepos,
			dsGap("ecr", "eu-west-1", "GetRepositoryPolicy", dsRepoARN)),
		"eventbridge_bus_policy_trusted": append(sharingCases(scopeSharing, busPolicy, dsBusARN, "events:PutEvents", noBuses, noBuses)[:4],
			sharingCases(scopeSharing, busPolicy, dsBusARN, "events:PutEvents", noBuses, noBuses)[5:]...),
		"secretsmanager_secret_rotation_enabled": {
			secretCase("rotating", nil, "P"),
			secretCase("off", func(s *state.Secret) { s.RotationEnabled = false }, "F"),
			secretCase("replica", func(s *state.Secret) { s.RotationEnabled, s.PrimaryRegion = false, "eu-central-1" }, "NA"),
			{name: "listing denied", acct: baseAccount(dsSecret(nil), noSecrets), want: dsWant(dsU)},
		},
		"secretsmanager_secret_rotation_succeeds": {
			secretCase("on schedule", nil, "P"),
			secretCase("overdue by interval", func(s *state.Secret) { s.LastRotated, s.NextRotation = daysAgo(45), nil }, "F"),
			secretCase("next rotation in the past", func(s *state.Secret) { s.NextRotation = daysAgo(5) }, "F"),
			secretCase("schedule expression, next due ahead", func(s *state.Secret) { s.RotationDays, s.RotationSchedule = 0, "rate(10 days)" }, "P"),
			secretCase("nothing reported", func(s *state.Secret) {
				s.RotationDays, s.RotationSchedule, s.NextRotation, s.LastRotated, s.Created = 0, "rate(10 days)", nil, nil, nil
			}, "U"),
			secretCase("rotation off", func(s *state.Secret) { s.RotationEnabled = false }, "NA"),
			{name: "listing denied", acct: baseAccount(dsSecret(nil), noSecrets), want: dsWant(dsU)},
		},
		"secretsmanager_secret_rotated_recently": {
			secretCase("10 days", nil, "P"),
			secretCase("120 days", func(s *state.Secret) { s.LastRotated = daysAgo(120) }, "F"),
			secretCase("never rotated, old", func(s *state.Secret) { s.LastRotated = nil }, "F"),
			secretCase("never rotated, new", func(s *state.Secret) { s.LastRotated, s.Created = nil, daysAgo(20) }, "P"),
			secretCase("dates unknown", func(s *state.Secret) { s.LastRotated, s.Created = nil, nil }, "U"),
			{name: "listing denied", acct: baseAccount(dsSecret(nil), noSecrets), want: dsWant(dsU)},
		},
		"secretsmanager_secret_used": {
			secretCase("read yesterday", nil, "P"),
			secretCase("read long ago", func(s *state.Secret) { s.LastAccessed = daysAgo(200) }, "F"),
			secretCase("never read, old", func(s *state.Secret) { s.LastAccessed = nil }, "F"),
			secretCase("never read, new", func(s *state.Secret) { s.LastAccessed, s.Created = nil, daysAgo(5) }, "P"),
			secretCase("dates unknown", func(s *state.Secret) { s.LastAccessed, s.Created = nil, nil }, "U"),
			{name: "listing denied", acct: baseAccount(dsSecret(nil), noSecrets), want: dsWant(dsU)},
		},
		"ecr_repository_image_scanning": {
			{name: "scan on push", acct: baseAccount(dsRepo(nil)), want: dsWant(dsP)},
			{name: "off", acct: baseAccount(dsRepo(func(r *state.ECRRepository) { r.ScanOnPush = false })), want: dsWant(dsF)},
			{name: "basic registry rule", acct: baseAccount(dsRepo(func(r *state.ECRRepository) { r.ScanOnPush = false }),
				dsRegistry("BASIC", state.ECRScanningRule{Frequency: "SCAN_ON_PUSH", Filters: []string{"team/*"}})), want: dsWant(dsP)},
			{name: "enhanced rule covers", acct: baseAccount(dsRepo(func(r *state.ECRRepository) { r.ScanOnPush = false }),
				dsRegistry("ENHANCED", state.ECRScanningRule{Frequency: "CONTINUOUS_SCAN", Filters: []string{"*"}})), want: dsWant(dsP), msg: "Inspector"},
			{name: "enhanced ignores repository setting", acct: baseAccount(dsRepo(nil),
				dsRegistry("ENHANCED", state.ECRScanningRule{Frequency: "CONTINUOUS_SCAN", Filters: []string{"other/*"}})), want: dsWant(dsF)},
			{name: "registry not collected", acct: baseAccount(dsRepo(nil), func(a *state.Account) { a.ECR.Registries = nil }), want: dsWant(dsU)},
			{name: "registry denied", acct: baseAccount(dsRepo(nil), dsGap("ecr", "eu-west-1", "GetRegistryScanningConfiguration", "")), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsRepo(nil), noRepos), want: dsWant(dsU)},
		},
		"ecr_repository_tag_immutable": {
			{name: "immutable", acct: baseAccount(dsRepo(nil)), want: dsWant(dsP)},
			{name: "mutable", acct: baseAccount(dsRepo(func(r *state.ECRRepository) { r.TagMutability = "MUTABLE" })), want: dsWant(dsF)},
			{name: "not reported", acct: baseAccount(dsRepo(func(r *state.ECRRepository) { r.TagMutability = "" })), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsRepo(nil), noRepos), want: dsWant(dsU)},
		},
		"ecr_repository_lifecycle_policy": {
			{name: "present", acct: baseAccount(dsRepo(nil)), want: dsWant(dsP)},
			{name: "missing", acct: baseAccount(dsRepo(func(r *state.ECRRepository) { r.LifecyclePolicy = "" })), want: dsWant(dsF)},
			{name: "denied", acct: baseAccount(dsRepo(nil), dsGap("ecr", "eu-west-1", "GetLifecyclePolicy", dsRepoARN)), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsRepo(nil), noRepos), want: dsWant(dsU)},
		},
		"eventbridge_custom_bus_policy_attached": {
			{name: "custom with policy", acct: baseAccount(busPolicy(stmt(`{"AWS":"arn:aws:iam::`+testAccountID+`:root"}`, "events:PutEvents", dsBusARN, ""))), want: dsWant(dsP)},
			{name: "custom without policy", acct: baseAccount(dsBus(nil)), want: dsWant(dsF)},
			{name: "default bus", acct: baseAccount(dsBus(func(b *state.EventBus) { b.Name = "default" })), want: dsWant(dsNA)},
			{name: "listing denied", acct: baseAccount(dsBus(nil), noBuses), want: dsWant(dsU)},
		},
	}
}
