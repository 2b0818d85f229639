-- The queue's capped counts per status and its module filter read an index
-- range each, whatever the number of tickets.
CREATE INDEX tickets_module_status ON tickets(module_id, status, created_at DESC, id DESC);
CREATE INDEX tickets_company_status ON tickets(company_id, status);
