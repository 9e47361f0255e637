package state

import (
	"encoding/json"
	"sort"
)

// DMS holds the AWS Database Migration Service replication instances,
// endpoints and replication tasks of every scanned region.
//
// Gaps: DescribeReplicationInstances, DescribeEndpoints and
// DescribeReplicationTasks each hide a region's resources of their kind
// (all three are bulk listings, 100 a page; nothing is read per item).
type DMS struct {
	ReplicationInstances []DMSReplicationInstance `json:"replication_instances,omitempty"`
	Endpoints            []DMSEndpoint            `json:"endpoints,omitempty"`
	Tasks                []DMSTask                `json:"tasks,omitempty"`
}

// DMSReplicationInstance is a DMS replication instance: the host that
// reads the source, holds the data in flight and writes the target.
type DMSReplicationInstance struct {
	Meta
	ID string `json:"id"`
	// PubliclyAccessible gives the instance a public IP address.
	PubliclyAccessible bool `json:"publicly_accessible,omitempty"`
	// AutoMinorVersionUpgrade applies minor engine upgrades in the
	// maintenance window.
	AutoMinorVersionUpgrade bool `json:"auto_minor_version_upgrade,omitempty"`
	// MultiAZ keeps a standby in another Availability Zone.
	MultiAZ bool `json:"multi_az,omitempty"`
	// KMSKeyID encrypts the instance's storage (DMS always encrypts it,
	// with the AWS managed key aws/dms unless a customer key is set).
	KMSKeyID      string `json:"kms_key_id,omitempty"`
	EngineVersion string `json:"engine_version,omitempty"`
}

// DMSEndpoint is a DMS source or target endpoint with the settings the
// checks judge. Credentials are not read.
type DMSEndpoint struct {
	Meta
	ID string `json:"id"`
	// Type is SOURCE or TARGET.
	Type string `json:"type"`
	// Engine is the engine name (mysql, postgres, mongodb, neptune,
	// redis, s3, ...).
	Engine string `json:"engine"`
	// SSLMode is none, require, verify-ca or verify-full.
	SSLMode string `json:"ssl_mode,omitempty"`
	// NeptuneIAMAuth is a Neptune endpoint's IamAuthEnabled.
	NeptuneIAMAuth bool `json:"neptune_iam_auth,omitempty"`
	// MongoAuthType is a MongoDB endpoint's AuthType: no or password.
	MongoAuthType string `json:"mongo_auth_type,omitempty"`
	// RedisSSLProtocol is a Redis endpoint's SslSecurityProtocol:
	// plaintext or ssl-encryption.
	RedisSSLProtocol string `json:"redis_ssl_protocol,omitempty"`
}

// DMSTask is a DMS replication task with its logging settings, parsed
// from the task's settings document.
type DMSTask struct {
	Meta
	ID string `json:"id"`
	// SettingsRead is false when the task's settings document was absent
	// or not JSON: its logging is then unknown.
	SettingsRead bool `json:"settings_read,omitempty"`
	// LoggingEnabled is the settings' Logging.EnableLogging.
	LoggingEnabled bool `json:"logging_enabled,omitempty"`
	// LogSeverity maps each log component (SOURCE_CAPTURE,
	// TARGET_APPLY, ...) to its severity (LOGGER_SEVERITY_DEFAULT, ...).
	LogSeverity map[string]string `json:"log_severity,omitempty"`
}

// DMSTaskLogging reads the logging settings out of a replication task's
// settings document: whether it was JSON, Logging.EnableLogging, and each
// log component's severity. The one parser the collector, the fake and
// the generators share.
func DMSTaskLogging(settings string) (read, enabled bool, severity map[string]string) {
	var doc struct {
		Logging *struct {
			EnableLogging bool `json:"EnableLogging"`
			LogComponents []struct {
				ID       string `json:"Id"`
				Severity string `json:"Severity"`
			} `json:"LogComponents"`
		} `json:"Logging"`
	}
	if settings == "" || json.Unmarshal([]byte(settings), &doc) != nil {
		return false, false, nil
	}
	if doc.Logging == nil {
		return true, false, nil
	}
	for _, c := range doc.Logging.LogComponents {
		if severity == nil {
			severity = map[string]string{}
		}
		severity[c.ID] = c.Severity
	}
	return true, doc.Logging.EnableLogging, severity
}

// DMSTaskSettings is a settings document with the task's logging, as the
// fake and the generators send it (DMSTaskLogging reads it back).
func DMSTaskSettings(t DMSTask) string {
	type comp struct {
		ID       string `json:"Id"`
		Severity string `json:"Severity"`
	}
	ids := make([]string, 0, len(t.LogSeverity))
	for id := range t.LogSeverity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	comps := []comp{}
	for _, id := range ids {
		comps = append(comps, comp{id, t.LogSeverity[id]})
	}
	b, _ := json.Marshal(map[string]any{"TargetMetadata": map[string]any{"SupportLobs": true},
		"Logging": map[string]any{"EnableLogging": t.LoggingEnabled, "LogComponents": comps}})
	return string(b)
}
