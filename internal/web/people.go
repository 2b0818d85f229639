package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/i18n"
	"helpdesk/internal/model"
)

// peopleRoutes are Gestionar Informadores (a company's managers) and the
// invitation page (anyone holding a link).
func (s *Server) peopleRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /company/people", s.manager(s.peoplePage))
	mux.HandleFunc("POST /company/people", s.manager(s.personInvite))
	mux.HandleFunc("GET /company/people/{id}", s.manager(s.personPage))
	mux.HandleFunc("POST /company/people/{id}", s.manager(s.personSave))
	mux.HandleFunc("POST /company/people/{id}/active", s.manager(s.personActive))
	mux.HandleFunc("POST /company/people/{id}/resend", s.manager(s.personResend))
	mux.HandleFunc("POST /company/people/{id}/revoke", s.manager(s.personRevoke))

	mux.HandleFunc("GET /invite/{token}", s.invitePage)
	mux.HandleFunc("POST /invite/{token}", s.inviteAccept)

	s.vendorRoutes(mux)
}

// manager requires a customer company's admin; anyone else gets "not
// found".
func (s *Server) manager(h handler) http.HandlerFunc {
	return s.require(h, func(u model.User) bool { return u.Role == model.RoleCompanyAdmin && u.CompanyID != 0 })
}

// peopleData is the Gestionar Informadores page.
type peopleData struct {
	People    []model.Person
	Audit     auditList
	SeatsUsed int
	SeatLimit int
	Base      string // where the row forms post: /company/people or /console/companies/{id}/people
}

func (s *Server) showPeople(w http.ResponseWriter, r *http.Request, a *actor, status int, v view) {
	ctx := r.Context()
	d := peopleData{Base: "/company/people"}
	var err error
	if d.People, err = s.desk.People(ctx, a.User, 0); err == nil {
		if d.Audit, err = s.auditPage(r, a, 0); err == nil {
			d.SeatsUsed, d.SeatLimit, err = s.desk.Seats(ctx, a.User, 0)
		}
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	v.actor, v.Title, v.Nav, v.Data = a, "nav.people", "people", d
	s.render(w, r, status, "people", v)
}

func (s *Server) peoplePage(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showPeople(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))})
}

func personForm(r *http.Request) desk.PersonInput {
	return desk.PersonInput{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"),
		Position: r.PostFormValue("position"), Phone: r.PostFormValue("phone")}
}

// typed keeps the named form values for showing again after an error.
func typed(r *http.Request, names ...string) map[string]string {
	out := make(map[string]string, len(names))
	for _, n := range names {
		out[n] = r.PostFormValue(n)
	}
	return out
}

// pageAlert turns field errors that belong to no field of the form (a
// seat limit, the last manager) into one message for the page.
func pageAlert(errs map[string]string, fields ...string) string {
	var out []string
	for f, m := range errs {
		if !model.OneOf(f, fields) {
			out = append(out, m)
		}
	}
	return strings.Join(out, " ")
}

func (s *Server) personInvite(w http.ResponseWriter, r *http.Request, a *actor) {
	in := personForm(r)
	_, err := s.desk.InvitePerson(r.Context(), a.User, 0, in)
	if errs, ok := fieldErrors(a, err); ok {
		s.showPeople(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs,
			Alert: pageAlert(errs, "name", "email", "position", "phone"),
			Form:  typed(r, "name", "email", "position", "phone")})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/company/people?ok=invited", http.StatusSeeOther)
}

func pathID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

// personPageData is a person's edit form.
type personPageData struct {
	Person model.Person
	Roles  []model.Role
	Back   string
	Action string
}

func (s *Server) showPerson(w http.ResponseWriter, r *http.Request, a *actor, status int, v view) {
	p, err := s.desk.Person(r.Context(), a.User, pathID(r))
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	if v.Form == nil {
		v.Form = map[string]string{"name": p.Name, "position": p.Position, "phone": p.Phone, "role": string(p.Role)}
	}
	v.actor, v.Title, v.Nav = a, "people.edit", "people"
	v.Data = personPageData{Person: p, Roles: []model.Role{model.RoleInformer, model.RoleCompanyAdmin},
		Back: "/company/people", Action: "/company/people/" + strconv.FormatInt(p.ID, 10)}
	s.render(w, r, status, "person", v)
}

