// Package mailtest starts a real Mailpit SMTP server for tests, on free
// loopback ports, and reads what it received through Mailpit's HTTP API.
//
// Mailpit is found on PATH or in $(go env GOPATH)/bin; install it with
//
//	go install github.com/axllent/mailpit@v1.33.1
//
// Without it the test is skipped with a message saying so, unless
// HELPDESK_MAIL_REQUIRED=1, when it fails.
package mailtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// RequiredEnv makes a missing Mailpit a failure instead of a skip.
const RequiredEnv = "HELPDESK_MAIL_REQUIRED"

// Server is a running (or stopped) Mailpit.
type Server struct {
	t        testing.TB
	bin      string
	smtpAddr string
	httpAddr string
	db       string
	cmd      *exec.Cmd
	done     chan struct{}
	client   *http.Client
}

// Address is a mail address as Mailpit reports it.
type Address struct {
	Name    string
	Address string
}

// Message is one received e-mail.
type Message struct {
	ID      string
	Subject string
	From    Address
	To      []Address
	Cc      []Address
	Bcc     []Address // envelope recipients in no header
	Text    string
	HTML    string
	Headers map[string][]string
}

// Recipients lists every address the message was delivered to.
func (m Message) Recipients() []string {
	var out []string
	for _, l := range [][]Address{m.To, m.Cc, m.Bcc} {
		for _, a := range l {
			out = append(out, strings.ToLower(a.Address))
		}
	}
	return out
}

// Header returns the first value of a header, or "".
func (m Message) Header(name string) string {
	for k, v := range m.Headers {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// Binary finds the mailpit program: on PATH, then in $(go env GOPATH)/bin.
func Binary() (string, error) {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p, nil
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			gopath = strings.TrimSpace(string(out))
		}
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "mailpit")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("mailpit not found on PATH nor in $(go env GOPATH)/bin")
}

// Start runs Mailpit on free loopback ports until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		msg := "e-mail tests need Mailpit: go install github.com/axllent/mailpit@v1.33.1 (" + err.Error() + ")"
		if os.Getenv(RequiredEnv) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	s := &Server{t: t, bin: bin, smtpAddr: freePort(t), httpAddr: freePort(t),
		db: filepath.Join(t.TempDir(), "mailpit.db"), client: &http.Client{Timeout: 10 * time.Second}}
	s.Restart()
	t.Cleanup(s.Stop)
	return s
}

func freePort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// SMTPURL is the address to give the sender: smtp://127.0.0.1:PORT.
func (s *Server) SMTPURL() string { return "smtp://" + s.smtpAddr }

// Restart starts Mailpit again (after Stop) on the same ports and
// database, and waits until it answers.
func (s *Server) Restart() {
	s.t.Helper()
	if s.cmd != nil {
		return
	}
	cmd := exec.Command(s.bin, "--smtp", s.smtpAddr, "--listen", s.httpAddr, "--database", s.db,
		"--quiet", "--disable-version-check", "--smtp-disable-rdns")
	logs := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start mailpit: %v", err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	go func() { cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := s.client.Get("http://" + s.httpAddr + "/api/v1/info")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				if c, err := net.DialTimeout("tcp", s.smtpAddr, time.Second); err == nil {
					c.Close()
					return
				}
			}
		}
		select {
		case <-s.done:
			s.cmd = nil
			s.t.Fatalf("mailpit exited: %s", logs.String())
		default:
		}
		if time.Now().After(deadline) {
			s.Stop()
			s.t.Fatalf("mailpit did not answer on %s: %s", s.httpAddr, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop ends Mailpit; its SMTP port refuses connections until Restart.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
}

func (s *Server) get(path string, out any) error {
	res, err := s.client.Get("http://" + s.httpAddr + path)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("mailpit %s: %d %s", path, res.StatusCode, b)
	}
	return json.Unmarshal(b, out)
}

// Messages returns every received message, oldest first, with text, HTML
// and headers.
func (s *Server) Messages() []Message {
	s.t.Helper()
	var list struct {
		Messages []struct{ ID string }
	}
	if err := s.get("/api/v1/messages?limit=1000", &list); err != nil {
		s.t.Fatalf("list mail: %v", err)
	}
	out := make([]Message, 0, len(list.Messages))
	for i := len(list.Messages) - 1; i >= 0; i-- { // Mailpit lists newest first
		out = append(out, s.Message(list.Messages[i].ID))
	}
	return out
}

// Message reads one message in full.
func (s *Server) Message(id string) Message {
	s.t.Helper()
	var m Message
	if err := s.get("/api/v1/message/"+id, &m); err != nil {
		s.t.Fatalf("read mail %s: %v", id, err)
	}
	if err := s.get("/api/v1/message/"+id+"/headers", &m.Headers); err != nil {
		s.t.Fatalf("read headers of %s: %v", id, err)
	}
	return m
}

// Count returns how many messages Mailpit holds.
func (s *Server) Count() int {
	s.t.Helper()
	var list struct{ Total int }
	if err := s.get("/api/v1/messages?limit=1", &list); err != nil {
		s.t.Fatalf("count mail: %v", err)
	}
	return list.Total
}

// Wait waits until at least n messages arrived and returns them all; it
// fails the test after timeout.
func (s *Server) Wait(n int, timeout time.Duration) []Message {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for s.Count() < n {
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %s for %d e-mails, got %d", timeout, n, s.Count())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s.Messages()
}

// Clear deletes every message.
func (s *Server) Clear() {
	s.t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodDelete, "http://"+s.httpAddr+"/api/v1/messages", nil)
	res, err := s.client.Do(req)
	if err != nil {
		s.t.Fatalf("clear mail: %v", err)
	}
	res.Body.Close()
}
