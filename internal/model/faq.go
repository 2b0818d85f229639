package model

import "time"

// FAQ is a knowledge-base article: Situación, Causa, Solución.
type FAQ struct {
	ID             int64
	ModuleID       int64
	Module         string
	Title          string
	Situation      string
	Cause          string
	Solution       string
	Published      bool
	SourceTicketID int64
	UpdatedAt      time.Time
}

// FAQ usage events, counted for the deflection rate.
const (
	FAQShown    = "shown"
	FAQOpened   = "opened"
	FAQResolved = "resolved"
)
