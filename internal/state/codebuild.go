package state

import (
	"net/url"
	"strings"
)

// CodeBuild holds the AWS CodeBuild projects of every scanned region.
//
// Gaps: ListProjects hides a region's projects; BatchGetProjects (100
// names a call) hides their configuration (both regional: a failed batch
// makes the region's project checks unknown).
type CodeBuild struct {
	Projects []CodeBuildProject `json:"projects,omitempty"`
	// svc-gaps3: ReportGroups are the test and coverage report groups
	// (ListReportGroups, then BatchGetReportGroups 100 ARNs a call; both
	// regional).
	ReportGroups []CodeBuildReportGroup `json:"report_groups,omitempty"`
}

// CodeBuildReportGroup is a CodeBuild report group with where it exports
// its raw test results (svc-gaps3, FSBP CodeBuild.7).
type CodeBuildReportGroup struct {
	Meta
	Name string `json:"name"`
	// Type is TEST or CODE_COVERAGE.
	Type string `json:"type,omitempty"`
	// ExportType is S3 or NO_EXPORT; empty when the group was not
	// described.
	ExportType string `json:"export_type,omitempty"`
	// ExportBucket is the S3 bucket of an S3 export.
	ExportBucket string `json:"export_bucket,omitempty"`
	// ExportEncryptionDisabled is true when the S3 export is written
	// without encryption; ExportEncryptionKey the KMS key otherwise (empty:
	// the AWS managed key for Amazon S3).
	ExportEncryptionDisabled bool   `json:"export_encryption_disabled,omitempty"`
	ExportEncryptionKey      string `json:"export_encryption_key,omitempty"`
}

// CodeBuildProject is a CodeBuild build project with the settings the
// checks judge. Credentials are never stored: a source location keeps its
// URL without user information, and environment variables keep their
// names, types and value shapes (EnvValueShape), not their values.
type CodeBuildProject struct {
	Meta
	Name string `json:"name"`
	// Sources are the primary source and the secondary sources.
	Sources []CodeBuildSource `json:"sources,omitempty"`
	// Image and EnvironmentType describe the build environment;
	// PrivilegedMode lets builds run the Docker daemon (root on the build
	// host's kernel features).
	EnvironmentType string `json:"environment_type,omitempty"`
	Image           string `json:"image,omitempty"`
	PrivilegedMode  bool   `json:"privileged_mode,omitempty"`
	// Environment are the project's environment variables, values dropped.
	Environment []CodeBuildEnvVar `json:"environment,omitempty"`
	// CloudWatchLogs and S3Logs are ENABLED or DISABLED (AWS reports
	// CloudWatch Logs ENABLED and S3 logs DISABLED unless set).
	CloudWatchLogs string `json:"cloudwatch_logs,omitempty"`
	S3Logs         string `json:"s3_logs,omitempty"`
	// S3LogsEncryptionDisabled is true when S3 logs are written unencrypted.
	S3LogsEncryptionDisabled bool `json:"s3_logs_encryption_disabled,omitempty"`
	// Artifacts are the primary and secondary build output artifacts.
	Artifacts []CodeBuildArtifact `json:"artifacts,omitempty"`
	// EncryptionKey is the KMS key (ARN or alias) that encrypts the build
	// output; empty means the AWS managed key for Amazon S3.
	EncryptionKey string `json:"encryption_key,omitempty"`
	// Visibility is PRIVATE or PUBLIC_READ (build results, logs and
	// artifacts readable by anyone).
	Visibility string `json:"visibility,omitempty"`
}

// CodeBuildSource is one source of a project.
type CodeBuildSource struct {
	// Type is GITHUB, BITBUCKET, CODECOMMIT, S3, GITLAB, NO_SOURCE, ...
	Type string `json:"type"`
	// Location is the repository URL or bucket path, without user
	// information.
	Location string `json:"location,omitempty"`
	// LocationCredentials is true when the location as AWS returned it
	// carried credentials (SourceLocation).
	LocationCredentials bool `json:"location_credentials,omitempty"`
}

// CodeBuildEnvVar is one environment variable of a project, without its value.
type CodeBuildEnvVar struct {
	Name string `json:"name"`
	// Type is PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER; only
	// PLAINTEXT values are literal (the others name where the value is).
	Type string `json:"type"`
	// Shape is what a PLAINTEXT value looks like (EnvValueShape);
	// EnvReference for the other types.
	Shape EnvShape `json:"shape"`
}

// CodeBuildArtifact is one build output artifact of a project.
type CodeBuildArtifact struct {
	// Type is S3, CODEPIPELINE or NO_ARTIFACTS.
	Type string `json:"type"`
	// Identifier names a secondary artifact; empty for the primary one.
	Identifier string `json:"identifier,omitempty"`
	// EncryptionDisabled is true when the artifact is stored unencrypted.
	EncryptionDisabled bool `json:"encryption_disabled,omitempty"`
}

// SourceLocation splits a source location as AWS returns it into the
// location without user information and whether that user information was
// a credential: a password (user:password@, x-token-auth:TOKEN@) or a
// user name in a published token format (EnvValueShape's patterns, e.g.
// https://ghp_...@github.com). A bare user name (https://alice@bitbucket.org)
// is not a credential. The one rule the collector, the fake endpoint and
// the generators apply before the location is stored.
func SourceLocation(loc string) (clean string, credentials bool) {
	u, err := url.Parse(strings.TrimSpace(loc))
	if err != nil || u.User == nil || u.Host == "" {
		if i, j := strings.Index(loc, "://"), strings.LastIndex(loc, "@"); i >= 0 && j > i {
			// Unparseable but shaped like scheme://userinfo@host: keep no
			// user information and judge what it held.
			info := loc[i+3 : j]
			return loc[:i+3] + loc[j+1:], strings.Contains(info, ":") || EnvValueShape(info) == EnvCredential
		}
		return loc, false
	}
	_, hasPassword := u.User.Password()
	credentials = hasPassword || EnvValueShape(u.User.Username()) == EnvCredential
	u.User = nil
	return u.String(), credentials
}

// CodeBuildEnv classifies one project environment variable before its
// value is dropped.
func CodeBuildEnv(name, typ, value string) CodeBuildEnvVar {
	if typ == "" {
		typ = "PLAINTEXT"
	}
	shape := EnvReference
	if typ == "PLAINTEXT" {
		shape = EnvValueShape(value)
	}
	return CodeBuildEnvVar{Name: name, Type: typ, Shape: shape}
}
