package desk

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// LaunchTTL is how long a launch link works.
const LaunchTTL = 60 * time.Second

// Limits of the context the desktop program sends, in runes.
const (
	maxContextShort   = 200
	maxContextMessage = 2000
)

// LaunchRequest is what the desktop program sends with its key.
type LaunchRequest struct {
	Email   string
	Version string
	Context model.LaunchContext
}

// Launch is a minted link's secret and expiry.
type Launch struct {
	Token     string
	ExpiresAt time.Time
	User      model.User
}

// CreateLaunch mints a single-use sign-in link for a user of the key's
// company. The key decides the company, never the request. Refusals:
// ErrUnauthorized (key), a ValidationError, ErrUnknownUser,
// ErrUserDisabled, ErrWrongCompany, *model.VersionError.
func (d *Desk) CreateLaunch(ctx context.Context, keySecret string, in LaunchRequest) (Launch, error) {
	q := d.st.Read()
	key, err := integrationKey(ctx, q, keySecret)
	if err != nil {
		return Launch{}, err
	}
	now := d.clock()
	l, refusal, err := d.checkLaunch(ctx, q, key, &in)
	if err != nil {
		return Launch{}, err
	}
	err = d.tx(ctx, func(q *store.Q) error {
		if err := q.TouchIntegrationKey(ctx, key.ID, now); err != nil || refusal != nil {
			return err
		}
		c, err := json.Marshal(in.Context)
		if err != nil {
			return err
		}
		l.Token, l.ExpiresAt = randomToken(), now.Add(LaunchTTL)
		if err := q.DeleteOldLaunchLinks(ctx, now.Add(-24*time.Hour)); err != nil {
			return err
		}
		return q.CreateLaunchLink(ctx, store.LaunchLink{TokenHash: hashToken(l.Token), KeyID: key.ID, UserID: l.User.ID,
			Version: in.Version, Context: string(c), CreatedAt: now, ExpiresAt: l.ExpiresAt})
	})
	if err != nil {
		return Launch{}, err
	}
	return l, refusal
}

// checkLaunch validates a request; refusal is why the user may not come
// in (a use of the key all the same), err a fault or bad input.
func (d *Desk) checkLaunch(ctx context.Context, q *store.Q, key model.IntegrationKey, in *LaunchRequest) (l Launch, refusal, err error) {
	v := &model.ValidationError{}
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Version = strings.TrimSpace(in.Version)
	checkLine(v, "email", in.Email, 254, true)
	if in.Version == "" {
		v.Add("version", "error.required")
	} else if !model.ValidVersion(in.Version) {
		v.Add("version", "error.version_format")
	}
	c := &in.Context
	c.Module, c.Screen, c.ErrorCode = strings.TrimSpace(c.Module), strings.TrimSpace(c.Screen), strings.TrimSpace(c.ErrorCode)
	c.Message = strings.TrimSpace(c.Message)
	checkLine(v, "context.module", c.Module, maxContextShort, false)
	checkLine(v, "context.screen", c.Screen, maxContextShort, false)
	checkLine(v, "context.error_code", c.ErrorCode, maxContextShort, false)
	checkText(v, "context.message", c.Message, maxContextMessage, false)
	if err := v.Err(); err != nil {
		return l, nil, err
	}
	u, err := q.UserByEmail(ctx, in.Email)
	switch {
	case errors.Is(err, model.ErrNotFound):
		return l, model.ErrUnknownUser, nil
	case err != nil:
		return l, nil, err
	}
	l.User = u
	if refusal := launchRefusal(u, key); refusal != nil {
		return l, refusal, nil
	}
	s, err := integrationSettings(ctx, q)
	if err != nil {
		return l, nil, err
	}
	if s.MinDesktopVersion != "" && model.CompareVersions(in.Version, s.MinDesktopVersion) < 0 {
		return l, &model.VersionError{Version: in.Version, Minimum: s.MinDesktopVersion}, nil
	}
	return l, nil, nil
}

func launchRefusal(u model.User, key model.IntegrationKey) error {
	switch {
	case u.CompanyID != key.CompanyID || u.Role.Staff():
		return model.ErrWrongCompany
	case !u.Active:
		return model.ErrUserDisabled
	}
	return nil
}

// LaunchUser returns whom a link would sign in, while it can still be
// redeemed (else ErrInvalidLink); it changes nothing (the page behind a
// GET asks it).
func (d *Desk) LaunchUser(ctx context.Context, token string) (model.User, error) {
	if token == "" || len(token) > 100 {
		return model.User{}, model.ErrInvalidLink
	}
	q := d.st.Read()
	id, err := q.LaunchLinkUser(ctx, hashToken(token), d.clock())
	if errors.Is(err, model.ErrNotFound) {
		return model.User{}, model.ErrInvalidLink
	}
	if err != nil {
		return model.User{}, err
	}
	return q.UserByID(ctx, id)
}

// Redeemed is a launch link turned into a web session.
type Redeemed struct {
	Login   Login
	Version string
	Context model.LaunchContext
}

// RedeemLaunch uses a link once: it starts a new web session for its
// user. A used, expired or unknown link is ErrInvalidLink, and so is one
// whose key was revoked or whose user was disabled or moved since; a
// version now below the minimum is a *model.VersionError (the link is
// spent either way).
func (d *Desk) RedeemLaunch(ctx context.Context, token string) (Redeemed, error) {
	var out Redeemed
	var refusal error
	now := d.clock()
	err := d.tx(ctx, func(q *store.Q) error {
		l, err := q.UseLaunchLink(ctx, hashToken(token), now)
		if errors.Is(err, model.ErrNotFound) {
			refusal = model.ErrInvalidLink
			return nil
		}
		if err != nil {
			return err
		}
		key, err := q.IntegrationKeyByID(ctx, l.KeyID)
		if err != nil {
			return err
		}
		u, err := q.UserByID(ctx, l.UserID)
		if err != nil {
			return err
		}
		if !key.Active() || launchRefusal(u, key) != nil {
			refusal = model.ErrInvalidLink
			return nil
		}
		if err := json.Unmarshal([]byte(l.Context), &out.Context); err != nil {
			return err
		}
		out.Version = l.Version
		s, err := integrationSettings(ctx, q)
		if err != nil {
			return err
		}
		if s.MinDesktopVersion != "" && model.CompareVersions(l.Version, s.MinDesktopVersion) < 0 {
			refusal = &model.VersionError{Version: l.Version, Minimum: s.MinDesktopVersion}
			return nil
		}
		out.Login = Login{Token: randomToken(), CSRF: randomToken(), User: u}
		if err := q.TouchLogin(ctx, u.ID, now); err != nil {
			return err
		}
		return q.CreateSession(ctx, store.Session{TokenHash: hashToken(out.Login.Token), UserID: u.ID, Kind: "web",
			CSRF: out.Login.CSRF, ExpiresAt: now.Add(webSessionTTL)}, now)
	})
	if err != nil {
		return Redeemed{}, err
	}
	return out, refusal
}

// MinDesktopVersion is the oldest desktop version let in ("" for any).
func (d *Desk) MinDesktopVersion(ctx context.Context) (string, error) {
	return d.st.Read().Setting(ctx, settingMinVersion)
}
