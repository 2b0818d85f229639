package web

import (
	"net/http"
	"strconv"
	"strings"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// vendorRoutes are the vendor admins' pages: companies, staff accounts,
// settings with the modules list, and the audit log.
func (s *Server) vendorRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /console/companies", s.admin(s.companiesPage))
	mux.HandleFunc("POST /console/companies", s.admin(s.companyCreate))
	mux.HandleFunc("GET /console/companies/{id}", s.admin(s.companyPage))
	mux.HandleFunc("POST /console/companies/{id}", s.admin(s.companySave))
	mux.HandleFunc("POST /console/companies/{id}/active", s.admin(s.companyActive))
	mux.HandleFunc("POST /console/people/{id}/active", s.admin(s.customerActive))
	mux.HandleFunc("POST /console/people/{id}/resend", s.admin(s.customerResend))
	mux.HandleFunc("POST /console/people/{id}/revoke", s.admin(s.customerRevoke))
	mux.HandleFunc("GET /console/staff", s.admin(s.staffPage))
	mux.HandleFunc("POST /console/staff", s.admin(s.staffInvite))
	mux.HandleFunc("POST /console/staff/{id}/active", s.admin(s.staffActive))
	mux.HandleFunc("POST /console/staff/{id}/resend", s.admin(s.staffResend))
	mux.HandleFunc("POST /console/staff/{id}/revoke", s.admin(s.staffRevoke))
	mux.HandleFunc("GET /console/settings", s.admin(s.settingsPage))
	mux.HandleFunc("POST /console/settings", s.admin(s.settingsSave))
	mux.HandleFunc("POST /console/modules", s.admin(s.moduleAdd))
	mux.HandleFunc("POST /console/modules/{id}", s.admin(s.moduleRename))
	mux.HandleFunc("POST /console/modules/{id}/move", s.admin(s.moduleMove))
	mux.HandleFunc("POST /console/modules/{id}/delete", s.admin(s.moduleDelete))
	mux.HandleFunc("GET /console/audit", s.admin(s.vendorAudit))
}

// companiesData is the Empresas page.
type companiesData struct {
	Companies []model.Company
}

var companyFields = []string{"name", "nit", "seat_limit", "share_tickets", "admin_name", "admin_email"}

func (s *Server) showCompanies(w http.ResponseWriter, r *http.Request, a *actor, status int, v view) {
	cs, err := s.desk.Companies(r.Context(), a.User)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	v.actor, v.Title, v.Nav, v.Data = a, "nav.companies", "companies", companiesData{Companies: cs}
	s.render(w, r, status, "companies", v)
}

func (s *Server) companiesPage(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showCompanies(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))})
}

// seatField reads the seat limit; what is not a number is -1, which the
// desk refuses with its message.
func seatField(r *http.Request) int {
	v := strings.TrimSpace(r.PostFormValue("seat_limit"))
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return n
}

func companyForm(r *http.Request) desk.CompanyInput {
	return desk.CompanyInput{Name: r.PostFormValue("name"), NIT: r.PostFormValue("nit"), SeatLimit: seatField(r),
		ShareTickets: r.PostFormValue("share_tickets") == "1", AdminName: r.PostFormValue("admin_name"),
		AdminEmail: r.PostFormValue("admin_email")}
}

func (s *Server) companyCreate(w http.ResponseWriter, r *http.Request, a *actor) {
	c, err := s.desk.CreateCompany(r.Context(), a.User, companyForm(r))
	if errs, ok := fieldErrors(a, err); ok {
		s.showCompanies(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs, Alert: pageAlert(errs, companyFields...),
			Form: typed(r, companyFields...)})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/companies/"+strconv.FormatInt(c.ID, 10)+"?ok=company_created", http.StatusSeeOther)
}

// companyData is one company's page: its form, people and audit.
type companyData struct {
	Company   model.Company
	People    []model.Person
	Audit     auditList
	SeatsUsed int
}

func (s *Server) showCompany(w http.ResponseWriter, r *http.Request, a *actor, status int, v view) {
	s.showCompanyID(w, r, a, status, v, pathID(r))
}

func (s *Server) showCompanyID(w http.ResponseWriter, r *http.Request, a *actor, status int, v view, id int64) {
	ctx := r.Context()
	var d companyData
	var err error
	if d.Company, err = s.desk.Company(ctx, a.User, id); err == nil {
		if d.People, err = s.desk.People(ctx, a.User, id); err == nil {
			if d.Audit, err = s.auditPage(r, a, id); err == nil {
				d.SeatsUsed, _, err = s.desk.Seats(ctx, a.User, id)
			}
		}
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	if v.Form == nil {
		c := d.Company
		v.Form = map[string]string{"name": c.Name, "nit": c.NIT, "seat_limit": strconv.Itoa(c.SeatLimit)}
		if c.ShareTickets {
			v.Form["share_tickets"] = "1"
		}
	}
	v.actor, v.Title, v.Nav, v.Data = a, "nav.companies", "companies", d
	s.render(w, r, status, "company", v)
}

func (s *Server) companyPage(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showCompany(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))})
}

