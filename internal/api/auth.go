package api

import (
	"net/http"
	"strings"

	"helpdesk/internal/model"
)

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type tokenOut struct {
	Token string `json:"token"`
}

// logIn trades e-mail and password for a bearer token. Unknown, wrong and
// disabled accounts get the same 401; throttled attempts a 429.
func (a *api) logIn(w http.ResponseWriter, r *http.Request, _ model.User) error {
	var c credentials
	if err := decode(w, r, &c); err != nil {
		return err
	}
	l, err := a.desk.LogIn(r.Context(), c.Email, c.Password, a.clientIP(r), "api")
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tokenOut{l.Token})
}

// logOut ends the session of the bearer token. Personal access tokens
// are revoked with DELETE /api/v1/tokens/{id} instead.
func (a *api) logOut(w http.ResponseWriter, r *http.Request, _ model.User) error {
	if credential(r).Token() {
		return badRequest("api.logout_token", nil)
	}
	if err := a.desk.LogOut(r.Context(), bearer(r)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// bearer returns the token of "Authorization: Bearer …", or "".
func bearer(r *http.Request) string {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}
