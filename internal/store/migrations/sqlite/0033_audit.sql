-- Who changed what about people, companies and settings, and when. The
-- company is set for changes a company's managers may read.
CREATE TABLE audit (
    id             INTEGER PRIMARY KEY,
    actor_id       BIGINT REFERENCES users(id) ON DELETE SET NULL,
    company_id     BIGINT REFERENCES companies(id),
    target_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    action         TEXT NOT NULL,
    details        TEXT NOT NULL DEFAULT '',
    created_at     BIGINT NOT NULL
);
CREATE INDEX audit_company ON audit(company_id, created_at DESC, id DESC);
CREATE INDEX audit_created ON audit(created_at DESC, id DESC);