func (s *Server) companySave(w http.ResponseWriter, r *http.Request, a *actor) {
	_, err := s.desk.UpdateCompany(r.Context(), a.User, pathID(r), companyForm(r))
	if errs, ok := fieldErrors(a, err); ok {
		s.showCompany(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs, Alert: pageAlert(errs, companyFields...),
			Form: typed(r, companyFields...)})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/companies/"+r.PathValue("id")+"?ok=company_saved", http.StatusSeeOther)
}

func (s *Server) companyActive(w http.ResponseWriter, r *http.Request, a *actor) {
	active := r.PostFormValue("active") == "1"
	if err := s.desk.SetCompanyActive(r.Context(), a.User, pathID(r), active); err != nil {
		s.fail(w, r, a, err)
		return
	}
	ok := "company_disabled"
	if active {
		ok = "company_enabled"
	}
	http.Redirect(w, r, "/console/companies/"+r.PathValue("id")+"?ok="+ok, http.StatusSeeOther)
}

// customerAction answers a vendor admin's button on a company's person
// (the first manager's invitation, mostly): back to the company's page.
func (s *Server) customerAction(w http.ResponseWriter, r *http.Request, a *actor, do func(id int64) error, ok string) {
	p, err := s.desk.Person(r.Context(), a.User, pathID(r))
	if err == nil && p.Role.Staff() {
		err = model.ErrNotFound
	}
	if err == nil {
		err = do(p.ID)
	}
	if errs, isField := fieldErrors(a, err); isField {
		s.showCompanyID(w, r, a, http.StatusUnprocessableEntity, view{Alert: pageAlert(errs)}, p.CompanyID)
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/companies/"+strconv.FormatInt(p.CompanyID, 10)+"?ok="+ok+"#people", http.StatusSeeOther)
}

func (s *Server) customerActive(w http.ResponseWriter, r *http.Request, a *actor) {
	active := r.PostFormValue("active") == "1"
	ok := "person_disabled"
	if active {
		ok = "person_enabled"
	}
	s.customerAction(w, r, a, func(id int64) error {
		_, err := s.desk.UpdatePerson(r.Context(), a.User, id, desk.PersonChange{Active: &active})
		return err
	}, ok)
}

func (s *Server) customerResend(w http.ResponseWriter, r *http.Request, a *actor) {
	s.customerAction(w, r, a, func(id int64) error { return s.desk.ResendInvitation(r.Context(), a.User, id) }, "invitation_resent")
}

func (s *Server) customerRevoke(w http.ResponseWriter, r *http.Request, a *actor) {
	s.customerAction(w, r, a, func(id int64) error { return s.desk.RevokeInvitation(r.Context(), a.User, id) }, "invitation_revoked")
}

// staffData is the Personal page.
type staffData struct {
	People []model.Person
	Roles  []model.Role
}

func (s *Server) showStaff(w http.ResponseWriter, r *http.Request, a *actor, status int, v view) {
	ps, err := s.desk.StaffPeople(r.Context(), a.User)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	v.actor, v.Title, v.Nav = a, "nav.staff", "staff"
	v.Data = staffData{People: ps, Roles: []model.Role{model.RoleAgent, model.RoleAdmin}}
	s.render(w, r, status, "staff", v)
}

func (s *Server) staffPage(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showStaff(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))})
}

func (s *Server) staffInvite(w http.ResponseWriter, r *http.Request, a *actor) {
	in := personForm(r)
	in.Role = model.Role(r.PostFormValue("role"))
	_, err := s.desk.InviteStaff(r.Context(), a.User, in)
	if errs, ok := fieldErrors(a, err); ok {
		s.showStaff(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs,
			Alert: pageAlert(errs, "name", "email", "position", "phone", "role"),
			Form:  typed(r, "name", "email", "position", "phone", "role")})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/staff?ok=invited", http.StatusSeeOther)
}

