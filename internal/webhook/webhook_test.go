package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/jobs"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
	"helpdesk/internal/webhook"
)

// receiver is an endpoint that answers the statuses it is given in turn
// (the last one from then on) and keeps what it received.
type receiver struct {
	mu       sync.Mutex
	statuses []int
	got      []received
	srv      *httptest.Server
}

type received struct {
	body                       []byte
	event, delivery, signature string
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	r := &receiver{statuses: statuses}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, received{b, req.Header.Get("X-Helpdesk-Event"), req.Header.Get("X-Helpdesk-Delivery"),
			req.Header.Get("X-Helpdesk-Signature")})
		status := r.statuses[min(len(r.got), len(r.statuses))-1]
		r.mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, "status "+http.StatusText(status))
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) received() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

// drain runs the webhook jobs until none is due, without waiting: the
// back-off is zero.
func drain(t *testing.T, env apptest.Env) {
	t.Helper()
	dl := webhook.New(webhook.Options{Store: env.Store})
	r := jobs.New(jobs.Options{Store: env.Store, Handlers: map[string]jobs.Handler{desk.JobWebhook: dl.Handle},
		Backoff: func(int) time.Duration { return 0 }})
	for range 20 {
		n, err := r.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("jobs still due after 20 rounds")
}

func TestDeliveryRetriedUntilDelivered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ctx := context.Background()
		env := apptest.Demo(t, db)
		admin, agent := env.User(t, "admin@oceanic.test"), env.User(t, "agente@oceanic.test")
		if err := env.Desk.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{AllowPrivateWebhooks: true}); err != nil {
			t.Fatal(err)
		}
		flaky := newReceiver(t, 500, 500, 200)
		notes := newReceiver(t, 200)
		const secret = "un-secreto-de-prueba-largo"
		hook, err := env.Desk.CreateWebhook(ctx, admin, desk.WebhookInput{URL: flaky.srv.URL + "/hooks", Secret: secret,
			Events: []string{model.HookMessage, model.HookNote}})
		if err != nil {
			t.Fatal(err)
		}
		withNotes, err := env.Desk.CreateWebhook(ctx, admin, desk.WebhookInput{URL: notes.srv.URL, IncludeInternal: true,
			Events: []string{model.HookNote}})
		if err != nil {
			t.Fatal(err)
		}
		list, err := env.Desk.Tickets(ctx, agent, model.TicketFilter{OpenOnly: true, Limit: 1})
		if err != nil || len(list.Tickets) == 0 {
			t.Fatal(err)
		}
		num := list.Tickets[0].Number
		if _, err := env.Desk.AddReply(ctx, agent, num, desk.Reply{Body: "Ya revisamos la resolución"}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Desk.AddReply(ctx, agent, num, desk.Reply{Body: "NOTA interna", Internal: true}); err != nil {
			t.Fatal(err)
		}
		drain(t, env)

		got := flaky.received()
		if len(got) != 3 {
			t.Fatalf("flaky endpoint got %d requests, want 3 (500, 500, 200)", len(got))
		}
		for i, r := range got {
			if r.delivery != got[0].delivery || !strings.HasPrefix(r.delivery, "dlv_") || string(r.body) != string(got[0].body) {
				t.Errorf("attempt %d: delivery %q body differs from the first", i+1, r.delivery)
			}
			if !webhook.Verify(secret, r.body, r.signature) || !strings.HasPrefix(r.signature, "sha256=") {
				t.Errorf("attempt %d: signature %q does not verify", i+1, r.signature)
			}
			if r.event != model.HookMessage {
				t.Errorf("attempt %d: event %q", i+1, r.event)
			}
		}
		var b struct {
			ID, Event string
			Ticket    struct {
				Number  int64
				Company string
				Status  string
			}
			Change struct{ Kind, Body string }
		}
		if err := json.Unmarshal(got[0].body, &b); err != nil {
			t.Fatal(err)
		}
		if b.ID != got[0].delivery || b.Event != model.HookMessage || b.Ticket.Number != num || b.Ticket.Company == "" ||
			b.Change.Kind != "message" || b.Change.Body != "Ya revisamos la resolución" {
			t.Errorf("body %s", got[0].body)
		}

		_, log, err := env.Desk.Webhook(ctx, admin, hook.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 1 {
			t.Fatalf("log holds %d deliveries, want 1: %+v", len(log), log)
		}
		d := log[0]
		if d.State != model.DeliveryDelivered || d.Attempts != 3 || d.ResponseStatus != 200 || d.DeliveryID != got[0].delivery ||
			d.DeliveredAt.IsZero() || d.LastError != "" {
			t.Errorf("log entry %+v", d)
		}

		// The note went only to the endpoint that asked for internal events.
		if n := notes.received(); len(n) != 1 || n[0].event != model.HookNote || !strings.Contains(string(n[0].body), "NOTA interna") {
			t.Errorf("notes endpoint got %d deliveries", len(n))
		}
		for _, r := range got {
			if strings.Contains(string(r.body), "NOTA interna") {
				t.Error("internal note sent to an endpoint that did not ask for internal events")
			}
		}
		hooks, err := env.Desk.Webhooks(ctx, admin)
		if err != nil || len(hooks) != 2 || hooks[1].ID != withNotes.ID || hooks[1].Last.State != model.DeliveryDelivered {
			t.Errorf("hooks %+v %v", hooks, err)
		}
	})
}

