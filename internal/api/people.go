package api

import (
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// peopleRoutes are Gestionar Informadores for a company's managers and the
// vendor admins' companies.
func (a *api) peopleRoutes() {
	a.signedIn("GET /api/v1/company/people", a.listPeople)                          // company admins: their company's people
	a.signedIn("POST /api/v1/company/people", a.invitePerson)                       // company admins: into their own company
	a.signedIn("PATCH /api/v1/company/people/{id}", a.patchPerson)                  // company admins: their company's people, else 404
	a.signedIn("POST /api/v1/company/people/{id}/invitation", a.resendInvitation)   // company admins: their company's people, else 404
	a.signedIn("DELETE /api/v1/company/people/{id}/invitation", a.revokeInvitation) // company admins: their company's people, else 404
	a.signedIn("GET /api/v1/company/audit", a.companyAudit)                         // company admins: their company's changes
	a.signedIn("GET /api/v1/admin/companies", adminOnly(a.listCompanies))           // admins
	a.signedIn("POST /api/v1/admin/companies", adminOnly(a.createCompany))          // admins
	a.signedIn("PATCH /api/v1/admin/companies/{id}", adminOnly(a.patchCompany))     // admins
	a.signedIn("GET /api/v1/admin/staff", adminOnly(a.listStaffPeople))             // admins
	a.signedIn("POST /api/v1/admin/staff", adminOnly(a.inviteStaff))                // admins
	a.signedIn("PATCH /api/v1/admin/staff/{id}", adminOnly(a.patchStaff))           // admins: never themselves, never the last admin
	a.signedIn("GET /api/v1/admin/audit", adminOnly(a.adminAudit))                  // admins
}

// adminOnly serves a route to vendor admins alone; anyone else is
// refused before the handler reads the request.
func adminOnly(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, u model.User) error {
		if u.Role != model.RoleAdmin {
			return model.ErrForbidden
		}
		return h(w, r, u)
	}
}

type personOut struct {
	ID                  int64  `json:"id"`
	Name                string `json:"name"`
	Email               string `json:"email"`
	Position            string `json:"position"`
	Phone               string `json:"phone"`
	Role                string `json:"role"`
	Active              bool   `json:"active"`
	LastLoginAt         stamp  `json:"last_login_at"`
	Invitation          string `json:"invitation"` // none, pending, expired, revoked
	InvitationExpiresAt stamp  `json:"invitation_expires_at"`
}

func newPersonOut(p model.Person) personOut {
	inv, expires := p.Invitation, stamp(p.InvitationExpires)
	if inv == model.InvitationNone {
		inv, expires = "none", stamp{}
	}
	return personOut{ID: p.ID, Name: p.Name, Email: p.Email, Position: p.Position, Phone: p.Phone, Role: string(p.Role),
		Active: p.Active, LastLoginAt: stamp(p.LastLoginAt), Invitation: inv, InvitationExpiresAt: expires}
}

type peopleList struct {
	People []personOut `json:"people"`
}

// manager refuses anyone but a customer company's admin.
func manager(u model.User) error {
	if u.Role != model.RoleCompanyAdmin || u.CompanyID == 0 {
		return model.ErrForbidden
	}
	return nil
}

func (a *api) listPeople(w http.ResponseWriter, r *http.Request, u model.User) error {
	if err := manager(u); err != nil {
		return err
	}
	ps, err := a.desk.People(r.Context(), u, 0)
	if err != nil {
		return err
	}
	out := peopleList{People: make([]personOut, 0, len(ps))}
	for _, p := range ps {
		out.People = append(out.People, newPersonOut(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

type personIn struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Position string `json:"position"`
	Phone    string `json:"phone"`
}

// invitePerson creates an informer of the caller's company and e-mails
// the invitation; role, company and id are no fields of the request.
func (a *api) invitePerson(w http.ResponseWriter, r *http.Request, u model.User) error {
	if err := manager(u); err != nil {
		return err
	}
	var in personIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := a.desk.InvitePerson(r.Context(), u, 0, desk.PersonInput{Name: in.Name, Email: in.Email, Position: in.Position, Phone: in.Phone})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newPersonOut(p))
}

type personPatch struct {
	Name     *string `json:"name"`
	Position *string `json:"position"`
	Phone    *string `json:"phone"`
	Role     *string `json:"role"`
	Active   *bool   `json:"active"`
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, model.ErrNotFound
	}
	return id, nil
}

func (a *api) patchPerson(w http.ResponseWriter, r *http.Request, u model.User) error {
	if err := manager(u); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in personPatch
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ch := desk.PersonChange{Name: in.Name, Position: in.Position, Phone: in.Phone, Active: in.Active}
	if in.Role != nil {
		role := model.Role(*in.Role)
		ch.Role = &role
	}
	p, err := a.desk.UpdatePerson(r.Context(), u, id, ch)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newPersonOut(p))
}

