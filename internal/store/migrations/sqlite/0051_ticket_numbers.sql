-- Nothing changes on SQLite: its single writer takes ticket numbers from
-- the counters row, without gaps. (PostgreSQL moves them to a sequence.)
SELECT 1;
