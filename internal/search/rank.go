package search

import (
	"context"
	"math"
	"sort"
	"strings"
)

// Hit is one search result.
type Hit struct {
	DocID int64
	Score float64
}

// BM25F parameters: title and situation weigh more than cause and solution,
// because they describe what the customer sees, which is what a ticket
// title is about.
var fieldWeight = [NumFields]float64{Title: 3, Situation: 2, Cause: 1, Solution: 1}

const (
	k1 = 1.2
	b  = 0.75

	// Factors applied to the term frequency of a word matched other than
	// exactly, so that what was typed beats what was guessed.
	factorCand   = 0.95 // a proper prefix of the partial word ("electron" for "electroni")
	factorTilde  = 0.9  // n typed for ñ ("contrasena")
	factorSyn    = 0.8  // a word of the same meaning ("entrar" for "ingreso")
	factorTypo1  = 0.8  // Damerau-Levenshtein distance 1
	factorTypo2  = 0.7  // distance 2
	factorPrefix = 0.85 // least popular completion of the partial word; the most popular gets 1
)

// Search analyzes q, fetches postings from src and returns the best
// documents first, at most limit.
//
// Query semantics:
//   - Words are analyzed like documents (see Terms); stop words are dropped,
//     so a query of stop words only ("de la que") finds nothing, except that
//     a stop word of 4+ letters being typed as the last word matches as a
//     prefix ("contra" → "contraseña"). Punctuation such as
//     % _ ' " : ( * \ only separates words.
//   - All words but the last match whole terms. The last word, when the
//     query does not end in a space or punctuation (the user is still
//     typing it) and it has 3 or more letters, also matches every term
//     starting with the common prefix of its stem and of what was typed,
//     or failing that the longest term that is a prefix of what was typed
//     followed by the start of a Spanish suffix: "fact", "factura elec"
//     and "factura electroni" all find "factura electrónica". Last words
//     of 1 or 2 letters match whole terms only, never an unbounded set.
//   - n typed for ñ always matches too, a bit lower ("contrasena",
//     "cierre del ano"): the analyzer keeps año ≠ ano, the query forgives.
//   - A word of 4+ letters with no posting at all is replaced by the terms
//     of the vocabulary with the same first letter within Damerau-
//     Levenshtein distance 1 (2 for words of 7+ letters), scored lower
//     than exact matches ("factrua", "invetario").
//   - Coordination: a document matching more distinct query words always
//     outranks one matching fewer. Among equals, BM25F decides: term
//     frequencies are summed over fields with weights title 3, situation
//     2, cause 1, solution 1, each normalised by its field length.
//   - Hit.Score is the number of query words matched plus the BM25F score
//     squashed into [0, 1). Ties are broken by DocID ascending, and partial
//     sums are rounded to a fixed grid so that the order of postings coming
//     back from a database cannot change the result.
//
// An empty query, or a limit <= 0, gives no hits and no error.
func Search(ctx context.Context, src Source, q string, limit int) ([]Hit, error) {
	if limit <= 0 {
		return nil, nil
	}
	words := parseQuery(q)
	if len(words) == 0 {
		return nil, nil
	}
	var terms []string
	prefix := ""
	for _, w := range words {
		terms = append(terms, w.exact)
		terms = append(terms, w.tildes...)
		terms = append(terms, w.syns...)
		if w.prefix != "" {
			prefix = w.prefix
			terms = append(terms, w.cands...)
		}
	}
	var f fetcher = sourceFetcher{src}
	if l, ok := src.(lender); ok {
		var release func()
		f, release = l.lend()
		defer release()
	}
	runs, err := f.runs(ctx, terms, prefix)
	if err != nil {
		return nil, err
	}
	m := newMatcher(words, runs)
	if err := m.fallback(ctx, f); err != nil {
		return nil, err
	}
	if m.n == 0 {
		return nil, nil
	}
	st, err := src.Stats(ctx)
	if err != nil {
		return nil, err
	}
	return m.rank(st, limit), nil
}

// wordFactor says that a term matches query word w with a factor.
type wordFactor struct {
	w      int
	factor float64
}

// matcher maps the terms of the fetched postings to the query words.
type matcher struct {
	words []qword
	runs  []run                   // as fetched, one per term
	n     int                     // postings in all runs
	count map[string]int          // postings per term: popularity of completions
	match map[string][]wordFactor // term → the words it matches
}

func newMatcher(words []qword, runs []run) *matcher {
	m := &matcher{words: words, count: map[string]int{}, match: map[string][]wordFactor{}}
	m.add(runs)
	for wi, w := range words {
		m.assign(wi, w)
	}
	return m
}

