package synth

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// messaging generates region r's SQS queues, Secrets Manager secrets, ECR
// repositories with the registry's scanning configuration, and event
// buses, every field the collectors read drawn at random.
func (g *gen) messaging(r string) {
	a := g.a
	per := func(kind string) int { return max(1, count(g.n, kind)/len(g.regions)) }
	days := func(maxDays int) *time.Time {
		t := Epoch.Add(-time.Duration(1+g.rng.IntN(maxDays)) * 24 * time.Hour)
		return &t
	}
	for k := 0; k < per("queue"); k++ {
		name := g.id("queue-")
		q := state.Queue{Meta: state.Meta{ARN: g.arn("sqs", r, name), Region: r, Tags: g.tags()}, Name: name,
			URL: "https://sqs." + r + ".amazonaws.com/" + AccountID + "/" + name}
		switch g.rng.IntN(4) {
		case 0, 1:
			q.SQSManagedSSE = true
		case 2:
			q.KMSKeyID = g.pick("alias/aws/sqs", g.arn("kms", r, "key/"+g.id("")))
		}
		if g.chance(30) {
			q.Policy = g.policyDoc(g.pick(`{"Service":"sns.amazonaws.com"}`, `"*"`, `{"AWS":"arn:aws:iam::444455556666:root"}`))
		}
		a.SQS.Queues = append(a.SQS.Queues, q)
	}
	for k := 0; k < per("secret"); k++ {
		name := g.id("secret-")
		s := state.Secret{Meta: state.Meta{ARN: g.arn("secretsmanager", r, "secret:"+name+"-AbCdEf"), Region: r, Tags: g.tags()}, Name: name,
			Created: days(900), LastChanged: days(300)}
		if g.coin() {
			s.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		if g.chance(60) {
			s.RotationEnabled, s.RotationLambdaARN = true, g.arn("lambda", r, "function:rotate")
			s.RotationDays = g.pick2(7, 30, 90)
			s.LastRotated, s.NextRotation = days(120), days(30)
		}
		if g.chance(80) {
			s.LastAccessed = days(200)
		}
		if g.chance(10) {
			s.OwningService = "rds"
		}
		if g.chance(20) {
			s.Policy = g.policyDoc(g.pick(`"*"`, `{"AWS":"arn:aws:iam::444455556666:root"}`))
		}
		a.SecretsManager.Secrets = append(a.SecretsManager.Secrets, s)
	}
	repos := per("repository")
	for k := 0; k < repos; k++ {
		name := g.pick("team/", "base/", "") + g.id("repo-")
		rp := state.ECRRepository{Meta: state.Meta{ARN: g.arn("ecr", r, "repository/"+name), Region: r, Tags: g.tags()}, Name: name,
			URI: AccountID + ".dkr.ecr." + r + ".amazonaws.com/" + name, ScanOnPush: g.coin(), TagMutability: g.pick("MUTABLE", "IMMUTABLE"),
			EncryptionType: g.pick("AES256", "AES256", "KMS")}
		if rp.EncryptionType == "KMS" && g.coin() {
			rp.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
		}
		if g.coin() {
			rp.LifecyclePolicy = `{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}`
		}
		if g.chance(20) {
			rp.Policy = g.policyDoc(g.pick(`"*"`, `{"AWS":"arn:aws:iam::444455556666:root"}`))
		}
		a.ECR.Repositories = append(a.ECR.Repositories, rp)
	}
	if repos > 0 {
		reg := state.ECRRegistry{Meta: state.Meta{ARN: g.arn("ecr", r, "registry/"+AccountID), Region: r}, ScanType: g.pick("BASIC", "ENHANCED")}
		if g.coin() {
			freq := "SCAN_ON_PUSH" // basic scanning has no continuous mode
			if reg.ScanType == "ENHANCED" {
				freq = g.pick("SCAN_ON_PUSH", "CONTINUOUS_SCAN")
			}
			reg.Rules = []state.ECRScanningRule{{Frequency: freq, Filters: []string{g.pick("*", "team/*")}}}
		}
		a.ECR.Registries = append(a.ECR.Registries, reg)
	}
	a.EventBridge.Buses = append(a.EventBridge.Buses, state.EventBus{Meta: state.Meta{ARN: g.arn("events", r, "event-bus/default"), Region: r}, Name: "default"})
	for k := g.rng.IntN(3); k > 0; k-- {
		name := g.id("bus-")
		b := state.EventBus{Meta: state.Meta{ARN: g.arn("events", r, "event-bus/"+name), Region: r}, Name: name}
		if g.coin() {
			b.Policy = g.policyDoc(g.pick(`"*"`, `{"AWS":"arn:aws:iam::444455556666:root"}`))
		}
		a.EventBridge.Buses = append(a.EventBridge.Buses, b)
	}
}
