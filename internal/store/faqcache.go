package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"helpdesk/internal/search"
)

// faqChangesKept is how many entries of faq_changes are kept; a process
// further behind than that rebuilds its copy of the terms from scratch.
const faqChangesKept = 1000

// logFAQChange bumps the published set's version and records which FAQ
// changed, in the caller's transaction. The counter's row lock orders the
// versions as the transactions commit: a reader that sees version v sees
// every change up to v.
func (q *Q) logFAQChange(ctx context.Context, faqID int64) error {
	v, err := q.NextNumber(ctx, "faq_version", 1)
	if err != nil {
		return err
	}
	if _, err := q.exec(ctx, `INSERT INTO faq_changes (version, faq_id) VALUES ($1, $2)`, v, faqID); err != nil {
		return err
	}
	_, err = q.exec(ctx, `DELETE FROM faq_changes WHERE version <= $1`, v-faqChangesKept)
	return err
}

// faqCache is this process's copy of faq_terms, for FAQ search: derived
// from the table, loaded at the first search, and caught up before each
// search from the version and the change log, so a FAQ published through
// any process is found by every other at once.
type faqCache struct {
	mu    sync.Mutex // one catch-up at a time; guards loaded
	state atomic.Pointer[faqState]
	// loaded, while a whole load runs, is closed when it ends.
	loaded chan struct{}
}

// faqLoadWait is how long a search waits for a whole load of the copy
// before it searches the table instead: a few seconds once per process,
// rather than every search meanwhile reading every posting of its words
// (hundreds of milliseconds each at 50,000 FAQs, slowing the load too).
const faqLoadWait = 5 * time.Second

// faqState is an index and the version it holds (or a later state: a
// change committed while it was read is read again at its version).
type faqState struct {
	ix      *search.Compact
	version int64
}

// cachedFAQs is a search.Source over the copy, with the statistics read
// with the version.
type cachedFAQs struct {
	*search.Compact
	st search.Stats
}

func (c cachedFAQs) Stats(ctx context.Context) (search.Stats, error) { return c.st, ctx.Err() }

