package search

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Compact is an in-memory copy of a terms table, kept small: each distinct
// term is stored once, and its postings are 8-byte structs pointing into a
// table of documents, which holds the field lengths. A process builds it
// from the database and keeps it in step with Replace; it answers Postings
// and Vocabulary exactly as the table does (Stats is the caller's, who
// reads them where it reads the table). Safe for concurrent use.
type Compact struct {
	mu     sync.RWMutex
	ids    map[string]uint32 // term → term number
	terms  []string          // term number → term
	lists  [][]cpost         // term number → postings
	sorted []uint32          // term numbers in byte order of their terms
	dirty  bool              // sorted lacks terms added since it was built
	slots  map[int64]uint32  // document id → slot
	docs   []cdoc            // slot → document
	free   []uint32          // slots of removed documents
}

// cpost is a posting: slot<<fieldBits | field, and the term's frequency.
type cpost struct{ ref, freq uint32 }

const (
	fieldBits = 2
	fieldMask = 1<<fieldBits - 1
)

// The field must fit in the low bits of cpost.ref.
var _ [1<<fieldBits - NumFields]struct{}

// cdoc is a document: its id and the length of each field.
type cdoc struct {
	id   int64
	lens [NumFields]uint32
}

// NewCompact returns an empty index.
func NewCompact() *Compact {
	return &Compact{ids: map[string]uint32{}, slots: map[int64]uint32{}}
}

// Add loads one posting, for building an index before it is shared: it
// takes no lock. term may be a buffer the caller reuses. Postings of a
// field outside the fields known, or with no frequency, are ignored, as
// ranking ignores them.
func (c *Compact) Add(id int64, field Field, term []byte, freq, fieldLen int) {
	if field >= NumFields || freq <= 0 {
		return
	}
	t, ok := c.ids[string(term)]
	if !ok {
		t = c.term(string(term))
	}
	s, ok := c.slots[id]
	if !ok {
		s = c.slot(id)
	}
	c.docs[s].lens[field] = uint32(fieldLen)
	c.lists[t] = append(c.lists[t], cpost{ref: s<<fieldBits | uint32(field), freq: uint32(freq)})
}

// Finish makes an index built with Add ready to be shared, giving back
// the room that appending left in its slices.
func (c *Compact) Finish() {
	for t, l := range c.lists {
		c.lists[t] = tight(l)
	}
	c.sortTerms()
}

// tight returns s in an array of its length when appending left much room.
func tight[T any](s []T) []T {
	if cap(s)-len(s) <= len(s)/16 {
		return s
	}
	return slices.Clone(s)
}

// term adds a term to the dictionary.
func (c *Compact) term(s string) uint32 {
	t := uint32(len(c.terms))
	c.ids[s] = t
	c.terms = append(c.terms, s)
	c.lists = append(c.lists, nil)
	c.dirty = true
	return t
}

// slot gives a new document a slot, reusing a removed one's.
func (c *Compact) slot(id int64) uint32 {
	var s uint32
	if n := len(c.free); n > 0 {
		s, c.free = c.free[n-1], c.free[:n-1]
		c.docs[s] = cdoc{id: id}
	} else {
		s = uint32(len(c.docs))
		c.docs = append(c.docs, cdoc{id: id})
	}
	c.slots[id] = s
	return s
}

func (c *Compact) sortTerms() {
	c.sorted = make([]uint32, len(c.terms))
	for i := range c.sorted {
		c.sorted[i] = uint32(i)
	}
	slices.SortFunc(c.sorted, func(a, b uint32) int { return strings.Compare(c.terms[a], c.terms[b]) })
	c.dirty = false
}

// Replace sets the postings of documents, as they are now in the table:
// each id in ids loses its old postings and gets those of ps with its id
// (none: the document is gone). Old postings are found by a pass over
// every list, which costs milliseconds at 50,000 documents and spares a
// list of terms per document (a quarter of the memory).
func (c *Compact) Replace(ids []int64, ps []Posting) {
	c.mu.Lock()
	defer c.mu.Unlock()
	gone := make([]bool, len(c.docs))
	removed := false
	for _, id := range ids {
		if s, ok := c.slots[id]; ok {
			gone[s], removed = true, true
			delete(c.slots, id)
			c.docs[s] = cdoc{}
			c.free = append(c.free, s)
		}
	}
	if removed {
		for t, l := range c.lists {
			c.lists[t] = slices.DeleteFunc(l, func(p cpost) bool { return gone[p.ref>>fieldBits] })
		}
	}
	for _, p := range ps {
		c.Add(p.DocID, p.Field, []byte(p.Term), p.Freq, p.FieldLen)
	}
	if c.dirty {
		c.sortTerms()
	}
}

// rangeOf returns the numbers of the terms t with lo <= t < hi ("" hi:
// unbounded), terms without postings included. The caller holds mu.
func (c *Compact) rangeOf(lo, hi string) []uint32 {
	s := c.sorted
	i := sort.Search(len(s), func(i int) bool { return c.terms[s[i]] >= lo })
	j := len(s)
	if hi != "" {
		j = i + sort.Search(len(s)-i, func(k int) bool { return c.terms[s[i+k]] >= hi })
	}
	return s[i:j]
}

// lend implements lender: the index itself, read-locked until released.
func (c *Compact) lend() (fetcher, func()) {
	c.mu.RLock()
	return compactView{c}, c.mu.RUnlock
}

// compactView reads a Compact whose read lock is held.
type compactView struct{ c *Compact }

func (v compactView) runs(ctx context.Context, terms []string, prefix string) ([]run, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c := v.c
	want := make([]uint32, 0, len(terms))
	for _, s := range terms {
		if t, ok := c.ids[s]; ok && !slices.Contains(want, t) {
			want = append(want, t)
		}
	}
	if prefix != "" {
		exact := len(want)
		for _, t := range c.rangeOf(prefix, PrefixEnd(prefix)) {
			if !slices.Contains(want[:exact], t) {
				want = append(want, t)
			}
		}
	}
	out := make([]run, 0, len(want))
	for _, t := range want {
		if l := c.lists[t]; len(l) > 0 {
			out = append(out, run{term: c.terms[t], n: len(l), posts: l, docs: c.docs})
		}
	}
	return out, nil
}

func (v compactView) vocabulary(ctx context.Context, lo, hi string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, t := range v.c.rangeOf(lo, hi) {
		if len(v.c.lists[t]) > 0 {
			out = append(out, v.c.terms[t])
		}
	}
	return out, nil
}

// Postings implements Source.
func (c *Compact) Postings(ctx context.Context, terms []string, prefix string) ([]Posting, error) {
	f, release := c.lend()
	defer release()
	runs, err := f.runs(ctx, terms, prefix)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, r := range runs {
		n += len(r.posts)
	}
	out := make([]Posting, 0, n)
	for _, r := range runs {
		for _, p := range r.posts {
			d := &r.docs[p.ref>>fieldBits]
			f := Field(p.ref & fieldMask)
			out = append(out, Posting{DocID: d.id, Field: f, Term: r.term, Freq: int(p.freq), FieldLen: int(d.lens[f])})
		}
	}
	return out, nil
}

// Vocabulary implements Source.
func (c *Compact) Vocabulary(ctx context.Context, lo, hi string) ([]string, error) {
	f, release := c.lend()
	defer release()
	return f.vocabulary(ctx, lo, hi)
}

// Size reports what the index holds: documents, distinct terms, postings.
func (c *Compact) Size() (docs, terms, postings int) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, l := range c.lists {
		postings += len(l)
	}
	return len(c.slots), len(c.terms), postings
}
