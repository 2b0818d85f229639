package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// queueData is the staff queue with its filters and counts.
type queueData struct {
	listData
	Tabs      []queueTab
	Counts    map[model.Status]int
	Total     int
	Companies []model.Company
	CompanyID int64
	// ManyCompanies: too many to list, the filter takes a NIT instead.
	ManyCompanies bool
	Assigned      string
	Cap           int // counts above it show as "Cap+"
}

// queue lists tickets for staff: filters by status (default: open),
// module, company, assigned to me, unassigned.
func (s *Server) queue(w http.ResponseWriter, r *http.Request, a *actor) {
	q := r.URL.Query()
	f := model.TicketFilter{Status: model.Status(q.Get("status"))}
	switch {
	case q.Get("status") == "" || q.Get("status") == "open":
		f.Status, f.OpenOnly = "", true
	case q.Get("status") == "all" || !f.Status.Valid():
		f.Status = ""
	}
	f.ModuleID, _ = strconv.ParseInt(q.Get("module"), 10, 64)
	f.CompanyID, _ = strconv.ParseInt(q.Get("company"), 10, 64)
	ctx := r.Context()
	form := map[string]string{"q": q.Get("q"), "company_nit": q.Get("company_nit")}
	var errs map[string]string
	if nit := strings.TrimSpace(q.Get("company_nit")); nit != "" {
		if c, key := s.companyByNIT(r, nit); key != "" {
			errs = map[string]string{"company_nit": a.L.T(key)}
		} else {
			f.CompanyID = c.ID
		}
	}
	switch q.Get("assigned") {
	case "me":
		f.AssigneeID = a.User.ID
	case "none":
		f.Unassigned = true
	}
	var l desk.TicketList
	var next string
	var err error
	switch {
	case errs != nil: // a NIT that names no company: no list, the message
	case searching(r):
		l, next, errs, err = s.searchPage(r, a, f)
	default:
		readCursor(q, &f)
		l, err = s.desk.Tickets(ctx, a.User, f)
		next = nextPage(q, l)
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	d := queueData{listData: listData{List: l, Next: next, First: firstPage(q), Statuses: model.Statuses(), ModuleID: f.ModuleID,
		Status: q.Get("status"), Query: q.Get("q")}, CompanyID: f.CompanyID, Assigned: q.Get("assigned"), Cap: desk.CountCap}
	if d.Status == "" {
		d.Status = "open"
	}
	if d.Counts, err = s.desk.QueueCounts(ctx, a.User, f); err == nil {
		if d.Modules, err = s.desk.Modules(ctx); err == nil {
			d.Companies, d.ManyCompanies, err = s.desk.QueueCompanies(ctx, a.User)
		}
	}
	if err == nil && d.ManyCompanies && f.CompanyID != 0 && form["company_nit"] == "" {
		// Reached by a link with the company's id: its NIT in the field.
		var c model.Company
		if c, err = s.desk.QueueCompany(ctx, a.User, f.CompanyID); err == nil {
			form["company_nit"] = c.NIT
		} else if errors.Is(err, model.ErrNotFound) {
			err = nil
		}
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	for st, n := range d.Counts {
		if st != model.StatusClosed {
			d.Total += min(n, desk.CountCap+1)
		}
	}
	d.Total = min(d.Total, desk.CountCap+1)
	d.Tabs = queueTabs(q, d.Status, d.Counts, d.Total)
	s.render(w, r, listStatus(errs), "queue", view{actor: a, Title: "nav.console", Nav: "console", Errors: errs,
		Form: form, Data: d})
}

// queueTab is one status tab of the queue; Count is -1 when not shown.
type queueTab struct {
	Href, Label string
	Count       int
	Current     bool
}

// queueTabs links every status with the other filters kept.
func queueTabs(q url.Values, current string, counts map[model.Status]int, open int) []queueTab {
	keep := url.Values{}
	for _, k := range []string{"module", "company", "assigned", "q"} {
		if v := q.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	href := func(status string) string {
		v := url.Values{"status": {status}}
		for k, vs := range keep {
			v[k] = vs
		}
		return "/console?" + v.Encode()
	}
	tabs := []queueTab{{Href: href("open"), Label: "queue.open", Count: open, Current: current == "open"}}
	for _, st := range model.Statuses() {
		tabs = append(tabs, queueTab{Href: href(string(st)), Label: "status." + string(st), Count: counts[st],
			Current: current == string(st)})
	}
	return append(tabs, queueTab{Href: href("all"), Label: "queue.all", Count: -1, Current: current == "all"})
}

// companyByNIT finds the company a NIT typed in the queue's filter names,
// or the catalog key of what is wrong with it.
func (s *Server) companyByNIT(r *http.Request, typed string) (model.Company, string) {
	nit, key := desk.NormalizeNIT(typed)
	if key != "" {
		return model.Company{}, key
	}
	c, err := s.desk.CompanyByNIT(r.Context(), nit)
	if err != nil {
		return c, "error.company_unknown"
	}
	return c, ""
}
