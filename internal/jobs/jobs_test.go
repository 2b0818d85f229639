package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"helpdesk/internal/jobs"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// clock is a settable time for the runner.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func enqueue(t *testing.T, st *store.Store, j model.Job) {
	t.Helper()
	if err := st.Tx(t.Context(), func(q *store.Q) error { _, err := q.EnqueueJob(t.Context(), j); return err }); err != nil {
		t.Fatal(err)
	}
}

func job(kind, payload string, at time.Time) model.Job {
	return model.Job{Kind: kind, Payload: payload, RunAt: at, MaxAttempts: 5, CreatedAt: at}
}

func TestRetriesThenSucceeds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		st := db.Open(t)
		c := &clock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
		calls := 0
		r := jobs.New(jobs.Options{Store: st, Logger: quiet, Now: c.Now, Handlers: map[string]jobs.Handler{
			"mail": func(ctx context.Context, j model.Job) error {
				calls++
				if calls < 3 {
					return errors.New("smtp down")
				}
				return nil
			}}})
		enqueue(t, st, job("mail", `{"to":"a@b.test"}`, c.Now()))
		steps := []struct {
			advance time.Duration
			claimed int
			calls   int
		}{
			{0, 1, 1},                // first attempt fails
			{5 * time.Second, 0, 1},  // back-off not over
			{6 * time.Second, 1, 2},  // second attempt after 10 s fails
			{39 * time.Second, 0, 2}, // the next wait is 40 s
			{2 * time.Second, 1, 3},  // third attempt succeeds
			{time.Hour, 0, 3},        // done: never again
		}
		for i, s := range steps {
			c.Add(s.advance)
			n, err := r.RunOnce(t.Context())
			if err != nil || n != s.claimed || calls != s.calls {
				t.Fatalf("step %d: claimed %d (want %d), calls %d (want %d), err %v", i, n, s.claimed, calls, s.calls, err)
			}
		}
		list, _ := st.Read().Jobs(t.Context(), "mail", 10)
		if len(list) != 1 || list[0].DoneAt.IsZero() || list[0].Attempts != 3 {
			t.Fatalf("job after success: %+v", list)
		}
	})
}

func TestPermanentAndExhaustedJobsFail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		st := db.Open(t)
		c := &clock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
		r := jobs.New(jobs.Options{Store: st, Logger: quiet, Now: c.Now, Backoff: func(int) time.Duration { return time.Second },
			Handlers: map[string]jobs.Handler{
				"bad":   func(context.Context, model.Job) error { return jobs.Permanent(errors.New("malformed")) },
				"flaky": func(context.Context, model.Job) error { return errors.New("down") },
				"boom":  func(context.Context, model.Job) error { panic("handler bug") },
			}})
		enqueue(t, st, job("bad", "{}", c.Now()))
		j := job("flaky", "{}", c.Now())
		j.MaxAttempts = 2
		enqueue(t, st, j)
		enqueue(t, st, job("unknown", "{}", c.Now()))
		p := job("boom", "{}", c.Now())
		p.MaxAttempts = 1
		enqueue(t, st, p)
		for range 4 {
			if _, err := r.RunOnce(t.Context()); err != nil {
				t.Fatal(err)
			}
			c.Add(2 * time.Second)
		}
		for _, kind := range []string{"bad", "flaky", "unknown", "boom"} {
			list, _ := st.Read().Jobs(t.Context(), kind, 10)
			if len(list) != 1 || list[0].FailedAt.IsZero() || list[0].LastError == "" {
				t.Errorf("%s: %+v, want failed with its error", kind, list)
			}
		}
		if n, _ := st.Read().PendingJobs(t.Context()); n != 0 {
			t.Errorf("%d jobs still pending", n)
		}
	})
}

func TestRolledBackChangeLeavesNoJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		st := db.Open(t)
		now := time.Now()
		err := st.Tx(t.Context(), func(q *store.Q) error {
			if _, err := q.EnqueueJob(t.Context(), job("mail", "{}", now)); err != nil {
				return err
			}
			return errors.New("the change failed")
		})
		if err == nil {
			t.Fatal("want the transaction's error")
		}
		if n, _ := st.Read().PendingJobs(t.Context()); n != 0 {
			t.Fatalf("%d jobs after rollback", n)
		}
		// A dedupe key adds a job once.
		for range 2 {
			j := job("digest", "{}", now)
			j.DedupeKey = "digest:42"
			enqueue(t, st, j)
		}
		if list, _ := st.Read().Jobs(t.Context(), "digest", 10); len(list) != 1 {
			t.Fatalf("dedupe: %d jobs", len(list))
		}
	})
}

