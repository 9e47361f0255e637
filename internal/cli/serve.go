package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/shoulder-dev/shoulder/internal/serve"
)

func (app *App) serveCmd() *cobra.Command {
	var sf storeFlags
	var listen string
	var af authFlags
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

It listens on --listen (default ` + serve.DefaultListen + `). On loopback it may run with no
login. Any other address needs a login, else it refuses to start (exit 2):
a users file with bcrypt password hashes (--users FILE, written by
"shoulder serve adduser") or OpenID Connect (--oidc-issuer). A user or an
OIDC group may be limited to some accounts or OUs; every page and export
honours it. Serve it over TLS (--tls-cert/--tls-key) or behind an HTTPS
reverse proxy (--public-url https://...), which marks cookies Secure. Or keep
it on loopback and reach it over SSH port forwarding.

The users file is read again at the first request after it changes (adduser
while the server runs), and on SIGHUP: a removed user, or one whose password
or grant changed, is logged out at their next request. A version that does
not parse is logged (FILE:LINE) and the last good one kept.

Sessions live in the server's memory only, on purpose: a restart logs
everyone out, and several replicas behind a load balancer do not share them
(pin each client to one replica).

` + storeHelp,
		Example: `  shoulder serve                      # http://127.0.0.1:8080/
  shoulder serve --listen 127.0.0.1:9000 --store /srv/shoulder.db
  ssh -L 8080:127.0.0.1:8080 scanner-host  # reach it from your machine
  shoulder serve adduser --users /etc/shoulder/users alice --accounts 123456789012
  shoulder serve --listen 0.0.0.0:8443 --users /etc/shoulder/users --tls-cert cert.pem --tls-key key.pem
  SHOULDER_OIDC_CLIENT_ID=... SHOULDER_OIDC_CLIENT_SECRET=... shoulder serve --listen 127.0.0.1:8080 \
    --oidc-issuer https://login.example.com --access access.yaml --public-url https://shoulder.example.com`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Refused before anything is opened.
			auth, err := af.load(cmd.Context(), app)
			if err != nil {
				return withCode(ExitError, err)
			}
			if err := serve.CheckListen(listen, auth.Users != nil || auth.OIDC != nil); err != nil {
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
			if err := srv.Configure(auth); err != nil {
				return withCode(ExitError, err)
			}
			scheme := "http"
			if auth.TLSCert != "" {
				scheme = "https"
			}
			// SIGHUP reads the users file again (it is also read again
			// when it changes).
			hup, stopped := make(chan os.Signal, 1), make(chan struct{})
			signal.Notify(hup, syscall.SIGHUP)
			defer func() { signal.Stop(hup); close(stopped) }()
			go func() {
				for {
					select {
					case <-hup:
						srv.ReloadUsers()
					case <-stopped:
						return
					}
				}
			}()
			// The overview of the store as it is now, built before the first
			// request rather than by it.
			if err := srv.Warm(cmd.Context()); err != nil {
				return withCode(ExitError, err)
			}
			err = srv.Serve(cmd.Context(), listen, func(a net.Addr) {
				fmt.Fprintf(app.Stderr, "shoulder serve: %s://%s/ (store %s); Ctrl-C stops\n", scheme, a, st.Name())
			})
			if err != nil {
				return withCode(ExitError, err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&listen, "listen", serve.DefaultListen, "`HOST:PORT` to listen on: loopback, or any address with --users or --oidc-issuer")
	af.register(cmd)
	sf.register(cmd, false)
	cmd.AddCommand(app.serveAddUserCmd())
	return cmd
}

// authFlags are serve's login and transport flags.
type authFlags struct {
	users, publicURL, tlsCert, tlsKey string
	oidcIssuer, access                string
	idle, absolute                    time.Duration
}

func (af *authFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&af.users, "users", "", "users `FILE` (bcrypt hashes; write it with shoulder serve adduser): log in with a password")
	f.StringVar(&af.oidcIssuer, "oidc-issuer", "", "log in with OpenID Connect at this issuer `URL` (client ID and secret from SHOULDER_OIDC_CLIENT_ID and SHOULDER_OIDC_CLIENT_SECRET; needs --public-url and --access)")
	f.StringVar(&af.access, "access", "", "OpenID Connect access `FILE` (YAML): which groups see which accounts and OUs")
	f.StringVar(&af.publicURL, "public-url", "", "the `URL` users open (e.g. https://shoulder.example.com behind a TLS reverse proxy: cookies become Secure)")
	f.StringVar(&af.tlsCert, "tls-cert", "", "serve HTTPS with this certificate `FILE` (PEM; with --tls-key)")
	f.StringVar(&af.tlsKey, "tls-key", "", "the TLS private key `FILE` (PEM; with --tls-cert)")
	f.DurationVar(&af.idle, "idle-timeout", serve.DefaultIdle, "end a session after this long without a request")
	f.DurationVar(&af.absolute, "session-timeout", serve.DefaultAbsolute, "end a session this long after its login, active or not")
}

// load reads the users file and checks the flags; errors are bad input.
func (af *authFlags) load(ctx context.Context, app *App) (serve.Auth, error) {
	a := serve.Auth{PublicURL: af.publicURL, TLSCert: af.tlsCert, TLSKey: af.tlsKey, Idle: af.idle, Absolute: af.absolute}
	if (af.tlsCert == "") != (af.tlsKey == "") {
		return a, errors.New("--tls-cert and --tls-key go together")
	}
	if af.idle <= 0 || af.absolute <= 0 {
		return a, errors.New("--idle-timeout and --session-timeout must be positive")
	}
	if af.users != "" {
		u, err := serve.ParseUsers(af.users)
		if err != nil {
			return a, fmt.Errorf("--users: %w", err)
		}
		if u.Len() == 0 {
			return a, fmt.Errorf("--users %s: no user in it; add one with shoulder serve adduser --users %s NAME", af.users, af.users)
		}
		a.Users = u
	}
	if af.access != "" && af.oidcIssuer == "" {
		return a, errors.New("--access maps OpenID Connect groups: it needs --oidc-issuer")
	}
	if af.oidcIssuer != "" {
		if af.access == "" {
			return a, errors.New("--oidc-issuer needs --access FILE: which groups see which accounts (a group without an entry sees nothing)")
		}
		access, err := serve.ParseAccess(af.access)
		if err != nil {
			return a, fmt.Errorf("--access: %w", err)
		}
		o, err := serve.NewOIDC(ctx, serve.OIDCConfig{Issuer: af.oidcIssuer, PublicURL: af.publicURL, Access: access,
			ClientID: app.Getenv("SHOULDER_OIDC_CLIENT_ID"), ClientSecret: app.Getenv("SHOULDER_OIDC_CLIENT_SECRET")})
		if err != nil {
			return a, err
		}
		a.OIDC = o
	}
	return a, nil
}

func (app *App) serveAddUserCmd() *cobra.Command {
	var users string
	var accounts, ous []string
	cmd := &cobra.Command{
		Use:   "adduser --users FILE NAME",
		Short: "Add a user to (or change one in) a serve users file",
		Long: `adduser sets NAME's password in the users file that shoulder serve --users
reads, creating the file (mode 0600) and replacing NAME's line if it has one;
the file is rewritten atomically. The password is read without echo from the
terminal (twice), or as one line from standard input when it is piped. It needs
at least ` + fmt.Sprint(serve.MinPassword) + ` characters; only its bcrypt hash is stored.

--accounts and --ous limit what the user sees (every page and export): the
accounts named, and the accounts whose recorded OU path is the OU or under it
(OU paths as scans record them, e.g. Root/Workloads/Prod; "Workloads/Prod" is
read under Root). Without either the user sees every account.`,
		Example: `  shoulder serve adduser --users /etc/shoulder/users alice
  shoulder serve adduser --users users bob --accounts 123456789012,210987654321
  shoulder serve adduser --users users carol --ous Root/Workloads/Prod
  printf '%s\n' "$PASSWORD" | shoulder serve adduser --users users ci-viewer`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if users == "" {
				return withCode(ExitError, errors.New("adduser needs --users FILE"))
			}
			pw, err := readPassword(app)
			if err != nil {
				return withCode(ExitError, err)
			}
			if err := serve.AddUser(users, args[0], pw, accounts, ous); err != nil {
				return withCode(ExitError, err)
			}
			fmt.Fprintf(app.Stderr, "shoulder: user %s saved in %s\n", args[0], users)
			return nil
		},
	}
	cmd.Flags().StringVar(&users, "users", "", "the users `FILE` (created if missing)")
	cmd.Flags().StringSliceVar(&accounts, "accounts", nil, "limit the user to these account `IDS` (comma-separated)")
	cmd.Flags().StringSliceVar(&ous, "ous", nil, "limit the user to these OU `PATHS` and their descendants (comma-separated)")
	return cmd
}

// readPassword reads a password without echo from a terminal (asked
// twice), or one line from a pipe.
func readPassword(app *App) (string, error) {
	if f, ok := app.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(app.Stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(app.Stderr)
		if err != nil {
			return "", fmt.Errorf("read the password: %w", err)
		}
		fmt.Fprint(app.Stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(app.Stderr)
		if err != nil {
			return "", fmt.Errorf("read the password: %w", err)
		}
		if string(a) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(app.Stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input (pipe one line, or run it in a terminal)")
	}
	return line, nil
}
