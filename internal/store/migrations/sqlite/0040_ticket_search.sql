-- Full-text search over tickets: one row per (term, ticket), each term of a
-- ticket stored once. Ticket ids grow with creation, so the key walks a
-- term's tickets newest first as an index range scan. staff_only is 1 while
-- the term appears on the ticket only in internal notes (customers never
-- match on it); public text sets it to 0 for good. WITHOUT ROWID keeps the
-- row in the key's b-tree: no second copy, about 15 bytes a posting.
CREATE TABLE ticket_terms (
    term       TEXT NOT NULL,
    ticket_id  INTEGER NOT NULL,
    staff_only INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (term, ticket_id)
) WITHOUT ROWID;

-- Tickets filed before this migration are indexed by a background job,
-- newest first: it indexes the tickets with id below this mark and lowers it.
INSERT INTO counters (name, value)
SELECT 'ticket_terms_backfill', COALESCE(MAX(id), 0) + 1 FROM tickets;
