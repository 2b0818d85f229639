package search

import (
	"context"
	"sort"
	"unicode/utf8"
)

// Posting is one row of the terms table faq_terms(faq_id, field, term,
// freq, field_len): the frequency of Term in one field of one document, and
// that field's length in terms.
type Posting struct {
	DocID    int64
	Field    Field
	Term     string
	Freq     int
	FieldLen int
}

// IndexDoc returns the postings for a document, one per distinct term per
// field, sorted by field then term so that stores write them in a stable
// order.
func IndexDoc(id int64, fields [NumFields]string) []Posting {
	var out []Posting
	for f, text := range fields {
		terms := Terms(text)
		freq := make(map[string]int, len(terms))
		for _, t := range terms {
			freq[t]++
		}
		start := len(out)
		for t, n := range freq {
			out = append(out, Posting{DocID: id, Field: Field(f), Term: t, Freq: n, FieldLen: len(terms)})
		}
		part := out[start:]
		sort.Slice(part, func(i, j int) bool { return part[i].Term < part[j].Term })
	}
	return out
}

// Stats of the whole published collection, for BM25: the number of
// documents and the average length in terms of each field.
type Stats struct {
	Docs   int
	AvgLen [NumFields]float64
}

// Source is what a store implements, as SQL over the table
// faq_terms(faq_id, field, term, freq, field_len). It is kept small so that
// it maps to simple portable SQL; term comparisons must be byte-wise (SQLite's
// default BINARY collation, COLLATE "C" in PostgreSQL) for the range scans
// to be right.
type Source interface {
	// Postings returns every posting whose term is in terms, or (when
	// prefix != "") whose term starts with prefix: a range scan
	// term >= prefix AND term < PrefixEnd(prefix), with no upper bound when
	// PrefixEnd returns "". Each posting once (one WHERE with OR, not a
	// UNION ALL), in any order.
	Postings(ctx context.Context, terms []string, prefix string) ([]Posting, error)
	// Vocabulary returns the distinct terms t with lo <= t < hi, or lo <= t
	// when hi == "". Search only asks for narrow ranges (one first letter),
	// for the typo fallback.
	Vocabulary(ctx context.Context, lo, hi string) ([]string, error)
	// Stats returns the collection statistics.
	Stats(ctx context.Context) (Stats, error)
}

// PrefixEnd returns the smallest valid UTF-8 string greater (byte-wise)
// than every string that starts with prefix: the last rune is replaced by
// the next code point, so "ñ" (C3 B1) gives "ò" (C3 B2), never a broken
// byte sequence that a database would reject. Runes that cannot be
// incremented (U+10FFFF, or an invalid 0xFF byte) are dropped and the one
// before is incremented instead. It returns "" when there is no such string
// (empty prefix, or only such runes), meaning "no upper bound".
func PrefixEnd(prefix string) string {
	s := prefix
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
		if r == utf8.RuneError && size == 1 {
			// Invalid byte: increment it as a byte, if it can be.
			if b := prefix[len(s)]; b < 0xFF {
				return s + string([]byte{b + 1})
			}
			continue
		}
		if r == utf8.MaxRune {
			continue
		}
		r++
		if r >= 0xD800 && r <= 0xDFFF {
			r = 0xE000 // surrogates are not valid in UTF-8
		}
		return s + string(r)
	}
	return ""
}
