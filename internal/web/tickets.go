package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// listData is a page of tickets with its filters.
type listData struct {
	List     desk.TicketList
	Next     string // query string of the next page, "" if none
	First    string // query string of the first page, "" when on it
	Statuses []model.Status
	Modules  []model.Module
	Status   string
	ModuleID int64
	Query    string // search words, when the list is a search
	Extra    any
}

// readCursor parses "before=<ms>.<id>" into the filter.
func readCursor(q url.Values, f *model.TicketFilter) {
	ms, id, ok := strings.Cut(q.Get("before"), ".")
	if !ok {
		return
	}
	m, err1 := strconv.ParseInt(ms, 10, 64)
	i, err2 := strconv.ParseInt(id, 10, 64)
	if err1 == nil && err2 == nil {
		f.BeforeCreated, f.BeforeID = time.UnixMilli(m).UTC(), i
	}
}

// firstPage is the query of the first page with the same filters, or ""
// when q is the first page already.
func firstPage(q url.Values) string {
	if q.Get("before") == "" {
		return ""
	}
	n := url.Values{}
	for k, v := range q {
		if k != "before" {
			n[k] = v
		}
	}
	return "?" + n.Encode()
}

// nextPage is the query of the page after l, keeping the filters.
func nextPage(q url.Values, l desk.TicketList) string {
	if !l.More || len(l.Tickets) == 0 {
		return ""
	}
	last := l.Tickets[len(l.Tickets)-1]
	n := url.Values{}
	for k, v := range q {
		n[k] = v
	}
	n.Set("before", fmt.Sprintf("%d.%d", last.CreatedAt.UnixMilli(), last.ID))
	return "?" + n.Encode()
}

func (s *Server) openTickets(w http.ResponseWriter, r *http.Request, a *actor) {
	f := model.TicketFilter{OpenOnly: true}
	d := listData{First: firstPage(r.URL.Query()), Query: r.URL.Query().Get("q")}
	var errs map[string]string
	var err error
	if searching(r) {
		d.List, d.Next, errs, err = s.searchPage(r, a, f)
	} else {
		readCursor(r.URL.Query(), &f)
		d.List, err = s.desk.Tickets(r.Context(), a.User, f)
		d.Next = nextPage(r.URL.Query(), d.List)
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, listStatus(errs), "tickets", view{actor: a, Title: "nav.open", Nav: "open", Errors: errs,
		Form: map[string]string{"q": d.Query}, Data: d})
}

func (s *Server) history(w http.ResponseWriter, r *http.Request, a *actor) {
	q := r.URL.Query()
	f := model.TicketFilter{Status: model.Status(q.Get("status"))}
	if !f.Status.Valid() {
		f.Status = ""
	}
	f.ModuleID, _ = strconv.ParseInt(q.Get("module"), 10, 64)
	var l desk.TicketList
	var next string
	var errs map[string]string
	var err error
	if searching(r) {
		l, next, errs, err = s.searchPage(r, a, f)
	} else {
		readCursor(q, &f)
		l, err = s.desk.Tickets(r.Context(), a.User, f)
		next = nextPage(q, l)
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	mods, err := s.desk.Modules(r.Context())
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, listStatus(errs), "history", view{actor: a, Title: "nav.history", Nav: "history", Errors: errs,
		Form: map[string]string{"q": q.Get("q")},
		Data: listData{List: l, Next: next, First: firstPage(q), Statuses: model.Statuses(), Modules: mods,
			Status: string(f.Status), ModuleID: f.ModuleID, Query: q.Get("q")}})
}

// findTicket is the Buscador: "1042" or "#1042". A ticket the user may not
// see answers exactly like one that does not exist.
func (s *Server) findTicket(w http.ResponseWriter, r *http.Request, a *actor) {
	if !r.URL.Query().Has("number") && r.URL.Query().Has("q") {
		s.findWords(w, r, a)
		return
	}
	raw := r.URL.Query().Get("number")
	n, ok := desk.ParseNumber(raw)
	if ok {
		if _, err := s.desk.Ticket(r.Context(), a.User, n); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/tickets/%d", n), http.StatusSeeOther)
			return
		}
	}
	msg := a.L.T("find.not_found", raw)
	if strings.TrimSpace(raw) == "" {
		msg = a.L.T("find.empty")
	}
	s.render(w, r, http.StatusNotFound, "find", view{actor: a, Title: "find.title",
		Form: map[string]string{"number": raw}, Alert: msg})
}

// ticketData is the ticket page: the ticket, its timeline and, for staff,
// the choices of the side panel.
type ticketData struct {
	desk.TicketView
	Staff    []model.User
	Modules  []model.Module
	Statuses []model.Status
	Levels   []string
	CanClose bool
	MaxFiles int
	MaxMB    int64
}

func (s *Server) ticketPage(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showTicket(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))})
}