func (s *Server) personPage(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showPerson(w, r, a, http.StatusOK, view{})
}

func (s *Server) personSave(w http.ResponseWriter, r *http.Request, a *actor) {
	name, position, phone := r.PostFormValue("name"), r.PostFormValue("position"), r.PostFormValue("phone")
	role := model.Role(r.PostFormValue("role"))
	_, err := s.desk.UpdatePerson(r.Context(), a.User, pathID(r), desk.PersonChange{Name: &name, Position: &position, Phone: &phone, Role: &role})
	if errs, ok := fieldErrors(a, err); ok {
		s.showPerson(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs,
			Alert: pageAlert(errs, "name", "position", "phone", "role"),
			Form:  typed(r, "name", "position", "phone", "role")})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/company/people?ok=person_saved", http.StatusSeeOther)
}

// peopleAction answers a row button of the people page: back to the list
// with a confirmation, or the list again with the refusal.
func (s *Server) peopleAction(w http.ResponseWriter, r *http.Request, a *actor, err error, ok string) {
	if errs, isField := fieldErrors(a, err); isField {
		s.showPeople(w, r, a, http.StatusUnprocessableEntity, view{Alert: pageAlert(errs)})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/company/people?ok="+ok, http.StatusSeeOther)
}

func (s *Server) personActive(w http.ResponseWriter, r *http.Request, a *actor) {
	active := r.PostFormValue("active") == "1"
	_, err := s.desk.UpdatePerson(r.Context(), a.User, pathID(r), desk.PersonChange{Active: &active})
	ok := "person_disabled"
	if active {
		ok = "person_enabled"
	}
	s.peopleAction(w, r, a, err, ok)
}

func (s *Server) personResend(w http.ResponseWriter, r *http.Request, a *actor) {
	s.peopleAction(w, r, a, s.desk.ResendInvitation(r.Context(), a.User, pathID(r)), "invitation_resent")
}

func (s *Server) personRevoke(w http.ResponseWriter, r *http.Request, a *actor) {
	s.peopleAction(w, r, a, s.desk.RevokeInvitation(r.Context(), a.User, pathID(r)), "invitation_revoked")
}

// inviteActor is the reader of the invitation page: whoever is signed in
// in this browser, else anonymous.
func (s *Server) inviteActor(r *http.Request) *actor {
	if a, ok := s.authenticate(r); ok {
		return a
	}
	return s.anonymous(r)
}

// invitePage shows the form to choose a password; it changes nothing, so
// a mail scanner opening the link spends nothing.
func (s *Server) invitePage(w http.ResponseWriter, r *http.Request) {
	a := s.inviteActor(r)
	u, err := s.desk.InvitationUser(r.Context(), r.PathValue("token"))
	s.showInvite(w, r, a, http.StatusOK, u, err, view{})
}

func (s *Server) showInvite(w http.ResponseWriter, r *http.Request, a *actor, status int, u model.User, err error, v view) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	switch {
	case errors.Is(err, model.ErrInvalidInvitation):
		s.render(w, r, http.StatusGone, "invite_invalid", view{actor: a, Title: "invite.invalid_title"})
		return
	case err != nil:
		s.fail(w, r, a, err)
		return
	}
	v.actor, v.Title, v.Data = a, "invite.title", u
	s.render(w, r, status, "invite", v)
}

