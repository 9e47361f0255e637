package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// messaging adds Alpenglow's SQS queues, secrets, ECR repositories and
// event buses: the Frankfurt platform keeps them well (customer managed
// keys, rotation, immutable scanned images, an organization-only bus);
// the US marketing stack has an open lead queue, a repository anyone can
// pull from and a secret shared with a former agency; a contractor's bus
// in Ireland has no policy and an FTP password nobody rotates or reads.
func (x *b) messaging() {
	fra, dub, iad := "eu-central-1", "eu-west-1", "us-east-1"
	own := "arn:aws:iam::" + AccountID + ":root"
	doc := func(stmts string) string { return `{"Version":"2012-10-17","Statement":[` + stmts + `]}` }

	ordersQueue := x.arn("sqs", fra, "order-events")
	leadsQueue := x.arn("sqs", iad, "leads-intake")
	x.a.SQS.Queues = append(x.a.SQS.Queues,
		state.Queue{Meta: state.Meta{ARN: ordersQueue, Region: fra, Tags: tags("data-classification", "confidential", "owner", "platform")},
			Name: "order-events", URL: "https://sqs." + fra + ".amazonaws.com/" + AccountID + "/order-events", KMSKeyID: x.datalakeKey(fra),
			Policy: doc(`{"Sid":"OrdersTopic","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"` + ordersQueue +
				`","Condition":{"ArnEquals":{"aws:SourceArn":"` + x.arn("sns", fra, "order-events") + `"}}}`)},
		// Still readable by the reporting vendor the company left in 2025.
		state.Queue{Meta: state.Meta{ARN: x.arn("sqs", fra, "report-jobs"), Region: fra, Tags: tags("data-classification", "internal", "owner", "data")},
			Name: "report-jobs", URL: "https://sqs." + fra + ".amazonaws.com/" + AccountID + "/report-jobs", SQSManagedSSE: true,
			Policy: doc(`{"Sid":"ReportingVendor","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"sqs:ReceiveMessage","Resource":"` + x.arn("sqs", fra, "report-jobs") + `"}`)},
		// The lead form posts straight to the queue: anyone can send (and read).
		state.Queue{Meta: state.Meta{ARN: leadsQueue, Region: iad, Tags: tags("data-classification", "pii", "owner", "marketing")},
			Name: "leads-intake", URL: "https://sqs." + iad + ".amazonaws.com/" + AccountID + "/leads-intake",
			Policy: doc(`{"Sid":"LeadForm","Effect":"Allow","Principal":"*","Action":["sqs:SendMessage","sqs:ReceiveMessage"],"Resource":"` + leadsQueue + `"}`)},
	)

	ordersTopic := x.arn("sns", fra, "order-events")
	webhooks := x.arn("sns", iad, "marketing-webhooks")
	x.a.SNS.Topics = append(x.a.SNS.Topics,
		state.Topic{Meta: state.Meta{ARN: ordersTopic, Region: fra}, Name: "order-events", KMSKeyID: x.datalakeKey(fra),
			Policy:        doc(`{"Sid":"OwnAndPartner","Effect":"Allow","Principal":{"AWS":["` + own + `","arn:aws:iam::444455556666:root"]},"Action":"sns:Publish","Resource":"` + ordersTopic + `"}`),
			Subscriptions: []state.Subscription{{ARN: ordersTopic + ":0d3e0000-0000-4000-8000-000000000001", Protocol: "sqs", Endpoint: ordersQueue}}},
		// Anyone may subscribe; the former agency may still publish.
		state.Topic{Meta: state.Meta{ARN: webhooks, Region: iad}, Name: "marketing-webhooks",
			Policy: doc(`{"Sid":"AnyoneSubscribes","Effect":"Allow","Principal":"*","Action":"sns:Subscribe","Resource":"` + webhooks + `"},` +
				`{"Sid":"AgencyPublishes","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"sns:Publish","Resource":"` + webhooks + `"}`)},
	)

	x.a.SecretsManager.Secrets = append(x.a.SecretsManager.Secrets,
		state.Secret{Meta: state.Meta{ARN: x.arn("secretsmanager", fra, "secret:prod/customers-db-7hQx2a"), Region: fra, Tags: tags("data-classification", "confidential", "owner", "platform")},
			Name: "prod/customers-db", KMSKeyID: x.datalakeKey(fra), RotationEnabled: true, RotationLambdaARN: x.arn("lambda", fra, "function:rotate-postgres"),
			RotationDays: 30, Created: tp(days(640)), LastRotated: tp(days(12)), LastChanged: tp(days(12)), LastAccessed: tp(days(0)), NextRotation: tp(days(-18)),
			Policy: doc(`{"Sid":"OwnAccount","Effect":"Allow","Principal":{"AWS":"` + own + `"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}`)},
		// A replica the data lake reads in Ireland.
		state.Secret{Meta: state.Meta{ARN: x.arn("secretsmanager", dub, "secret:prod/customers-db-7hQx2a"), Region: dub, Tags: tags("data-classification", "confidential", "owner", "platform")},
			Name: "prod/customers-db", KMSKeyID: x.datalakeKey(dub), PrimaryRegion: fra, Created: tp(days(300)), LastRotated: tp(days(12)), LastAccessed: tp(days(1))},
		// The contractor's SFTP password: never rotated, not read for most of a year.
		state.Secret{Meta: state.Meta{ARN: x.arn("secretsmanager", dub, "secret:legacy/contractor-sftp-Pq81Zk"), Region: dub, Tags: tags("data-classification", "internal", "owner", "data")},
			Name: "legacy/contractor-sftp", Created: tp(days(720)), LastChanged: tp(days(720)), LastAccessed: tp(days(290))},
		// Rotation switched on, failing since the agency's database moved.
		state.Secret{Meta: state.Meta{ARN: x.arn("secretsmanager", iad, "secret:marketing/agency-api-key-Jm3kT0"), Region: iad, Tags: tags("owner", "marketing")},
			Name: "marketing/agency-api-key", RotationEnabled: true, RotationLambdaARN: x.arn("lambda", iad, "function:rotate-agency-key"),
			RotationDays: 30, Created: tp(days(500)), LastRotated: tp(days(104)), LastAccessed: tp(days(3)),
			Policy: doc(`{"Sid":"FormerAgency","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}`)},
	)

	lifecycle := `{"rules":[{"rulePriority":1,"description":"expire untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}`
	repo := func(region, name string) state.ECRRepository {
		return state.ECRRepository{Meta: state.Meta{ARN: x.arn("ecr", region, "repository/"+name), Region: region, Tags: tags("owner", "platform")},
			Name: name, URI: AccountID + ".dkr.ecr." + region + ".amazonaws.com/" + name, TagMutability: "IMMUTABLE", EncryptionType: "AES256", LifecyclePolicy: lifecycle}
	}
	api := repo(fra, "platform/api")
	api.EncryptionType, api.KMSKeyID = "KMS", x.datalakeKey(fra)
	worker := repo(fra, "platform/report-worker")
	worker.LifecyclePolicy = "" // images kept since 2023
	site := repo(iad, "marketing/site")
	site.Tags = tags("owner", "marketing")
	site.TagMutability, site.LifecyclePolicy = "MUTABLE", ""
	site.Policy = doc(`{"Sid":"AgencyPull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}`)
	x.a.ECR.Repositories = append(x.a.ECR.Repositories, api, worker, site)
	x.a.ECR.Registries = append(x.a.ECR.Registries,
		state.ECRRegistry{Meta: state.Meta{ARN: x.arn("ecr", fra, "registry/"+AccountID), Region: fra}, ScanType: "ENHANCED",
			Rules: []state.ECRScanningRule{{Frequency: "CONTINUOUS_SCAN", Filters: []string{"platform/*"}}}},
		state.ECRRegistry{Meta: state.Meta{ARN: x.arn("ecr", iad, "registry/"+AccountID), Region: iad}, ScanType: "BASIC"},
	)

	for _, r := range scanned {
		x.a.EventBridge.Buses = append(x.a.EventBridge.Buses, state.EventBus{Meta: state.Meta{ARN: x.arn("events", r, "event-bus/default"), Region: r}, Name: "default"})
	}
	x.a.EventBridge.Buses = append(x.a.EventBridge.Buses,
		state.EventBus{Meta: state.Meta{ARN: x.arn("events", fra, "event-bus/orders"), Region: fra}, Name: "orders",
			Policy: doc(`{"Sid":"OrgPutEvents","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"` + x.arn("events", fra, "event-bus/orders") +
				`","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-alpenglow01"}}}`)},
		state.EventBus{Meta: state.Meta{ARN: x.arn("events", dub, "event-bus/contractor-feed"), Region: dub}, Name: "contractor-feed"},
	)
}
