package desk

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Limits of people's details and the invitation link.
const (
	InvitationTTL = 72 * time.Hour
	maxPersonName = 120
	maxPosition   = 120
	maxPhone      = 40
	maxEmail      = 254
	// AuditPageSize is how many audit entries a page shows.
	AuditPageSize = 50
)

// Audit actions.
const (
	AuditInvited          = "person.invited"
	AuditInvitationResent = "person.invitation_resent"
	AuditInvitationRevoke = "person.invitation_revoked"
	AuditJoined           = "person.joined"
	AuditUpdated          = "person.updated"
	AuditRole             = "person.role"
	AuditDisabled         = "person.disabled"
	AuditEnabled          = "person.enabled"
)

// PersonInput is a person to invite.
type PersonInput struct {
	Name     string
	Email    string
	Position string
	Phone    string
	// Role is informer (the default) or company_admin for a company's
	// people, agent or admin for the vendor's staff.
	Role model.Role
}

// PersonChange is what a manager changes about a person; nil fields stay.
type PersonChange struct {
	Name     *string
	Position *string
	Phone    *string
	Role     *model.Role
	Active   *bool
}

func (in *PersonInput) check(v *model.ValidationError) {
	in.Name = strings.TrimSpace(in.Name)
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Position = strings.TrimSpace(in.Position)
	in.Phone = strings.TrimSpace(in.Phone)
	checkLine(v, "name", in.Name, maxPersonName, true)
	checkEmail(v, "email", in.Email)
	checkLine(v, "position", in.Position, maxPosition, false)
	checkPhone(v, "phone", in.Phone)
}

func checkEmail(v *model.ValidationError, field, s string) {
	if s == "" {
		v.Add(field, "error.required")
		return
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > maxEmail || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
		v.Add(field, "error.email_address")
	}
}

// checkPhone allows what people write in a phone number: digits, spaces,
// "+", brackets, dashes and dots.
func checkPhone(v *model.ValidationError, field, s string) {
	checkLine(v, field, s, maxPhone, false)
	for _, r := range s {
		if !strings.ContainsRune("0123456789 +()-.", r) {
			v.Add(field, "error.phone")
			return
		}
	}
}

func seatError(limit int) error { return model.Invalid("seats", "error.seat_limit", limit) }

// peopleCompany is the company whose people the actor manages: a company
// admin's own (whatever the request says), or the one a vendor admin
// chose.
func peopleCompany(actor model.User, companyID int64) (int64, error) {
	switch actor.Role {
	case model.RoleCompanyAdmin:
		if actor.CompanyID == 0 {
			return 0, model.ErrForbidden
		}
		return actor.CompanyID, nil
	case model.RoleAdmin:
		if companyID <= 0 {
			return 0, model.ErrNotFound
		}
		return companyID, nil
	}
	return 0, model.ErrForbidden
}

// managedPerson loads a person the actor may manage: for a company admin
// only the people of their own company (anyone else is not found); for a
// vendor admin any customer, and staff when staff is true.
func managedPerson(ctx context.Context, q *store.Q, actor model.User, id int64, staff bool) (model.User, error) {
	if actor.Role != model.RoleCompanyAdmin && actor.Role != model.RoleAdmin {
		return model.User{}, model.ErrForbidden
	}
	u, err := q.UserByID(ctx, id)
	if err != nil {
		return u, err
	}
	switch {
	case actor.Role == model.RoleCompanyAdmin && (u.Role.Staff() || actor.CompanyID == 0 || u.CompanyID != actor.CompanyID):
		return model.User{}, model.ErrNotFound
	case actor.Role == model.RoleAdmin && u.Role.Staff() && !staff:
		return model.User{}, model.ErrNotFound
	}
	return u, nil
}

// audit records a change in the caller's transaction.
func (d *Desk) audit(ctx context.Context, q *store.Q, actor model.User, companyID, targetID int64, action, details string) error {
	return q.AddAudit(ctx, model.AuditEntry{ActorID: actor.ID, CompanyID: companyID, TargetID: targetID, Action: action,
		Details: details, CreatedAt: d.clock()})
}

