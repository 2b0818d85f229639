-- Notifications in the portal and console: one row per person per ticket
-- event, written in the event's transaction. The system user (created on
-- first use) authors what the help desk does by itself, such as closing a
-- resolved ticket after the configured days.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    ticket_id  BIGINT NOT NULL REFERENCES tickets(id),
    event_id   BIGINT NOT NULL REFERENCES ticket_events(id),
    kind       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at    BIGINT
);
-- One notification per person per event.
CREATE UNIQUE INDEX notifications_user_event ON notifications(user_id, event_id);
-- "My list, newest first" (keyset on id).
CREATE INDEX notifications_user_list ON notifications(user_id, id);
-- "My unread count" reads only unread rows.
CREATE INDEX notifications_user_unread ON notifications(user_id) WHERE read_at IS NULL;
-- Tickets waiting to close themselves.
CREATE INDEX tickets_resolved_at ON tickets(status, resolved_at);
