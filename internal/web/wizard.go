package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// wizardData is what each step of Nuevo Tiquete shows.
type wizardData struct {
	Key         string
	Step        int
	Steps       []int
	Draft       desk.Draft
	Modules     []model.Module
	Types       []string
	Levels      []string
	Suggestions []model.FAQ
	Extensions  []string
	MaxFiles    int
	MaxMB       int64
	Contacts    []model.Contact // the user's address book, on step 5
	Picked      map[int64]bool  // contacts chosen to copy
}

// wizardStart is the page behind a bookmarked "Nuevo tiquete": starting a
// draft changes state, so it takes a POST.
func (s *Server) wizardStart(w http.ResponseWriter, r *http.Request, a *actor) {
	s.render(w, r, http.StatusOK, "wizard_start", view{actor: a, Title: "nav.new", Nav: "new"})
}

func (s *Server) wizardCreate(w http.ResponseWriter, r *http.Request, a *actor) {
	key, err := s.desk.StartDraft(r.Context(), a.User, desk.NewTicket{})
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/new/"+key+"/1", http.StatusSeeOther)
}

func stepOf(r *http.Request) (int, bool) {
	n, err := strconv.Atoi(r.PathValue("step"))
	return n, err == nil && n >= desk.StepTitle && n <= desk.StepConfirm
}

func (s *Server) wizardStep(w http.ResponseWriter, r *http.Request, a *actor) {
	if r.PathValue("step") == "done" {
		s.wizardDone(w, r, a)
		return
	}
	step, ok := stepOf(r)
	if !ok {
		s.errorPage(w, r, a, http.StatusNotFound, "error.page_not_found")
		return
	}
	s.showStep(w, r, a, step, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))}, nil)
}

// showStep renders a step; typed (when not nil) replaces the draft's
// values so a failed step shows what was typed.
func (s *Server) showStep(w http.ResponseWriter, r *http.Request, a *actor, step, status int, v view, typed *desk.NewTicket) {
	key := r.PathValue("key")
	dr, err := s.desk.Draft(r.Context(), a.User, key)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	if dr.TicketNumber != 0 {
		http.Redirect(w, r, "/new/"+key+"/done", http.StatusSeeOther)
		return
	}
	if typed != nil {
		dr.Fields = *typed
	}
	mods, err := s.desk.Modules(r.Context())
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	d := wizardData{Key: key, Step: step, Steps: []int{1, 2, 3, 4, 5}, Draft: dr, Modules: mods,
		Types: model.TicketTypes(), Levels: model.Levels(), Extensions: desk.AllowedExtensions(),
		MaxFiles: s.desk.MaxFiles(), MaxMB: s.desk.MaxFileBytes() >> 20}
	if v.Data != nil {
		d.Suggestions, _ = v.Data.([]model.FAQ)
	}
	if step == desk.StepConfirm {
		if d.Contacts, err = s.desk.Contacts(r.Context(), a.User, ""); err != nil {
			s.fail(w, r, a, err)
			return
		}
		d.Picked = map[int64]bool{}
		for _, id := range dr.Fields.Contacts {
			d.Picked[id] = true
		}
	}
	v.actor, v.Data, v.Title, v.Nav = a, d, "nav.new", "new"
	if v.Settings.VendorName == "" {
		v.Settings, _ = s.desk.Settings(r.Context())
	}
	s.render(w, r, status, "wizard", v)
}

