package model

import "time"

// Status of a ticket. "Abiertos" means every status but StatusClosed.
type Status string

const (
	StatusOpen       Status = "abierto"
	StatusInProgress Status = "en_proceso"
	StatusWaiting    Status = "esperando_cliente"
	StatusResolved   Status = "resuelto"
	StatusClosed     Status = "cerrado"
)

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{StatusOpen, StatusInProgress, StatusWaiting, StatusResolved, StatusClosed}
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, k := range Statuses() {
		if s == k {
			return true
		}
	}
	return false
}

// Types of ticket, as the customer classifies it.
func TicketTypes() []string {
	return []string{"Error", "Consulta", "Solicitud de desarrollo", "Capacitación"}
}

// Levels for urgency (customer) and priority (agent).
func Levels() []string { return []string{"Baja", "Media", "Alta", "Crítica"} }

// OneOf reports whether v is in list.
func OneOf(v string, list []string) bool {
	for _, k := range list {
		if v == k {
			return true
		}
	}
	return false
}

// Ticket is a customer's request.
type Ticket struct {
	ID              int64
	Number          int64
	Title           string
	ModuleID        int64
	Module          string
	Type            string
	Urgency         string
	Priority        string
	Description     string
	Version         string
	ReporterID      int64
	Reporter        string
	ReporterEmail   string
	CompanyID       int64
	Company         string
	AssigneeID      int64
	Assignee        string
	Status          Status
	CC              string // comma-separated e-mails copied on the ticket
	CreatedAt       time.Time
	UpdatedAt       time.Time
	FirstResponseAt time.Time
	ResolvedAt      time.Time
	ClosedAt        time.Time
}

// EventKind says what a timeline entry records.
type EventKind string

const (
	EventCreated  EventKind = "created"
	EventMessage  EventKind = "message"
	EventNote     EventKind = "note"
	EventStatus   EventKind = "status"
	EventAssign   EventKind = "assign"
	EventPriority EventKind = "priority"
	EventModule   EventKind = "module"
)

// Event is one append-only timeline entry.
type Event struct {
	ID           int64
	TicketID     int64
	AuthorID     int64
	Author       string
	AuthorStaff  bool
	AuthorSystem bool // done by the help desk itself (see RoleSystem)
	Kind         EventKind
	Body         string
	OldValue     string
	NewValue     string
	CreatedAt    time.Time
	Attachments  []Attachment
}

// Internal reports whether customers must never see the event.
func (e Event) Internal() bool { return e.Kind == EventNote }

// Attachment is a file on a ticket event or a wizard draft.
type Attachment struct {
	ID          int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
}

// TicketFilter narrows ticket lists; zero values mean "any".
type TicketFilter struct {
	Status     Status
	OpenOnly   bool // every status but cerrado
	ModuleID   int64
	CompanyID  int64
	AssigneeID int64
	Unassigned bool
	// Keyset cursor: tickets strictly older than (BeforeCreated, BeforeID).
	BeforeCreated time.Time
	BeforeID      int64
	Limit         int
}
