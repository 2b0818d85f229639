package model

import "testing"

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"10.2", "10.10", -1},
		{"10.10", "10.2", 1},
		{"10.2", "10.2", 0},
		{"10.2", "10.2.0", 0},
		{"10.2.1", "10.2", 1},
		{"9", "10", -1},
		{"010.2", "10.2", 0},
		{"1.0.0.1", "1", 1},
	}
	for _, tt := range tests {
		if got := CompareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestValidVersion(t *testing.T) {
	for _, v := range []string{"10", "10.2", "10.2.3", "2026.1.15"} {
		if !ValidVersion(v) {
			t.Errorf("%q refused", v)
		}
	}
	for _, v := range []string{"", "10.", ".2", "10..2", "v10", "10.2-beta", "10,2", " 10", "1234567890"} {
		if ValidVersion(v) {
			t.Errorf("%q accepted", v)
		}
	}
}
