package model

import "time"

// Contact is an entry of a person's own address book: someone they may
// copy on a ticket. Only its owner sees it.
type Contact struct {
	ID        int64
	OwnerID   int64
	Name      string
	Email     string
	Phone     string
	Company   string
	Position  string
	Notes     string
	CreatedAt time.Time
	UpdatedAt time.Time
}