// People lists a company's people with their invitations (company admins
// get their own company whatever companyID says; vendor admins choose).
func (d *Desk) People(ctx context.Context, actor model.User, companyID int64) ([]model.Person, error) {
	cid, err := peopleCompany(actor, companyID)
	if err != nil {
		return nil, err
	}
	q := d.st.Read()
	if _, err := q.CompanyByID(ctx, cid); err != nil {
		return nil, err
	}
	return q.People(ctx, cid, d.clock())
}

// Person returns one person the actor may manage, with their invitation.
func (d *Desk) Person(ctx context.Context, actor model.User, id int64) (model.Person, error) {
	q := d.st.Read()
	u, err := managedPerson(ctx, q, actor, id, actor.Role == model.RoleAdmin)
	if err != nil {
		return model.Person{}, err
	}
	list, err := q.People(ctx, u.CompanyID, d.clock())
	if err != nil {
		return model.Person{}, err
	}
	for _, p := range list {
		if p.ID == id {
			return p, nil
		}
	}
	return model.Person{}, model.ErrNotFound
}

// InvitePerson adds a person to a company without a usable password and
// e-mails them a single-use link, valid 72 hours, to choose one. The
// e-mail must be new to the whole system; the company's seat limit counts
// active people and pending invitations.
func (d *Desk) InvitePerson(ctx context.Context, actor model.User, companyID int64, in PersonInput) (model.Person, error) {
	cid, err := peopleCompany(actor, companyID)
	if err != nil {
		return model.Person{}, err
	}
	v := &model.ValidationError{}
	in.check(v)
	if in.Role == "" {
		in.Role = model.RoleInformer
	}
	if in.Role != model.RoleInformer && in.Role != model.RoleCompanyAdmin {
		v.Add("role", "error.choose")
	}
	if err := v.Err(); err != nil {
		return model.Person{}, err
	}
	var id int64
	err = d.tx(ctx, func(q *store.Q) error {
		c, err := q.LockCompany(ctx, cid)
		if err != nil {
			return err
		}
		if id, err = d.addPerson(ctx, q, actor, c, in); err != nil {
			return err
		}
		return d.audit(ctx, q, actor, cid, id, AuditInvited, "role: "+string(in.Role))
	})
	if err != nil {
		return model.Person{}, err
	}
	return d.Person(ctx, actor, id)
}

// addPerson creates an invited person of a company (locked by the
// caller) and sends the invitation.
func (d *Desk) addPerson(ctx context.Context, q *store.Q, actor model.User, c model.Company, in PersonInput) (int64, error) {
	now := d.clock()
	taken, err := q.EmailTaken(ctx, in.Email)
	if err != nil {
		return 0, err
	}
	if taken {
		return 0, model.Invalid("email", "error.email_taken")
	}
	if c.SeatLimit > 0 {
		used, err := q.SeatsUsed(ctx, c.ID, now)
		if err != nil {
			return 0, err
		}
		if used >= c.SeatLimit {
			return 0, seatError(c.SeatLimit)
		}
	}
	u := model.User{Email: in.Email, Name: in.Name, Role: in.Role, CompanyID: c.ID, CompanyName: c.Name, Active: true,
		Language: lang(actor.Language), TimeZone: "America/Bogota", Phone: in.Phone, Position: in.Position, EmailNotifications: true}
	if u.ID, err = q.CreateUser(ctx, u, now); err != nil {
		return 0, err
	}
	return u.ID, d.sendInvitation(ctx, q, actor, u, c.Name)
}

func lang(l string) string {
	if l == "en" {
		return l
	}
	return "es"
}

// sendInvitation revokes the person's earlier links and mails a new one.
func (d *Desk) sendInvitation(ctx context.Context, q *store.Q, actor model.User, u model.User, place string) error {
	now := d.clock()
	if err := q.RevokeUserTokens(ctx, u.ID, model.TokenInvite, now); err != nil {
		return err
	}
	token := randomToken()
	h := hashToken(token)
	if err := q.CreateUserToken(ctx, store.UserToken{TokenHash: h, UserID: u.ID, Purpose: model.TokenInvite,
		CreatedBy: actor.ID, CreatedAt: now, ExpiresAt: now.Add(InvitationTTL)}); err != nil {
		return err
	}
	inviter := actor.Name
	if inviter == "" {
		inviter = place
	}
	template := "invite"
	if u.CompanyID == 0 {
		template = "invite_staff" // vendor staff answer tickets, they do not file them
	}
	m := mailTo(u, template, inviter, place)
	m.Path = "/invite/" + token
	m.Event = "invite:" + h[:16]
	return d.enqueueMail(ctx, q, m)
}

