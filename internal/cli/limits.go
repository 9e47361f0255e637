package cli

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/input"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// The environment variables that raise (or lift, with off) the size caps
// on what shoulder reads; docs/snapshot-format.md documents them.
const (
	// envMaxInputSize caps snapshots (--snapshot) and the results diff reads.
	envMaxInputSize = "SHOULDER_MAX_INPUT_SIZE"
	// envMaxPolicySize caps the policy file (shoulder.yaml, --config).
	envMaxPolicySize = "SHOULDER_MAX_POLICY_SIZE"
)

// inputLimit is the cap on snapshots and diff inputs: state.MaxSnapshotSize
// unless SHOULDER_MAX_INPUT_SIZE says otherwise.
func (app *App) inputLimit() (input.Limit, error) {
	return app.limitFromEnv(envMaxInputSize, state.MaxSnapshotSize)
}

// policyLimit is the cap on the policy file: policy.MaxFileSize unless
// SHOULDER_MAX_POLICY_SIZE says otherwise.
func (app *App) policyLimit() (input.Limit, error) {
	return app.limitFromEnv(envMaxPolicySize, policy.MaxFileSize)
}

func (app *App) limitFromEnv(env string, def int64) (input.Limit, error) {
	l := input.Limit{Bytes: def, Setting: env}
	if app.Getenv == nil {
		return l, nil
	}
	v := app.Getenv(env)
	if v == "" {
		return l, nil
	}
	n, err := parseByteSize(v)
	if err != nil {
		return l, withCode(ExitError, fmt.Errorf("%s: %w", env, err))
	}
	l.Bytes = n
	return l, nil
}
