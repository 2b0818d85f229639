package store

import (
	"context"
	"fmt"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/search"
)

// Bounds of a ticket search's work, whatever the collection's size.
const (
	// maxExpansions is how many terms the last word's prefix may stand for;
	// past that it is matched as a whole word only.
	maxExpansions = 100
	// countCap bounds the count of a word's postings that picks the rarest
	// word to walk.
	countCap = 10000
	// scopedWalk: a scoped search (a customer's, or staff's on one company
	// or agent) walks the rarest word's postings when it has fewer than
	// this many, otherwise the tickets in scope.
	scopedWalk = 2000
	// maxRounds bounds the batches of candidates one page examines; a page
	// that reaches it ends early, with a cursor to carry on from.
	maxRounds = 20
)

// TicketSearch is one page of a ticket search.
type TicketSearch struct {
	Query search.TicketQuery
	// Filter narrows the matches like the lists' filters do; its cursor
	// fields are ignored (see Before) and Limit is the page size.
	Filter model.TicketFilter
	// Before is the keyset cursor: tickets with a lower id (0: the first
	// page). Ids grow with creation, so this is "older than".
	Before int64
	// Internal lets terms of internal notes match (staff only).
	Internal bool
}

// TicketHits is one page of matches, newest first.
type TicketHits struct {
	Tickets []model.Ticket
	// Next is the cursor of the following page, 0 when there is none. A
	// page may hold fewer than Limit tickets and still have a Next, when
	// its bounded work ran out before the page filled.
	Next int64
}

// SearchTickets finds the tickets in scope that match every word of the
// query, newest first (by id), one keyset page; no counts, no OFFSET.
//
// Each word is a group of terms (the last word: its term and the terms its
// prefix stands for). The group with the fewest postings drives: its
// postings are walked newest first in batches, each batch checked in one
// query against the other groups, the scope and the filters, until the page
// is full. A customer whose words are all common walks their own tickets
// instead, which the scope already keeps small; so does staff filtering on
// one company or one agent.
func (q *Q) SearchTickets(ctx context.Context, sc Scope, s TicketSearch) (TicketHits, error) {
	limit := s.Filter.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	groups, err := q.queryGroups(ctx, s.Query)
	if err != nil || len(groups) == 0 {
		return TicketHits{}, err
	}
	best, bestN := 0, -1
	for i, g := range groups {
		n, err := q.countPostings(ctx, g, s.Internal)
		if err != nil {
			return TicketHits{}, err
		}
		if n == 0 {
			return TicketHits{}, nil
		}
		if bestN < 0 || n < bestN {
			best, bestN = i, n
		}
	}
	// A customer's scope, or a staff filter on one company or one agent,
	// keeps the tickets to walk few (and indexed by creation).
	scoped := sc.CompanyID != 0 || sc.ReporterID != 0 || s.Filter.CompanyID != 0 || s.Filter.AssigneeID != 0
	if scoped && bestN >= scopedWalk {
		return q.searchScoped(ctx, sc, s, groups, limit)
	}
	return q.searchPostings(ctx, sc, s, groups, best, limit)
}

// queryGroups turns a query into groups of term ids, one per word; the
// last word's prefix is expanded to the indexed terms starting with it. A
// word no ticket holds leaves nil: nothing can match.
func (q *Q) queryGroups(ctx context.Context, tq search.TicketQuery) ([][]int64, error) {
	words := append([]string{}, tq.Whole...)
	if tq.Last != "" {
		words = append(words, tq.Last)
	}
	known := map[string]int64{}
	if len(words) > 0 {
		var err error
		if known, err = q.lookupTerms(ctx, words); err != nil {
			return nil, err
		}
	}
	var groups [][]int64
	for _, w := range tq.Whole {
		id, ok := known[w]
		if !ok {
			return nil, nil
		}
		groups = append(groups, []int64{id})
	}
	var last []int64
	if id, ok := known[tq.Last]; ok && tq.Last != "" {
		last = append(last, id)
	}
	if tq.Prefix != "" {
		more, err := q.termsWithPrefix(ctx, tq.Prefix, maxExpansions+1)
		if err != nil {
			return nil, err
		}
		if len(more) > maxExpansions && tq.Last != "" {
			more = nil // too many completions: the word as typed only
		}
		for _, id := range more[:min(len(more), maxExpansions)] {
			if len(last) == 0 || id != last[0] {
				last = append(last, id)
			}
		}
	}
	if tq.Last != "" || tq.Prefix != "" {
		if len(last) == 0 {
			return nil, nil
		}
		groups = append(groups, last)
	}
	return groups, nil
}