func (s *Server) staffAction(w http.ResponseWriter, r *http.Request, a *actor, err error, ok string) {
	if errs, isField := fieldErrors(a, err); isField {
		s.showStaff(w, r, a, http.StatusUnprocessableEntity, view{Alert: pageAlert(errs)})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/staff?ok="+ok, http.StatusSeeOther)
}

func (s *Server) staffActive(w http.ResponseWriter, r *http.Request, a *actor) {
	active := r.PostFormValue("active") == "1"
	ok := "person_disabled"
	if active {
		ok = "person_enabled"
	}
	s.staffAction(w, r, a, s.desk.SetStaffActive(r.Context(), a.User, pathID(r), active), ok)
}

func (s *Server) staffResend(w http.ResponseWriter, r *http.Request, a *actor) {
	s.staffAction(w, r, a, s.desk.ResendInvitation(r.Context(), a.User, pathID(r)), "invitation_resent")
}

func (s *Server) staffRevoke(w http.ResponseWriter, r *http.Request, a *actor) {
	s.staffAction(w, r, a, s.desk.RevokeInvitation(r.Context(), a.User, pathID(r)), "invitation_revoked")
}

// settingsData is the Configuración page.
type settingsData struct {
	Modules []model.Module
}

var settingsFields = []string{"vendor_name", "vendor_phone", "scope_notice", "scope_notice_en", "autoclose_days", "smtp_from"}

// showSettings renders the page; extra adds typed values of a module form
// to the stored settings.
func (s *Server) showSettings(w http.ResponseWriter, r *http.Request, a *actor, status int, v view, extra map[string]string) {
	ctx := r.Context()
	mods, err := s.desk.Modules(ctx)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	if v.Form == nil {
		vs, err := s.desk.VendorSettings(ctx)
		if err != nil {
			s.fail(w, r, a, err)
			return
		}
		v.Form = map[string]string{"vendor_name": vs.VendorName, "vendor_phone": vs.VendorPhone, "scope_notice": vs.ScopeNotice,
			"scope_notice_en": vs.ScopeNoticeEN, "autoclose_days": strconv.Itoa(vs.AutoCloseDays), "smtp_from": vs.SMTPFrom}
	}
	for k, val := range extra {
		v.Form[k] = val
	}
	v.actor, v.Title, v.Nav, v.Data = a, "nav.settings", "settings", settingsData{Modules: mods}
	s.render(w, r, status, "settings", v)
}

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showSettings(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))}, nil)
}

func (s *Server) settingsSave(w http.ResponseWriter, r *http.Request, a *actor) {
	days, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("autoclose_days")))
	if err != nil {
		days = 0 // refused by the desk with the range
	}
	in := desk.VendorSettings{Settings: model.Settings{VendorName: r.PostFormValue("vendor_name"),
		VendorPhone: r.PostFormValue("vendor_phone"), ScopeNotice: r.PostFormValue("scope_notice"),
		ScopeNoticeEN: r.PostFormValue("scope_notice_en")}, AutoCloseDays: days, SMTPFrom: r.PostFormValue("smtp_from")}
	err = s.desk.SaveVendorSettings(r.Context(), a.User, in)
	if errs, ok := fieldErrors(a, err); ok {
		s.showSettings(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs, Form: typed(r, settingsFields...)}, nil)
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/settings?ok=settings_saved", http.StatusSeeOther)
}

// moduleAction answers a change of the modules list: the page again with
// the refusal (what was typed kept under the module's id), or back to the
// list.
func (s *Server) moduleAction(w http.ResponseWriter, r *http.Request, a *actor, err error, prefix, ok string) {
	if errs, isField := fieldErrors(a, err); isField {
		s.showSettings(w, r, a, http.StatusUnprocessableEntity, view{Errors: prefixed(prefix, errs), Alert: pageAlert(errs, "name", "module")},
			map[string]string{prefix + "name": r.PostFormValue("name")})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/settings?ok="+ok+"#modules", http.StatusSeeOther)
}

func (s *Server) moduleAdd(w http.ResponseWriter, r *http.Request, a *actor) {
	s.moduleAction(w, r, a, s.desk.AddModule(r.Context(), a.User, r.PostFormValue("name")), "module_new_", "module_added")
}

func (s *Server) moduleRename(w http.ResponseWriter, r *http.Request, a *actor) {
	err := s.desk.RenameModule(r.Context(), a.User, pathID(r), r.PostFormValue("name"))
	s.moduleAction(w, r, a, err, "module_"+r.PathValue("id")+"_", "module_renamed")
}

func (s *Server) moduleMove(w http.ResponseWriter, r *http.Request, a *actor) {
	moved, err := s.desk.MoveModule(r.Context(), a.User, pathID(r), r.PostFormValue("dir"))
	if err == nil && !moved { // already first or last: no news
		http.Redirect(w, r, "/console/settings#modules", http.StatusSeeOther)
		return
	}
	s.moduleAction(w, r, a, err, "module_"+r.PathValue("id")+"_", "module_moved")
}

func (s *Server) moduleDelete(w http.ResponseWriter, r *http.Request, a *actor) {
	err := s.desk.DeleteModule(r.Context(), a.User, pathID(r))
	s.moduleAction(w, r, a, err, "module_"+r.PathValue("id")+"_", "module_deleted")
}

// auditData is the vendor's audit page.
type auditData struct {
	Audit auditList
}

func (s *Server) vendorAudit(w http.ResponseWriter, r *http.Request, a *actor) {
	al, err := s.auditPage(r, a, 0)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, http.StatusOK, "audit", view{actor: a, Title: "nav.audit", Nav: "audit", Data: auditData{Audit: al}})
}
