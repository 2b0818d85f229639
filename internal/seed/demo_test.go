package seed_test

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/demo"
	"helpdesk/internal/model"
	"helpdesk/internal/seed"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

func TestDemoLoadsOnceWithEveryStatus(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) { demoLoadsOnce(t, db) })
}

func demoLoadsOnce(t *testing.T, db storetest.DB) {
	ctx := context.Background()
	st := db.Open(t)
	loaded, err := seed.Demo(ctx, st, time.Now(), bcrypt.MinCost)
	if err != nil || !loaded {
		t.Fatalf("first load = %v, %v; want true, nil", loaded, err)
	}
	loaded, err = seed.Demo(ctx, st, time.Now(), bcrypt.MinCost)
	if err != nil || loaded {
		t.Fatalf("second load = %v, %v; want false, nil (database not empty)", loaded, err)
	}
	counts, err := st.Read().StatusCounts(ctx, store.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range model.Statuses() {
		if counts[s] == 0 {
			t.Errorf("no demo ticket is %s", s)
		}
		total += counts[s]
	}
	if total != len(demo.Tickets()) {
		t.Errorf("tickets = %d, want %d", total, len(demo.Tickets()))
	}
	// Resolved demo tickets wait for their customers: none is due to close
	// itself (after the default 7 days) as soon as the server starts.
	if due, err := st.Read().ResolvedBefore(ctx, time.Now().AddDate(0, 0, -7), 100); err != nil || len(due) > 0 {
		t.Errorf("resolved demo tickets due for auto-close: %v %v", due, err)
	}
	faqs, err := st.Read().FAQs(ctx, false)
	if err != nil || len(faqs) != len(demo.FAQs()) {
		t.Errorf("published FAQs = %d (%v), want %d", len(faqs), err, len(demo.FAQs()))
	}
}
