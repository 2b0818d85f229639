// Package jobs runs the background work kept in the jobs table: mail,
// webhook deliveries, auto-close, indexing. Jobs are written by the desk in
// the transaction of the change that causes them; a Runner claims due jobs
// under a lease, runs the handler of their kind and records the outcome.
// Several runners (in one process or many) never run the same job at once;
// a job whose runner died is claimed again when its lease runs out.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Handler does one job. An error retries it later with back-off, unless it
// is Permanent or the job is out of attempts.
type Handler func(ctx context.Context, j model.Job) error

// Periodic is work enqueued every Every: once per interval across every
// process, thanks to the job's dedupe key.
type Periodic struct {
	Kind  string
	Every time.Duration
}

// Options configures a Runner.
type Options struct {
	Store    *store.Store
	Handlers map[string]Handler
	Periodic []Periodic
	Logger   *slog.Logger
	Now      func() time.Time // time.Now when nil
	// Lease is how long a claimed job is the runner's (default 2 minutes);
	// Poll how often it looks for due jobs (default 1 second); Batch how
	// many it claims at once (default 20).
	Lease time.Duration
	Poll  time.Duration
	Batch int
	// Backoff is the wait before attempt n+1 (default: 10s·4ⁿ⁻¹, at most 6h).
	Backoff func(attempt int) time.Duration
	// Observe, when set, hears each job's outcome: "done", "retry",
	// "failed" or "lost" (its lease ran out first).
	Observe func(kind, outcome string)
	// Drains empty outboxes of their own (the search index's queue of
	// tickets): each runs after every wake and poll, again while it reports
	// more, one small batch a call.
	Drains []Drain
}

// Drain works one batch off an outbox table; more reports that another
// batch waits. A Drain must be safe to run in several processes at once.
type Drain struct {
	Name string
	Run  func(ctx context.Context) (more bool, err error)
}

// Runner claims and runs jobs.
type Runner struct {
	o         Options
	wake      chan struct{}
	drainWake chan struct{}
}

// New builds a Runner with defaults filled in.
func New(o Options) *Runner {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Batch <= 0 {
		o.Batch = 20
	}
	if o.Backoff == nil {
		o.Backoff = Backoff
	}
	if o.Observe == nil {
		o.Observe = func(string, string) {}
	}
	return &Runner{o: o, wake: make(chan struct{}, 1), drainWake: make(chan struct{}, 1)}
}

// Backoff is the default wait before the next attempt: 10 s, 40 s, 160 s,
// … at most six hours.
func Backoff(attempt int) time.Duration {
	d := 10 * time.Second
	for i := 1; i < attempt && d < 6*time.Hour; i++ {
		d *= 4
	}
	return min(d, 6*time.Hour)
}

