package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"helpdesk/internal/model"
)

// body is what an endpoint receives: the delivery id (the same on every
// retry; receivers deduplicate on it), the event, the ticket as it was
// right after the event, and the change itself.
type body struct {
	ID        string     `json:"id"`
	Event     string     `json:"event"`
	CreatedAt string     `json:"created_at"`
	Ticket    *ticketOut `json:"ticket,omitempty"`
	Change    *changeOut `json:"change,omitempty"`
}

type person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type ticketOut struct {
	Number      int64   `json:"number"`
	Title       string  `json:"title"`
	Module      string  `json:"module"`
	Type        string  `json:"type"`
	Urgency     string  `json:"urgency"`
	Priority    *string `json:"priority"`
	Status      string  `json:"status"`
	Company     string  `json:"company"`
	Reporter    person  `json:"reporter"`
	Assignee    *string `json:"assignee"`
	Version     string  `json:"version"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
	Description string  `json:"description"`
}

type changeOut struct {
	EventID  int64  `json:"event_id"`
	Kind     string `json:"kind"`
	Author   person `json:"author"`
	Staff    bool   `json:"staff"`
	Body     string `json:"body"`
	OldValue string `json:"old_value"`
	NewValue string `json:"new_value"`
}

// Body encodes the JSON delivered for a ticket event.
func Body(deliveryID string, t model.Ticket, e model.Event, author model.User) ([]byte, error) {
	return json.Marshal(body{ID: deliveryID, Event: model.HookEvent(e.Kind), CreatedAt: stamp(e.CreatedAt),
		Ticket: &ticketOut{Number: t.Number, Title: t.Title, Module: t.Module, Type: t.Type, Urgency: t.Urgency,
			Priority: orNull(t.Priority), Status: string(t.Status), Company: t.Company,
			Reporter: person{t.Reporter, t.ReporterEmail}, Assignee: orNull(t.Assignee), Version: t.Version,
			CreatedAt: stamp(t.CreatedAt), UpdatedAt: stamp(t.UpdatedAt), Description: t.Description},
		Change: &changeOut{EventID: e.ID, Kind: string(e.Kind), Author: person{author.Name, author.Email},
			Staff: author.Role.Staff(), Body: e.Body, OldValue: e.OldValue, NewValue: e.NewValue}})
}

// PingBody encodes the test delivery an admin sends from the console.
func PingBody(deliveryID string, at time.Time) ([]byte, error) {
	return json.Marshal(body{ID: deliveryID, Event: model.HookPing, CreatedAt: stamp(at)})
}

// Sign is the X-Helpdesk-Signature of a body: "sha256=" and the hex
// HMAC-SHA256 of the exact bytes with the endpoint's secret.
func Sign(secret string, b []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(b)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a signature in constant time (what a receiver does).
func Verify(secret string, b []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, b)), []byte(signature))
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
