package search

import (
	"slices"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"factur", "factur", 0},
		{"factru", "factur", 1},  // transposition
		{"facur", "factur", 1},   // deletion
		{"facttur", "factur", 1}, // insertion
		{"fectur", "factur", 1},  // substitution
		{"contrasen", "contraseñ", 1},
		{"ftcaur", "factur", 2},
		{"tfcaur", "factur", 3},
		{"", "abc", 3},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b, 5); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := distance(tt.a, tt.b, 1); got != min(tt.want, 2) {
			t.Errorf("distance(%q, %q, limit 1) = %d, want %d", tt.a, tt.b, got, min(tt.want, 2))
		}
	}
}

func TestTildeVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"ano", []string{"año"}},
		{"contrasen", []string{"contraseñ", "coñtrasen", "coñtraseñ"}},
		{"nino", []string{"ñino", "niño", "ñiño"}},
		{"año", nil},
		{"factur", nil},
	}
	for _, tt := range tests {
		got := tildeVariants(tt.in)
		slices.Sort(got)
		slices.Sort(tt.want)
		if !slices.Equal(got, tt.want) {
			t.Errorf("tildeVariants(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShorterPrefixes(t *testing.T) {
	tests := []struct {
		in   string
		upTo int
		want []string
	}{
		{"electroni", 9, []string{"electron"}},                          // "i" starts -ica, "oni" starts nothing
		{"contrasena", 9, nil},                                          // not "contr" + "asena"
		{"facturacio", 10, []string{"facturaci", "facturac", "factur"}}, // -o, -ió, -ación
		{"actualizacione", 14, []string{"actualizacion", "actualiz"}},
	}
	for _, tt := range tests {
		if got := shorterPrefixes(tt.in, tt.upTo); !slices.Equal(got, tt.want) {
			t.Errorf("shorterPrefixes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNear(t *testing.T) {
	vocab := []string{"factor", "factur", "facil", "fech", "fiscal"}
	tests := []struct {
		word string
		want []string
	}{
		{"factrua", []string{"factur"}},
		{"factoor", []string{"factor"}},
		{"fecha", []string{"fech"}}, // stem "fech"? distance 0 is an exact hit, but near only sees misses
		{"fxyzq", nil},
		{"fac", nil}, // 3 letters: only an n/ñ difference would do
	}
	for _, tt := range tests {
		ws := parseQuery(tt.word + " ")
		var got []string
		for _, c := range near(ws[0], vocab) {
			got = append(got, c.term)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("near(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
