-- The queue's module filter reads its page off an index in order, and its
-- capped counts per status read an index range each, whatever the number
-- of tickets.
CREATE INDEX tickets_module_created ON tickets(module_id, created_at DESC, id DESC);
CREATE INDEX tickets_module_status ON tickets(module_id, status);
CREATE INDEX tickets_company_status ON tickets(company_id, status);
