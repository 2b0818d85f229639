// Package config reads the one Config value from flags and environment.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// Config is everything the server needs to start.
type Config struct {
	Addr           string
	Database       string
	Demo           bool
	TrustedProxies []netip.Prefix // proxies whose X-Forwarded-For is believed
	// MetricsToken, when set, is the bearer token /metrics asks for;
	// without it only clients on the same machine may read /metrics.
	MetricsToken string
	// SMTPURL is the mail server (smtp://user:pass@host:587 or smtps://…);
	// empty logs e-mails instead of sending them.
	SMTPURL string
	// BaseURL is the site's public address, for links in e-mails; by
	// default http://localhost with the port of Addr.
	BaseURL string
	// APIRateLimit is each API credential's limit in requests a minute;
	// 0 keeps the default (api.DefaultRateLimit).
	APIRateLimit int
}

// Parse reads flags for a command, with environment variables (HELPDESK_*)
// as defaults; flags win.
func Parse(name string, args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := Config{}
	fs.StringVar(&c.Addr, "addr", envOr(getenv, "HELPDESK_ADDR", ":8080"), "address to listen on (HELPDESK_ADDR)")
	fs.StringVar(&c.Database, "database", envOr(getenv, "HELPDESK_DATABASE", "sqlite:data/helpdesk.db"),
		"database: sqlite:PATH or postgres://… (HELPDESK_DATABASE)")
	demoDefault := getenv("HELPDESK_DEMO")
	fs.BoolVar(&c.Demo, "demo", demoDefault == "1" || strings.EqualFold(demoDefault, "true"),
		"load demo data into an empty database (HELPDESK_DEMO=1)")
	fs.StringVar(&c.MetricsToken, "metrics-token", getenv("HELPDESK_METRICS_TOKEN"),
		"bearer token for /metrics; without it only local clients may read it (HELPDESK_METRICS_TOKEN)")
	fs.StringVar(&c.SMTPURL, "smtp-url", getenv("HELPDESK_SMTP_URL"),
		"mail server, smtp://user:pass@host:587 or smtps://user:pass@host:465; without it e-mails are logged (HELPDESK_SMTP_URL)")
	fs.StringVar(&c.BaseURL, "base-url", getenv("HELPDESK_BASE_URL"),
		"public address of the site for links in e-mails, e.g. https://soporte.example.com (HELPDESK_BASE_URL; default http://localhost:PORT)")
	rateDefault, rateErr := envInt(getenv, "HELPDESK_API_RATE_LIMIT")
	if rateErr != nil {
		return c, rateErr
	}
	fs.IntVar(&c.APIRateLimit, "api-rate-limit", rateDefault,
		"requests a minute each API credential may make; 0 is the default of 300 (HELPDESK_API_RATE_LIMIT)")
	proxies := fs.String("trusted-proxies", getenv("HELPDESK_TRUSTED_PROXIES"),
		"comma-separated CIDRs of reverse proxies (HELPDESK_TRUSTED_PROXIES)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, p := range strings.Split(*proxies, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		pfx, err := netip.ParsePrefix(p)
		if err != nil {
			return c, fmt.Errorf("trusted proxy %q: %w", p, err)
		}
		c.TrustedProxies = append(c.TrustedProxies, pfx)
	}
	return c, c.validate()
}

func (c Config) validate() error {
	if c.APIRateLimit < 0 {
		return errors.New("api-rate-limit: must not be negative")
	}
	if c.Addr == "" {
		return errors.New("addr: empty")
	}
	if !strings.HasPrefix(c.Database, "sqlite:") && !strings.HasPrefix(c.Database, "postgres://") &&
		!strings.HasPrefix(c.Database, "postgresql://") {
		return fmt.Errorf("database %q: use sqlite:PATH or postgres://…", c.Database)
	}
	if c.SMTPURL != "" {
		u, err := url.Parse(c.SMTPURL)
		if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			return errors.New("smtp-url: use smtp://user:pass@host:587 or smtps://user:pass@host:465")
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("base-url %q: use http(s)://host[:port]", c.BaseURL)
		}
	}
	return nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// envInt reads a whole number from the environment; unset is 0.
func envInt(getenv func(string) string, key string) (int, error) {
	v := strings.TrimSpace(getenv(key))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: not a whole number", key, v)
	}
	return n, nil
}
