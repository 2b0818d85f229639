package desk

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Vendor administration limits and audit actions.
const (
	maxCompanyName = 200
	maxSeatLimit   = 100000
	maxModuleName  = 80
	maxVendorText  = 2000

	AuditCompanyCreated  = "company.created"
	AuditCompanyUpdated  = "company.updated"
	AuditCompanyDisabled = "company.disabled"
	AuditCompanyEnabled  = "company.enabled"
	AuditStaffInvited    = "staff.invited"
	AuditStaffDisabled   = "staff.disabled"
	AuditStaffEnabled    = "staff.enabled"
	AuditSettings        = "settings.saved"
	AuditModuleAdded     = "module.added"
	AuditModuleRenamed   = "module.renamed"
	AuditModuleMoved     = "module.moved"
	AuditModuleDeleted   = "module.deleted"
)

// nitWeights are DIAN's weights for the check digit, from the rightmost
// digit of the NIT's base number.
var nitWeights = [...]int{3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71}

// NITCheckDigit computes DIAN's check digit of a NIT's base number
// (digits only, at most 15).
func NITCheckDigit(base string) (int, bool) {
	if base == "" || len(base) > len(nitWeights) {
		return 0, false
	}
	sum := 0
	for i := 0; i < len(base); i++ {
		c := base[len(base)-1-i]
		if c < '0' || c > '9' {
			return 0, false
		}
		sum += int(c-'0') * nitWeights[i]
	}
	if r := sum % 11; r > 1 {
		return 11 - r, true
	}
	return sum % 11, true
}

// NormalizeNIT checks a NIT written with its check digit after a dash
// ("900123456-8", "900.123.456-8") and returns it as "900123456-8". The
// dash is required: in "9001234568" nothing says which digit is the check
// digit. The error is a catalog key.
func NormalizeNIT(s string) (string, string) {
	s = strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	base, dv, ok := strings.Cut(s, "-")
	if s == "" {
		return "", "error.required"
	}
	if !ok || len(dv) != 1 || len(base) < 6 || len(base) > 15 || strings.Trim(base, "0123456789") != "" {
		return s, "error.nit_format"
	}
	want, ok := NITCheckDigit(base)
	if !ok || strconv.Itoa(want) != dv {
		return s, "error.nit_check"
	}
	return base + "-" + dv, ""
}

// CompanyInput is a customer company as the vendor admin types it; the
// first manager is invited on creation.
type CompanyInput struct {
	Name         string
	NIT          string
	SeatLimit    int
	ShareTickets bool
	AdminName    string // creation only
	AdminEmail   string // creation only
}

func (in *CompanyInput) check(v *model.ValidationError) {
	in.Name = strings.TrimSpace(in.Name)
	checkLine(v, "name", in.Name, maxCompanyName, true)
	nit, key := NormalizeNIT(in.NIT)
	in.NIT = nit
	if key != "" {
		v.Add("nit", key)
	}
	if in.SeatLimit < 0 || in.SeatLimit > maxSeatLimit {
		v.Add("seat_limit", "error.seat_limit_range", maxSeatLimit)
	}
}

func requireAdmin(actor model.User) error {
	if actor.Role != model.RoleAdmin {
		return model.ErrForbidden
	}
	return nil
}

// Company returns a company (admins only).
func (d *Desk) Company(ctx context.Context, actor model.User, id int64) (model.Company, error) {
	if err := requireAdmin(actor); err != nil {
		return model.Company{}, err
	}
	return d.st.Read().CompanyByID(ctx, id)
}

func nitTaken(ctx context.Context, q *store.Q, nit string, except int64) (bool, error) {
	c, err := q.CompanyByNIT(ctx, nit)
	if errors.Is(err, model.ErrNotFound) {
		return false, nil
	}
	return err == nil && c.ID != except, err
}

