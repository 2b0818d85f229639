package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"helpdesk/internal/model"
)

type eventAttachment struct {
	model.Attachment
	eventID int64
}

// PutBlob stores file contents once, keyed by their SHA-256.
func (q *Q) PutBlob(ctx context.Context, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	_, err := q.exec(ctx, `INSERT INTO blobs (sha256, data) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING`, key, data)
	return key, err
}

// AddAttachment records a stored file on a draft or on a ticket event.
func (q *Q) AddAttachment(ctx context.Context, a model.Attachment, ticketID, eventID, draftID int64, now time.Time) (int64, error) {
	return q.insert(ctx, `INSERT INTO attachments (ticket_id, event_id, draft_id, name, content_type, size, sha256, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, nullID(ticketID), nullID(eventID), nullID(draftID),
		a.Name, a.ContentType, a.Size, a.SHA256, now.UnixMilli())
}

// MoveDraftAttachments attaches a draft's files to a ticket event.
func (q *Q) MoveDraftAttachments(ctx context.Context, draftID, ticketID, eventID int64) error {
	_, err := q.exec(ctx, `UPDATE attachments SET ticket_id = $1, event_id = $2, draft_id = NULL WHERE draft_id = $3`,
		ticketID, eventID, draftID)
	return err
}

// DraftAttachments lists the files of a draft in upload order.
func (q *Q) DraftAttachments(ctx context.Context, draftID int64) ([]model.Attachment, error) {
	rows, err := q.query(ctx, `SELECT id, name, content_type, size, sha256 FROM attachments WHERE draft_id = $1 ORDER BY id`, draftID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Attachment
	for rows.Next() {
		var a model.Attachment
		if err := rows.Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.SHA256); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// DeleteDraftAttachment removes one file from a draft.
func (q *Q) DeleteDraftAttachment(ctx context.Context, draftID, id int64) error {
	_, err := q.exec(ctx, `DELETE FROM attachments WHERE draft_id = $1 AND id = $2`, draftID, id)
	return err
}

func (q *Q) ticketAttachments(ctx context.Context, ticketID int64) ([]eventAttachment, error) {
	rows, err := q.query(ctx, `SELECT id, COALESCE(event_id, 0), name, content_type, size, sha256
		FROM attachments WHERE ticket_id = $1 ORDER BY id`, ticketID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []eventAttachment
	for rows.Next() {
		var a eventAttachment
		if err := rows.Scan(&a.ID, &a.eventID, &a.Name, &a.ContentType, &a.Size, &a.SHA256); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AttachmentFile returns a ticket attachment and its bytes, only if the
// ticket is in scope and, for customers, not on an internal note.
func (q *Q) AttachmentFile(ctx context.Context, sc Scope, id int64, withInternal bool) (model.Attachment, []byte, error) {
	w, args := sc.where([]string{"a.id = $1"}, []any{id})
	if !withInternal {
		w = append(w, "(e.kind IS NULL OR e.kind <> 'note')")
	}
	var a model.Attachment
	var data []byte
	err := q.row(ctx, `SELECT a.id, a.name, a.content_type, a.size, a.sha256, b.data
		FROM attachments a JOIN tickets t ON t.id = a.ticket_id JOIN blobs b ON b.sha256 = a.sha256
		LEFT JOIN ticket_events e ON e.id = a.event_id
		WHERE `+strings.Join(w, " AND "), args...).Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &data)
	return a, data, notFound(err)
}

// DraftAttachmentFile returns a file of one of the user's drafts.
func (q *Q) DraftAttachmentFile(ctx context.Context, userID, id int64) (model.Attachment, []byte, error) {
	var a model.Attachment
	var data []byte
	err := q.row(ctx, `SELECT a.id, a.name, a.content_type, a.size, a.sha256, b.data
		FROM attachments a JOIN drafts d ON d.id = a.draft_id JOIN blobs b ON b.sha256 = a.sha256
		WHERE a.id = $1 AND d.user_id = $2`, id, userID).Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &data)
	return a, data, notFound(err)
}
