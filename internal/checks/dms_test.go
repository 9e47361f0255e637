package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dmsARNPrefix = "arn:aws:dms:eu-west-1:" + testAccountID

// dsDMSInstance adds replication instance "migrate" in eu-west-1:
// private, Multi-AZ, taking minor upgrades, edited by mut.
func dsDMSInstance(mut func(i *state.DMSReplicationInstance)) func(*state.Account) {
	return func(a *state.Account) {
		i := state.DMSReplicationInstance{Meta: state.Meta{ARN: dmsARNPrefix + ":rep:MIGRATE", Region: "eu-west-1"}, ID: "migrate",
			AutoMinorVersionUpgrade: true, MultiAZ: true}
		if mut != nil {
			mut(&i)
		}
		a.DMS.ReplicationInstances = append(a.DMS.ReplicationInstances, i)
	}
}

// dsDMSEndpoint adds endpoint "ep" in eu-west-1 of the engine, requiring
// TLS, with IAM auth, password auth or TLS as the engine has them, edited
// by mut.
func dsDMSEndpoint(engine string, mut func(e *state.DMSEndpoint)) func(*state.Account) {
	return func(a *state.Account) {
		e := state.DMSEndpoint{Meta: state.Meta{ARN: dmsARNPrefix + ":endpoint:EP", Region: "eu-west-1"}, ID: "ep", Type: "TARGET", Engine: engine, SSLMode: "require"}
		switch engine {
		case "neptune":
			e.NeptuneIAMAuth, e.SSLMode = true, "none"
		case "mongodb":
			e.MongoAuthType = "password"
		case "redis":
			e.RedisSSLProtocol = "ssl-encryption"
		}
		if mut != nil {
			mut(&e)
		}
		a.DMS.Endpoints = append(a.DMS.Endpoints, e)
	}
}

// dsDMSTask adds task "copy" in eu-west-1 logging every component at the
// default severity, edited by mut.
func dsDMSTask(mut func(t *state.DMSTask)) func(*state.Account) {
	return func(a *state.Account) {
		t := state.DMSTask{Meta: state.Meta{ARN: dmsARNPrefix + ":task:COPY", Region: "eu-west-1"}, ID: "copy", SettingsRead: true, LoggingEnabled: true,
			LogSeverity: map[string]string{"SOURCE_CAPTURE": "LOGGER_SEVERITY_DEFAULT", "SOURCE_UNLOAD": "LOGGER_SEVERITY_DEFAULT",
				"TARGET_APPLY": "LOGGER_SEVERITY_DEFAULT", "TARGET_LOAD": "LOGGER_SEVERITY_INFO"}}
		if mut != nil {
			mut(&t)
		}
		a.DMS.Tasks = append(a.DMS.Tasks, t)
	}
}

