package web

import (
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// contactsData feeds the address book and its form.
type contactsData struct {
	Contacts []model.Contact
	Query    string
	ID       int64 // the contact being edited; 0 for a new one
}

func contactForm(in desk.ContactInput) map[string]string {
	return map[string]string{"name": in.Name, "email": in.Email, "phone": in.Phone, "company": in.Company,
		"position": in.Position, "notes": in.Notes}
}

func contactTyped(r *http.Request) desk.ContactInput {
	return desk.ContactInput{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Phone: r.PostFormValue("phone"),
		Company: r.PostFormValue("company"), Position: r.PostFormValue("position"), Notes: r.PostFormValue("notes")}
}

func (s *Server) contactList(w http.ResponseWriter, r *http.Request, a *actor) {
	q := r.URL.Query().Get("q")
	cs, err := s.desk.Contacts(r.Context(), a.User, q)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, http.StatusOK, "contacts", view{actor: a, Title: "contacts.title", Nav: "contacts",
		Flash: flashFor(a, r.URL.Query().Get("ok")), Data: contactsData{Contacts: cs, Query: q}})
}

func (s *Server) showContact(w http.ResponseWriter, r *http.Request, a *actor, status int, id int64, v view) {
	v.actor, v.Nav, v.Data = a, "contacts", contactsData{ID: id}
	v.Title = "contacts.new"
	if id != 0 {
		v.Title = "contacts.edit"
	}
	s.render(w, r, status, "contact_edit", v)
}

func (s *Server) contactNew(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showContact(w, r, a, http.StatusOK, 0, view{Form: map[string]string{}})
}

func (s *Server) contactCreate(w http.ResponseWriter, r *http.Request, a *actor) {
	in := contactTyped(r)
	_, err := s.desk.CreateContact(r.Context(), a.User, in)
	if errs, ok := fieldErrors(a, err); ok {
		s.showContact(w, r, a, http.StatusUnprocessableEntity, 0, view{Errors: errs, Form: contactForm(in)})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/contacts?ok=contact_created", http.StatusSeeOther)
}

func contactID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

func (s *Server) contactEdit(w http.ResponseWriter, r *http.Request, a *actor) {
	c, err := s.desk.Contact(r.Context(), a.User, contactID(r))
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.showContact(w, r, a, http.StatusOK, c.ID, view{Form: contactForm(desk.ContactInputOf(c))})
}

func (s *Server) contactUpdate(w http.ResponseWriter, r *http.Request, a *actor) {
	in, id := contactTyped(r), contactID(r)
	_, err := s.desk.UpdateContact(r.Context(), a.User, id, in)
	if errs, ok := fieldErrors(a, err); ok {
		s.showContact(w, r, a, http.StatusUnprocessableEntity, id, view{Errors: errs, Form: contactForm(in)})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/contacts?ok=contact_updated", http.StatusSeeOther)
}

func (s *Server) contactDelete(w http.ResponseWriter, r *http.Request, a *actor) {
	if err := s.desk.DeleteContact(r.Context(), a.User, contactID(r)); err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/contacts?ok=contact_deleted", http.StatusSeeOther)
}