// invitationPlace is what an invitation invites to: the company, or the
// vendor for staff.
func invitationPlace(ctx context.Context, q *store.Q, u model.User) (string, error) {
	if u.CompanyID != 0 {
		c, err := q.CompanyByID(ctx, u.CompanyID)
		return c.Name, err
	}
	s, err := q.Settings(ctx)
	return s.VendorName, err
}

// ResendInvitation mails a new link to a person who has not chosen a
// password yet; the earlier link stops working.
func (d *Desk) ResendInvitation(ctx context.Context, actor model.User, id int64) error {
	return d.tx(ctx, func(q *store.Q) error {
		u, err := managedPerson(ctx, q, actor, id, actor.Role == model.RoleAdmin)
		if err != nil {
			return err
		}
		now := d.clock()
		if u.PasswordHash != "" {
			return model.Invalid("invitation", "error.already_joined")
		}
		if !u.Active {
			return model.Invalid("invitation", "error.person_disabled")
		}
		if u.CompanyID != 0 {
			c, err := q.LockCompany(ctx, u.CompanyID)
			if err != nil {
				return err
			}
			if c.SeatLimit > 0 {
				_, err := q.PendingInvitation(ctx, u.ID, now)
				pending := err == nil
				if err != nil && !errors.Is(err, model.ErrNotFound) {
					return err
				}
				used, err := q.SeatsUsed(ctx, c.ID, now)
				if err != nil {
					return err
				}
				if !pending && used >= c.SeatLimit {
					return seatError(c.SeatLimit)
				}
			}
		}
		place, err := invitationPlace(ctx, q, u)
		if err != nil {
			return err
		}
		if err := d.sendInvitation(ctx, q, actor, u, place); err != nil {
			return err
		}
		return d.audit(ctx, q, actor, u.CompanyID, u.ID, AuditInvitationResent, "")
	})
}

// RevokeInvitation ends a pending invitation: its link stops working and
// the seat is free. The person stays listed and may be invited again.
func (d *Desk) RevokeInvitation(ctx context.Context, actor model.User, id int64) error {
	return d.tx(ctx, func(q *store.Q) error {
		u, err := managedPerson(ctx, q, actor, id, actor.Role == model.RoleAdmin)
		if err != nil {
			return err
		}
		now := d.clock()
		if _, err := q.PendingInvitation(ctx, u.ID, now); errors.Is(err, model.ErrNotFound) {
			return model.Invalid("invitation", "error.invitation_not_pending")
		} else if err != nil {
			return err
		}
		if err := q.RevokeUserTokens(ctx, u.ID, model.TokenInvite, now); err != nil {
			return err
		}
		return d.audit(ctx, q, actor, u.CompanyID, u.ID, AuditInvitationRevoke, "")
	})
}

