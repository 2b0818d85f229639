package store

import (
	"context"
	"fmt"
	"strings"

	"helpdesk/internal/search"
)

// FAQIndex is the search.Source over the faq_terms table: the same
// portable queries on both dialects, ranking done in Go.
type FAQIndex struct{ q *Q }

// FAQIndex returns the published-FAQ search source.
func (q *Q) FAQIndex() FAQIndex { return FAQIndex{q: q} }

// Postings fetches postings of exact terms and of a prefix range.
func (ix FAQIndex) Postings(ctx context.Context, terms []string, prefix string) ([]search.Posting, error) {
	var or []string
	var args []any
	for _, t := range terms {
		args = append(args, t)
		or = append(or, fmt.Sprintf("term = $%d", len(args)))
	}
	if prefix != "" {
		args = append(args, prefix, search.PrefixEnd(prefix))
		or = append(or, fmt.Sprintf("(term >= $%d AND term < $%d)", len(args)-1, len(args)))
	}
	if len(or) == 0 {
		return nil, nil
	}
	rows, err := ix.q.query(ctx, `SELECT faq_id, field, term, freq, field_len FROM faq_terms WHERE `+
		strings.Join(or, " OR "), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []search.Posting
	for rows.Next() {
		var p search.Posting
		var field int
		if err := rows.Scan(&p.DocID, &field, &p.Term, &p.Freq, &p.FieldLen); err != nil {
			return nil, err
		}
		p.Field = search.Field(field)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Vocabulary lists distinct indexed terms in [lo, hi).
func (ix FAQIndex) Vocabulary(ctx context.Context, lo, hi string) ([]string, error) {
	rows, err := ix.q.query(ctx, `SELECT DISTINCT term FROM faq_terms WHERE term >= $1 AND term < $2 ORDER BY term`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Stats returns the number of indexed FAQs and average field lengths,
// from the totals kept by SetFAQPublished.
func (ix FAQIndex) Stats(ctx context.Context) (search.Stats, error) {
	_, st, err := ix.q.faqCounters(ctx)
	return st, err
}

// faqCounters reads, in one statement, the published set's version (see
// logFAQChange) and the search statistics.
func (q *Q) faqCounters(ctx context.Context) (int64, search.Stats, error) {
	var st search.Stats
	var version int64
	rows, err := q.query(ctx, `SELECT name, value FROM counters WHERE name IN ('faq_version', 'faq_docs', 'faq_len_0', 'faq_len_1', 'faq_len_2', 'faq_len_3')`)
	if err != nil {
		return 0, st, err
	}
	defer rows.Close()
	var lens [search.NumFields]int64
	for rows.Next() {
		var name string
		var v int64
		if err := rows.Scan(&name, &v); err != nil {
			return 0, st, err
		}
		var field int
		switch {
		case name == "faq_version":
			version = v
		case name == "faq_docs":
			st.Docs = int(v)
		default:
			if _, err := fmt.Sscanf(name, "faq_len_%d", &field); err == nil && field >= 0 && field < search.NumFields {
				lens[field] = v
			}
		}
	}
	if st.Docs > 0 {
		for i, n := range lens {
			st.AvgLen[i] = float64(n) / float64(st.Docs)
		}
	}
	return version, st, rows.Err()
}
