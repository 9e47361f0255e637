package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dmsChecks are the customer's duties on AWS Database Migration Service:
// AWS runs and patches the replication hosts, but whether an instance is
// reachable from the internet, survives a zone's loss and takes minor
// upgrades, whether endpoints encrypt and authenticate their connections,
// and whether tasks keep logs, the customer configures.
func dmsChecks() []check.Check {
	inst := func(id string, judge func(state.DMSReplicationInstance) check.Result) check.Check {
		return check.Check{ID: id, Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "dms", []state.Input{state.InputDMSReplicationInstances}, a.DMS.ReplicationInstances, judge)
		}}
	}
	ep := func(id string, judge func(state.DMSEndpoint) check.Result) check.Check {
		return check.Check{ID: id, Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "dms", []state.Input{state.InputDMSEndpoints}, a.DMS.Endpoints, judge)
		}}
	}
	task := func(id string, judge func(state.DMSTask) check.Result) check.Check {
		return check.Check{ID: id, Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "dms", []state.Input{state.InputDMSTasks}, a.DMS.Tasks, judge)
		}}
	}
	return []check.Check{
		inst("dms_replication_instance_not_public", dmsNotPublic),
		inst("dms_replication_instance_auto_minor_upgrade", dmsAutoMinorUpgrade),
		inst("dms_replication_instance_multi_az", dmsMultiAZ),
		task("dms_task_target_logging", func(t state.DMSTask) check.Result { return dmsTaskLogging(t, "target", "TARGET_APPLY", "TARGET_LOAD") }),
		task("dms_task_source_logging", func(t state.DMSTask) check.Result {
			return dmsTaskLogging(t, "source", "SOURCE_CAPTURE", "SOURCE_UNLOAD")
		}),
		ep("dms_endpoint_ssl", dmsEndpointSSL),
		ep("dms_endpoint_neptune_iam_auth", dmsNeptuneIAM),
		ep("dms_endpoint_mongodb_auth", dmsMongoAuth),
		ep("dms_endpoint_redis_tls", dmsRedisTLS),
	}
}

func dmsNotPublic(i state.DMSReplicationInstance) check.Result {
	if i.PubliclyAccessible {
		return check.FailR(i, "replication instance %s is publicly accessible (it has a public IP address)", i.ID)
	}
	return check.PassR(i, "replication instance %s is not publicly accessible", i.ID)
}

func dmsAutoMinorUpgrade(i state.DMSReplicationInstance) check.Result {
	if !i.AutoMinorVersionUpgrade {
		return check.FailR(i, "replication instance %s does not take minor engine upgrades automatically", i.ID)
	}
	return check.PassR(i, "replication instance %s takes minor engine upgrades in its maintenance window", i.ID)
}

func dmsMultiAZ(i state.DMSReplicationInstance) check.Result {
	if !i.MultiAZ {
		return check.FailR(i, "replication instance %s runs in one Availability Zone (no standby)", i.ID)
	}
	return check.PassR(i, "replication instance %s keeps a standby in another Availability Zone", i.ID)
}

// dmsSeverityRank orders DMS log severities; a component must log at
// LOGGER_SEVERITY_DEFAULT or more detail.
var dmsSeverityRank = map[string]int{"LOGGER_SEVERITY_ERROR": 1, "LOGGER_SEVERITY_WARNING": 2, "LOGGER_SEVERITY_DEFAULT": 3,
	"LOGGER_SEVERITY_INFO": 4, "LOGGER_SEVERITY_DEBUG": 5, "LOGGER_SEVERITY_DETAILED_DEBUG": 6}

