package desk

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// JobAutoClose is the periodic job that closes tickets resolved long ago.
const JobAutoClose = "tickets.autoclose"

// SettingAutoCloseDays is the settings key of the days a resuelto ticket
// waits before it closes itself: 1 to autoCloseMax, or 0 for never.
const SettingAutoCloseDays = "autoclose_days"

// DefaultAutoCloseDays applies while the setting is unset or out of range.
const DefaultAutoCloseDays = 7

// autoCloseMax is the most days the setting takes.
const autoCloseMax = 90

// autoCloseBatch is how many tickets one run closes at most; the next run
// takes the rest.
const autoCloseBatch = 200

func autoCloseDays(ctx context.Context, q *store.Q) (int, error) {
	v, err := q.Setting(ctx, SettingAutoCloseDays)
	if err != nil || strings.TrimSpace(v) == "" {
		return DefaultAutoCloseDays, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 || n > autoCloseMax {
		return DefaultAutoCloseDays, nil
	}
	return n, nil
}

// AutoClose closes every ticket that has been resuelto for the configured
// days, each in its own transaction, as the system: the timeline says so
// and reporter, company admins, copied addresses and the assigned agent
// are told as of any status change. It returns how many it closed.
func (d *Desk) AutoClose(ctx context.Context) (int, error) {
	q := d.st.Read()
	days, err := autoCloseDays(ctx, q)
	if err != nil || days == 0 {
		return 0, err
	}
	cutoff := d.clock().AddDate(0, 0, -days)
	numbers, err := q.ResolvedBefore(ctx, cutoff, autoCloseBatch)
	if err != nil || len(numbers) == 0 {
		return 0, err
	}
	sys, err := d.systemUser(ctx)
	if err != nil {
		return 0, err
	}
	closed := 0
	for _, n := range numbers {
		err := d.tx(ctx, func(q *store.Q) error {
			t, err := q.TicketByNumber(ctx, store.Scope{}, n)
			if err != nil {
				return err
			}
			// Checked again inside the transaction: a reply may have
			// reopened it since the list was read.
			if t.Status != model.StatusResolved || t.ResolvedAt.After(cutoff) {
				return nil
			}
			if err := d.setStatus(ctx, q, sys, &t, model.StatusClosed); err != nil {
				return err
			}
			t.UpdatedAt = d.clock()
			closed++
			return q.UpdateTicket(ctx, t)
		})
		if err != nil {
			return closed, err
		}
	}
	return closed, nil
}

// systemUser returns the account that authors the help desk's own
// actions, creating it on first use. It cannot log in: it is inactive
// and its password hash matches no password.
func (d *Desk) systemUser(ctx context.Context) (model.User, error) {
	u, err := d.st.Read().UserByEmail(ctx, model.SystemEmail)
	if !errors.Is(err, model.ErrNotFound) {
		return u, err
	}
	err = d.st.Tx(ctx, func(q *store.Q) error {
		_, err := q.CreateUser(ctx, model.User{Email: model.SystemEmail, Name: "Sistema", Role: model.RoleSystem,
			PasswordHash: "!", Active: false, Language: "es", TimeZone: "America/Bogota"}, d.clock())
		return err
	})
	if err != nil {
		// Another process may have created it first.
		if u, err2 := d.st.Read().UserByEmail(ctx, model.SystemEmail); err2 == nil {
			return u, nil
		}
		return u, err
	}
	return d.st.Read().UserByEmail(ctx, model.SystemEmail)
}
