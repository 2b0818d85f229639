package bench

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Stats are one operation's measurements.
type Stats struct {
	Count    int
	Errors   int
	Dropped  int // open loop: requests not sent because too many were in flight
	Elapsed  time.Duration
	lat      []time.Duration
	FirstErr string
}

// Rate is completed operations per second.
func (s Stats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Count) / s.Elapsed.Seconds()
}

// Pct is the q-th quantile (0..1) of the latencies.
func (s Stats) Pct(q float64) time.Duration {
	if len(s.lat) == 0 {
		return 0
	}
	return s.lat[int(q*float64(len(s.lat)-1)+0.5)]
}

// recorder collects latencies from many goroutines.
type recorder struct {
	mu    sync.Mutex
	stats Stats
}

func (r *recorder) add(d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.stats.Errors++
		if r.stats.FirstErr == "" {
			r.stats.FirstErr = err.Error()
		}
		return
	}
	r.stats.Count++
	r.stats.lat = append(r.stats.lat, d)
}

func (r *recorder) done(elapsed time.Duration) Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.Elapsed = elapsed
	slices.Sort(s.lat)
	return s
}

// call is one operation by one worker: it times what it measures itself
// and returns a negative duration for a call that is not counted (the
// walk to a deep page).
type call func(ctx context.Context, worker int) (time.Duration, error)

// timed measures fn from now.
func timed(fn func() error) (time.Duration, error) {
	t := time.Now()
	err := fn()
	return time.Since(t), err
}

// closedLoop runs fn from conc workers, each calling again as soon as its
// call returns, until dur has passed or maxCalls calls were made.
func closedLoop(ctx context.Context, conc int, dur time.Duration, maxCalls int, fn call) Stats {
	ctx, cancel := context.WithTimeout(ctx, dur+30*time.Second)
	defer cancel()
	var rec recorder
	var n atomic.Int64
	start := time.Now()
	end := start.Add(dur)
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) && n.Add(1) <= int64(maxCalls) && ctx.Err() == nil {
				d, err := fn(ctx, w)
				if d >= 0 || err != nil {
					rec.add(d, err)
				}
			}
		}()
	}
	wg.Wait()
	return rec.done(time.Since(start))
}

// openLoop launches requests on a fixed schedule of rate a second for
// dur, whether or not earlier ones have answered, and measures each from
// its scheduled time, so queueing shows in the latency. pick chooses the
// call of the i-th request and the class its latency is recorded under.
// At most maxInFlight requests are outstanding; beyond that a request is
// counted as dropped (the client could not keep the schedule).
func openLoop(ctx context.Context, rate float64, dur time.Duration, maxInFlight int, classes int,
	pick func(i int) (class int, fn func(ctx context.Context) error)) []Stats {
	ctx, cancel := context.WithTimeout(ctx, dur+30*time.Second)
	defer cancel()
	recs := make([]recorder, classes)
	var inFlight atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	total := int(rate * dur.Seconds())
	interval := time.Duration(float64(time.Second) / rate)
	for i := 0; i < total && ctx.Err() == nil; i++ {
		at := start.Add(time.Duration(i) * interval)
		if d := time.Until(at); d > 0 {
			time.Sleep(d)
		}
		class, fn := pick(i)
		if inFlight.Load() >= int64(maxInFlight) {
			recs[class].mu.Lock()
			recs[class].stats.Dropped++
			recs[class].mu.Unlock()
			continue
		}
		inFlight.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer inFlight.Add(-1)
			err := fn(ctx)
			recs[class].add(time.Since(at), err)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	out := make([]Stats, classes)
	for c := range recs {
		out[c] = recs[c].done(elapsed)
	}
	return out
}

// merge joins stats of several classes.
func merge(ss ...Stats) Stats {
	var m Stats
	for _, s := range ss {
		m.Count += s.Count
		m.Errors += s.Errors
		m.Dropped += s.Dropped
		m.Elapsed = max(m.Elapsed, s.Elapsed)
		m.lat = append(m.lat, s.lat...)
		if m.FirstErr == "" {
			m.FirstErr = s.FirstErr
		}
	}
	slices.Sort(m.lat)
	return m
}

func ms(d time.Duration) string {
	switch {
	case d == 0:
		return "—"
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
}
