// Package model holds the help desk's types, status rules and sentinel
// errors. It imports nothing from the project: every layer may use it.
package model

import "time"

// Role says what a user may do; see DESIGN.md.
type Role string

const (
	RoleInformer     Role = "informer"
	RoleCompanyAdmin Role = "company_admin"
	RoleAgent        Role = "agent"
	RoleAdmin        Role = "admin"
)

// Staff reports whether the role belongs to the vendor.
func (r Role) Staff() bool { return r == RoleAgent || r == RoleAdmin }

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleInformer, RoleCompanyAdmin, RoleAgent, RoleAdmin:
		return true
	}
	return false
}

// User is a person who can log in.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	CompanyID    int64 // 0 for vendor staff
	CompanyName  string
	ShareTickets bool // the company lets informers see every company ticket
	Active       bool
	Language     string
	TimeZone     string
	PasswordHash string
	CreatedAt    time.Time
	Phone        string
	Position     string
	// EmailNotifications is the person's choice to get ticket e-mails;
	// account e-mails (invitation, password reset) go out regardless.
	EmailNotifications bool
	LastLoginAt        time.Time // zero when never
}

// Company is a customer of the vendor.
type Company struct {
	ID           int64
	Name         string
	NIT          string
	ShareTickets bool
	Active       bool
	SeatLimit    int // active people the company may have; 0 for no limit
}

// Module is a configurable product area (Contabilidad, Nómina, …).
type Module struct {
	ID       int64
	Name     string
	Position int
}

// Settings are the vendor's configurable texts.
type Settings struct {
	VendorName  string
	VendorPhone string
	ScopeNotice string
	// ScopeNoticeEN is the notice for readers in English; the Spanish one
	// is shown when it is empty.
	ScopeNoticeEN string
}

// ScopeNoticeIn returns the scope notice in a language ("es" or "en").
func (s Settings) ScopeNoticeIn(lang string) string {
	if lang == "en" && s.ScopeNoticeEN != "" {
		return s.ScopeNoticeEN
	}
	return s.ScopeNotice
}

// Job is background work kept in the database until it is done.
type Job struct {
	ID          int64
	Kind        string
	Payload     string // JSON, read by the kind's handler
	DedupeKey   string // when set, a second job with the same key is not added
	RunAt       time.Time
	Attempts    int // claims so far, this one included
	MaxAttempts int
	LeaseToken  string
	LastError   string
	DoneAt      time.Time
	FailedAt    time.Time
	CreatedAt   time.Time
}
