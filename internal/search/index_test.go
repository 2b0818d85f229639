package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrefixEnd(t *testing.T) {
	tests := []struct{ in, want string }{
		{"fact", "facu"},
		{"a", "b"},
		{"contraseñ", "contraseò"}, // ñ U+00F1 → U+00F2, still valid UTF-8
		{"ñ", "ò"},
		{"az\u00ff", "az\u0100"}, // C3 BF → C4 80: carries into the lead byte
		{"a\xff", "b"},           // invalid 0xFF byte cannot grow: drop it
		{"\xff\xff", ""},         // nothing can follow: unbounded
		{"a\xfe", "a\xff"},       // invalid byte below 0xFF grows as a byte
		{"x\U0010FFFF", "y"},     // last code point: drop it
		{"\ud7ff", "\ue000"},     // skips the surrogates
		{"", ""},
	}
	for _, tt := range tests {
		got := PrefixEnd(tt.in)
		if got != tt.want {
			t.Errorf("PrefixEnd(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if utf8.ValidString(tt.in) && !utf8.ValidString(got) {
			t.Errorf("PrefixEnd(%q) = %q is not valid UTF-8", tt.in, got)
		}
		// Every string with the prefix sorts below the end.
		if got != "" {
			for _, s := range []string{tt.in, tt.in + "zzz", tt.in + "\U0010FFFF", tt.in + "\xff\xff"} {
				if s >= got {
					t.Errorf("PrefixEnd(%q) = %q is not above %q", tt.in, got, s)
				}
			}
			if strings.HasPrefix(got, tt.in) {
				t.Errorf("PrefixEnd(%q) = %q has the prefix", tt.in, got)
			}
		}
	}
}

func TestIndexDoc(t *testing.T) {
	got := IndexDoc(7, [NumFields]string{"Factura rechazada", "La factura: facturas", "", "DIAN"})
	want := []Posting{
		{7, Title, "factur", 1, 2},
		{7, Title, "rechaz", 1, 2},
		{7, Situation, "factur", 2, 2},
		{7, Solution, "dian", 1, 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("IndexDoc = %v, want %v", got, want)
	}
}
