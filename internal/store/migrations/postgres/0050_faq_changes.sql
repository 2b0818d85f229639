-- Which FAQ changed the published set at which version (the counter
-- faq_version, bumped in the same transaction): a process that keeps the
-- FAQ terms in memory reloads only these FAQs to catch up. Only the most
-- recent entries are kept; a process further behind reloads everything.
CREATE TABLE faq_changes (
    version BIGINT PRIMARY KEY,
    faq_id  BIGINT NOT NULL
);

-- Each published FAQ's rows of faq_terms in one text, a line
-- "field term freq field_len" per row, written with them: a process loads
-- its copy from one row per FAQ rather than millions of rows.
CREATE TABLE faq_postings (
    faq_id BIGINT PRIMARY KEY REFERENCES faqs(id) ON DELETE CASCADE,
    data   TEXT NOT NULL
);
INSERT INTO faq_postings (faq_id, data)
    SELECT faq_id, string_agg(field || ' ' || term || ' ' || freq || ' ' || field_len, chr(10)) FROM faq_terms GROUP BY faq_id;
