package web

import "testing"

func TestSafeNext(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/tickets", "/tickets"},
		{"/tickets/1042?x=1#t", "/tickets/1042?x=1#t"},
		{"/new/abc/2", "/new/abc/2"},
		{"", "/"},
		{"tickets", "/"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"\\\\evil.example", "/"},
		{"/\t/evil.example", "/"},
		{"/\n/evil.example", "/"},
		{"/%2F/evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"/\x7f/evil.example", "/"},
		{" /tickets", "/"},
	}
	for _, tt := range tests {
		if got := safeNext(tt.in); got != tt.want {
			t.Errorf("safeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTelURI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"(57)(6) 331 5979", "tel:+5763315979"},
		{"+57 601 555 1234", "tel:+576015551234"},
		{"331 5979", "tel:3315979"},
		{"llámenos", ""},
		{`"><script>`, ""},
	}
	for _, tt := range tests {
		if got := string(telURI(tt.in)); got != tt.want {
			t.Errorf("telURI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
