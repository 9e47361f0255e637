package state

import "testing"

// TestSourceLocation pins how a source location is cleaned and judged
// before it is stored.
func TestSourceLocation(t *testing.T) {
	for _, tc := range []struct {
		loc, clean string
		creds      bool
	}{
		{"https://github.com/acme/app.git", "https://github.com/acme/app.git", false},
		{"https://alice@bitbucket.org/acme/app.git", "https://bitbucket.org/acme/app.git", false},
		{"https://alice:hunter2@bitbucket.org/acme/app.git", "https://bitbucket.org/acme/app.git", true},
		{"https://x-token-auth:abc123@bitbucket.org/acme/app.git", "https://bitbucket.org/acme/app.git", true},
		{"https://ghp_abcdefghijklmnopqrstuvwxyz0123456789AB@github.com/acme/app", "https://github.com/acme/app", true},
		{"my-bucket/source.zip", "my-bucket/source.zip", false},
		{"", "", false},
	} {
		clean, creds := SourceLocation(tc.loc)
		if clean != tc.clean || creds != tc.creds {
			t.Errorf("SourceLocation(%q) = %q, %v; want %q, %v", tc.loc, clean, creds, tc.clean, tc.creds)
		}
	}
}

// TestCodeBuildEnv pins that only PLAINTEXT values are judged by shape.
func TestCodeBuildEnv(t *testing.T) {
	for _, tc := range []struct {
		typ, value string
		want       EnvShape
	}{
		{"PLAINTEXT", "AKIAABCDEFGHIJKLMNOP", EnvCredential},
		{"", "hello", EnvLiteral},
		{"PARAMETER_STORE", "/ci/token", EnvReference},
		{"SECRETS_MANAGER", "prod/db:password", EnvReference},
	} {
		if got := CodeBuildEnv("X", tc.typ, tc.value).Shape; got != tc.want {
			t.Errorf("CodeBuildEnv(%q, %q) shape = %q, want %q", tc.typ, tc.value, got, tc.want)
		}
	}
}

// TestDMSTaskLogging pins how a task's settings document is read, and
// that DMSTaskSettings writes what it reads back.
func TestDMSTaskLogging(t *testing.T) {
	want := DMSTask{LoggingEnabled: true, LogSeverity: map[string]string{"SOURCE_CAPTURE": "LOGGER_SEVERITY_DEFAULT", "TARGET_APPLY": "LOGGER_SEVERITY_ERROR"}}
	read, on, sev := DMSTaskLogging(DMSTaskSettings(want))
	if !read || !on || len(sev) != 2 || sev["TARGET_APPLY"] != "LOGGER_SEVERITY_ERROR" {
		t.Errorf("round trip = %v %v %v", read, on, sev)
	}
	for _, tc := range []struct {
		doc      string
		read, on bool
	}{
		{"", false, false},
		{"not json", false, false},
		{`{"TargetMetadata":{}}`, true, false},
		{`{"Logging":{"EnableLogging":false}}`, true, false},
	} {
		if read, on, _ := DMSTaskLogging(tc.doc); read != tc.read || on != tc.on {
			t.Errorf("DMSTaskLogging(%q) = %v, %v; want %v, %v", tc.doc, read, on, tc.read, tc.on)
		}
	}
}
