package cli

import (
	"fmt"
	"net"

	"github.com/spf13/cobra"

	"github.com/shoulder-dev/shoulder/internal/serve"
)

func (app *App) serveCmd() *cobra.Command {
	var sf storeFlags
	var listen string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve a read-only web dashboard over the results store",
		Long: `serve shows the results store in a browser: an overview of every account's
latest scan (failures by severity, coverage, an accounts x areas heatmap of
failing findings), each account's open findings with their evidence and fix,
and a findings explorer whose filters (status, severity, area, check, account)
live in the URL, with CSV and JSON export of the current view. Nothing is
collected: the pages read what scans recorded. Pages work without JavaScript
and load nothing from elsewhere (strict Content-Security-Policy).

It listens on --listen (default ` + serve.DefaultListen + `) and has no login in this
version, so it refuses any address but loopback (exit 2): authentication
(OpenID Connect, a users file) is planned. To share it, reach it over SSH port
forwarding or put an authenticating reverse proxy in front of it.

` + storeHelp,
		Example: `  shoulder serve                      # http://127.0.0.1:8080/
  shoulder serve --listen 127.0.0.1:9000 --store /srv/shoulder.db
  ssh -L 8080:127.0.0.1:8080 scanner-host  # reach it from your machine`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Refused before anything is opened.
			if err := serve.CheckListen(listen); err != nil {
				return withCode(ExitError, err)
			}
			dsn, err := sf.resolve(app)
			if err != nil {
				return err
			}
			if dsn == "" {
				return withCode(ExitError, fmt.Errorf("serve needs a results store"))
			}
			st, err := openStore(cmd.Context(), dsn)
			if err != nil {
				return err
			}
			defer st.Close()
			srv, err := serve.New(st, Version, func(format string, args ...any) {
				fmt.Fprintf(app.Stderr, format+"\n", args...)
			})
			if err != nil {
				return err
			}
			// The overview of the store as it is now, built before the first
			// request rather than by it.
			if err := srv.Warm(cmd.Context()); err != nil {
				return withCode(ExitError, err)
			}
			err = srv.Serve(cmd.Context(), listen, func(a net.Addr) {
				fmt.Fprintf(app.Stderr, "shoulder serve: http://%s/ (store %s); Ctrl-C stops\n", a, st.Name())
			})
			if err != nil {
				return withCode(ExitError, err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&listen, "listen", serve.DefaultListen, "`HOST:PORT` to listen on: loopback only in this version (no authentication yet)")
	sf.register(cmd, false)
	return cmd
}