// resendInvitation mails a new link; the old one stops working.
func (a *api) resendInvitation(w http.ResponseWriter, r *http.Request, u model.User) error {
	if err := manager(u); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.desk.ResendInvitation(r.Context(), u, id); err != nil {
		return err
	}
	p, err := a.desk.Person(r.Context(), u, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newPersonOut(p))
}

func (a *api) revokeInvitation(w http.ResponseWriter, r *http.Request, u model.User) error {
	if err := manager(u); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.desk.RevokeInvitation(r.Context(), u, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type auditOut struct {
	ID        int64  `json:"id"`
	At        stamp  `json:"at"`
	Actor     string `json:"actor"`
	Action    string `json:"action"`
	PersonID  *int64 `json:"person_id"`
	Person    string `json:"person"`
	Details   string `json:"details"`
	CompanyID *int64 `json:"company_id"`
}

type auditList struct {
	Audit []auditOut `json:"audit"`
	Next  string     `json:"next,omitempty"`
}

func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// companyAudit lists the changes to the caller's company, newest first.
func (a *api) companyAudit(w http.ResponseWriter, r *http.Request, u model.User) error {
	if err := manager(u); err != nil {
		return err
	}
	return a.writeAudit(w, r, u, 0)
}

// adminAudit lists every recorded change, or one company's with
// ?company_id=.
func (a *api) adminAudit(w http.ResponseWriter, r *http.Request, u model.User) error {
	var company int64
	if v := r.URL.Query().Get("company_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return badRequest("api.bad_query", map[string]string{"company_id": "api.wrong_type"})
		}
		company = id
	}
	return a.writeAudit(w, r, u, company)
}

func (a *api) writeAudit(w http.ResponseWriter, r *http.Request, u model.User, company int64) error {
	var from desk.AuditCursor
	if v := r.URL.Query().Get("before"); v != "" {
		c, ok := parseCursor(v)
		if !ok {
			return badRequest("api.bad_query", map[string]string{"before": "api.bad_cursor"})
		}
		from = desk.AuditCursor{At: c.created, ID: c.id}
	}
	p, err := a.desk.Audit(r.Context(), u, company, from)
	if err != nil {
		return err
	}
	out := auditList{Audit: make([]auditOut, 0, len(p.Entries))}
	if n := p.Next(); n.ID != 0 {
		out.Next = cursor{n.At, n.ID}.String()
	}
	for _, e := range p.Entries {
		out.Audit = append(out.Audit, auditOut{ID: e.ID, At: stamp(e.CreatedAt), Actor: e.ActorName, Action: e.Action,
			PersonID: optionalID(e.TargetID), Person: e.TargetEmail, Details: e.Details, CompanyID: optionalID(e.CompanyID)})
	}
	return writeJSON(w, http.StatusOK, out)
}

type companyOut struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	NIT          string `json:"nit"`
	SeatLimit    int    `json:"seat_limit"`
	ShareTickets bool   `json:"share_tickets"`
	Active       bool   `json:"active"`
}

func newCompanyOut(c model.Company) companyOut {
	return companyOut{ID: c.ID, Name: c.Name, NIT: c.NIT, SeatLimit: c.SeatLimit, ShareTickets: c.ShareTickets, Active: c.Active}
}

type companyList struct {
	Companies []companyOut `json:"companies"`
}

func (a *api) listCompanies(w http.ResponseWriter, r *http.Request, u model.User) error {
	cs, err := a.desk.Companies(r.Context(), u)
	if err != nil {
		return err
	}
	out := companyList{Companies: make([]companyOut, 0, len(cs))}
	for _, c := range cs {
		out.Companies = append(out.Companies, newCompanyOut(c))
	}
	return writeJSON(w, http.StatusOK, out)
}

