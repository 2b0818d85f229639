package web

import (
	"net/http"
	"net/url"
	"strconv"

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
	Assigned  string
	Cap       int // counts above it show as "Cap+"
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
	switch q.Get("assigned") {
	case "me":
		f.AssigneeID = a.User.ID
	case "none":
		f.Unassigned = true
	}
	ctx := r.Context()
	var l desk.TicketList
	var next string
	var errs map[string]string
	var err error
	if searching(r) {
		l, next, errs, err = s.searchPage(r, a, f)
	} else {
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
			d.Companies, err = s.desk.Companies(ctx, a.User)
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
		Form: map[string]string{"q": d.Query}, Data: d})
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
