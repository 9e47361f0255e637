package aws

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/smithy-go/middleware"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// stubAccount is the account the stub endpoint answers for.
const stubAccount = "210987654321"

// stubResponses answer the operations moto lacks but AWS has, in each
// service's wire protocol (EC2/STS query XML, SSM JSON 1.1). Everything
// else gets a bare 501, which the collector records as not_implemented.
var stubResponses = map[string]string{
	"GetCallerIdentity": `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:iam::` + stubAccount + `:user/auditor</Arn><UserId>AIDSTUB</UserId><Account>` + stubAccount + `</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
	"DescribeRegions": `<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><regionInfo>
<item><regionName>eu-west-1</regionName><optInStatus>opt-in-not-required</optInStatus></item>
<item><regionName>me-south-1</regionName><optInStatus>not-opted-in</optInStatus></item></regionInfo></DescribeRegionsResponse>`,
	"DescribeClientVpnEndpoints": `<DescribeClientVpnEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId>
<clientVpnEndpoint><item><clientVpnEndpointId>cvpn-endpoint-0abc</clientVpnEndpointId><status><code>available</code></status>
<clientCidrBlock>10.100.0.0/22</clientCidrBlock><splitTunnel>true</splitTunnel>
<authenticationOptions><item><type>certificate-authentication</type></item><item><type>federated-authentication</type></item></authenticationOptions>
<connectionLogOptions><enabled>true</enabled></connectionLogOptions></item></clientVpnEndpoint></DescribeClientVpnEndpointsResponse>`,
	"DescribeClientVpnAuthorizationRules": `<DescribeClientVpnAuthorizationRulesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId>
<authorizationRule><item><clientVpnEndpointId>cvpn-endpoint-0abc</clientVpnEndpointId><destinationCidr>10.0.0.0/16</destinationCidr><accessAll>true</accessAll></item>
<item><clientVpnEndpointId>cvpn-endpoint-0abc</clientVpnEndpointId><destinationCidr>10.1.0.0/16</destinationCidr><accessAll>false</accessAll><groupId>S-1-5-21-ops</groupId></item>
</authorizationRule></DescribeClientVpnAuthorizationRulesResponse>`,
	"DescribeVpcBlockPublicAccessOptions": `<DescribeVpcBlockPublicAccessOptionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId>
<vpcBlockPublicAccessOptions><internetGatewayBlockMode>block-ingress</internetGatewayBlockMode></vpcBlockPublicAccessOptions></DescribeVpcBlockPublicAccessOptionsResponse>`,
	"AmazonSSM.GetServiceSetting": `{"ServiceSetting":{"SettingId":"/ssm/documents/console/public-sharing-permission","SettingValue":"Disable"}}`,
	// svc-last: SSM.6, the Automation log destination (chosen by SettingId in stubServer)
	"AmazonSSM.GetServiceSetting automation": `{"ServiceSetting":{"SettingId":"/ssm/automation/customer-script-log-destination","SettingValue":"CloudWatch"}}`,
	// svc-analytics: EMR security configurations (moto lists none).
	// svc-msk: Redshift Serverless (moto has none): a public workgroup
	// without enhanced VPC routing or required SSL, and its namespace with
	// the default admin name, an AWS owned key and only the user log.
	"RedshiftServerless.ListWorkgroups": `{"workgroups":[{"workgroupName":"bi","workgroupArn":"arn:aws:redshift-serverless:eu-west-1:` + stubAccount + `:workgroup/0a1b",` +
		`"namespaceName":"bi-data","status":"AVAILABLE","enhancedVpcRouting":false,"publiclyAccessible":true,` +
		`"configParameters":[{"parameterKey":"require_ssl","parameterValue":"false"},{"parameterKey":"enable_user_activity_logging","parameterValue":"true"}]}]}`,
	"RedshiftServerless.ListNamespaces": `{"namespaces":[{"namespaceName":"bi-data","namespaceArn":"arn:aws:redshift-serverless:eu-west-1:` + stubAccount + `:namespace/2c3d",` +
		`"status":"AVAILABLE","adminUsername":"admin","kmsKeyId":"AWS_OWNED_KMS_KEY","logExports":["userlog"]}]}`,
	"ElasticMapReduce.ListSecurityConfigurations": `{"SecurityConfigurations":[{"Name":"transit-only","CreationDateTime":1700000000}]}`,
	"ElasticMapReduce.DescribeSecurityConfiguration": `{"Name":"transit-only","CreationDateTime":1700000000,` +
		`"SecurityConfiguration":"{\"EncryptionConfiguration\":{\"EnableAtRestEncryption\":false,\"EnableInTransitEncryption\":true}}"}`,
	// svc-build: DMS (moto serves it, but with ISO timestamps the SDK
	// cannot read): a public single-AZ instance without minor upgrades, a
	// MySQL source requiring TLS, an unauthenticated MongoDB target without
	// TLS, and a task logging only the source.
	"AmazonDMSv20160101.DescribeReplicationInstances": `{"ReplicationInstances":[{"ReplicationInstanceIdentifier":"migrate",` +
		`"ReplicationInstanceArn":"arn:aws:dms:eu-west-1:` + stubAccount + `:rep:MIGRATE","ReplicationInstanceClass":"dms.t3.medium",` +
		`"PubliclyAccessible":true,"MultiAZ":false,"AutoMinorVersionUpgrade":false,"KmsKeyId":"arn:aws:kms:eu-west-1:` + stubAccount + `:key/k1",` +
		`"InstanceCreateTime":1700000000}]}`,
	"AmazonDMSv20160101.DescribeEndpoints": `{"Endpoints":[{"EndpointIdentifier":"orders-mysql","EndpointArn":"arn:aws:dms:eu-west-1:` + stubAccount + `:endpoint:SRC",` +
		`"EndpointType":"SOURCE","EngineName":"mysql","SslMode":"verify-full","Username":"dms"},` +
		`{"EndpointIdentifier":"orders-mongo","EndpointArn":"arn:aws:dms:eu-west-1:` + stubAccount + `:endpoint:DST","EndpointType":"TARGET",` +
		`"EngineName":"mongodb","SslMode":"none","MongoDbSettings":{"AuthType":"no","DatabaseName":"orders"}}]}`,
	"AmazonDMSv20160101.DescribeReplicationTasks": `{"ReplicationTasks":[{"ReplicationTaskIdentifier":"copy","ReplicationTaskArn":"arn:aws:dms:eu-west-1:` + stubAccount + `:task:COPY",` +
		`"MigrationType":"full-load","ReplicationTaskSettings":"{\"Logging\":{\"EnableLogging\":true,\"LogComponents\":[{\"Id\":\"SOURCE_UNLOAD\",\"Severity\":\"LOGGER_SEVERITY_DEFAULT\"},{\"Id\":\"TARGET_LOAD\",\"Severity\":\"LOGGER_SEVERITY_ERROR\"}]}}",` +
		`"ReplicationTaskCreationDate":1700000000}]}`,
	// svc-netfw: Network Firewall policies and stateless rule groups (moto
	// lacks both): a policy passing full packets, dropping fragments and
	// referencing one stateless rule group, which holds no rules.
	"NetworkFirewall_20201112.ListFirewallPolicies": `{"FirewallPolicies":[{"Name":"egress-policy","Arn":"arn:aws:network-firewall:eu-west-1:` + stubAccount + `:firewall-policy/egress-policy"}]}`,
	"NetworkFirewall_20201112.DescribeFirewallPolicy": `{"UpdateToken":"t1","FirewallPolicyResponse":{"FirewallPolicyName":"egress-policy",` +
		`"FirewallPolicyArn":"arn:aws:network-firewall:eu-west-1:` + stubAccount + `:firewall-policy/egress-policy","FirewallPolicyId":"p-1"},` +
		`"FirewallPolicy":{"StatelessDefaultActions":["aws:pass"],"StatelessFragmentDefaultActions":["aws:drop"],` +
		`"StatelessRuleGroupReferences":[{"ResourceArn":"arn:aws:network-firewall:eu-west-1:` + stubAccount + `:stateless-rulegroup/empty","Priority":10}]}}`,
	"NetworkFirewall_20201112.ListRuleGroups": `{"RuleGroups":[{"Name":"empty","Arn":"arn:aws:network-firewall:eu-west-1:` + stubAccount + `:stateless-rulegroup/empty"}]}`,
	"NetworkFirewall_20201112.DescribeRuleGroup": `{"UpdateToken":"t2","RuleGroupResponse":{"RuleGroupName":"empty","RuleGroupId":"g-1","Type":"STATELESS",` +
		`"RuleGroupArn":"arn:aws:network-firewall:eu-west-1:` + stubAccount + `:stateless-rulegroup/empty","NumberOfAssociations":1},` +
		`"RuleGroup":{"RulesSource":{"StatelessRulesAndCustomActions":{"StatelessRules":[]}}}}`,
	// svc-classic: AWS WAF Classic (moto lacks it). Global: a web ACL
	// "edge" with a rule and a rule group, logged to a Firehose stream; a
	// rule without conditions; a rule group with one rule. Regional
	// (eu-west-1): a rule-less web ACL "legacy", a rule with two conditions
	// and an empty rule group.
	"AWSWAF_20150824.ListWebACLs": `{"WebACLs":[{"WebACLId":"g-acl","Name":"edge"}]}`,
	"AWSWAF_20150824.GetWebACL": `{"WebACL":{"WebACLId":"g-acl","Name":"edge","DefaultAction":{"Type":"ALLOW"},` +
		`"WebACLArn":"arn:aws:waf::` + stubAccount + `:webacl/g-acl","Rules":[{"RuleId":"g-group","Priority":2,"Type":"GROUP","OverrideAction":{"Type":"NONE"}},` +
		`{"RuleId":"g-rule","Priority":1,"Type":"REGULAR","Action":{"Type":"BLOCK"}}]}}`,
	"AWSWAF_20150824.ListLoggingConfigurations": `{"LoggingConfigurations":[{"ResourceArn":"arn:aws:waf::` + stubAccount + `:webacl/g-acl",` +
		`"LogDestinationConfigs":["arn:aws:firehose:us-east-1:` + stubAccount + `:deliverystream/aws-waf-logs-edge"]}]}`,
	"AWSWAF_20150824.ListRules":                     `{"Rules":[{"RuleId":"g-rule","Name":"empty"}]}`,
	"AWSWAF_20150824.GetRule":                       `{"Rule":{"RuleId":"g-rule","Name":"empty","Predicates":[]}}`,
	"AWSWAF_20150824.ListRuleGroups":                `{"RuleGroups":[{"RuleGroupId":"g-group","Name":"bots"}]}`,
	"AWSWAF_20150824.ListActivatedRulesInRuleGroup": `{"ActivatedRules":[{"RuleGroupId":"g-group","RuleId":"g-rule","Priority":1,"Type":"REGULAR","Action":{"Type":"COUNT"}}]}`,
	"AWSWAF_Regional_20161128.ListWebACLs":          `{"WebACLs":[{"WebACLId":"r-acl","Name":"legacy"}]}`,
	"AWSWAF_Regional_20161128.GetWebACL":            `{"WebACL":{"WebACLId":"r-acl","Name":"legacy","DefaultAction":{"Type":"BLOCK"},"Rules":[]}}`,
	"AWSWAF_Regional_20161128.ListRules":            `{"Rules":[{"RuleId":"r-rule","Name":"ips"}]}`,
	"AWSWAF_Regional_20161128.GetRule": `{"Rule":{"RuleId":"r-rule","Name":"ips","Predicates":[{"Negated":false,"Type":"IPMatch","DataId":"d1"},` +
		`{"Negated":true,"Type":"GeoMatch","DataId":"d2"}]}}`,
	"AWSWAF_Regional_20161128.ListRuleGroups":                `{"RuleGroups":[{"RuleGroupId":"r-group","Name":"empty-group"}]}`,
	"AWSWAF_Regional_20161128.ListActivatedRulesInRuleGroup": `{"ActivatedRules":[]}`,
	// svc-gaps3: CodeBuild report groups (moto has none): one exporting
	// unencrypted to S3, one exporting nothing.
	"CodeBuild_20161006.ListReportGroups": `{"reportGroups":["arn:aws:codebuild:eu-west-1:` + stubAccount + `:report-group/unit",` +
		`"arn:aws:codebuild:eu-west-1:` + stubAccount + `:report-group/coverage"]}`,
	"CodeBuild_20161006.BatchGetReportGroups": `{"reportGroups":[{"arn":"arn:aws:codebuild:eu-west-1:` + stubAccount + `:report-group/unit","name":"unit",` +
		`"type":"TEST","exportConfig":{"exportConfigType":"S3","s3Destination":{"bucket":"results","encryptionDisabled":true}},"status":"ACTIVE"},` +
		`{"arn":"arn:aws:codebuild:eu-west-1:` + stubAccount + `:report-group/coverage","name":"coverage","type":"CODE_COVERAGE",` +
		`"exportConfig":{"exportConfigType":"NO_EXPORT"},"status":"ACTIVE"}],"reportGroupsNotFound":[]}`,
}

// stubREST answers the REST (JSON) operations by path: AWS Backup here.
var stubREST = map[string]string{
	// svc-connect: Amazon Connect (this moto serves no
	// DescribeInstanceAttribute): one instance with flow logs off.
	"/instance": `{"InstanceSummaryList":[{"Id":"5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f","Arn":"arn:aws:connect:eu-west-1:` + stubAccount +
		`:instance/5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f","InstanceAlias":"helpdesk","InstanceStatus":"ACTIVE","IdentityManagementType":"SAML","CreatedTime":1700000000}]}`,
	"/instance/5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f/attribute/CONTACTFLOW_LOGS": `{"Attribute":{"AttributeType":"CONTACTFLOW_LOGS","Value":"false"}}`,
	"/backup/plans":                       `{"BackupPlansList":[{"BackupPlanId":"p1","BackupPlanArn":"arn:aws:backup:eu-west-1:` + stubAccount + `:backup-plan:p1","BackupPlanName":"weekly"}]}`,
	"/backup/plans/p1":                    `{"BackupPlanId":"p1","BackupPlan":{"BackupPlanName":"weekly","Rules":[{"RuleName":"weekly-7d","TargetBackupVaultName":"main","ScheduleExpression":"cron(0 5 ? * 1 *)","Lifecycle":{"DeleteAfterDays":7},"EnableContinuousBackup":true}]}}`,
	"/backup/plans/p1/selections":         `{"BackupSelectionsList":[{"SelectionId":"s1","SelectionName":"everything"}]}`,
	"/backup/plans/p1/selections/s1":      `{"SelectionId":"s1","BackupSelection":{"SelectionName":"everything","IamRoleArn":"arn:aws:iam::` + stubAccount + `:role/backup","Resources":["*"],"NotResources":["arn:aws:s3:::scratch-*"],"ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"yes"}]}}`,
	"/backup-vaults":                      `{"BackupVaultList":[{"BackupVaultName":"main","BackupVaultArn":"arn:aws:backup:eu-west-1:` + stubAccount + `:backup-vault:main","Locked":true,"MinRetentionDays":7,"MaxRetentionDays":365,"LockDate":1700000000,"NumberOfRecoveryPoints":1}]}`,
	"/backup-vaults/main/access-policy":   `{"BackupVaultName":"main","Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"}`,
	"/backup-vaults/main/recovery-points": `{"RecoveryPoints":[{"RecoveryPointArn":"arn:aws:backup:eu-west-1:` + stubAccount + `:recovery-point:rp1","ResourceArn":"arn:aws:dynamodb:eu-west-1:` + stubAccount + `:table/t","ResourceType":"DynamoDB","IsEncrypted":true,"Status":"COMPLETED","CreationDate":1700000000}]}`,
	"/analyzer":                           `{"analyzers":[{"arn":"arn:aws:access-analyzer:eu-west-1:` + stubAccount + `:analyzer/external","name":"external","type":"ACCOUNT","status":"ACTIVE","createdAt":"2026-01-01T00:00:00Z"}]}`,
	"/findingv2":                          `{"findings":[{"id":"f-1","resource":"arn:aws:ec2:eu-west-1:` + stubAccount + `:snapshot/snap-0abc","resourceType":"AWS::EC2::Snapshot","resourceOwnerAccount":"` + stubAccount + `","status":"ACTIVE","findingType":"ExternalAccess","analyzedAt":"2026-01-01T00:00:00Z","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"},{"id":"f-2","resource":"arn:aws:s3:::old","resourceType":"AWS::S3::Bucket","resourceOwnerAccount":"` + stubAccount + `","status":"ARCHIVED","analyzedAt":"2026-01-01T00:00:00Z","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}]}`,
	// svc-sec: Macie's automated discovery (moto lacks it), after its session.
	"/macie":                             `{"status":"ENABLED","findingPublishingFrequency":"SIX_HOURS","createdAt":"2026-01-01T00:00:00Z"}`,
	"/automated-discovery/configuration": `{"status":"ENABLED","autoEnableOrganizationMembers":"NONE"}`,
	// svc-msk: MSK Connect (moto has none): one connector reaching its
	// cluster over TLS with IAM and logging to CloudWatch Logs, one in
	// plain text without authentication or logs.
	"/v1/connectors": `{"connectors":[{"connectorArn":"arn:aws:kafkaconnect:eu-west-1:` + stubAccount + `:connector/to-lake/1","connectorName":"to-lake",` +
		`"connectorState":"RUNNING","creationTime":"2026-01-01T00:00:00Z","kafkaClusterEncryptionInTransit":{"encryptionType":"TLS"},` +
		`"kafkaClusterClientAuthentication":{"authenticationType":"IAM"},"logDelivery":{"workerLogDelivery":{"cloudWatchLogs":{"enabled":true,"logGroup":"/msk/connect"},` +
		`"firehose":{"enabled":false},"s3":{"enabled":false}}}},` +
		`{"connectorArn":"arn:aws:kafkaconnect:eu-west-1:` + stubAccount + `:connector/legacy/2","connectorName":"legacy","connectorState":"RUNNING",` +
		`"kafkaClusterEncryptionInTransit":{"encryptionType":"PLAINTEXT"},"kafkaClusterClientAuthentication":{"authenticationType":"NONE"}}]}`,
	"/resources": `{"Results":[{"ResourceArn":"arn:aws:dynamodb:eu-west-1:` + stubAccount + `:table/t","ResourceType":"DynamoDB","LastBackupTime":1700000000}]}`,
}

// svc-s3dir: stubS3Express answers the directory bucket reads moto lacks
// (requests signed for s3express), by path and sub-resource: a bucket
// "logs" in Zone euc1-az1 with a cross-account policy, SSE-KMS under a
// customer key and a lifecycle rule; a bucket "scratch" with no policy,
// no lifecycle and SSE-S3. An answer starting <Error> is sent as a 404.
var stubS3Express = map[string]string{
	"?x-id=ListDirectoryBuckets": `<?xml version="1.0" encoding="UTF-8"?><ListAllMyDirectoryBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets>` +
		`<Bucket><Name>logs--euc1-az1--x-s3</Name><CreationDate>2026-01-02T03:04:05.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion>` +
		`<BucketArn>arn:aws:s3express:eu-west-1:` + stubAccount + `:bucket/logs--euc1-az1--x-s3</BucketArn></Bucket>` +
		`<Bucket><Name>scratch--euw1-az2--x-s3</Name><CreationDate>2026-02-03T04:05:06.000Z</CreationDate></Bucket></Buckets></ListAllMyDirectoryBucketsResult>`,
	"/logs--euc1-az1--x-s3?policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},` +
		`"Action":"s3express:CreateSession","Resource":"arn:aws:s3express:eu-west-1:` + stubAccount + `:bucket/logs--euc1-az1--x-s3"}]}`,
	"/logs--euc1-az1--x-s3?encryption": `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault>` +
		`<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>arn:aws:kms:eu-west-1:` + stubAccount + `:key/1111-2222</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>` +
		`<BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
	"/logs--euc1-az1--x-s3?lifecycle": `<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ID>expire</ID><Filter><Prefix></Prefix></Filter>` +
		`<Status>Enabled</Status><Expiration><Days>30</Days></Expiration><AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule></LifecycleConfiguration>`,
	"/scratch--euw1-az2--x-s3?policy":     `<Error><Code>NoSuchBucketPolicy</Code><Message>The bucket policy does not exist</Message></Error>`,
	"/scratch--euw1-az2--x-s3?lifecycle":  `<Error><Code>NoSuchLifecycleConfiguration</Code><Message>The lifecycle configuration does not exist</Message></Error>`,
	"/scratch--euw1-az2--x-s3?encryption": `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
}

// stubS3ExpressKey names a directory bucket request: its path and the
// query's keys (x-id=... for ListDirectoryBuckets, the sub-resource else).
func stubS3ExpressKey(r *http.Request) string {
	q := r.URL.Query()
	if id := q.Get("x-id"); id != "" {
		return strings.TrimSuffix(r.URL.Path, "/") + "?x-id=" + id
	}
	for k := range q {
		return r.URL.Path + "?" + k
	}
	return r.URL.Path
}

// stubServer serves stubResponses and counts what it was asked.
func stubServer(t *testing.T) (string, func() map[string]int) {
	var mu sync.Mutex
	asked := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		action := r.Header.Get("X-Amz-Target")
		if action == "" {
			form, _ := url.ParseQuery(string(body))
			action = form.Get("Action")
		}
		mu.Lock()
		asked[action]++
		mu.Unlock()
		resp, ok := stubResponses[action]
		if action == "AmazonSSM.GetServiceSetting" && strings.Contains(string(body), "customer-script-log-destination") { // svc-last
			resp, ok = stubResponses[action+" automation"]
		}
		if strings.Contains(r.Header.Get("Authorization"), "/s3express/aws4_request") { // svc-s3dir
			action = "s3express " + stubS3ExpressKey(r)
			mu.Lock()
			asked[action]++
			mu.Unlock()
			resp, ok = stubS3Express[stubS3ExpressKey(r)]
			if ok && strings.HasPrefix(resp, "<Error>") {
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(http.StatusNotFound)
				io.WriteString(w, resp)
				return
			}
			if ok && strings.HasPrefix(resp, "{") {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, resp)
				return
			}
		}
		path := strings.TrimSuffix(r.URL.Path, "/")
		if rest, isREST := stubREST[path]; action == "" && isREST && (r.Method == http.MethodGet || path == "/findingv2") {
			resp, ok = rest, true
			w.Header().Set("Content-Type", "application/json")
		}
		if !ok {
			w.WriteHeader(http.StatusNotImplemented)
			return
		}
		if strings.HasPrefix(resp, "{") {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		} else {
			w.Header().Set("Content-Type", "text/xml")
		}
		io.WriteString(w, resp)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		out := map[string]int{}
		for k, v := range asked {
			out[k] = v
		}
		return out
	}
}

var (
	stubOnce sync.Once
	stubRes  *Result
	stubRec  = &recordingClient{}
	stubErr  error
)

// stubCollected collects from the stub endpoint once.
func stubCollected(t *testing.T) *Result {
	t.Helper()
	stubOnce.Do(func() {
		url, _ := stubServer(t)
		stubRes, stubErr = Collect(context.Background(), Options{EndpointURL: url, LoadOptions: testCreds(),
			APIOptions: []func(*middleware.Stack) error{stubRec.middleware}})
	})
	if stubErr != nil {
		t.Fatal(stubErr)
	}
	return stubRes
}

// Operations moto lacks, read through the real SDK from AWS-shaped answers.
func TestStubOperationsMotoLacks(t *testing.T) {
	a := stubCollected(t).Account
	eq(t, "account", a.AccountID, stubAccount)
	sameSet(t, "scanned", a.ScannedRegions(), []string{"eu-west-1"})
	if g, ok := a.Gaps.Find("ec2", "me-south-1", "DescribeInstances", ""); !ok || g.Reason != state.ReasonRegionDisabled {
		t.Errorf("me-south-1: %+v, want region_disabled", g)
	}
	if len(a.EC2.ClientVPNEndpoints) != 1 {
		t.Fatalf("client VPN endpoints = %+v", a.EC2.ClientVPNEndpoints)
	}
	e := a.EC2.ClientVPNEndpoints[0]
	if e.ID != "cvpn-endpoint-0abc" || e.Status != "available" || !e.SplitTunnel || !e.ConnectionLogging || e.ClientCIDR != "10.100.0.0/22" ||
		e.ARN != "arn:aws:ec2:eu-west-1:"+stubAccount+":client-vpn-endpoint/cvpn-endpoint-0abc" {
		t.Errorf("endpoint = %+v", e)
	}
	sameSet(t, "auth types", e.AuthenticationTypes, []string{"certificate-authentication", "federated-authentication"})
	if len(e.AuthorizationRules) != 2 || !e.AuthorizationRules[0].AccessAll || e.AuthorizationRules[1].GroupID != "S-1-5-21-ops" {
		t.Errorf("rules = %+v", e.AuthorizationRules)
	}
	st, ok := a.EC2.Settings("eu-west-1")
	if !ok || st.VPCBlockPublicAccess != "block-ingress" {
		t.Errorf("VPC BPA = %+v", st)
	}
	ss, ok := a.SSM.Settings("eu-west-1")
	if !ok || !ss.DocumentPublicSharingBlocked || ss.AutomationLogDestination != "CloudWatch" {
		t.Errorf("SSM settings = %+v, %v", ss, ok)
	}
	bk := a.Backup
	if len(bk.Vaults) != 1 || !bk.Vaults[0].Locked || bk.Vaults[0].MinRetentionDays != 7 || bk.Vaults[0].Policy == "" || bk.Vaults[0].LockDate == nil {
		t.Errorf("vaults = %+v", bk.Vaults)
	}
	if len(bk.RecoveryPoints) != 1 || !bk.RecoveryPoints[0].Encrypted || bk.RecoveryPoints[0].VaultName != "main" {
		t.Errorf("recovery points = %+v", bk.RecoveryPoints)
	}
	if len(bk.ProtectedResources) != 1 || bk.ProtectedResources[0].ResourceType != "DynamoDB" || bk.ProtectedResources[0].LastBackupTime.IsZero() {
		t.Errorf("protected resources = %+v", bk.ProtectedResources)
	}
	if len(bk.Plans) != 1 || len(bk.Plans[0].Rules) != 1 || bk.Plans[0].Rules[0].DeleteAfterDays != 7 || !bk.Plans[0].Rules[0].ContinuousBackup {
		t.Fatalf("plans = %+v", bk.Plans)
	}
	sel := bk.Plans[0].Selections
	if len(sel) != 1 || !sel[0].Selects("arn:aws:rds:eu-west-1:1:db:x", nil) || sel[0].Selects("arn:aws:s3:::scratch-1", nil) || len(sel[0].Tags) != 1 {
		t.Errorf("selections = %+v", sel)
	}
	// Access Analyzer: the active finding is evidence; the archived one
	// (sent by an endpoint that ignored the status filter) is not.
	if len(a.IAM.AnalyzerFindings) != 1 || a.IAM.AnalyzerFindings[0].ID != "f-1" || a.IAM.AnalyzerFindings[0].ResourceType != "AWS::EC2::Snapshot" ||
		a.IAM.AnalyzerFindings[0].Analyzer != "arn:aws:access-analyzer:eu-west-1:"+stubAccount+":analyzer/external" {
		t.Errorf("analyzer findings = %+v", a.IAM.AnalyzerFindings)
	}
	// svc-analytics: EMR security configurations: listed, then each
	// described and its JSON document's encryption settings read.
	if s := a.EMR.SecurityConfigurations; len(s) != 1 || s[0].Name != "transit-only" || !s[0].Described || s[0].AtRest || !s[0].InTransit ||
		s[0].ARN != "arn:aws:elasticmapreduce:eu-west-1:"+stubAccount+":security-configuration/transit-only" {
		t.Errorf("EMR security configurations = %+v", s)
	}
	// svc-sec: Macie's session, then its automated discovery setting.
	if s, ok := a.Macie.SessionIn("eu-west-1"); !ok || s.Status != state.MacieEnabled || s.AutomatedDiscovery != "ENABLED" {
		t.Errorf("Macie session = %+v (read: %v)", s, ok)
	}
	// svc-build: DMS, three bulk listings read through the real SDK.
	d := a.DMS
	if len(d.ReplicationInstances) != 1 || !d.ReplicationInstances[0].PubliclyAccessible || d.ReplicationInstances[0].MultiAZ ||
		d.ReplicationInstances[0].AutoMinorVersionUpgrade || d.ReplicationInstances[0].KMSKeyID == "" || d.ReplicationInstances[0].ID != "migrate" {
		t.Errorf("DMS replication instances = %+v", d.ReplicationInstances)
	}
	// Sorted by ARN: the target (endpoint:DST) first.
	if len(d.Endpoints) != 2 || d.Endpoints[1].SSLMode != "verify-full" || d.Endpoints[1].Type != "SOURCE" ||
		d.Endpoints[0].Engine != "mongodb" || d.Endpoints[0].MongoAuthType != "no" || d.Endpoints[0].SSLMode != "none" {
		t.Errorf("DMS endpoints = %+v", d.Endpoints)
	}
	if len(d.Tasks) != 1 || !d.Tasks[0].SettingsRead || !d.Tasks[0].LoggingEnabled || d.Tasks[0].LogSeverity["SOURCE_UNLOAD"] != "LOGGER_SEVERITY_DEFAULT" ||
		d.Tasks[0].LogSeverity["TARGET_LOAD"] != "LOGGER_SEVERITY_ERROR" {
		t.Errorf("DMS tasks = %+v", d.Tasks)
	}
	// svc-netfw: Network Firewall's policy and stateless rule group, each
	// listed and then described.
	if p := a.NetworkFirewall.Policies; len(p) != 1 || !p[0].Described || p[0].Name != "egress-policy" ||
		state.FirewallDropsOrForwards(p[0].StatelessDefaultActions) || !state.FirewallDropsOrForwards(p[0].StatelessFragmentDefaultActions) ||
		len(p[0].StatelessRuleGroupARNs) != 1 || p[0].RuleGroups() != 1 {
		t.Errorf("firewall policies = %+v", p)
	}
	if g := a.NetworkFirewall.RuleGroups; len(g) != 1 || !g[0].Described || g[0].Type != "STATELESS" || g[0].Rules != 0 || g[0].Associations != 1 {
		t.Errorf("rule groups = %+v", g)
	}
	// svc-classic: WAF Classic, global (under us-east-1, ARNs without a
	// region) and regional, each listing's items read one by one.
	wc := a.WAFClassic
	if len(wc.WebACLs) != 2 || wc.WebACLs[0].ARN != "arn:aws:waf-regional:eu-west-1:"+stubAccount+":webacl/r-acl" ||
		wc.WebACLs[0].Scope != state.WAFClassicRegional || wc.WebACLs[0].DefaultAction != "BLOCK" || len(wc.WebACLs[0].Rules) != 0 ||
		wc.WebACLs[1].ARN != "arn:aws:waf::"+stubAccount+":webacl/g-acl" || wc.WebACLs[1].Region != "us-east-1" || wc.WebACLs[1].Scope != state.WAFClassicGlobal ||
		len(wc.WebACLs[1].Rules) != 2 || wc.WebACLs[1].Rules[0].RuleID != "g-rule" || wc.WebACLs[1].Rules[1].Type != "GROUP" ||
		len(wc.WebACLs[1].LogDestinations) != 1 {
		t.Errorf("WAF Classic web ACLs = %+v", wc.WebACLs)
	}
	if len(wc.Rules) != 2 || wc.Rules[0].Name != "ips" || wc.Rules[0].Conditions != 2 || wc.Rules[1].Name != "empty" || wc.Rules[1].Conditions != 0 {
		t.Errorf("WAF Classic rules = %+v", wc.Rules)
	}
	if len(wc.RuleGroups) != 2 || wc.RuleGroups[0].Name != "empty-group" || len(wc.RuleGroups[0].Rules) != 0 ||
		wc.RuleGroups[1].Name != "bots" || len(wc.RuleGroups[1].Rules) != 1 {
		t.Errorf("WAF Classic rule groups = %+v", wc.RuleGroups)
	}
	for _, op := range []string{"GetWebACL", "GetRule", "ListActivatedRulesInRuleGroup"} {
		if g, ok := a.Gaps.Find("waf", "us-east-1", op, ""); ok {
			t.Errorf("WAF Classic gap %+v", g)
		}
	}
	// Everything the stub does not serve is a not_implemented gap, never data.
	if k := a.MSK.Connectors; len(k) != 2 || k[0].Name != "legacy" || k[0].EncryptionInTransit != "PLAINTEXT" || k[0].Authentication != "NONE" ||
		len(k[0].LogDestinations) != 0 || k[1].Name != "to-lake" || k[1].EncryptionInTransit != "TLS" || k[1].Authentication != "IAM" ||
		len(k[1].LogDestinations) != 1 || k[1].LogDestinations[0] != "cloudwatch-logs" {
		t.Errorf("MSK connectors = %+v", k)
	}
	if w := a.RedshiftServerless.Workgroups; len(w) != 1 || w[0].Name != "bi" || w[0].Namespace != "bi-data" || !w[0].PubliclyAccessible ||
		w[0].EnhancedVPCRouting || w[0].Parameters["require_ssl"] != "false" || w[0].ARN != "arn:aws:redshift-serverless:eu-west-1:"+stubAccount+":workgroup/0a1b" {
		t.Errorf("Redshift Serverless workgroups = %+v", w)
	}
	if n := a.RedshiftServerless.Namespaces; len(n) != 1 || n[0].Name != "bi-data" || n[0].AdminUsername != "admin" || !n[0].AWSOwnedKey() ||
		len(n[0].LogExports) != 1 || n[0].LogExports[0] != "userlog" {
		t.Errorf("Redshift Serverless namespaces = %+v", n)
	}
	if g, ok := a.Gaps.Find("ec2", "eu-west-1", "DescribeInstances", ""); !ok || g.Reason != state.ReasonNotImplemented {
		t.Errorf("DescribeInstances gap = %+v", g)
	}
	if g, ok := a.Gaps.Find("s3", "", "ListBuckets", ""); !ok || g.Reason != state.ReasonNotImplemented {
		t.Errorf("ListBuckets gap = %+v", g)
	}
}
