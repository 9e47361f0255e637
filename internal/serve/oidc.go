package serve

import "net/http"

// OIDC is the OpenID Connect login.
type OIDC struct{}

func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	s.fail(w, http.StatusNotFound, "no single sign-on on this server")
}

func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	s.fail(w, http.StatusNotFound, "no single sign-on on this server")
}
