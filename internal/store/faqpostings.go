package store

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"helpdesk/internal/search"
)

// encodePostings writes a FAQ's postings as faq_postings.data: a line
// "field term freq field_len" per posting. Terms are letters and digits
// only (see search.Terms), never a space or a line break.
func encodePostings(ps []search.Posting) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strconv.Itoa(int(p.Field)))
		b.WriteByte(' ')
		b.WriteString(p.Term)
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(p.Freq))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(p.FieldLen))
	}
	return b.String()
}

var errPostings = errors.New("faq_postings: malformed data")

// decodePostings reads faq_postings.data, calling add for each posting;
// term is only valid during the call.
func decodePostings(data []byte, add func(field int, term []byte, freq, fieldLen int)) error {
	for len(data) > 0 {
		line := data
		if i := indexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		var parts [4][]byte
		for k := range parts {
			if k == 3 {
				parts[k] = line
				break
			}
			i := indexByte(line, ' ')
			if i < 0 {
				return errPostings
			}
			parts[k], line = line[:i], line[i+1:]
		}
		field, err1 := atoi(parts[0])
		freq, err2 := atoi(parts[2])
		n, err3 := atoi(parts[3])
		if err1 != nil || err2 != nil || err3 != nil || len(parts[1]) == 0 {
			return errPostings
		}
		add(field, parts[1], freq, n)
	}
	return nil
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// atoi parses a small decimal number without allocating.
func atoi(b []byte) (int, error) {
	if len(b) == 0 || len(b) > 9 {
		return 0, errPostings
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, errPostings
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// writePostings replaces a FAQ's row of faq_postings, in the caller's
// transaction: none when it has no postings (unpublished, or no terms).
func (q *Q) writePostings(ctx context.Context, id int64, ps []search.Posting) error {
	if _, err := q.exec(ctx, `DELETE FROM faq_postings WHERE faq_id = $1`, id); err != nil || len(ps) == 0 {
		return err
	}
	_, err := q.exec(ctx, `INSERT INTO faq_postings (faq_id, data) VALUES ($1, $2)`, id, encodePostings(ps))
	return err
}
