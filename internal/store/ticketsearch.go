package store

import (
	"context"
	"fmt"
	"math"
	"slices"
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
	// countBlocks bounds the blocks whose counts are added to count a
	// group's postings.
	countBlocks = 64
	// maxBlockRead bounds the blocks of one term a read of postings takes.
	maxBlockRead = 128
	// scopedBatch is how many tickets in scope one round checks.
	scopedBatch = 500
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
// postings are walked newest first in batches (block by block, see
// postings.go), each batch checked against the other groups' blocks of the
// same buckets, then in one query against the scope and the filters, until
// the page is full. A customer whose words are all common walks their own
// tickets instead, which the scope already keeps small; so does staff
// filtering on one company or one agent.
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

// queryGroups turns a query into groups of term ids, one per word: its
// term and its variants with ñ; the last word's also its stems, and its
// prefixes expanded to the indexed terms starting with them. A word no
// ticket holds leaves nil: nothing can match.
func (q *Q) queryGroups(ctx context.Context, tq search.TicketQuery) ([][]int64, error) {
	var words []string
	for i, w := range tq.Whole {
		words = append(append(words, w), tq.WholeAlt[i]...)
	}
	if tq.Last != "" {
		words = append(append(words, tq.Last), tq.LastAlt...)
	}
	words = append(words, tq.Stems...)
	known := map[string]int64{}
	if len(words) > 0 {
		var err error
		if known, err = q.lookupTerms(ctx, words); err != nil {
			return nil, err
		}
	}
	group := func(ts ...string) []int64 {
		var g []int64
		for _, t := range ts {
			if id, ok := known[t]; ok && t != "" && !slices.Contains(g, id) {
				g = append(g, id)
			}
		}
		return g
	}
	var groups [][]int64
	for i, w := range tq.Whole {
		g := group(append([]string{w}, tq.WholeAlt[i]...)...)
		if len(g) == 0 {
			return nil, nil
		}
		groups = append(groups, g)
	}
	if tq.Last == "" && tq.Prefix == "" {
		return groups, nil
	}
	last := group(append(append([]string{tq.Last}, tq.LastAlt...), tq.Stems...)...)
	var more []int64
	if tq.Prefix != "" {
		for _, p := range append([]string{tq.Prefix}, tq.PrefixAlt...) {
			ids, err := q.termsWithPrefix(ctx, p, maxExpansions+1)
			if err != nil {
				return nil, err
			}
			more = append(more, ids...)
		}
	}
	if len(more) > maxExpansions && tq.Last != "" {
		more = nil // too many completions: the word as typed only
	}
	for _, id := range more[:min(len(more), maxExpansions)] {
		if !slices.Contains(last, id) {
			last = append(last, id)
		}
	}
	if len(last) == 0 {
		return nil, nil
	}
	return append(groups, last), nil
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

// countPostings counts a group's postings from the counts of at most
// countBlocks of its blocks, stopping at countCap: enough to tell a rare
// word from a common one.
func (q *Q) countPostings(ctx context.Context, g []int64, internal bool) (int, error) {
	args := make([]any, len(g))
	for i, t := range g {
		args[i] = t
	}
	n := "n"
	if internal {
		n = "n + notes_n"
	}
	var count int
	err := q.row(ctx, fmt.Sprintf(`SELECT COALESCE(sum(c), 0) FROM (SELECT %s AS c FROM ticket_postings
		WHERE term_id IN (%s) LIMIT %d) x`, n, placeholders(1, len(g)), countBlocks), args...).Scan(&count)
	return min(count, countCap), err
}

// placeholders is "$from, …" for n arguments.
func placeholders(from, n int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(ph, ", ")
}

// scanLists adds a block's lists (ids, notes) to b: the public list, and
// for staff the notes-only list too.
func scanLists(rows interface{ Scan(...any) error }, b *block, internal bool, dest ...any) error {
	var public, notes []byte
	if err := rows.Scan(append(dest, &public, &notes)...); err != nil {
		return err
	}
	if !decodeBlock(public, b) || internal && !decodeBlock(notes, b) {
		return fmt.Errorf("ticket_postings: not a block")
	}
	return nil
}

// matching keeps the ids (newest first) of tickets that hold a term of
// every group but skip: each group's blocks of the ids' buckets are read
// in one query and checked in Go.
func (q *Q) matching(ctx context.Context, groups [][]int64, skip int, internal bool, ids []int64) ([]int64, error) {
	for i, g := range groups {
		if i == skip || len(ids) == 0 {
			continue
		}
		var buckets []any
		for _, id := range ids {
			if b := bucketOf(id); len(buckets) == 0 || buckets[len(buckets)-1] != b {
				buckets = append(buckets, b)
			}
		}
		args := make([]any, 0, len(g)+len(buckets))
		for _, t := range g {
			args = append(args, t)
		}
		args = append(args, buckets...)
		rows, err := q.query(ctx, `SELECT bucket, ids, notes FROM ticket_postings WHERE term_id IN (`+
			placeholders(1, len(g))+`) AND bucket IN (`+placeholders(len(g)+1, len(buckets))+`)`, args...)
		if err != nil {
			return nil, err
		}
		has := map[int64]*block{}
		for rows.Next() {
			var b block
			var bucket int64
			if err := scanLists(rows, &b, internal, &bucket); err != nil {
				rows.Close()
				return nil, err
			}
			if has[bucket] == nil {
				has[bucket] = &block{}
			}
			has[bucket].or(&b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		kept := ids[:0:0]
		for _, id := range ids {
			if b := has[bucketOf(id)]; b != nil && b.has(int(id&(blockSize-1))) {
				kept = append(kept, id)
			}
		}
		ids = kept
	}
	return ids, nil
}

// pageOf reads the tickets of ids (newest first) that pass the scope and
// the filter.
func (q *Q) pageOf(ctx context.Context, sc Scope, f model.TicketFilter, ids []int64) ([]model.Ticket, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	w := []string{"t.id IN (" + placeholders(1, len(ids)) + ")"}
	w, args = filterWhere(sc, f, w, args)
	return q.ticketList(ctx, `SELECT `+ticketColumns+ticketFrom+` WHERE `+strings.Join(w, " AND ")+
		` ORDER BY t.id DESC`, args...)
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
		match, err := q.matching(ctx, groups, drive, s.Internal, ids)
		if err != nil {
			return TicketHits{}, err
		}
		ts, err := q.pageOf(ctx, sc, s.Filter, match)
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
// cursor (0: any), newest first. Each term's blocks are read newest first,
// a few at a time (more each time round, up to maxBlockRead), as ranges of
// the key; the ids of a bucket are all known once every term not yet read
// to its end has been read down to that bucket.
func (q *Q) newestPostings(ctx context.Context, g []int64, cursor int64, n int, internal bool) ([]int64, error) {
	top := int64(math.MaxInt32) // read buckets below this
	if cursor != 0 {
		top = bucketOf(cursor-1) + 1
	}
	below := make(map[int64]int64, len(g)) // term → lowest bucket read; gone when read to its end
	for _, t := range g {
		below[t] = top
	}
	got := map[int64]*block{} // buckets read, not yet taken into ids
	var ids []int64
	for step := 2; ; step = min(4*step, maxBlockRead) {
		var arms []string
		args := []any{step}
		for t, b := range below {
			args = append(args, t, b)
			arms = append(arms, fmt.Sprintf(`SELECT * FROM (SELECT term_id, bucket, ids, notes FROM ticket_postings
				WHERE term_id = $%d AND bucket < $%d ORDER BY bucket DESC LIMIT $1) a%d`, len(args)-1, len(args), len(arms)))
		}
		rows, err := q.query(ctx, strings.Join(arms, " UNION ALL "), args...)
		if err != nil {
			return nil, err
		}
		read := map[int64]int{}
		for rows.Next() {
			var b block
			var term, bucket int64
			if err := scanLists(rows, &b, internal, &term, &bucket); err != nil {
				rows.Close()
				return nil, err
			}
			read[term]++
			below[term] = min(below[term], bucket)
			if got[bucket] == nil {
				got[bucket] = &block{}
			}
			got[bucket].or(&b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		done := int64(-1) // buckets down to done+1 are complete
		for t, b := range below {
			if read[t] < step {
				delete(below, t) // read to its end
			} else {
				done = max(done, b-1)
			}
		}
		var complete []int64
		for b := range got {
			if b > done {
				complete = append(complete, b)
			}
		}
		slices.Sort(complete)
		for i := len(complete) - 1; i >= 0 && len(ids) < n; i-- {
			b := complete[i]
			got[b].desc(func(off int) bool {
				if id := b<<blockBits | int64(off); cursor == 0 || id < cursor {
					ids = append(ids, id)
				}
				return len(ids) < n
			})
			delete(got, b)
		}
		if len(ids) >= n || len(below) == 0 {
			return ids, nil
		}
	}
}

// searchScoped walks the tickets in scope newest first, a batch at a
// time, each batch checked against every group: the work is bounded by
// the scope's size, and by maxRounds batches a page.
func (q *Q) searchScoped(ctx context.Context, sc Scope, s TicketSearch, groups [][]int64, limit int) (TicketHits, error) {
	cursor := s.Before
	var out []model.Ticket
	for round := 0; round < maxRounds; round++ {
		w, args := filterWhere(sc, s.Filter, []string{"1 = 1"}, nil)
		if cursor != 0 {
			args = append(args, cursor)
			w = append(w, fmt.Sprintf("t.id < $%d", len(args)))
		}
		args = append(args, scopedBatch)
		rows, err := q.query(ctx, `SELECT t.id FROM tickets t WHERE `+strings.Join(w, " AND ")+
			fmt.Sprintf(` ORDER BY t.id DESC LIMIT $%d`, len(args)), args...)
		if err != nil {
			return TicketHits{}, err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return TicketHits{}, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(ids) == 0 {
			return TicketHits{Tickets: out}, err
		}
		match, err := q.matching(ctx, groups, -1, s.Internal, ids)
		if err != nil {
			return TicketHits{}, err
		}
		ts, err := q.pageOf(ctx, Scope{}, model.TicketFilter{}, match[:min(len(match), limit+1-len(out))])
		if err != nil {
			return TicketHits{}, err
		}
		out = append(out, ts...)
		if len(out) > limit {
			return TicketHits{Tickets: out[:limit], Next: out[limit-1].ID}, nil
		}
		cursor = ids[len(ids)-1]
		if len(ids) < scopedBatch {
			return TicketHits{Tickets: out}, nil
		}
	}
	return TicketHits{Tickets: out, Next: cursor}, nil
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
