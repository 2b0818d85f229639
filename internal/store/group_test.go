package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// Write transactions running at once (on SQLite: sharing commits) each
// keep their own outcome: what succeeded is there, what failed or
// panicked is not, and each caller hears of its own error only.
func TestConcurrentTransactionsKeepTheirOwnOutcome(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		st := db.Open(t)
		ctx := context.Background()
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		type outcome int
		const (
			commits outcome = iota
			fails
			panics
			givenUp // its context ended before it ran
		)
		errOwn := errors.New("this one fails")
		const n = 60
		want := make([]outcome, n)
		for i := range want {
			want[i] = outcome(i % 4)
		}
		got := make([]error, n)
		panicked := make([]any, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				defer func() { panicked[i] = recover() }()
				c := ctx
				if want[i] == givenUp {
					c = cancelled
				}
				got[i] = st.Tx(c, func(q *store.Q) error {
					if err := q.SetSetting(ctx, fmt.Sprintf("k%d", i), "v"); err != nil {
						return err
					}
					switch want[i] {
					case fails:
						return fmt.Errorf("transaction %d: %w", i, errOwn)
					case panics:
						panic("boom")
					}
					return nil
				})
			})
		}
		close(start)
		wg.Wait()
		for i := range n {
			v, err := st.Read().Setting(ctx, fmt.Sprintf("k%d", i))
			kept := err == nil && v == "v"
			switch want[i] {
			case commits:
				if got[i] != nil || panicked[i] != nil || !kept {
					t.Errorf("%d: error %v, panic %v, kept %v; want it committed", i, got[i], panicked[i], kept)
				}
			case fails:
				if !errors.Is(got[i], errOwn) || kept {
					t.Errorf("%d: error %v, kept %v; want its own error, nothing kept", i, got[i], kept)
				}
			case panics:
				if panicked[i] != "boom" || kept {
					t.Errorf("%d: panic %v, kept %v; want its panic, nothing kept", i, panicked[i], kept)
				}
			case givenUp:
				if got[i] == nil || kept {
					t.Errorf("%d: error %v, kept %v; want an error, nothing kept", i, got[i], kept)
				}
			}
		}
	})
}
