-- Entry from the desktop program, personal access tokens and webhooks.
-- Secrets (keys, links, tokens) are stored as SHA-256 hashes only; a
-- webhook's signing secret is kept as typed, since signing needs it.
CREATE TABLE integration_keys (
    id           INTEGER PRIMARY KEY,
    company_id   BIGINT NOT NULL REFERENCES companies(id),
    name         TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX integration_keys_company ON integration_keys(company_id, created_at);

-- Single-use links minted by POST /api/v1/launch.
CREATE TABLE launch_links (
    token_hash TEXT PRIMARY KEY,
    key_id     BIGINT NOT NULL REFERENCES integration_keys(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version    TEXT NOT NULL,
    context    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX launch_links_expires ON launch_links(expires_at);

CREATE TABLE access_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX access_tokens_user ON access_tokens(user_id, created_at);

CREATE TABLE webhooks (
    id               INTEGER PRIMARY KEY,
    url              TEXT NOT NULL,
    events           TEXT NOT NULL,
    secret           TEXT NOT NULL,
    include_internal BOOLEAN NOT NULL DEFAULT FALSE,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    created_by       BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at       BIGINT NOT NULL
);

-- One row per (event, endpoint): the delivery id receivers deduplicate on,
-- the exact body signed, and the outcome of the last attempt.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    webhook_id      BIGINT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    delivery_id     TEXT NOT NULL UNIQUE,
    event           TEXT NOT NULL,
    ticket_number   BIGINT NOT NULL DEFAULT 0,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    response_status INTEGER NOT NULL DEFAULT 0,
    response_body   TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    delivered_at    BIGINT
);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id DESC);
