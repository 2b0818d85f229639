package search

import (
	"slices"
	"unicode/utf8"
)

// MaxTermBytes is the longest term a ticket's text is indexed under:
// longer tokens (pasted hashes, base64, URLs run together) are left out so
// they cannot bloat the postings.
const MaxTermBytes = 40

// maxTicketWords bounds the words of a ticket query that are used.
const maxTicketWords = 8

// DocTerms returns the distinct index terms of text, in first-seen order,
// without terms longer than MaxTermBytes: what a ticket's title,
// description or message is indexed under.
func DocTerms(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range Terms(text) {
		if len(t) > MaxTermBytes || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

// TicketQuery is a query of the ticket finder: every word must match. The
// earlier words match whole terms; the last word matches its whole term or,
// when it has three letters or more, any term starting with Prefix.
type TicketQuery struct {
	Whole  []string // terms of the earlier words, each required
	Last   string   // the last word's term; "" for a stop word
	Prefix string   // the last word's prefix; "" when it matches whole only
}

// Empty reports a query with nothing to look for: only stop words, or
// nothing but single letters. Such a query would match nearly every ticket,
// so it is refused instead of run.
func (q TicketQuery) Empty() bool {
	if q.Prefix != "" {
		return false
	}
	for _, w := range append(q.Whole, q.Last) {
		if utf8.RuneCountInString(w) > 1 || hasDigit(w) {
			return false
		}
	}
	return true
}

// ParseTicketQuery analyzes what was typed in a ticket search box with the
// analyzer the tickets were indexed with (accents folded, stop words
// dropped, Spanish stems). Every character other than a letter or a digit
// separates words: nothing typed is syntax.
func ParseTicketQuery(s string) TicketQuery {
	toks := tokens(fold(s))
	if len(toks) > maxTicketWords {
		toks = append(toks[:maxTicketWords-1], toks[len(toks)-1])
	}
	var q TicketQuery
	for i, tok := range toks {
		t, ok := term(tok)
		if ok && len(t) > MaxTermBytes {
			ok = false
		}
		if i < len(toks)-1 {
			if ok && !slices.Contains(q.Whole, t) {
				q.Whole = append(q.Whole, t)
			}
			continue
		}
		if ok {
			q.Last = t
		}
		n := utf8.RuneCountInString(tok)
		if n < minPrefix || (!ok && (n < minStopPrefix || len(q.Whole) > 0)) || len(tok) > MaxTermBytes {
			continue
		}
		// The prefix is the common start of the stem and of the word as
		// typed: "facturas" (stem "factur") and "factu" both find
		// "factur". A stop word alone may be the start of a real word
		// being typed ("contra" of "contraseña"); after other words it is
		// dropped like any stop word, or "factura para" would require a
		// word starting with "para".
		q.Prefix = tok
		if ok {
			if p := commonPrefix(t, tok); utf8.RuneCountInString(p) >= minPrefix {
				q.Prefix = p
			}
		}
	}
	if q.Last != "" && q.Prefix == "" && slices.Contains(q.Whole, q.Last) {
		q.Last = "" // "error error": the word is required once
	}
	return q
}
