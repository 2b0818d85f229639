package api

import (
	"net/http"
	"strconv"

	"helpdesk/internal/model"
)

// notificationRoutes are the caller's own bell.
func (a *api) notificationRoutes() {
	a.signedIn("GET /api/v1/notifications", a.listNotifications)       // any user: their own notifications
	a.signedIn("POST /api/v1/notifications/read", a.readNotifications) // any user: their own; other ids are ignored
}

type notificationOut struct {
	ID          int64   `json:"id"`
	Ticket      int64   `json:"ticket"`
	TicketTitle string  `json:"ticket_title"`
	Kind        string  `json:"kind"`
	Status      *string `json:"status"`
	Actor       *string `json:"actor"`
	CreatedAt   stamp   `json:"created_at"`
	ReadAt      stamp   `json:"read_at"`
}

type notificationList struct {
	Unread        int               `json:"unread"`
	Notifications []notificationOut `json:"notifications"`
	Next          string            `json:"next,omitempty"`
}

type readIn struct {
	IDs []int64 `json:"ids"`
	All bool    `json:"all"`
}

type readOut struct {
	Marked int64 `json:"marked"`
	Unread int   `json:"unread"`
}

func newNotificationOut(n model.Notification) notificationOut {
	o := notificationOut{ID: n.ID, Ticket: n.TicketNumber, TicketTitle: n.TicketTitle, Kind: n.Kind,
		CreatedAt: stamp(n.CreatedAt), ReadAt: stamp(n.ReadAt)}
	if n.Kind == model.NotifyStatus {
		o.Status = &n.Value
	}
	if n.Actor != "" {
		o.Actor = &n.Actor
	}
	return o
}

// listNotifications lists the caller's notifications, newest first, with
// the unread count; ?unread=1 lists only the unread ones.
func (a *api) listNotifications(w http.ResponseWriter, r *http.Request, u model.User) error {
	q := r.URL.Query()
	unread := false
	switch q.Get("unread") {
	case "", "0", "false":
	case "1", "true":
		unread = true
	default:
		return badRequest("api.bad_query", map[string]string{"unread": "api.wrong_type"})
	}
	limit := 25
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return badRequest("api.bad_query", map[string]string{"limit": "api.bad_limit"})
		}
		limit = n
	}
	var before int64
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return badRequest("api.bad_query", map[string]string{"before": "api.bad_cursor"})
		}
		before = n
	}
	p, err := a.desk.Notifications(r.Context(), u, unread, before, limit)
	if err != nil {
		return err
	}
	out := notificationList{Unread: p.Unread, Notifications: make([]notificationOut, 0, len(p.Notifications))}
	for _, n := range p.Notifications {
		out.Notifications = append(out.Notifications, newNotificationOut(n))
	}
	if p.More {
		out.Next = strconv.FormatInt(p.Notifications[len(p.Notifications)-1].ID, 10)
	}
	return writeJSON(w, http.StatusOK, out)
}

// readNotifications marks the caller's notifications read: {"ids": [...]}
// or {"all": true}. Ids of other people's notifications change nothing.
func (a *api) readNotifications(w http.ResponseWriter, r *http.Request, u model.User) error {
	var in readIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if !in.All && len(in.IDs) == 0 {
		return badRequest("api.bad_fields", map[string]string{"ids": "api.ids_or_all"})
	}
	var n int64
	var err error
	if in.All {
		n, err = a.desk.MarkAllRead(r.Context(), u)
	} else {
		n, err = a.desk.MarkRead(r.Context(), u, in.IDs)
	}
	if err != nil {
		return err
	}
	unread, err := a.desk.UnreadCount(r.Context(), u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, readOut{Marked: n, Unread: unread})
}
