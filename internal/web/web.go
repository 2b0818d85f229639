// Package web serves the customer portal and the staff console: HTML
// pages over the desk use cases. Every page works as plain forms; a little
// JavaScript only adds live FAQ suggestions.
package web

import (
	"embed"
	"log/slog"
	"net/http"
	"net/netip"

	"helpdesk/internal/desk"
	"helpdesk/internal/i18n"
)

//go:embed templates static
var assets embed.FS

// Options configures the web handler.
type Options struct {
	Desk           *desk.Desk
	Catalog        *i18n.Catalog
	Logger         *slog.Logger
	TrustedProxies []netip.Prefix
}

// Server holds the handler's dependencies.
type Server struct {
	desk    *desk.Desk
	catalog *i18n.Catalog
	log     *slog.Logger
	proxies []netip.Prefix
	pages   map[string]*pageTemplate
}

// New builds the portal and console handler (without the API).
func New(o Options) (*Server, error) {
	s := &Server{desk: o.Desk, catalog: o.Catalog, log: o.Logger, proxies: o.TrustedProxies}
	if s.log == nil {
		s.log = slog.Default()
	}
	var err error
	if s.pages, err = loadPages(); err != nil {
		return nil, err
	}
	return s, nil
}

// Routes registers every page on mux. Each line names who may use it.
func (s *Server) Routes(mux *http.ServeMux) {
	static := http.FileServerFS(assets)
	mux.Handle("GET /static/", cacheStatic(static))
	mux.HandleFunc("GET /healthz", s.healthz)

	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.user(s.logout))
	mux.HandleFunc("POST /lang", s.setLanguage)

	// Everyone signed in: FAQs, ticket pages (scoped by desk), files.
	mux.HandleFunc("GET /faqs", s.user(s.faqList))
	mux.HandleFunc("GET /faqs/{id}", s.user(s.faqPage))
	mux.HandleFunc("GET /faqs/suggest", s.user(s.faqSuggest))
	mux.HandleFunc("GET /find", s.user(s.findTicket))
	mux.HandleFunc("GET /tickets/{number}", s.user(s.ticketPage))
	mux.HandleFunc("POST /tickets/{number}/reply", s.user(s.ticketReply))
	mux.HandleFunc("POST /tickets/{number}/status", s.user(s.ticketStatus))
	mux.HandleFunc("GET /attachments/{id}", s.user(s.attachment))

	// Customers: lists and the five-step wizard.
	mux.HandleFunc("GET /tickets", s.customer(s.openTickets))
	mux.HandleFunc("GET /history", s.customer(s.history))
	mux.HandleFunc("GET /new", s.customer(s.wizardStart))
	mux.HandleFunc("POST /new", s.customer(s.wizardCreate))
	mux.HandleFunc("GET /new/{key}/{step}", s.customer(s.wizardStep))
	mux.HandleFunc("POST /new/{key}/{step}", s.customer(s.wizardSave))
	mux.HandleFunc("POST /new/{key}/files/{id}/delete", s.customer(s.wizardDeleteFile))
	mux.HandleFunc("GET /new/{key}/files/{id}", s.customer(s.wizardFile))
	mux.HandleFunc("POST /new/{key}/resolved", s.customer(s.wizardResolved))
	mux.HandleFunc("GET /new/resolved/{id}", s.customer(s.wizardResolvedPage))

	// Staff: queue, ticket work, FAQ editor.
	mux.HandleFunc("GET /console", s.staff(s.queue))
	mux.HandleFunc("POST /tickets/{number}/assign", s.staff(s.ticketAssign))
	mux.HandleFunc("POST /tickets/{number}/priority", s.staff(s.ticketPriority))
	mux.HandleFunc("POST /tickets/{number}/module", s.staff(s.ticketModule))
	mux.HandleFunc("GET /console/faqs", s.staff(s.faqAdmin))
	mux.HandleFunc("GET /console/faqs/new", s.staff(s.faqNew))
	mux.HandleFunc("POST /console/faqs", s.staff(s.faqCreate))
	mux.HandleFunc("GET /console/faqs/{id}", s.staff(s.faqEdit))
	mux.HandleFunc("POST /console/faqs/{id}", s.staff(s.faqUpdate))
	mux.HandleFunc("POST /console/faqs/{id}/publish", s.staff(s.faqPublish))

	s.launchRoutes(mux)
	s.integrationRoutes(mux)
	s.tokenRoutes(mux)
	s.notificationRoutes(mux)
	s.accountRoutes(mux)
	s.peopleRoutes(mux)
}

// Handler wraps mux with the protections every response needs, and
// answers paths without a page with the site's own "not found" page.
func (s *Server) Handler(mux *http.ServeMux) http.Handler {
	cop := http.NewCrossOriginProtection()
	return securityHeaders(cop.Handler(s.recoverer(s.pagesOnly(mux))))
}

// pagesOnly serves what mux routes; anything else gets the translated
// error page (404, or 405 with Allow for a known path and another method).
func (s *Server) pagesOnly(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		status := http.StatusNotFound
		probe := &statusProbe{header: w.Header(), status: status}
		h.ServeHTTP(probe, r) // sets Allow for a 405
		if probe.status == http.StatusMethodNotAllowed {
			status = probe.status
		}
		a, ok := s.authenticate(r)
		if !ok {
			a = s.anonymous(r)
		}
		s.errorPage(w, r, a, status, "error.page_not_found")
	})
}

// statusProbe keeps the status a handler writes and drops its body.
type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header         { return p.header }
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(code int)        { p.status = code }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.desk.Ping(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u, ok := s.currentUser(r)
	switch {
	case !ok:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	case u.Role.Staff():
		http.Redirect(w, r, "/console", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/tickets", http.StatusSeeOther)
	}
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
