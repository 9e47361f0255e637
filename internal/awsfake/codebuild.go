package awsfake

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS CodeBuild (awsJson1.1, X-Amz-Target CodeBuild_20161006.*;
// bodies by hand: the SDK's CodeBuild client has no schema serializers.
// Member names are the deserializer's: lower camel case). ----

func (s *Server) codeBuildService() *service {
	return &service{name: "codebuild", proto: protoJSON, ops: map[string]handler{
		"ListProjects":     cbListProjects,
		"BatchGetProjects": cbBatchGetProjects,
		// svc-gaps3: report groups
		"ListReportGroups":     cbListReportGroups,
		"BatchGetReportGroups": cbBatchGetReportGroups,
	}}
}

// cbListProjects lists project names, 100 a page (CodeBuild takes no page
// size: it returns up to 100).
func cbListProjects(c *call) (*reply, error) {
	ps := c.s.idx.cbProjects[c.region]
	start, end, next, err := page(c.action, len(ps), c.str("nextToken"), 0, 100, 100)
	if err != nil {
		return nil, err
	}
	names := []string{}
	for _, x := range ps[start:end] {
		names = append(names, x.Name)
	}
	out := map[string]any{"projects": names}
	if next != "" {
		out["nextToken"] = next
	}
	return c.rawJSON(out)
}

// cbBatchGetProjects describes up to 100 projects by name; unknown names
// are returned in projectsNotFound, as AWS does.
func cbBatchGetProjects(c *call) (*reply, error) {
	names := c.strs("names")
	if len(names) == 0 || len(names) > 100 {
		return nil, errf(400, "InvalidInputException", "names must hold 1 to 100 project names, got %d", len(names))
	}
	by := map[string]*state.CodeBuildProject{}
	for _, x := range c.s.idx.cbProjects[c.region] {
		by[x.Name] = x
	}
	projects, missing := []map[string]any{}, []string{}
	for _, n := range names {
		x, ok := by[n]
		if !ok {
			missing = append(missing, n)
			continue
		}
		projects = append(projects, cbProject(c, x))
	}
	return c.rawJSON(map[string]any{"projects": projects, "projectsNotFound": missing})
}

// cbProject renders a project as BatchGetProjects does.
func cbProject(c *call, x *state.CodeBuildProject) map[string]any {
	acct := c.s.acct.AccountID
	at := float64(c.s.acct.CollectedAt.Unix())
	pr := map[string]any{"name": x.Name, "arn": x.ARN, "serviceRole": "arn:aws:iam::" + acct + ":role/codebuild-" + x.Name,
		"created": at, "lastModified": at, "timeoutInMinutes": 60, "queuedTimeoutInMinutes": 480,
		"projectVisibility": orDefault(x.Visibility, "PRIVATE"), "tags": []map[string]string{}}
	if x.EncryptionKey != "" {
		pr["encryptionKey"] = x.EncryptionKey
	}
	var secondary []map[string]any
	for i, s := range x.Sources {
		src := map[string]any{"type": s.Type}
		if s.Location != "" {
			src["location"] = cbLocationOf(s)
		}
		if i == 0 {
			pr["source"] = src
			continue
		}
		src["sourceIdentifier"] = fmt.Sprintf("src%d", i)
		secondary = append(secondary, src)
	}
	if _, ok := pr["source"]; !ok {
		pr["source"] = map[string]any{"type": "NO_SOURCE"}
	}
	if secondary != nil {
		pr["secondarySources"] = secondary
	}
	vars := []map[string]string{}
	for _, v := range x.Environment {
		vars = append(vars, map[string]string{"name": v.Name, "type": orDefault(v.Type, "PLAINTEXT"), "value": cbEnvValueOf(v)})
	}
	pr["environment"] = map[string]any{"type": orDefault(x.EnvironmentType, "LINUX_CONTAINER"), "image": orDefault(x.Image, "aws/codebuild/standard:7.0"),
		"computeType": "BUILD_GENERAL1_SMALL", "privilegedMode": x.PrivilegedMode, "imagePullCredentialsType": "CODEBUILD", "environmentVariables": vars}
	s3 := map[string]any{"status": orDefault(x.S3Logs, "DISABLED")}
	if s3["status"] == "ENABLED" {
		s3["location"], s3["encryptionDisabled"] = "codebuild-logs-"+acct+"/"+x.Name, x.S3LogsEncryptionDisabled
	}
	pr["logsConfig"] = map[string]any{"cloudWatchLogs": map[string]any{"status": orDefault(x.CloudWatchLogs, "ENABLED")}, "s3Logs": s3}
	var secArt []map[string]any
	for i, a := range x.Artifacts {
		art := map[string]any{"type": a.Type, "encryptionDisabled": a.EncryptionDisabled}
		if a.Type == "S3" {
			art["location"] = "codebuild-artifacts-" + acct
		}
		if i == 0 {
			pr["artifacts"] = art
			continue
		}
		art["artifactIdentifier"] = a.Identifier
		secArt = append(secArt, art)
	}
	if _, ok := pr["artifacts"]; !ok {
		pr["artifacts"] = map[string]any{"type": "NO_ARTIFACTS"}
	}
	if secArt != nil {
		pr["secondaryArtifacts"] = secArt
	}
	tags := []map[string]string{}
	for _, k := range sortedKeys(x.Tags) {
		tags = append(tags, map[string]string{"key": k, "value": x.Tags[k]})
	}
	pr["tags"] = tags
	return pr
}

// cbLocationOf is what the fake sends for a source location the state
// keeps without user information: credentials put back in as
// user:password when the state says the location carried them
// (state.SourceLocation maps it back).
func cbLocationOf(s state.CodeBuildSource) string {
	if i := strings.Index(s.Location, "://"); s.LocationCredentials && i >= 0 {
		return s.Location[:i+3] + "x-token-auth:EXAMPLEtoken@" + s.Location[i+3:]
	}
	return s.Location
}

// cbEnvValueOf is what the fake sends for an environment variable the
// state only knows the type and shape of.
func cbEnvValueOf(v state.CodeBuildEnvVar) string {
	switch v.Type {
	case "PARAMETER_STORE":
		return "/ci/" + strings.ToLower(v.Name)
	case "SECRETS_MANAGER":
		return "ci/" + strings.ToLower(v.Name)
	}
	return EnvValueOf(v.Shape)
}
