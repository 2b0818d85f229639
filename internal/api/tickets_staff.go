package api

import (
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

type assignIn struct {
	// AssigneeID is an agent's id, or null (or 0) for nobody.
	AssigneeID *int64 `json:"assignee_id"`
}

// assignTicket gives a ticket to an agent or to nobody (staff).
func (a *api) assignTicket(w http.ResponseWriter, r *http.Request, u model.User) error {
	n, ok := desk.ParseNumber(r.PathValue("number"))
	if !ok {
		return model.ErrNotFound
	}
	var in assignIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var id int64
	if in.AssigneeID != nil {
		id = *in.AssigneeID
	}
	if _, err := a.desk.Assign(r.Context(), u, n, id); err != nil {
		return err
	}
	return a.writeTicket(w, r, u, n, http.StatusOK)
}

type priorityIn struct {
	Priority string `json:"priority"`
}

// priorityTicket sets the agent's priority (staff).
func (a *api) priorityTicket(w http.ResponseWriter, r *http.Request, u model.User) error {
	n, ok := desk.ParseNumber(r.PathValue("number"))
	if !ok {
		return model.ErrNotFound
	}
	var in priorityIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if _, err := a.desk.SetPriority(r.Context(), u, n, in.Priority); err != nil {
		return err
	}
	return a.writeTicket(w, r, u, n, http.StatusOK)
}

type moduleIn struct {
	Module string `json:"module"` // the module's name, as in a new ticket
}

// moduleTicket reclassifies a ticket (staff).
func (a *api) moduleTicket(w http.ResponseWriter, r *http.Request, u model.User) error {
	n, ok := desk.ParseNumber(r.PathValue("number"))
	if !ok {
		return model.ErrNotFound
	}
	var in moduleIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if !u.Role.Staff() {
		return model.ErrForbidden
	}
	m, err := a.desk.ModuleByName(r.Context(), in.Module)
	if err != nil {
		return model.Invalid("module", "error.choose")
	}
	if _, err := a.desk.SetModule(r.Context(), u, n, m.ID); err != nil {
		return err
	}
	return a.writeTicket(w, r, u, n, http.StatusOK)
}

type staffOut struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

type staffList struct {
	Staff []staffOut `json:"staff"`
}

// staffList lists the active agents and admins a ticket may be assigned to
// (staff).
func (a *api) staffList(w http.ResponseWriter, r *http.Request, u model.User) error {
	list, err := a.desk.Staff(r.Context(), u)
	if err != nil {
		return err
	}
	out := staffList{Staff: make([]staffOut, 0, len(list))}
	for _, s := range list {
		out.Staff = append(out.Staff, staffOut{s.ID, s.Name, s.Email, string(s.Role)})
	}
	return writeJSON(w, http.StatusOK, out)
}

// ticketFilters reads the list filters beyond status, limit and cursor:
// module (name), company_id, assignee ("me", "none" or an id). Scope is
// the desk's: a customer naming another company gets an empty list.
func (a *api) ticketFilters(r *http.Request, u model.User, f *model.TicketFilter) error {
	q := r.URL.Query()
	bad := map[string]string{}
	if v := q.Get("module"); v != "" {
		m, err := a.desk.ModuleByName(r.Context(), v)
		if err != nil {
			bad["module"] = "api.bad_module_filter"
		}
		f.ModuleID = m.ID
	}
	if v := q.Get("company_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			bad["company_id"] = "api.bad_id"
		}
		f.CompanyID = n
	}
	switch v := q.Get("assignee"); v {
	case "":
	case "me":
		f.AssigneeID = u.ID
	case "none":
		f.Unassigned = true
	default:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			bad["assignee"] = "api.bad_assignee_filter"
		}
		f.AssigneeID = n
	}
	if len(bad) > 0 {
		return badRequest("api.bad_query", bad)
	}
	return nil
}

// attachment downloads a ticket file the caller may see, as the portal
// does: always as a download, never rendered.
func (a *api) attachment(w http.ResponseWriter, r *http.Request, u model.User) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return model.ErrNotFound
	}
	att, data, err := a.desk.Attachment(r.Context(), u, id)
	if err != nil {
		return err
	}
	serveFile(w, att, data)
	return nil
}