// wizardSave handles each step's form. Step 1 without JavaScript shows the
// matching FAQs once before moving on; with it the live list was seen.
func (s *Server) wizardSave(w http.ResponseWriter, r *http.Request, a *actor) {
	step, ok := stepOf(r)
	if !ok {
		s.errorPage(w, r, a, http.StatusNotFound, "error.page_not_found")
		return
	}
	key := r.PathValue("key")
	in := desk.NewTicket{Title: r.PostFormValue("title"), Module: r.PostFormValue("module"), Type: r.PostFormValue("type"),
		Urgency: r.PostFormValue("urgency"), Description: r.PostFormValue("description"), Version: r.PostFormValue("version"),
		CC: r.PostFormValue("cc"), Contacts: pickedContacts(r)}
	if r.PostFormValue("back") != "" && step > 1 {
		// Going back keeps what was typed on this step, checked or not.
		if step != desk.StepAttach {
			if err := s.desk.KeepDraftStep(r.Context(), a.User, key, step, in); err != nil {
				s.draftFailed(w, r, a, key, err)
				return
			}
		}
		http.Redirect(w, r, fmt.Sprintf("/new/%s/%d", key, step-1), http.StatusSeeOther)
		return
	}
	if step == desk.StepAttach {
		s.wizardUpload(w, r, a, key)
		return
	}
	err := s.desk.SaveDraftStep(r.Context(), a.User, key, step, in)
	if errs, ok := fieldErrors(a, err); ok {
		dr, derr := s.desk.Draft(r.Context(), a.User, key)
		if derr != nil {
			s.fail(w, r, a, derr)
			return
		}
		typed := mergeTyped(dr.Fields, in, step)
		s.showStep(w, r, a, step, http.StatusUnprocessableEntity, view{Errors: errs}, &typed)
		return
	}
	if err != nil {
		s.draftFailed(w, r, a, key, err)
		return
	}
	if step == desk.StepTitle && r.PostFormValue("js") == "" && r.PostFormValue("seen") == "" {
		faqs, err := s.desk.SuggestFAQs(r.Context(), a.User, in.Title)
		if err != nil {
			s.fail(w, r, a, err)
			return
		}
		if len(faqs) > 0 {
			s.showStep(w, r, a, step, http.StatusOK, view{Data: faqs}, nil)
			return
		}
	}
	if step == desk.StepConfirm {
		s.wizardSubmit(w, r, a, key)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/new/%s/%d", key, step+1), http.StatusSeeOther)
}

// draftFailed answers a draft that could not be saved: one already filed
// shows its ticket (a second tab, a double click), anything else an error.
func (s *Server) draftFailed(w http.ResponseWriter, r *http.Request, a *actor, key string, err error) {
	if errors.Is(err, model.ErrConflict) {
		http.Redirect(w, r, "/new/"+key+"/done", http.StatusSeeOther)
		return
	}
	s.fail(w, r, a, err)
}

// mergeTyped puts a step's typed values over the saved draft.
func mergeTyped(f, in desk.NewTicket, step int) desk.NewTicket {
	switch step {
	case desk.StepTitle:
		f.Title = in.Title
	case desk.StepClassify:
		f.Module, f.Type, f.Urgency = in.Module, in.Type, in.Urgency
	case desk.StepDescribe:
		f.Description, f.Version = in.Description, in.Version
	case desk.StepConfirm:
		f.CC, f.Contacts = in.CC, in.Contacts
	}
	return f
}

// pickedContacts reads the contacts checked on step 5.
func pickedContacts(r *http.Request) []int64 {
	var ids []int64
	for _, v := range r.PostForm["contact"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// wizardUpload adds files (button "Adjuntar") or moves on ("Siguiente"),
// uploading any files chosen first; a refused file keeps the step.
func (s *Server) wizardUpload(w http.ResponseWriter, r *http.Request, a *actor, key string) {
	files, err := formFiles(r, "files")
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	if len(files) > 0 {
		err = s.desk.AddDraftFiles(r.Context(), a.User, key, files)
		if errs, ok := fieldErrors(a, err); ok {
			s.showStep(w, r, a, desk.StepAttach, http.StatusUnprocessableEntity, view{Errors: errs}, nil)
			return
		}
		if err != nil {
			s.fail(w, r, a, err)
			return
		}
	}
	if r.PostFormValue("upload") != "" {
		http.Redirect(w, r, fmt.Sprintf("/new/%s/4?ok=uploaded", key), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/new/%s/5", key), http.StatusSeeOther)
}

func (s *Server) wizardSubmit(w http.ResponseWriter, r *http.Request, a *actor, key string) {
	_, err := s.desk.SubmitDraft(r.Context(), a.User, key)
	if errs, ok := fieldErrors(a, err); ok {
		// A field left empty in an earlier step: show the summary with
		// what is missing.
		s.showStep(w, r, a, desk.StepConfirm, http.StatusUnprocessableEntity, view{Errors: errs}, nil)
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/new/"+key+"/done", http.StatusSeeOther)
}

func (s *Server) wizardDone(w http.ResponseWriter, r *http.Request, a *actor) {
	dr, err := s.desk.Draft(r.Context(), a.User, r.PathValue("key"))
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	if dr.TicketNumber == 0 {
		http.Redirect(w, r, "/new/"+dr.Key+"/5", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "wizard_done", view{actor: a, Title: "wizard.done_title", Nav: "new", Data: dr})
}

func (s *Server) wizardDeleteFile(w http.ResponseWriter, r *http.Request, a *actor) {
	key := r.PathValue("key")
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.desk.RemoveDraftFile(r.Context(), a.User, key, id); err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/new/"+key+"/4", http.StatusSeeOther)
}

func (s *Server) wizardFile(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	att, data, err := s.desk.DraftFile(r.Context(), a.User, id)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	serveFile(w, att, data)
}

// wizardResolved ends the wizard because a FAQ answered the question.
func (s *Server) wizardResolved(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PostFormValue("faq"), 10, 64)
	if err := s.desk.ResolveDraftByFAQ(r.Context(), a.User, r.PathValue("key"), id, r.PostFormValue("title")); err != nil {
		s.fail(w, r, a, err)
		return
	}
	// Post/redirect/get: a reload shows the page again, not a resubmission.
	http.Redirect(w, r, fmt.Sprintf("/new/resolved/%d", id), http.StatusSeeOther)
}

// wizardResolvedPage thanks the user after a FAQ solved their problem.
func (s *Server) wizardResolvedPage(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	f, err := s.desk.FAQ(r.Context(), a.User, id)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, http.StatusOK, "wizard_resolved", view{actor: a, Title: "wizard.resolved_title", Nav: "new", Data: f})
}
