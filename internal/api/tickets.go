package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// maxIdempotencyKey bounds the Idempotency-Key header.
const maxIdempotencyKey = 200

type ticketIn struct {
	Title       string    `json:"title"`
	Module      string    `json:"module"`
	Type        string    `json:"type"`
	Urgency     string    `json:"urgency"`
	Description string    `json:"description"`
	Version     string    `json:"version"`
	CC          emailList `json:"cc"`
	// Contacts are ids of the caller's own contacts to copy; an id that is
	// not theirs is refused (422 on "contacts").
	Contacts []int64 `json:"contacts"`
}

// openTicket files a ticket for a customer. A repeated Idempotency-Key
// returns the ticket already filed (201 too: desk does not tell replays).
func (a *api) openTicket(w http.ResponseWriter, r *http.Request, u model.User) error {
	key := r.Header.Get("Idempotency-Key")
	if len(key) > maxIdempotencyKey {
		return badRequest("api.bad_idempotency", nil)
	}
	var in ticketIn
	var files []desk.Upload
	if isMultipart(r) {
		f, up, err := a.multipartFields(w, r, "title", "module", "type", "urgency", "description", "version", "cc", "contacts")
		if err != nil {
			return err
		}
		ids, err := idList(f["contacts"])
		if err != nil {
			return err
		}
		in = ticketIn{Title: f["title"], Module: f["module"], Type: f["type"], Urgency: f["urgency"],
			Description: f["description"], Version: f["version"], CC: emailList(f["cc"]), Contacts: ids}
		files = up
	} else if err := decode(w, r, &in); err != nil {
		return err
	}
	n := desk.NewTicket{Title: in.Title, Module: in.Module, Type: in.Type,
		Urgency: in.Urgency, Description: in.Description, Version: in.Version, CC: string(in.CC),
		Contacts: in.Contacts}
	var t model.Ticket
	var err error
	if len(files) > 0 {
		t, err = a.desk.OpenTicketWithFiles(r.Context(), u, n, key, files)
	} else {
		t, err = a.desk.OpenTicket(r.Context(), u, n, key)
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newTicketOut(t))
}

// listTickets pages through the tickets the caller may see, newest first.
func (a *api) listTickets(w http.ResponseWriter, r *http.Request, u model.User) error {
	q := r.URL.Query()
	f := model.TicketFilter{Limit: 25}
	switch s := q.Get("status"); {
	case s == "" || s == "open":
		f.OpenOnly = true
	case s == "all":
	case model.Status(s).Valid():
		f.Status = model.Status(s)
	default:
		return badRequest("api.bad_query", map[string]string{"status": "api.bad_status_filter"})
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return badRequest("api.bad_query", map[string]string{"limit": "api.bad_limit"})
		}
		f.Limit = n
	}
	if v := q.Get("before"); v != "" {
		c, ok := parseCursor(v)
		if !ok {
			return badRequest("api.bad_query", map[string]string{"before": "api.bad_cursor"})
		}
		f.BeforeCreated, f.BeforeID = c.created, c.id
	}
	if err := a.ticketFilters(r, u, &f); err != nil {
		return err
	}
	if strings.TrimSpace(q.Get("q")) != "" {
		return a.searchTickets(w, r, u, f)
	}
	l, err := a.desk.Tickets(r.Context(), u, f)
	if err != nil {
		return err
	}
	out := ticketList{Tickets: make([]ticketOut, 0, len(l.Tickets))}
	for _, t := range l.Tickets {
		out.Tickets = append(out.Tickets, newTicketOut(t))
	}
	if l.More && len(l.Tickets) > 0 {
		last := l.Tickets[len(l.Tickets)-1]
		out.Next = cursor{last.CreatedAt, last.ID}.String()
	}
	return writeJSON(w, http.StatusOK, out)
}

// searchTickets is the list with q: the tickets holding every word of q
// (the last also as a prefix), within the same filters, newest first. Staff
// match internal notes too, customers never. Its cursor is the list's.
func (a *api) searchTickets(w http.ResponseWriter, r *http.Request, u model.User, f model.TicketFilter) error {
	h, err := a.desk.SearchTickets(r.Context(), u, r.URL.Query().Get("q"), f, f.BeforeID)
	if err != nil {
		return err
	}
	out := ticketList{Tickets: make([]ticketOut, 0, len(h.Tickets))}
	for _, t := range h.Tickets {
		out.Tickets = append(out.Tickets, newTicketOut(t))
	}
	if h.Next != 0 {
		at := time.UnixMilli(0).UTC()
		if n := len(h.Tickets); n > 0 && h.Tickets[n-1].ID == h.Next {
			at = h.Tickets[n-1].CreatedAt
		}
		out.Next = cursor{at, h.Next}.String()
	}
	return writeJSON(w, http.StatusOK, out)
}

// ticket shows a ticket and its timeline; one the caller may not see is
// not found, like a number never issued.
func (a *api) ticket(w http.ResponseWriter, r *http.Request, u model.User) error {
	n, ok := desk.ParseNumber(r.PathValue("number"))
	if !ok {
		return model.ErrNotFound
	}
	return a.writeTicket(w, r, u, n, http.StatusOK)
}

func (a *api) writeTicket(w http.ResponseWriter, r *http.Request, u model.User, n int64, status int) error {
	v, err := a.desk.Ticket(r.Context(), u, n)
	if err != nil {
		return err
	}
	return writeJSON(w, status, newTicketView(v))
}

type messageIn struct {
	Body     string `json:"body"`
	Internal bool   `json:"internal"`
}

// addMessage appends a reply, or an internal note for staff, and answers
// the updated ticket with its timeline.
func (a *api) addMessage(w http.ResponseWriter, r *http.Request, u model.User) error {
	n, ok := desk.ParseNumber(r.PathValue("number"))
	if !ok {
		return model.ErrNotFound
	}
	var in messageIn
	var files []desk.Upload
	if isMultipart(r) {
		f, up, err := a.multipartFields(w, r, "body", "internal")
		if err != nil {
			return err
		}
		if in.Internal, err = boolField(f, "internal"); err != nil {
			return err
		}
		in.Body, files = f["body"], up
	} else if err := decode(w, r, &in); err != nil {
		return err
	}
	if _, err := a.desk.AddReply(r.Context(), u, n, desk.Reply{Body: in.Body, Internal: in.Internal, Files: files}); err != nil {
		return err
	}
	return a.writeTicket(w, r, u, n, http.StatusCreated)
}

type statusIn struct {
	Status string `json:"status"`
}

// changeStatus moves a ticket by the desk's lifecycle rules.
func (a *api) changeStatus(w http.ResponseWriter, r *http.Request, u model.User) error {
	n, ok := desk.ParseNumber(r.PathValue("number"))
	if !ok {
		return model.ErrNotFound
	}
	var in statusIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if _, err := a.desk.ChangeStatus(r.Context(), u, n, model.Status(in.Status)); err != nil {
		return err
	}
	return a.writeTicket(w, r, u, n, http.StatusOK)
}

// idList reads "3, 7" (contacts in a multipart form) as ids.
func idList(s string) ([]int64, error) {
	var out []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, badRequest("api.bad_fields", map[string]string{"contacts": "api.wrong_type"})
		}
		out = append(out, id)
	}
	return out, nil
}
