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

-- The outbox of the index: a ticket's id is queued in the transaction that
-- files it or adds a message or note, and the search.index work of the job
-- runner indexes queued tickets in small batches, newest first. Every
-- ticket that exists now is queued, so older tickets are indexed too.
CREATE TABLE ticket_index_queue (
    ticket_id BIGINT PRIMARY KEY
);
INSERT INTO ticket_index_queue (ticket_id) SELECT id FROM tickets;
