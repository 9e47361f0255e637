package awsfake_test

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestEnvValueOfRoundTrips proves the value the fake sends for each
// environment value shape is classified back as that shape, so a task
// definition served by the fake reads back as the state it came from.
func TestEnvValueOfRoundTrips(t *testing.T) {
	for _, s := range []state.EnvShape{state.EnvEmpty, state.EnvReference, state.EnvCredential, state.EnvLiteral} {
		if got := state.EnvValueShape(awsfake.EnvValueOf(s)); got != s {
			t.Errorf("EnvValueShape(EnvValueOf(%q)) = %q", s, got)
		}
	}
}
