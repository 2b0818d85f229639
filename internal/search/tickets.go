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
// when it has three letters or more, any term starting with what was typed.
// n typed for ñ matches too ("contrasena", "penaranda"), as in FAQ search.
type TicketQuery struct {
	Whole    []string   // terms of the earlier words, each required
	WholeAlt [][]string // for each of Whole, the terms with n typed for ñ
	Last     string     // the last word's term; "" for a stop word
	LastAlt  []string   // the last word's term with n typed for ñ
	// Prefix is the last word as typed (folded); "" when it matches whole
	// only. PrefixAlt are Prefix with n typed for ñ.
	Prefix    string
	PrefixAlt []string
	// Stems are proper prefixes of the last word followed by the start of
	// a Spanish suffix ("electron" of "electroni"), matched as whole terms
	// beside the prefix: a word that happens to start with what was typed
	// ("electronicos2") must not hide the words whose stem it is.
	Stems []string
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
				q.WholeAlt = append(q.WholeAlt, tildeVariants(t))
			}
			continue
		}
		if ok {
			q.Last, q.LastAlt = t, tildeVariants(t)
		}
		n := utf8.RuneCountInString(tok)
		if n < minPrefix || (!ok && (n < minStopPrefix || len(q.Whole) > 0)) || len(tok) > MaxTermBytes {
			continue
		}
		// The prefix is the word as typed: "factu" finds "factur", and the
		// stem finds the whole word ("facturas" → "factur"). A shorter
		// prefix, such as the common start of stem and word, would let
		// "contrasen" (stem "contr") find "contratos". A stop word alone
		// may be the start of a real word being typed ("contra" of
		// "contraseña"); after other words it is dropped like any stop
		// word, or "factura para" would require a word starting with
		// "para".
		q.Prefix, q.PrefixAlt = tok, tildeVariants(tok)
		for _, c := range shorterPrefixes(tok, n) {
			if c != t {
				q.Stems = append(q.Stems, c)
			}
		}
	}
	if q.Last != "" && q.Prefix == "" && slices.Contains(q.Whole, q.Last) {
		q.Last, q.LastAlt = "", nil // "error error": the word is required once
	}
	return q
}
