package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/seed"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// Every table the migrations create is copied: the copy reads the tables
// from the database's catalog, and this checks that reading finds them all.
func TestCopyDataSeesEveryTable(t *testing.T) {
	created := regexp.MustCompile(`(?i)CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)`)
	dropped := regexp.MustCompile(`(?i)DROP TABLE (?:IF EXISTS )?"?(\w+)`)
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ms, err := store.Migrations(db.Dialect)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, m := range ms {
			for _, g := range created.FindAllStringSubmatch(m.SQL, -1) {
				want = append(want, g[1])
			}
			for _, g := range dropped.FindAllStringSubmatch(m.SQL, -1) {
				want = slices.DeleteFunc(want, func(name string) bool { return name == g[1] })
			}
		}
		sums, err := db.Open(t).Checksums(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range sums {
			got = append(got, s.Table)
		}
		for _, name := range want {
			if !slices.Contains(got, name) {
				t.Errorf("table %s of the migrations is not copied (copied: %v)", name, got)
			}
		}
	})
}

// tablesFilled are the tables fillEveryTable puts rows in: the copy test
// fails if one stays empty, so each is really exercised.
var tablesFilled = []string{"settings", "counters", "companies", "users", "sessions", "login_failures", "modules",
	"tickets", "ticket_events", "blobs", "drafts", "attachments", "faqs", "faq_terms", "faq_events", "jobs",
	"integration_keys", "launch_links", "access_tokens", "webhooks", "webhook_deliveries"}

// attachmentBytes has every byte value, NUL and invalid UTF-8 included.
func attachmentBytes() []byte {
	b := make([]byte, 0, 1024)
	for i := range 1024 {
		b = append(b, byte(i*7))
	}
	return b
}

