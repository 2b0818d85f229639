package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"helpdesk/internal/store"
)

// openExisting opens the database of a help desk that already exists:
// commands other than serve must not create an empty one from a mistyped
// path and then report on it as if it were the real one.
func openExisting(ctx context.Context, dsn string) (*store.Store, error) {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		file, _, _ := strings.Cut(path, "?")
		if _, err := os.Stat(file); err != nil {
			return nil, fmt.Errorf("no help desk database at %s (check --database or HELPDESK_DATABASE)", file)
		}
	}
	return store.Open(ctx, dsn)
}
