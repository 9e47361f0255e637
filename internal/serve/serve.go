// Package serve is `shoulder serve`: a read-only web dashboard over the
// results store (docs/serve.md). Pages are rendered on the server by
// html/template (every value from AWS is escaped there), work without
// JavaScript, and load nothing but the embedded stylesheet, which a strict
// Content-Security-Policy enforces. Only GET and HEAD are answered.
//
// Without a login it listens on loopback only (CheckListen); with a users
// file or OpenID Connect (Configure, auth.go) every page needs a session
// and each viewer sees the accounts their grant allows (scope.go).
package serve

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/responsibility"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// DefaultListen is the address served when none is given.
const DefaultListen = "127.0.0.1:8080"

//go:embed assets templates
var files embed.FS

// CSP is the Content-Security-Policy of every response: nothing but the
// server's own stylesheet loads, no script runs, no page frames it.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// ErrNeedsAuth is CheckListen's refusal of a non-loopback address.
var ErrNeedsAuth = errors.New("serving beyond this machine needs authentication")

// CheckListen accepts a loopback address (127.0.0.0/8, ::1, localhost)
// always, and any other address only with login (a users file or OpenID
// Connect): the dashboard lists an organization's weaknesses. Without a
// login, 0.0.0.0 and the empty host are refused with a message that says
// how to configure one.
func CheckListen(addr string, login bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--listen %q: want HOST:PORT, e.g. %s: %w", addr, DefaultListen, err)
	}
	if port == "" {
		return fmt.Errorf("--listen %q: no port", addr)
	}
	if login || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--listen %s: %w: give a users file (shoulder serve adduser --users FILE NAME, then "+
		"shoulder serve --users FILE) or OpenID Connect (--oidc-issuer URL --public-url URL with "+
		"SHOULDER_OIDC_CLIENT_ID and SHOULDER_OIDC_CLIENT_SECRET set), and TLS (--tls-cert/--tls-key) or an "+
		"HTTPS reverse proxy (--public-url https://...); or listen on loopback (%s) and reach it over SSH port forwarding",
		addr, ErrNeedsAuth, DefaultListen)
}

// Server serves the dashboard of one store.
type Server struct {
	st      *store.Store
	version string
	pages   map[string]*template.Template
	meta    checkIndex
	logf    func(format string, args ...any)
	cache   *cache
	auth    *authState // nil: no login, no TLS (Configure)
	// pagesCache keeps the history, frameworks and waivers answers.
	pagesCache *pageCache
	// accountPages keeps rendered account pages (accountIn).
	accountPages *pageCache
	// gens reads the store's generation for every cache (generation).
	gens *generations
	// duties is the responsibility catalog the account page's matrix
	// joins with a scan.
	duties *responsibility.Catalog
	// ahead renders each new generation's overview before requests ask
	// for it (ahead.go).
	ahead ahead
}

// New returns the dashboard of st. version names shoulder in exports;
// logf logs internal errors (nil: the standard logger).
func New(st *store.Store, version string, logf func(string, ...any)) (*Server, error) {
	if logf == nil {
		logf = log.Printf
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	meta, err := newCheckIndex()
	if err != nil {
		return nil, err
	}
	cat, err := responsibility.Load()
	if err != nil {
		return nil, err
	}
	s := &Server{st: st, version: version, pages: pages, meta: meta, logf: logf, cache: &cache{},
		pagesCache: &pageCache{}, accountPages: &pageCache{max: maxAccountPages}, duties: cat,
		gens: &generations{read: st.Generation}}
	s.gens.seen = s.ahead.saw(s.warmAt)
	return s, nil
}

func parsePages() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02 15:04 UTC")
		},
		"authOn": func() bool { return false }, // Configure replaces it
		"deref":  func(b *bool) bool { return b != nil && *b },
	}
	out := map[string]*template.Template{}
	for _, name := range []string{"overview", "account", "findings", "error", "login", "frameworks", "waivers", "data"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse the %s page: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// Handler is the dashboard's routes behind the security headers and the
// GET/HEAD-only rule.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(files, "assets")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", s.overview)
	mux.HandleFunc("GET /accounts/{id}", s.account)
	mux.HandleFunc("GET /accounts/{id}/data", s.dataPage)
	mux.HandleFunc("GET /findings", s.findings)
	mux.HandleFunc("GET /findings.csv", s.export)
	mux.HandleFunc("GET /findings.json", s.export)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("GET /logout", s.logoutPage)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("POST /login/oidc", s.oidcStart)
	mux.HandleFunc("GET /login/callback", s.oidcCallback)
	mux.HandleFunc("GET /frameworks", s.frameworksPage)
	mux.HandleFunc("GET /waivers", s.waiversPage)
	mux.HandleFunc("GET /findings.sarif", s.export)
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, http.StatusNotFound, "no such page")
	})
	return s.secure(withGenMemo(s.gate(mux)))
}

// secure sets the security headers on every response and answers 405 to
// every method but GET and HEAD (the dashboard changes nothing), login and
// logout's POST excepted (postAllowed).
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if s.auth != nil && (s.auth.secure || r.TLS != nil) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.postAllowed(r) {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed: the dashboard is read-only", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Serve listens on addr (refused unless loopback) and serves until ctx
// ends, then shuts down gracefully. ready, when not nil, receives the
// address listened on.
func (s *Server) Serve(ctx context.Context, addr string, ready func(net.Addr)) error {
	if err := CheckListen(addr, s.LoginNeeded()); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // a large export
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	// Notice scans recorded while nobody looks, and render their
	// overview before the next request.
	go s.Watch(ctx, WatchEvery)
	if ready != nil {
		ready(ln.Addr())
	}
	done := make(chan error, 1)
	go func() {
		if s.auth != nil && s.auth.TLSCert != "" {
			done <- srv.ServeTLS(ln, s.auth.TLSCert, s.auth.TLSKey)
			return
		}
		done <- srv.Serve(ln)
	}()
	select {
	case err := <-done:
		return fmt.Errorf("serve on %s: %w", addr, err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	<-done
	return nil
}

// fail renders the error page with status code and a message meant for the
// user (never an internal error's text: it may name the store).
func (s *Server) fail(w http.ResponseWriter, code int, msg string) {
	s.render(w, code, "error", struct {
		Title   string
		Code    int
		Message string
	}{http.StatusText(code), code, msg})
}

// internal logs err and answers 500 without its text.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.logf("shoulder serve: %s %s: %v", r.Method, r.URL.Path, err)
	s.fail(w, http.StatusInternalServerError, "the results store could not be read; see the server's log")
}

func (s *Server) render(w http.ResponseWriter, code int, page string, data any) {
	b, err := s.renderPage(page, data)
	if err != nil {
		s.logf("shoulder serve: %v", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writePage(w, code, b)
}

// renderPage renders page with data into bytes (what render writes, and
// what a cached page keeps).
func (s *Server) renderPage(page string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := s.pages[page].Execute(&b, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", page, err)
	}
	return b.Bytes(), nil
}

// writePage answers an HTML page rendered by renderPage.
func writePage(w http.ResponseWriter, code int, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(page)
}

// severityOrder lists severities from the most severe.
func severityOrder() []string {
	out := make([]string, 0, check.Critical+1)
	for s := check.Critical; s >= check.Info; s-- {
		out = append(out, s.String())
	}
	return out
}
