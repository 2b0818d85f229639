package desk_test

import (
	"testing"
	"time"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// TestAutoCloseDaysSetting: the settings page takes 0 (never) to 90, the
// job closes nothing with 0, and a value out of range in the database
// falls back to the default for the page and the job alike.
func TestAutoCloseDaysSetting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		now := time.Now()
		clock := now
		d := desk.New(desk.Options{Store: env.Store, Now: func() time.Time { return clock }})
		admin := env.User(t, "admin@oceanic.test")
		tk, err := d.OpenTicket(ctx, env.User(t, "compras@ferreteria.test"), validTicket(), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.ChangeStatus(ctx, env.User(t, "agente@oceanic.test"), tk.Number, model.StatusResolved); err != nil {
			t.Fatal(err)
		}
		clock = now.Add(100 * 24 * time.Hour)
		tests := []struct {
			name     string
			save     int // through the settings page; -1 writes raw instead
			raw      string
			wantDays int
			closes   bool
		}{
			{name: "never", save: 0, wantDays: 0},
			{name: "out of range in the database", save: -1, raw: "500", wantDays: desk.DefaultAutoCloseDays, closes: true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.save >= 0 {
					s, err := d.VendorSettings(ctx)
					if err != nil {
						t.Fatal(err)
					}
					s.AutoCloseDays = tt.save
					if err := d.SaveVendorSettings(ctx, admin, s); err != nil {
						t.Fatalf("save %d days: %v", tt.save, err)
					}
				} else if err := env.Store.Tx(ctx, func(q *store.Q) error { return q.SetSetting(ctx, desk.SettingAutoCloseDays, tt.raw) }); err != nil {
					t.Fatal(err)
				}
				if s, _ := d.VendorSettings(ctx); s.AutoCloseDays != tt.wantDays {
					t.Errorf("settings page shows %d days, want %d", s.AutoCloseDays, tt.wantDays)
				}
				if _, err := d.AutoClose(ctx); err != nil {
					t.Fatal(err)
				}
				v, err := d.Ticket(ctx, admin, tk.Number)
				if err != nil {
					t.Fatal(err)
				}
				if closed := v.Ticket.Status == model.StatusClosed; closed != tt.closes {
					t.Errorf("closed = %v, want %v", closed, tt.closes)
				}
			})
		}
	})
}
