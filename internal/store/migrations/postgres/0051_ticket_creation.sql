-- Ticket numbers come from a sequence: nextval does not wait for other
-- transactions, so concurrent creations (from any process) no longer
-- queue on the counters row lock. A rolled-back creation leaves a gap.
-- The sequence goes on from the counter, which it replaces.
CREATE SEQUENCE ticket_numbers MINVALUE 1 START WITH 1000;
SELECT setval('ticket_numbers', GREATEST(
	COALESCE((SELECT value FROM counters WHERE name = 'ticket'), 999),
	COALESCE((SELECT MAX(number) FROM tickets), 999)) + 1, false);
DELETE FROM counters WHERE name = 'ticket';

-- Every new ticket tells the staff: find them without reading every user.
CREATE INDEX users_role ON users(role);