// dmsTaskLogging passes a task that logs with each named component at
// LOGGER_SEVERITY_DEFAULT or more detail (FSBP DMS.7, DMS.8). A component
// the settings do not name logs at DMS's default, LOGGER_SEVERITY_DEFAULT.
// Settings that were absent or not JSON make the task unknown.
func dmsTaskLogging(t state.DMSTask, side string, components ...string) check.Result {
	if !t.SettingsRead {
		return check.UnknownR(t, "the settings of replication task %s were not returned or not JSON", t.ID)
	}
	if !t.LoggingEnabled {
		return check.FailR(t, "replication task %s has logging turned off", t.ID)
	}
	var low []string
	for _, c := range components {
		sev, ok := t.LogSeverity[c]
		if !ok {
			continue
		}
		if dmsSeverityRank[sev] < dmsSeverityRank["LOGGER_SEVERITY_DEFAULT"] {
			low = append(low, c+" at "+sev)
		}
	}
	if len(low) > 0 {
		return check.FailR(t, "replication task %s logs its %s below the default severity: %s", t.ID, side, strings.Join(low, ", "))
	}
	return check.PassR(t, "replication task %s logs %s at the default severity or more", t.ID, strings.Join(components, " and "))
}

// dmsAPIEngines reach their store through an AWS API over HTTPS, where
// the endpoint has no SSL mode to set.
var dmsAPIEngines = map[string]bool{"s3": true, "dynamodb": true, "kinesis": true, "elasticsearch": true, "opensearch": true,
	"timestream": true, "neptune": true}

// dmsEndpointSSL fails an endpoint that connects without SSL (FSBP DMS.9).
// Endpoints of engines reached through an AWS API over HTTPS have no SSL
// mode and are not applicable; Neptune's IAM authentication is DMS.10.
func dmsEndpointSSL(e state.DMSEndpoint) check.Result {
	switch {
	case dmsAPIEngines[e.Engine]:
		return check.NotApplicableR(e, "endpoint %s (%s) reaches its store through an AWS API over HTTPS; it has no SSL mode", e.ID, e.Engine)
	case e.SSLMode == "" || e.SSLMode == "none":
		return check.FailR(e, "%s endpoint %s (%s) connects without SSL", strings.ToLower(e.Type), e.ID, e.Engine)
	}
	return check.PassR(e, "%s endpoint %s (%s) connects with SSL (%s)", strings.ToLower(e.Type), e.ID, e.Engine, e.SSLMode)
}

func dmsNeptuneIAM(e state.DMSEndpoint) check.Result {
	switch {
	case e.Engine != "neptune":
		return check.NotApplicableR(e, "endpoint %s is not a Neptune endpoint", e.ID)
	case !e.NeptuneIAMAuth:
		return check.FailR(e, "Neptune endpoint %s does not use IAM authorization", e.ID)
	}
	return check.PassR(e, "Neptune endpoint %s uses IAM authorization", e.ID)
}

// dmsMongoAuth fails a MongoDB endpoint with authentication type "no"
// (FSBP DMS.11); a MongoDB endpoint that reports no type is unknown.
func dmsMongoAuth(e state.DMSEndpoint) check.Result {
	switch {
	case e.Engine != "mongodb":
		return check.NotApplicableR(e, "endpoint %s is not a MongoDB endpoint", e.ID)
	case e.MongoAuthType == "":
		return check.UnknownR(e, "MongoDB endpoint %s reports no authentication type", e.ID)
	case e.MongoAuthType == "no":
		return check.FailR(e, "MongoDB endpoint %s connects without authentication", e.ID)
	}
	return check.PassR(e, "MongoDB endpoint %s authenticates (%s)", e.ID, e.MongoAuthType)
}

// dmsRedisTLS fails a Redis endpoint whose SSL security protocol is
// plaintext (FSBP DMS.12); one that reports none is unknown.
func dmsRedisTLS(e state.DMSEndpoint) check.Result {
	switch {
	case e.Engine != "redis":
		return check.NotApplicableR(e, "endpoint %s is not a Redis endpoint", e.ID)
	case e.RedisSSLProtocol == "":
		return check.UnknownR(e, "Redis endpoint %s reports no SSL security protocol", e.ID)
	case e.RedisSSLProtocol != "ssl-encryption":
		return check.FailR(e, "Redis endpoint %s connects without TLS (%s)", e.ID, e.RedisSSLProtocol)
	}
	return check.PassR(e, "Redis endpoint %s connects with TLS", e.ID)
}
