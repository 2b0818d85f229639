package model

import "time"

// Webhook events, one per timeline kind; "ticket.note" (internal notes)
// goes only to endpoints that ask for internal events.
const (
	HookCreated  = "ticket.created"
	HookMessage  = "ticket.message"
	HookNote     = "ticket.note"
	HookStatus   = "ticket.status"
	HookAssign   = "ticket.assigned"
	HookPriority = "ticket.priority"
	HookModule   = "ticket.module"
	HookPing     = "ping"
)

// HookEvents lists the events an endpoint may subscribe to.
func HookEvents() []string {
	return []string{HookCreated, HookMessage, HookNote, HookStatus, HookAssign, HookPriority, HookModule}
}

// HookEvent names the webhook event of a timeline kind.
func HookEvent(k EventKind) string {
	switch k {
	case EventCreated:
		return HookCreated
	case EventMessage:
		return HookMessage
	case EventNote:
		return HookNote
	case EventStatus:
		return HookStatus
	case EventAssign:
		return HookAssign
	case EventPriority:
		return HookPriority
	case EventModule:
		return HookModule
	}
	return ""
}

// Webhook is an endpoint an admin registered to hear about ticket events.
type Webhook struct {
	ID              int64
	URL             string
	Events          []string
	Secret          string
	IncludeInternal bool // internal notes are delivered only when set
	Active          bool
	CreatedAt       time.Time
	// The last delivery attempted, for the console.
	Last Delivery
}

// Wants reports whether the endpoint takes an event.
func (w Webhook) Wants(event string) bool {
	if !w.Active {
		return false
	}
	if event == HookNote && !w.IncludeInternal {
		return false
	}
	return OneOf(event, w.Events)
}

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// Delivery is one event sent to one endpoint, with its last attempt.
type Delivery struct {
	ID             int64
	WebhookID      int64
	DeliveryID     string
	Event          string
	TicketNumber   int64
	Payload        string
	State          string
	Attempts       int
	ResponseStatus int
	ResponseBody   string
	LastError      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	DeliveredAt    time.Time
}
