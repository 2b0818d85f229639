package store

import (
	"encoding/binary"
	"math/bits"
)

// Ticket search postings are stored in blocks: one row per (term, bucket)
// of blockSize consecutive ticket ids, holding the bucket's ids for that
// term as a compact byte string. A row per posting cost some 12 bytes on
// SQLite and 70 on PostgreSQL (tuple header and b-tree entry); a block
// costs its row once and then one or two bytes an id, or an eighth of a
// byte when the term is common.
const (
	blockBits = 12
	blockSize = 1 << blockBits
	// bitmapLen is a full bitmap's length, chosen when the list is longer.
	bitmapLen = blockSize / 8
)

// Formats of an encoded block, its first byte; an empty block is empty.
const (
	deltaFormat  = 0 // uvarint gaps between ascending offsets
	bitmapFormat = 1 // one bit an offset
)

// block is the set of offsets (id - bucket*blockSize) of one bucket.
type block [blockSize / 64]uint64

func bucketOf(id int64) int64 { return id >> blockBits }

func (b *block) add(off int)      { b[off/64] |= 1 << (off % 64) }
func (b *block) remove(off int)   { b[off/64] &^= 1 << (off % 64) }
func (b *block) has(off int) bool { return b[off/64]&(1<<(off%64)) != 0 }

func (b *block) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// or adds the offsets of o.
func (b *block) or(o *block) {
	for i := range b {
		b[i] |= o[i]
	}
}

// andNot removes the offsets of o.
func (b *block) andNot(o *block) {
	for i := range b {
		b[i] &^= o[i]
	}
}

// desc calls fn with each offset, highest first, until fn returns false.
func (b *block) desc(fn func(off int) bool) {
	for i := len(b) - 1; i >= 0; i-- {
		for w := b[i]; w != 0; {
			hi := 63 - bits.LeadingZeros64(w)
			if !fn(i*64 + hi) {
				return
			}
			w &^= 1 << hi
		}
	}
}

// encode writes the block in the shorter format; nil (NULL) when empty.
func (b *block) encode() []byte {
	var out []byte
	prev := -1
	for i, w := range b {
		for w != 0 {
			off := i*64 + bits.TrailingZeros64(w)
			if len(out) == 0 {
				out = append(out, deltaFormat)
			}
			out = binary.AppendUvarint(out, uint64(off-prev))
			prev = off
			w &= w - 1
		}
		if len(out) > bitmapLen {
			break
		}
	}
	if len(out) <= bitmapLen {
		return out
	}
	out = make([]byte, 1+bitmapLen)
	out[0] = bitmapFormat
	for i, w := range b {
		binary.LittleEndian.PutUint64(out[1+8*i:], w)
	}
	return out
}

// decodeBlock reads an encoded block into b (adding to what it holds);
// ok is false when p is not a block.
func decodeBlock(p []byte, b *block) (ok bool) {
	if len(p) == 0 {
		return true
	}
	switch p[0] {
	case bitmapFormat:
		if len(p) != 1+bitmapLen {
			return false
		}
		for i := range b {
			b[i] |= binary.LittleEndian.Uint64(p[1+8*i:])
		}
		return true
	case deltaFormat:
		off := -1
		for p = p[1:]; len(p) > 0; {
			gap, n := binary.Uvarint(p)
			if n <= 0 || gap == 0 || gap > blockSize || off+int(gap) >= blockSize {
				return false
			}
			off += int(gap)
			b.add(off)
			p = p[n:]
		}
		return true
	}
	return false
}