type companyIn struct {
	Name         string `json:"name"`
	NIT          string `json:"nit"`
	SeatLimit    int    `json:"seat_limit"`
	ShareTickets bool   `json:"share_tickets"`
	AdminName    string `json:"admin_name"`
	AdminEmail   string `json:"admin_email"`
}

// createCompany adds a company and invites its first company admin.
func (a *api) createCompany(w http.ResponseWriter, r *http.Request, u model.User) error {
	var in companyIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := a.desk.CreateCompany(r.Context(), u, desk.CompanyInput{Name: in.Name, NIT: in.NIT, SeatLimit: in.SeatLimit,
		ShareTickets: in.ShareTickets, AdminName: in.AdminName, AdminEmail: in.AdminEmail})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newCompanyOut(c))
}

type companyPatch struct {
	Name         *string `json:"name"`
	NIT          *string `json:"nit"`
	SeatLimit    *int    `json:"seat_limit"`
	ShareTickets *bool   `json:"share_tickets"`
	Active       *bool   `json:"active"`
}

// patchCompany changes the fields sent and keeps the others.
func (a *api) patchCompany(w http.ResponseWriter, r *http.Request, u model.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in companyPatch
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	c, err := a.desk.Company(ctx, u, id)
	if err != nil {
		return err
	}
	ci := desk.CompanyInput{Name: c.Name, NIT: c.NIT, SeatLimit: c.SeatLimit, ShareTickets: c.ShareTickets}
	if in.Name != nil {
		ci.Name = *in.Name
	}
	if in.NIT != nil {
		ci.NIT = *in.NIT
	}
	if in.SeatLimit != nil {
		ci.SeatLimit = *in.SeatLimit
	}
	if in.ShareTickets != nil {
		ci.ShareTickets = *in.ShareTickets
	}
	if in.Name != nil || in.NIT != nil || in.SeatLimit != nil || in.ShareTickets != nil {
		if _, err := a.desk.UpdateCompany(ctx, u, id, ci); err != nil {
			return err
		}
	}
	if in.Active != nil {
		if err := a.desk.SetCompanyActive(ctx, u, id, *in.Active); err != nil {
			return err
		}
	}
	if c, err = a.desk.Company(ctx, u, id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newCompanyOut(c))
}

func (a *api) listStaffPeople(w http.ResponseWriter, r *http.Request, u model.User) error {
	ps, err := a.desk.StaffPeople(r.Context(), u)
	if err != nil {
		return err
	}
	out := peopleList{People: make([]personOut, 0, len(ps))}
	for _, p := range ps {
		out.People = append(out.People, newPersonOut(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

type staffIn struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Position string `json:"position"`
	Phone    string `json:"phone"`
	Role     string `json:"role"`
}

// inviteStaff adds an agent or admin and e-mails the invitation.
func (a *api) inviteStaff(w http.ResponseWriter, r *http.Request, u model.User) error {
	var in staffIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	nu, err := a.desk.InviteStaff(r.Context(), u, desk.PersonInput{Name: in.Name, Email: in.Email, Position: in.Position,
		Phone: in.Phone, Role: model.Role(in.Role)})
	if err != nil {
		return err
	}
	return a.writeStaffPerson(w, r, u, nu.ID, http.StatusCreated)
}

type staffPatch struct {
	Active *bool `json:"active"`
}

// patchStaff disables or re-enables an agent or admin.
func (a *api) patchStaff(w http.ResponseWriter, r *http.Request, u model.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in staffPatch
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Active != nil {
		if err := a.desk.SetStaffActive(r.Context(), u, id, *in.Active); err != nil {
			return err
		}
	}
	return a.writeStaffPerson(w, r, u, id, http.StatusOK)
}

func (a *api) writeStaffPerson(w http.ResponseWriter, r *http.Request, u model.User, id int64, status int) error {
	ps, err := a.desk.StaffPeople(r.Context(), u)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.ID == id {
			return writeJSON(w, status, newPersonOut(p))
		}
	}
	return model.ErrNotFound
}
