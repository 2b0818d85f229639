package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "hd.db")
	copyTo := filepath.Join(dir, "copia.db")
	noEnv := func(string) string { return "" }
	tests := []struct {
		name    string
		args    []string
		wantErr string
		wantOut string
	}{
		{"no command", nil, "no command given", ""},
		{"unknown", []string{"nada"}, `unknown command "nada"`, ""},
		{"help", []string{"help"}, "", "backup"},
		{"migrate", []string{"migrate", "--database", db}, "", "up to date"},
		{"backup needs --to", []string{"backup", "--database", db}, "--to FILE is required", ""},
		{"backup", []string{"backup", "--database", db, "--to", copyTo}, "", "backup written to"},
		{"backup never overwrites", []string{"backup", "--database", db, "--to", copyTo}, "already exists", ""},
		{"bad database", []string{"migrate", "--database", "mysql://x"}, "use sqlite:PATH or postgres://", ""},
		{"mistyped database path", []string{"integration-key", "list", "--database", "sqlite:" + filepath.Join(dir, "nada", "x.db")},
			"no help desk database at", ""},
		{"backup of a missing database", []string{"backup", "--database", "sqlite:" + filepath.Join(dir, "otra.db"), "--to", filepath.Join(dir, "b.db")},
			"no help desk database at", ""},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tt.args, noEnv, &out, &errOut)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
		case !strings.Contains(out.String(), tt.wantOut):
			t.Errorf("%s: output %q, want %q", tt.name, out.String(), tt.wantOut)
		}
	}
	if fi, err := os.Stat(copyTo); err != nil || fi.Size() == 0 {
		t.Errorf("backup file: %v", err)
	}
}
