// Package scaletest runs several real `helpdesk serve` processes on one
// PostgreSQL database and checks that they behave as one help desk.
package scaletest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/seed"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// customers file the tickets; each worker signs in as one of them.
var customers = []string{"compras@ferreteria.test", "gerente@ferreteria.test", "gerente@panaderia.test", "caja@panaderia.test"}

const (
	workersPerProcess = 6
	ticketsPerWorker  = 8
)

// Two processes on one database: tickets filed at once on both get
// distinct numbers, a session started on one works on the other, and every
// webhook job runs once, in whichever process claims it.
func TestTwoProcessesOneDatabase(t *testing.T) {
	if os.Getenv(storetest.PostgresEnv) == "" {
		t.Skip("processes share a help desk only on PostgreSQL: set " + storetest.PostgresEnv +
			" (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run this test")
	}
	dsn := storetest.PostgresSchema(t)
	ctx, cancel := context.WithTimeout(context.Background(), 55*time.Second)
	defer cancel()

	// Both start at once on the new, empty schema: one migrates it while
	// the other waits.
	bin := buildHelpdesk(t)
	urlA, urlB := startServe(t, bin, dsn), startServe(t, bin, dsn)
	a, b := urlA(), urlB()
	procs := []string{a, b}

	recv := newReceiver()
	srv := httptest.NewServer(recv)
	defer srv.Close()
	hookID := prepare(t, ctx, dsn, srv.URL)

	checkSharedState(t, a, b)

	type filed struct {
		number int64
		title  string
	}
	var mu sync.Mutex
	var acked []filed
	var wg sync.WaitGroup
	for w := range 2 * workersPerProcess {
		wg.Go(func() {
			// Sign in on one process, work on both, alternating.
			email := customers[w%len(customers)]
			token := apiLogin(t, procs[w%2], email)
			for i := range ticketsPerWorker {
				base := procs[(w+i)%2]
				title := fmt.Sprintf("Worker %d ticket %d", w, i)
				code, body := post(t, base+"/api/v1/tickets", token, map[string]any{"title": title, "module": "Inventarios",
					"type": "Error", "urgency": "Media", "description": "Filed while both processes serve"})
				if code != http.StatusCreated {
					t.Errorf("%s: create: %d %s", email, code, body)
					continue
				}
				var tk struct {
					Number int64 `json:"number"`
				}
				if err := json.Unmarshal([]byte(body), &tk); err != nil || tk.Number == 0 {
					t.Errorf("create answer %s: %v", body, err)
					continue
				}
				mu.Lock()
				acked = append(acked, filed{tk.Number, title})
				mu.Unlock()
				other := procs[(w+i+1)%2]
				if code, body := post(t, fmt.Sprintf("%s/api/v1/tickets/%d/messages", other, tk.Number), token,
					map[string]any{"body": "Reply on the other process"}); code != http.StatusCreated {
					t.Errorf("reply on the other process: %d %s", code, body)
				}
				if code, _ := get(t, fmt.Sprintf("%s/api/v1/tickets/%d", base, tk.Number), token, nil); code != http.StatusOK {
					t.Errorf("read back ticket %d: %d", tk.Number, code)
				}
			}
		})
	}
	wg.Wait()
	if want := 2 * workersPerProcess * ticketsPerWorker; len(acked) != want {
		t.Fatalf("%d tickets acknowledged, want %d", len(acked), want)
	}

	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	waitJobs(t, ctx, st)

	d := desk.New(desk.Options{Store: st})
	admin, err := st.Read().UserByEmail(ctx, "admin@oceanic.test")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	lo, hi := acked[0].number, acked[0].number
	for _, f := range acked {
		lo, hi = min(lo, f.number), max(hi, f.number)
		if seen[f.number] {
			t.Errorf("ticket number %d acknowledged twice", f.number)
		}
		seen[f.number] = true
		v, err := d.Ticket(ctx, admin, f.number)
		if err != nil || v.Ticket.Title != f.title {
			t.Errorf("acknowledged ticket %d: %q %v, want %q", f.number, v.Ticket.Title, err, f.title)
		}
	}

	if hi-lo+1 != int64(len(acked)) {
		t.Errorf("numbers %d…%d for %d tickets: a gap", lo, hi, len(acked))
	}

	jobs, err := st.Read().Jobs(ctx, desk.JobWebhook, 10000)
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 * len(acked); len(jobs) != want { // one ticket.created and one ticket.message each
		t.Errorf("%d webhook jobs, want %d", len(jobs), want)
	}
	for _, j := range jobs {
		if j.DoneAt.IsZero() || j.Attempts != 1 || !j.FailedAt.IsZero() {
			t.Errorf("job %d: done %v, attempts %d, failed %v, error %q", j.ID, j.DoneAt, j.Attempts, j.FailedAt, j.LastError)
		}
	}
	deliveries, err := st.Read().Deliveries(ctx, hookID, 10000)
	if err != nil {
		t.Fatal(err)
	}
	if len(deliveries) != len(jobs) {
		t.Errorf("%d deliveries for %d jobs", len(deliveries), len(jobs))
	}
	got := recv.counts()
	t.Logf("%d tickets filed on two processes, %d webhook jobs, %d deliveries, %d received", len(acked), len(jobs), len(deliveries), len(got))
	created := map[int64]int{}
	for _, dl := range deliveries {
		if n := got[dl.DeliveryID]; n != 1 || dl.State != model.DeliveryDelivered {
			t.Errorf("delivery %s (%s #%d): received %d times, state %s", dl.DeliveryID, dl.Event, dl.TicketNumber, n, dl.State)
		}
		if dl.Event == model.HookCreated {
			created[dl.TicketNumber]++
		}
		delete(got, dl.DeliveryID)
	}
	if len(got) > 0 {
		t.Errorf("received deliveries the database does not know: %v", got)
	}
	for n := range seen {
		if created[n] != 1 {
			t.Errorf("ticket %d: %d ticket.created deliveries", n, created[n])
		}
	}
}