// UpdatePerson changes a person of the actor's company: details, role
// (informer or company_admin only) and whether they are active. The last
// active company admin is never demoted or disabled; nobody disables
// themselves; re-enabling respects the seat limit. Disabling ends the
// person's sessions, access tokens and links at once; their tickets stay
// with the company.
func (d *Desk) UpdatePerson(ctx context.Context, actor model.User, id int64, ch PersonChange) (model.Person, error) {
	v := &model.ValidationError{}
	if ch.Name != nil {
		*ch.Name = strings.TrimSpace(*ch.Name)
		checkLine(v, "name", *ch.Name, maxPersonName, true)
	}
	if ch.Position != nil {
		*ch.Position = strings.TrimSpace(*ch.Position)
		checkLine(v, "position", *ch.Position, maxPosition, false)
	}
	if ch.Phone != nil {
		*ch.Phone = strings.TrimSpace(*ch.Phone)
		checkPhone(v, "phone", *ch.Phone)
	}
	if ch.Role != nil && *ch.Role != model.RoleInformer && *ch.Role != model.RoleCompanyAdmin {
		v.Add("role", "error.choose")
	}
	if err := v.Err(); err != nil {
		return model.Person{}, err
	}
	err := d.tx(ctx, func(q *store.Q) error {
		u, err := managedPerson(ctx, q, actor, id, false)
		if err != nil {
			return err
		}
		c, err := q.LockCompany(ctx, u.CompanyID)
		if err != nil {
			return err
		}
		now := d.clock()
		demote := ch.Role != nil && *ch.Role != model.RoleCompanyAdmin
		disable := ch.Active != nil && !*ch.Active && u.Active
		enable := ch.Active != nil && *ch.Active && !u.Active
		if disable && u.ID == actor.ID {
			return model.Invalid("active", "error.not_yourself")
		}
		if u.Role == model.RoleCompanyAdmin && u.Active && (demote || disable) {
			others, err := q.CountActiveRole(ctx, c.ID, model.RoleCompanyAdmin, u.ID)
			if err != nil {
				return err
			}
			if others == 0 {
				field := "role"
				if disable {
					field = "active"
				}
				return model.Invalid(field, "error.last_manager")
			}
		}
		if enable && c.SeatLimit > 0 {
			used, err := q.SeatsUsed(ctx, c.ID, now)
			if err != nil {
				return err
			}
			if used >= c.SeatLimit {
				return seatError(c.SeatLimit)
			}
		}
		var lines []string
		next := u
		change := func(field string, dst *string, val *string) {
			if val != nil && *val != *dst {
				lines = append(lines, fmt.Sprintf("%s: %s → %s", field, *dst, *val))
				*dst = *val
			}
		}
		change("name", &next.Name, ch.Name)
		change("position", &next.Position, ch.Position)
		change("phone", &next.Phone, ch.Phone)
		if len(lines) > 0 {
			if err := q.UpdatePersonDetails(ctx, next); err != nil {
				return err
			}
			if err := d.audit(ctx, q, actor, c.ID, u.ID, AuditUpdated, strings.Join(lines, "\n")); err != nil {
				return err
			}
		}
		if ch.Role != nil && *ch.Role != u.Role {
			if err := q.SetUserRole(ctx, u.ID, *ch.Role); err != nil {
				return err
			}
			if err := d.audit(ctx, q, actor, c.ID, u.ID, AuditRole, fmt.Sprintf("role: %s → %s", u.Role, *ch.Role)); err != nil {
				return err
			}
		}
		switch {
		case disable:
			if err := q.SetUserActive(ctx, u.ID, false); err != nil {
				return err
			}
			if err := q.EndUserAccess(ctx, u.ID, now); err != nil {
				return err
			}
			return d.audit(ctx, q, actor, c.ID, u.ID, AuditDisabled, "")
		case enable:
			if err := q.SetUserActive(ctx, u.ID, true); err != nil {
				return err
			}
			return d.audit(ctx, q, actor, c.ID, u.ID, AuditEnabled, "")
		}
		return nil
	})
	if err != nil {
		return model.Person{}, err
	}
	return d.Person(ctx, actor, id)
}

// InvitationUser returns whom a pending invitation link is for; it
// changes nothing (the page behind a GET asks it). A used, expired,
// revoked or unknown link is ErrInvalidInvitation.
func (d *Desk) InvitationUser(ctx context.Context, token string) (model.User, error) {
	if token == "" || len(token) > 100 {
		return model.User{}, model.ErrInvalidInvitation
	}
	q := d.st.Read()
	t, err := q.PendingUserToken(ctx, hashToken(token), model.TokenInvite, d.clock())
	if errors.Is(err, model.ErrNotFound) {
		return model.User{}, model.ErrInvalidInvitation
	}
	if err != nil {
		return model.User{}, err
	}
	u, err := q.UserByID(ctx, t.UserID)
	if err != nil {
		return u, err
	}
	ok, err := canJoin(ctx, q, u)
	if err == nil && !ok {
		err = model.ErrInvalidInvitation
	}
	return u, err
}