// CreateCompany adds a customer company and invites its first company
// admin by e-mail (admins only).
func (d *Desk) CreateCompany(ctx context.Context, actor model.User, in CompanyInput) (model.Company, error) {
	if err := requireAdmin(actor); err != nil {
		return model.Company{}, err
	}
	v := &model.ValidationError{}
	in.check(v)
	p := PersonInput{Name: in.AdminName, Email: in.AdminEmail, Role: model.RoleCompanyAdmin}
	pv := &model.ValidationError{}
	p.check(pv)
	for f, k := range pv.Fields {
		if f == "name" || f == "email" {
			v.Add("admin_"+f, k, pv.Args[f]...)
		}
	}
	in.AdminName, in.AdminEmail = p.Name, p.Email
	if err := v.Err(); err != nil {
		return model.Company{}, err
	}
	var c model.Company
	err := d.tx(ctx, func(q *store.Q) error {
		if taken, err := nitTaken(ctx, q, in.NIT, 0); err != nil {
			return err
		} else if taken {
			return model.Invalid("nit", "error.nit_taken")
		}
		if taken, err := q.EmailTaken(ctx, p.Email); err != nil {
			return err
		} else if taken {
			return model.Invalid("admin_email", "error.email_taken")
		}
		c = model.Company{Name: in.Name, NIT: in.NIT, ShareTickets: in.ShareTickets, Active: true, SeatLimit: in.SeatLimit}
		var err error
		if c.ID, err = q.CreateCompany(ctx, c, d.clock()); err != nil {
			return err
		}
		if err := d.audit(ctx, q, actor, c.ID, 0, AuditCompanyCreated, companyDetails(c)); err != nil {
			return err
		}
		id, err := d.addPerson(ctx, q, actor, c, p)
		if err != nil {
			return err
		}
		return d.audit(ctx, q, actor, c.ID, id, AuditInvited, "role: "+string(model.RoleCompanyAdmin))
	})
	return c, err
}

func companyDetails(c model.Company) string {
	return fmt.Sprintf("name: %s\nnit: %s\nseat_limit: %d\nshare_tickets: %t", c.Name, c.NIT, c.SeatLimit, c.ShareTickets)
}

// UpdateCompany changes a company's name, NIT, seat limit and sharing
// (admins only). A lower seat limit takes nobody out; it stops new seats.
func (d *Desk) UpdateCompany(ctx context.Context, actor model.User, id int64, in CompanyInput) (model.Company, error) {
	if err := requireAdmin(actor); err != nil {
		return model.Company{}, err
	}
	v := &model.ValidationError{}
	in.check(v)
	if err := v.Err(); err != nil {
		return model.Company{}, err
	}
	var c model.Company
	err := d.tx(ctx, func(q *store.Q) error {
		old, err := q.LockCompany(ctx, id)
		if err != nil {
			return err
		}
		if taken, err := nitTaken(ctx, q, in.NIT, id); err != nil {
			return err
		} else if taken {
			return model.Invalid("nit", "error.nit_taken")
		}
		c = old
		c.Name, c.NIT, c.SeatLimit, c.ShareTickets = in.Name, in.NIT, in.SeatLimit, in.ShareTickets
		var lines []string
		if c.Name != old.Name {
			lines = append(lines, fmt.Sprintf("name: %s → %s", old.Name, c.Name))
		}
		if c.NIT != old.NIT {
			lines = append(lines, fmt.Sprintf("nit: %s → %s", old.NIT, c.NIT))
		}
		if c.SeatLimit != old.SeatLimit {
			lines = append(lines, fmt.Sprintf("seat_limit: %d → %d", old.SeatLimit, c.SeatLimit))
		}
		if c.ShareTickets != old.ShareTickets {
			lines = append(lines, fmt.Sprintf("share_tickets: %t → %t", old.ShareTickets, c.ShareTickets))
		}
		if len(lines) == 0 {
			return nil
		}
		if err := q.UpdateCompany(ctx, c); err != nil {
			return err
		}
		return d.audit(ctx, q, actor, c.ID, 0, AuditCompanyUpdated, strings.Join(lines, "\n"))
	})
	return c, err
}

