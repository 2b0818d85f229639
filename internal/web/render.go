package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"helpdesk/internal/i18n"
	"helpdesk/internal/model"
)

type pageTemplate struct{ t *template.Template }

// view is what every page template receives.
type view struct {
	*actor
	Settings model.Settings
	Title    string // a catalog key
	Heading  string // the tab title as is (a ticket's "#1042 title"), instead of Title
	Nav      string
	Flash    string            // a confirmation
	Alert    string            // an error about the whole page
	Here     string            // this page's address, for the language switch to come back to
	Errors   map[string]string // field → translated message
	Form     map[string]string // values typed, shown again after an error
	Data     any
	Unread   int // the reader's unread notifications, on the bell
}

// T translates for the reader.
func (v view) T(key string, args ...any) string { return v.L.T(key, args...) }

// Err is the translated error of a form field, or "".
func (v view) Err(field string) string { return v.Errors[field] }

// Val is the typed value of a form field.
func (v view) Val(field string) string { return v.Form[field] }

// Staff reports whether the reader is vendor staff.
func (v view) Staff() bool { return v.actor != nil && v.User.Role.Staff() }

// SignedIn reports whether there is a reader.
func (v view) SignedIn() bool { return v.actor != nil && v.User.ID != 0 }

var funcs = template.FuncMap{
	"statusClass": func(s model.Status) string { return "st-" + string(s) },
	"tel":         telURI,
	"bytes": func(n int64) string {
		switch {
		case n >= 1<<20:
			return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
		case n >= 1<<10:
			return fmt.Sprintf("%d KB", n/(1<<10))
		}
		return fmt.Sprintf("%d B", n)
	},
	"paragraphs": func(s string) []string { return strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") },
	"isImage":    func(ct string) bool { return strings.HasPrefix(ct, "image/") },
	"eq2":        func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
	"rows": func(l i18n.Localizer, ts []model.Ticket, showCompany bool) rowsData {
		return rowsData{L: l, Tickets: ts, ShowCompany: showCompany}
	},
	"faqCard": func(l i18n.Localizer, key string, f model.FAQ) faqCardData {
		return faqCardData{L: l, Key: key, FAQ: f}
	},
	"notificationText": notificationText,
	"timeline":         func(l i18n.Localizer, evs []model.Event) timelineData { return timelineData{L: l, Timeline: evs} },
	"deliveryState":    func(l i18n.Localizer, d model.Delivery) deliveryData { return deliveryData{L: l, Delivery: d} },
	"peopleRows":       peopleRows,
	"auditRows":        auditRows,
	"auditDetails":     auditDetails,
}

// deliveryData feeds a webhook delivery's state.
type deliveryData struct {
	L        i18n.Localizer
	Delivery model.Delivery
}

// rowsData feeds the shared ticket table.
type rowsData struct {
	L           i18n.Localizer
	Tickets     []model.Ticket
	ShowCompany bool
}

// faqCardData feeds a FAQ suggestion in the wizard.
type faqCardData struct {
	L   i18n.Localizer
	Key string
	FAQ model.FAQ
}

// timelineData feeds the shared timeline.
type timelineData struct {
	L        i18n.Localizer
	Timeline []model.Event
}

// loadPages parses each page with the layout and shared partials.
func loadPages() (map[string]*pageTemplate, error) {
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*pageTemplate{}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/partials/*.html", n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", base, err)
		}
		pages[strings.TrimSuffix(base, ".html")] = &pageTemplate{t: t}
	}
	return pages, nil
}

// render writes a page inside the layout.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	p, ok := s.pages[name]
	if !ok {
		s.log.Error("no template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if v.Settings.VendorName == "" {
		v.Settings, _ = s.desk.Settings(r.Context())
	}
	if v.Heading != "" {
		v.Title = v.Heading
	} else if v.Title != "" {
		v.Title = v.T(v.Title)
	}
	if v.SignedIn() {
		var err error
		if v.Unread, err = s.desk.UnreadCount(r.Context(), v.User); err != nil {
			s.log.Warn("unread count", "err", err)
		}
	}
	if r.Method == http.MethodGet {
		v.Here = safeNext(r.URL.RequestURI())
	}
	var buf bytes.Buffer
	if err := p.t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage shows a translated error message with a status.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, a *actor, status int, key string) {
	s.render(w, r, status, "error", view{actor: a, Title: "error.title", Data: a.L.T(key)})
}

// fail answers an error from desk: not found (also for what the user may
// not see), forbidden, or a logged 500 that shows no detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, a *actor, err error) {
	switch {
	case errors.Is(err, model.ErrNotFound), errors.Is(err, model.ErrForbidden):
		s.errorPage(w, r, a, http.StatusNotFound, "error.page_not_found")
	case errors.Is(err, model.ErrConflict):
		s.errorPage(w, r, a, http.StatusConflict, "error.conflict")
	default:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		s.errorPage(w, r, a, http.StatusInternalServerError, "error.internal")
	}
}

// fieldErrors translates a validation error; ok is false for other errors.
func fieldErrors(a *actor, err error) (map[string]string, bool) {
	var v *model.ValidationError
	if !errors.As(err, &v) {
		return nil, false
	}
	out := map[string]string{}
	for f, k := range v.Fields {
		out[f] = a.L.T(k, v.Args[f]...)
	}
	return out, true
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// safeNext keeps a redirect on this site: a path of ours or "/". Control
// characters and backslashes are refused outright, because browsers drop
// or rewrite them and "/\t/evil.example" or "/\\evil.example" would then
// leave the site.
func safeNext(next string) string {
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return next
}

// telURI turns a phone as people write it, "(57)(6) 331 5979", into a link
// a phone can dial: "tel:+5763315979". A number written with its country
// code in brackets or after "+" is international; otherwise it is dialled
// as written.
func telURI(phone string) template.URL {
	var digits strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		}
	}
	p := strings.TrimSpace(phone)
	if digits.Len() == 0 {
		return ""
	}
	if strings.HasPrefix(p, "+") || strings.HasPrefix(p, "(") {
		return template.URL("tel:+" + digits.String())
	}
	return template.URL("tel:" + digits.String())
}
