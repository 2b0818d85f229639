package store

import (
	"reflect"
	"testing"

	"helpdesk/internal/search"
)

// TestPostingsText reads back what encodePostings writes, and refuses
// text that is not its format rather than loading wrong postings.
func TestPostingsText(t *testing.T) {
	ps := search.IndexDoc(7, [search.NumFields]string{"Factura electrónica rechazada", "La DIAN rechaza la factura 2024",
		"Año gravable", "Reenvíe la factura: factura, factura."})
	var got []search.Posting
	err := decodePostings([]byte(encodePostings(ps)), func(field int, term []byte, freq, n int) {
		got = append(got, search.Posting{DocID: 7, Field: search.Field(field), Term: string(term), Freq: freq, FieldLen: n})
	})
	if err != nil || !reflect.DeepEqual(got, ps) {
		t.Fatalf("read back %v (%v), wrote %v", got, err, ps)
	}
	for _, bad := range []string{"0 factur 1", "0 factur x 3", "0  1 3", "a factur 1 3", "0 factur 1 3\n\n", "0 factur 1 3 4",
		"0 factur 1 9999999999"} {
		if err := decodePostings([]byte(bad), func(int, []byte, int, int) {}); err == nil {
			t.Errorf("%q read without an error", bad)
		}
	}
	if err := decodePostings(nil, func(int, []byte, int, int) { t.Error("a posting from nothing") }); err != nil {
		t.Error(err)
	}
}
