package api

import (
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

type tokenIn struct {
	Name          string `json:"name"`
	ExpiresInDays *int   `json:"expires_in_days"`
}

type accessTokenOut struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Prefix     string `json:"prefix"`
	CreatedAt  stamp  `json:"created_at"`
	ExpiresAt  stamp  `json:"expires_at"`
	LastUsedAt stamp  `json:"last_used_at"`
	RevokedAt  stamp  `json:"revoked_at"`
	Active     bool   `json:"active"`
}

type newTokenOut struct {
	accessTokenOut
	Token string `json:"token"`
}

type tokenList struct {
	Tokens []accessTokenOut `json:"tokens"`
}

func newAccessTokenOut(t model.AccessToken, active bool) accessTokenOut {
	return accessTokenOut{ID: t.ID, Name: t.Name, Prefix: t.Prefix, CreatedAt: stamp(t.CreatedAt), ExpiresAt: stamp(t.ExpiresAt),
		LastUsedAt: stamp(t.LastUsedAt), RevokedAt: stamp(t.RevokedAt), Active: active}
}

// listTokens lists the caller's personal access tokens (never the secrets).
func (a *api) listTokens(w http.ResponseWriter, r *http.Request, u model.User) error {
	ts, err := a.desk.AccessTokens(r.Context(), u)
	if err != nil {
		return err
	}
	out := tokenList{Tokens: make([]accessTokenOut, 0, len(ts))}
	for _, t := range ts {
		out.Tokens = append(out.Tokens, newAccessTokenOut(t, t.Active(a.limits.now())))
	}
	return writeJSON(w, http.StatusOK, out)
}

// createToken makes a personal access token; its secret is in this answer
// only. An access token cannot mint more of itself.
func (a *api) createToken(w http.ResponseWriter, r *http.Request, u model.User) error {
	if credential(r).Token() {
		return model.ErrForbidden
	}
	var in tokenIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	days := desk.DefaultTokenDays
	if in.ExpiresInDays != nil {
		days = *in.ExpiresInDays
	}
	t, err := a.desk.CreateAccessToken(r.Context(), u, in.Name, days)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newTokenOut{accessTokenOut: newAccessTokenOut(t.Token, true), Token: t.Secret})
}

// dropToken revokes one of the caller's tokens; another user's is not
// found.
func (a *api) dropToken(w http.ResponseWriter, r *http.Request, u model.User) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return model.ErrNotFound
	}
	if err := a.desk.RevokeAccessToken(r.Context(), u, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
