package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// ErrBackupPostgres says a PostgreSQL database is backed up with its own
// tools, which copy it consistently while it serves.
var ErrBackupPostgres = errors.New("PostgreSQL is backed up with pg_dump or its replication, not with helpdesk backup")

// Backup writes a consistent copy of a SQLite database, attachments
// included, to a new file while the help desk keeps serving (VACUUM INTO
// reads one snapshot and writes a compact file). It refuses to overwrite.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup %s: the file already exists", path)
	}
	// A connection of its own: the read pool may not write the new file,
	// and the writer must stay free (in WAL mode VACUUM INTO only reads).
	db, err := sql.Open("sqlite", s.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `VACUUM INTO ?1`, path)
	return err
}
