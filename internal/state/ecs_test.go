package state

import "testing"

// TestEnvValueShape pins how an environment value is classified before it
// is dropped: the shapes ECS.8 judges.
func TestEnvValueShape(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  EnvShape
	}{
		{"", EnvEmpty},
		{"  ", EnvEmpty},
		{"arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf", EnvReference},
		{"arn:aws:ssm:eu-west-1:111122223333:parameter/db", EnvReference},
		{"${DB_PASSWORD}", EnvReference},
		{"/run/secrets/db", EnvReference},
		{"AKIAIOSFODNN7EXAMPLE", EnvCredential},
		{"-----BEGIN RSA PRIVATE KEY-----\nMIIE...", EnvCredential},
		{"ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789", EnvCredential},
		{"postgres://app:hunter2@db.internal:5432/app", EnvCredential},
		{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig", EnvCredential},
		{"postgres://db.internal:5432/app", EnvLiteral},
		{"hunter2", EnvLiteral},
		{"info", EnvLiteral},
	} {
		if got := EnvValueShape(tc.value); got != tc.want {
			t.Errorf("EnvValueShape(%q) = %q, want %q", tc.value, got, tc.want)
		}
	}
}

// TestRunsAsRoot pins which user fields mean root.
func TestRunsAsRoot(t *testing.T) {
	for user, want := range map[string]bool{"": true, "root": true, "0": true, "0:0": true, "root:app": true, "1000": false, "app": false, "1000:0": false} {
		if got := (ECSContainer{User: user}).RunsAsRoot(); got != want {
			t.Errorf("RunsAsRoot(%q) = %v, want %v", user, got, want)
		}
	}
}
