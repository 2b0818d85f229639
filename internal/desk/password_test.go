package desk

import (
	"bufio"
	"strings"
	"testing"

	"helpdesk/internal/model"
)

func TestCommonPasswordList(t *testing.T) {
	sc := bufio.NewScanner(strings.NewReader(commonPasswordsText))
	seen := map[string]bool{}
	for sc.Scan() {
		w := sc.Text()
		if w == "" || w != strings.ToLower(strings.TrimSpace(w)) || seen[w] {
			t.Errorf("bad or repeated entry %q", w)
		}
		seen[w] = true
	}
	if len(seen) != 1000 {
		t.Errorf("%d entries, want 1000", len(seen))
	}
}

func TestCheckNewPassword(t *testing.T) {
	d := &Desk{common: commonPasswords()}
	tests := []struct {
		email, password, key string
	}{
		{"ana.perez@ferreteria.test", "Lámpara-Verde-2026", ""},
		{"ana.perez@ferreteria.test", "corto-123", "error.password_rules"}, // 9
		{"ana.perez@ferreteria.test", "ñandú-azul", ""},                    // 10 runes, 12 bytes
		{"ana.perez@ferreteria.test", strings.Repeat("ñ", 128), ""},        // 128 runes
		{"ana.perez@ferreteria.test", strings.Repeat("x", 129), "error.password_rules"},
		{"ana.perez@ferreteria.test", "1234567890", "error.password_common"},
		{"ana.perez@ferreteria.test", "Colombia123", "error.password_common"}, // any case
		{"ana.perez@ferreteria.test", "CONTRASEÑA123", "error.password_common"},
		{"ana.perez@ferreteria.test", "Bogota2024", "error.password_common"},
		{"ana.perez@ferreteria.test", "qwertyuiop", "error.password_common"},
		{"ana.perez@ferreteria.test", "xx-ANA.PEREZ-2026", "error.password_email"},
		{"jo@ferreteria.test", "jo-jo-jo-2026-Verde", ""}, // a 2-letter name is not checked
		{"caja@panaderia.test", "LaCaja-de-Pan-26", "error.password_email"},
		{"lucia.munoz@ferreteria.test", "lucía.muñoz9999", "error.password_email"},
		{"lucia.munoz@ferreteria.test", "LUCÍA.MUÑOZ-2026", "error.password_email"},
		{"nuñez@panaderia.test", "x-Nunez-x-2026", "error.password_email"},
		{"caja@panaderia.test", "nul\x00is-not-text", "error.invalid_text"},
	}
	for _, tt := range tests {
		err := d.checkNewPassword(tt.email, tt.password)
		got := ""
		if v, ok := err.(*model.ValidationError); ok {
			got = v.Fields["password"]
		} else if err != nil {
			t.Fatalf("%q: %v", tt.password, err)
		}
		if got != tt.key {
			t.Errorf("%s / %q: %q, want %q", tt.email, tt.password, got, tt.key)
		}
	}
}
