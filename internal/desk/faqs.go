package desk

import (
	"context"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/search"
	"helpdesk/internal/store"
)

// Suggestion limits.
const (
	MaxSuggestions = 5
	maxQueryRunes  = 200
)

// rerankPool is how many of the best hits are reordered by their titles
// (see search.Rerank) before the first ones are kept.
const rerankPool = 20

// SearchFAQs finds published FAQs for a query, best first.
func (d *Desk) SearchFAQs(ctx context.Context, query string, limit int) ([]model.FAQ, error) {
	if r := []rune(query); len(r) > maxQueryRunes {
		query = string(r[:maxQueryRunes])
	}
	src, err := d.st.FAQSource(ctx)
	if err != nil {
		return nil, err
	}
	hits, err := search.Search(ctx, src, query, max(limit, rerankPool))
	if err != nil || len(hits) == 0 {
		return nil, err
	}
	q := d.st.Read()
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.DocID
	}
	faqs, err := q.FAQsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]model.FAQ, len(faqs))
	for _, f := range faqs {
		byID[f.ID] = f
	}
	hits = search.Rerank(query, hits, func(id int64) string { return byID[id].Title })
	out := make([]model.FAQ, 0, limit)
	for _, h := range hits {
		if f, ok := byID[h.DocID]; ok && len(out) < limit {
			out = append(out, f)
		}
	}
	return out, nil
}

// SuggestFAQs is SearchFAQs for the wizard and the API: at most five, and
// each suggestion shown to a customer is counted for the deflection rate
// (staff trying the search are not).
func (d *Desk) SuggestFAQs(ctx context.Context, actor model.User, query string) ([]model.FAQ, error) {
	faqs, err := d.SearchFAQs(ctx, query, MaxSuggestions)
	if err != nil || len(faqs) == 0 || actor.Role.Staff() {
		return faqs, err
	}
	err = d.tx(ctx, func(q *store.Q) error {
		for _, f := range faqs {
			if err := q.AddFAQEvent(ctx, f.ID, actor.ID, model.FAQShown, query, d.clock()); err != nil {
				return err
			}
		}
		return nil
	})
	return faqs, err
}

// FAQs lists published FAQs; staff also see drafts.
func (d *Desk) FAQs(ctx context.Context, actor model.User) ([]model.FAQ, error) {
	return d.st.Read().FAQs(ctx, actor.Role.Staff())
}

// FAQ returns a FAQ; drafts exist only for staff.
func (d *Desk) FAQ(ctx context.Context, actor model.User, id int64) (model.FAQ, error) {
	return d.st.Read().FAQByID(ctx, id, actor.Role.Staff())
}

// OpenFAQ returns a published FAQ and counts the opening.
func (d *Desk) OpenFAQ(ctx context.Context, actor model.User, id int64, query string) (model.FAQ, error) {
	f, err := d.FAQ(ctx, actor, id)
	if err != nil {
		return f, err
	}
	err = d.tx(ctx, func(q *store.Q) error {
		return q.AddFAQEvent(ctx, f.ID, actor.ID, model.FAQOpened, truncate(query, maxQueryRunes), d.clock())
	})
	return f, err
}

// Deflection is how often suggestions answered a question.
type Deflection struct {
	Shown, Opened, Resolved int
}

// DeflectionStats counts FAQ events (staff only).
func (d *Desk) DeflectionStats(ctx context.Context, actor model.User) (Deflection, error) {
	if !actor.Role.Staff() {
		return Deflection{}, model.ErrForbidden
	}
	c, err := d.st.Read().FAQEventCounts(ctx, d.clock().AddDate(-1, 0, 0))
	return Deflection{Shown: c[model.FAQShown], Opened: c[model.FAQOpened], Resolved: c[model.FAQResolved]}, err
}

// Text limits of a FAQ, in runes.
const (
	MaxFAQTitle = 200
	MaxFAQPart  = 10000
)

func (d *Desk) validateFAQ(ctx context.Context, f *model.FAQ) error {
	v := &model.ValidationError{}
	f.Title = strings.TrimSpace(f.Title)
	f.Situation = strings.TrimSpace(f.Situation)
	f.Cause = strings.TrimSpace(f.Cause)
	f.Solution = strings.TrimSpace(f.Solution)
	checkLine(v, "title", f.Title, MaxFAQTitle, true)
	checkText(v, "situation", f.Situation, MaxFAQPart, true)
	checkText(v, "cause", f.Cause, MaxFAQPart, true)
	checkText(v, "solution", f.Solution, MaxFAQPart, true)
	mods, err := d.Modules(ctx)
	if err != nil {
		return err
	}
	found := false
	for _, m := range mods {
		found = found || m.ID == f.ModuleID
	}
	if !found {
		v.Add("module", "error.choose")
	}
	return v.Err()
}

// SaveFAQ creates (ID 0) or edits a FAQ; a published FAQ is re-indexed in
// the same transaction. Staff only.
func (d *Desk) SaveFAQ(ctx context.Context, actor model.User, f model.FAQ) (model.FAQ, error) {
	if !actor.Role.Staff() {
		return f, model.ErrForbidden
	}
	if err := d.validateFAQ(ctx, &f); err != nil {
		return f, err
	}
	err := d.tx(ctx, func(q *store.Q) error {
		now := d.clock()
		if f.ID == 0 {
			id, err := q.CreateFAQ(ctx, f, actor.ID, now)
			f.ID = id
			return err
		}
		old, err := q.FAQByID(ctx, f.ID, true)
		if err != nil {
			return err
		}
		if err := q.UpdateFAQ(ctx, f, now); err != nil {
			return err
		}
		if old.Published {
			return q.SetFAQPublished(ctx, f, true, now)
		}
		return nil
	})
	if err != nil {
		return f, err
	}
	return d.st.Read().FAQByID(ctx, f.ID, true)
}

// PublishFAQ publishes or unpublishes a FAQ, indexing it in the same
// transaction. Staff only.
func (d *Desk) PublishFAQ(ctx context.Context, actor model.User, id int64, published bool) error {
	if !actor.Role.Staff() {
		return model.ErrForbidden
	}
	return d.tx(ctx, func(q *store.Q) error {
		f, err := q.FAQByID(ctx, id, true)
		if err != nil {
			return err
		}
		return q.SetFAQPublished(ctx, f, published, d.clock())
	})
}

// FAQDraftFromTicket prefills a FAQ from a ticket: its title, description
// as the situation, and the staff's last public reply as the solution. The
// cause is left for the agent to write: internal notes are never copied,
// since a FAQ is one click away from every customer.
func (d *Desk) FAQDraftFromTicket(ctx context.Context, actor model.User, number int64) (model.FAQ, error) {
	if !actor.Role.Staff() {
		return model.FAQ{}, model.ErrForbidden
	}
	v, err := d.Ticket(ctx, actor, number)
	if err != nil {
		return model.FAQ{}, err
	}
	f := model.FAQ{ModuleID: v.Ticket.ModuleID, Module: v.Ticket.Module, Title: v.Ticket.Title,
		Situation: v.Ticket.Description, SourceTicketID: v.Ticket.ID}
	for _, e := range v.Timeline {
		if e.Kind == model.EventMessage && e.AuthorStaff {
			f.Solution = e.Body
		}
	}
	return f, nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