// fillEveryTable adds to the demo what the demo does not write: sessions,
// a failed login, a file, a draft, FAQ events, keys, links, tokens and a
// webhook with its deliveries and jobs. It returns a ticket filed last, with
// its attachment's id.
func fillEveryTable(t *testing.T, env apptest.Env) (last model.Ticket, attID int64) {
	t.Helper()
	ctx := context.Background()
	d := env.Desk
	admin := env.User(t, "admin@oceanic.test")
	buyer := env.User(t, "compras@ferreteria.test")
	if _, err := d.LogIn(ctx, buyer.Email, seed.DemoPassword, "10.0.0.1", "web"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.LogIn(ctx, buyer.Email, "wrong password", "10.0.0.2", "api"); !errors.Is(err, model.ErrUnauthorized) {
		t.Fatalf("wrong password: %v", err)
	}
	if err := d.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{AllowPrivateWebhooks: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateWebhook(ctx, admin, desk.WebhookInput{URL: "http://127.0.0.1:9/hook", Events: []string{model.HookCreated}}); err != nil {
		t.Fatal(err)
	}
	tk, err := d.OpenTicketWithFiles(ctx, buyer, desk.NewTicket{Title: "Copia con adjunto", Module: "Inventarios", Type: "Error",
		Urgency: "Media", Description: "Adjunto el archivo"}, "", []desk.Upload{{Name: "datos.zip", Data: attachmentBytes()}})
	if err != nil {
		t.Fatal(err)
	}
	view, err := d.Ticket(ctx, buyer, tk.Number)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range view.Timeline {
		for _, a := range e.Attachments {
			attID = a.ID
		}
	}
	if attID == 0 {
		t.Fatalf("the new ticket has no attachment: %+v", view.Timeline)
	}
	key, err := d.StartDraft(ctx, buyer, desk.NewTicket{Title: "Borrador"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AddDraftFiles(ctx, buyer, key, []desk.Upload{{Name: "nota.txt", Data: []byte("borrador")}}); err != nil {
		t.Fatal(err)
	}
	faqs, err := d.FAQs(ctx, buyer)
	if err != nil || len(faqs) == 0 {
		t.Fatalf("faqs: %v", err)
	}
	if _, err := d.OpenFAQ(ctx, buyer, faqs[0].ID, "factura"); err != nil {
		t.Fatal(err)
	}
	ik, err := d.CreateIntegrationKey(ctx, admin, buyer.CompanyID, "Servidor de licencias")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateLaunch(ctx, ik.Secret, desk.LaunchRequest{Email: buyer.Email, Version: "10.4.1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateAccessToken(ctx, buyer, "script", 30); err != nil {
		t.Fatal(err)
	}
	return tk, attID
}

func sumsByTable(sums []store.TableSum) map[string]store.TableSum {
	m := map[string]store.TableSum{}
	for _, s := range sums {
		m[s.Table] = s
	}
	return m
}

// The demo help desk, with a row in every table, moves from a SQLite file
// into a new database of each kind and works there; from PostgreSQL it
// moves back into SQLite unchanged.
func TestCopyDataMovesTheDemo(t *testing.T) {
	ctx := context.Background()
	src := apptest.Demo(t, storetest.SQLiteDB)
	last, attID := fillEveryTable(t, src)
	before, err := src.Store.Checksums(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range tablesFilled {
		if sumsByTable(before)[name].Rows == 0 {
			t.Errorf("table %s is empty in the source: the test does not exercise its copy", name)
		}
	}
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		dst := db.Open(t)
		var heard []string
		copied, err := store.CopyData(ctx, src.Store, dst, func(s store.TableSum) { heard = append(heard, s.Table) })
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(copied, before) || len(heard) != len(before) {
			t.Errorf("copy reported %v (heard %v), source is %v", copied, heard, before)
		}
		after, err := dst.Checksums(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(after, before) {
			t.Errorf("target sums %v, source %v", after, before)
		}

		// Refused a second time: the target now holds data, and stays as it is.
		if _, err := store.CopyData(ctx, src.Store, dst, nil); !errors.Is(err, store.ErrTargetNotEmpty) ||
			!strings.Contains(err.Error(), "users: 7 rows") {
			t.Errorf("copy into a full database: %v", err)
		}
		if again, _ := dst.Checksums(ctx); !slices.Equal(again, before) {
			t.Error("a refused copy changed the target")
		}

		d := desk.New(desk.Options{Store: dst, PasswordCost: bcrypt.MinCost})
		login, err := d.LogIn(ctx, "compras@ferreteria.test", seed.DemoPassword, "10.0.0.3", "api")
		if err != nil {
			t.Fatalf("log in on the target: %v", err)
		}
		if _, _, err := d.Authenticate(ctx, login.Token, "api"); err != nil {
			t.Errorf("session on the target: %v", err)
		}
		buyer := login.User
		_, data, err := d.Attachment(ctx, buyer, attID)
		if err != nil || !bytes.Equal(data, attachmentBytes()) {
			t.Errorf("attachment on the target: %d bytes, %v", len(data), err)
		}
		if got, err := d.Ticket(ctx, buyer, last.Number); err != nil || got.Ticket.Title != last.Title {
			t.Errorf("ticket %d on the target: %+v %v", last.Number, got.Ticket, err)
		}
		tk, err := d.OpenTicket(ctx, buyer, desk.NewTicket{Title: "Después de migrar", Module: "Inventarios", Type: "Error",
			Urgency: "Baja", Description: "Primer tiquete en la base nueva"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if tk.Number != last.Number+1 {
			t.Errorf("new ticket number %d, want %d", tk.Number, last.Number+1)
		}
		// New rows get ids past the copied ones (PostgreSQL sequences moved).
		if _, err := d.CreateAccessToken(ctx, buyer, "después", 30); err != nil {
			t.Errorf("new row after the copy: %v", err)
		}

		if db.Dialect == store.Postgres {
			back := storetest.SQLiteDB.Open(t)
			if _, err := store.CopyData(ctx, dst, back, nil); err != nil {
				t.Fatalf("back to SQLite: %v", err)
			}
			want, _ := dst.Checksums(ctx)
			got, err := back.Checksums(ctx)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("PostgreSQL → SQLite: %v, want %v (%v)", got, want, err)
			}
		}
	})
}

// A target that differs from the source, or that does not keep what is
// written, is refused and left without rows.
func TestCopyDataRefusesWhatDoesNotMatch(t *testing.T) {
	ctx := context.Background()
	src := apptest.Demo(t, storetest.SQLiteDB)
	tests := []struct {
		name, sql, wantErr string
	}{
		{"another schema version", `DELETE FROM schema_migrations WHERE version = 2`, "different schema versions"},
		{"an extra column", `ALTER TABLE settings ADD COLUMN extra TEXT`, "settings has 2 columns in the source and 3 in the target"},
		{"an extra table", `CREATE TABLE extra (id INTEGER PRIMARY KEY)`, "different tables"},
		{"a column of another kind", `ALTER TABLE webhooks ADD COLUMN x BLOB; ALTER TABLE webhooks DROP COLUMN active;
			ALTER TABLE webhooks RENAME COLUMN x TO active`, "webhooks.active differs"},
		{"rows changed on the way in", `CREATE TRIGGER shout AFTER INSERT ON settings BEGIN
			UPDATE settings SET value = upper(value) WHERE key = NEW.key; END`, "does not match the source: table settings has"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dsn := storetest.SQLiteDB.DSN(t)
			dst, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer dst.Close()
			raw, err := sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:"))
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.Exec(tt.sql); err != nil {
				t.Fatal(err)
			}
			_, err = store.CopyData(ctx, src.Store, dst, nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("copy: %v, want %q", err, tt.wantErr)
			}
			var n int
			if err := raw.QueryRow(`SELECT count(*) FROM users`).Scan(&n); err != nil || n != 0 {
				t.Errorf("a refused copy left %d users (%v)", n, err)
			}
		})
	}
}
