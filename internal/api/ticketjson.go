package api

import (
	"strings"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

type person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// ticketOut is a ticket as the API shows it.
type ticketOut struct {
	Number          int64    `json:"number"`
	Title           string   `json:"title"`
	Module          string   `json:"module"`
	Type            string   `json:"type"`
	Urgency         string   `json:"urgency"`
	Priority        *string  `json:"priority"`
	Description     string   `json:"description"`
	Version         string   `json:"version"`
	Status          string   `json:"status"`
	Company         string   `json:"company"`
	CompanyID       int64    `json:"company_id"`
	Reporter        person   `json:"reporter"`
	Assignee        *string  `json:"assignee"`
	CC              []string `json:"cc"`
	CreatedAt       stamp    `json:"created_at"`
	UpdatedAt       stamp    `json:"updated_at"`
	FirstResponseAt stamp    `json:"first_response_at"`
	ResolvedAt      stamp    `json:"resolved_at"`
	ClosedAt        stamp    `json:"closed_at"`
}

// ticketView is a ticket with the timeline its reader may see.
type ticketView struct {
	ticketOut
	Timeline []eventOut `json:"timeline"`
}

type eventOut struct {
	ID          int64           `json:"id"`
	Kind        string          `json:"kind"`
	Author      string          `json:"author"`
	Staff       bool            `json:"staff"`
	Body        string          `json:"body"`
	OldValue    string          `json:"old_value"`
	NewValue    string          `json:"new_value"`
	CreatedAt   stamp           `json:"created_at"`
	Attachments []attachmentOut `json:"attachments"`
}

type attachmentOut struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

type ticketList struct {
	Tickets []ticketOut `json:"tickets"`
	Next    string      `json:"next,omitempty"`
}

func newTicketOut(t model.Ticket) ticketOut {
	cc := []string{}
	for _, e := range strings.Split(t.CC, ",") {
		if e = strings.TrimSpace(e); e != "" {
			cc = append(cc, e)
		}
	}
	return ticketOut{Number: t.Number, Title: t.Title, Module: t.Module, Type: t.Type, Urgency: t.Urgency,
		Priority: orNull(t.Priority), Description: t.Description, Version: t.Version, Status: string(t.Status),
		Company: t.Company, CompanyID: t.CompanyID, Reporter: person{t.Reporter, t.ReporterEmail}, Assignee: orNull(t.Assignee), CC: cc,
		CreatedAt: stamp(t.CreatedAt), UpdatedAt: stamp(t.UpdatedAt), FirstResponseAt: stamp(t.FirstResponseAt),
		ResolvedAt: stamp(t.ResolvedAt), ClosedAt: stamp(t.ClosedAt)}
}

func newTicketView(v desk.TicketView) ticketView {
	out := ticketView{ticketOut: newTicketOut(v.Ticket), Timeline: make([]eventOut, 0, len(v.Timeline))}
	for _, e := range v.Timeline {
		atts := make([]attachmentOut, 0, len(e.Attachments))
		for _, at := range e.Attachments {
			atts = append(atts, attachmentOut{at.ID, at.Name, at.ContentType, at.Size})
		}
		out.Timeline = append(out.Timeline, eventOut{ID: e.ID, Kind: string(e.Kind), Author: e.Author,
			Staff: e.AuthorStaff, Body: e.Body, OldValue: e.OldValue, NewValue: e.NewValue,
			CreatedAt: stamp(e.CreatedAt), Attachments: atts})
	}
	return out
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
