package model

import (
	"errors"
	"time"
)

// ErrInvalidInvitation is a used, expired, revoked or unknown invitation
// link.
var ErrInvalidInvitation = errors.New("invalid invitation link")

// AuditEntry is one recorded change: who did what to whom, and when.
type AuditEntry struct {
	ID          int64
	ActorID     int64 // 0 when the actor was removed or was the shell
	ActorName   string
	CompanyID   int64 // 0 for vendor-wide changes
	CompanyName string
	TargetID    int64 // the person changed; 0 for none
	TargetName  string
	TargetEmail string
	Action      string // "person.invited", "company.created", …
	Details     string // what changed, as "field: old → new" lines
	CreatedAt   time.Time
}

// Invitation states of a person, for the lists of people.
const (
	InvitationNone    = ""        // the person has a password
	InvitationPending = "pending" // a link is out and still works
	InvitationExpired = "expired" // the link ran out unused
	InvitationRevoked = "revoked" // the link was revoked
)

// Person is a user with the state of their invitation.
type Person struct {
	User
	Invitation        string    // one of the Invitation states
	InvitationExpires time.Time // of the newest link
}
