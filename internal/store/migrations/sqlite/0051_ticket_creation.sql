-- Ticket numbers stay on the counters row on SQLite: its single writer
-- issues them without gaps. (PostgreSQL moves them to a sequence.)

-- Every new ticket tells the staff: find them without reading every user.
CREATE INDEX users_role ON users(role);
