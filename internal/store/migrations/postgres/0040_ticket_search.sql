-- Full-text search over tickets: one row per (term, ticket), each term of a
-- ticket stored once. Ticket ids grow with creation, so the primary key
-- walks a term's tickets newest first as an index range scan. staff_only is
-- 1 while the term appears on the ticket only in internal notes (customers
-- never match on it); public text sets it to 0 for good. No foreign key:
-- tickets are never deleted, and the check would cost every insert. Terms
-- compare bytewise (C collation) so a prefix is one index range.
CREATE TABLE ticket_terms (
    term       TEXT COLLATE "C" NOT NULL,
    ticket_id  BIGINT NOT NULL,
    staff_only SMALLINT NOT NULL DEFAULT 0,
    PRIMARY KEY (term, ticket_id)
);

-- Tickets filed before this migration are indexed by a background job,
-- newest first: it indexes the tickets with id below this mark and lowers it.
INSERT INTO counters (name, value)
SELECT 'ticket_terms_backfill', COALESCE(MAX(id), 0) + 1 FROM tickets;
