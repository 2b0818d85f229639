package search

import (
	"slices"
	"testing"
)

func TestParseTicketQuery(t *testing.T) {
	tests := []struct {
		q      string
		whole  []string
		last   string
		prefix string
		empty  bool
	}{
		{q: "facturas electrónicas", whole: []string{"factur"}, last: "electron", prefix: "electronicas"}, // the stem matches whole, what was typed as a prefix
		{q: "FACTURA elec", whole: []string{"factur"}, last: "elec", prefix: "elec"},
		{q: "factu", last: "factu", prefix: "factu"},
		{q: "fe", last: "fe"}, // two letters: whole term only
		{q: "error fe", whole: []string{"error"}, last: "fe"}, // the same after other words
		{q: "x", last: "x", empty: true},                      // one letter alone is too vague
		{q: "de la que", empty: true},                         // stop words only
		{q: "contra", last: "", prefix: "contra"},             // a stop word being typed may start a word
		{q: `%_'":(*\`, empty: true},                          // symbols are separators, never syntax
		{q: "100% FE-401", whole: []string{"100", "fe"}, last: "401", prefix: "401"},
		{q: "error error", last: "error", prefix: "error", whole: []string{"error"}},
		{q: "año", last: "año", prefix: "año"},
		{q: "factura para", whole: []string{"factur"}}, // a stop word after other words is dropped
	}
	for _, tt := range tests {
		got := ParseTicketQuery(tt.q)
		if !slices.Equal(got.Whole, tt.whole) || got.Last != tt.last || got.Prefix != tt.prefix || got.Empty() != tt.empty {
			t.Errorf("%q: %+v (empty %v), want whole %v last %q prefix %q empty %v",
				tt.q, got, got.Empty(), tt.whole, tt.last, tt.prefix, tt.empty)
		}
	}
}

func TestDocTermsOncePerTicket(t *testing.T) {
	got := DocTerms("Factura facturas FACTURACIÓN " + string(make([]byte, 0)) + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	if !slices.Equal(got, []string{"factur"}) {
		t.Errorf("DocTerms = %q, want each term once and no term over %d bytes", got, MaxTermBytes)
	}
}
