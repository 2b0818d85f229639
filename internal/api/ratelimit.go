package api

import (
	"math"
	"sync"
	"time"
)

// RateLimit is the fair-use limit of one credential (login token, access
// token or integration key): PerMinute requests on average, Burst at once.
//
// The buckets live in each process's memory. That is a choice: a shared
// counter would cost a database write on every request, and SQLite has a
// single writer, so reads would queue behind bookkeeping. With N processes
// behind a load balancer a credential may therefore make up to N times the
// limit. Login throttling, which is security rather than fair use, stays
// in the database and is shared by every process.
type RateLimit struct {
	PerMinute int
	Burst     int
}

// DefaultRateLimit is 300 requests a minute with bursts of 60.
var DefaultRateLimit = RateLimit{PerMinute: 300, Burst: 60}

type bucket struct {
	tokens float64
	at     time.Time
}

// limiter is a token bucket per credential id.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
	swept   time.Time
}

func newLimiter(l RateLimit, now func() time.Time) *limiter {
	if l.PerMinute <= 0 {
		l = DefaultRateLimit
	}
	if l.Burst <= 0 {
		l.Burst = max(1, l.PerMinute/5)
	}
	return &limiter{rate: float64(l.PerMinute) / 60, burst: float64(l.Burst), now: now, buckets: map[string]*bucket{}}
}

// allow takes one request from id's bucket; when it is empty it says how
// long until the next request is allowed.
func (l *limiter) allow(id string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	b, ok := l.buckets[id]
	if !ok {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[id] = b
	}
	if d := now.Sub(b.at).Seconds(); d > 0 {
		b.tokens = math.Min(l.burst, b.tokens+d*l.rate)
	}
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

// sweep forgets full buckets now and then, so idle credentials do not pile
// up in memory.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for id, b := range l.buckets {
		if now.Sub(b.at) > full {
			delete(l.buckets, id)
		}
	}
}

// retrySeconds rounds a wait up to whole seconds, at least one.
func retrySeconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}