// A runner that dies holding a job loses it when its lease runs out; the
// job is then run by another, and the dead runner's late outcome is
// refused.
func TestExpiredLeaseIsClaimedAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		st := db.Open(t)
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		enqueue(t, st, job("mail", "{}", now))
		dead, err := st.ClaimJobs(t.Context(), now, time.Minute, "dead", 10)
		if err != nil || len(dead) != 1 {
			t.Fatalf("first claim: %v %v", dead, err)
		}
		if again, _ := st.ClaimJobs(t.Context(), now.Add(30*time.Second), time.Minute, "early", 10); len(again) != 0 {
			t.Fatal("claimed while the lease holds")
		}
		ran := 0
		c := &clock{now: now.Add(61 * time.Second)}
		r := jobs.New(jobs.Options{Store: st, Logger: quiet, Now: c.Now, Lease: time.Minute,
			Handlers: map[string]jobs.Handler{"mail": func(context.Context, model.Job) error { ran++; return nil }}})
		if n, err := r.RunOnce(t.Context()); n != 1 || err != nil || ran != 1 {
			t.Fatalf("after lease: claimed %d, ran %d, %v", n, ran, err)
		}
		ok, err := st.FinishJob(t.Context(), dead[0], now.Add(2*time.Minute), store.JobDone, time.Time{}, "")
		if err != nil || ok {
			t.Fatalf("late outcome of the dead runner accepted: %v %v", ok, err)
		}
	})
}

// Runners over separate connections pools (as separate processes have)
// claim a shared queue at once; every job runs exactly once.
func TestConcurrentRunnersRunEachJobOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		dsn := db.DSN(t)
		open := func() *store.Store {
			st, err := store.Open(t.Context(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}
		a, b := open(), open()
		now := time.Now()
		const total = 300
		err := a.Tx(t.Context(), func(q *store.Q) error {
			for i := range total {
				if _, err := q.EnqueueJob(t.Context(), job("mail", fmt.Sprint(i), now)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		seen := map[string]int{}
		var runs atomic.Int64
		h := func(ctx context.Context, j model.Job) error {
			runs.Add(1)
			mu.Lock()
			seen[j.Payload]++
			mu.Unlock()
			return nil
		}
		var wg sync.WaitGroup
		for _, st := range []*store.Store{a, a, b, b} {
			r := jobs.New(jobs.Options{Store: st, Logger: quiet, Batch: 7, Handlers: map[string]jobs.Handler{"mail": h}})
			wg.Go(func() {
				for {
					n, err := r.RunOnce(t.Context())
					if err != nil {
						t.Error(err)
						return
					}
					if n == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		if runs.Load() != total || len(seen) != total {
			t.Fatalf("%d runs over %d distinct jobs, want %d", runs.Load(), len(seen), total)
		}
		if n, _ := a.Read().PendingJobs(t.Context()); n != 0 {
			t.Fatalf("%d jobs left", n)
		}
	})
}

// A periodic job is enqueued once per interval however many runners
// schedule it.
func TestPeriodicOncePerInterval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		st := db.Open(t)
		c := &clock{now: time.Date(2026, 3, 1, 12, 0, 10, 0, time.UTC)}
		var ran atomic.Int64
		opts := jobs.Options{Store: st, Logger: quiet, Now: c.Now, Poll: 10 * time.Millisecond,
			Periodic: []jobs.Periodic{{Kind: "autoclose", Every: time.Hour}},
			Handlers: map[string]jobs.Handler{"autoclose": func(context.Context, model.Job) error { ran.Add(1); return nil }}}
		ctx, cancel := context.WithCancel(t.Context())
		var wg sync.WaitGroup
		for range 3 {
			r := jobs.New(opts)
			wg.Go(func() { r.Run(ctx) })
		}
		deadline := time.Now().Add(5 * time.Second)
		for ran.Load() < 1 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond) // let the other runners try the same slot
		c.Add(time.Hour)
		for ran.Load() < 2 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
		cancel()
		wg.Wait()
		if got := ran.Load(); got != 2 {
			t.Fatalf("ran %d times over two intervals, want 2", got)
		}
	})
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{{1, 10 * time.Second}, {2, 40 * time.Second}, {3, 160 * time.Second}, {20, 6 * time.Hour}}
	for _, tt := range tests {
		if got := jobs.Backoff(tt.attempt); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.attempt, got, tt.want)
		}
	}
}

// A Drain runs on a wake even while a slow job holds the job loop, and
// again while it reports more.
func TestDrainNotHeldBySlowJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		st := db.Open(t)
		release := make(chan struct{})
		var batches atomic.Int64
		r := jobs.New(jobs.Options{Store: st, Logger: quiet, Poll: time.Hour,
			Handlers: map[string]jobs.Handler{"slow": func(ctx context.Context, _ model.Job) error {
				select {
				case <-release:
				case <-ctx.Done():
				}
				return nil
			}},
			Drains: []jobs.Drain{{Name: "test", Run: func(context.Context) (bool, error) {
				return batches.Add(1)%4 != 0, nil // three batches and a last one, per wake
			}}}})
		enqueue(t, st, model.Job{Kind: "slow", Payload: "{}", RunAt: time.Now().Add(-time.Second), MaxAttempts: 1, CreatedAt: time.Now()})
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() { r.Run(ctx); close(done) }()
		wait := func(n int64) {
			deadline := time.Now().Add(5 * time.Second)
			for batches.Load() < n && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if got := batches.Load(); got != n {
				t.Fatalf("batches %d, want %d", got, n)
			}
		}
		wait(4) // at start, while the slow job runs
		r.Wake()
		wait(8)
		close(release)
		cancel()
		<-done
	})
}
