package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// launchRoutes are the pages behind the links the desktop program opens.
// Anyone may open them: the link itself is the credential.
func (s *Server) launchRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /launch/update", s.launchUpdate)   // anyone: the "update your program" page
	mux.HandleFunc("GET /launch/{token}", s.launchPage)    // anyone holding a link: a page that signs in by POST
	mux.HandleFunc("POST /launch/{token}", s.launchRedeem) // anyone holding a link: uses it once
}

// BaseURL is this site's address as the client reached it, for links the
// API hands out (https behind a trusted proxy that says so).
func (s *Server) BaseURL(r *http.Request) string {
	scheme := "http"
	if s.secureRequest(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// launchReady is the page in front of a usable link.
type launchReady struct {
	Token string
	For   model.User // whom the link signs in
	Now   model.User // who this browser is signed in as, when someone else
}

// launchPage answers a GET: it changes nothing, so a link previewer or a
// mail scanner cannot spend the link. A usable link shows a form that
// launch.js submits at once (a button without JavaScript); when the
// browser is signed in as someone else it asks first, so a link sent by
// another person cannot swap the session unnoticed.
func (s *Server) launchPage(w http.ResponseWriter, r *http.Request) {
	a := s.anonymous(r)
	token := r.PathValue("token")
	u, err := s.desk.LaunchUser(r.Context(), token)
	if errors.Is(err, model.ErrInvalidLink) {
		s.render(w, r, http.StatusGone, "launch_invalid", view{actor: a, Title: "launch.invalid_title"})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	d := launchReady{Token: token, For: u}
	if cur, ok := s.currentUser(r); ok && cur.ID != u.ID {
		d.Now = cur
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, http.StatusOK, "launch_ready", view{actor: a, Title: "launch.ready_title", Data: d})
}

// launchRedeem spends the link: a new session (any other session of this
// browser ends), then the wizard prefilled from the program's context or
// the portal home.
func (s *Server) launchRedeem(w http.ResponseWriter, r *http.Request) {
	a := s.anonymous(r)
	red, err := s.desk.RedeemLaunch(r.Context(), r.PathValue("token"))
	var ve *model.VersionError
	switch {
	case errors.Is(err, model.ErrInvalidLink):
		s.render(w, r, http.StatusGone, "launch_invalid", view{actor: a, Title: "launch.invalid_title"})
		return
	case errors.As(err, &ve):
		s.showUpdate(w, r, a, ve.Version, ve.Minimum)
		return
	case err != nil:
		s.fail(w, r, a, err)
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.desk.LogOut(r.Context(), c.Value); err != nil {
			s.fail(w, r, a, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: red.Login.Token, Path: "/", HttpOnly: true,
		Secure: s.secureRequest(r), SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(12 * time.Hour)})
	u := red.Login.User
	if red.Context.Empty() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	pref := cookieValue(r, langCookie)
	if pref == "" {
		pref = u.Language
	}
	l := s.catalog.For(s.catalog.Negotiate(pref, ""), u.TimeZone)
	prefill := desk.NewTicket{Version: red.Version, Title: launchTitle(l.T, red.Context)}
	mods, err := s.desk.Modules(r.Context())
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	known := false
	for _, m := range mods {
		if strings.EqualFold(m.Name, red.Context.Module) {
			prefill.Module, known = m.Name, true
		}
	}
	prefill.Description = launchDescription(l.T, red.Context, red.Version, known)
	key, err := s.desk.StartDraft(r.Context(), u, prefill)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/new/"+key+"/1?ok=launched", http.StatusSeeOther)
}

// launchTitle suggests a title: the program's message, else its error
// code; the user may change it.
func launchTitle(t func(string, ...any) string, c model.LaunchContext) string {
	if m, _, _ := strings.Cut(c.Message, "\n"); strings.TrimSpace(m) != "" {
		return truncateRunes(strings.TrimSpace(m), desk.MaxTitle)
	}
	switch {
	case c.ErrorCode != "" && c.Module != "":
		return truncateRunes(t("launch.title_code_module", c.ErrorCode, c.Module), desk.MaxTitle)
	case c.ErrorCode != "":
		return truncateRunes(t("launch.title_code", c.ErrorCode), desk.MaxTitle)
	}
	return ""
}

// launchDescription writes what the program told us where the agent will
// read it.
func launchDescription(t func(string, ...any) string, c model.LaunchContext, version string, moduleKnown bool) string {
	var b strings.Builder
	if c.Message != "" {
		b.WriteString(c.Message + "\n\n")
	}
	b.WriteString(t("launch.ctx_intro") + "\n")
	line := func(key, v string) {
		if v != "" {
			b.WriteString("- " + t(key) + ": " + v + "\n")
		}
	}
	line("launch.ctx_error_code", c.ErrorCode)
	line("launch.ctx_screen", c.Screen)
	if !moduleKnown {
		line("launch.ctx_module", c.Module)
	}
	line("launch.ctx_version", version)
	return truncateRunes(strings.TrimSpace(b.String()), desk.MaxDescription)
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// updateData is the "update your program" page.
type updateData struct {
	Version, Minimum string
}

func (s *Server) launchUpdate(w http.ResponseWriter, r *http.Request) {
	minV, err := s.desk.MinDesktopVersion(r.Context())
	if err != nil {
		s.fail(w, r, s.anonymous(r), err)
		return
	}
	v := r.URL.Query().Get("version")
	if !model.ValidVersion(v) {
		v = ""
	}
	s.showUpdate(w, r, s.anonymous(r), v, minV)
}

func (s *Server) showUpdate(w http.ResponseWriter, r *http.Request, a *actor, version, minimum string) {
	s.render(w, r, http.StatusOK, "launch_update", view{actor: a, Title: "launch.update_title",
		Data: updateData{Version: version, Minimum: minimum}})
}
