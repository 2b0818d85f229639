-- Ticket search postings in blocks: one row per (term, bucket of 4,096
-- ticket ids), the bucket's ids for the term as a byte string (gaps as
-- varints, or a bitmap when that is shorter; see postings.go). ids holds
-- the tickets whose public text has the term, notes those that have it only
-- in internal notes (NULL when none); n and notes_n count them, so the
-- rarest word is found without reading the lists. A row per posting (tuple
-- header and b-tree entry each) took some 5 KB a ticket. Ticket ids grow
-- with creation, so a term's blocks read newest first as a range of the
-- key. The old postings are not converted (SQL cannot write the lists):
-- every ticket is queued and indexed again.
CREATE TABLE ticket_postings (
    term_id INTEGER NOT NULL,
    bucket  INTEGER NOT NULL,
    n       SMALLINT NOT NULL,
    notes_n SMALLINT NOT NULL,
    ids     BYTEA,
    notes   BYTEA,
    PRIMARY KEY (term_id, bucket)
);

DROP TABLE ticket_terms;
INSERT INTO ticket_index_queue (ticket_id) SELECT id FROM tickets
    ON CONFLICT (ticket_id) DO NOTHING;
