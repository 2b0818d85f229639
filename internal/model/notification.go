package model

import "time"

// RoleSystem is the role of the one account that authors what the help
// desk does by itself (closing a resolved ticket after the configured
// days). It cannot log in and is no one's colleague.
const RoleSystem Role = "system"

// SystemEmail identifies the system account.
const SystemEmail = "system@helpdesk.invalid"

// Kinds of notification: what happened on the ticket, as its reader
// cares about it.
const (
	NotifyCreated       = "created"        // a ticket was filed
	NotifyReply         = "reply"          // a public reply
	NotifyCustomerReply = "customer_reply" // the customer wrote on a ticket assigned to the reader
	NotifyNote          = "note"           // an internal note (staff only)
	NotifyStatus        = "status"         // the status changed
	NotifyAssigned      = "assigned"       // the ticket was given to the reader
)

// Notification is one entry of a person's bell.
type Notification struct {
	ID           int64
	UserID       int64
	TicketID     int64
	TicketNumber int64
	TicketTitle  string
	EventID      int64
	Kind         string
	Value        string // the new status of a status change
	Actor        string // who did it; empty for the system
	CreatedAt    time.Time
	ReadAt       time.Time // zero while unread
}

// Unread reports whether the notification has not been read.
func (n Notification) Unread() bool { return n.ReadAt.IsZero() }