// inviteAccept sets the password and signs the person in. A refused
// password leaves the link usable; the page says why.
func (s *Server) inviteAccept(w http.ResponseWriter, r *http.Request) {
	a := s.inviteActor(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, a, http.StatusBadRequest, "error.request_too_large")
		return
	}
	token := r.PathValue("token")
	l, err := s.desk.AcceptInvitation(r.Context(), token, r.PostFormValue("password"), r.PostFormValue("confirm"))
	if errs, ok := fieldErrors(a, err); ok {
		u, uerr := s.desk.InvitationUser(r.Context(), token)
		s.showInvite(w, r, a, http.StatusUnprocessableEntity, u, uerr, view{Errors: errs})
		return
	}
	if err != nil {
		s.showInvite(w, r, a, 0, model.User{}, err, view{})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: l.Token, Path: "/", HttpOnly: true,
		Secure: s.secureRequest(r), SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(12 * time.Hour)})
	dest := "/tickets"
	if l.User.Role.Staff() {
		dest = "/console"
	}
	http.Redirect(w, r, dest, http.StatusSeeOther)
}

// peopleRowsData feeds the shared table of people.
type peopleRowsData struct {
	L      i18n.Localizer
	People []model.Person
	CSRF   string
	Base   string // where row buttons post ("/company/people"); "" for a table without buttons
	Self   int64  // the reader, who gets no disable button
	Edit   bool   // rows link to the edit page
}

func peopleRows(v view, people []model.Person, base string, edit bool) peopleRowsData {
	return peopleRowsData{L: v.L, People: people, CSRF: v.CSRF, Base: base, Self: v.User.ID, Edit: edit}
}

// auditRowsData feeds the shared audit table.
type auditRowsData struct {
	auditList
	L           i18n.Localizer
	ShowCompany bool
}

func auditRows(l i18n.Localizer, al auditList, showCompany bool) auditRowsData {
	return auditRowsData{auditList: al, L: l, ShowCompany: showCompany}
}

// auditList is a page of the audit log with the links to the first page
// (when this is not it) and to the next (when there is one).
type auditList struct {
	Audit       []model.AuditEntry
	First, Next string
}

// auditPage reads the page of the audit log that "before=<ms>.<id>" asks
// for; a malformed cursor reads the first page.
func (s *Server) auditPage(r *http.Request, a *actor, companyID int64) (auditList, error) {
	var from desk.AuditCursor
	if ms, id, ok := strings.Cut(r.URL.Query().Get("before"), "."); ok {
		m, err1 := strconv.ParseInt(ms, 10, 64)
		i, err2 := strconv.ParseInt(id, 10, 64)
		if err1 == nil && err2 == nil && i > 0 {
			from = desk.AuditCursor{At: time.UnixMilli(m).UTC(), ID: i}
		}
	}
	p, err := s.desk.Audit(r.Context(), a.User, companyID, from)
	if err != nil {
		return auditList{}, err
	}
	out := auditList{Audit: p.Entries}
	if from.ID != 0 {
		out.First = r.URL.Path + "#audit"
	}
	if n := p.Next(); n.ID != 0 {
		out.Next = r.URL.Path + "?before=" + strconv.FormatInt(n.At.UnixMilli(), 10) + "." + strconv.FormatInt(n.ID, 10) + "#audit"
	}
	return out, nil
}

// auditDetails shows an audit entry's "field: old → new" lines in the
// reader's language: field names, roles and yes/no translated, values as
// they were written.
func auditDetails(l i18n.Localizer, details string) []string {
	if details == "" {
		return nil
	}
	word := func(field, v string) string {
		switch {
		case v == "":
			return "—"
		case field == "role" && l.Has("role."+v):
			return l.T("role." + v)
		case field == "share_tickets" && v == "true":
			return l.T("companies.yes")
		case field == "share_tickets" && v == "false":
			return l.T("companies.no")
		}
		return v
	}
	var out []string
	for _, line := range strings.Split(details, "\n") {
		field, rest, ok := strings.Cut(line, ": ")
		if !l.Has("audit.field." + field) {
			out = append(out, line)
			continue
		}
		label := l.T("audit.field." + field)
		if !ok {
			out = append(out, label)
			continue
		}
		parts := strings.Split(rest, " → ")
		for i, v := range parts {
			parts[i] = word(field, v)
		}
		out = append(out, label+": "+strings.Join(parts, " → "))
	}
	return out
}