// termsWithPrefix lists the ids of up to limit indexed terms starting with
// prefix, in term order: one range of the dictionary's index.
func (q *Q) termsWithPrefix(ctx context.Context, prefix string, limit int) ([]int64, error) {
	rows, err := q.query(ctx, `SELECT id FROM search_terms WHERE term >= $1 AND term < $2 ORDER BY term LIMIT $3`,
		prefix, search.PrefixEnd(prefix), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// termIn is "p.term_id = $n" or "p.term_id IN ($n, …)" for a group, its
// arguments appended.
func termIn(g []int64, args []any) (string, []any) {
	ph := make([]string, len(g))
	for i, t := range g {
		args = append(args, t)
		ph[i] = fmt.Sprintf("$%d", len(args))
	}
	if len(g) == 1 {
		return "p.term_id = " + ph[0], args
	}
	return "p.term_id IN (" + strings.Join(ph, ", ") + ")", args
}

func publicOnly(internal bool) string {
	if internal {
		return ""
	}
	return " AND p.staff_only = 0"
}

// countPostings counts a group's postings, stopping at countCap.
func (q *Q) countPostings(ctx context.Context, g []int64, internal bool) (int, error) {
	cond, args := termIn(g, nil)
	var n int
	err := q.row(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM ticket_terms p WHERE %s%s LIMIT %d) x`,
		cond, publicOnly(internal), countCap), args...).Scan(&n)
	return n, err
}

// matchWhere adds, for each group but skip, that ticket t has one of its
// terms.
func matchWhere(groups [][]int64, skip int, internal bool, w []string, args []any) ([]string, []any) {
	for i, g := range groups {
		if i == skip {
			continue
		}
		var cond string
		cond, args = termIn(g, args)
		w = append(w, "EXISTS (SELECT 1 FROM ticket_terms p WHERE p.ticket_id = t.id AND "+cond+publicOnly(internal)+")")
	}
	return w, args
}

// searchPostings walks the driving group's postings newest first.
func (q *Q) searchPostings(ctx context.Context, sc Scope, s TicketSearch, groups [][]int64, drive, limit int) (TicketHits, error) {
	batch := max(4*(limit+1), 100)
	cursor := s.Before
	var out []model.Ticket
	for round := 0; round < maxRounds; round++ {
		ids, err := q.newestPostings(ctx, groups[drive], cursor, batch, s.Internal)
		if err != nil {
			return TicketHits{}, err
		}
		if len(ids) == 0 {
			return TicketHits{Tickets: out}, nil
		}
		ph := make([]string, len(ids))
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
			ph[i] = fmt.Sprintf("$%d", i+1)
		}
		w := []string{"t.id IN (" + strings.Join(ph, ", ") + ")"}
		w, args = filterWhere(sc, s.Filter, w, args)
		w, args = matchWhere(groups, drive, s.Internal, w, args)
		ts, err := q.ticketList(ctx, `SELECT `+ticketColumns+ticketFrom+` WHERE `+strings.Join(w, " AND ")+
			` ORDER BY t.id DESC`, args...)
		if err != nil {
			return TicketHits{}, err
		}
		out = append(out, ts...)
		if len(out) > limit {
			return TicketHits{Tickets: out[:limit], Next: out[limit-1].ID}, nil
		}
		cursor = ids[len(ids)-1]
		if len(ids) < batch {
			return TicketHits{Tickets: out}, nil
		}
	}
	// Out of rounds: what was found, and where to carry on.
	return TicketHits{Tickets: out, Next: cursor}, nil
}

// newestPostings returns up to n ids of tickets holding a term of g, below
// cursor (0: any), newest first. Each term is read as its own index range,
// newest first and limited, and the ranges merged.
func (q *Q) newestPostings(ctx context.Context, g []int64, cursor int64, n int, internal bool) ([]int64, error) {
	args := []any{n}
	below := ""
	if cursor != 0 {
		args = append(args, cursor)
		below = " AND p.ticket_id < $2"
	}
	arms := make([]string, len(g))
	for i, t := range g {
		args = append(args, t)
		arms[i] = fmt.Sprintf(`SELECT ticket_id FROM (SELECT p.ticket_id FROM ticket_terms p WHERE p.term_id = $%d%s%s
			ORDER BY p.ticket_id DESC LIMIT $1) a%d`, len(args), below, publicOnly(internal), i)
	}
	rows, err := q.query(ctx, `SELECT ticket_id FROM (`+strings.Join(arms, " UNION ")+
		`) u ORDER BY ticket_id DESC LIMIT $1`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// searchScoped walks the tickets in scope newest first, each checked
// against every group: the work is bounded by the scope's size.
func (q *Q) searchScoped(ctx context.Context, sc Scope, s TicketSearch, groups [][]int64, limit int) (TicketHits, error) {
	w, args := filterWhere(sc, s.Filter, []string{"1 = 1"}, nil)
	if s.Before != 0 {
		args = append(args, s.Before)
		w = append(w, fmt.Sprintf("t.id < $%d", len(args)))
	}
	w, args = matchWhere(groups, -1, s.Internal, w, args)
	args = append(args, limit+1)
	ts, err := q.ticketList(ctx, `SELECT `+ticketColumns+ticketFrom+` WHERE `+strings.Join(w, " AND ")+
		fmt.Sprintf(` ORDER BY t.id DESC LIMIT $%d`, len(args)), args...)
	if err != nil || len(ts) <= limit {
		return TicketHits{Tickets: ts}, err
	}
	return TicketHits{Tickets: ts[:limit], Next: ts[limit-1].ID}, nil
}

func (q *Q) ticketList(ctx context.Context, query string, args ...any) ([]model.Ticket, error) {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
