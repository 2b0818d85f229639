-- Background work that must not be lost (mail, webhooks, auto-close,
-- indexing): written in the transaction of the change that causes it,
-- claimed by a runner under a lease, retried with back-off.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    dedupe_key   TEXT UNIQUE,
    run_at       BIGINT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    lease_token  TEXT,
    lease_until  BIGINT,
    last_error   TEXT NOT NULL DEFAULT '',
    done_at      BIGINT,
    failed_at    BIGINT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs(run_at) WHERE done_at IS NULL AND failed_at IS NULL;
CREATE INDEX jobs_kind ON jobs(kind, created_at);
