package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// client drives the server over HTTP as signed-in customers and agents.
type client struct {
	base      string
	http      *http.Client
	customers []string // bearer tokens
	agents    []string
	// session cookies of the portal and console, one customer and one agent
	customerPage, agentPage *http.Cookie
}

func newClient(base string) *client {
	tr := &http.Transport{MaxIdleConns: 2048, MaxIdleConnsPerHost: 2048, DisableCompression: true,
		IdleConnTimeout: time.Minute}
	return &client{base: base, http: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
}

// do sends a request and checks its status; out, when not nil, receives
// the JSON answer.
func (c *client) do(ctx context.Context, method, path, token string, body any, want int, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		b, _ := io.ReadAll(io.LimitReader(res.Body, 300))
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, bytes.TrimSpace(b))
	}
	if out != nil {
		return json.NewDecoder(res.Body).Decode(out)
	}
	_, err = io.Copy(io.Discard, res.Body)
	return err
}

// webLogin signs in on the login form and returns the session cookie.
func (c *client) webLogin(ctx context.Context, email string) (*http.Cookie, error) {
	form := url.Values{"email": {email}, "password": {Password}}
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := c.http.Transport.RoundTrip(req) // the redirect is not followed
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	for _, ck := range res.Cookies() {
		if ck.Value != "" {
			return ck, nil
		}
	}
	return nil, fmt.Errorf("POST /login as %s: %d and no session cookie", email, res.StatusCode)
}

// page gets an HTML page with a session cookie and wants a 200.
func (c *client) page(ctx context.Context, path string, ck *http.Cookie) error {
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+path, nil)
	if err != nil {
		return err
	}
	req.AddCookie(ck)
	res, err := c.http.Transport.RoundTrip(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d", path, res.StatusCode)
	}
	_, err = io.Copy(io.Discard, res.Body)
	return err
}

func (c *client) login(ctx context.Context, email string) (string, error) {
	var out struct {
		Token string `json:"token"`
	}
	err := c.do(ctx, "POST", "/api/v1/auth/login", "", map[string]string{"email": email, "password": Password}, 200, &out)
	return out.Token, err
}

