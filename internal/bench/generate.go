package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"helpdesk/internal/demo"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// markerKey is the setting that names the data set a database holds, so a
// later run reuses it instead of generating it again.
const markerKey = "bench.dataset"

// eventsKey is the setting that keeps the newest generated timeline
// entry, so what a run adds can be taken away again.
const eventsKey = "bench.events"

// storageKey keeps the space tickets took as generated ("tickets bytes
// text index"): measured again after runs that added and removed rows, it would
// count the room PostgreSQL keeps for dead rows.
const storageKey = "bench.storage"

// generating is the marker's value while a generation runs: a database
// left with it was interrupted and is refused.
const generating = "generating"

// firstNumber is the first generated ticket's number, as in real use.
const firstNumber = 1000

// Dataset is what a run knows of the generated data.
type Dataset struct {
	Size      Size
	Reused    bool
	Took      time.Duration
	Modules   []string
	Customers []string // e-mails of customer users to sign in as
	Agents    []string // e-mails of agents to sign in as
	FAQTitles []string // real FAQ titles to type
	MaxNumber int64    // the highest generated ticket number
	MaxEvent  int64    // the newest generated timeline entry's id
	Storage   store.TicketStorage
}

func companyEmail(company, user int) string {
	return fmt.Sprintf("u%d@empresa%05d.test", user, company)
}

func agentEmail(i int) string { return fmt.Sprintf("agente%02d@oceanic.test", i) }

// dataset describes the data of a size, generated or found.
func dataset(sz Size) Dataset {
	ds := Dataset{Size: sz, Modules: demo.Modules(), MaxNumber: int64(firstNumber + sz.Tickets - 1)}
	per := max(1, sz.Users/sz.Companies)
	// Company admins see their whole company, informers their own tickets
	// (or the company's, where it shares them): both kinds sign in.
	for c := 1; len(ds.Customers) < 16 && c <= sz.Companies; c += max(1, sz.Companies/16) {
		ds.Customers = append(ds.Customers, companyEmail(c, 1+len(ds.Customers)%per))
	}
	for i := 1; i <= min(4, sz.Staff); i++ {
		ds.Agents = append(ds.Agents, agentEmail(i))
	}
	for _, f := range demo.FAQs() {
		ds.FAQTitles = append(ds.FAQTitles, f.Title)
	}
	return ds
}

