package web

import (
	"errors"
	"net/http"
	"slices"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// accountRoutes are the person's own account: profile, password, address
// book, and the forgotten-password pages for those signed out.
func (s *Server) accountRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /account/profile", s.user(s.profilePage))         // any user: their own profile
	mux.HandleFunc("POST /account/profile", s.user(s.profileSave))        // any user
	mux.HandleFunc("GET /account/password", s.user(s.passwordPage))       // any user
	mux.HandleFunc("POST /account/password", s.user(s.passwordSave))      // any user
	mux.HandleFunc("GET /forgot", s.forgotPage)                           // anyone
	mux.HandleFunc("POST /forgot", s.forgot)                              // anyone; same answer for every address
	mux.HandleFunc("GET /reset/{token}", s.resetPage)                     // holder of a live reset link
	mux.HandleFunc("POST /reset/{token}", s.reset)                        // holder of a live reset link
	mux.HandleFunc("GET /contacts", s.user(s.contactList))                // any user: their own contacts
	mux.HandleFunc("GET /contacts/new", s.user(s.contactNew))             // any user
	mux.HandleFunc("POST /contacts", s.user(s.contactCreate))             // any user
	mux.HandleFunc("GET /contacts/{id}", s.user(s.contactEdit))           // owner, else 404
	mux.HandleFunc("POST /contacts/{id}", s.user(s.contactUpdate))        // owner, else 404
	mux.HandleFunc("POST /contacts/{id}/delete", s.user(s.contactDelete)) // owner, else 404
}

// profileData feeds Modificar Perfil.
type profileData struct {
	Zones []string
}

func profileForm(p desk.Profile) map[string]string {
	f := map[string]string{"name": p.Name, "email": p.Email, "phone": p.Phone, "position": p.Position,
		"language": p.Language, "time_zone": p.TimeZone}
	if p.EmailNotifications {
		f["email_notifications"] = "1"
	}
	return f
}

func (s *Server) showProfile(w http.ResponseWriter, r *http.Request, a *actor, status int, v view) {
	zones := desk.TimeZones()
	if tz := v.Form["time_zone"]; tz != "" && !slices.Contains(zones, tz) {
		zones = append([]string{tz}, zones...)
	}
	v.actor, v.Title, v.Nav, v.Data = a, "profile.title", "profile", profileData{Zones: zones}
	s.render(w, r, status, "profile", v)
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request, a *actor) {
	u, err := s.desk.Me(r.Context(), a.User)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.showProfile(w, r, a, http.StatusOK, view{Form: profileForm(desk.ProfileOf(u)),
		Flash: flashFor(a, r.URL.Query().Get("ok"))})
}

func (s *Server) profileSave(w http.ResponseWriter, r *http.Request, a *actor) {
	p := desk.Profile{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Phone: r.PostFormValue("phone"),
		Position: r.PostFormValue("position"), Language: r.PostFormValue("language"), TimeZone: r.PostFormValue("time_zone"),
		EmailNotifications: r.PostFormValue("email_notifications") == "1", Current: r.PostFormValue("current")}
	u, err := s.desk.UpdateProfile(r.Context(), a.User, p)
	if err != nil {
		errs, ok := fieldErrors(a, err)
		if !ok && !errors.Is(err, model.ErrRateLimited) {
			s.fail(w, r, a, err)
			return
		}
		status := http.StatusUnprocessableEntity
		if !ok {
			errs, status = map[string]string{"current": a.L.T("error.rate_limited")}, http.StatusTooManyRequests
		}
		s.showProfile(w, r, a, status, view{Errors: errs, Form: profileForm(p)})
		return
	}
	// The profile's language wins over an earlier choice in the footer.
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: u.Language, Path: "/", MaxAge: 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, Secure: s.secureRequest(r)})
	http.Redirect(w, r, "/account/profile?ok=profile_saved", http.StatusSeeOther)
}

// passwordData feeds Modificar Contraseña.
type passwordData struct {
	Min, Max int
}

func (s *Server) showPassword(w http.ResponseWriter, r *http.Request, a *actor, status int, v view) {
	v.actor, v.Title, v.Nav, v.Data = a, "password.title", "password", passwordData{desk.MinPassword, desk.MaxPassword}
	s.render(w, r, status, "password", v)
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showPassword(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))})
}

// passwordSave changes the password; this browser's session stays, every
// other one ends. Typed passwords are never sent back in the page.
func (s *Server) passwordSave(w http.ResponseWriter, r *http.Request, a *actor) {
	next := r.PostFormValue("password")
	var err error
	if next != "" && r.PostFormValue("confirm") != next {
		err = model.Invalid("confirm", "error.password_confirm")
	} else {
		err = s.desk.ChangePassword(r.Context(), a.User, cookieValue(r, sessionCookie), r.PostFormValue("current"), next)
	}
	if err != nil {
		errs, ok := fieldErrors(a, err)
		if !ok && !errors.Is(err, model.ErrRateLimited) {
			s.fail(w, r, a, err)
			return
		}
		status := http.StatusUnprocessableEntity
		if !ok {
			errs, status = map[string]string{"current": a.L.T("error.rate_limited")}, http.StatusTooManyRequests
		}
		s.showPassword(w, r, a, status, view{Errors: errs})
		return
	}
	http.Redirect(w, r, "/account/password?ok=password_changed", http.StatusSeeOther)
}