// add appends runs and counts their postings per term.
func (m *matcher) add(runs []run) {
	for _, r := range runs {
		m.count[r.term] += r.n
		m.n += r.n
	}
	m.runs = append(m.runs, runs...)
}

// assign finds the terms among the fetched ones that match word wi.
func (m *matcher) assign(wi int, w qword) {
	if m.count[w.exact] > 0 {
		m.set(w.exact, wi, 1)
	}
	for _, t := range w.tildes {
		if m.count[t] > 0 {
			m.set(t, wi, factorTilde)
		}
	}
	for _, t := range w.syns {
		if m.count[t] > 0 {
			m.set(t, wi, factorSyn)
		}
	}
	if w.prefix == "" {
		return
	}
	best := 0
	for t, n := range m.count {
		if strings.HasPrefix(t, w.prefix) {
			best = max(best, n)
		}
	}
	if best > 0 {
		for t, n := range m.count {
			if strings.HasPrefix(t, w.prefix) {
				m.set(t, wi, factorPrefix+(1-factorPrefix)*float64(n)/float64(best))
			}
		}
		return
	}
	for _, c := range w.cands { // longest first
		if m.count[c] > 0 {
			m.set(c, wi, factorCand)
			return
		}
	}
}

// set records that term t matches word wi, keeping the best factor.
func (m *matcher) set(t string, wi int, factor float64) {
	wf := m.match[t]
	for i := range wf {
		if wf[i].w == wi {
			wf[i].factor = max(wf[i].factor, factor)
			return
		}
	}
	m.match[t] = append(wf, wordFactor{wi, factor})
}

// matched reports whether some term matches word wi.
func (m *matcher) matched(wi int) bool {
	for _, wfs := range m.match {
		for _, wf := range wfs {
			if wf.w == wi {
				return true
			}
		}
	}
	return false
}

// grid is the resolution of the per-posting contributions, which are summed
// as fixed-point integers: integer sums are exact, hence independent of the
// order in which postings arrive from a database.
const grid = 1 << 20

func (m *matcher) rank(st Stats, limit int) []Hit {
	nw := len(m.words)
	var norm [NumFields]float64 // avgLen rounded too: databases average differently
	for f := range norm {
		norm[f] = math.Round(st.AvgLen[f]*1024) / 1024
		if norm[f] <= 0 {
			norm[f] = 1
		}
	}
	sc := getScratch(m.n, nw)
	defer putScratch(sc)
	// A term's postings for one document (one per field) usually come
	// together: remember the last row rather than hash again.
	lastID, row := int64(0), []int64(nil)
	for _, r := range m.runs {
		wfs := m.match[r.term]
		if len(wfs) == 0 {
			continue
		}
		for _, p := range r.posts {
			f := Field(p.ref & fieldMask)
			d := &r.docs[p.ref>>fieldBits]
			if row == nil || d.id != lastID {
				lastID, row = d.id, sc.row(d.id)
			}
			addWeight(row, wfs, fieldWeight[f]*float64(p.freq)/(1-b+b*float64(d.lens[f])/norm[f]))
		}
		for _, p := range r.plain {
			if p.Freq <= 0 || p.Field >= NumFields {
				continue
			}
			f := p.Field
			if row == nil || p.DocID != lastID {
				lastID, row = p.DocID, sc.row(p.DocID)
			}
			addWeight(row, wfs, fieldWeight[f]*float64(p.Freq)/(1-b+b*float64(p.FieldLen)/norm[f]))
		}
	}
	ids, acc := sc.ids, sc.acc
	idf := make([]float64, nw)
	for w := range idf {
		df := 0
		for d := range ids {
			if acc[d*nw+w] > 0 {
				df++
			}
		}
		n := max(float64(st.Docs), float64(df))
		idf[w] = math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
	}
	top := make([]Hit, 0, limit+1)
	for d, id := range ids {
		matched, bm := 0, 0.0
		for w, fixed := range acc[d*nw : (d+1)*nw] {
			if fixed > 0 {
				tf := float64(fixed) / grid
				matched++
				bm += idf[w] * tf * (k1 + 1) / (k1 + tf)
			}
		}
		h := Hit{DocID: id, Score: float64(matched) + bm/(1+bm)}
		if len(top) == limit && !better(h, top[limit-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return better(h, top[i]) })
		top = append(top, Hit{})
		copy(top[i+1:], top[i:])
		top[i] = h
		if len(top) > limit {
			top = top[:limit]
		}
	}
	return top
}

// addWeight adds a posting's weight to the words its term matches, on the
// fixed-point grid.
func addWeight(row []int64, wfs []wordFactor, base float64) {
	for _, wf := range wfs {
		row[wf.w] += int64(wf.factor*base*grid + 0.5)
	}
}

// better orders hits: higher score first, then lower DocID.
func better(a, b Hit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.DocID < b.DocID
}
