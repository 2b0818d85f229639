package web

import (
	"errors"
	"net/http"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

func (s *Server) forgotPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "forgot", view{actor: s.anonymous(r), Title: "forgot.title",
		Form: map[string]string{"email": r.URL.Query().Get("email")}})
}

// forgot sends a reset link and answers the same whether or not the
// address has an account (or already got its mails this hour).
func (s *Server) forgot(w http.ResponseWriter, r *http.Request) {
	a := s.anonymous(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, a, http.StatusBadRequest, "error.request_too_large")
		return
	}
	email := r.PostFormValue("email")
	if err := s.desk.RequestPasswordReset(r.Context(), email); err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, http.StatusOK, "forgot", view{actor: a, Title: "forgot.title", Flash: a.L.T("forgot.sent"),
		Form: map[string]string{"email": email}, Data: true})
}

// resetData feeds the page of a reset link.
type resetData struct {
	Email    string
	Min, Max int
}

func (s *Server) showReset(w http.ResponseWriter, r *http.Request, a *actor, status int, email string, v view) {
	v.actor, v.Title, v.Data = a, "reset.title", resetData{Email: email, Min: desk.MinPassword, Max: desk.MaxPassword}
	s.render(w, r, status, "reset", v)
}

// resetPage shows the form of a live link; looking changes nothing.
func (s *Server) resetPage(w http.ResponseWriter, r *http.Request) {
	a := s.anonymous(r)
	u, err := s.desk.ResetLink(r.Context(), r.PathValue("token"))
	if err != nil {
		s.resetFailed(w, r, a, err)
		return
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.showReset(w, r, a, http.StatusOK, u.Email, view{})
}

// reset sets the password through the link, which it spends, and sends
// the person to sign in with it (every session was ended).
func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	a := s.anonymous(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, a, http.StatusBadRequest, "error.request_too_large")
		return
	}
	token, next := r.PathValue("token"), r.PostFormValue("password")
	u, err := s.desk.ResetLink(r.Context(), token)
	if err == nil {
		if next != "" && r.PostFormValue("confirm") != next {
			err = model.Invalid("confirm", "error.password_confirm")
		} else {
			u, err = s.desk.ResetPassword(r.Context(), token, next)
		}
	}
	if errs, ok := fieldErrors(a, err); ok {
		s.showReset(w, r, a, http.StatusUnprocessableEntity, u.Email, view{Errors: errs})
		return
	}
	if err != nil {
		s.resetFailed(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/login?ok=password_reset&email="+urlQueryEscape(u.Email), http.StatusSeeOther)
}

func (s *Server) resetFailed(w http.ResponseWriter, r *http.Request, a *actor, err error) {
	if errors.Is(err, model.ErrNotFound) {
		s.render(w, r, http.StatusGone, "reset_invalid", view{actor: a, Title: "reset.invalid_title"})
		return
	}
	s.fail(w, r, a, err)
}
