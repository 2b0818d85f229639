package web

import (
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/i18n"
	"helpdesk/internal/model"
)

// notificationRoutes are the bell's list and its "mark as read" forms.
func (s *Server) notificationRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /notifications", s.user(s.notifications))               // any user: their own
	mux.HandleFunc("POST /notifications/read", s.user(s.notificationsReadAll))  // any user: all their own
	mux.HandleFunc("POST /notifications/{id}/read", s.user(s.notificationRead)) // any user: their own, else nothing changes
}

// notificationsData is one page of the list.
type notificationsData struct {
	Page   desk.NotificationPage
	Next   string // query of the older page, "" if none
	First  bool   // this is the newest page
	Before int64  // this page's cursor
}

// notificationText is what a notification says, in the reader's words.
func notificationText(l i18n.Localizer, n model.Notification) string {
	status := l.T("status." + n.Value)
	switch n.Kind {
	case model.NotifyStatus:
		if n.Actor == "" {
			return l.T("notifications.system_status", status)
		}
		return l.T("notifications.status", n.Actor, status)
	case model.NotifyCreated, model.NotifyReply, model.NotifyCustomerReply, model.NotifyNote, model.NotifyAssigned:
		return l.T("notifications."+n.Kind, n.Actor)
	}
	return ""
}

func (s *Server) notifications(w http.ResponseWriter, r *http.Request, a *actor) {
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	p, err := s.desk.Notifications(r.Context(), a.User, false, before, 25)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	d := notificationsData{Page: p, First: before <= 0, Before: before}
	if p.More {
		d.Next = "?before=" + strconv.FormatInt(p.Notifications[len(p.Notifications)-1].ID, 10)
	}
	s.render(w, r, http.StatusOK, "notifications", view{actor: a, Title: "notifications.title", Nav: "notifications",
		Flash: flashFor(a, r.URL.Query().Get("ok")), Data: d})
}

func (s *Server) notificationRead(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if _, err := s.desk.MarkRead(r.Context(), a.User, []int64{id}); err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/notifications"+backQuery(r.PostFormValue("before")), http.StatusSeeOther)
}

func (s *Server) notificationsReadAll(w http.ResponseWriter, r *http.Request, a *actor) {
	if _, err := s.desk.MarkAllRead(r.Context(), a.User); err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/notifications?ok=notifications_read", http.StatusSeeOther)
}

// backQuery keeps the page the reader was on.
func backQuery(before string) string {
	if n, err := strconv.ParseInt(before, 10, 64); err == nil && n > 0 {
		return "?before=" + strconv.FormatInt(n, 10)
	}
	return ""
}
