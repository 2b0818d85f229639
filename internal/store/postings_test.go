package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestBlockEncoding: a block reads back as written, in the shorter
// format, and bytes that are not a block are refused.
func TestBlockEncoding(t *testing.T) {
	every := func(step int) []int {
		var out []int
		for off := 0; off < blockSize; off += step {
			out = append(out, off)
		}
		return out
	}
	for _, c := range []struct {
		name   string
		offs   []int
		format int // -1: empty
		max    int // longest encoding allowed
	}{
		{"empty", nil, -1, 0},
		{"first", []int{0}, deltaFormat, 2},
		{"last", []int{blockSize - 1}, deltaFormat, 3},
		{"both ends", []int{0, blockSize - 1}, deltaFormat, 4},
		{"sparse", every(97), deltaFormat, 1 + 43},
		{"every 9th", every(9), deltaFormat, 1 + 456},
		{"every 7th", every(7), bitmapFormat, 1 + bitmapLen},
		{"full", every(1), bitmapFormat, 1 + bitmapLen},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b block
			for _, off := range c.offs {
				b.add(off)
			}
			p := b.encode()
			if c.format < 0 && p != nil || c.format >= 0 && (len(p) == 0 || int(p[0]) != c.format) || len(p) > c.max {
				t.Errorf("encoded as %d bytes, format %v; want format %d, at most %d bytes", len(p), p[:min(len(p), 1)], c.format, c.max)
			}
			var back block
			if !decodeBlock(p, &back) || back != b || back.count() != len(c.offs) {
				t.Errorf("read back %d offsets, want %d", back.count(), len(c.offs))
			}
			var desc []int
			back.desc(func(off int) bool { desc = append(desc, off); return true })
			want := slices.Clone(c.offs)
			slices.Reverse(want)
			if !slices.Equal(desc, want) {
				t.Errorf("newest first: %v, want %v", desc[:min(len(desc), 5)], want[:min(len(want), 5)])
			}
		})
	}
	for _, p := range [][]byte{{2}, {bitmapFormat, 0}, {deltaFormat, 0}, {deltaFormat, 0x80}, {deltaFormat, 0x81, 0x20}, {deltaFormat, 1, 0x80, 0x20}} {
		var b block
		if decodeBlock(p, &b) {
			t.Errorf("%v read as a block", p)
		}
	}
}