// Generate fills an empty database with a data set of the given size
// through the store, in batched transactions, printing progress to w. A
// database that already holds that data set is reused; one holding
// anything else is refused.
func Generate(ctx context.Context, st *store.Store, sz Size, passwordCost int, now time.Time, w io.Writer) (Dataset, error) {
	ds := dataset(sz)
	q := st.Read()
	mark, err := q.Setting(ctx, markerKey)
	if err != nil {
		return ds, err
	}
	switch mark {
	case sz.Name:
		ds.Reused = true
		v, err := q.Setting(ctx, eventsKey)
		if err != nil {
			return ds, err
		}
		if ds.MaxEvent, err = strconv.ParseInt(v, 10, 64); err != nil {
			return ds, fmt.Errorf("setting %s: %q", eventsKey, v)
		}
		if v, err = q.Setting(ctx, storageKey); err != nil {
			return ds, err
		}
		sto := &ds.Storage
		// Three numbers: generated before tickets were indexed as loaded.
		if n, err := fmt.Sscanf(v, "%d %d %d %d", &sto.Tickets, &sto.Bytes, &sto.TextBytes, &sto.Index); n != 4 || err != nil {
			return ds, fmt.Errorf("setting %s: %q: this data set has no search index as generated now; generate it in a new database", storageKey, v)
		}
		return ds, nil
	case generating:
		return ds, errors.New("this database holds an interrupted generation: remove it and run again")
	case "":
	default:
		return ds, fmt.Errorf("this database holds the %s data set, not %s: use another database", mark, sz.Name)
	}
	if n, err := q.CountUsers(ctx); err != nil || n > 0 {
		if err == nil {
			err = errors.New("this database already has data of its own: give an empty database to generate into")
		}
		return ds, err
	}
	start := time.Now()
	g := &generator{st: st, sz: sz, now: now.UTC().Truncate(time.Millisecond), txt: newText(uint64(sz.Tickets)),
		p: progress{w: w, start: start}}
	d := desk.New(desk.Options{Store: st, PasswordCost: passwordCost})
	if g.hash, err = d.HashPassword(Password); err != nil {
		return ds, err
	}
	steps := []func(context.Context) error{g.base, g.users, g.faqs, g.tickets}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return ds, err
		}
	}
	// A served database has planner statistics (PostgreSQL's autovacuum
	// gathers them after such a load): the run measures that state.
	if err := st.Analyze(ctx); err != nil {
		return ds, err
	}
	if ds.Storage, err = st.TicketStorage(ctx); err != nil {
		return ds, err
	}
	err = st.Tx(ctx, func(q *store.Q) error {
		var err error
		if ds.MaxEvent, err = q.MaxEventID(ctx); err != nil {
			return err
		}
		sto := ds.Storage
		if err := q.SetSetting(ctx, storageKey, fmt.Sprintf("%d %d %d %d", sto.Tickets, sto.Bytes, sto.TextBytes, sto.Index)); err != nil {
			return err
		}
		if err := q.SetSetting(ctx, eventsKey, strconv.FormatInt(ds.MaxEvent, 10)); err != nil {
			return err
		}
		return q.SetSetting(ctx, markerKey, sz.Name)
	})
	if err != nil {
		return ds, err
	}
	ds.Took = time.Since(start)
	fmt.Fprintf(w, "generated the %s data set in %s\n", sz.Name, ds.Took.Round(time.Second/10))
	return ds, nil
}

type generator struct {
	st        *store.Store
	sz        Size
	now       time.Time
	txt       *text
	hash      string
	p         progress
	modules   []int64
	agents    []int64
	admin     int64
	customers []customer
}

type customer struct{ id, company int64 }

// progress prints a line per stage at most every two seconds.
type progress struct {
	w     io.Writer
	start time.Time
	last  time.Time
}

func (p *progress) report(what string, done, total int) {
	if done < total && time.Since(p.last) < 2*time.Second {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "  %-9s %9d / %-9d %3d%%  %s\n", what, done, total, done*100/max(1, total),
		time.Since(p.start).Round(time.Second/10))
}

// base writes the settings, modules, staff and companies.
func (g *generator) base(ctx context.Context) error {
	return g.st.Tx(ctx, func(q *store.Q) error {
		if err := q.SetSetting(ctx, markerKey, generating); err != nil {
			return err
		}
		name, phone, notice := demo.Vendor()
		if err := q.SaveSettings(ctx, model.Settings{VendorName: name, VendorPhone: phone, ScopeNotice: notice,
			ScopeNoticeEN: demo.ScopeNoticeEN}); err != nil {
			return err
		}
		for i, m := range demo.Modules() {
			id, err := q.CreateModule(ctx, m, i+1)
			if err != nil {
				return err
			}
			g.modules = append(g.modules, id)
		}
		admin := model.User{Email: "admin@oceanic.test", Name: g.txt.person(), Role: model.RoleAdmin,
			PasswordHash: g.hash, Active: true, Language: "es", TimeZone: "America/Bogota"}
		var err error
		if g.admin, err = q.CreateUser(ctx, admin, g.now); err != nil {
			return err
		}
		for i := 1; i <= g.sz.Staff; i++ {
			u := admin
			u.Email, u.Name, u.Role = agentEmail(i), g.txt.person(), model.RoleAgent
			id, err := q.CreateUser(ctx, u, g.now)
			if err != nil {
				return err
			}
			g.agents = append(g.agents, id)
		}
		return nil
	})
}

