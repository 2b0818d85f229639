-- Indexes on the columns that point at a ticket and had none: a FAQ made
-- from a ticket, a draft that became one. Partial, so they hold only the
-- rows that do point at one: deleting a ticket (the load benchmark takes
-- its tickets back) checks these references without reading every FAQ.
CREATE INDEX faqs_source_ticket ON faqs(source_ticket_id) WHERE source_ticket_id IS NOT NULL;
CREATE INDEX drafts_ticket ON drafts(ticket_id) WHERE ticket_id IS NOT NULL;
