package desk

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Draft is a ticket wizard in progress. Its key is also the ticket's
// idempotency key, so a double submit files one ticket.
type Draft struct {
	Key          string
	Fields       NewTicket
	Files        []model.Attachment
	TicketNumber int64 // set once submitted
}

// StartDraft opens a wizard for a customer, optionally prefilled.
func (d *Desk) StartDraft(ctx context.Context, actor model.User, prefill NewTicket) (string, error) {
	if actor.Role.Staff() || actor.CompanyID == 0 {
		return "", model.ErrForbidden
	}
	data, err := json.Marshal(prefill)
	if err != nil {
		return "", err
	}
	key := randomToken()
	err = d.tx(ctx, func(q *store.Q) error {
		_, err := q.CreateDraft(ctx, store.Draft{UserID: actor.ID, Key: key, Data: string(data)}, d.clock())
		return err
	})
	return key, err
}

// Draft returns one of the actor's drafts.
func (d *Desk) Draft(ctx context.Context, actor model.User, key string) (Draft, error) {
	return d.loadDraft(ctx, d.st.Read(), actor, key)
}

func (d *Desk) loadDraft(ctx context.Context, q *store.Q, actor model.User, key string) (Draft, error) {
	sd, err := q.DraftByKey(ctx, actor.ID, key)
	if err != nil {
		return Draft{}, err
	}
	dr := Draft{Key: sd.Key}
	if err := json.Unmarshal([]byte(sd.Data), &dr.Fields); err != nil {
		return dr, err
	}
	if sd.TicketID != 0 {
		t, err := q.TicketByIdempotencyKey(ctx, ownKey(actor, key))
		if err != nil {
			return dr, err
		}
		dr.TicketNumber = t.Number
	}
	dr.Files, err = q.DraftAttachments(ctx, sd.ID)
	return dr, err
}

// Wizard steps.
const (
	StepTitle = iota + 1
	StepClassify
	StepDescribe
	StepAttach
	StepConfirm
)

// SaveDraftStep validates the fields of one step and, if they are good,
// stores them. On error nothing changes and the caller shows what was typed.
func (d *Desk) SaveDraftStep(ctx context.Context, actor model.User, key string, step int, in NewTicket) error {
	return d.saveStep(ctx, actor, key, step, in, true)
}

// KeepDraftStep stores one step's fields as typed, valid or not: the
// wizard's "Anterior" keeps them for when the user comes back, and the
// step checks them then.
func (d *Desk) KeepDraftStep(ctx context.Context, actor model.User, key string, step int, in NewTicket) error {
	return d.saveStep(ctx, actor, key, step, in, false)
}

func (d *Desk) saveStep(ctx context.Context, actor model.User, key string, step int, in NewTicket, check bool) error {
	return d.tx(ctx, func(q *store.Q) error {
		sd, dr, err := d.openDraft(ctx, q, actor, key)
		if err != nil {
			return err
		}
		f := dr.Fields
		switch step {
		case StepTitle:
			f.Title = in.Title
		case StepClassify:
			f.Module, f.Type, f.Urgency = in.Module, in.Type, in.Urgency
		case StepDescribe:
			f.Description, f.Version = in.Description, in.Version
		case StepConfirm:
			f.CC, f.Contacts = in.CC, in.Contacts
		}
		if check && step == StepConfirm {
			if _, err := contactsCC(ctx, q, actor, f.Contacts); err != nil {
				return err
			}
		}
		if check {
			if err := d.validateStep(ctx, q, step, &f); err != nil {
				return err
			}
		}
		data, err := json.Marshal(f)
		if err != nil {
			return err
		}
		return q.SaveDraftData(ctx, sd.ID, string(data), d.clock())
	})
}