// SetCompanyActive deactivates or reactivates a company (admins only).
// While it is deactivated its people cannot sign in and their sessions
// and tokens are refused; reactivating lets them back in.
func (d *Desk) SetCompanyActive(ctx context.Context, actor model.User, id int64, active bool) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	return d.tx(ctx, func(q *store.Q) error {
		c, err := q.LockCompany(ctx, id)
		if err != nil || c.Active == active {
			return err
		}
		c.Active = active
		if err := q.UpdateCompany(ctx, c); err != nil {
			return err
		}
		action := AuditCompanyDisabled
		if active {
			action = AuditCompanyEnabled
		}
		return d.audit(ctx, q, actor, c.ID, 0, action, "")
	})
}

// StaffPeople lists the vendor's agents and admins, active or not, with
// their invitations (admins only).
func (d *Desk) StaffPeople(ctx context.Context, actor model.User) ([]model.Person, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	return d.st.Read().People(ctx, 0, d.clock())
}

// InviteStaff adds an agent or admin and e-mails them an invitation
// (admins only).
func (d *Desk) InviteStaff(ctx context.Context, actor model.User, in PersonInput) (model.User, error) {
	if err := requireAdmin(actor); err != nil {
		return model.User{}, err
	}
	v := &model.ValidationError{}
	in.check(v)
	if in.Role != model.RoleAgent && in.Role != model.RoleAdmin {
		v.Add("role", "error.choose")
	}
	if err := v.Err(); err != nil {
		return model.User{}, err
	}
	var u model.User
	err := d.tx(ctx, func(q *store.Q) error {
		if taken, err := q.EmailTaken(ctx, in.Email); err != nil {
			return err
		} else if taken {
			return model.Invalid("email", "error.email_taken")
		}
		s, err := q.Settings(ctx)
		if err != nil {
			return err
		}
		u = model.User{Email: in.Email, Name: in.Name, Role: in.Role, Active: true, Language: lang(actor.Language),
			TimeZone: "America/Bogota", Phone: in.Phone, Position: in.Position, EmailNotifications: true}
		if u.ID, err = q.CreateUser(ctx, u, d.clock()); err != nil {
			return err
		}
		if err := d.sendInvitation(ctx, q, actor, u, s.VendorName); err != nil {
			return err
		}
		return d.audit(ctx, q, actor, 0, u.ID, AuditStaffInvited, "role: "+string(in.Role))
	})
	return u, err
}

// SetStaffActive disables or re-enables an agent or admin (admins only):
// never oneself, never the last active admin. Disabling ends their
// sessions and tokens at once.
func (d *Desk) SetStaffActive(ctx context.Context, actor model.User, id int64, active bool) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	return d.tx(ctx, func(q *store.Q) error {
		u, err := q.UserByID(ctx, id)
		if err != nil {
			return err
		}
		if !u.Role.Staff() {
			return model.ErrNotFound
		}
		if u.Active == active {
			return nil
		}
		if u.ID == actor.ID {
			return model.Invalid("active", "error.not_yourself")
		}
		if !active && u.Role == model.RoleAdmin {
			others, err := q.CountActiveRole(ctx, 0, model.RoleAdmin, u.ID)
			if err != nil {
				return err
			}
			if others == 0 {
				return model.Invalid("active", "error.last_admin")
			}
		}
		if err := q.SetUserActive(ctx, u.ID, active); err != nil {
			return err
		}
		if !active {
			if err := q.EndUserAccess(ctx, u.ID, d.clock()); err != nil {
				return err
			}
			return d.audit(ctx, q, actor, 0, u.ID, AuditStaffDisabled, "")
		}
		return d.audit(ctx, q, actor, 0, u.ID, AuditStaffEnabled, "")
	})
}

// Settings keys beyond model.Settings.
const (
	settingSMTPFrom = "smtp_from"
)

// VendorSettings are the admin's settings page: the vendor's texts, the
// days before a resuelto ticket closes itself, and the sender address of
// e-mails.
type VendorSettings struct {
	model.Settings
	AutoCloseDays int
	SMTPFrom      string
}

// VendorSettings reads the settings page's values.
func (d *Desk) VendorSettings(ctx context.Context) (VendorSettings, error) {
	q := d.st.Read()
	s, err := q.Settings(ctx)
	if err != nil {
		return VendorSettings{}, err
	}
	out := VendorSettings{Settings: s}
	if out.AutoCloseDays, err = autoCloseDays(ctx, q); err != nil {
		return out, err
	}
	out.SMTPFrom, err = q.Setting(ctx, settingSMTPFrom)
	return out, err
}

