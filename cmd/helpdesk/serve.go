package main

import (
	"context"
	"fmt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/seed"
)

func serve(ctx context.Context, e env, args []string) error {
	cfg, err := config.Parse("serve", args, e.getenv, e.stderr)
	if err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, app.Options{Logger: e.log})
	if err != nil {
		return err
	}
	defer a.Close()
	if cfg.Demo {
		fmt.Fprintf(e.stdout, "Demo accounts use the password %q (see README.md).\n", seed.DemoPassword)
	}
	return a.Serve(ctx, cfg.Addr, e.log, nil)
}

func migrate(ctx context.Context, e env, args []string) error {
	cfg, err := config.Parse("migrate", args, e.getenv, e.stderr)
	if err != nil {
		return err
	}
	cfg.Demo = false
	a, err := app.New(ctx, cfg, app.Options{Logger: e.log})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "database is up to date")
	return a.Close()
}
