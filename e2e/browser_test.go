// Package e2e drives the help desk in a real headless Chromium: the portal
// and the console as a customer and an agent use them.
package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/mailtest"
)

type (
	void   = chromedp.Void
	action = chromedp.Action[void]
)

const (
	testTimeout  = 90 * time.Second // every browser action of one test
	waitTimeout  = 10 * time.Second // one wait for a text or a count
	demoPassword = "helpdesk-demo"
)

// chromiumPath finds the browser, or skips (fails with
// HELPDESK_E2E_REQUIRED=1) when there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HELPDESK_CHROMIUM"); p != "" {
		if found, err := exec.LookPath(p); err == nil {
			return found
		}
	} else if found, err := exec.LookPath("/usr/bin/chromium"); err == nil {
		return found
	} else {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if found, err := exec.LookPath(name); err == nil {
				return found
			}
		}
	}
	const msg = "Chromium not found: install the Debian package chromium (or set HELPDESK_CHROMIUM)"
	if os.Getenv("HELPDESK_E2E_REQUIRED") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// env is one test's help desk (demo data, fresh SQLite file) and the
// deadline shared by its browsers.
type env struct {
	t        *testing.T
	app      *app.App // the help desk itself, for what a browser cannot see
	mail     *mailtest.Server
	exe      string
	base     string
	deadline time.Time
	shots    string
	mu       sync.Mutex
	dialogs  []string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return startEnv(t, nil)
}

// newMailEnv is newEnv with a real SMTP server (Mailpit) and the job
// runner sending to it: what a person reads in their mailbox.
func newMailEnv(t *testing.T) *env {
	t.Helper()
	return startEnv(t, mailtest.Start(t))
}

