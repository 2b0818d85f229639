package desk

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/webhook"
)

// JobWebhook is the job kind that sends one delivery.
const JobWebhook = "webhook.deliver"

// Webhook limits.
const (
	maxHookURL        = 2000
	minHookSecret     = 16
	maxHookSecret     = 200
	hookAttempts      = 8 // with the runner's back-off: about ten hours of retries
	maxDeliveriesView = 100
)

// WebhookInput is what an admin registers.
type WebhookInput struct {
	URL             string
	Events          []string
	Secret          string // generated when empty
	IncludeInternal bool
}

// Webhooks lists the endpoints with their last delivery (admins only).
func (d *Desk) Webhooks(ctx context.Context, actor model.User) ([]model.Webhook, error) {
	if actor.Role != model.RoleAdmin {
		return nil, model.ErrForbidden
	}
	q := d.st.Read()
	hooks, err := q.Webhooks(ctx, false)
	if err != nil {
		return nil, err
	}
	last, err := q.LastDeliveries(ctx)
	for i := range hooks {
		hooks[i].Last = last[hooks[i].ID]
	}
	return hooks, err
}

// CreateWebhook registers an endpoint (admins only). Its URL must not
// resolve to an inside address unless the settings allow it.
func (d *Desk) CreateWebhook(ctx context.Context, actor model.User, in WebhookInput) (model.Webhook, error) {
	if actor.Role != model.RoleAdmin {
		return model.Webhook{}, model.ErrForbidden
	}
	in.URL = strings.TrimSpace(in.URL)
	in.Secret = strings.TrimSpace(in.Secret)
	v := &model.ValidationError{}
	checkText(v, "url", in.URL, maxHookURL, true)
	if len(in.Events) == 0 {
		v.Add("events", "error.choose")
	}
	for _, e := range in.Events {
		if !model.OneOf(e, model.HookEvents()) {
			v.Add("events", "error.choose")
		}
	}
	if in.Secret != "" && (len(in.Secret) < minHookSecret || len(in.Secret) > maxHookSecret) {
		v.Add("secret", "error.webhook_secret")
	}
	s, err := d.IntegrationSettings(ctx)
	if err != nil {
		return model.Webhook{}, err
	}
	if _, ok := v.Fields["url"]; !ok {
		switch err := webhook.CheckURL(ctx, net.DefaultResolver, in.URL, s.AllowPrivateWebhooks); {
		case errors.Is(err, webhook.ErrPrivateAddress):
			v.Add("url", "error.webhook_private")
		case errors.Is(err, webhook.ErrUnresolved):
			v.Add("url", "error.webhook_unresolved")
		case err != nil:
			v.Add("url", "error.webhook_url")
		}
	}
	if err := v.Err(); err != nil {
		return model.Webhook{}, err
	}
	if in.Secret == "" {
		in.Secret = "whsec_" + randomToken()
	}
	events := []string{}
	for _, e := range model.HookEvents() { // canonical order, no repeats
		if model.OneOf(e, in.Events) {
			events = append(events, e)
		}
	}
	w := model.Webhook{URL: in.URL, Events: events, Secret: in.Secret, IncludeInternal: in.IncludeInternal,
		Active: true, CreatedAt: d.clock()}
	err = d.tx(ctx, func(q *store.Q) error {
		var err error
		w.ID, err = q.CreateWebhook(ctx, w, actor.ID)
		return err
	})
	return w, err
}

// Webhook returns one endpoint with its recent deliveries (admins only).
func (d *Desk) Webhook(ctx context.Context, actor model.User, id int64) (model.Webhook, []model.Delivery, error) {
	if actor.Role != model.RoleAdmin {
		return model.Webhook{}, nil, model.ErrForbidden
	}
	q := d.st.Read()
	w, err := q.WebhookByID(ctx, id)
	if err != nil {
		return w, nil, err
	}
	ds, err := q.Deliveries(ctx, id, maxDeliveriesView)
	return w, ds, err
}