// Wake makes a sleeping runner look for jobs now (the desk calls it after
// a commit that enqueued work). It never blocks.
func (r *Runner) Wake() {
	for _, c := range []chan struct{}{r.wake, r.drainWake} {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

// Run claims and runs jobs, and runs the Drains, until ctx ends. The
// Drains have a loop of their own, so a slow job never holds them up.
func (r *Runner) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	if len(r.o.Drains) > 0 {
		wg.Go(func() { r.drainLoop(ctx) })
	}
	t := time.NewTicker(r.o.Poll)
	defer t.Stop()
	for {
		r.schedule(ctx)
		for {
			n, err := r.RunOnce(ctx)
			if err != nil && ctx.Err() == nil {
				r.o.Logger.Error("jobs: claim", "err", err)
			}
			if n < r.o.Batch || err != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-r.wake:
		}
	}
}

// drainLoop runs the Drains after every wake and every poll.
func (r *Runner) drainLoop(ctx context.Context) {
	t := time.NewTicker(r.o.Poll)
	defer t.Stop()
	for {
		r.Drain(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.drainWake:
		}
	}
}

// Drain runs each Drain until its outbox is empty, an error (logged; the
// next wake or poll tries again) or ctx ends.
func (r *Runner) Drain(ctx context.Context) {
	for _, d := range r.o.Drains {
		for ctx.Err() == nil {
			more, err := d.Run(ctx)
			if err != nil {
				if ctx.Err() == nil {
					r.o.Logger.Error("jobs: drain", "name", d.Name, "err", err)
				}
				break
			}
			if !more {
				break
			}
		}
	}
}

// schedule enqueues each periodic job once per interval.
func (r *Runner) schedule(ctx context.Context) {
	now := r.o.Now().UTC()
	for _, p := range r.o.Periodic {
		slot := now.Truncate(p.Every)
		j := model.Job{Kind: p.Kind, Payload: "{}", DedupeKey: fmt.Sprintf("%s@%d", p.Kind, slot.UnixMilli()),
			RunAt: slot, MaxAttempts: 1, CreatedAt: now}
		err := r.o.Store.Tx(ctx, func(q *store.Q) error {
			_, err := q.EnqueueJob(ctx, j)
			return err
		})
		if err != nil && ctx.Err() == nil {
			r.o.Logger.Error("jobs: schedule", "kind", p.Kind, "err", err)
		}
	}
}

// RunOnce claims one batch of due jobs, runs them concurrently and records
// each outcome; it returns how many it claimed.
func (r *Runner) RunOnce(ctx context.Context) (int, error) {
	token := newToken()
	list, err := r.o.Store.ClaimJobs(ctx, r.o.Now().UTC(), r.o.Lease, token, r.o.Batch)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	for _, j := range list {
		wg.Go(func() { r.run(ctx, j) })
	}
	wg.Wait()
	return len(list), nil
}

func (r *Runner) run(ctx context.Context, j model.Job) {
	log := r.o.Logger.With("job", j.ID, "kind", j.Kind, "attempt", j.Attempts)
	err := r.call(ctx, j)
	outcome, retryAt, text := store.JobDone, time.Time{}, ""
	now := r.o.Now().UTC()
	if err != nil {
		text = truncate(err.Error(), 1000)
		outcome = store.JobFailed
		if !isPermanent(err) && j.Attempts < j.MaxAttempts {
			outcome, retryAt = store.JobRetry, now.Add(r.o.Backoff(j.Attempts))
		}
	}
	// The outcome is written even when ctx ended mid-job, so a clean
	// shutdown does not leave the job to wait for its lease.
	ok, ferr := r.o.Store.FinishJob(context.WithoutCancel(ctx), j, now, outcome, retryAt, text)
	switch {
	case ferr != nil:
		log.Error("jobs: record outcome", "err", ferr)
	case !ok:
		log.Warn("jobs: lease lost before the job finished")
		r.o.Observe(j.Kind, "lost")
	case outcome == store.JobRetry:
		log.Warn("jobs: will retry", "err", text, "at", retryAt)
		r.o.Observe(j.Kind, "retry")
	case outcome == store.JobFailed:
		log.Error("jobs: failed", "err", text)
		r.o.Observe(j.Kind, "failed")
	default:
		r.o.Observe(j.Kind, "done")
	}
}

// call runs the handler, turning a panic into an error.
func (r *Runner) call(ctx context.Context, j model.Job) (err error) {
	h, ok := r.o.Handlers[j.Kind]
	if !ok {
		return Permanent(fmt.Errorf("no handler for job kind %q", j.Kind))
	}
	if j.Attempts > j.MaxAttempts {
		return Permanent(errors.New("out of attempts (its runner stopped during the last one)"))
	}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	hctx, cancel := context.WithTimeout(ctx, r.o.Lease/2)
	defer cancel()
	return h(hctx, j)
}

type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent marks an error that retrying cannot fix (a malformed payload,
// an address the server refused for good).
func Permanent(err error) error { return permanent{err} }

func isPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

func newToken() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
