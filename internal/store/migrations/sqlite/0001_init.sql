-- Times are Unix milliseconds (UTC) in both dialects: identical sorting,
-- no driver-specific time parsing.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE companies (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    nit           TEXT NOT NULL UNIQUE,
    share_tickets BOOLEAN NOT NULL DEFAULT FALSE,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    company_id    BIGINT REFERENCES companies(id),
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    language      TEXT NOT NULL DEFAULT 'es',
    time_zone     TEXT NOT NULL DEFAULT 'America/Bogota',
    created_at    BIGINT NOT NULL,
    last_login_at BIGINT
);
CREATE INDEX users_company ON users(company_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    csrf       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    key        TEXT PRIMARY KEY,
    count      INTEGER NOT NULL,
    first_at   BIGINT NOT NULL
);

CREATE TABLE modules (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);

CREATE TABLE tickets (
    id                INTEGER PRIMARY KEY,
    number            BIGINT NOT NULL UNIQUE,
    title             TEXT NOT NULL,
    module_id         BIGINT NOT NULL REFERENCES modules(id),
    type              TEXT NOT NULL,
    urgency           TEXT NOT NULL,
    priority          TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL,
    version           TEXT NOT NULL DEFAULT '',
    reporter_id       BIGINT NOT NULL REFERENCES users(id),
    company_id        BIGINT NOT NULL REFERENCES companies(id),
    assignee_id       BIGINT REFERENCES users(id),
    status            TEXT NOT NULL,
    cc                TEXT NOT NULL DEFAULT '',
    idempotency_key   TEXT UNIQUE,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    first_response_at BIGINT,
    resolved_at       BIGINT,
    closed_at         BIGINT
);
CREATE INDEX tickets_company_created ON tickets(company_id, created_at DESC, id DESC);
CREATE INDEX tickets_reporter_created ON tickets(reporter_id, created_at DESC, id DESC);
CREATE INDEX tickets_status_created ON tickets(status, created_at DESC, id DESC);
CREATE INDEX tickets_created ON tickets(created_at DESC, id DESC);
CREATE INDEX tickets_assignee ON tickets(assignee_id, created_at DESC, id DESC);

CREATE TABLE ticket_events (
    id         INTEGER PRIMARY KEY,
    ticket_id  BIGINT NOT NULL REFERENCES tickets(id),
    author_id  BIGINT NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    old_value  TEXT NOT NULL DEFAULT '',
    new_value  TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, id);

CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    data   BLOB NOT NULL
);

CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key        TEXT NOT NULL UNIQUE,
    data       TEXT NOT NULL,
    ticket_id  BIGINT REFERENCES tickets(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX drafts_user ON drafts(user_id, updated_at);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    ticket_id    BIGINT REFERENCES tickets(id),
    event_id     BIGINT REFERENCES ticket_events(id),
    draft_id     BIGINT REFERENCES drafts(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES blobs(sha256),
    created_at   BIGINT NOT NULL
);
CREATE INDEX attachments_ticket ON attachments(ticket_id);
CREATE INDEX attachments_event ON attachments(event_id);
CREATE INDEX attachments_draft ON attachments(draft_id);

CREATE TABLE faqs (
    id               INTEGER PRIMARY KEY,
    module_id        BIGINT NOT NULL REFERENCES modules(id),
    title            TEXT NOT NULL,
    situation        TEXT NOT NULL,
    cause            TEXT NOT NULL,
    solution         TEXT NOT NULL,
    published        BOOLEAN NOT NULL DEFAULT FALSE,
    source_ticket_id BIGINT REFERENCES tickets(id),
    author_id        BIGINT NOT NULL REFERENCES users(id),
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX faqs_module ON faqs(module_id, title);

-- Analyzed terms of published FAQs, written in the publishing transaction.
CREATE TABLE faq_terms (
    faq_id    BIGINT NOT NULL REFERENCES faqs(id) ON DELETE CASCADE,
    field     INTEGER NOT NULL,
    term      TEXT NOT NULL,
    freq      INTEGER NOT NULL,
    field_len INTEGER NOT NULL,
    PRIMARY KEY (term, faq_id, field)
);
CREATE INDEX faq_terms_faq ON faq_terms(faq_id);

CREATE TABLE faq_events (
    id         INTEGER PRIMARY KEY,
    faq_id     BIGINT REFERENCES faqs(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    user_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    query      TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX faq_events_kind ON faq_events(kind, created_at);
