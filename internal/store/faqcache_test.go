package store_test

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"helpdesk/internal/bench"
	"helpdesk/internal/model"
	"helpdesk/internal/search"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// faqFixture generates published FAQs (the demo's, recombined) and returns
// the queries to type: every keystroke of some real titles, and typos.
func faqFixture(t *testing.T, st *store.Store, n int) []string {
	t.Helper()
	sz := bench.Size{Name: "faqs", Companies: 1, Users: 1, Staff: 1, FAQs: n}
	ds, err := bench.Generate(context.Background(), st, sz, 4, time.Now(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for i := 0; i < len(ds.FAQTitles); i += 4 {
		rs := []rune(ds.FAQTitles[i])
		for k := 1; k <= len(rs); k++ {
			qs = append(qs, string(rs[:k]))
		}
	}
	return append(qs, "factrua electronica", "contrasena", "cierre del ano", "invetario negativo", "de la que",
		"zanahoria", "zanahoria morada", "berenjena")
}

// sameAsSQL checks that the in-memory source of st gives exactly what the
// SQL source gives: the same hits, in the same order, with the same scores.
func sameAsSQL(t *testing.T, st *store.Store, qs []string) {
	t.Helper()
	ctx := context.Background()
	for _, q := range qs {
		want, err := search.Search(ctx, st.Read().FAQIndex(), q, 20)
		if err != nil {
			t.Fatal(err)
		}
		src, err := st.FAQSource(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := src.(store.FAQIndex); ok {
			t.Fatalf("%q: answered from SQL, not from the copy", q)
		}
		got, err := search.Search(ctx, src, q, 20)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: in memory %v, SQL %v", q, got, want)
		}
	}
}

// publish writes a FAQ's text and publishes or unpublishes it, as the desk
// does, returning its id.
func publish(t *testing.T, st *store.Store, f model.FAQ, published bool) int64 {
	t.Helper()
	ctx := context.Background()
	err := st.Tx(ctx, func(q *store.Q) error {
		now := time.Now()
		if f.ModuleID == 0 {
			mods, err := q.Modules(ctx)
			if err != nil {
				return err
			}
			f.ModuleID = mods[0].ID
		}
		if f.ID == 0 {
			admin, err := q.UserByEmail(ctx, "admin@oceanic.test")
			if err != nil {
				return err
			}
			if f.ID, err = q.CreateFAQ(ctx, f, admin.ID, now); err != nil {
				return err
			}
		} else if err := q.UpdateFAQ(ctx, f, now); err != nil {
			return err
		}
		return q.SetFAQPublished(ctx, f, published, now)
	})
	if err != nil {
		t.Fatal(err)
	}
	return f.ID
}

// TestFAQSourceMatchesSQL compares the in-memory source with the SQL one
// on the same data: as first loaded, after publishing, editing and
// unpublishing (caught up from the change log), and loaded afresh.
func TestFAQSourceMatchesSQL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		dsn := db.DSN(t)
		st := open(t, dsn)
		qs := faqFixture(t, st, 150)
		if err := st.LoadFAQs(context.Background()); err != nil {
			t.Fatal(err)
		}
		sameAsSQL(t, st, qs)

		z := model.FAQ{Title: "Zanahoria en la factura electrónica", Situation: "La factura sale con «zanahoria».",
			Cause: "Un campo libre.", Solution: "Borre la zanahoria y reenvíe la factura."}
		z.ID = publish(t, st, z, true)
		for id := int64(1); id <= 40; id += 3 { // edit some, unpublish others
			f, err := st.Read().FAQByID(context.Background(), id, true)
			if err != nil {
				t.Fatal(err)
			}
			f.Title += " con berenjena"
			publish(t, st, f, id%2 == 0)
		}
		sameAsSQL(t, st, qs)
		z.Title = "Berenjena morada en la factura"
		publish(t, st, z, true)
		sameAsSQL(t, st, qs)

		fresh := open(t, dsn)
		waitLoaded(t, fresh)
		sameAsSQL(t, fresh, qs)
	})
}

