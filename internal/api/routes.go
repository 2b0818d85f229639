// Package api serves the JSON API v1 under /api/v1/: bearer tokens, the
// same desk methods as the portal, errors as {"error": {...}}.
package api

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/i18n"
	"helpdesk/internal/model"
)

// Options configures the API handler.
type Options struct {
	Desk    *desk.Desk
	Catalog *i18n.Catalog
	Logger  *slog.Logger
	// ClientIP tells the client address for login throttling; nil uses the
	// host of r.RemoteAddr.
	ClientIP func(*http.Request) string
	// BaseURL is this site's address as the client reached it
	// ("https://soporte.example.com"), for the links the API hands out;
	// nil derives it from the request.
	BaseURL func(*http.Request) string
	// RateLimit per credential; DefaultRateLimit when zero.
	RateLimit RateLimit
	// Now is the clock of the rate limiter; time.Now when nil.
	Now func() time.Time
}

type api struct {
	desk     *desk.Desk
	catalog  *i18n.Catalog
	log      *slog.Logger
	clientIP func(*http.Request) string
	baseURL  func(*http.Request) string
	limits   *limiter
	mux      *http.ServeMux
	patterns []string // every route, for the OpenAPI test
}

// handler serves a request for a signed-in user (the zero User on public
// routes). It writes a response only on success; a returned error is
// answered by fail.
type handler func(w http.ResponseWriter, r *http.Request, u model.User) error

// New returns the handler of every path under /api/v1/.
func New(o Options) http.Handler {
	a := &api{desk: o.Desk, catalog: o.Catalog, log: o.Logger, clientIP: o.ClientIP, baseURL: o.BaseURL, mux: http.NewServeMux()}
	if o.Now == nil {
		o.Now = time.Now
	}
	a.limits = newLimiter(o.RateLimit, o.Now)
	if a.baseURL == nil {
		a.baseURL = requestBaseURL
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.catalog == nil {
		a.catalog = i18n.New()
	}
	if a.clientIP == nil {
		a.clientIP = remoteHost
	}
	a.routes()
	return a
}

// routes is the API: method and path, handler, and who may call it.
func (a *api) routes() {
	a.public("POST /api/v1/auth/login", a.logIn)                       // anyone
	a.signedIn("POST /api/v1/auth/logout", a.logOut)                   // any user
	a.signedIn("GET /api/v1/modules", a.modules)                       // any user
	a.signedIn("GET /api/v1/faqs/suggest", a.suggestFAQs)              // any user
	a.signedIn("GET /api/v1/tickets", a.listTickets)                   // any user; desk scopes the list
	a.signedIn("POST /api/v1/tickets", a.openTicket)                   // customers; desk refuses staff (403)
	a.signedIn("GET /api/v1/tickets/{number}", a.ticket)               // who may see it, else 404
	a.signedIn("POST /api/v1/tickets/{number}/messages", a.addMessage) // who may see it; internal notes staff only
	a.signedIn("POST /api/v1/tickets/{number}/status", a.changeStatus) // who may see it; desk lifecycle rules
	a.launchRoutes()
	a.notificationRoutes()
	a.accountRoutes()
	a.peopleRoutes()
}

// RoutePatterns lists every route of the API ("METHOD /path"), for the
// test that each one is described in openapi.json.
func RoutePatterns() []string {
	a := &api{mux: http.NewServeMux()}
	a.routes()
	return a.patterns
}

func (a *api) handle(pattern string, h http.HandlerFunc) {
	a.patterns = append(a.patterns, pattern)
	a.mux.HandleFunc(pattern, h)
}

func (a *api) public(pattern string, h handler) {
	a.handle(pattern, func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r, model.User{}); err != nil {
			a.fail(w, r, err)
		}
	})
}

// signedIn serves a route for a user signed in with a login token or a
// personal access token, within the credential's rate limit.
func (a *api) signedIn(pattern string, h handler) {
	a.handle(pattern, func(w http.ResponseWriter, r *http.Request) {
		u, cred, err := a.desk.AuthenticateAPI(r.Context(), bearer(r))
		if err == nil {
			r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
			err = a.limit(w, cred.ID)
		}
		if err == nil {
			err = h(w, r.WithContext(context.WithValue(r.Context(), credentialKey{}, cred)), u)
		}
		if err != nil {
			a.fail(w, r, err)
		}
	})
}

// limit takes one request from the credential's bucket; an empty bucket
// is a 429 with Retry-After.
func (a *api) limit(w http.ResponseWriter, id string) error {
	ok, wait := a.limits.allow(id)
	if ok {
		return nil
	}
	w.Header().Set("Retry-After", strconv.Itoa(retrySeconds(wait)))
	return errSlowDown
}

type credentialKey struct{}

// ServeHTTP routes a request; paths and methods without a route get a JSON
// 404 or 405 instead of the mux's plain text.
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	if h, pattern := a.mux.Handler(r); pattern == "" {
		rec := &statusOnly{header: w.Header(), status: http.StatusNotFound}
		h.ServeHTTP(rec, r) // sets Allow on a 405
		if rec.status == http.StatusMethodNotAllowed {
			a.fail(w, r, errMethod)
		} else {
			a.fail(w, r, model.ErrNotFound)
		}
		return
	}
	a.mux.ServeHTTP(w, r)
}

// statusOnly keeps the status the mux's fallback handler writes and drops
// its plain-text body.
type statusOnly struct {
	header http.Header
	status int
}

func (s *statusOnly) Header() http.Header         { return s.header }
func (s *statusOnly) Write(b []byte) (int, error) { return len(b), nil }
func (s *statusOnly) WriteHeader(code int)        { s.status = code }

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
