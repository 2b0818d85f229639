package desk

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"helpdesk/internal/jobs"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// JobMail is the job kind that sends one e-mail (payload: model.Mail).
const JobMail = "mail.send"

// JobEventMails is the job kind that holds the e-mails of one event
// (payload: eventMails); the runner expands it into one JobMail per
// recipient, so the event's transaction writes one job, not one a person,
// and each mail is still sent and retried on its own.
const JobEventMails = "mail.event"

// mailAttempts spreads retries over about a day with the runner's
// back-off: an SMTP outage delays mail, loses none.
const mailAttempts = 10

// eventMails is the payload of a JobEventMails job.
type eventMails struct {
	Mails []model.Mail `json:"mails"`
}

// enqueueMail queues one e-mail in the caller's transaction. With an Event
// set, a second mail of that event to the same address is not added.
func (d *Desk) enqueueMail(ctx context.Context, q *store.Q, m model.Mail) error {
	j, err := mailJob(m, d.clock(), d.clock())
	if err != nil {
		return err
	}
	_, err = q.EnqueueJob(ctx, j)
	return err
}

// enqueueEventMails queues the e-mails of one event as one job in the
// caller's transaction: the mail itself when there is one, else a
// JobEventMails that the runner expands.
func (d *Desk) enqueueEventMails(ctx context.Context, q *store.Q, event string, ms []model.Mail) error {
	switch len(ms) {
	case 0:
		return nil
	case 1:
		return d.enqueueMail(ctx, q, ms[0])
	}
	payload, err := json.Marshal(eventMails{Mails: ms})
	if err != nil {
		return err
	}
	now := d.clock()
	_, err = q.EnqueueJob(ctx, model.Job{Kind: JobEventMails, Payload: string(payload), DedupeKey: "mails:" + event,
		RunAt: now, MaxAttempts: mailAttempts, CreatedAt: now})
	return err
}

// ExpandMails is the job handler of JobEventMails: it queues one JobMail
// per recipient in one transaction, dated when the event was. Run again
// (its runner died after the commit), it adds nothing twice: each mail
// keeps the dedupe key of its event and address.
func (d *Desk) ExpandMails(ctx context.Context, j model.Job) error {
	var p eventMails
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return jobs.Permanent(fmt.Errorf("event mails payload: %w", err))
	}
	now := d.clock()
	js := make([]model.Job, 0, len(p.Mails))
	for _, m := range p.Mails {
		mj, err := mailJob(m, now, j.CreatedAt)
		if err != nil {
			return jobs.Permanent(err)
		}
		js = append(js, mj)
	}
	return d.tx(ctx, func(q *store.Q) error {
		_, err := q.EnqueueJobs(ctx, js)
		return err
	})
}

// mailJob is the JobMail of one e-mail, due at runAt; created is when
// what it tells of happened.
func mailJob(m model.Mail, runAt, created time.Time) (model.Job, error) {
	if m.Lang == "" {
		m.Lang = "es"
	}
	if m.TimeZone == "" {
		m.TimeZone = "America/Bogota"
	}
	payload, err := json.Marshal(m)
	if err != nil {
		return model.Job{}, err
	}
	var key string
	if m.Event != "" {
		key = "mail:" + m.Event + ":" + strings.ToLower(m.To)
	}
	return model.Job{Kind: JobMail, Payload: string(payload), DedupeKey: key,
		RunAt: runAt, MaxAttempts: mailAttempts, CreatedAt: created}, nil
}

// mailTo addresses a mail to a user in their language and time zone.
func mailTo(u model.User, template string, args ...string) model.Mail {
	return model.Mail{To: u.Email, Name: u.Name, Lang: u.Language, TimeZone: u.TimeZone, Template: template, Args: args}
}
