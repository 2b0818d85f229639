// Package desk holds the help desk's use cases: every write and every
// scoped read. Each write validates, runs one transaction and returns typed,
// untranslated errors; portal and API call the same methods.
package desk

import (
	"context"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Options configures a Desk.
type Options struct {
	Store *store.Store
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// PasswordCost is the bcrypt cost; bcrypt.DefaultCost when zero.
	PasswordCost int
	// Limits for attachments; defaults when zero.
	MaxFileBytes int64
	MaxFiles     int
	// Wake is called after each committed write, to start the job runner
	// on what the write enqueued; nothing when nil.
	Wake func()
	// Quiet records events without notifications or e-mail (loading the
	// demo's history).
	Quiet bool
}

// Desk runs the use cases over a store.
type Desk struct {
	st       *store.Store
	now      func() time.Time
	cost     int
	maxBytes int64
	maxFiles int
	wake     func()
	quiet    bool
	// dummyHash is compared against for unknown accounts, so they take as
	// long to refuse as a wrong password.
	dummyHash func() []byte
	// common holds the common passwords refused for a new password.
	common map[string]bool
}

// New builds a Desk.
func New(o Options) *Desk {
	d := &Desk{st: o.Store, now: o.Now, cost: o.PasswordCost, maxBytes: o.MaxFileBytes, maxFiles: o.MaxFiles, wake: o.Wake,
		quiet: o.Quiet, common: commonPasswords()}
	if d.wake == nil {
		d.wake = func() {}
	}
	if d.now == nil {
		d.now = time.Now
	}
	if d.maxBytes == 0 {
		d.maxBytes = 10 << 20
	}
	if d.maxFiles == 0 {
		d.maxFiles = 5
	}
	cost := d.cost
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	// Hashing takes a bcrypt's time, most of start-up's CPU: it is done
	// at the first login instead (see LogIn).
	d.dummyHash = sync.OnceValue(func() []byte {
		h, _ := bcrypt.GenerateFromPassword([]byte("not a password"), cost)
		return h
	})
	return d
}

// MaxFileBytes is the largest attachment accepted.
func (d *Desk) MaxFileBytes() int64 { return d.maxBytes }

// MaxFiles is how many attachments a draft or reply may carry.
func (d *Desk) MaxFiles() int { return d.maxFiles }

func (d *Desk) clock() time.Time { return d.now().UTC().Truncate(time.Millisecond) }

// Ping checks the database.
func (d *Desk) Ping(ctx context.Context) error { return d.st.Ping(ctx) }

// scope returns the tickets a user may see (see store.Scope).
func scope(u model.User) store.Scope {
	if u.Role.Staff() {
		return store.Scope{}
	}
	sc := store.Scope{CompanyID: u.CompanyID}
	if u.CompanyID == 0 {
		sc.CompanyID = -1 // a customer without company sees nothing
	}
	if u.Role == model.RoleInformer && !u.ShareTickets {
		sc.ReporterID = u.ID
	}
	return sc
}

// Settings returns the vendor settings.
func (d *Desk) Settings(ctx context.Context) (model.Settings, error) {
	return d.st.Read().Settings(ctx)
}

// Modules lists the product areas.
func (d *Desk) Modules(ctx context.Context) ([]model.Module, error) {
	return d.st.Read().Modules(ctx)
}

// ModuleByName finds a module by its exact name.
func (d *Desk) ModuleByName(ctx context.Context, name string) (model.Module, error) {
	return moduleByName(ctx, d.st.Read(), name)
}

func moduleByName(ctx context.Context, q *store.Q, name string) (model.Module, error) {
	mods, err := q.Modules(ctx)
	if err != nil {
		return model.Module{}, err
	}
	for _, m := range mods {
		if m.Name == name {
			return m, nil
		}
	}
	return model.Module{}, model.ErrNotFound
}

// Companies lists customer companies (staff only).
func (d *Desk) Companies(ctx context.Context, actor model.User) ([]model.Company, error) {
	if !actor.Role.Staff() {
		return nil, model.ErrForbidden
	}
	return d.st.Read().Companies(ctx)
}

// FilterCompanies is how many companies the queue's company filter lists;
// past it the filter takes a NIT, so no page lists thousands of options.
const FilterCompanies = 200

// QueueCompanies lists the companies of the queue's filter, by name, and
// reports more when there are over FilterCompanies (none are listed then).
func (d *Desk) QueueCompanies(ctx context.Context, actor model.User) (cs []model.Company, more bool, err error) {
	if !actor.Role.Staff() {
		return nil, false, model.ErrForbidden
	}
	cs, err = d.st.Read().CompaniesUpTo(ctx, FilterCompanies+1)
	if len(cs) > FilterCompanies {
		return nil, true, err
	}
	return cs, false, err
}

// QueueCompany returns the company a queue filter names (staff only).
func (d *Desk) QueueCompany(ctx context.Context, actor model.User, id int64) (model.Company, error) {
	if !actor.Role.Staff() {
		return model.Company{}, model.ErrForbidden
	}
	return d.st.Read().CompanyByID(ctx, id)
}

// Staff lists agents and admins (staff only).
func (d *Desk) Staff(ctx context.Context, actor model.User) ([]model.User, error) {
	if !actor.Role.Staff() {
		return nil, model.ErrForbidden
	}
	return d.st.Read().Staff(ctx)
}