// TestPostingsAcrossBuckets indexes made-up tickets over many buckets —
// sparse, dense and notes-only terms — and checks newest-first reading and
// matching against what was indexed, from every kind of cursor.
func TestPostingsAcrossBuckets(t *testing.T) {
	ctx := context.Background()
	const maxID = 12*blockSize + 100
	has := map[string]func(id int64) bool{
		"rare":   func(id int64) bool { return id%1009 == 0 },                 // a few a bucket
		"common": func(id int64) bool { return id%3 != 0 },                    // bitmaps
		"middle": func(id int64) bool { return id%11 == 0 },                   // gaps
		"gap":    func(id int64) bool { return id < 300 || id > 9*blockSize }, // empty buckets between
		"edge":   func(id int64) bool { return id%blockSize == 0 || id%blockSize == blockSize-1 },
	}
	// "note" is in every 5th ticket's notes; every 10th says it in public too.
	note := func(id int64, internal bool) bool { return id%10 == 0 || internal && id%5 == 0 }
	for name, st := range benchStores(t) {
		t.Run(name, func(t *testing.T) {
			var docs []TicketTerms
			for id := int64(1); id <= maxID; id++ {
				d := TicketTerms{ID: id}
				for term, in := range has {
					if in(id) {
						d.Public = append(d.Public, term)
					}
				}
				if id%5 == 0 {
					d.StaffOnly = append(d.StaffOnly, "note")
				}
				docs = append(docs, d)
			}
			index := func(docs []TicketTerms) {
				for len(docs) > 0 {
					n := min(len(docs), 1500) // batches that split buckets
					if err := st.Tx(ctx, func(q *Q) error { return q.IndexTickets(ctx, docs[:n]) }); err != nil {
						t.Fatal(err)
					}
					docs = docs[n:]
				}
			}
			index(docs)
			// The public use comes later, as a reply would bring it.
			var public []TicketTerms
			for id := int64(10); id <= maxID; id += 10 {
				public = append(public, TicketTerms{ID: id, Public: []string{"note"}})
			}
			index(public)
			index(docs[:2000]) // indexing again changes nothing
			holds := func(term string, id int64, internal bool) bool {
				if term == "note" {
					return note(id, internal)
				}
				return has[term](id)
			}
			ids, err := st.Read().termIDs(ctx, []string{"rare", "common", "middle", "gap", "edge", "note"})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				terms []string
				n     int
			}{
				{[]string{"rare"}, 5}, {[]string{"rare"}, 100}, {[]string{"common"}, 50}, {[]string{"middle"}, 500},
				{[]string{"gap"}, 30}, {[]string{"edge"}, 7}, {[]string{"note"}, 40}, {[]string{"rare", "gap"}, 60},
				{[]string{"edge", "middle", "note"}, 90},
			} {
				var g []int64
				for _, term := range c.terms {
					g = append(g, ids[term])
				}
				for _, internal := range []bool{false, true} {
					for _, cursor := range []int64{0, maxID, 9*blockSize + 1, 9 * blockSize, 5*blockSize - 1, 2 * blockSize, 400, 1} {
						var want []int64
						for id := int64(maxID); id >= 1 && len(want) < c.n; id-- {
							if cursor != 0 && id >= cursor {
								continue
							}
							if slices.ContainsFunc(c.terms, func(term string) bool { return holds(term, id, internal) }) {
								want = append(want, id)
							}
						}
						got, err := st.Read().newestPostings(ctx, g, cursor, c.n, internal)
						if err != nil {
							t.Fatal(err)
						}
						if !slices.Equal(got, want) {
							t.Errorf("%v below %d, %d, internal %v: got %d ids %v…, want %d %v…", c.terms, cursor, c.n, internal,
								len(got), got[:min(len(got), 6)], len(want), want[:min(len(want), 6)])
						}
						// Of those, the ones that hold "middle" and "note" too.
						groups := [][]int64{g, {ids["middle"]}, {ids["note"]}}
						kept, err := st.Read().matching(ctx, groups, 0, internal, want)
						if err != nil {
							t.Fatal(err)
						}
						wantKept := slices.DeleteFunc(slices.Clone(want), func(id int64) bool {
							return !holds("middle", id, internal) || !holds("note", id, internal)
						})
						if !slices.Equal(kept, wantKept) {
							t.Errorf("%v below %d, internal %v: matching kept %v, want %v", c.terms, cursor, internal, kept, wantKept)
						}
					}
				}
			}
			for _, c := range []struct {
				term     string
				internal bool
				want     int
			}{
				{"note", false, maxID / 10}, {"note", true, maxID / 5}, {"rare", false, maxID / 1009},
			} {
				if n, err := st.Read().countPostings(ctx, []int64{ids[c.term]}, c.internal); err != nil || n != c.want {
					t.Errorf("count %s (internal %v): %d, %v; want %d", c.term, c.internal, n, err, c.want)
				}
			}
		})
	}
}

// TestConcurrentIndexers: indexers in several transactions at once, on
// the same terms and blocks, lose no ticket (on PostgreSQL each rewrites
// whole blocks, so without taking turns one would overwrite another's).
func TestConcurrentIndexers(t *testing.T) {
	ctx := context.Background()
	const workers, batches, each = 6, 8, 20
	for name, st := range benchStores(t) {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, workers*batches)
			for w := range workers {
				wg.Go(func() {
					for b := range batches {
						var docs []TicketTerms
						for i := range each {
							// Interleaved ids: every batch of every worker
							// shares blocks with the others.
							id := int64(1 + (b*each+i)*workers + w)
							docs = append(docs, TicketTerms{ID: id, Public: []string{"todos", fmt.Sprintf("w%d", w)},
								StaffOnly: []string{"nota"}})
						}
						errs <- st.Tx(ctx, func(q *Q) error { return q.IndexTickets(ctx, docs) })
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			ids, err := st.Read().termIDs(ctx, []string{"todos", "nota", "w0", "w5"})
			if err != nil {
				t.Fatal(err)
			}
			const total = workers * batches * each
			for _, c := range []struct {
				term string
				want int
			}{{"todos", total}, {"nota", total}, {"w0", total / workers}, {"w5", total / workers}} {
				got, err := st.Read().newestPostings(ctx, []int64{ids[c.term]}, 0, 2*total, true)
				if err != nil || len(got) != c.want {
					t.Errorf("%s: %d tickets (%v), want %d", c.term, len(got), err, c.want)
				}
			}
		})
	}
}
