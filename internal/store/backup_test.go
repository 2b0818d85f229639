package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

func TestBackupIsAWorkingCopy(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	err := st.Tx(ctx, func(q *store.Q) error {
		_, err := q.EnqueueJob(ctx, model.Job{Kind: "mail", Payload: "{}", RunAt: time.Now(), MaxAttempts: 1, CreatedAt: time.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copia.db")
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, path); err == nil {
		t.Error("backup overwrote an existing file")
	}
	cp, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if n, err := cp.Read().PendingJobs(ctx); err != nil || n != 1 {
		t.Errorf("copy has %d jobs (%v), want 1", n, err)
	}
}
