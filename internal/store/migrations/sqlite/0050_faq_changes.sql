-- Which FAQ changed the published set at which version (the counter
-- faq_version, bumped in the same transaction): a process that keeps the
-- FAQ terms in memory reloads only these FAQs to catch up. Only the most
-- recent entries are kept; a process further behind reloads everything.
CREATE TABLE faq_changes (
    version BIGINT PRIMARY KEY,
    faq_id  BIGINT NOT NULL
);
