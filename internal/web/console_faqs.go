package web

import (
	"fmt"
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

type faqAdminData struct {
	FAQs       []model.FAQ
	Deflection desk.Deflection
}

func (s *Server) faqAdmin(w http.ResponseWriter, r *http.Request, a *actor) {
	faqs, err := s.desk.FAQs(r.Context(), a.User)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	defl, err := s.desk.DeflectionStats(r.Context(), a.User)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, http.StatusOK, "faq_admin", view{actor: a, Title: "nav.faq_editor", Nav: "faq_editor",
		Flash: flashFor(a, r.URL.Query().Get("ok")), Data: faqAdminData{FAQs: faqs, Deflection: defl}})
}

type faqFormData struct {
	FAQ     model.FAQ
	Modules []model.Module
}

// showFAQForm renders the editor for a new or existing FAQ.
func (s *Server) showFAQForm(w http.ResponseWriter, r *http.Request, a *actor, status int, f model.FAQ, errs map[string]string, flash string) {
	mods, err := s.desk.Modules(r.Context())
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, status, "faq_edit", view{actor: a, Title: "nav.faq_editor", Nav: "faq_editor", Errors: errs, Flash: flash,
		Data: faqFormData{FAQ: f, Modules: mods}})
}

// faqNew shows an empty editor, or one prefilled from a ticket.
func (s *Server) faqNew(w http.ResponseWriter, r *http.Request, a *actor) {
	var f model.FAQ
	if t := r.URL.Query().Get("ticket"); t != "" {
		n, _ := desk.ParseNumber(t)
		var err error
		if f, err = s.desk.FAQDraftFromTicket(r.Context(), a.User, n); err != nil {
			s.fail(w, r, a, err)
			return
		}
	}
	s.showFAQForm(w, r, a, http.StatusOK, f, nil, "")
}

func faqFromForm(r *http.Request) model.FAQ {
	f := model.FAQ{Title: r.PostFormValue("title"), Situation: r.PostFormValue("situation"),
		Cause: r.PostFormValue("cause"), Solution: r.PostFormValue("solution")}
	f.ModuleID, _ = strconv.ParseInt(r.PostFormValue("module"), 10, 64)
	f.SourceTicketID, _ = strconv.ParseInt(r.PostFormValue("source_ticket"), 10, 64)
	return f
}

func (s *Server) faqCreate(w http.ResponseWriter, r *http.Request, a *actor) {
	s.saveFAQ(w, r, a, faqFromForm(r))
}

func (s *Server) faqEdit(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	f, err := s.desk.FAQ(r.Context(), a.User, id)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.showFAQForm(w, r, a, http.StatusOK, f, nil, flashFor(a, r.URL.Query().Get("ok")))
}

func (s *Server) faqUpdate(w http.ResponseWriter, r *http.Request, a *actor) {
	f := faqFromForm(r)
	f.ID, _ = strconv.ParseInt(r.PathValue("id"), 10, 64)
	if f.ID == 0 {
		s.errorPage(w, r, a, http.StatusNotFound, "error.page_not_found")
		return
	}
	s.saveFAQ(w, r, a, f)
}

// saveFAQ stores the editor's form, publishing it too when asked.
func (s *Server) saveFAQ(w http.ResponseWriter, r *http.Request, a *actor, f model.FAQ) {
	saved, err := s.desk.SaveFAQ(r.Context(), a.User, f)
	if errs, ok := fieldErrors(a, err); ok {
		// The form does not carry the state: show the stored one.
		if f.ID != 0 {
			if cur, cerr := s.desk.FAQ(r.Context(), a.User, f.ID); cerr == nil {
				f.Published = cur.Published
			}
		}
		s.showFAQForm(w, r, a, http.StatusUnprocessableEntity, f, errs, "")
		return
	}
	if err == nil && r.PostFormValue("publish") == "1" {
		err = s.desk.PublishFAQ(r.Context(), a.User, saved.ID, true)
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/console/faqs/%d?ok=faq_saved", saved.ID), http.StatusSeeOther)
}

func (s *Server) faqPublish(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	publish := r.PostFormValue("published") == "1"
	if err := s.desk.PublishFAQ(r.Context(), a.User, id, publish); err != nil {
		s.fail(w, r, a, err)
		return
	}
	key := "faq_unpublished"
	if publish {
		key = "faq_published"
	}
	http.Redirect(w, r, fmt.Sprintf("/console/faqs/%d?ok=%s", id, key), http.StatusSeeOther)
}