// SaveVendorSettings validates and stores the settings (admins only).
func (d *Desk) SaveVendorSettings(ctx context.Context, actor model.User, s VendorSettings) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	v := &model.ValidationError{}
	s.VendorName = strings.TrimSpace(s.VendorName)
	s.VendorPhone = strings.TrimSpace(s.VendorPhone)
	s.ScopeNotice = strings.TrimSpace(s.ScopeNotice)
	s.ScopeNoticeEN = strings.TrimSpace(s.ScopeNoticeEN)
	s.SMTPFrom = strings.TrimSpace(s.SMTPFrom)
	checkLine(v, "vendor_name", s.VendorName, maxCompanyName, true)
	checkPhone(v, "vendor_phone", s.VendorPhone)
	checkText(v, "scope_notice", s.ScopeNotice, maxVendorText, true)
	checkText(v, "scope_notice_en", s.ScopeNoticeEN, maxVendorText, false)
	if s.AutoCloseDays < 0 || s.AutoCloseDays > autoCloseMax {
		v.Add("autoclose_days", "error.autoclose_days", autoCloseMax)
	}
	if s.SMTPFrom != "" {
		s.SMTPFrom = checkSender(v, "smtp_from", s.SMTPFrom)
	}
	if err := v.Err(); err != nil {
		return err
	}
	return d.tx(ctx, func(q *store.Q) error {
		old, err := q.Settings(ctx)
		if err != nil {
			return err
		}
		oldDays, err := autoCloseDays(ctx, q)
		if err != nil {
			return err
		}
		oldFrom, err := q.Setting(ctx, settingSMTPFrom)
		if err != nil {
			return err
		}
		if err := q.SaveSettings(ctx, s.Settings); err != nil {
			return err
		}
		if err := q.SetSetting(ctx, SettingAutoCloseDays, strconv.Itoa(s.AutoCloseDays)); err != nil {
			return err
		}
		if err := q.SetSetting(ctx, settingSMTPFrom, s.SMTPFrom); err != nil {
			return err
		}
		// The log shows what changed, old → new; the notices are long,
		// so only that they changed.
		var lines []string
		changed := func(field, was, now string) {
			if was != now {
				lines = append(lines, field+": "+was+" → "+now)
			}
		}
		changed("vendor_name", old.VendorName, s.VendorName)
		changed("vendor_phone", old.VendorPhone, s.VendorPhone)
		changed("autoclose_days", strconv.Itoa(oldDays), strconv.Itoa(s.AutoCloseDays))
		changed("smtp_from", oldFrom, s.SMTPFrom)
		if old.ScopeNotice != s.ScopeNotice {
			lines = append(lines, "scope_notice")
		}
		if old.ScopeNoticeEN != s.ScopeNoticeEN {
			lines = append(lines, "scope_notice_en")
		}
		if len(lines) == 0 {
			return nil // saved as it was: nothing to record
		}
		return d.audit(ctx, q, actor, 0, 0, AuditSettings, strings.Join(lines, "\n"))
	})
}

// checkSender accepts a sender as an address ("soporte@oceanic.co") or
// with a display name ("Soporte Oceanic <soporte@oceanic.co>", as
// net/mail reads it) and returns it tidied: the address in lower case,
// the name as typed, quoted only when it must be.
func checkSender(v *model.ValidationError, field, s string) string {
	a, err := mail.ParseAddress(s)
	if err != nil {
		v.Add(field, "error.sender_address")
		return s
	}
	addr := strings.ToLower(a.Address)
	sub := &model.ValidationError{}
	checkEmail(sub, field, addr)
	name := strings.TrimSpace(a.Name)
	checkLine(sub, field, name, maxCompanyName, false)
	if sub.Err() != nil {
		v.Add(field, "error.sender_address")
		return s
	}
	if name == "" {
		return addr
	}
	plain := name + " <" + addr + ">"
	if b, err := mail.ParseAddress(plain); err == nil && b.Name == name && b.Address == addr {
		return plain
	}
	return strconv.Quote(name) + " <" + addr + ">"
}

