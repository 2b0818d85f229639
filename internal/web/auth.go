package web

import (
	"errors"
	"net/http"
	"time"

	"helpdesk/internal/model"
)

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.currentUser(r); ok {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	a, q := s.anonymous(r), r.URL.Query()
	s.render(w, r, http.StatusOK, "login", view{actor: a, Title: "login.title", Flash: flashFor(a, q.Get("ok")),
		Form: map[string]string{"next": q.Get("next"), "email": q.Get("email")}})
}

// login answers unknown, wrong and disabled accounts with the same message.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	a := s.anonymous(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, a, http.StatusBadRequest, "error.request_too_large")
		return
	}
	email, next := r.PostFormValue("email"), r.PostFormValue("next")
	l, err := s.desk.LogIn(r.Context(), email, r.PostFormValue("password"), s.ClientIP(r), "web")
	if err != nil {
		key, status := "login.failed", http.StatusUnauthorized
		switch {
		case errors.Is(err, model.ErrRateLimited):
			key, status = "login.rate_limited", http.StatusTooManyRequests
		case !errors.Is(err, model.ErrUnauthorized):
			s.log.Error("login", "err", err)
			key, status = "error.internal", http.StatusInternalServerError
		}
		s.render(w, r, status, "login", view{actor: a, Title: "login.title", Alert: a.L.T(key),
			Form: map[string]string{"email": email, "next": next}})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: l.Token, Path: "/", HttpOnly: true,
		Secure: s.secureRequest(r), SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(12 * time.Hour)})
	dest := safeNext(next)
	if dest == "/" {
		dest = "/tickets"
		if l.User.Role.Staff() {
			dest = "/console"
		}
	}
	http.Redirect(w, r, dest, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, a *actor) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.desk.LogOut(r.Context(), c.Value); err != nil {
			s.fail(w, r, a, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secureRequest(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// setLanguage stores the reader's language choice in a cookie.
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	lang := s.catalog.Negotiate(r.PostFormValue("lang"), "")
	if a, ok := s.authenticate(r); ok && r.PostFormValue("csrf") == a.CSRF {
		if err := s.desk.SetLanguage(r.Context(), a.User, lang); err != nil {
			s.fail(w, r, a, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, Secure: s.secureRequest(r)})
	back := r.PostFormValue("back")
	http.Redirect(w, r, safeNext(back), http.StatusSeeOther)
}
