package web

import (
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"helpdesk/internal/i18n"
	"helpdesk/internal/model"
)

const (
	sessionCookie = "hd_session"
	langCookie    = "hd_lang"
	maxFormBytes  = 1 << 20
)

// actor is the signed-in user of a request, with their form token and
// language.
type actor struct {
	User model.User
	CSRF string
	L    i18n.Localizer
}

type handler func(w http.ResponseWriter, r *http.Request, a *actor)

// user requires a signed-in user; on POST it also checks the form token.
func (s *Server) user(h handler) http.HandlerFunc {
	return s.require(h, func(model.User) bool { return true })
}

// customer requires a customer (informer or company_admin).
func (s *Server) customer(h handler) http.HandlerFunc {
	return s.require(h, func(u model.User) bool { return !u.Role.Staff() })
}

// staff requires an agent or admin.
func (s *Server) staff(h handler) http.HandlerFunc {
	return s.require(h, func(u model.User) bool { return u.Role.Staff() })
}

func (s *Server) require(h handler, allowed func(model.User) bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := s.authenticate(r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.errorPage(w, r, s.anonymous(r), http.StatusUnauthorized, "error.session_expired")
			return
		}
		if !allowed(a.User) {
			s.errorPage(w, r, a, http.StatusNotFound, "error.page_not_found")
			return
		}
		if r.Method == http.MethodPost {
			if err := s.parseForm(w, r); err != nil {
				s.errorPage(w, r, a, http.StatusRequestEntityTooLarge, "error.request_too_large")
				return
			}
			got := r.PostFormValue("csrf")
			if subtle.ConstantTimeCompare([]byte(got), []byte(a.CSRF)) != 1 {
				s.errorPage(w, r, a, http.StatusForbidden, "error.csrf")
				return
			}
		}
		h(w, r, a)
	}
}

// parseForm reads a POST body within limits: multipart forms may carry
// attachments up to the desk's limits.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) error {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		limit := s.desk.MaxFileBytes()*int64(s.desk.MaxFiles()) + maxFormBytes
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		return r.ParseMultipartForm(8 << 20)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	return r.ParseForm()
}

// authenticate reads the session cookie.
func (s *Server) authenticate(r *http.Request) (*actor, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, false
	}
	u, csrf, err := s.desk.Authenticate(r.Context(), c.Value, "web")
	if err != nil {
		if !errors.Is(err, model.ErrUnauthorized) {
			s.log.Error("authenticate", "err", err)
		}
		return nil, false
	}
	// Spanish first: the choice made in the footer, else the profile's
	// language; a browser's English locale alone does not switch.
	pref := cookieValue(r, langCookie)
	if pref == "" {
		pref = u.Language
	}
	lang := s.catalog.Negotiate(pref, "")
	return &actor{User: u, CSRF: csrf, L: s.catalog.For(lang, u.TimeZone)}, true
}

func (s *Server) currentUser(r *http.Request) (model.User, bool) {
	a, ok := s.authenticate(r)
	if !ok {
		return model.User{}, false
	}
	return a.User, true
}

// anonymous is the actor of a request without a session.
func (s *Server) anonymous(r *http.Request) *actor {
	lang := s.catalog.Negotiate(cookieValue(r, langCookie), "")
	return &actor{L: s.catalog.For(lang, "")}
}

func cookieValue(r *http.Request, name string) string {
	if c, err := r.Cookie(name); err == nil {
		return c.Value
	}
	return ""
}

// ClientIP is the peer address, or the forwarded client when the peer is a
// trusted proxy.
func (s *Server) ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !s.trusted(addr) {
		return host
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if !s.trusted(hop) {
			return hop.String()
		}
	}
	return host
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.proxies {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// securityHeaders sets the headers every response carries: no inline
// script, no framing, no sniffing.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a logged 500.
func (s *Server) recoverer(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", v)
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// secureRequest reports whether the client reached us over TLS.
func (s *Server) secureRequest(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	if a, err := netip.ParseAddr(host); err == nil && s.trusted(a) {
		return r.Header.Get("X-Forwarded-Proto") == "https"
	}
	return false
}
