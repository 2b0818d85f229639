package desk

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Profile limits, in runes.
const (
	MaxName     = 100
	MaxEmail    = 254
	MaxPhone    = 40
	MaxPosition = 100
)

// DefaultTimeZone is the zone of a new account.
const DefaultTimeZone = "America/Bogota"

// Profile is what a person may change about themselves (Modificar Perfil).
// Changing Email needs Current, the account's password.
type Profile struct {
	Name               string
	Email              string
	Phone              string
	Position           string
	Language           string
	TimeZone           string
	EmailNotifications bool
	Current            string
}

// ProfileOf returns a user's profile as it is now.
func ProfileOf(u model.User) Profile {
	tz := u.TimeZone
	if tz == "" {
		tz = DefaultTimeZone
	}
	return Profile{Name: u.Name, Email: u.Email, Phone: u.Phone, Position: u.Position, Language: u.Language,
		TimeZone: tz, EmailNotifications: u.EmailNotifications}
}

// Me returns the actor's own account, fresh from the database.
func (d *Desk) Me(ctx context.Context, actor model.User) (model.User, error) {
	return d.st.Read().UserByID(ctx, actor.ID)
}

// validEmail reports whether s is one plain address (no name, no list).
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && utf8.RuneCountInString(s) <= MaxEmail
}

// validZone accepts IANA zone names ("America/Bogota", "UTC"), not the
// server's own "Local".
func validZone(tz string) bool {
	if tz == "" || tz == "Local" || strings.ContainsFunc(tz, badControl) {
		return false
	}
	_, err := time.LoadLocation(tz)
	return err == nil
}

// UpdateProfile saves the actor's profile. On any error nothing changes.
func (d *Desk) UpdateProfile(ctx context.Context, actor model.User, p Profile) (model.User, error) {
	p.Name, p.Email = strings.TrimSpace(p.Name), strings.ToLower(strings.TrimSpace(p.Email))
	p.Phone, p.Position = strings.TrimSpace(p.Phone), strings.TrimSpace(p.Position)
	v := &model.ValidationError{}
	checkLine(v, "name", p.Name, MaxName, true)
	checkLine(v, "phone", p.Phone, MaxPhone, false)
	checkLine(v, "position", p.Position, MaxPosition, false)
	switch {
	case p.Email == "":
		v.Add("email", "error.required")
	case !validEmail(p.Email):
		v.Add("email", "error.email_one")
	}
	if p.Language != "es" && p.Language != "en" {
		v.Add("language", "error.choose")
	}
	if !validZone(p.TimeZone) {
		v.Add("time_zone", "error.time_zone")
	}
	u, err := d.st.Read().UserByID(ctx, actor.ID)
	if err != nil {
		return model.User{}, err
	}
	changed := p.Email != "" && p.Email != strings.ToLower(u.Email)
	if changed && v.Fields["email"] == "" {
		if taken, err := d.st.Read().EmailTakenByOther(ctx, p.Email, u.ID); err != nil {
			return model.User{}, err
		} else if taken {
			v.Add("email", "error.profile_email_taken")
		}
	}
	if err := v.Err(); err != nil {
		return model.User{}, err
	}
	if changed {
		if err := d.checkCurrentPassword(ctx, u, p.Current); err != nil {
			return model.User{}, err
		}
	}
	err = d.tx(ctx, func(q *store.Q) error {
		if changed {
			// Checked again inside the transaction: two accounts may not
			// end up with one address.
			if taken, err := q.EmailTakenByOther(ctx, p.Email, u.ID); err != nil || taken {
				return errors.Join(err, takenErr(taken))
			}
		}
		return q.UpdateUserProfile(ctx, store.ProfileFields{UserID: u.ID, Email: p.Email, Name: p.Name, Phone: p.Phone,
			Position: p.Position, Language: p.Language, TimeZone: p.TimeZone, EmailNotifications: p.EmailNotifications})
	})
	if err != nil {
		return model.User{}, err
	}
	return d.st.Read().UserByID(ctx, u.ID)
}

func takenErr(taken bool) error {
	if taken {
		return model.Invalid("email", "error.profile_email_taken")
	}
	return nil
}

// checkCurrentPassword confirms the person's password before a sensitive
// change (field "current"). Wrong answers count as failed logins of the
// account, so the form cannot be used to guess the password.
func (d *Desk) checkCurrentPassword(ctx context.Context, u model.User, pw string) error {
	if pw == "" {
		return model.Invalid("current", "error.current_required")
	}
	now := d.clock()
	key := "acct:" + strings.ToLower(u.Email)
	n, err := d.st.Read().LoginFailures(ctx, key, now.Add(-failureWindow))
	if err != nil {
		return err
	}
	if n >= maxPerAccount {
		return model.ErrRateLimited
	}
	if utf8.RuneCountInString(pw) <= MaxPassword &&
		bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), passwordBytes(pw)) == nil {
		return nil
	}
	err = d.tx(ctx, func(q *store.Q) error { return q.AddLoginFailure(ctx, key, now.Add(-failureWindow), now) })
	return errors.Join(model.Invalid("current", "error.current_wrong"), err)
}

// ChangePassword sets a new password after checking the current one
// (Modificar Contraseña). Every other session and login token of the
// person ends; keepToken (the session making the change) stays.
func (d *Desk) ChangePassword(ctx context.Context, actor model.User, keepToken, current, newPassword string) error {
	u, err := d.st.Read().UserByID(ctx, actor.ID)
	if err != nil {
		return err
	}
	if newPassword == "" {
		v := &model.ValidationError{}
		if current == "" {
			v.Add("current", "error.current_required")
		}
		v.Add("password", "error.required")
		return v
	}
	if err := d.checkCurrentPassword(ctx, u, current); err != nil {
		return err
	}
	if newPassword == current {
		return model.Invalid("password", "error.password_same")
	}
	if err := d.checkNewPassword(u.Email, newPassword); err != nil {
		return err
	}
	hash, err := d.HashPassword(newPassword)
	if err != nil {
		return err
	}
	keep := ""
	if keepToken != "" {
		keep = hashToken(keepToken)
	}
	return d.tx(ctx, func(q *store.Q) error {
		if err := q.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := q.RevokeUserTokens(ctx, u.ID, model.TokenReset, d.clock()); err != nil {
			return err
		}
		return q.DeleteUserSessions(ctx, u.ID, keep)
	})
}
