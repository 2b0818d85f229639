package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
)

// helpdeskBinary builds the command, as a vendor developer runs it.
func helpdeskBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "helpdesk")
	out, err := exec.Command(goTool, "build", "-o", bin, "../cmd/helpdesk").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// run runs the command and returns its standard output and exit code.
func runCmd(t *testing.T, bin string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	t.Logf("helpdesk %s\n%s%s", strings.Join(args, " "), stdout.String(), stderr.String())
	return strings.TrimSpace(stdout.String()), code
}

// waitPath waits until the page's path matches a regular expression (a
// page that moves on by itself). It asks again while the page is being
// replaced, when the browser has no document to ask.
func waitPath(re string) action {
	return func(ctx context.Context, t *chromedp.Target) (void, error) {
		cond := `new RegExp(` + js(re) + `).test(location.pathname) && document.readyState === "complete"`
		deadline := time.Now().Add(waitTimeout)
		for {
			ok, err := chromedp.Evaluate[bool](cond)(ctx, t)
			if err == nil && ok {
				return spanish()(ctx, t)
			}
			if time.Now().After(deadline) || ctx.Err() != nil {
				loc, _ := chromedp.Location()(ctx, t)
				return void{}, errors.Join(errors.New("at "+loc+", want a path like "+re), err, ctx.Err())
			}
			select {
			case <-ctx.Done():
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
}

func TestLaunchFromTheDesktopProgram(t *testing.T) {
	exe := chromiumPath(t)
	bin := helpdeskBinary(t)
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "helpdesk.db")
	a, err := app.New(t.Context(), config.Config{Addr: "127.0.0.1:0", Database: dsn, Demo: true},
		app.Options{PasswordCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(srv.Close)
	e := &env{t: t, exe: exe, base: srv.URL, deadline: time.Now().Add(testTimeout), shots: filepath.Join(dir, "screenshots")}
	if s := os.Getenv("HELPDESK_E2E_SCREENSHOTS"); s != "" {
		e.shots = filepath.Join(s, t.Name())
	}
	t.Cleanup(e.checkDialogs)

	key, code := runCmd(t, bin, "integration-key", "create", "--database", dsn, "--nit", "900123456-8", "--name", "Programa de escritorio")
	if code != 0 || !strings.HasPrefix(key, "hdk_") {
		t.Fatalf("integration-key create: %d %q", code, key)
	}
	launch := func(version string) (string, int) {
		return runCmd(t, bin, "launch", "--server", srv.URL, "--key", key, "--email", informer, "--version", version,
			"--module", "Facturación electrónica", "--error-code", "FE-401")
	}
	// A refusal names the field the server found wrong.
	if out, err := exec.Command(bin, "launch", "--server", srv.URL, "--key", key, "--email", informer,
		"--version", "abc").CombinedOutput(); err == nil || !strings.Contains(string(out), "version: ") {
		t.Errorf("launch with a bad version: %v %q", err, out)
	}
	link, code := launch("10.4")
	if code != 0 || !strings.HasPrefix(link, srv.URL+"/launch/") {
		t.Fatalf("launch: %d %q", code, link)
	}

	u := e.browser("desktop")
	u.step("open the link: signed in, in the wizard",
		chromedp.Navigate(link), waitPath(`^/new/[^/]+/1$`), atStep(1),
		waitText("main .flash", "Llegó desde el programa"), waitText("header .who", "Ana María Ospina"),
		check(`document.querySelector("#title").value === "Error FE-401 en Facturación electrónica"`, "title not prefilled with the error code"))
	u.step("step 1 → 2: the module is chosen", clickNav("#next"), atStep(2),
		check(`document.querySelector("#module").value === "Facturación electrónica"`, "module not prefilled"))
	u.step("step 2 → 3: the description holds the context", classify("Facturación electrónica", "Error", "Alta"),
		check(`document.querySelector("#description").value.includes("Código de error: FE-401")`, "description lacks the error code"),
		check(`document.querySelector("#version").value === "10.4"`, "version not prefilled"))

	u.step("the same link again fails, with a way in on the web",
		chromedp.Navigate(link), spanish(), waitText("main", "Este enlace ya no sirve"),
		check(`!!document.querySelector('main a[href="/login"]')`, "no link to log in on the web"))
	other := e.browser("second-browser")
	other.step("nor in another browser", chromedp.Navigate(link), spanish(), waitText("main h1", "Este enlace ya no sirve"),
		check(`location.pathname.startsWith("/launch/")`, "moved away from the invalid link page"))

	// The vendor's admin raises the minimum through the API.
	tok := apiLogin(t, srv.URL, "admin@oceanic.test")
	req, _ := http.NewRequest(http.MethodPatch, srv.URL+"/api/v1/admin/settings", strings.NewReader(`{"min_desktop_version":"10.10"}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("PATCH settings: %v %v", err, res)
	}
	res.Body.Close()

	update, code := launch("10.2")
	if code != 3 || !strings.HasPrefix(update, srv.URL+"/launch/update?version=10.2") {
		t.Fatalf("launch 10.2 under 10.10: exit %d, %q", code, update)
	}
	old := e.browser("old-version")
	old.step("an old version gets the update page",
		chromedp.Navigate(update), spanish(), waitText("main h1", "Actualice su programa"),
		waitText("main", "versión 10.2"), waitText("main", "10.10"), waitText("main", "(57)(6) 331 5979"),
		check(`!!document.querySelector('main a[href="/login"]')`, "no way to the web site"))
}

// apiLogin returns a login token for a demo account.
func apiLogin(t *testing.T, base, email string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": demoPassword})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("login %s: %d %v", email, res.StatusCode, err)
	}
	return out.Token
}
