package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"helpdesk/internal/jobs"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Delivery limits.
const (
	timeout      = 10 * time.Second
	maxRedirects = 5
	keepBody     = 2 << 10 // bytes of the response kept for the log
)

// Options configures a Deliverer.
type Options struct {
	Store  *store.Store
	Logger *slog.Logger
	Now    func() time.Time // time.Now when nil
}

// Deliverer sends the deliveries the desk queued: the handler of the
// "webhook.deliver" job.
type Deliverer struct {
	st      *store.Store
	log     *slog.Logger
	now     func() time.Time
	outside *http.Client // refuses inside addresses
	inside  *http.Client // allows them (the admin's setting)
}

// New builds a Deliverer.
func New(o Options) *Deliverer {
	dl := &Deliverer{st: o.Store, log: o.Logger, now: o.Now, outside: Client(false), inside: Client(true)}
	if dl.log == nil {
		dl.log = slog.Default()
	}
	if dl.now == nil {
		dl.now = time.Now
	}
	return dl
}

// Client is an HTTP client for webhooks. Unless allowPrivate, every
// connection it opens (first request and each redirect) is checked where
// it dials, after DNS; no proxy from the environment is used, since a
// proxy would dial for us unchecked.
func Client(allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: control(allowPrivate)}
	tr := &http.Transport{Proxy: nil, DialContext: dialer.DialContext, ForceAttemptHTTP2: true,
		TLSHandshakeTimeout: 5 * time.Second, ResponseHeaderTimeout: timeout, MaxIdleConns: 20,
		IdleConnTimeout: 90 * time.Second}
	return &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: func(r *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return errors.New("webhook: too many redirects")
		}
		if r.URL.Scheme != "http" && r.URL.Scheme != "https" {
			return ErrBadURL
		}
		return nil
	}}
}

// Handle sends one delivery. A 2xx answer marks it delivered; anything
// else is recorded and retried by the runner with back-off until the job
// runs out of attempts, when the delivery is marked failed.
func (dl *Deliverer) Handle(ctx context.Context, j model.Job) error {
	var p struct {
		DeliveryID string `json:"delivery_id"`
	}
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil || p.DeliveryID == "" {
		return jobs.Permanent(fmt.Errorf("webhook job payload %q", j.Payload))
	}
	q := dl.st.Read()
	d, err := q.DeliveryByID(ctx, p.DeliveryID)
	if errors.Is(err, model.ErrNotFound) {
		return jobs.Permanent(errors.New("delivery gone (its endpoint was deleted)"))
	}
	if err != nil || d.State == model.DeliveryDelivered {
		return err // a job run twice (at-least-once) does not send twice
	}
	w, err := q.WebhookByID(ctx, d.WebhookID)
	if err != nil {
		return err
	}
	allow, err := q.Setting(ctx, model.SettingAllowPrivateWebhooks)
	if err != nil {
		return err
	}
	last := j.Attempts >= j.MaxAttempts
	var sendErr error
	if !w.Active {
		sendErr, last = errors.New("endpoint paused"), true
		d.ResponseStatus, d.ResponseBody = 0, ""
	} else {
		d.ResponseStatus, d.ResponseBody, sendErr = dl.send(ctx, w, d, allow == "1")
	}
	d.State, d.LastError = model.DeliveryDelivered, ""
	if sendErr != nil {
		d.State, d.LastError = model.DeliveryPending, truncate(sendErr.Error(), 500)
		if last {
			d.State = model.DeliveryFailed
		}
	}
	// The outcome is kept even when the attempt ran out of time.
	wctx := context.WithoutCancel(ctx)
	if err := dl.st.Tx(wctx, func(q *store.Q) error { return q.RecordAttempt(wctx, d, dl.now().UTC()) }); err != nil {
		return errors.Join(sendErr, err)
	}
	if sendErr != nil && !w.Active {
		return jobs.Permanent(sendErr)
	}
	return sendErr
}

// send posts the stored body with its signature and returns the answer's
// status and the start of its body.
func (dl *Deliverer) send(ctx context.Context, w model.Webhook, d model.Delivery, allowPrivate bool) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader([]byte(d.Payload)))
	if err != nil {
		return 0, "", jobs.Permanent(err)
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "helpdesk-webhooks/1")
	h.Set("X-Helpdesk-Event", d.Event)
	h.Set("X-Helpdesk-Delivery", d.DeliveryID)
	h.Set("X-Helpdesk-Signature", Sign(w.Secret, []byte(d.Payload)))
	c := dl.outside
	if allowPrivate {
		c = dl.inside
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, keepBody))
	io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20)) // lets the connection be reused
	text := strings.ToValidUTF8(string(b), "")
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, text, fmt.Errorf("endpoint answered %d", res.StatusCode)
	}
	return res.StatusCode, text, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
