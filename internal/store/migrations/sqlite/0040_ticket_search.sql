-- Full-text search over tickets. search_terms numbers each distinct term
-- once; ticket_terms holds one row per (term, ticket), each term of a
-- ticket stored once, as two small integers: a term's text is not repeated
-- in each of its rows (this keeps a posting near 12 bytes). Ticket ids grow
-- with creation, so the key walks a term's tickets newest first as an index
-- range scan. staff_only is 1 while the term appears on the ticket only in
-- internal notes (customers never match on it); public text sets it to 0 for
-- good. WITHOUT ROWID keeps the rows in the key's b-tree, with no second copy.
CREATE TABLE search_terms (
    id   INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE
);

CREATE TABLE ticket_terms (
    term_id    INTEGER NOT NULL,
    ticket_id  INTEGER NOT NULL,
    staff_only INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (term_id, ticket_id)
) WITHOUT ROWID;

-- The outbox of the index: a ticket's id is queued in the transaction that
-- files it or adds a message or note, and the search.index work of the job
-- runner indexes queued tickets in small batches, newest first. Every
-- ticket that exists now is queued, so older tickets are indexed too.
CREATE TABLE ticket_index_queue (
    ticket_id INTEGER PRIMARY KEY
);
INSERT INTO ticket_index_queue (ticket_id) SELECT id FROM tickets;