func dmsCases() map[string][]checkCase {
	gapCase := func(add func(*state.Account), op string) []checkCase {
		return []checkCase{
			{name: "listing denied", acct: baseAccount(add, dsGap("dms", "eu-west-1", op, "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(add, dsGap("dms", "us-east-1", op, "")), want: dsWant(dsU, dsP)},
		}
	}
	i := func(name string, mut func(*state.DMSReplicationInstance), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsDMSInstance(mut)), want: want}
	}
	e := func(name, engine string, mut func(*state.DMSEndpoint), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsDMSEndpoint(engine, mut)), want: want}
	}
	t := func(name string, mut func(*state.DMSTask), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsDMSTask(mut)), want: want}
	}
	instGaps := gapCase(dsDMSInstance(nil), "DescribeReplicationInstances")
	taskGaps := gapCase(dsDMSTask(nil), "DescribeReplicationTasks")
	noSettings := t("settings not read", func(t *state.DMSTask) { t.SettingsRead, t.LoggingEnabled, t.LogSeverity = false, false, nil }, dsU)
	logOff := t("logging off", func(t *state.DMSTask) { t.LoggingEnabled = false }, dsF)
	defaults := t("components at DMS's default", func(t *state.DMSTask) { t.LogSeverity = nil }, dsP)
	return map[string][]checkCase{
		// exposure-gaps: replication instances join the residency checks.
		"dms_replication_instance_in_allowed_region": storeCases("dms", "DescribeReplicationInstances", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.DMS.ReplicationInstances = append(a.DMS.ReplicationInstances, state.DMSReplicationInstance{Meta: nwMetaIn(r, "dms", "rep:R1"), ID: "r1"})
			}
		}),
		"dms_replication_instance_not_public": append([]checkCase{
			i("private", nil, dsP),
			i("public", func(i *state.DMSReplicationInstance) { i.PubliclyAccessible = true }, dsF),
		}, instGaps...),
		"dms_replication_instance_auto_minor_upgrade": append([]checkCase{
			i("on", nil, dsP),
			i("off", func(i *state.DMSReplicationInstance) { i.AutoMinorVersionUpgrade = false }, dsF),
		}, instGaps...),
		"dms_replication_instance_multi_az": append([]checkCase{
			i("multi-az", nil, dsP),
			i("single az", func(i *state.DMSReplicationInstance) { i.MultiAZ = false }, dsF),
		}, instGaps...),
		"dms_task_target_logging": append([]checkCase{
			t("default and info", nil, dsP), logOff, noSettings, defaults,
			t("target apply errors only", func(t *state.DMSTask) { t.LogSeverity["TARGET_APPLY"] = "LOGGER_SEVERITY_ERROR" }, dsF),
			t("source low does not matter", func(t *state.DMSTask) { t.LogSeverity["SOURCE_CAPTURE"] = "LOGGER_SEVERITY_WARNING" }, dsP),
		}, taskGaps...),
		"dms_task_source_logging": append([]checkCase{
			t("default", nil, dsP), logOff, noSettings, defaults,
			t("source unload warnings only", func(t *state.DMSTask) { t.LogSeverity["SOURCE_UNLOAD"] = "LOGGER_SEVERITY_WARNING" }, dsF),
		}, taskGaps...),
		"dms_endpoint_ssl": append([]checkCase{
			e("mysql require", "mysql", nil, dsP),
			e("postgres verify-full", "postgres", func(e *state.DMSEndpoint) { e.SSLMode = "verify-full" }, dsP),
			e("mysql none", "mysql", func(e *state.DMSEndpoint) { e.SSLMode = "none" }, dsF),
			e("s3 target", "s3", func(e *state.DMSEndpoint) { e.SSLMode = "none" }, dsNA),
		}, gapCase(dsDMSEndpoint("mysql", nil), "DescribeEndpoints")...),
		"dms_endpoint_neptune_iam_auth": append([]checkCase{
			e("iam", "neptune", nil, dsP),
			e("no iam", "neptune", func(e *state.DMSEndpoint) { e.NeptuneIAMAuth = false }, dsF),
			e("not neptune", "mysql", nil, dsNA),
		}, gapCase(dsDMSEndpoint("neptune", nil), "DescribeEndpoints")...),
		"dms_endpoint_mongodb_auth": append([]checkCase{
			e("password", "mongodb", nil, dsP),
			e("no auth", "mongodb", func(e *state.DMSEndpoint) { e.MongoAuthType = "no" }, dsF),
			e("not reported", "mongodb", func(e *state.DMSEndpoint) { e.MongoAuthType = "" }, dsU),
			e("not mongodb", "mysql", nil, dsNA),
		}, gapCase(dsDMSEndpoint("mongodb", nil), "DescribeEndpoints")...),
		"dms_endpoint_redis_tls": append([]checkCase{
			e("tls", "redis", nil, dsP),
			e("plaintext", "redis", func(e *state.DMSEndpoint) { e.RedisSSLProtocol = "plaintext" }, dsF),
			e("not reported", "redis", func(e *state.DMSEndpoint) { e.RedisSSLProtocol = "" }, dsU),
			e("not redis", "mysql", nil, dsNA),
		}, gapCase(dsDMSEndpoint("redis", nil), "DescribeEndpoints")...),
	}
}

// TestDemoDMSVerdicts: Alpenglow's DMS resources both pass and fail every
// DMS check.
func TestDemoDMSVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range dmsChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}
