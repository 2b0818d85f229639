package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/demo"
	"helpdesk/internal/model"
	"helpdesk/internal/search"
)

// The benchmarks open their own databases (storetest imports this package,
// so a test inside it cannot use storetest): SQLite in a temp folder, and
// PostgreSQL when HELPDESK_TEST_POSTGRES_URL is set, in a schema of its own.

func benchStores(b testing.TB) map[string]*Store {
	b.Helper()
	ctx := context.Background()
	out := map[string]*Store{}
	st, err := Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	out["sqlite"] = st
	if base := os.Getenv("HELPDESK_TEST_POSTGRES_URL"); base != "" {
		schema := fmt.Sprintf("bench_%d", time.Now().UnixNano())
		admin, err := sql.Open("pgx", base)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
			b.Fatal(err)
		}
		sep := "?"
		if strings.Contains(base, "?") {
			sep = "&"
		}
		pg, err := Open(ctx, base+sep+"search_path="+schema)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() {
			pg.Close()
			admin.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`)
			admin.Close()
		})
		out["postgres"] = pg
	}
	return out
}

// benchWorld is a module, companies and their users to file tickets with.
type benchWorld struct {
	moduleID  int64
	companies []int64
	users     [][]int64 // per company
	agent     int64
}

func newBenchWorld(b testing.TB, st *Store, companies, usersEach int) benchWorld {
	b.Helper()
	ctx := context.Background()
	now := time.Now()
	var w benchWorld
	err := st.Tx(ctx, func(q *Q) error {
		var err error
		if w.moduleID, err = q.CreateModule(ctx, "Inventarios", 1); err != nil {
			return err
		}
		if w.agent, err = q.CreateUser(ctx, model.User{Email: "agente@bench.test", Name: "Agente", Role: model.RoleAgent,
			PasswordHash: "x", Active: true, Language: "es", TimeZone: "America/Bogota"}, now); err != nil {
			return err
		}
		for c := range companies {
			id, err := q.CreateCompany(ctx, model.Company{Name: fmt.Sprintf("Empresa %d", c), NIT: fmt.Sprintf("9%08d", c), Active: true}, now)
			if err != nil {
				return err
			}
			w.companies = append(w.companies, id)
			var us []int64
			for u := range usersEach {
				uid, err := q.CreateUser(ctx, model.User{Email: fmt.Sprintf("u%d.%d@bench.test", c, u), Name: "Usuario",
					Role: model.RoleInformer, CompanyID: id, PasswordHash: "x", Active: true, Language: "es", TimeZone: "America/Bogota"}, now)
				if err != nil {
					return err
				}
				us = append(us, uid)
			}
			w.users = append(w.users, us)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return w
}

// textGen writes Spanish-looking ticket text: words of the demo FAQs drawn
// with a Zipf distribution, as real vocabularies are (a few words very
// common, most rare).
type textGen struct {
	words []string
	zipf  *rand.Zipf
	r     *rand.Rand
}

func newTextGen(seed uint64) *textGen {
	seen := map[string]bool{}
	var words []string
	for _, f := range demo.FAQs() {
		for _, w := range strings.Fields(f.Title + " " + f.Situation + " " + f.Cause + " " + f.Solution) {
			w = strings.Trim(w, ".,;:¿?¡!()«»\"'")
			if len(w) > 1 && !seen[strings.ToLower(w)] {
				seen[strings.ToLower(w)] = true
				words = append(words, w)
			}
		}
	}
	r := rand.New(rand.NewPCG(seed, 7))
	return &textGen{words: words, r: r, zipf: rand.NewZipf(r, 1.1, 2, uint64(len(words)-1))}
}

func (g *textGen) text(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.words[g.zipf.Uint64()]
	}
	return strings.Join(ws, " ")
}

// How a benchmark write treats the index.
type indexMode string

const (
	noIndex     indexMode = "none"   // as before search existed
	queueIndex  indexMode = "queue"  // the outbox: the id queued (what desk does)
	inlineIndex indexMode = "inline" // the terms written in the same transaction
)

// fileTicket writes a ticket and its creation event the way desk does,
// treating the index as mode says.
func fileTicket(ctx context.Context, q *Q, w benchWorld, company, user int, title, desc string, now time.Time, mode indexMode) (int64, error) {
	num, err := q.NextNumber(ctx, "ticket", 1000)
	if err != nil {
		return 0, err
	}
	id, err := q.CreateTicket(ctx, model.Ticket{Number: num, Title: title, ModuleID: w.moduleID, Type: "Error", Urgency: "Alta",
		Description: desc, ReporterID: w.users[company][user], CompanyID: w.companies[company], Status: model.StatusOpen,
		CreatedAt: now}, "")
	if err != nil {
		return 0, err
	}
	if err := indexWrite(ctx, q, id, title+"\n"+desc, false, mode); err != nil {
		return 0, err
	}
	_, err = q.AddEvent(ctx, model.Event{TicketID: id, AuthorID: w.users[company][user], Kind: model.EventCreated,
		NewValue: string(model.StatusOpen), CreatedAt: now})
	return id, err
}

func indexWrite(ctx context.Context, q *Q, id int64, text string, note bool, mode indexMode) error {
	switch mode {
	case queueIndex:
		return q.QueueTicketIndex(ctx, id)
	case inlineIndex:
		d := TicketTerms{ID: id, Public: search.DocTerms(text)}
		if note {
			d.Public, d.StaffOnly = nil, d.Public
		}
		return q.IndexTickets(ctx, []TicketTerms{d})
	}
	return nil
}

// indexQueued is what desk.IndexQueuedTickets does: one batch of the
// queue indexed whole and dequeued in one transaction.
func indexQueued(ctx context.Context, st *Store, n int) (int, error) {
	var done int
	err := st.Tx(ctx, func(q *Q) error {
		ts, err := q.QueuedTickets(ctx, n)
		if err != nil || len(ts) == 0 {
			return err
		}
		ids := make([]int64, len(ts))
		docs := make([]TicketTerms, len(ts))
		for i, t := range ts {
			ids[i] = t.ID
			docs[i] = TicketTerms{ID: t.ID, Public: search.DocTerms(t.Title + "\n" + t.Description + "\n" + strings.Join(t.Messages, "\n")),
				StaffOnly: search.DocTerms(strings.Join(t.Notes, "\n"))}
		}
		if err := q.IndexTickets(ctx, docs); err != nil {
			return err
		}
		done = len(ts)
		return q.DequeueTickets(ctx, ids)
	})
	return done, err
}

// BenchmarkCreateTicket files a ticket (8-word title, 60-word description)
// in its own transaction: without index, queuing it for the index (the
// outbox desk uses), or indexing it inline; "reply" adds a 40-word message
// likewise. BenchmarkIndexQueued is the outbox's other half.
func BenchmarkCreateTicket(b *testing.B) {
	ctx := context.Background()
	for name, st := range benchStores(b) {
		w := newBenchWorld(b, st, 3, 2)
		g := newTextGen(1)
		var ids []int64 // tickets to reply on
		err := st.Tx(ctx, func(q *Q) error {
			for i := range 100 {
				id, err := fileTicket(ctx, q, w, i%3, i%2, g.text(8), g.text(60), time.Now(), inlineIndex)
				ids = append(ids, id)
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		for _, mode := range []indexMode{noIndex, queueIndex, inlineIndex} {
			b.Run(fmt.Sprintf("%s/ticket/index=%s", name, mode), func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					title, desc := g.text(8), g.text(60)
					err := st.Tx(ctx, func(q *Q) error {
						_, err := fileTicket(ctx, q, w, i%3, i%2, title, desc, time.Now(), mode)
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(fmt.Sprintf("%s/reply/index=%s", name, mode), func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					body := g.text(40)
					err := st.Tx(ctx, func(q *Q) error {
						tid := ids[i%len(ids)]
						if _, err := q.AddEvent(ctx, model.Event{TicketID: tid, AuthorID: w.agent, Kind: model.EventMessage,
							Body: body, CreatedAt: time.Now()}); err != nil {
							return err
						}
						return indexWrite(ctx, q, tid, body, false, mode)
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkIndexQueued measures the outbox's indexing per ticket (ns/op is
// per ticket): queued tickets with a 60-word description and three
// 30-word messages, indexed in batches of 10 and of 50; the longest
// batch is how long it holds SQLite's one writer.
func BenchmarkIndexQueued(b *testing.B) {
	ctx := context.Background()
	for name, st := range benchStores(b) {
		w := newBenchWorld(b, st, 3, 2)
		g := newTextGen(3)
		for _, batch := range []int{10, 50} {
			b.Run(fmt.Sprintf("%s/batch=%d", name, batch), func(b *testing.B) {
				b.StopTimer()
				err := st.Tx(ctx, func(q *Q) error {
					for i := range b.N {
						id, err := fileTicket(ctx, q, w, i%3, i%2, g.text(8), g.text(60), time.Now(), queueIndex)
						if err != nil {
							return err
						}
						for range 3 {
							if _, err := q.AddEvent(ctx, model.Event{TicketID: id, AuthorID: w.agent, Kind: model.EventMessage,
								Body: g.text(30), CreatedAt: time.Now()}); err != nil {
								return err
							}
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				var slowest time.Duration
				for {
					start := time.Now()
					n, err := indexQueued(ctx, st, batch)
					if err != nil {
						b.Fatal(err)
					}
					if n == 0 {
						break
					}
					slowest = max(slowest, time.Since(start))
				}
				b.ReportMetric(float64(slowest.Microseconds())/1000, "ms/slowest-batch")
			})
		}
	}
}

// searchCorpus fills a store with n generated tickets (each with two
// public messages and an internal note) in a few transactions, and indexes
// them as the job runner does: queued, then ten at a time.
func searchCorpus(b testing.TB, st *Store, n int) benchWorld {
	b.Helper()
	ctx := context.Background()
	w := newBenchWorld(b, st, 20, 3)
	g := newTextGen(2)
	start := time.Now().Add(-time.Duration(n) * time.Minute)
	for done := 0; done < n; {
		err := st.Tx(ctx, func(q *Q) error {
			for k := 0; k < 500 && done < n; k, done = k+1, done+1 {
				at := start.Add(time.Duration(done) * time.Minute)
				id, err := fileTicket(ctx, q, w, done%20, done%3, g.text(8), g.text(60), at, queueIndex)
				if err != nil {
					return err
				}
				for m := range 3 {
					body := g.text(30)
					kind := model.EventMessage
					if m == 2 {
						kind = model.EventNote
					}
					if _, err := q.AddEvent(ctx, model.Event{TicketID: id, AuthorID: w.agent, Kind: kind, Body: body, CreatedAt: at}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		for {
			k, err := indexQueued(ctx, st, 10)
			if err != nil {
				b.Fatal(err)
			}
			if k == 0 {
				break
			}
		}
	}
	if st.dialect == Postgres {
		// What autovacuum would have done by the time anyone searches.
		if _, err := st.write.ExecContext(ctx, `ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	return w
}

// BenchmarkSearchTickets runs typical finder queries over 5,000 generated
// tickets: a common word, a rare one, two words, a word being typed, the
// same as a customer, and with a filter that few tickets pass.
func BenchmarkSearchTickets(b *testing.B) {
	ctx := context.Background()
	const n = 5000
	for name, st := range benchStores(b) {
		w := searchCorpus(b, st, n)
		logSizes(b, st, n)
		staff := Scope{}
		customer := Scope{CompanyID: w.companies[3]}
		cases := []struct {
			name  string
			sc    Scope
			q     string
			f     model.TicketFilter
			staff bool
		}{
			{"common word", staff, "factura", model.TicketFilter{}, true},
			{"rare word", staff, "contraseña", model.TicketFilter{}, true},
			{"two words", staff, "factura electrónica", model.TicketFilter{}, true},
			{"word being typed", staff, "factura elec", model.TicketFilter{}, true},
			{"three-letter prefix", staff, "imp", model.TicketFilter{}, true},
			{"customer", customer, "factura elec", model.TicketFilter{}, false},
			{"selective filter", staff, "factura", model.TicketFilter{CompanyID: w.companies[7], Status: model.StatusOpen}, true},
			{"no match", staff, "factura zzzzz", model.TicketFilter{}, true},
		}
		for _, c := range cases {
			b.Run(name+"/"+c.name, func(b *testing.B) {
				s := TicketSearch{Query: search.ParseTicketQuery(c.q), Filter: c.f, Internal: c.staff}
				s.Filter.Limit = 25
				var hits int
				for b.Loop() {
					h, err := st.Read().SearchTickets(ctx, c.sc, s)
					if err != nil {
						b.Fatal(err)
					}
					hits = len(h.Tickets)
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}

// logSizes logs what the index and the whole database take per ticket,
// beyond the text typed (titles, descriptions, messages).
func logSizes(b *testing.B, st *Store, n int) {
	ctx := context.Background()
	var postings, text, index, total int64
	q := st.Read()
	q.row(ctx, `SELECT COALESCE(sum(n + notes_n), 0) FROM ticket_postings`).Scan(&postings)
	q.row(ctx, `SELECT (SELECT SUM(length(title) + length(description)) FROM tickets) +
		(SELECT SUM(length(body)) FROM ticket_events)`).Scan(&text)
	var err error
	if st.dialect == SQLite {
		err = q.row(ctx, `SELECT SUM(pgsize) FROM dbstat WHERE name IN ('ticket_postings', 'search_terms', 'sqlite_autoindex_search_terms_1')`).Scan(&index)
		if err == nil {
			err = q.row(ctx, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&total)
		}
	} else {
		err = q.row(ctx, `SELECT pg_total_relation_size('ticket_postings') + pg_total_relation_size('search_terms'),
			(SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			 WHERE n.nspname = current_schema() AND c.relkind = 'r')`).Scan(&index, &total)
	}
	if err != nil {
		b.Logf("%s: sizes: %v", st.dialect, err)
		return
	}
	b.Logf("%s: %d tickets, %d postings (%.0f a ticket); index %d bytes (%.0f a ticket, %.1f a posting); "+
		"whole database %d bytes, %.0f a ticket beyond its %d bytes of text",
		st.dialect, n, postings, float64(postings)/float64(n), index, float64(index)/float64(n),
		float64(index)/float64(postings), total, float64(total-text)/float64(n), text/int64(n))
}
