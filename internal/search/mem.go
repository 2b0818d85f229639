package search

import (
	"context"
	"slices"
	"sort"
	"sync"
)

// MemIndex is an in-memory Source, for tests and benchmarks. It keeps a map
// term → postings plus a sorted slice of the terms, so that a prefix scan is
// a binary search and a walk over the adjacent terms, as in a B-tree. It is
// safe for concurrent use; the zero value is an empty index.
type MemIndex struct {
	mu     sync.RWMutex
	byTerm map[string][]Posting
	docs   map[int64][]Posting
	sorted []string // terms in byte order; nil when it must be rebuilt
	lens   [NumFields]int
}

// NewMemIndex returns an empty index.
func NewMemIndex() *MemIndex {
	return &MemIndex{byTerm: map[string][]Posting{}, docs: map[int64][]Posting{}}
}

// Add indexes a document, replacing any earlier version with the same id.
func (m *MemIndex) Add(id int64, fields [NumFields]string) {
	ps := IndexDoc(id, fields)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.docs == nil { // zero MemIndex
		m.byTerm, m.docs = map[string][]Posting{}, map[int64][]Posting{}
	}
	m.remove(id)
	m.docs[id] = ps
	for i, p := range ps {
		list, ok := m.byTerm[p.Term]
		if !ok {
			m.sorted = nil
		} else {
			// Intern: postings of a term share one string, so comparing
			// terms while scanning postings does not chase a pointer per
			// posting (half the cost of a search before).
			ps[i].Term = list[0].Term
			p.Term = list[0].Term
		}
		m.byTerm[p.Term] = append(list, p)
	}
	for f := range m.lens {
		m.lens[f] += fieldLen(ps, Field(f))
	}
}

// Remove drops a document; unknown ids are ignored.
func (m *MemIndex) Remove(id int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.remove(id)
}

func (m *MemIndex) remove(id int64) {
	ps, ok := m.docs[id]
	if !ok {
		return
	}
	delete(m.docs, id)
	for _, p := range ps {
		list := slices.DeleteFunc(m.byTerm[p.Term], func(q Posting) bool { return q.DocID == id })
		if len(list) == 0 {
			delete(m.byTerm, p.Term)
			m.sorted = nil
		} else {
			m.byTerm[p.Term] = list
		}
	}
	for f := range m.lens {
		m.lens[f] -= fieldLen(ps, Field(f))
	}
}

// fieldLen is the length of field f in a document's postings (every posting
// of a field carries it; a field without terms has none and length 0).
func fieldLen(ps []Posting, f Field) int {
	for _, p := range ps {
		if p.Field == f {
			return p.FieldLen
		}
	}
	return 0
}

// rlock takes the read lock with the sorted term slice built: Add and
// Remove only invalidate it, because sorting after every Add of a bulk load
// would be quadratic.
func (m *MemIndex) rlock() {
	for {
		m.mu.RLock()
		if m.sorted != nil {
			return
		}
		m.mu.RUnlock()
		m.mu.Lock()
		if m.sorted == nil {
			s := make([]string, 0, len(m.byTerm))
			for t := range m.byTerm {
				s = append(s, t)
			}
			sort.Strings(s)
			m.sorted = s
		}
		m.mu.Unlock()
	}
}

// rangeOf returns the sorted terms t with lo <= t < hi ("" hi: unbounded).
// The caller holds rlock.
func (m *MemIndex) rangeOf(lo, hi string) []string {
	s := m.sorted
	i := sort.SearchStrings(s, lo)
	j := len(s)
	if hi != "" {
		j = i + sort.SearchStrings(s[i:], hi)
	}
	return s[i:j]
}

// Postings implements Source.
func (m *MemIndex) Postings(ctx context.Context, terms []string, prefix string) ([]Posting, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.rlock()
	defer m.mu.RUnlock()
	var inRange []string
	if prefix != "" {
		inRange = m.rangeOf(prefix, PrefixEnd(prefix))
	}
	n := 0
	for _, t := range terms {
		n += len(m.byTerm[t])
	}
	for _, t := range inRange {
		n += len(m.byTerm[t])
	}
	out := make([]Posting, 0, n)
	seen := make(map[string]bool, len(terms))
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			out = append(out, m.byTerm[t]...)
		}
	}
	for _, t := range inRange {
		if !seen[t] {
			out = append(out, m.byTerm[t]...)
		}
	}
	return out, nil
}

// Vocabulary implements Source.
func (m *MemIndex) Vocabulary(ctx context.Context, lo, hi string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.rlock()
	defer m.mu.RUnlock()
	return slices.Clone(m.rangeOf(lo, hi)), nil
}

// Stats implements Source.
func (m *MemIndex) Stats(ctx context.Context) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	st := Stats{Docs: len(m.docs)}
	if st.Docs > 0 {
		for f, n := range m.lens {
			st.AvgLen[f] = float64(n) / float64(st.Docs)
		}
	}
	return st, nil
}
