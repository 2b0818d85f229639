package search

import "sync"

// scratch accumulates, per document, the weighted term frequency of each
// query word. Documents are found through an open-addressing hash table
// rather than a map: it is the inner loop of every keystroke, and a table
// reused through a pool is several times cheaper than a fresh map.
type scratch struct {
	nw    int
	keys  []int64 // table: document ids
	slots []int32 // table: 1 + index into ids, 0 when empty
	mask  uint64
	ids   []int64 // documents in order of first appearance
	acc   []int64 // acc[d*nw+w], fixed point (see grid)
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// getScratch returns an empty scratch for up to n documents and nw words.
func getScratch(n, nw int) *scratch {
	sc := scratchPool.Get().(*scratch)
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(sc.keys) < size {
		sc.keys = make([]int64, size)
		sc.slots = make([]int32, size)
	} else {
		sc.keys = sc.keys[:size]
		sc.slots = sc.slots[:size]
		clear(sc.slots)
	}
	sc.mask = uint64(size - 1)
	sc.nw = nw
	sc.ids = sc.ids[:0]
	sc.acc = sc.acc[:0]
	return sc
}

func putScratch(sc *scratch) {
	if cap(sc.keys) > 1<<22 {
		return // don't keep the table of a freak query around
	}
	scratchPool.Put(sc)
}

// row returns the accumulators of document id, adding it if new.
func (sc *scratch) row(id int64) []int64 {
	h := (uint64(id) * 0x9E3779B97F4A7C15) >> 32 // Fibonacci hashing
	for i := h & sc.mask; ; i = (i + 1) & sc.mask {
		switch s := sc.slots[i]; {
		case s == 0:
			sc.keys[i] = id
			sc.ids = append(sc.ids, id)
			sc.slots[i] = int32(len(sc.ids))
			sc.acc = append(sc.acc, make([]int64, sc.nw)...)
			d := len(sc.ids) - 1
			return sc.acc[d*sc.nw : (d+1)*sc.nw]
		case sc.keys[i] == id:
			d := int(s) - 1
			return sc.acc[d*sc.nw : (d+1)*sc.nw]
		}
	}
}
