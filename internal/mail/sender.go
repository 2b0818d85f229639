package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"helpdesk/internal/i18n"
	"helpdesk/internal/jobs"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// SettingFrom is the settings key of the sender address ("Soporte
// <soporte@example.com>" or a bare address).
const SettingFrom = "smtp_from"

// Options configures a Sender.
type Options struct {
	// SMTPURL is smtp://user:pass@host:587 (STARTTLS, required unless the
	// host is a loopback address) or smtps://user:pass@host:465 (TLS from
	// the start); empty logs mail instead of sending it.
	SMTPURL string
	// BaseURL is the site's address for links ("https://soporte.example.com").
	BaseURL string
	Store   *store.Store
	Catalog *i18n.Catalog
	Logger  *slog.Logger
	// Timeout bounds one SMTP conversation (default 30 s).
	Timeout time.Duration
}

// Sender sends the mails queued as jobs.
type Sender struct {
	o        Options
	host     string // SMTP host; "" when mail is only logged
	port     int
	ssl      bool
	user     string
	pass     string
	loopback bool
	domain   string // of the base URL, for message ids
}

// New checks the SMTP URL and builds a Sender.
func New(o Options) (*Sender, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Catalog == nil {
		o.Catalog = i18n.New()
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	s := &Sender{o: o, domain: "localhost"}
	if b, err := url.Parse(o.BaseURL); err == nil && b.Hostname() != "" {
		s.domain = b.Hostname()
	}
	if o.SMTPURL == "" {
		return s, nil
	}
	u, err := url.Parse(o.SMTPURL)
	if err != nil {
		return nil, fmt.Errorf("smtp url: %w", err)
	}
	switch u.Scheme {
	case "smtp":
		s.port = 587
	case "smtps":
		s.ssl, s.port = true, 465
	default:
		return nil, fmt.Errorf("smtp url: scheme %q: use smtp:// or smtps://", u.Scheme)
	}
	if s.host = u.Hostname(); s.host == "" {
		return nil, errors.New("smtp url: no host")
	}
	if p := u.Port(); p != "" {
		if s.port, err = strconv.Atoi(p); err != nil || s.port <= 0 || s.port > 65535 {
			return nil, fmt.Errorf("smtp url: port %q", p)
		}
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	ip := net.ParseIP(s.host)
	s.loopback = s.host == "localhost" || (ip != nil && ip.IsLoopback())
	return s, nil
}

// Sends reports whether mail goes to an SMTP server (else it is logged).
func (s *Sender) Sends() bool { return s.host != "" }

// Handle is the job handler of desk.JobMail: it renders the mail and
// sends it. A malformed job or an address the server refuses for good
// fails without retrying; anything else (the server is down, busy or
// answers 4xx) is retried by the runner with back-off.
func (s *Sender) Handle(ctx context.Context, j model.Job) error {
	var m model.Mail
	if err := json.Unmarshal([]byte(j.Payload), &m); err != nil {
		return jobs.Permanent(fmt.Errorf("mail payload: %w", err))
	}
	settings, err := s.o.Store.Read().Settings(ctx)
	if err != nil {
		return err
	}
	from, err := s.o.Store.Read().Setting(ctx, SettingFrom)
	if err != nil {
		return err
	}
	r, err := Render(s.o.Catalog, m, s.o.BaseURL, settings.VendorName, j.CreatedAt)
	if err != nil {
		return jobs.Permanent(err)
	}
	if !s.Sends() {
		s.o.Logger.Info("mail (no SMTP server configured, not sent)", "to", r.To, "subject", r.Subject, "text", r.Text)
		return nil
	}
	msg, err := s.message(r, m, from, settings.VendorName)
	if err != nil {
		return jobs.Permanent(err)
	}
	c, err := s.client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.o.Timeout)
	defer cancel()
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		var se *gomail.SendError
		if errors.As(err, &se) && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
			return jobs.Permanent(err)
		}
		return err
	}
	return nil
}

// message builds the MIME message: text and HTML alternatives, and thread
// headers that group a ticket's mails in the reader's mail program.
func (s *Sender) message(r Rendered, m model.Mail, from, vendor string) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	name, addr, err := s.sender(from, vendor)
	if err != nil {
		return nil, err
	}
	if err := msg.FromFormat(name, addr); err != nil {
		return nil, fmt.Errorf("sender address %q: %w", addr, err)
	}
	if err := msg.AddToFormat(r.Name, r.To); err != nil {
		return nil, fmt.Errorf("recipient %q: %w", r.To, err)
	}
	msg.Subject(r.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(randomID() + "@" + s.domain)
	if m.TicketNumber != 0 {
		thread := "<ticket-" + strconv.FormatInt(m.TicketNumber, 10) + "@" + s.domain + ">"
		msg.SetGenHeaderPreformatted(gomail.HeaderInReplyTo, thread)
		msg.SetGenHeaderPreformatted(gomail.HeaderReferences, thread)
	}
	msg.SetGenHeaderPreformatted("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, r.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, r.HTML)
	return msg, nil
}

// sender is the From of every mail: the smtp_from setting ("Soporte
// Oceanic <soporte@oceanic.co>" or a bare address, which gets the vendor
// name), else the vendor name with no-reply@ the base URL's host, or
// no-reply@localhost.localdomain when that host is an IP address or has
// no dot (a mail domain needs one).
func (s *Sender) sender(from, vendor string) (name, addr string, err error) {
	name = HeaderSafe(vendor)
	if from = HeaderSafe(from); from == "" {
		return name, "no-reply@" + MailDomain(s.domain), nil
	}
	a, err := netmail.ParseAddress(from)
	if err != nil {
		return "", "", fmt.Errorf("sender address %q: %w", from, err)
	}
	if a.Name != "" {
		name = HeaderSafe(a.Name)
	}
	return name, a.Address, nil
}

// MailDomain is a host usable after the @ of an address: the host itself
// when it is a domain name with a dot, else localhost.localdomain.
func MailDomain(host string) string {
	if host == "" || net.ParseIP(strings.Trim(host, "[]")) != nil || !strings.Contains(strings.Trim(host, "."), ".") {
		return "localhost.localdomain"
	}
	return host
}

func (s *Sender) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.port), gomail.WithTimeout(s.o.Timeout)}
	switch {
	case s.ssl:
		opts = append(opts, gomail.WithSSL())
	case s.loopback:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.user != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.user), gomail.WithPassword(s.pass))
	}
	if s.domain != "" {
		opts = append(opts, gomail.WithHELO(s.domain))
	}
	return gomail.NewClient(s.host, opts...)
}

func randomID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// DefaultBaseURL is the address links use when none is configured:
// http://localhost with the port the server listens on.
func DefaultBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "http://localhost:8080"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + strings.TrimSuffix(net.JoinHostPort(host, port), ":80")
}
