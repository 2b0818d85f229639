package desk

import (
	"context"
	"errors"
	"strings"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Password reset links (¿Olvidó su contraseña?).
const (
	resetTTL      = 30 * time.Minute
	resetWindow   = time.Hour
	maxResetMails = 3 // per address and resetWindow
)

// RequestPasswordReset mails a single-use reset link to an active account.
// It answers nil alike for an unknown address, a disabled account and an
// address that already got its mails this hour (then nothing is sent), so
// the answer tells nobody whether an account exists.
func (d *Desk) RequestPasswordReset(ctx context.Context, email string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || !validEmail(email) {
		return nil
	}
	return d.tx(ctx, func(q *store.Q) error {
		u, err := q.UserByEmail(ctx, email)
		if errors.Is(err, model.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if ok, err := mayReset(ctx, q, u); !ok || err != nil {
			return err
		}
		now := d.clock()
		n, err := q.CountUserTokens(ctx, u.ID, model.TokenReset, now.Add(-resetWindow))
		if err != nil || n >= maxResetMails {
			return err
		}
		token := randomToken()
		hash := hashToken(token)
		if err := q.CreateUserToken(ctx, store.UserToken{TokenHash: hash, UserID: u.ID, Purpose: model.TokenReset,
			CreatedAt: now, ExpiresAt: now.Add(resetTTL)}); err != nil {
			return err
		}
		m := mailTo(u, "reset", u.Name)
		m.Path = "/reset/" + token
		m.Event = "reset:" + hash[:16]
		return d.enqueueMail(ctx, q, m)
	})
}

// ResetLink returns the person a reset link is for, without spending it;
// a used, expired or altered link, or a disabled account, is not found.
func (d *Desk) ResetLink(ctx context.Context, token string) (model.User, error) {
	q := d.st.Read()
	t, err := q.PendingUserToken(ctx, hashToken(token), model.TokenReset, d.clock())
	if err != nil {
		return model.User{}, err
	}
	u, err := q.UserByID(ctx, t.UserID)
	if err != nil {
		return u, err
	}
	if ok, err := mayReset(ctx, q, u); !ok || err != nil {
		return model.User{}, errors.Join(model.ErrNotFound, err)
	}
	return u, nil
}

// mayReset says whether a person may choose a new password by e-mail: an
// active account that has a password already, of an active company. An
// invited person who has not accepted (or whose invitation was revoked)
// has none: a reset would be a way round the invitation and its seat.
func mayReset(ctx context.Context, q *store.Q, u model.User) (bool, error) {
	if !u.Active || u.PasswordHash == "" {
		return false, nil
	}
	if u.CompanyID == 0 {
		return true, nil
	}
	c, err := q.CompanyByID(ctx, u.CompanyID)
	if err != nil {
		return false, err
	}
	return c.Active, nil
}

// ResetPassword sets a new password through a reset link. A refused
// password leaves the link as it was; a good one spends it (of two
// requests at once, one wins), ends every session of the person and
// every other reset link.
func (d *Desk) ResetPassword(ctx context.Context, token, newPassword string) (model.User, error) {
	u, err := d.ResetLink(ctx, token)
	if err != nil {
		return u, err
	}
	if newPassword == "" {
		return u, model.Invalid("password", "error.required")
	}
	if err := d.checkNewPassword(u.Email, newPassword); err != nil {
		return u, err
	}
	hash, err := d.HashPassword(newPassword)
	if err != nil {
		return u, err
	}
	err = d.tx(ctx, func(q *store.Q) error {
		now := d.clock()
		t, err := q.UseUserToken(ctx, hashToken(token), model.TokenReset, now)
		if err != nil {
			return err
		}
		if t.UserID != u.ID {
			return model.ErrNotFound
		}
		if err := q.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := q.RevokeUserTokens(ctx, u.ID, model.TokenReset, now); err != nil {
			return err
		}
		if err := q.ClearLoginFailures(ctx, "acct:"+strings.ToLower(u.Email)); err != nil {
			return err
		}
		return q.DeleteUserSessions(ctx, u.ID, "")
	})
	return u, err
}
