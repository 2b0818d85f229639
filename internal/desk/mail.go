package desk

import (
	"context"
	"encoding/json"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// JobMail is the job kind that sends one e-mail (payload: model.Mail).
const JobMail = "mail.send"

// mailAttempts spreads retries over about a day with the runner's
// back-off: an SMTP outage delays mail, loses none.
const mailAttempts = 10

// enqueueMail queues one e-mail in the caller's transaction. With an Event
// set, a second mail of that event to the same address is not added.
func (d *Desk) enqueueMail(ctx context.Context, q *store.Q, m model.Mail) error {
	if m.Lang == "" {
		m.Lang = "es"
	}
	if m.TimeZone == "" {
		m.TimeZone = "America/Bogota"
	}
	payload, err := json.Marshal(m)
	if err != nil {
		return err
	}
	var key string
	if m.Event != "" {
		key = "mail:" + m.Event + ":" + strings.ToLower(m.To)
	}
	now := d.clock()
	_, err = q.EnqueueJob(ctx, model.Job{Kind: JobMail, Payload: string(payload), DedupeKey: key,
		RunAt: now, MaxAttempts: mailAttempts, CreatedAt: now})
	return err
}

// mailTo addresses a mail to a user in their language and time zone.
func mailTo(u model.User, template string, args ...string) model.Mail {
	return model.Mail{To: u.Email, Name: u.Name, Lang: u.Language, TimeZone: u.TimeZone, Template: template, Args: args}
}
