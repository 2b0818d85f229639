package desk

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Session lengths and login throttling. An account locks after a few
// failures; a client address only after many more, and a locked account's
// further attempts are refused before they count against the address:
// one person locked out cannot lock out colleagues behind the same office
// address (at most maxPerAccount of the address's failures come from one
// account in a window).
const (
	webSessionTTL = 12 * time.Hour
	apiSessionTTL = 30 * 24 * time.Hour
	failureWindow = 15 * time.Minute
	maxPerAccount = 8
	maxPerIP      = 100
	maxPassword   = 72 // bcrypt reads no further; longer ones are pre-hashed (passwordBytes)
)

// Login is a successful sign-in: the secret token (cookie or bearer) and
// the form token bound to it.
type Login struct {
	Token string
	CSRF  string
	User  model.User
}

// HashPassword hashes a password for storage.
func (d *Desk) HashPassword(pw string) (string, error) {
	if len(pw) < 8 || utf8.RuneCountInString(pw) > MaxPassword {
		return "", model.Invalid("password", "error.password_length")
	}
	cost := d.cost
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	h, err := bcrypt.GenerateFromPassword(passwordBytes(pw), cost)
	return string(h), err
}

// LogIn checks a password and starts a session of kind "web" or "api".
// Unknown, wrong and disabled accounts get the same ErrUnauthorized; too
// many failures for the account or the client address get ErrRateLimited.
func (d *Desk) LogIn(ctx context.Context, email, password, clientIP, kind string) (Login, error) {
	// The dummy hash is made at the first login, beside it, so that an
	// unknown account is refused in a wrong password's time from then on.
	go d.dummyHash()
	now := d.clock()
	email = strings.ToLower(strings.TrimSpace(email))
	keys := []string{"acct:" + email, "ip:" + clientIP}
	limits := []int{maxPerAccount, maxPerIP}
	q := d.st.Read()
	for i, k := range keys {
		n, err := q.LoginFailures(ctx, k, now.Add(-failureWindow))
		if err != nil {
			return Login{}, err
		}
		if n >= limits[i] {
			return Login{}, model.ErrRateLimited
		}
	}
	u, err := q.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return Login{}, err
	}
	ok := err == nil && u.Active && u.PasswordHash != "" && utf8.RuneCountInString(password) <= MaxPassword &&
		bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), passwordBytes(password)) == nil
	if err != nil || u.PasswordHash == "" {
		// Spend the same time as a real comparison: no account probing by
		// timing (an invited person has no password yet).
		bcrypt.CompareHashAndPassword(d.dummyHash(), []byte(password))
	}
	if ok && u.CompanyID != 0 {
		// The people of a deactivated company cannot sign in.
		c, err := q.CompanyByID(ctx, u.CompanyID)
		if err != nil {
			return Login{}, err
		}
		ok = c.Active
	}
	if !ok {
		err := d.tx(ctx, func(q *store.Q) error {
			for _, k := range keys {
				if err := q.AddLoginFailure(ctx, k, now.Add(-failureWindow), now); err != nil {
					return err
				}
			}
			return nil
		})
		return Login{}, errors.Join(model.ErrUnauthorized, err)
	}
	l := Login{Token: randomToken(), CSRF: randomToken(), User: u}
	ttl := webSessionTTL
	if kind == "api" {
		ttl = apiSessionTTL
	}
	err = d.tx(ctx, func(q *store.Q) error {
		if err := q.ClearLoginFailures(ctx, keys[0]); err != nil {
			return err
		}
		if err := q.TouchLogin(ctx, u.ID, now); err != nil {
			return err
		}
		return q.CreateSession(ctx, store.Session{TokenHash: hashToken(l.Token), UserID: u.ID, Kind: kind,
			CSRF: l.CSRF, ExpiresAt: now.Add(ttl)}, now)
	})
	return l, err
}

// Authenticate returns the user and form token of a live session.
func (d *Desk) Authenticate(ctx context.Context, token, kind string) (model.User, string, error) {
	if token == "" {
		return model.User{}, "", model.ErrUnauthorized
	}
	s, u, err := d.st.Read().SessionUser(ctx, hashToken(token), kind, d.clock())
	if errors.Is(err, model.ErrNotFound) {
		return u, "", model.ErrUnauthorized
	}
	return u, s.CSRF, err
}

// LogOut ends a session.
func (d *Desk) LogOut(ctx context.Context, token string) error {
	return d.tx(ctx, func(q *store.Q) error { return q.DeleteSession(ctx, hashToken(token)) })
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	s := sha256.Sum256([]byte(t))
	return hex.EncodeToString(s[:])
}

// SetLanguage remembers the user's language ("es" or "en").
func (d *Desk) SetLanguage(ctx context.Context, actor model.User, lang string) error {
	if lang != "es" && lang != "en" {
		return model.Invalid("lang", "error.choose")
	}
	return d.tx(ctx, func(q *store.Q) error { return q.SetUserLanguage(ctx, actor.ID, lang) })
}