// validateStep checks only the fields a step asks for.
func (d *Desk) validateStep(ctx context.Context, q *store.Q, step int, f *NewTicket) error {
	_, err := d.validate(ctx, q, f)
	var v *model.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	fields := map[int][]string{
		StepTitle: {"title"}, StepClassify: {"module", "type", "urgency"},
		StepDescribe: {"description", "version"}, StepConfirm: {"cc"},
	}[step]
	keep := &model.ValidationError{}
	for _, name := range fields {
		if k, ok := v.Fields[name]; ok {
			keep.Add(name, k, v.Args[name]...)
		}
	}
	return keep.Err()
}

// openDraft loads an unsubmitted draft for writing.
func (d *Desk) openDraft(ctx context.Context, q *store.Q, actor model.User, key string) (store.Draft, Draft, error) {
	sd, err := q.DraftByKey(ctx, actor.ID, key)
	if err != nil {
		return sd, Draft{}, err
	}
	if sd.TicketID != 0 {
		return sd, Draft{}, model.ErrConflict
	}
	dr, err := d.loadDraft(ctx, q, actor, key)
	return sd, dr, err
}

// AddDraftFiles stores files on a draft; all or none.
func (d *Desk) AddDraftFiles(ctx context.Context, actor model.User, key string, files []Upload) error {
	return d.tx(ctx, func(q *store.Q) error {
		sd, dr, err := d.openDraft(ctx, q, actor, key)
		if err != nil {
			return err
		}
		atts, err := d.checkUploads(files, len(dr.Files))
		if err != nil {
			v := &model.ValidationError{}
			addUploadError(v, "files", err)
			return v
		}
		return d.storeUploads(ctx, q, atts, 0, 0, sd.ID, files)
	})
}

// RemoveDraftFile drops one file from a draft.
func (d *Desk) RemoveDraftFile(ctx context.Context, actor model.User, key string, id int64) error {
	return d.tx(ctx, func(q *store.Q) error {
		sd, _, err := d.openDraft(ctx, q, actor, key)
		if err != nil {
			return err
		}
		return q.DeleteDraftAttachment(ctx, sd.ID, id)
	})
}

// DraftFile returns a file of one of the actor's drafts.
func (d *Desk) DraftFile(ctx context.Context, actor model.User, id int64) (model.Attachment, []byte, error) {
	return d.st.Read().DraftAttachmentFile(ctx, actor.ID, id)
}

// SubmitDraft files the draft's ticket. Submitting again returns the same
// ticket: the draft key is the idempotency key.
func (d *Desk) SubmitDraft(ctx context.Context, actor model.User, key string) (model.Ticket, error) {
	var t model.Ticket
	err := d.tx(ctx, func(q *store.Q) error {
		sd, err := q.DraftByKey(ctx, actor.ID, key)
		if err != nil {
			return err
		}
		var f NewTicket
		if err := json.Unmarshal([]byte(sd.Data), &f); err != nil {
			return err
		}
		if t, err = d.openTicket(ctx, q, actor, f, key, sd.ID); err != nil {
			return err
		}
		if sd.TicketID == 0 {
			return q.MarkDraftSubmitted(ctx, sd.ID, t.ID, d.clock())
		}
		return nil
	})
	return t, err
}

// ResolveDraftByFAQ ends a wizard without a ticket because a FAQ answered
// the question: a deflection, recorded with the title typed (the live
// suggestions come before step 1 is saved, so typed may be newer).
func (d *Desk) ResolveDraftByFAQ(ctx context.Context, actor model.User, key string, faqID int64, typed string) error {
	return d.tx(ctx, func(q *store.Q) error {
		sd, dr, err := d.openDraft(ctx, q, actor, key)
		if err != nil {
			return err
		}
		if _, err := q.FAQByID(ctx, faqID, false); err != nil {
			return err
		}
		title := strings.TrimSpace(typed)
		if title == "" {
			title = dr.Fields.Title
		}
		if err := q.AddFAQEvent(ctx, faqID, actor.ID, model.FAQResolved, truncate(title, maxQueryRunes), d.clock()); err != nil {
			return err
		}
		return q.DeleteDraft(ctx, sd.ID)
	})
}