func TestDeliveryFailsForGood(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ctx := context.Background()
		env := apptest.Demo(t, db)
		admin, agent := env.User(t, "admin@oceanic.test"), env.User(t, "agente@oceanic.test")
		env.Desk.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{AllowPrivateWebhooks: true})
		down := newReceiver(t, 503)
		hook, err := env.Desk.CreateWebhook(ctx, admin, desk.WebhookInput{URL: down.srv.URL, Events: []string{model.HookStatus}})
		if err != nil {
			t.Fatal(err)
		}
		l, _ := env.Desk.Tickets(ctx, agent, model.TicketFilter{Status: model.StatusOpen, Limit: 1})
		if _, err := env.Desk.ChangeStatus(ctx, agent, l.Tickets[0].Number, model.StatusInProgress); err != nil {
			t.Fatal(err)
		}
		drain(t, env)
		_, log, _ := env.Desk.Webhook(ctx, admin, hook.ID)
		if len(log) != 1 || log[0].State != model.DeliveryFailed || log[0].Attempts != 8 || log[0].ResponseStatus != 503 ||
			!strings.Contains(log[0].LastError, "503") || !strings.Contains(log[0].ResponseBody, "Service Unavailable") {
			t.Errorf("log %+v", log)
		}
	})
}

// An endpoint registered while inside addresses were allowed is refused
// where the connection is dialled once the setting is off: the check is
// on the address dialled, not on the name typed.
func TestInsideAddressRefusedAtDelivery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ctx := context.Background()
		env := apptest.Demo(t, db)
		admin, agent := env.User(t, "admin@oceanic.test"), env.User(t, "agente@oceanic.test")
		rec := newReceiver(t, 200)
		_, err := env.Desk.CreateWebhook(ctx, admin, desk.WebhookInput{URL: rec.srv.URL, Events: []string{model.HookMessage}})
		var ve *model.ValidationError
		if !errors.As(err, &ve) || ve.Fields["url"] != "error.webhook_private" {
			t.Fatalf("loopback accepted while not allowed: %v", err)
		}
		localhost := strings.Replace(rec.srv.URL, "127.0.0.1", "localhost", 1)
		env.Desk.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{AllowPrivateWebhooks: true})
		hook, err := env.Desk.CreateWebhook(ctx, admin, desk.WebhookInput{URL: localhost, Events: []string{model.HookMessage}})
		if err != nil {
			t.Fatal(err)
		}
		env.Desk.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{AllowPrivateWebhooks: false})
		l, _ := env.Desk.Tickets(ctx, agent, model.TicketFilter{OpenOnly: true, Limit: 1})
		if _, err := env.Desk.AddReply(ctx, agent, l.Tickets[0].Number, desk.Reply{Body: "hola"}); err != nil {
			t.Fatal(err)
		}
		drain(t, env)
		if n := len(rec.received()); n != 0 {
			t.Fatalf("inside endpoint reached %d times", n)
		}
		_, log, _ := env.Desk.Webhook(ctx, admin, hook.ID)
		if len(log) != 1 || log[0].State != model.DeliveryFailed || !strings.Contains(log[0].LastError, "loopback") {
			t.Errorf("log %+v", log)
		}
	})
}

func TestInternal(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1": true, "::1": true, "10.1.2.3": true, "172.16.0.1": true, "192.168.1.1": true,
		"169.254.169.254": true, "fe80::1": true, "0.0.0.0": true, "::": true, "100.64.0.1": true,
		"::ffff:127.0.0.1": true, "64:ff9b::a00:1": true, "fc00::1": true, "224.0.0.1": true,
		"255.255.255.255": true, "8.8.8.8": false, "203.0.113.10": false, "2001:4860:4860::8888": false,
		"64:ff9b::808:808": false,
	} {
		if got := webhook.Internal(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Internal(%s) = %v, want %v", addr, got, want)
		}
	}
}

type fakeResolver map[string][]netip.Addr

func (f fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := f[host]; ok {
		return a, nil
	}
	return nil, errors.New("no such host")
}

func TestCheckURL(t *testing.T) {
	r := fakeResolver{
		"hooks.example.com": {netip.MustParseAddr("203.0.113.7")},
		"mixed.example.com": {netip.MustParseAddr("203.0.113.7"), netip.MustParseAddr("10.0.0.5")},
		"inside.example":    {netip.MustParseAddr("192.168.0.10")},
	}
	tests := []struct {
		url   string
		allow bool
		want  error
	}{
		{"https://hooks.example.com/x", false, nil},
		{"http://203.0.113.7:8080/x", false, nil},
		{"https://mixed.example.com/x", false, webhook.ErrPrivateAddress},
		{"https://inside.example/x", false, webhook.ErrPrivateAddress},
		{"https://inside.example/x", true, nil},
		{"http://127.0.0.1:9000/", false, webhook.ErrPrivateAddress},
		{"http://127.0.0.1:9000/", true, nil},
		{"http://[::1]/", false, webhook.ErrPrivateAddress},
		{"http://localhost/", false, webhook.ErrPrivateAddress},
		{"http://169.254.169.254/latest/meta-data", false, webhook.ErrPrivateAddress},
		{"https://nowhere.example/x", false, webhook.ErrUnresolved},
		{"ftp://hooks.example.com/", false, webhook.ErrBadURL},
		{"https://user:pw@hooks.example.com/", false, webhook.ErrBadURL},
		{"hooks.example.com/x", false, webhook.ErrBadURL},
		{"javascript:alert(1)", false, webhook.ErrBadURL},
	}
	for _, tt := range tests {
		if err := webhook.CheckURL(context.Background(), r, tt.url, tt.allow); !errors.Is(err, tt.want) {
			t.Errorf("CheckURL(%q, %v) = %v, want %v", tt.url, tt.allow, err, tt.want)
		}
	}
}
