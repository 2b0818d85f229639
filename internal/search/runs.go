package search

import "context"

// run is the postings of one term as ranking reads them: either lent by a
// Compact (posts over docs) or a stretch of what another Source returned
// (plain). A term may have several runs.
type run struct {
	term  string
	n     int // postings fetched
	posts []cpost
	docs  []cdoc // slot → document
	plain []Posting
}

// fetcher is what Search reads: runs of postings and the vocabulary.
type fetcher interface {
	runs(ctx context.Context, terms []string, prefix string) ([]run, error)
	vocabulary(ctx context.Context, lo, hi string) ([]string, error)
}

// lender is a Source that lends its postings instead of copying them
// (Compact, also when embedded): Search holds its read lock for the whole
// query.
type lender interface {
	lend() (fetcher, func())
}

// sourceFetcher reads any Source.
type sourceFetcher struct{ src Source }

func (f sourceFetcher) vocabulary(ctx context.Context, lo, hi string) ([]string, error) {
	return f.src.Vocabulary(ctx, lo, hi)
}

// runs cuts the postings into stretches of one term: a store returns
// them grouped by term, so there are few.
func (f sourceFetcher) runs(ctx context.Context, terms []string, prefix string) ([]run, error) {
	ps, err := f.src.Postings(ctx, terms, prefix)
	if err != nil {
		return nil, err
	}
	var out []run
	for start, i := 0, 0; i < len(ps); i++ {
		if i+1 == len(ps) || ps[i+1].Term != ps[start].Term {
			out = append(out, run{term: ps[start].Term, n: i + 1 - start, plain: ps[start : i+1]})
			start = i + 1
		}
	}
	return out, nil
}
