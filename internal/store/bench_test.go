package store_test

import (
	"context"
	"io"
	"testing"
	"time"

	"helpdesk/internal/bench"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// The store's hot queries on generated data (the tiny benchmark set, so
// it runs anywhere): `go test ./internal/store -bench .`; with
// HELPDESK_TEST_POSTGRES_URL set, on PostgreSQL too. `helpdesk bench`
// measures the same over HTTP on larger sets.

func benchStores(b *testing.B, fn func(b *testing.B, st *store.Store, ds bench.Dataset)) {
	for _, db := range []storetest.DB{storetest.SQLiteDB, storetest.PostgresDB} {
		b.Run(db.Name, func(b *testing.B) {
			st := db.Open(b)
			sz, err := bench.SizeByName("tiny")
			if err != nil {
				b.Fatal(err)
			}
			ds, err := bench.Generate(context.Background(), st, sz, 4, time.Now(), io.Discard)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			fn(b, st, ds)
		})
	}
}

func customer(b *testing.B, st *store.Store, ds bench.Dataset) store.Scope {
	u, err := st.Read().UserByEmail(context.Background(), ds.Customers[0])
	if err != nil {
		b.Fatal(err)
	}
	return store.Scope{CompanyID: u.CompanyID}
}

// BenchmarkTicketWithTimeline reads a ticket by number and its timeline,
// internal notes included, as staff do.
func BenchmarkTicketWithTimeline(b *testing.B) {
	benchStores(b, func(b *testing.B, st *store.Store, ds bench.Dataset) {
		ctx := context.Background()
		n := int64(1000)
		for b.Loop() {
			q := st.Read()
			t, err := q.TicketByNumber(ctx, store.Scope{}, n)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := q.Events(ctx, t.ID, true); err != nil {
				b.Fatal(err)
			}
			if n++; n > ds.MaxNumber {
				n = 1000
			}
		}
	})
}

// BenchmarkCustomerOpenList reads the first page of a company's open
// tickets.
func BenchmarkCustomerOpenList(b *testing.B) {
	benchStores(b, func(b *testing.B, st *store.Store, ds bench.Dataset) {
		ctx := context.Background()
		sc := customer(b, st, ds)
		for b.Loop() {
			if _, err := st.Read().Tickets(ctx, sc, model.TicketFilter{OpenOnly: true, Limit: 26}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStaffQueuePage reads the staff queue: filtered by status and
// module at the first page, and unfiltered at the tenth page by keyset.
func BenchmarkStaffQueuePage(b *testing.B) {
	benchStores(b, func(b *testing.B, st *store.Store, ds bench.Dataset) {
		ctx := context.Background()
		mods, err := st.Read().Modules(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("first", func(b *testing.B) {
			f := model.TicketFilter{Status: model.StatusClosed, ModuleID: mods[0].ID, Limit: 26}
			for b.Loop() {
				if _, err := st.Read().Tickets(ctx, store.Scope{}, f); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("tenth", func(b *testing.B) {
			f := model.TicketFilter{Limit: 26}
			for range 9 {
				ts, err := st.Read().Tickets(ctx, store.Scope{}, f)
				if err != nil || len(ts) < 26 {
					b.Fatalf("walking to the tenth page: %d tickets, %v", len(ts), err)
				}
				last := ts[len(ts)-2] // the 26th is the "more" probe
				f.BeforeCreated, f.BeforeID = last.CreatedAt, last.ID
			}
			for b.Loop() {
				if _, err := st.Read().Tickets(ctx, store.Scope{}, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
