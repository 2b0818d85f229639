package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"helpdesk/internal/model"
)

const hookColumns = `w.id, w.url, w.events, w.secret, w.include_internal, w.active, w.created_at`

func scanHook(sc interface{ Scan(...any) error }) (model.Webhook, error) {
	var w model.Webhook
	var events string
	var created int64
	err := sc.Scan(&w.ID, &w.URL, &events, &w.Secret, &w.IncludeInternal, &w.Active, &created)
	w.Events = splitList(events)
	w.CreatedAt = time.UnixMilli(created).UTC()
	return w, err
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// CreateWebhook stores an endpoint.
func (q *Q) CreateWebhook(ctx context.Context, w model.Webhook, createdBy int64) (int64, error) {
	return q.insert(ctx, `INSERT INTO webhooks (url, events, secret, include_internal, active, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, w.URL, strings.Join(w.Events, ","), w.Secret, w.IncludeInternal,
		w.Active, nullID(createdBy), w.CreatedAt.UnixMilli())
}

// Webhooks lists endpoints, oldest first; only active ones when asked.
func (q *Q) Webhooks(ctx context.Context, activeOnly bool) ([]model.Webhook, error) {
	cond := ""
	if activeOnly {
		cond = " WHERE w.active = TRUE"
	}
	rows, err := q.query(ctx, `SELECT `+hookColumns+` FROM webhooks w`+cond+` ORDER BY w.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Webhook
	for rows.Next() {
		w, err := scanHook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// WebhookByID finds an endpoint.
func (q *Q) WebhookByID(ctx context.Context, id int64) (model.Webhook, error) {
	w, err := scanHook(q.row(ctx, `SELECT `+hookColumns+` FROM webhooks w WHERE w.id = $1`, id))
	return w, notFound(err)
}

// SetWebhookActive pauses or resumes an endpoint.
func (q *Q) SetWebhookActive(ctx context.Context, id int64, active bool) error {
	res, err := q.exec(ctx, `UPDATE webhooks SET active = $1 WHERE id = $2`, active, id)
	return affected(res, err)
}

// DeleteWebhook removes an endpoint and its delivery log.
func (q *Q) DeleteWebhook(ctx context.Context, id int64) error {
	res, err := q.exec(ctx, `DELETE FROM webhooks WHERE id = $1`, id)
	return affected(res, err)
}

const deliveryColumns = `d.id, d.webhook_id, d.delivery_id, d.event, d.ticket_number, d.payload, d.state, d.attempts,
	d.response_status, d.response_body, d.last_error, d.created_at, d.updated_at, d.delivered_at`

func scanDelivery(sc interface{ Scan(...any) error }) (model.Delivery, error) {
	var d model.Delivery
	var created, updated int64
	var delivered sql.NullInt64
	err := sc.Scan(&d.ID, &d.WebhookID, &d.DeliveryID, &d.Event, &d.TicketNumber, &d.Payload, &d.State, &d.Attempts,
		&d.ResponseStatus, &d.ResponseBody, &d.LastError, &created, &updated, &delivered)
	d.CreatedAt, d.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	d.DeliveredAt = fromMS(delivered)
	return d, err
}

// CreateDelivery records an event to send to an endpoint.
func (q *Q) CreateDelivery(ctx context.Context, d model.Delivery) (int64, error) {
	return q.insert(ctx, `INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, ticket_number, payload, state,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, d.WebhookID, d.DeliveryID, d.Event,
		d.TicketNumber, d.Payload, model.DeliveryPending, d.CreatedAt.UnixMilli())
}

// DeliveryByID finds a delivery by its public id.
func (q *Q) DeliveryByID(ctx context.Context, deliveryID string) (model.Delivery, error) {
	d, err := scanDelivery(q.row(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries d WHERE d.delivery_id = $1`, deliveryID))
	return d, notFound(err)
}

// RecordAttempt stores the outcome of one attempt. A delivered delivery
// stays delivered even if a late duplicate attempt fails.
func (q *Q) RecordAttempt(ctx context.Context, d model.Delivery, now time.Time) error {
	_, err := q.exec(ctx, `UPDATE webhook_deliveries SET
		state = CASE WHEN state = 'delivered' THEN state ELSE $1 END,
		attempts = attempts + 1, response_status = $2, response_body = $3, last_error = $4, updated_at = $5,
		delivered_at = CASE WHEN $1 = 'delivered' AND delivered_at IS NULL THEN $5 ELSE delivered_at END
		WHERE id = $6`, d.State, d.ResponseStatus, d.ResponseBody, d.LastError, now.UnixMilli(), d.ID)
	return err
}

// Deliveries lists an endpoint's deliveries, newest first.
func (q *Q) Deliveries(ctx context.Context, webhookID int64, limit int) ([]model.Delivery, error) {
	rows, err := q.query(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries d WHERE d.webhook_id = $1
		ORDER BY d.id DESC LIMIT $2`, webhookID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// LastDeliveries returns each endpoint's newest delivery that was tried.
func (q *Q) LastDeliveries(ctx context.Context) (map[int64]model.Delivery, error) {
	rows, err := q.query(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries d
		WHERE d.id IN (SELECT max(id) FROM webhook_deliveries WHERE attempts > 0 GROUP BY webhook_id)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]model.Delivery{}
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out[d.WebhookID] = d
	}
	return out, rows.Err()
}

// PruneDeliveries drops deliveries last touched before a time.
func (q *Q) PruneDeliveries(ctx context.Context, before time.Time) error {
	_, err := q.exec(ctx, `DELETE FROM webhook_deliveries WHERE updated_at < $1 AND state <> 'pending'`, before.UnixMilli())
	return err
}
