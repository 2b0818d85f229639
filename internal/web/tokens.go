package web

import (
	"net/http"
	"strconv"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// tokenRoutes are the account's personal access tokens for the API.
func (s *Server) tokenRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /account/tokens", s.user(s.tokens))                   // any user: their own tokens
	mux.HandleFunc("POST /account/tokens", s.user(s.tokenCreate))             // any user
	mux.HandleFunc("POST /account/tokens/{id}/revoke", s.user(s.tokenRevoke)) // any user: their own, else 404
}

// tokensData is the tokens page.
type tokensData struct {
	Tokens   []model.AccessToken
	Now      time.Time
	Days     []int
	NewToken *desk.NewAccessToken
}

func (s *Server) showTokens(w http.ResponseWriter, r *http.Request, a *actor, status int, v view, d tokensData) {
	var err error
	if d.Tokens, err = s.desk.AccessTokens(r.Context(), a.User); err != nil {
		s.fail(w, r, a, err)
		return
	}
	d.Now, d.Days = time.Now(), []int{7, 30, 90, 365}
	v.actor, v.Title, v.Nav, v.Data = a, "tokens.title", "tokens", d
	if v.Form == nil {
		v.Form = map[string]string{"days": strconv.Itoa(desk.DefaultTokenDays)}
	}
	s.render(w, r, status, "tokens", v)
}

func (s *Server) tokens(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showTokens(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))}, tokensData{})
}

// tokenCreate makes a token and shows its secret on this answer only.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, a *actor) {
	days, err := strconv.Atoi(r.PostFormValue("days"))
	if err != nil {
		days = 0
	}
	t, err := s.desk.CreateAccessToken(r.Context(), a.User, r.PostFormValue("name"), days)
	if errs, ok := fieldErrors(a, err); ok {
		s.showTokens(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs,
			Form: map[string]string{"name": r.PostFormValue("name"), "days": r.PostFormValue("days")}}, tokensData{})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.showTokens(w, r, a, http.StatusOK, view{Flash: a.L.T("flash.token_created")}, tokensData{NewToken: &t})
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.desk.RevokeAccessToken(r.Context(), a.User, id); err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/account/tokens?ok=token_revoked", http.StatusSeeOther)
}