// canJoin reports whether an invited person may still sign in: active,
// of an active company (or staff).
func canJoin(ctx context.Context, q *store.Q, u model.User) (bool, error) {
	if !u.Active {
		return false, nil
	}
	if u.CompanyID == 0 {
		return u.Role.Staff(), nil
	}
	c, err := q.CompanyByID(ctx, u.CompanyID)
	return c.Active, err
}

// AcceptInvitation sets the password chosen on an invitation link and
// signs the person in. The link is spent atomically: of two submits, one
// wins; a refused password leaves it usable.
func (d *Desk) AcceptInvitation(ctx context.Context, token, password, confirm string) (Login, error) {
	u, err := d.InvitationUser(ctx, token)
	if err != nil {
		return Login{}, err
	}
	if err := d.checkNewPassword(u.Email, password); err != nil {
		return Login{}, err
	}
	if password != confirm {
		return Login{}, model.Invalid("confirm", "error.password_mismatch")
	}
	hash, err := d.HashPassword(password)
	if err != nil {
		return Login{}, err
	}
	var l Login
	var refused bool
	now := d.clock()
	err = d.tx(ctx, func(q *store.Q) error {
		t, err := q.UseUserToken(ctx, hashToken(token), model.TokenInvite, now)
		if errors.Is(err, model.ErrNotFound) {
			refused = true
			return nil
		}
		if err != nil {
			return err
		}
		u, err := q.UserByID(ctx, t.UserID)
		if err != nil {
			return err
		}
		if ok, err := canJoin(ctx, q, u); err != nil || !ok {
			refused = err == nil
			return err
		}
		if err := q.SetUserPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := q.TouchLogin(ctx, u.ID, now); err != nil {
			return err
		}
		l = Login{Token: randomToken(), CSRF: randomToken(), User: u}
		if err := q.CreateSession(ctx, store.Session{TokenHash: hashToken(l.Token), UserID: u.ID, Kind: "web",
			CSRF: l.CSRF, ExpiresAt: now.Add(webSessionTTL)}, now); err != nil {
			return err
		}
		return d.audit(ctx, q, u, u.CompanyID, u.ID, AuditJoined, "")
	})
	if err != nil {
		return Login{}, err
	}
	if refused {
		return Login{}, model.ErrInvalidInvitation
	}
	return l, nil
}

// AuditCursor is where a page of the audit log starts: after the entry
// with this time and id; the zero value is the first page.
type AuditCursor struct {
	At time.Time
	ID int64
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Entries []model.AuditEntry
	More    bool // an older page follows
}

// Next is the cursor of the page after p.
func (p AuditPage) Next() AuditCursor {
	if !p.More || len(p.Entries) == 0 {
		return AuditCursor{}
	}
	last := p.Entries[len(p.Entries)-1]
	return AuditCursor{At: last.CreatedAt, ID: last.ID}
}

// Audit lists recorded changes, newest first, AuditPageSize at a time
// from the cursor: a company admin sees their company's; a vendor admin
// sees one company's (companyID) or all (0).
func (d *Desk) Audit(ctx context.Context, actor model.User, companyID int64, from AuditCursor) (AuditPage, error) {
	switch actor.Role {
	case model.RoleCompanyAdmin:
		if actor.CompanyID == 0 {
			return AuditPage{}, model.ErrForbidden
		}
		companyID = actor.CompanyID
	case model.RoleAdmin:
	default:
		return AuditPage{}, model.ErrForbidden
	}
	es, err := d.st.Read().Audit(ctx, companyID, from.At, from.ID, AuditPageSize+1)
	if err != nil {
		return AuditPage{}, err
	}
	p := AuditPage{Entries: es}
	if len(es) > AuditPageSize {
		p.Entries, p.More = es[:AuditPageSize], true
	}
	return p, nil
}

// Seats tells how many seats a company uses and its limit (0 for none),
// for its managers' page.
func (d *Desk) Seats(ctx context.Context, actor model.User, companyID int64) (used, limit int, err error) {
	cid, err := peopleCompany(actor, companyID)
	if err != nil {
		return 0, 0, err
	}
	q := d.st.Read()
	c, err := q.CompanyByID(ctx, cid)
	if err != nil {
		return 0, 0, err
	}
	used, err = q.SeatsUsed(ctx, cid, d.clock())
	return used, c.SeatLimit, err
}