// TestFAQSourceAcrossProcesses has two stores on one database, as two
// processes behind a load balancer: what one publishes, edits or
// unpublishes, the other finds (or stops finding) at its next search, also
// when it is further behind than the change log keeps.
func TestFAQSourceAcrossProcesses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ctx := context.Background()
		dsn := db.DSN(t)
		a := open(t, dsn)
		faqFixture(t, a, 60)
		b := open(t, dsn)
		found := func(q string) []int64 {
			t.Helper()
			src, err := b.FAQSource(ctx)
			if err != nil {
				t.Fatal(err)
			}
			hits, err := search.Search(ctx, src, q, 5)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, h := range hits {
				ids = append(ids, h.DocID)
			}
			return ids
		}
		if got := found("zanahoria"); len(got) != 0 {
			t.Fatalf("found before it exists: %v", got)
		}
		waitLoaded(t, b) // the first search started loading the copy
		f := model.FAQ{Title: "Zanahoria en el reporte", Situation: "Aparece «zanahoria».", Cause: "Un campo libre.",
			Solution: "Bórrelo."}
		f.ID = publish(t, a, f, true)
		if got := found("zanahoria"); !slices.Equal(got, []int64{f.ID}) {
			t.Errorf("published through a, b finds %v, want [%d]", got, f.ID)
		}
		f.Title, f.Situation = "Berenjena en el reporte", "Aparece «berenjena»."
		publish(t, a, f, true)
		if got := found("zanahoria"); len(got) != 0 {
			t.Errorf("edited through a, b still finds the old text: %v", got)
		}
		if got := found("berenjena"); !slices.Equal(got, []int64{f.ID}) {
			t.Errorf("edited through a, b finds %v for the new text", got)
		}
		publish(t, a, f, false)
		if got := found("berenjena"); len(got) != 0 {
			t.Errorf("unpublished through a, b still finds it: %v", got)
		}
		// More changes than the log keeps: b reloads everything.
		err := a.Tx(ctx, func(q *store.Q) error {
			for i := range 1001 {
				if err := q.SetFAQPublished(ctx, f, i%2 == 0, time.Now()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := found("berenjena"); !slices.Equal(got, []int64{f.ID}) {
			t.Errorf("after 1001 changes through a, b finds %v", got)
		}
		waitLoaded(t, b)
		if got := found("berenjena"); !slices.Equal(got, []int64{f.ID}) {
			t.Errorf("after 1001 changes through a, b's reloaded copy finds %v", got)
		}
		sameAsSQL(t, b, []string{"berenjena", "factura electronica", "nomina", "contrasena"})
	})
}

// TestFAQSourceConcurrent searches from several goroutines while FAQs are
// published and edited through the same store and another one (run with
// -race): every search succeeds, and the copy ends equal to the table.
func TestFAQSourceConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ctx := context.Background()
		dsn := db.DSN(t)
		a := open(t, dsn)
		qs := faqFixture(t, a, 60)
		b := open(t, dsn)
		if err := b.LoadFAQs(ctx); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for g := range 4 {
			wg.Go(func() {
				for i := range 40 {
					src, err := b.FAQSource(ctx)
					if err == nil {
						_, err = search.Search(ctx, src, qs[(g*40+i)%len(qs)], 20)
					}
					if err != nil {
						errs <- err
						return
					}
				}
			})
		}
		for i := range 10 {
			st := a
			if i%2 == 1 {
				st = b
			}
			f := model.FAQ{Title: fmt.Sprintf("Zanahoria %d en la factura", i), Situation: "Aparece «zanahoria».",
				Cause: "Un campo libre.", Solution: "Bórrelo."}
			f.ID = publish(t, st, f, true)
			f.Title = fmt.Sprintf("Berenjena %d en la factura", i)
			publish(t, st, f, i%3 != 0)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		sameAsSQL(t, b, append(qs[:40:40], "zanahoria", "berenjena", "berenjena factura"))
	})
}

// waitLoaded waits until st answers from its copy, which FAQSource loads
// in the background.
func waitLoaded(t *testing.T, st *store.Store) {
	t.Helper()
	for range 6000 { // a minute at most
		src, err := st.FAQSource(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := src.(store.FAQIndex); !ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the copy of the FAQ terms never loaded")
}

func open(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
