package search

import (
	"math"
	"sort"
	"strings"
)

// Rerank reorders the best hits of Search by how much of the query, as
// typed, their titles hold: a FAQ titled "Factura electrónica rechazada"
// beats "Inventario negativo al facturar" for "factura", though both stem
// to "factur" and BM25 alone cannot tell them apart. Coordination still
// comes first (a title bonus never lifts a hit over one that matched more
// query words); within a tier, the title's cover of the typed words and
// BM25 count half each. title returns a hit's title. Hits come back in a
// new order, scores updated.
func Rerank(q string, hits []Hit, title func(id int64) string) []Hit {
	words := parseQuery(q)
	if len(words) == 0 || len(hits) < 2 {
		return hits
	}
	out := make([]Hit, len(hits))
	for i, h := range hits {
		matched := math.Floor(h.Score)
		bm := h.Score - matched
		cover := titleCover(words, tokens(fold(title(h.DocID))))
		out[i] = Hit{DocID: h.DocID, Score: matched + (cover+bm)/2}
	}
	sort.SliceStable(out, func(i, j int) bool { return better(out[i], out[j]) })
	return out
}

// titleCover is the share of query words found in the title tokens: 1 for
// the word as typed, ¾ for a completion of the word being typed
// ("factura" → "facturar"), ½ for another form of it (same stem).
func titleCover(words []qword, title []string) float64 {
	sum := 0.0
	for _, w := range words {
		best := 0.0
		for _, tok := range title {
			switch {
			case tok == w.folded:
				best = 1
			case best < 0.75 && w.prefix != "" && strings.HasPrefix(tok, w.folded):
				best = 0.75
			case best < 0.5 && w.exact != "" && stemOf(tok) == w.exact:
				best = 0.5
			}
			if best == 1 {
				break
			}
		}
		sum += best
	}
	return sum / float64(len(words))
}

// stemOf is the index term of a title token, "" for a stop word.
func stemOf(tok string) string {
	t, _ := term(tok)
	return t
}
