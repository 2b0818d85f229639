package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/search"
)

// TestMigrationQueuesExistingTickets: tickets filed before migration 0040
// are queued by it (and by 0052), so the job runner indexes them.
func TestMigrationQueuesExistingTickets(t *testing.T) {
	ctx := context.Background()
	for name, st := range benchStores(t) {
		t.Run(name, func(t *testing.T) {
			w := newBenchWorld(t, st, 2, 1)
			// Back to the schema before 0040, then file tickets the old way.
			err := st.Tx(ctx, func(q *Q) error {
				for _, s := range []string{`DROP TABLE ticket_postings`, `DROP TABLE search_terms`, `DROP TABLE ticket_index_queue`,
					`DELETE FROM schema_migrations WHERE version IN (40, 52)`} {
					if _, err := q.exec(ctx, s); err != nil {
						return err
					}
				}
				for i := range 7 {
					if _, err := fileTicket(ctx, q, w, i%2, 0, "Kárdex antiguo", "Un tiquete de antes", time.Now(), noIndex); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.migrate(ctx); err != nil {
				t.Fatal(err)
			}
			n, err := st.Read().QueuedTicketCount(ctx)
			if err != nil || n != 7 {
				t.Fatalf("queued after migration: %d, %v; want 7", n, err)
			}
			for {
				done, err := indexQueued(ctx, st, 3)
				if err != nil {
					t.Fatal(err)
				}
				if done == 0 {
					break
				}
			}
			var postings int
			want := 7 * len(search.DocTerms("Kárdex antiguo\nUn tiquete de antes"))
			if err := st.Read().row(ctx, `SELECT COALESCE(sum(n), 0) FROM ticket_postings`).Scan(&postings); err != nil || postings != want {
				t.Errorf("postings: %d, %v; want %d", postings, err, want)
			}
		})
	}
}

// TestPrefixBounded: a last word that starts more than maxExpansions terms
// is matched as a whole word only, so no search ranks an unbounded set.
func TestPrefixBounded(t *testing.T) {
	ctx := context.Background()
	for name, st := range benchStores(t) {
		t.Run(name, func(t *testing.T) {
			w := newBenchWorld(t, st, 1, 1)
			var codes, whole int64
			err := st.Tx(ctx, func(q *Q) error {
				text := ""
				for i := range maxExpansions + 50 {
					text += fmt.Sprintf(" zq%03d", i)
				}
				var err error
				if codes, err = fileTicket(ctx, q, w, 0, 0, "Códigos", text, time.Now(), inlineIndex); err != nil {
					return err
				}
				whole, err = fileTicket(ctx, q, w, 0, 0, "Palabra", "zq", time.Now(), inlineIndex)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				q    string
				want []int64
			}{
				{"zq0", []int64{codes}},   // 100 completions: all expanded
				{"zq1", []int64{codes}},   // 50
				{"zq", []int64{whole}},    // two letters: whole word only
				{"zq00", []int64{codes}},  // 10
				{"zq149", []int64{codes}}, // itself
			} {
				h, err := st.Read().SearchTickets(ctx, Scope{}, TicketSearch{Query: search.ParseTicketQuery(c.q), Internal: true})
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, tk := range h.Tickets {
					got = append(got, tk.ID)
				}
				if !slices.Equal(got, c.want) {
					t.Errorf("%q: %v, want %v", c.q, got, c.want)
				}
			}
			// A three-letter prefix with one completion too many falls back
			// to the whole word.
			err = st.Tx(ctx, func(q *Q) error {
				text := ""
				for i := range maxExpansions + 1 {
					text += fmt.Sprintf(" zqx%03d", i)
				}
				_, err := fileTicket(ctx, q, w, 0, 0, "Más códigos", text+" zqx", time.Now(), inlineIndex)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			tq := search.ParseTicketQuery("zqx")
			groups, err := st.Read().queryGroups(ctx, tq)
			if err != nil || len(groups) != 1 || len(groups[0]) != 1 {
				t.Errorf("zqx with %d completions: groups %v, %v; want the whole word only", maxExpansions+1, groups, err)
			}
		})
	}
}

// TestSearchPathsAgree: walking the rarest word's postings and walking the
// tickets in scope find the same tickets, page by page, for customers and
// for staff filters (the desk tests only reach the first way, their words
// being rare).
func TestSearchPathsAgree(t *testing.T) {
	ctx := context.Background()
	for name, st := range benchStores(t) {
		t.Run(name, func(t *testing.T) {
			w := searchCorpus(t, st, 400)
			walk := func(sc Scope, s TicketSearch, scoped bool) []int64 {
				groups, err := st.Read().queryGroups(ctx, s.Query)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for pages := 0; pages < 100; pages++ {
					var h TicketHits
					if scoped {
						h, err = st.Read().searchScoped(ctx, sc, s, groups, s.Filter.Limit)
					} else {
						h, err = st.Read().searchPostings(ctx, sc, s, groups, len(groups)-1, s.Filter.Limit)
					}
					if err != nil {
						t.Fatal(err)
					}
					for _, tk := range h.Tickets {
						ids = append(ids, tk.ID)
					}
					if h.Next == 0 {
						return ids
					}
					s.Before = h.Next
				}
				t.Fatal("no end of pages")
				return nil
			}
			customer := Scope{CompanyID: w.companies[2]}
			informer := Scope{CompanyID: w.companies[2], ReporterID: w.users[2][1]}
			for _, c := range []struct {
				name     string
				sc       Scope
				q        string
				f        model.TicketFilter
				internal bool
			}{
				{"customer, one word", customer, "factura", model.TicketFilter{}, false},
				{"customer, word being typed", customer, "factura elec", model.TicketFilter{}, false},
				{"informer", informer, "usuario", model.TicketFilter{}, false},
				{"staff, one company", Scope{}, "factura", model.TicketFilter{CompanyID: w.companies[5]}, true},
				{"staff, one company and a status", Scope{}, "clave", model.TicketFilter{CompanyID: w.companies[5], OpenOnly: true}, true},
			} {
				t.Run(c.name, func(t *testing.T) {
					s := TicketSearch{Query: search.ParseTicketQuery(c.q), Filter: c.f, Internal: c.internal}
					s.Filter.Limit = 4
					byPostings, byScope := walk(c.sc, s, false), walk(c.sc, s, true)
					if len(byScope) == 0 || !slices.Equal(byPostings, byScope) {
						t.Errorf("postings %v\nscope    %v", byPostings, byScope)
					}
					if !slices.IsSortedFunc(byScope, func(a, b int64) int { return int(b - a) }) {
						t.Errorf("not newest first: %v", byScope)
					}
				})
			}
		})
	}
}

// TestTypedWords: a word being typed finds the words that start with it,
// not others sharing a shorter stem ("contrasen" is not "contratos"), and n
// typed for ñ finds the ñ, as whole word and as prefix.
func TestTypedWords(t *testing.T) {
	ctx := context.Background()
	for name, st := range benchStores(t) {
		t.Run(name, func(t *testing.T) {
			w := newBenchWorld(t, st, 1, 1)
			var password, contracts, person, odd int64
			err := st.Tx(ctx, func(q *Q) (err error) {
				if password, err = fileTicket(ctx, q, w, 0, 0, "Olvidé mi contraseña", "No llega el código al correo", time.Now(), inlineIndex); err != nil {
					return err
				}
				if contracts, err = fileTicket(ctx, q, w, 0, 0, "Contratamos dos panaderos", "Los contratos no suman la prima", time.Now(), inlineIndex); err != nil {
					return err
				}
				if person, err = fileTicket(ctx, q, w, 0, 0, "Nómina de Tomás Peñaranda", "Facturación electrónica del empleado", time.Now(), inlineIndex); err != nil {
					return err
				}
				// A word starting with what is typed must not hide the
				// words whose stem it is.
				odd, err = fileTicket(ctx, q, w, 0, 0, "Error en facturacionweb", "y electronicos2", time.Now(), inlineIndex)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				q    string
				want []int64
			}{
				{"contrasen", []int64{password}},
				{"contras", []int64{password}},
				{"contrase", []int64{password}},
				{"contrasena", []int64{password}},
				{"contraseña", []int64{password}},
				{"olvide contrasena", []int64{password}},
				{"contrasena olvide", []int64{password}},
				{"contrat", []int64{contracts}},
				{"contra", []int64{contracts, password}}, // a stop word being typed: both start with it
				{"penaranda", []int64{person}},
				{"PENAR", []int64{person}},
				{"tomas penaranda", []int64{person}},
				{"facturaci", []int64{odd, person}}, // the stem before a suffix being typed, and the word starting so
				{"electroni", []int64{odd, person}},
				{"electronicas ", []int64{person}}, // a finished word: its stem, whole
			} {
				h, err := st.Read().SearchTickets(ctx, Scope{}, TicketSearch{Query: search.ParseTicketQuery(c.q), Internal: true})
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, tk := range h.Tickets {
					got = append(got, tk.ID)
				}
				if !slices.Equal(got, c.want) {
					t.Errorf("%q: %v, want %v", c.q, got, c.want)
				}
			}
		})
	}
}
