package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

const integrationUsage = `usage:
  helpdesk integration-key create --database DSN --nit NIT --name NAME
  helpdesk integration-key list   --database DSN [--nit NIT]
  helpdesk integration-key revoke --database DSN --id ID
`

// shellAdmin is whoever runs the shell command: they hold the database, so
// they act as an admin (recorded as no one in particular).
var shellAdmin = model.User{Role: model.RoleAdmin, Name: "shell"}

// integrationKey manages the keys desktop programs use to open the portal.
func integrationKey(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, integrationUsage)
		return errors.New("integration-key: say create, list or revoke")
	}
	fs := flag.NewFlagSet("integration-key "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("database", envOr(getenv, "HELPDESK_DATABASE", "sqlite:data/helpdesk.db"), "database: sqlite:PATH or postgres://… (HELPDESK_DATABASE)")
	nit := fs.String("nit", "", "the customer company's NIT, e.g. 900123456-8")
	name := fs.String("name", "", "a name to recognise the key by, e.g. \"License server\"")
	id := fs.Int64("id", 0, "the key's id (see list)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	st, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	d := desk.New(desk.Options{Store: st})
	var companyID int64
	if *nit != "" {
		c, err := d.CompanyByNIT(ctx, *nit)
		if errors.Is(err, model.ErrNotFound) {
			return fmt.Errorf("no company with NIT %q", *nit)
		}
		if err != nil {
			return err
		}
		companyID = c.ID
	}
	switch args[0] {
	case "create":
		if companyID == 0 || *name == "" {
			fmt.Fprint(stderr, integrationUsage)
			return errors.New("integration-key create: --nit and --name are required")
		}
		k, err := d.CreateIntegrationKey(ctx, shellAdmin, companyID, *name)
		var ve *model.ValidationError
		if errors.As(err, &ve) {
			return fmt.Errorf("integration-key create: %s", ve.Error())
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(stderr, "Key", k.Key.ID, "for", k.Key.Company, "— copy it now, it is not shown again:")
		fmt.Fprintln(stdout, k.Secret)
		return nil
	case "list":
		keys, err := d.IntegrationKeys(ctx, shellAdmin, companyID)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tCOMPANY\tNAME\tPREFIX\tCREATED\tLAST USED\tSTATE")
		for _, k := range keys {
			state := "active"
			if !k.Active() {
				state = "revoked " + k.RevokedAt.Format("2006-01-02 15:04Z")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s…\t%s\t%s\t%s\n", k.ID, k.Company, k.Name, k.Prefix,
				k.CreatedAt.Format("2006-01-02 15:04Z"), orDash(k.LastUsedAt.IsZero(), k.LastUsedAt.Format("2006-01-02 15:04Z")), state)
		}
		return tw.Flush()
	case "revoke":
		if *id == 0 {
			return errors.New("integration-key revoke: --id is required")
		}
		err := d.RevokeIntegrationKey(ctx, shellAdmin, *id)
		if errors.Is(err, model.ErrNotFound) {
			return fmt.Errorf("no key with id %d", *id)
		}
		if err == nil {
			fmt.Fprintln(stdout, "key "+strconv.FormatInt(*id, 10)+" revoked")
		}
		return err
	}
	fmt.Fprint(stderr, integrationUsage)
	return fmt.Errorf("integration-key: unknown action %q", args[0])
}

func orDash(empty bool, s string) string {
	if empty {
		return "-"
	}
	return s
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
