// Package app wires the help desk: config → store → desk → web and API →
// HTTP server, and runs it until the context ends.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"helpdesk/internal/api"
	"helpdesk/internal/config"
	"helpdesk/internal/desk"
	"helpdesk/internal/i18n"
	"helpdesk/internal/jobs"
	"helpdesk/internal/mail"
	"helpdesk/internal/metrics"
	"helpdesk/internal/model"
	"helpdesk/internal/seed"
	"helpdesk/internal/store"
	"helpdesk/internal/web"
	"helpdesk/internal/webhook"
)

// App is a running help desk's parts.
type App struct {
	Store   *store.Store
	Desk    *desk.Desk
	Jobs    *jobs.Runner
	Handler http.Handler
}

// Options tunes New beyond the Config (tests lower the password cost).
type Options struct {
	PasswordCost int
	Logger       *slog.Logger
}

// New opens the database (running migrations), loads demo data when asked
// and builds the HTTP handler.
func New(ctx context.Context, cfg config.Config, o Options) (*App, error) {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if cfg.Demo {
		// Processes started together with --demo load it once.
		var loaded bool
		err := st.Exclusive(ctx, "demo", func() error {
			var err error
			loaded, err = seed.Demo(ctx, st, time.Now(), o.PasswordCost)
			return err
		})
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("demo data: %w", err)
		}
		if loaded {
			log.Info("demo data loaded", "password", seed.DemoPassword)
		}
	}
	reg := metrics.New(time.Now())
	reg.AddGauge(metrics.Gauge{Name: "helpdesk_jobs", Help: "Background jobs in the database, by state.", Label: "state",
		Read: func() (map[string]float64, error) {
			p, f, err := st.Read().JobStates(context.Background())
			return map[string]float64{"pending": float64(p), "failed": float64(f)}, err
		}})
	reg.AddGauge(metrics.Gauge{Name: "helpdesk_search_queue", Help: "Tickets waiting to be indexed for search.",
		Read: func() (map[string]float64, error) {
			n, err := st.Read().QueuedTicketCount(context.Background())
			return map[string]float64{"": float64(n)}, err
		}})
	handlers := map[string]jobs.Handler{}
	var d *desk.Desk
	runner := jobs.New(jobs.Options{Store: st, Handlers: handlers, Logger: log, Observe: reg.Job,
		Periodic: []jobs.Periodic{{Kind: "jobs.prune", Every: 24 * time.Hour}, {Kind: desk.JobAutoClose, Every: time.Hour}},
		Drains: []jobs.Drain{{Name: "search.index", Run: func(ctx context.Context) (bool, error) {
			return d.IndexQueuedTickets(ctx, desk.IndexBatch)
		}}}})
	d = desk.New(desk.Options{Store: st, PasswordCost: o.PasswordCost, Wake: runner.Wake})
	handlers["jobs.prune"] = pruneJobs(st)
	handlers[desk.JobWebhook] = webhook.New(webhook.Options{Store: st, Logger: log}).Handle
	cat := i18n.New()
	baseURL := strings.TrimRight(cfg.BaseURL, "/")
	if baseURL == "" {
		baseURL = mail.DefaultBaseURL(cfg.Addr)
	}
	sender, err := mail.New(mail.Options{SMTPURL: cfg.SMTPURL, BaseURL: baseURL, Store: st, Catalog: cat, Logger: log})
	if err != nil {
		st.Close()
		return nil, err
	}
	if !sender.Sends() {
		log.Info("no SMTP server configured: e-mails are logged, not sent (set HELPDESK_SMTP_URL)")
	}
	handlers[desk.JobMail] = sender.Handle
	handlers[desk.JobEventMails] = d.ExpandMails
	handlers[desk.JobAutoClose] = func(ctx context.Context, j model.Job) error {
		n, err := d.AutoClose(ctx)
		if n > 0 {
			log.Info("resolved tickets closed", "count", n)
		}
		return err
	}
	w, err := web.New(web.Options{Desk: d, Catalog: cat, Logger: log, TrustedProxies: cfg.TrustedProxies})
	if err != nil {
		st.Close()
		return nil, err
	}
	pages := http.NewServeMux()
	w.Routes(pages)
	// The API authenticates with bearer tokens, never cookies, so the
	// browser's cross-origin protection of forms does not apply to it.
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", api.New(api.Options{Desk: d, Catalog: cat, Logger: log, ClientIP: w.ClientIP, BaseURL: w.BaseURL,
		RateLimit: api.RateLimit{PerMinute: cfg.APIRateLimit}}))
	mux.Handle("/", w.Handler(pages))
	mux.Handle("GET /metrics", metrics.Guard(cfg.MetricsToken, reg.Handler()))

	return &App{Store: st, Desk: d, Jobs: runner, Handler: reg.Middleware(mux, log)}, nil
}

// pruneJobs deletes finished jobs after a month: enough to look back on a
// delivery, not so much that the table grows without end.
func pruneJobs(st *store.Store) jobs.Handler {
	return func(ctx context.Context, j model.Job) error {
		return st.Tx(ctx, func(q *store.Q) error {
			if _, err := q.PruneJobs(ctx, j.RunAt.AddDate(0, -1, 0)); err != nil {
				return err
			}
			return q.PruneDeliveries(ctx, j.RunAt.AddDate(0, -1, 0))
		})
	}
}

// Close releases the database.
func (a *App) Close() error { return a.Store.Close() }

// Serve listens on cfg.Addr until ctx ends, then shuts down gracefully.
// ready, when not nil, receives the bound address once listening.
func (a *App) Serve(ctx context.Context, addr string, log *slog.Logger, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	if ready != nil {
		ready(ln.Addr())
	}
	log.Info("help desk listening", "addr", ln.Addr().String())
	jobsCtx, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	jobsDone := make(chan struct{})
	go func() { a.Jobs.Run(jobsCtx); close(jobsDone) }()
	defer func() { stopJobs(); <-jobsDone }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
