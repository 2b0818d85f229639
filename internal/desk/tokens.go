package desk

import (
	"context"
	"errors"
	"strings"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Personal access token limits.
const (
	maxTokenName       = 100
	maxTokensPerUser   = 50
	maxTokenDays       = 365
	DefaultTokenDays   = 90
	touchEvery         = 5 * time.Minute // last use is recorded at this grain
	credentialSession  = "session"
	credentialToken    = "token"
	credentialKeyLabel = "key"
)

// NewAccessToken is a token just created: Secret is shown once.
type NewAccessToken struct {
	Secret string
	Token  model.AccessToken
}

// CreateAccessToken gives the actor a named token for the API, expiring
// after days (1 to 365).
func (d *Desk) CreateAccessToken(ctx context.Context, actor model.User, name string, days int) (NewAccessToken, error) {
	name = strings.TrimSpace(name)
	v := &model.ValidationError{}
	checkLine(v, "name", name, maxTokenName, true)
	if days < 1 || days > maxTokenDays {
		v.Add("expires_in_days", "error.token_days")
	}
	if err := v.Err(); err != nil {
		return NewAccessToken{}, err
	}
	var out NewAccessToken
	err := d.tx(ctx, func(q *store.Q) error {
		list, err := q.AccessTokens(ctx, actor.ID)
		if err != nil {
			return err
		}
		live := 0
		for _, t := range list {
			if t.Active(d.clock()) {
				live++
			}
		}
		if live >= maxTokensPerUser {
			return model.Invalid("name", "error.too_many_tokens")
		}
		now := d.clock()
		secret := tokenPrefix + randomToken()
		t := model.AccessToken{UserID: actor.ID, Name: name, Prefix: secret[:shownPrefix], CreatedAt: now,
			ExpiresAt: now.AddDate(0, 0, days)}
		t.ID, err = q.CreateAccessToken(ctx, t, hashToken(secret))
		out = NewAccessToken{Secret: secret, Token: t}
		return err
	})
	return out, err
}

// AccessTokens lists the actor's tokens, newest first.
func (d *Desk) AccessTokens(ctx context.Context, actor model.User) ([]model.AccessToken, error) {
	return d.st.Read().AccessTokens(ctx, actor.ID)
}

// RevokeAccessToken ends one of the actor's tokens; another user's token
// is not found.
func (d *Desk) RevokeAccessToken(ctx context.Context, actor model.User, id int64) error {
	return d.tx(ctx, func(q *store.Q) error { return q.RevokeAccessToken(ctx, actor.ID, id, d.clock()) })
}

// Credential says how an API request signed in: a login session or a
// personal access token, with a stable id for rate limits.
type Credential struct {
	Kind string // "session" or "token"
	ID   string // hash of the secret: never the secret itself
}

// Token reports whether the credential is a personal access token.
func (c Credential) Token() bool { return c.Kind == credentialToken }

// AuthenticateAPI returns the user of a bearer secret: a personal access
// token (hdp_…) or a login token. Either works only while the user is
// active; a disabled user is refused on the next request.
func (d *Desk) AuthenticateAPI(ctx context.Context, secret string) (model.User, Credential, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		u, _, err := d.Authenticate(ctx, secret, "api")
		return u, Credential{Kind: credentialSession, ID: hashToken(secret)}, err
	}
	now := d.clock()
	h := hashToken(secret)
	t, u, err := d.st.Read().AccessTokenUser(ctx, h, now)
	if errors.Is(err, model.ErrNotFound) {
		return u, Credential{}, model.ErrUnauthorized
	}
	if err != nil {
		return u, Credential{}, err
	}
	// A write on every request would cost reads their speed (SQLite has one
	// writer); the last use is recorded at a five-minute grain instead.
	if now.Sub(t.LastUsedAt) >= touchEvery {
		if err := d.st.Tx(ctx, func(q *store.Q) error { return q.TouchAccessToken(ctx, t.ID, now) }); err != nil {
			return u, Credential{}, err
		}
	}
	return u, Credential{Kind: credentialToken, ID: h}, nil
}

// KeyCredential is the rate-limit identity of an integration key.
func KeyCredential(secret string) Credential {
	return Credential{Kind: credentialKeyLabel, ID: hashToken(secret)}
}