// searchSupported tells whether the server's ticket list takes a `q`
// (staff full-text search): openapi.json must describe it and the server
// must answer it with 200.
func (c *client) searchSupported(ctx context.Context) (bool, error) {
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name string `json:"name"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := c.do(ctx, "GET", "/api/v1/openapi.json", "", nil, 200, &doc); err != nil {
		return false, err
	}
	described := false
	for _, p := range doc.Paths["/api/v1/tickets"]["get"].Parameters {
		described = described || p.Name == "q"
	}
	if !described {
		return false, nil
	}
	return c.do(ctx, "GET", "/api/v1/tickets?status=all&q=factura", c.agents[0], nil, 200, nil) == nil, nil
}

// ticketListOut is the part of a ticket list a walk needs.
type ticketListOut struct {
	Tickets []struct {
		Number int64 `json:"number"`
	} `json:"tickets"`
	Next string `json:"next"`
}

// searchWords are what agents look for in tickets.
var searchWords = []string{"factura", "nómina", "inventario", "contraseña", "certificado", "bodega", "cierre",
	"copia de seguridad", "retención", "no deja guardar", "error al imprimir", "resolución DIAN"}

// deepPages is how far the deep queue walk goes.
const deepPages = 10

// workload holds what each operation needs, per worker where it keeps
// state between calls.
type workload struct {
	ds     Dataset
	c      *client
	d      *desk.Desk
	custs  []model.User
	agents []model.User
	mu     sync.Mutex
	rngs   []*rand.Rand
	typing []typing
	pages  []paging
}

type typing struct {
	title []rune
	pos   int
}

type paging struct {
	depth  int
	module string
	cursor string
	before model.TicketFilter
}

func newWorkload(ctx context.Context, ds Dataset, c *client, st *store.Store, workers int) (*workload, error) {
	w := &workload{ds: ds, c: c, d: desk.New(desk.Options{Store: st})}
	for _, e := range ds.Customers {
		u, err := st.Read().UserByEmail(ctx, e)
		if err != nil {
			return nil, fmt.Errorf("user %s: %w", e, err)
		}
		w.custs = append(w.custs, u)
	}
	for _, e := range ds.Agents {
		u, err := st.Read().UserByEmail(ctx, e)
		if err != nil {
			return nil, fmt.Errorf("user %s: %w", e, err)
		}
		w.agents = append(w.agents, u)
	}
	// Workers of the open loop are its requests: enough state for many.
	n := max(workers, 4096)
	for i := range n {
		w.rngs = append(w.rngs, rand.New(rand.NewPCG(uint64(i), 7)))
	}
	w.typing = make([]typing, n)
	w.pages = make([]paging, n)
	return w, nil
}

func (w *workload) rng(worker int) *rand.Rand { return w.rngs[worker%len(w.rngs)] }

func (w *workload) customer(worker int) int { return w.rng(worker).IntN(len(w.custs)) }
func (w *workload) agent(worker int) int    { return w.rng(worker).IntN(len(w.agents)) }
func (w *workload) number(worker int) int64 {
	return firstNumber + w.rng(worker).Int64N(w.ds.MaxNumber-firstNumber+1)
}
func (w *workload) module(worker int) string {
	return w.ds.Modules[w.rng(worker).IntN(len(w.ds.Modules))]
}

// nextPrefix is what a customer has typed after one more keystroke of a
// real FAQ title.
func (w *workload) nextPrefix(worker int) string {
	t := &w.typing[worker%len(w.typing)]
	if t.pos >= len(t.title) {
		t.title = []rune(w.ds.FAQTitles[w.rng(worker).IntN(len(w.ds.FAQTitles))])
		t.pos = 0
	}
	t.pos++
	return string(t.title[:t.pos])
}

func (w *workload) newTicket(worker int) desk.NewTicket {
	r := w.rng(worker)
	return desk.NewTicket{Title: w.ds.FAQTitles[r.IntN(len(w.ds.FAQTitles))], Module: w.module(worker),
		Type: model.TicketTypes()[r.IntN(4)], Urgency: model.Levels()[r.IntN(4)], Version: "10.4.1",
		Description: "Al guardar aparece un mensaje de error y no deja continuar. Pasa desde esta mañana en todas las cajas."}
}

const replyBody = "Buenos días, ya revisamos el caso: por favor actualice a la versión 10.4.2 y nos cuenta si persiste."

// operation is one measured kind of request, with the same work done on
// desk directly (the floor) when there is a direct equivalent.
type operation struct {
	Name   string
	What   string
	Target target
	http   call
	floor  call
}

// operations lists the closed-loop operations.
func (w *workload) operations(search bool) []operation {
	c := w.c
	ops := []operation{
		{Name: "faq_suggest", What: "FAQ suggestion per keystroke of a real FAQ title (customer)",
			Target: target{P50: 5 * time.Millisecond, P99: 20 * time.Millisecond},
			http: func(ctx context.Context, k int) (time.Duration, error) {
				q, tok := w.nextPrefix(k), c.customers[w.customer(k)]
				return timed(func() error {
					return c.do(ctx, "GET", "/api/v1/faqs/suggest?q="+url.QueryEscape(q), tok, nil, 200, nil)
				})
			},
			floor: func(ctx context.Context, k int) (time.Duration, error) {
				q, u := w.nextPrefix(k), w.custs[w.customer(k)]
				return timed(func() error { _, err := w.d.SuggestFAQs(ctx, u, q); return err })
			}},
		{Name: "ticket_create", What: "file a ticket (customer, JSON API)", Target: target{MinRate: 1000},
			http: func(ctx context.Context, k int) (time.Duration, error) {
				n, tok := w.newTicket(k), c.customers[w.customer(k)]
				return timed(func() error { return c.do(ctx, "POST", "/api/v1/tickets", tok, ticketJSON(n), 201, nil) })
			},
			floor: func(ctx context.Context, k int) (time.Duration, error) {
				n, u := w.newTicket(k), w.custs[w.customer(k)]
				return timed(func() error { _, err := w.d.OpenTicket(ctx, u, n, ""); return err })
			}},
		{Name: "customer_open_list", What: "a customer's open tickets, first page",
			Target: target{P99: 25 * time.Millisecond},
			http: func(ctx context.Context, k int) (time.Duration, error) {
				tok := c.customers[w.customer(k)]
				return timed(func() error { return c.do(ctx, "GET", "/api/v1/tickets?status=open", tok, nil, 200, nil) })
			},
			floor: func(ctx context.Context, k int) (time.Duration, error) {
				u := w.custs[w.customer(k)]
				return timed(func() error {
					_, err := w.d.Tickets(ctx, u, model.TicketFilter{OpenOnly: true, Limit: 25})
					return err
				})
			}},
		{Name: "staff_queue_first", What: "staff queue filtered by status and module, first page",
			Target: target{P99: 25 * time.Millisecond},
			http: func(ctx context.Context, k int) (time.Duration, error) {
				m, tok := w.module(k), c.agents[w.agent(k)]
				return timed(func() error {
					return c.do(ctx, "GET", "/api/v1/tickets?status=abierto&module="+url.QueryEscape(m), tok, nil, 200, nil)
				})
			},
			floor: func(ctx context.Context, k int) (time.Duration, error) {
				u, m := w.agents[w.agent(k)], w.ds.Modules[w.rng(k).IntN(len(w.ds.Modules))]
				mod, err := w.d.ModuleByName(ctx, m)
				if err != nil {
					return 0, err
				}
				return timed(func() error {
					_, err := w.d.Tickets(ctx, u, model.TicketFilter{Status: model.StatusOpen, ModuleID: mod.ID, Limit: 25})
					return err
				})
			}},
		{Name: "staff_queue_deep", What: fmt.Sprintf("staff queue by module, pages 2 to %d following `next`", deepPages),
			Target: target{P99: 25 * time.Millisecond},
			http: func(ctx context.Context, k int) (time.Duration, error) {
				p := &w.pages[k%len(w.pages)]
				tok := c.agents[k%len(c.agents)]
				if p.depth == 0 || p.depth >= deepPages || p.cursor == "" {
					p.module, p.depth, p.cursor = w.module(k), 0, ""
				}
				path := "/api/v1/tickets?status=all&module=" + url.QueryEscape(p.module)
				if p.cursor != "" {
					path += "&before=" + url.QueryEscape(p.cursor)
				}
				var out ticketListOut
				d, err := timed(func() error { return c.do(ctx, "GET", path, tok, nil, 200, &out) })
				p.depth++
				p.cursor = out.Next
				if p.depth == 1 && err == nil {
					d = -1 // the first page is staff_queue_first's
				}
				return d, err
			},
			floor: func(ctx context.Context, k int) (time.Duration, error) {
				p := &w.pages[k%len(w.pages)]
				u := w.agents[k%len(w.agents)]
				if p.depth == 0 || p.depth >= deepPages || (p.depth > 0 && p.before.BeforeCreated.IsZero()) {
					mod, err := w.d.ModuleByName(ctx, w.module(k))
					if err != nil {
						return 0, err
					}
					p.depth, p.before = 0, model.TicketFilter{ModuleID: mod.ID, Limit: 25}
				}
				var l desk.TicketList
				d, err := timed(func() error { var err error; l, err = w.d.Tickets(ctx, u, p.before); return err })
				p.depth++
				p.before.BeforeCreated = time.Time{}
				if l.More && len(l.Tickets) > 0 {
					last := l.Tickets[len(l.Tickets)-1]
					p.before.BeforeCreated, p.before.BeforeID = last.CreatedAt, last.ID
				}
				if p.depth == 1 && err == nil {
					d = -1
				}
				return d, err
			}},
		{Name: "ticket_view", What: "ticket by number with its timeline (agent)",
			Target: target{P99: 10 * time.Millisecond},
			http: func(ctx context.Context, k int) (time.Duration, error) {
				n, tok := w.number(k), c.agents[w.agent(k)]
				return timed(func() error { return c.do(ctx, "GET", "/api/v1/tickets/"+strconv.FormatInt(n, 10), tok, nil, 200, nil) })
			},
			floor: func(ctx context.Context, k int) (time.Duration, error) {
				n, u := w.number(k), w.agents[w.agent(k)]
				return timed(func() error { _, err := w.d.Ticket(ctx, u, n); return err })
			}},
		{Name: "reply", What: "agent's public reply on a ticket",
			http: func(ctx context.Context, k int) (time.Duration, error) {
				n, tok := w.number(k), c.agents[w.agent(k)]
				return timed(func() error {
					return c.do(ctx, "POST", "/api/v1/tickets/"+strconv.FormatInt(n, 10)+"/messages", tok,
						map[string]any{"body": replyBody}, 201, nil)
				})
			},
			floor: func(ctx context.Context, k int) (time.Duration, error) {
				n, u := w.number(k), w.agents[w.agent(k)]
				return timed(func() error { _, err := w.d.AddReply(ctx, u, n, desk.Reply{Body: replyBody}); return err })
			}},
	}
	pages := operation{Name: "pages", What: "HTML pages in turn: a customer's open tickets, the console queue, a ticket with its timeline (agent)",
		Target: target{P99: 25 * time.Millisecond},
		http: func(ctx context.Context, k int) (time.Duration, error) {
			r := w.rng(k)
			path, ck := "/tickets", c.customerPage
			switch r.IntN(3) {
			case 1:
				path, ck = "/console?status=abierto&module="+url.QueryEscape(w.module(k)), c.agentPage
			case 2:
				path, ck = "/tickets/"+strconv.FormatInt(w.number(k), 10), c.agentPage
			}
			return timed(func() error { return c.page(ctx, path, ck) })
		}}
	ops = append(ops, pages)
	s := operation{Name: "staff_search", What: "staff full-text ticket search (`q` on GET /api/v1/tickets)",
		Target: target{P99: 200 * time.Millisecond}}
	if search {
		s.http = func(ctx context.Context, k int) (time.Duration, error) {
			q, tok := searchWords[w.rng(k).IntN(len(searchWords))], c.agents[w.agent(k)]
			return timed(func() error {
				return c.do(ctx, "GET", "/api/v1/tickets?status=all&q="+url.QueryEscape(q), tok, nil, 200, nil)
			})
		}
		s.floor = func(ctx context.Context, k int) (time.Duration, error) {
			q, u := searchWords[w.rng(k).IntN(len(searchWords))], w.agents[w.agent(k)]
			return timed(func() error {
				_, err := w.d.SearchTickets(ctx, u, q, model.TicketFilter{Limit: 25}, 0)
				return err
			})
		}
	}
	return append(ops, s)
}

func ticketJSON(n desk.NewTicket) map[string]any {
	return map[string]any{"title": n.Title, "module": n.Module, "type": n.Type, "urgency": n.Urgency,
		"description": n.Description, "version": n.Version}
}

// Classes of the mixed load.
const (
	classRead = iota
	classSearch
	classWrite
	numClasses
)

// mixedTargets are the p99 each class must keep in a mixed-load step.
var mixedTargets = [numClasses]time.Duration{25 * time.Millisecond, 200 * time.Millisecond, 50 * time.Millisecond}

// mixed picks the i-th request of the mixed load: 70% reads (ticket by
// number, a customer's list, the staff queue), 20% search (staff search
// when the server has it, else FAQ suggestions), 10% writes (new ticket,
// reply).
func (w *workload) mixed(search bool) func(i int) (int, func(context.Context) error) {
	c := w.c
	return func(i int) (int, func(context.Context) error) {
		k := i % len(w.rngs)
		r := w.rng(k).IntN(100)
		switch {
		case r < 30:
			n, tok := w.number(k), c.agents[w.agent(k)]
			return classRead, func(ctx context.Context) error {
				return c.do(ctx, "GET", "/api/v1/tickets/"+strconv.FormatInt(n, 10), tok, nil, 200, nil)
			}
		case r < 50:
			tok := c.customers[w.customer(k)]
			return classRead, func(ctx context.Context) error {
				return c.do(ctx, "GET", "/api/v1/tickets?status=open", tok, nil, 200, nil)
			}
		case r < 70:
			m, tok := w.module(k), c.agents[w.agent(k)]
			return classRead, func(ctx context.Context) error {
				return c.do(ctx, "GET", "/api/v1/tickets?status=abierto&module="+url.QueryEscape(m), tok, nil, 200, nil)
			}
		case r < 90 && search:
			q, tok := searchWords[w.rng(k).IntN(len(searchWords))], c.agents[w.agent(k)]
			return classSearch, func(ctx context.Context) error {
				return c.do(ctx, "GET", "/api/v1/tickets?status=all&q="+url.QueryEscape(q), tok, nil, 200, nil)
			}
		case r < 90:
			w.mu.Lock()
			q := w.nextPrefix(k % 64)
			w.mu.Unlock()
			tok := c.customers[w.customer(k)]
			return classSearch, func(ctx context.Context) error {
				return c.do(ctx, "GET", "/api/v1/faqs/suggest?q="+url.QueryEscape(q), tok, nil, 200, nil)
			}
		case r < 95:
			n, tok := w.newTicket(k), c.customers[w.customer(k)]
			return classWrite, func(ctx context.Context) error {
				return c.do(ctx, "POST", "/api/v1/tickets", tok, ticketJSON(n), 201, nil)
			}
		default:
			n, tok := w.number(k), c.agents[w.agent(k)]
			return classWrite, func(ctx context.Context) error {
				return c.do(ctx, "POST", "/api/v1/tickets/"+strconv.FormatInt(n, 10)+"/messages", tok,
					map[string]any{"body": replyBody}, 201, nil)
			}
		}
	}
}