// SetWebhookActive pauses or resumes an endpoint (admins only).
func (d *Desk) SetWebhookActive(ctx context.Context, actor model.User, id int64, active bool) error {
	if actor.Role != model.RoleAdmin {
		return model.ErrForbidden
	}
	return d.tx(ctx, func(q *store.Q) error { return q.SetWebhookActive(ctx, id, active) })
}

// DeleteWebhook removes an endpoint and its log (admins only).
func (d *Desk) DeleteWebhook(ctx context.Context, actor model.User, id int64) error {
	if actor.Role != model.RoleAdmin {
		return model.ErrForbidden
	}
	return d.tx(ctx, func(q *store.Q) error { return q.DeleteWebhook(ctx, id) })
}

// PingWebhook queues a test delivery to an endpoint (admins only).
func (d *Desk) PingWebhook(ctx context.Context, actor model.User, id int64) error {
	if actor.Role != model.RoleAdmin {
		return model.ErrForbidden
	}
	return d.tx(ctx, func(q *store.Q) error {
		w, err := q.WebhookByID(ctx, id)
		if err != nil {
			return err
		}
		did := deliveryID()
		b, err := webhook.PingBody(did, d.clock())
		if err != nil {
			return err
		}
		return d.enqueueDelivery(ctx, q, model.Delivery{WebhookID: w.ID, DeliveryID: did, Event: model.HookPing, Payload: string(b)})
	})
}

// fanOut queues one delivery per endpoint that wants the event, in the
// event's transaction: the event and its deliveries exist together.
func (d *Desk) fanOut(ctx context.Context, q *store.Q, t *model.Ticket, e model.Event) error {
	event := model.HookEvent(e.Kind)
	hooks, err := q.Webhooks(ctx, true)
	if err != nil || len(hooks) == 0 {
		return err
	}
	var targets []model.Webhook
	for _, h := range hooks {
		if h.Wants(event) {
			targets = append(targets, h)
		}
	}
	if len(targets) == 0 {
		return nil
	}
	snap, err := snapshot(ctx, q, t, e)
	if err != nil {
		return err
	}
	author, err := q.UserByID(ctx, e.AuthorID)
	if err != nil {
		return err
	}
	for _, h := range targets {
		did := deliveryID()
		b, err := webhook.Body(did, snap, e, author)
		if err != nil {
			return err
		}
		if err := d.enqueueDelivery(ctx, q, model.Delivery{WebhookID: h.ID, DeliveryID: did, Event: event,
			TicketNumber: t.Number, Payload: string(b)}); err != nil {
			return err
		}
	}
	return nil
}

// snapshot is the ticket as it stands right after the event: the stored
// row (names of module, company, reporter) under the changes the caller
// has made in memory but not saved yet.
func snapshot(ctx context.Context, q *store.Q, t *model.Ticket, e model.Event) (model.Ticket, error) {
	s, err := q.TicketByNumber(ctx, store.Scope{}, t.Number)
	if err != nil {
		return s, err
	}
	s.Status, s.Priority, s.AssigneeID, s.Assignee = t.Status, t.Priority, t.AssigneeID, t.Assignee
	if t.Module != "" {
		s.ModuleID, s.Module = t.ModuleID, t.Module
	}
	s.UpdatedAt = e.CreatedAt
	return s, nil
}

func (d *Desk) enqueueDelivery(ctx context.Context, q *store.Q, dl model.Delivery) error {
	now := d.clock()
	dl.CreatedAt = now
	if _, err := q.CreateDelivery(ctx, dl); err != nil {
		return err
	}
	payload, err := json.Marshal(map[string]string{"delivery_id": dl.DeliveryID})
	if err != nil {
		return err
	}
	_, err = q.EnqueueJob(ctx, model.Job{Kind: JobWebhook, Payload: string(payload), DedupeKey: "webhook:" + dl.DeliveryID,
		RunAt: now, MaxAttempts: hookAttempts, CreatedAt: now})
	return err
}

func deliveryID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return "dlv_" + hex.EncodeToString(b)
}
