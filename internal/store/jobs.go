package store

import (
	"context"
	"database/sql"
	"time"

	"helpdesk/internal/model"
)

// EnqueueJob adds a job in the caller's transaction, so it exists exactly
// when the change that caused it does. A job whose DedupeKey is already
// taken is not added again (added is false).
func (q *Q) EnqueueJob(ctx context.Context, j model.Job) (added bool, err error) {
	var key any
	if j.DedupeKey != "" {
		key = j.DedupeKey
	}
	res, err := q.exec(ctx, `INSERT INTO jobs (kind, payload, dedupe_key, run_at, max_attempts, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING`,
		j.Kind, j.Payload, key, j.RunAt.UnixMilli(), j.MaxAttempts, j.CreatedAt.UnixMilli())
	if err != nil {
		return false, err
	}
	q.queued++
	n, err := res.RowsAffected()
	return n == 1, err
}

// EnqueueJobs adds many jobs in the caller's transaction, in one statement
// per bulkRows; jobs whose DedupeKey is taken are left out. It returns
// how many were added.
func (q *Q) EnqueueJobs(ctx context.Context, js []model.Job) (int64, error) {
	var added int64
	for len(js) > 0 {
		n := min(len(js), bulkRows)
		args := make([]any, 0, n*6)
		for _, j := range js[:n] {
			var key any
			if j.DedupeKey != "" {
				key = j.DedupeKey
			}
			args = append(args, j.Kind, j.Payload, key, j.RunAt.UnixMilli(), j.MaxAttempts, j.CreatedAt.UnixMilli())
		}
		q.queued++
		res, err := q.exec(ctx, `INSERT INTO jobs (kind, payload, dedupe_key, run_at, max_attempts, created_at)
			VALUES `+values(n, 6)+` ON CONFLICT (dedupe_key) DO NOTHING`, args...)
		if err != nil {
			return added, err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return added, err
		}
		added, js = added+k, js[n:]
	}
	return added, nil
}

// ClaimJobs leases up to limit due jobs to the caller until now+lease, in
// its own transaction. On PostgreSQL, FOR UPDATE SKIP LOCKED lets several
// processes claim at once without taking the same job; SQLite's single
// writer gives the same guarantee. A job whose lease ran out (its process
// died) is due again.
func (s *Store) ClaimJobs(ctx context.Context, now time.Time, lease time.Duration, token string, limit int) ([]model.Job, error) {
	lock := ""
	if s.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	var out []model.Job
	err := s.Tx(ctx, func(q *Q) error {
		rows, err := q.query(ctx, `UPDATE jobs SET attempts = attempts + 1, lease_token = $1, lease_until = $2
			WHERE id IN (SELECT id FROM jobs
				WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $3
				AND (lease_until IS NULL OR lease_until <= $3)
				ORDER BY run_at, id LIMIT $4`+lock+`)
			RETURNING `+jobColumns, token, now.Add(lease).UnixMilli(), now.UnixMilli(), limit)
		if err != nil {
			return err
		}
		out, err = scanJobs(rows)
		return err
	})
	return out, err
}

const jobColumns = `id, kind, payload, COALESCE(dedupe_key, ''), run_at, attempts, max_attempts,
	COALESCE(lease_token, ''), last_error, done_at, failed_at, created_at`

func scanJobs(rows *sql.Rows) ([]model.Job, error) {
	defer rows.Close()
	var out []model.Job
	for rows.Next() {
		var j model.Job
		var runAt, created int64
		var done, failed sql.NullInt64
		if err := rows.Scan(&j.ID, &j.Kind, &j.Payload, &j.DedupeKey, &runAt, &j.Attempts, &j.MaxAttempts,
			&j.LeaseToken, &j.LastError, &done, &failed, &created); err != nil {
			return nil, err
		}
		j.RunAt, j.CreatedAt = time.UnixMilli(runAt).UTC(), time.UnixMilli(created).UTC()
		j.DoneAt, j.FailedAt = fromMS(done), fromMS(failed)
		out = append(out, j)
	}
	return out, rows.Err()
}

// FinishJob records the outcome of a claimed job: done, due again at
// retryAt, or failed for good. It reports false when the lease was lost
// (the job was claimed again after its lease ran out). It writes in a
// transaction so that on SQLite the outcomes of a batch of jobs share a
// commit (see group.go).
func (s *Store) FinishJob(ctx context.Context, j model.Job, now time.Time, outcome JobOutcome, retryAt time.Time, errText string) (bool, error) {
	var n int64
	err := s.Tx(ctx, func(q *Q) error {
		var res sql.Result
		var err error
		switch outcome {
		case JobDone:
			res, err = q.exec(ctx, `UPDATE jobs SET done_at = $1, lease_until = NULL, last_error = ''
				WHERE id = $2 AND lease_token = $3`, now.UnixMilli(), j.ID, j.LeaseToken)
		case JobRetry:
			res, err = q.exec(ctx, `UPDATE jobs SET run_at = $1, lease_until = NULL, last_error = $2
				WHERE id = $3 AND lease_token = $4`, retryAt.UnixMilli(), errText, j.ID, j.LeaseToken)
		default:
			res, err = q.exec(ctx, `UPDATE jobs SET failed_at = $1, lease_until = NULL, last_error = $2
				WHERE id = $3 AND lease_token = $4`, now.UnixMilli(), errText, j.ID, j.LeaseToken)
		}
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n == 1, err
}

// JobOutcome is how a claimed job ended.
type JobOutcome int

const (
	JobDone JobOutcome = iota
	JobRetry
	JobFailed
)

// Jobs lists the jobs of a kind, oldest first (for tests and the console).
func (q *Q) Jobs(ctx context.Context, kind string, limit int) ([]model.Job, error) {
	rows, err := q.query(ctx, `SELECT `+jobColumns+` FROM jobs WHERE kind = $1 ORDER BY id LIMIT $2`, kind, limit)
	if err != nil {
		return nil, err
	}
	return scanJobs(rows)
}

// PendingJobs counts jobs neither done nor failed.
func (q *Q) PendingJobs(ctx context.Context) (int, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM jobs WHERE done_at IS NULL AND failed_at IS NULL`).Scan(&n)
	return n, err
}

// JobStates counts the jobs waiting (due or not) and those failed for good.
func (q *Q) JobStates(ctx context.Context) (pending, failed int, err error) {
	err = q.row(ctx, `SELECT
		COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM jobs`).Scan(&pending, &failed)
	return pending, failed, err
}

// PruneJobs deletes jobs done or failed before a time.
func (q *Q) PruneJobs(ctx context.Context, before time.Time) (int64, error) {
	res, err := q.exec(ctx, `DELETE FROM jobs WHERE done_at < $1 OR failed_at < $1`, before.UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