// FAQSource returns the published-FAQ search source of this process: the
// in-memory copy of faq_terms, brought up to the database's version first
// (one small read when nothing changed). It finds what FAQIndex finds.
// When there is no copy to bring up to date (the first search, or too far
// behind) it loads one whole and waits for it, up to faqLoadWait; past
// that, or if the copy loaded is already ahead, it is FAQIndex.
func (s *Store) FAQSource(ctx context.Context) (search.Source, error) {
	q := s.Read()
	v, st, err := q.faqCounters(ctx)
	if err != nil {
		return nil, err
	}
	c := &s.faqs
	if cur := c.state.Load(); cur != nil && cur.version == v {
		return cachedFAQs{cur.ix, st}, nil
	}
	ix, err := s.catchUpFAQs(ctx, v)
	if err != nil {
		return nil, err
	}
	if ix == nil {
		wait := time.NewTimer(faqLoadWait)
		defer wait.Stop()
		select {
		case <-s.loadFAQsOnce(ctx):
		case <-wait.C:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if ix, err = s.catchUpFAQs(ctx, v); err != nil {
			return nil, err
		}
		if ix == nil {
			return q.FAQIndex(), nil
		}
	}
	return cachedFAQs{ix, st}, nil
}

// loadFAQsOnce starts a whole load of the copy unless one runs, and returns
// what is closed when it ends. A load that fails leaves the copy as it
// was; the next search tries again.
func (s *Store) loadFAQsOnce(ctx context.Context) <-chan struct{} {
	c := &s.faqs
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded == nil {
		done := make(chan struct{})
		c.loaded = done
		go func() {
			s.LoadFAQs(context.WithoutCancel(ctx))
			c.mu.Lock()
			c.loaded = nil
			c.mu.Unlock()
			close(done)
		}()
	}
	return c.loaded
}

// catchUpFAQs brings the copy to version v from the change log. It
// returns nil when there is no copy yet or the log cannot bring it there.
func (s *Store) catchUpFAQs(ctx context.Context, v int64) (*search.Compact, error) {
	c := &s.faqs
	c.mu.Lock()
	defer c.mu.Unlock()
	cur := c.state.Load()
	switch {
	case cur == nil || cur.version > v || v-cur.version > faqChangesKept:
		return nil, nil
	case cur.version == v:
		return cur.ix, nil
	}
	if ok, err := s.Read().catchUp(ctx, cur.ix, cur.version, v); err != nil || !ok {
		return nil, err
	}
	c.state.Store(&faqState{ix: cur.ix, version: v})
	return cur.ix, nil
}

// LoadFAQs loads this process's copy of the FAQ terms whole, now, in place
// of any earlier one. FAQSource does it in the background when needed.
func (s *Store) LoadFAQs(ctx context.Context) error {
	q := s.Read()
	v, _, err := q.faqCounters(ctx)
	if err != nil {
		return err
	}
	// Everything up to v is in the table, so what is read now holds it.
	ix, err := q.loadFAQTerms(ctx)
	if err != nil {
		return err
	}
	c := &s.faqs
	c.mu.Lock()
	defer c.mu.Unlock()
	c.state.Store(&faqState{ix: ix, version: v})
	return nil
}

// loadFAQTerms reads the whole of faq_postings (faq_terms, a row per FAQ)
// into a new index.
func (q *Q) loadFAQTerms(ctx context.Context) (*search.Compact, error) {
	rows, err := q.query(ctx, `SELECT faq_id, data FROM faq_postings`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ix := search.NewCompact()
	var data sql.RawBytes
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &data); err != nil {
			return nil, err
		}
		err := decodePostings(data, func(field int, term []byte, freq, n int) {
			if field >= 0 && field < search.NumFields {
				ix.Add(id, search.Field(field), term, freq, n)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ix.Finish()
	return ix, nil
}

// catchUp reloads into ix the FAQs changed after version have up to v. It
// reports false when the log no longer holds all those changes.
func (q *Q) catchUp(ctx context.Context, ix *search.Compact, have, v int64) (bool, error) {
	rows, err := q.query(ctx, `SELECT version, faq_id FROM faq_changes WHERE version > $1 AND version <= $2`, have, v)
	if err != nil {
		return false, err
	}
	var ids []int64
	seen := map[int64]bool{}
	n := int64(0)
	for rows.Next() {
		var ver, id int64
		if err := rows.Scan(&ver, &id); err != nil {
			rows.Close()
			return false, err
		}
		n++
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || n != v-have {
		return false, err
	}
	ps, err := q.faqPostings(ctx, ids)
	if err != nil {
		return false, err
	}
	ix.Replace(ids, ps)
	return true, nil
}

// faqChunk is how many FAQs one query of faqPostings reads: always that
// many placeholders (the last id repeated), so it is one prepared query.
const faqChunk = 50

// faqPostings reads the postings of some FAQs from faq_postings.
func (q *Q) faqPostings(ctx context.Context, ids []int64) ([]search.Posting, error) {
	ph := make([]string, faqChunk)
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	query := `SELECT faq_id, data FROM faq_postings WHERE faq_id IN (` + strings.Join(ph, ", ") + `)`
	var out []search.Posting
	for len(ids) > 0 {
		n := min(len(ids), faqChunk)
		args := make([]any, faqChunk)
		for i := range args {
			args[i] = ids[min(i, n-1)]
		}
		ids = ids[n:]
		if err := q.readPostings(ctx, query, args, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (q *Q) readPostings(ctx context.Context, query string, args []any, out *[]search.Posting) error {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var data sql.RawBytes
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &data); err != nil {
			return err
		}
		err := decodePostings(data, func(field int, term []byte, freq, n int) {
			if field >= 0 && field < search.NumFields {
				*out = append(*out, search.Posting{DocID: id, Field: search.Field(field), Term: string(term), Freq: freq, FieldLen: n})
			}
		})
		if err != nil {
			return err
		}
	}
	return rows.Err()
}
