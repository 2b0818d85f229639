package desk

import (
	"context"
	"strings"
	"unicode/utf8"

	"helpdesk/internal/model"
	"helpdesk/internal/search"
	"helpdesk/internal/store"
)

// MaxQuery is the longest ticket search accepted, in runes.
const MaxQuery = 200

// Indexing goes through an outbox. Measured on SQLite with
// BenchmarkCreateTicket in internal/store (2 shared, busy cores, a temp-dir
// file, synchronous=FULL; medians of 3 runs of 2,000): filing a ticket
// (8-word title, 60-word description) took 0.88 ms without indexing and
// 2.4 ms indexing it in the same transaction, which cuts ticket creation
// to about a third; a 40-word reply 0.40 ms vs 1.22 ms. Queuing the id
// instead costs 1.15 ms and 0.70 ms. So a write only queues its ticket
// (ticket_index_queue, same transaction) and IndexQueuedTickets, run by the
// job runner after every commit and every poll (1 s), indexes the queue in
// batches of IndexBatch, newest first: about 1.6–2.7 ms a ticket with
// three messages (BenchmarkIndexQueued), a batch holding SQLite's one
// writer for some 15–30 ms.

// IndexBatch is how many queued tickets one indexing transaction takes:
// small, so that the writer is soon free for people's changes.
const IndexBatch = 10

// SearchHits is one page of a ticket search, newest first.
type SearchHits struct {
	Tickets []model.Ticket
	// Next is the cursor of the next page (pass it as before), 0 when none.
	Next int64
}

// SearchTickets finds the tickets the actor may see whose title,
// description or messages hold every word of text (the last word also as
// a prefix), within the filter, newest first, one keyset page of tickets
// with an id below before (0: the first page). Staff match internal notes
// too; customers never do. A query with no word to look for (only stop
// words or single letters) is refused with a message for field "q".
func (d *Desk) SearchTickets(ctx context.Context, actor model.User, text string, f model.TicketFilter, before int64) (SearchHits, error) {
	text = strings.TrimSpace(text)
	if !utf8.ValidString(text) || utf8.RuneCountInString(text) > MaxQuery {
		return SearchHits{}, model.Invalid("q", "error.too_long", MaxQuery)
	}
	tq := search.ParseTicketQuery(text)
	if tq.Empty() {
		return SearchHits{}, model.Invalid("q", "error.search_vague")
	}
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 25
	}
	h, err := d.st.Read().SearchTickets(ctx, scope(actor), store.TicketSearch{Query: tq, Filter: f, Before: before,
		Internal: actor.Role.Staff()})
	return SearchHits{Tickets: h.Tickets, Next: h.Next}, err
}

// IndexQueuedTickets indexes up to n queued tickets (newest first) whole —
// title, description, messages, and notes as staff-only — in one
// transaction, and dequeues them; more reports that a full batch was taken.
// Indexing a ticket again changes nothing, so a batch run twice is harmless.
func (d *Desk) IndexQueuedTickets(ctx context.Context, n int) (more bool, err error) {
	err = d.st.Tx(ctx, func(q *store.Q) error {
		ts, err := q.QueuedTickets(ctx, n)
		if err != nil || len(ts) == 0 {
			return err
		}
		ids := make([]int64, len(ts))
		for i, t := range ts {
			ids[i] = t.ID
		}
		if err := IndexTexts(ctx, q, ts); err != nil {
			return err
		}
		more = len(ts) == n
		return q.DequeueTickets(ctx, ids)
	})
	return more, err
}

// IndexTexts analyzes tickets' text and records their terms, in q's
// transaction: the indexing the queue's work does, also used to index a
// bulk-loaded data set as it is written.
func IndexTexts(ctx context.Context, q *store.Q, ts []store.TicketText) error {
	docs := make([]store.TicketTerms, len(ts))
	for i, t := range ts {
		docs[i] = ticketTerms(t)
	}
	return q.IndexTickets(ctx, docs)
}

// ticketTerms analyzes a ticket's text: title, description and messages are
// public; what only its internal notes say is for staff.
func ticketTerms(t store.TicketText) store.TicketTerms {
	public := search.DocTerms(t.Title + "\n" + t.Description + "\n" + strings.Join(t.Messages, "\n"))
	seen := make(map[string]bool, len(public))
	for _, w := range public {
		seen[w] = true
	}
	var notes []string
	for _, w := range search.DocTerms(strings.Join(t.Notes, "\n")) {
		if !seen[w] {
			notes = append(notes, w)
		}
	}
	return store.TicketTerms{ID: t.ID, Public: public, StaffOnly: notes}
}
