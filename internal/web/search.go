package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// searchPage is a ticket search within a list page's filters: the words
// typed in q, newest first, keyset pages by "before=<id>". A refused query
// comes back as field errors (the page shows them beside what was typed).
func (s *Server) searchPage(r *http.Request, a *actor, f model.TicketFilter) (desk.TicketList, string, map[string]string, error) {
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	h, err := s.desk.SearchTickets(r.Context(), a.User, q.Get("q"), f, before)
	if errs, ok := fieldErrors(a, err); ok {
		return desk.TicketList{}, "", errs, nil
	}
	if err != nil {
		return desk.TicketList{}, "", nil, err
	}
	next := ""
	if h.Next != 0 {
		n := url.Values{}
		for k, v := range q {
			n[k] = v
		}
		n.Set("before", strconv.FormatInt(h.Next, 10))
		next = "?" + n.Encode()
	}
	return desk.TicketList{Tickets: h.Tickets, More: h.Next != 0}, next, nil, nil
}

// searching reports whether a list request carries search words.
func searching(r *http.Request) bool { return strings.TrimSpace(r.URL.Query().Get("q")) != "" }

// listStatus is 422 when the search words were refused, else 200.
func listStatus(errs map[string]string) int {
	if errs != nil {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}

// findWords is the Buscador's search by words over every ticket the user
// may see.
func (s *Server) findWords(w http.ResponseWriter, r *http.Request, a *actor) {
	l, next, errs, err := s.searchPage(r, a, model.TicketFilter{})
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, listStatus(errs), "find", view{actor: a, Title: "find.title", Errors: errs,
		Form: map[string]string{"q": r.URL.Query().Get("q")},
		Data: listData{List: l, Next: next, First: firstPage(r.URL.Query()), Query: r.URL.Query().Get("q")}})
}