// prepare loads the demo and registers a webhook to the receiver for new
// tickets and messages; it returns the webhook's id.
func prepare(t *testing.T, ctx context.Context, dsn, hookURL string) int64 {
	t.Helper()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := seed.Demo(ctx, st, time.Now(), bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	d := desk.New(desk.Options{Store: st, PasswordCost: bcrypt.MinCost})
	admin, err := st.Read().UserByEmail(ctx, "admin@oceanic.test")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{AllowPrivateWebhooks: true}); err != nil {
		t.Fatal(err)
	}
	h, err := d.CreateWebhook(ctx, admin, desk.WebhookInput{URL: hookURL, Events: []string{model.HookCreated, model.HookMessage}})
	if err != nil {
		t.Fatal(err)
	}
	return h.ID
}

// receiver counts the deliveries it gets by delivery id.
type receiver struct {
	mu   sync.Mutex
	seen map[string]int
}

func newReceiver() *receiver { return &receiver{seen: map[string]int{}} }

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	io.Copy(io.Discard, req.Body)
	r.mu.Lock()
	r.seen[req.Header.Get("X-Helpdesk-Delivery")]++
	r.mu.Unlock()
}

func (r *receiver) counts() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]int, len(r.seen))
	for k, v := range r.seen {
		out[k] = v
	}
	return out
}

// buildHelpdesk compiles the real binary into the test's temp folder.
func buildHelpdesk(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build helpdesk: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "helpdesk")
	cmd := exec.Command(goBin, "build", "-o", bin, "helpdesk/cmd/helpdesk")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var listening = regexp.MustCompile(`msg="help desk listening" addr=(\S+)`)

// startServe starts `helpdesk serve` on a free loopback port; url waits
// until it listens. It is stopped with SIGTERM when the test ends and must
// exit cleanly, having logged no error.
func startServe(t *testing.T, bin, dsn string) (url func() string) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--database", dsn)
	cmd.Env = append(os.Environ(), "HELPDESK_DEMO=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var logMu sync.Mutex
	var logs bytes.Buffer
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			logMu.Lock()
			logs.WriteString(line + "\n")
			logMu.Unlock()
			if m := listening.FindStringSubmatch(line); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { <-drained; done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("helpdesk serve exited with %v", err)
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("helpdesk serve did not stop within 20 s of SIGTERM")
		}
		logMu.Lock()
		defer logMu.Unlock()
		if strings.Contains(logs.String(), "level=ERROR") {
			t.Errorf("helpdesk serve logged errors")
		}
		if t.Failed() {
			t.Logf("helpdesk serve log:\n%s", logs.String())
		}
	})
	return func() string {
		t.Helper()
		select {
		case a := <-addr:
			return "http://" + a
		case <-drained:
			t.Fatal("helpdesk serve stopped before listening")
		case <-time.After(20 * time.Second):
			t.Fatal("helpdesk serve did not start listening within 20 s")
		}
		return ""
	}
}

var client = &http.Client{Timeout: 20 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func do(t *testing.T, req *http.Request) (int, string) {
	resp, err := client.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", req.Method, req.URL, err)
		return 0, ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func post(t *testing.T, u, token string, v any) (int, string) {
	b, _ := json.Marshal(v)
	req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

func get(t *testing.T, u, token string, cookie *http.Cookie) (int, string) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	return do(t, req)
}

func apiLogin(t *testing.T, base, email string) string {
	code, body := post(t, base+"/api/v1/auth/login", "", map[string]string{"email": email, "password": seed.DemoPassword})
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal([]byte(body), &out); code != http.StatusOK || err != nil || out.Token == "" {
		t.Errorf("log in %s: %d %s", email, code, body)
	}
	return out.Token
}

func webLogin(t *testing.T, base, email string) *http.Cookie {
	t.Helper()
	form := url.Values{"email": {email}, "password": {seed.DemoPassword}}
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "hd_session" && c.Value != "" {
			return c
		}
	}
	t.Fatalf("web log in %s: %d without a session cookie", email, resp.StatusCode)
	return nil
}

// waitJobs waits until no job is pending (the runners poll every second).
func waitJobs(t *testing.T, ctx context.Context, st *store.Store) {
	t.Helper()
	for {
		n, err := st.Read().PendingJobs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d jobs still pending when time ran out", n)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