func startEnv(t *testing.T, mail *mailtest.Server) *env {
	t.Helper()
	exe := chromiumPath(t)
	dir := t.TempDir()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{Addr: "127.0.0.1:0", Database: "sqlite:" + filepath.Join(dir, "helpdesk.db"), Demo: true,
		BaseURL: "http://" + ln.Addr().String()}
	if mail != nil {
		cfg.SMTPURL = mail.SMTPURL()
	}
	a, err := app.New(t.Context(), cfg, app.Options{PasswordCost: bcrypt.MinCost, Logger: log})
	if err != nil {
		t.Fatalf("start app: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	srv := httptest.NewUnstartedServer(a.Handler)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	if mail != nil {
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { a.Jobs.Run(ctx); close(done) }()
		t.Cleanup(func() { stop(); <-done })
	}
	shots := os.Getenv("HELPDESK_E2E_SCREENSHOTS") // kept after the test, for CI artifacts
	if shots == "" {
		shots = filepath.Join(t.TempDir(), "screenshots")
	} else {
		shots = filepath.Join(shots, t.Name())
	}
	e := &env{t: t, app: a, mail: mail, exe: exe, base: srv.URL, deadline: time.Now().Add(testTimeout), shots: shots}
	t.Cleanup(e.checkDialogs)
	return e
}

// browser is one Chromium with its own profile, so its own cookies.
type browser struct {
	e    *env
	name string
	tab  context.Context // no deadline: screenshots still work after a timeout
	ctx  context.Context // tab with the test's deadline
	shot int
}

func (e *env) browser(name string) *browser {
	t := e.t
	t.Helper()
	hard, cancelHard := context.WithDeadline(context.Background(), e.deadline.Add(30*time.Second))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(hard,
		chromedp.ExecPath(e.exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelCtx := context.WithDeadline(tab, e.deadline)
	t.Cleanup(func() { cancelCtx(); cancelTab(); cancelAlloc(); cancelHard() })
	if err := chromedp.Do(tab); err != nil { // starts the browser
		t.Fatalf("start Chromium %s: %v", e.exe, err)
	}
	err := chromedp.Listen(tab, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			e.mu.Lock()
			e.dialogs = append(e.dialogs, string(d.Type)+": "+d.Message)
			e.mu.Unlock()
			go chromedp.Call(tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	})
	if err != nil {
		t.Fatalf("listen for dialogs: %v", err)
	}
	return &browser{e: e, name: name, tab: tab, ctx: ctx}
}

// step runs the actions; on failure it saves a screenshot and the HTML of
// the page, named after the step, and stops the test.
func (b *browser) step(name string, actions ...action) {
	b.e.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.fail(name, err)
	}
}

// get runs one action that returns a value, as step does.
func get[T any](b *browser, name string, a chromedp.Action[T]) T {
	b.e.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.fail(name, err)
	}
	return v
}

func (b *browser) fail(name string, err error) {
	t := b.e.t
	t.Helper()
	b.shot++
	file := fmt.Sprintf("%s-%02d-%s", b.name, b.shot, regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(name, "-"))
	ctx, cancel := context.WithTimeout(b.tab, 10*time.Second)
	defer cancel()
	if err := os.MkdirAll(b.e.shots, 0o755); err == nil {
		if png, serr := chromedp.Run(ctx, chromedp.FullScreenshot(100)); serr == nil {
			os.WriteFile(filepath.Join(b.e.shots, file+".png"), png, 0o644)
		}
		if html, herr := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`)); herr == nil {
			os.WriteFile(filepath.Join(b.e.shots, file+".html"), []byte(html), 0o644)
		}
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Logf("%s: page %s saved as %s.{png,html}", b.name, loc, filepath.Join(b.e.shots, file))
	}
	t.Fatalf("%s: step %q: %v", b.name, name, err)
}

// js quotes s as a JavaScript string literal.
func js(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// spanish fails unless the page is in Spanish.
func spanish() action {
	return func(ctx context.Context, t *chromedp.Target) (void, error) {
		lang, err := chromedp.Evaluate[string](`document.documentElement.lang`)(ctx, t)
		if err == nil && lang != "es" {
			loc, _ := chromedp.Location()(ctx, t)
			err = fmt.Errorf("page %s has lang %q, want \"es\"", loc, lang)
		}
		return void{}, err
	}
}

// open loads base+path and checks the page is Spanish.
func (b *browser) open(path string) action {
	return chromedp.Steps(chromedp.Navigate(b.e.base+path), spanish())
}

// clickNav clicks an element that loads a new page (a link or a submit
// button), waits for the page, and checks it is Spanish and no server error.
func clickNav(sel string) action {
	return func(ctx context.Context, t *chromedp.Target) (void, error) {
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
		if err == nil && resp != nil && resp.Status >= 500 {
			err = fmt.Errorf("click %s: %s answered %d", sel, resp.URL, resp.Status)
		}
		if err != nil {
			return void{}, err
		}
		return spanish()(ctx, t)
	}
}

// typeInto clears a field and types text key by key, so the page sees
// every input event.
func typeInto(sel, text string) action {
	return chromedp.Steps(
		chromedp.Evaluate[void](`(() => { const e = document.querySelector(`+js(sel)+`);
			if (!e) throw new Error("no element "+`+js(sel)+`);
			e.value = ""; e.dispatchEvent(new Event("input", {bubbles: true})); })()`),
		chromedp.SendKeys(chromedp.CSS(sel), text),
	)
}

// selectOption chooses the option of a select by value (or text).
func selectOption(sel, value string) action {
	return chromedp.Evaluate[void](`(() => { const s = document.querySelector(` + js(sel) + `);
		if (!s) throw new Error("no select ` + sel + `");
		s.value = ` + js(value) + `;
		if (s.value !== ` + js(value) + `) throw new Error("no option " + ` + js(value) + ` + " in ` + sel + `: " + [...s.options].map(o => o.value).join(" | "));
		s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
}

// waitText waits until the element's visible text contains want.
func waitText(sel, want string) action {
	return func(ctx context.Context, t *chromedp.Target) (void, error) {
		cond := `(() => { const e = document.querySelector(` + js(sel) + `); return !!e && e.innerText.includes(` + js(want) + `); })()`
		_, err := chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(waitTimeout), chromedp.WithPollingInterval(100*time.Millisecond))(ctx, t)
		if err != nil {
			got, _ := chromedp.Evaluate[string](`(document.querySelector(`+js(sel)+`) || {innerText: "<no element>"}).innerText`)(ctx, t)
			return void{}, fmt.Errorf("%s: text %q does not contain %q (%w)", sel, shorten(got), want, err)
		}
		return void{}, nil
	}
}

// waitCount waits until at least min elements match sel, and returns how
// many there are.
func waitCount(sel string, min int) chromedp.Action[int] {
	return func(ctx context.Context, t *chromedp.Target) (int, error) {
		count := `document.querySelectorAll(` + js(sel) + `).length`
		_, err := chromedp.Poll[bool](fmt.Sprintf("%s >= %d", count, min), chromedp.WithPollingTimeout(waitTimeout), chromedp.WithPollingInterval(100*time.Millisecond))(ctx, t)
		n, cerr := chromedp.Evaluate[int](count)(ctx, t)
		if err != nil || cerr != nil {
			return n, fmt.Errorf("%s: %d elements, want at least %d (%w)", sel, n, min, errors.Join(err, cerr))
		}
		return n, nil
	}
}

// check evaluates a JavaScript condition and fails with msg when false.
func check(cond, msg string) action {
	return func(ctx context.Context, t *chromedp.Target) (void, error) {
		ok, err := chromedp.Evaluate[bool](cond)(ctx, t)
		if err == nil && !ok {
			err = errors.New(msg)
		}
		return void{}, err
	}
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		return string(r[:300]) + "…"
	}
	return s
}

// login signs in through the form and checks the session started.
func (b *browser) login(email string) {
	b.e.t.Helper()
	b.step("login as "+email,
		b.open("/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), demoPassword),
		clickNav(`form[action="/login"] button[type=submit]`),
		check(`!!document.querySelector("header .who") && location.pathname !== "/login"`, "still on the login page after signing in as "+email),
	)
}

// checkDialogs fails the test for each JavaScript dialog seen so far.
func (e *env) checkDialogs() {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, m := range e.dialogs {
		e.t.Errorf("a JavaScript dialog opened: %q", m)
	}
	e.dialogs = nil
}
