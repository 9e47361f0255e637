package cli

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// sourceFlags choose where the account state comes from; every command that
// reads an account (scan, matrix, datamap, ...) shares them.
type sourceFlags struct {
	demo     bool
	snapshot string
}

func (s *sourceFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&s.demo, "demo", false, "use the embedded demo account (no AWS credentials needed)")
	f.StringVar(&s.snapshot, "snapshot", "", "read the account state from a snapshot `FILE` (see `shoulder collect`)")
}

// load returns the account state. Errors carry ExitError.
func (s *sourceFlags) load(ctx context.Context, app *App) (*state.Account, error) {
	switch {
	case s.demo && s.snapshot != "":
		return nil, withCode(ExitError, errors.New("--demo and --snapshot are exclusive: choose one source"))
	case s.demo:
		a, err := demo.Load()
		if err != nil {
			return nil, withCode(ExitError, err)
		}
		return a, nil
	case s.snapshot != "":
		a, err := state.LoadSnapshot(s.snapshot)
		if err != nil {
			return nil, withCode(ExitError, err)
		}
		if a.Source == "" {
			a.Source = "snapshot"
		}
		return a, nil
	default:
		return app.loadLive(ctx)
	}
}

// loadLive collects the state from AWS.
func (app *App) loadLive(context.Context) (*state.Account, error) {
	return nil, withCode(ExitError, errors.New("live AWS collection is not available in this build: use --demo or --snapshot FILE"))
}
