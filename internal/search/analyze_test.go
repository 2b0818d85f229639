package search

import (
	"slices"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"accents folded", "Factura electrónica rechazada por la DIAN", []string{"factur", "electron", "rechaz", "dian"}},
		{"no accents, plural", "facturas electronicas rechazadas", []string{"factur", "electron", "rechaz"}},
		{"inflections share a stem", "facturación facturacion facturando facturado factura", []string{"factur", "factur", "factur", "factur", "factur"}},
		{"upper case", "FACTURACIÓN ELECTRÓNICA", []string{"factur", "electron"}},
		{"ñ kept", "contraseña CONTRASEÑA contraseñas", []string{"contraseñ", "contraseñ", "contraseñ"}},
		{"n is not ñ", "contrasena", []string{"contrasen"}},
		{"año is not ano", "año años ano", []string{"año", "año", "ano"}},
		{"short plural", "día días", []string{"dia", "dia"}},
		{"ü folded", "pingüino PINGÜINOS", []string{"pinguin", "pinguin"}},
		{"decomposed accents", "nómina Nómina", []string{"nomin", "nomin"}},
		{"NFKC", "ＦＡＣＴＵＲＡ ﬁrma", []string{"factur", "firm"}},
		{"-ción without accent", "actualizacion actualización actualizaciones actualizar", []string{"actualiz", "actualiz", "actualiz", "actualiz"}},
		{"-sión", "versión version versiones", []string{"version", "version", "version"}},
		{"digits kept", "Error 401 en 2024", []string{"error", "401", "2024"}},
		{"mixed token unstemmed", "NIT900123-4", []string{"nit900123", "4"}},
		{"special characters are text", `50% _x 'a' "b" : ( * \ c`, []string{"50", "x", "b", "c"}},
		{"stop words only", "de la que el en y a los", nil},
		{"estado is not a stop word", "estado de cuenta", []string{"estad", "cuent"}},
		{"empty", "", nil},
		{"whitespace", " \t\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terms(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Árbol ÉXITO ñandú Ñ", "arbol exito ñandu ñ"},
		{"n\u0303", "ñ"}, // decomposed ñ recomposed
		{"Ç à ü ø", "c a u ø"},
		{"ascii ONLY", "ascii only"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	type w struct{ exact, prefix string }
	tests := []struct {
		q    string
		want []w
	}{
		{"factura elec", []w{{"factur", ""}, {"elec", "elec"}}},
		{"factura elec ", []w{{"factur", ""}, {"elec", ""}}},
		{"factura elec:", []w{{"factur", ""}, {"elec", ""}}},
		{"facturas", []w{{"factur", "factur"}}},
		{"fa", []w{{"fa", ""}}},
		{"de la que", nil},
		{"factura de", []w{{"factur", ""}}},
		{"factura factura", []w{{"factur", ""}, {"factur", "factur"}}},
		{"factura factura ", []w{{"factur", ""}}},
	}
	for _, tt := range tests {
		var got []w
		for _, x := range parseQuery(tt.q) {
			got = append(got, w{x.exact, x.prefix})
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("parseQuery(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
