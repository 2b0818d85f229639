package search

import (
	"context"
	"sort"
	"unicode/utf8"
)

// maxSubst bounds the substitutes of one misspelt word.
const maxSubst = 8

// fallback replaces each query word that matched nothing by the vocabulary
// terms near it (see Search), fetching their postings in one more call.
// Only the terms with the same first letter are read: typos there are rare,
// and it keeps the scan narrow on a real store.
func (m *matcher) fallback(ctx context.Context, src fetcher) error {
	vocab := map[string][]string{} // first letter → terms
	subst := map[string][]wordFactor{}
	var terms []string
	for wi, w := range m.words {
		if m.matched(wi) || w.runes < 4 || hasDigit(w.folded) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w.folded)
		lo := string(r)
		vs, ok := vocab[lo]
		if !ok {
			var err error
			if vs, err = src.vocabulary(ctx, lo, PrefixEnd(lo)); err != nil {
				return err
			}
			vocab[lo] = vs
		}
		for _, c := range near(w, vs) {
			// Fetch only terms not fetched already (for another word):
			// postings seen twice would count twice.
			if _, ok := subst[c.term]; !ok && m.count[c.term] == 0 {
				terms = append(terms, c.term)
			}
			subst[c.term] = append(subst[c.term], wordFactor{wi, c.factor})
		}
	}
	if len(terms) > 0 {
		runs, err := src.runs(ctx, terms, "")
		if err != nil {
			return err
		}
		m.add(runs)
	}
	for t, wfs := range subst {
		for _, wf := range wfs {
			m.set(t, wf.w, wf.factor)
		}
	}
	return nil
}

type candidate struct {
	term   string
	dist   int
	factor float64
}

// near returns the terms of vocab at the smallest Damerau-Levenshtein
// distance from w allowed for the lengths compared: none below 5 letters,
// 1 from 5, 2 from 8 (shorter words only get their n/ñ variants, see
// qword.tildes). Between short words one letter is too much of the word:
// "carro" is not a typo of "cierre", nor "perro" of "periodo". Only the
// closest are kept, so a word that has a distance-1 neighbour is not also
// smeared over distance-2 ones.
func near(w qword, vocab []string) []candidate {
	forms := []string{w.exact, w.folded}
	var out []candidate
	for _, t := range vocab {
		best := maxTypos + 1
		for _, f := range forms {
			best = min(best, typoDistance(f, t, w.runes))
			// While typing, compare with the same number of letters of
			// the term: "contrase" is close to "contraseñ" + anything.
			if w.prefix != "" && w.runes >= 7 {
				if p := runePrefix(t, w.runes); p != t {
					best = min(best, typoDistance(f, p, w.runes))
				}
			}
		}
		if best > maxTypos {
			continue
		}
		c := candidate{term: t, dist: best, factor: factorTypo1}
		if best > 1 {
			c.factor = factorTypo2
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].dist < out[j].dist })
	for i := range out {
		if out[i].dist != out[0].dist || i == maxSubst {
			return out[:i]
		}
	}
	return out
}

// maxTypos is the largest distance ever forgiven.
const maxTypos = 2

// typoDistance is the distance of a and b when it is small enough to be a
// typo, else maxTypos+1. The limit follows the shorter of the two: 2 from 8
// letters, 1 from 5; at 4 letters only a missing or extra letter counts,
// and only when the word typed had 5 or more ("fuete" for "fuente"), since
// a changed letter in a 4-letter stem is a different word ("perr", "perd").
func typoDistance(a, b string, typed int) int {
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	n := min(la, lb)
	limit := 0
	switch {
	case n >= 8:
		limit = 2
	case n >= 5:
		limit = 1
	case n == 4 && typed >= 5 && abs(la-lb) == 1:
		limit = 1
	}
	if d := distance(a, b, limit); d <= limit {
		return d
	}
	return maxTypos + 1
}

// runePrefix returns the first n runes of s.
func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// distance is the Damerau-Levenshtein distance of a and b (optimal string
// alignment: adjacent transpositions count 1), in runes. It gives up and
// returns limit+1 as soon as the distance must exceed limit (>= 0).
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	// Three rows: two back for transpositions.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
