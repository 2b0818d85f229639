package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"helpdesk/internal/api"
	"helpdesk/internal/apptest"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

const password = "helpdesk-demo"

// scenario is one request and what its answer must and must not hold.
type scenario struct {
	name    string
	actor   string // e-mail of a demo account; "" sends no token
	method  string
	path    string
	body    string
	header  map[string]string
	status  int
	want    []string // substrings of the body
	notWant []string
}

// harness is the API over a fresh demo database.
type harness struct {
	t      *testing.T
	env    apptest.Env
	srv    *httptest.Server
	logs   *syncBuffer
	tokens map[string]string
	header http.Header // of the last answer
}

func newHarness(t *testing.T, db storetest.DB) *harness {
	t.Helper()
	return newHarnessOn(t, apptest.Demo(t, db), api.Options{})
}

// newHarnessOn serves the API over env with options (the desk and logger
// are filled in).
func newHarnessOn(t *testing.T, env apptest.Env, o api.Options) *harness {
	t.Helper()
	logs := &syncBuffer{}
	o.Desk, o.Logger = env.Desk, slog.New(slog.NewTextHandler(logs, nil))
	srv := httptest.NewServer(api.New(o))
	t.Cleanup(srv.Close)
	return &harness{t: t, env: env, srv: srv, logs: logs, tokens: map[string]string{}}
}

// token logs a demo account in through the API, once per harness.
func (h *harness) token(email string) string {
	h.t.Helper()
	if tok, ok := h.tokens[email]; ok {
		return tok
	}
	status, body := h.do("", "POST", "/api/v1/auth/login", `{"email":"`+email+`","password":"`+password+`"}`, nil)
	var out struct{ Token string }
	if status != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil || out.Token == "" {
		h.t.Fatalf("login %s: %d %s", email, status, body)
	}
	h.tokens[email] = out.Token
	return out.Token
}

// do sends a request with a bearer token ("" for none) and returns the
// status and body; every answer but a 204 must be JSON.
func (h *harness) do(token, method, path, body string, header map[string]string) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.srv.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return h.send(req)
}

// send runs a prepared request; every answer but a 204 or a file download
// must be JSON, and JSON answers must match the OpenAPI description.
func (h *harness) send(req *http.Request) (int, string) {
	h.t.Helper()
	method, path := req.Method, req.URL.RequestURI()
	res, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	h.header = res.Header
	b, _ := io.ReadAll(res.Body)
	download := res.Header.Get("Content-Disposition") != ""
	if ct := res.Header.Get("Content-Type"); res.StatusCode != http.StatusNoContent && !download && ct != "application/json; charset=utf-8" {
		h.t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	checkDescribed(h.t, method, path, res.StatusCode, res.Header, b)
	return res.StatusCode, string(b)
}

// as sends a request as a demo account ("" for anonymous).
func (h *harness) as(actor, method, path, body string) (int, string) {
	h.t.Helper()
	tok := ""
	if actor != "" {
		tok = h.token(actor)
	}
	return h.do(tok, method, path, body, nil)
}

// run plays scenarios as subtests, in order.
func (h *harness) run(rows []scenario) {
	h.t.Helper()
	for _, sc := range rows {
		h.t.Run(sc.name, func(t *testing.T) {
			tok := ""
			if sc.actor != "" {
				tok = h.token(sc.actor)
			}
			status, body := h.do(tok, sc.method, sc.path, sc.body, sc.header)
			if status != sc.status {
				t.Errorf("%s %s: status %d, want %d; body %.800s", sc.method, sc.path, status, sc.status, body)
			}
			short := body
			if len(short) > 800 {
				short = short[:800] + "…"
			}
			for _, s := range sc.want {
				if !strings.Contains(body, s) {
					t.Errorf("%s %s: body lacks %q: %s", sc.method, sc.path, s, short)
				}
			}
			for _, s := range sc.notWant {
				if strings.Contains(body, s) {
					t.Errorf("%s %s: body holds %q: %s", sc.method, sc.path, s, short)
				}
			}
		})
	}
}

// number finds a demo ticket by its exact title.
func (h *harness) number(title string) string {
	h.t.Helper()
	admin := h.env.User(h.t, "admin@oceanic.test")
	l, err := h.env.Desk.Tickets(context.Background(), admin, model.TicketFilter{Limit: 100})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, t := range l.Tickets {
		if t.Title == title {
			return strconv.FormatInt(t.Number, 10)
		}
	}
	h.t.Fatalf("no demo ticket %q", title)
	return ""
}

// openTicket files a ticket through the API and returns its number.
func (h *harness) openTicket(actor, title string) string {
	h.t.Helper()
	status, body := h.as(actor, "POST", "/api/v1/tickets", ticketBody(title))
	var out struct{ Number int64 }
	if status != http.StatusCreated || json.Unmarshal([]byte(body), &out) != nil || out.Number < 1000 {
		h.t.Fatalf("open ticket: %d %s", status, body)
	}
	return strconv.FormatInt(out.Number, 10)
}

// ticketBody is a valid new ticket with a title.
func ticketBody(title string) string {
	b, _ := json.Marshal(map[string]string{"title": title, "module": "Inventarios", "type": "Error",
		"urgency": "Media", "description": "Al guardar la entrada de almacén sale un error.", "version": "9.0.1"})
	return string(b)
}

// syncBuffer collects log output from concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