func checkModuleName(ctx context.Context, q *store.Q, name string, except int64) error {
	v := &model.ValidationError{}
	checkLine(v, "name", name, maxModuleName, true)
	if err := v.Err(); err != nil {
		return err
	}
	mods, err := q.Modules(ctx)
	if err != nil {
		return err
	}
	for _, m := range mods {
		if m.ID != except && foldText(m.Name) == foldText(name) {
			return model.Invalid("name", "error.module_taken")
		}
	}
	return nil
}

// AddModule adds a product area at the end of the list (admins only).
func (d *Desk) AddModule(ctx context.Context, actor model.User, name string) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	return d.tx(ctx, func(q *store.Q) error {
		if err := checkModuleName(ctx, q, name, 0); err != nil {
			return err
		}
		mods, err := q.Modules(ctx)
		if err != nil {
			return err
		}
		pos := 1
		if len(mods) > 0 {
			pos = mods[len(mods)-1].Position + 1
		}
		if _, err := q.CreateModule(ctx, name, pos); err != nil {
			return err
		}
		return d.audit(ctx, q, actor, 0, 0, AuditModuleAdded, name)
	})
}

func findModule(mods []model.Module, id int64) int {
	for i, m := range mods {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// RenameModule renames a product area; its tickets and FAQs follow
// (admins only).
func (d *Desk) RenameModule(ctx context.Context, actor model.User, id int64, name string) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	return d.tx(ctx, func(q *store.Q) error {
		mods, err := q.Modules(ctx)
		if err != nil {
			return err
		}
		i := findModule(mods, id)
		if i < 0 {
			return model.ErrNotFound
		}
		if err := checkModuleName(ctx, q, name, id); err != nil {
			return err
		}
		if mods[i].Name == name {
			return nil
		}
		if err := q.RenameModule(ctx, id, name); err != nil {
			return err
		}
		return d.audit(ctx, q, actor, 0, 0, AuditModuleRenamed, mods[i].Name+" → "+name)
	})
}

// Directions a module moves in.
const (
	MoveUp   = "up"
	MoveDown = "down"
)

// MoveModule moves a product area one place up or down the list (admins
// only).
func (d *Desk) MoveModule(ctx context.Context, actor model.User, id int64, dir string) (moved bool, err error) {
	if err := requireAdmin(actor); err != nil {
		return false, err
	}
	if dir != MoveUp && dir != MoveDown {
		return false, model.Invalid("dir", "error.module_direction")
	}
	err = d.tx(ctx, func(q *store.Q) error {
		moved = false
		mods, err := q.Modules(ctx)
		if err != nil {
			return err
		}
		i := findModule(mods, id)
		if i < 0 {
			return model.ErrNotFound
		}
		j := i + 1
		if dir == MoveUp {
			j = i - 1
		}
		if j < 0 || j >= len(mods) {
			return nil // already first (or last): nothing moves
		}
		moved = true
		mods[i], mods[j] = mods[j], mods[i]
		for k, m := range mods { // renumber: positions may have been equal
			if err := q.SetModulePosition(ctx, m.ID, k+1); err != nil {
				return err
			}
		}
		return d.audit(ctx, q, actor, 0, 0, AuditModuleMoved, fmt.Sprintf("%s: %d → %d", mods[j].Name, i+1, j+1))
	})
	return moved, err
}

// DeleteModule removes a product area no ticket or FAQ uses; one in use is
// refused with a message saying so (rename it instead) (admins only).
func (d *Desk) DeleteModule(ctx context.Context, actor model.User, id int64) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	return d.tx(ctx, func(q *store.Q) error {
		mods, err := q.Modules(ctx)
		if err != nil {
			return err
		}
		i := findModule(mods, id)
		if i < 0 {
			return model.ErrNotFound
		}
		used, err := q.ModuleInUse(ctx, id)
		if err != nil {
			return err
		}
		if used {
			return model.Invalid("module", "error.module_in_use", mods[i].Name)
		}
		if err := q.DeleteModule(ctx, id); err != nil {
			return err
		}
		return d.audit(ctx, q, actor, 0, 0, AuditModuleDeleted, mods[i].Name)
	})
}