// users writes the companies and their people: the first of each company
// is its admin, the rest informers; half the companies share tickets.
func (g *generator) users(ctx context.Context) error {
	per := max(1, g.sz.Users/g.sz.Companies)
	const batch = 200 // companies per transaction
	for c0 := 1; c0 <= g.sz.Companies; c0 += batch {
		err := g.st.Tx(ctx, func(q *store.Q) error {
			for c := c0; c < c0+batch && c <= g.sz.Companies; c++ {
				cid, err := q.CreateCompany(ctx, model.Company{Name: g.txt.company(c), NIT: nit(c), Active: true,
					ShareTickets: c%2 == 0}, g.now)
				if err != nil {
					return err
				}
				for j := 1; j <= per; j++ {
					role := model.RoleInformer
					if j == 1 {
						role = model.RoleCompanyAdmin
					}
					u := model.User{Email: companyEmail(c, j), Name: g.txt.person(), Role: role, CompanyID: cid,
						PasswordHash: g.hash, Active: true, Language: "es", TimeZone: "America/Bogota"}
					id, err := q.CreateUser(ctx, u, g.now)
					if err != nil {
						return err
					}
					g.customers = append(g.customers, customer{id: id, company: cid})
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("companies: %w", err)
		}
		g.p.report("companies", min(c0+batch-1, g.sz.Companies), g.sz.Companies)
	}
	return nil
}

// faqs writes the FAQs and publishes each one as publishing does, which
// indexes its terms.
func (g *generator) faqs(ctx context.Context) error {
	const batch = 200
	mods := map[string]int64{}
	for i, m := range demo.Modules() {
		mods[m] = g.modules[i]
	}
	for i0 := 0; i0 < g.sz.FAQs; i0 += batch {
		err := g.st.Tx(ctx, func(q *store.Q) error {
			for i := i0; i < i0+batch && i < g.sz.FAQs; i++ {
				d := g.txt.faq(i)
				f := model.FAQ{ModuleID: mods[d.Module], Title: d.Title, Situation: d.Situation, Cause: d.Cause, Solution: d.Solution}
				var err error
				if f.ID, err = q.CreateFAQ(ctx, f, g.admin, g.now); err != nil {
					return err
				}
				if err := q.SetFAQPublished(ctx, f, true, g.now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("FAQs: %w", err)
		}
		g.p.report("FAQs", min(i0+batch, g.sz.FAQs), g.sz.FAQs)
	}
	return nil
}

// tickets writes the tickets, oldest first over two years, each with its
// timeline: created, then four more events on average (messages both
// ways, assignment, status changes, now and then an internal note), and
// indexes them for search. Old tickets are mostly closed; recent ones in
// every status.
func (g *generator) tickets(ctx context.Context) error {
	const batch = 2000
	span := 730 * 24 * time.Hour
	rng := g.txt.rng
	for i0 := 0; i0 < g.sz.Tickets; i0 += batch {
		var ts []model.Ticket
		var timelines [][]model.Event
		for i := i0; i < i0+batch && i < g.sz.Tickets; i++ {
			created := g.now.Add(-span + time.Duration(int64(span)/int64(g.sz.Tickets)*int64(i)))
			c := g.customers[rng.IntN(len(g.customers))]
			t := model.Ticket{Number: int64(firstNumber + i), ModuleID: g.modules[rng.IntN(len(g.modules))],
				ReporterID: c.id, CompanyID: c.company, Status: model.StatusOpen, CreatedAt: created}
			g.txt.ticket(&t)
			timelines = append(timelines, g.timeline(&t))
			ts = append(ts, t)
		}
		err := g.st.Tx(ctx, func(q *store.Q) error {
			ids, err := q.InsertTickets(ctx, ts)
			if err != nil {
				return err
			}
			var evs []model.Event
			texts := make([]store.TicketText, len(ts))
			for k, t := range ts {
				texts[k] = store.TicketText{ID: ids[t.Number], Title: t.Title, Description: t.Description}
				for _, e := range timelines[k] {
					e.TicketID = ids[t.Number]
					evs = append(evs, e)
					switch e.Kind {
					case model.EventMessage:
						texts[k].Messages = append(texts[k].Messages, e.Body)
					case model.EventNote:
						texts[k].Notes = append(texts[k].Notes, e.Body)
					}
				}
			}
			if err := q.InsertEvents(ctx, evs); err != nil {
				return err
			}
			// Indexed as the queue's work would, so search runs over a
			// whole index and nothing waits in the outbox.
			if err := desk.IndexTexts(ctx, q, texts); err != nil {
				return err
			}
			return q.SetCounter(ctx, "ticket", ts[len(ts)-1].Number)
		})
		if err != nil {
			return fmt.Errorf("tickets: %w", err)
		}
		g.p.report("tickets", min(i0+batch, g.sz.Tickets), g.sz.Tickets)
	}
	return nil
}

// timeline makes a ticket's events and sets the ticket's final state.
func (g *generator) timeline(t *model.Ticket) []model.Event {
	rng := g.txt.rng
	at := t.CreatedAt
	evs := []model.Event{{AuthorID: t.ReporterID, Kind: model.EventCreated, NewValue: string(model.StatusOpen), CreatedAt: at}}
	old := g.now.Sub(t.CreatedAt) > 30*24*time.Hour
	extra := rng.IntN(6) // with status changes, five events a ticket on average
	if old {
		extra = 1 + rng.IntN(9)/2 // an old ticket was at least assigned
	}
	agent := g.agents[rng.IntN(len(g.agents))]
	status := model.StatusOpen
	step := func() time.Time {
		at = at.Add(time.Duration(10+rng.IntN(600)) * time.Minute)
		if at.After(g.now) {
			at = g.now
		}
		return at
	}
	setStatus := func(to model.Status) {
		evs = append(evs, model.Event{AuthorID: agent, Kind: model.EventStatus, OldValue: string(status), NewValue: string(to), CreatedAt: step()})
		status = to
		switch to {
		case model.StatusResolved:
			t.ResolvedAt = at
		case model.StatusClosed:
			t.ClosedAt = at
		}
	}
	if extra > 0 {
		t.AssigneeID = agent
		evs = append(evs, model.Event{AuthorID: agent, Kind: model.EventAssign, NewValue: fmt.Sprint(agent), CreatedAt: step()})
		extra--
	}
	for k := 0; k < extra; k++ {
		switch {
		case k%2 == 0:
			if rng.IntN(6) == 0 {
				evs = append(evs, model.Event{AuthorID: agent, Kind: model.EventNote, Body: g.txt.reply(), CreatedAt: step()})
				continue
			}
			evs = append(evs, model.Event{AuthorID: agent, Kind: model.EventMessage, Body: g.txt.reply(), CreatedAt: step()})
			if t.FirstResponseAt.IsZero() {
				t.FirstResponseAt = at
			}
			if status == model.StatusOpen {
				setStatus(model.StatusInProgress)
				k++
			}
		default:
			evs = append(evs, model.Event{AuthorID: t.ReporterID, Kind: model.EventMessage, Body: g.txt.reply(), CreatedAt: step()})
		}
	}
	if extra > 0 && (old && rng.IntN(20) != 0 || rng.IntN(4) == 0) {
		switch {
		case !old:
			setStatus(model.StatusResolved)
		case rng.IntN(2) == 0: // the customer confirmed the solution
			setStatus(model.StatusResolved)
			setStatus(model.StatusClosed)
		default: // closed by the agent
			setStatus(model.StatusClosed)
		}
	}
	t.Status = status
	t.UpdatedAt = at
	return evs
}

// Trim takes the data set back to how it was generated: the tickets,
// replies and FAQ usage a run added go.
func Trim(ctx context.Context, st *store.Store, ds Dataset) error {
	return st.TrimTo(ctx, ds.MaxNumber, ds.MaxEvent)
}
