package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

const launchUsage = `usage: helpdesk launch --server URL --key KEY --email EMAIL --version VERSION
                       [--module M] [--screen S] [--error-code C] [--message TEXT]

Asks the help desk for a single-use link (valid one minute) that signs the
user in and opens the ticket wizard prefilled with the context, and prints
it. A version below the minimum prints the "update your program" page
instead, and exits with status 3.
`

// errOldVersion tells main to exit with status 3.
var errOldVersion = errors.New("the program's version is below the minimum: open the printed page")

// launch is the reference client of POST /api/v1/launch: what a desktop
// program does when the user chooses Ayuda / Atención al Cliente.
func launch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("launch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, launchUsage); fs.PrintDefaults() }
	server := fs.String("server", envOr(getenv, "HELPDESK_SERVER", ""), "the help desk's address, e.g. https://soporte.example.com (HELPDESK_SERVER)")
	key := fs.String("key", envOr(getenv, "HELPDESK_INTEGRATION_KEY", ""), "the company's integration key, hdk_… (HELPDESK_INTEGRATION_KEY)")
	email := fs.String("email", "", "the user's e-mail")
	version := fs.String("version", "", "the desktop program's version, e.g. 10.4.1")
	var c struct {
		Module    string `json:"module,omitempty"`
		Screen    string `json:"screen,omitempty"`
		ErrorCode string `json:"error_code,omitempty"`
		Message   string `json:"message,omitempty"`
	}
	fs.StringVar(&c.Module, "module", "", "the module the user was in, e.g. \"Facturación electrónica\"")
	fs.StringVar(&c.Screen, "screen", "", "the screen the user was on")
	fs.StringVar(&c.ErrorCode, "error-code", "", "the error code shown, e.g. FE-401")
	fs.StringVar(&c.Message, "message", "", "the error message shown")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *server == "" || *key == "" || *email == "" || *version == "" {
		fs.Usage()
		return errors.New("launch: --server, --key, --email and --version are required")
	}
	body, err := json.Marshal(map[string]any{"email": *email, "version": *version, "context": c})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(*server, "/")+"/api/v1/launch", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+*key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", "es")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var out struct {
		URL       string `json:"url"`
		ExpiresAt string `json:"expires_at"`
		Error     struct {
			Code    string            `json:"code"`
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&out); err != nil {
		return fmt.Errorf("launch: %s answered %s, not JSON", *server, res.Status)
	}
	switch {
	case res.StatusCode == http.StatusCreated && out.URL != "":
		fmt.Fprintln(stdout, out.URL)
		fmt.Fprintln(stderr, "Open it in the browser before", out.ExpiresAt, "(it works once).")
		return nil
	case out.Error.Code == "version_too_old" && out.URL != "":
		fmt.Fprintln(stdout, out.URL)
		fmt.Fprintln(stderr, out.Error.Message)
		return errOldVersion
	}
	msg := out.Error.Message
	names := make([]string, 0, len(out.Error.Fields))
	for f := range out.Error.Fields {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		msg += fmt.Sprintf("\n  %s: %s", f, out.Error.Fields[f])
	}
	return fmt.Errorf("launch refused (%d %s): %s", res.StatusCode, out.Error.Code, msg)
}
