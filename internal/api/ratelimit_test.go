package api

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	l := newLimiter(RateLimit{PerMinute: 60, Burst: 3}, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait <= 0 || wait > time.Second || retrySeconds(wait) != 1 {
		t.Fatalf("4th request: %v, wait %v", ok, wait)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Fatal("another credential shares the bucket")
	}
	now = now.Add(time.Second)
	if ok, _ := l.allow("a"); !ok {
		t.Fatal("one token refilled after a second, refused")
	}
	if ok, _ := l.allow("a"); ok {
		t.Fatal("only one token should have refilled")
	}
	now = now.Add(time.Hour)
	l.allow("c") // sweeps
	if _, kept := l.buckets["a"]; kept {
		t.Error("idle full bucket kept")
	}
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("after idling, burst request %d refused", i+1)
		}
	}
}