// showTicket renders the ticket page, with errors and typed values when
// a form on it failed.
func (s *Server) showTicket(w http.ResponseWriter, r *http.Request, a *actor, status int, v view) {
	n, ok := desk.ParseNumber(r.PathValue("number"))
	if !ok {
		s.errorPage(w, r, a, http.StatusNotFound, "error.page_not_found")
		return
	}
	tv, err := s.desk.Ticket(r.Context(), a.User, n)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	// Opening a ticket reads its notifications.
	if _, err := s.desk.MarkTicketRead(r.Context(), a.User, tv.Ticket.ID); err != nil {
		s.log.Warn("mark notifications read", "err", err)
	}
	d := ticketData{TicketView: tv, Statuses: model.Statuses(), Levels: model.Levels(),
		CanClose: tv.Ticket.Status != model.StatusClosed && model.CustomerMayClose(a.User, tv.Ticket), MaxFiles: s.desk.MaxFiles(), MaxMB: s.desk.MaxFileBytes() >> 20}
	if a.User.Role.Staff() {
		if d.Staff, err = s.desk.Staff(r.Context(), a.User); err == nil {
			d.Modules, err = s.desk.Modules(r.Context())
		}
		if err != nil {
			s.fail(w, r, a, err)
			return
		}
	}
	v.actor, v.Data, v.Title = a, d, ""
	v.Heading = "#" + strconv.FormatInt(tv.Ticket.Number, 10) + " " + tv.Ticket.Title
	v.Nav = "open"
	if a.User.Role.Staff() {
		v.Nav = "console"
	}
	s.render(w, r, status, "ticket", v)
}

// flashFor translates a whitelisted confirmation key from a redirect.
func flashFor(a *actor, key string) string {
	if key == "" || !a.L.Has("flash."+key) {
		return ""
	}
	return a.L.T("flash." + key)
}

func (s *Server) ticketReply(w http.ResponseWriter, r *http.Request, a *actor) {
	n, _ := desk.ParseNumber(r.PathValue("number"))
	files, err := formFiles(r, "files")
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	internal := r.PostFormValue("internal") == "1" && a.User.Role.Staff()
	_, err = s.desk.AddReply(r.Context(), a.User, n, desk.Reply{Body: r.PostFormValue("body"), Internal: internal, Files: files})
	if errs, ok := fieldErrors(a, err); ok {
		s.showTicket(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs,
			Form: map[string]string{"body": r.PostFormValue("body"), "internal": r.PostFormValue("internal")}})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	key := "reply"
	if internal {
		key = "note"
	}
	http.Redirect(w, r, fmt.Sprintf("/tickets/%d?ok=%s#end", n, key), http.StatusSeeOther)
}

// ticketStatus serves "Confirmar solución", "Cerrar tiquete" and the
// staff's status select alike; desk enforces who may do what.
func (s *Server) ticketStatus(w http.ResponseWriter, r *http.Request, a *actor) {
	n, _ := desk.ParseNumber(r.PathValue("number"))
	_, err := s.desk.ChangeStatus(r.Context(), a.User, n, model.Status(r.PostFormValue("status")))
	s.afterChange(w, r, a, n, err, "status")
}

// afterChange redirects back to the ticket or shows the error on it.
func (s *Server) afterChange(w http.ResponseWriter, r *http.Request, a *actor, n int64, err error, flash string) {
	if errs, ok := fieldErrors(a, err); ok {
		s.showTicket(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/tickets/%d?ok=%s", n, flash), http.StatusSeeOther)
}

func (s *Server) ticketAssign(w http.ResponseWriter, r *http.Request, a *actor) {
	n, _ := desk.ParseNumber(r.PathValue("number"))
	id, _ := strconv.ParseInt(r.PostFormValue("assignee"), 10, 64)
	// "Asignármelo" sits in the same form as the agent list, so the
	// browser sends both: the button wins.
	if r.PostFormValue("assign_me") != "" || r.PostFormValue("assignee") == "me" {
		id = a.User.ID
	}
	_, err := s.desk.Assign(r.Context(), a.User, n, id)
	s.afterChange(w, r, a, n, err, "assigned")
}

func (s *Server) ticketPriority(w http.ResponseWriter, r *http.Request, a *actor) {
	n, _ := desk.ParseNumber(r.PathValue("number"))
	_, err := s.desk.SetPriority(r.Context(), a.User, n, r.PostFormValue("priority"))
	s.afterChange(w, r, a, n, err, "priority")
}

func (s *Server) ticketModule(w http.ResponseWriter, r *http.Request, a *actor) {
	n, _ := desk.ParseNumber(r.PathValue("number"))
	id, _ := strconv.ParseInt(r.PostFormValue("module"), 10, 64)
	_, err := s.desk.SetModule(r.Context(), a.User, n, id)
	s.afterChange(w, r, a, n, err, "module")
}
