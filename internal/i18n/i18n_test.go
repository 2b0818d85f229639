package i18n

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	c := New()
	es, en := c.Keys("es"), c.Keys("en")
	sort.Strings(es)
	sort.Strings(en)
	missing := func(a, b []string) []string {
		have := map[string]bool{}
		for _, k := range b {
			have[k] = true
		}
		var out []string
		for _, k := range a {
			if !have[k] {
				out = append(out, k)
			}
		}
		return out
	}
	if m := missing(es, en); len(m) > 0 {
		t.Errorf("missing in English: %s", strings.Join(m, ", "))
	}
	if m := missing(en, es); len(m) > 0 {
		t.Errorf("missing in Spanish: %s", strings.Join(m, ", "))
	}
	for _, lang := range c.Languages() {
		l := c.For(lang, "")
		for _, k := range c.Keys(lang) {
			if strings.TrimSpace(l.T(k)) == "" {
				t.Errorf("%s: %s is empty", lang, k)
			}
		}
	}
}

func TestNegotiate(t *testing.T) {
	c := New()
	tests := []struct{ pref, accept, want string }{
		{"", "", "es"},
		{"", "en-US,en;q=0.9", "en"},
		{"", "fr-FR, es-CO;q=0.8", "es"},
		{"en", "es-CO", "en"},
		{"xx", "de", "es"},
		{"", "en;q=0.3, es-CO;q=0.9", "es"},
		{"", "es;q=0.2, en", "en"},
		{"", "en;q=bad, es;q=0.1", "es"},
	}
	for _, tt := range tests {
		if got := c.Negotiate(tt.pref, tt.accept); got != tt.want {
			t.Errorf("Negotiate(%q, %q) = %q, want %q", tt.pref, tt.accept, got, tt.want)
		}
	}
}

func TestTimeInReadersZone(t *testing.T) {
	at := time.Date(2026, 1, 1, 17, 0, 0, 0, time.UTC)
	tests := []struct{ zone, want string }{
		{"America/Bogota", "2026-01-01 12:00"},
		{"", "2026-01-01 12:00"},
		{"Europe/Madrid", "2026-01-01 18:00"},
	}
	for _, tt := range tests {
		if got := New().For("es", tt.zone).Time(at); got != tt.want {
			t.Errorf("zone %q: %s, want %s", tt.zone, got, tt.want)
		}
	}
}
