package desk

import (
	"context"
	"errors"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Settings of the integrations, kept in the settings table.
const (
	settingMinVersion   = model.SettingMinDesktopVersion
	settingAllowPrivate = model.SettingAllowPrivateWebhooks
)

// IntegrationSettings are the admin's choices for the desktop entry and
// webhooks.
type IntegrationSettings struct {
	MinDesktopVersion    string // "" lets every version in
	AllowPrivateWebhooks bool   // webhooks may reach loopback and private addresses
}

// IntegrationSettings reads the integration settings.
func (d *Desk) IntegrationSettings(ctx context.Context) (IntegrationSettings, error) {
	return integrationSettings(ctx, d.st.Read())
}

func integrationSettings(ctx context.Context, q *store.Q) (IntegrationSettings, error) {
	minV, err := q.Setting(ctx, settingMinVersion)
	if err != nil {
		return IntegrationSettings{}, err
	}
	private, err := q.Setting(ctx, settingAllowPrivate)
	return IntegrationSettings{MinDesktopVersion: minV, AllowPrivateWebhooks: private == "1"}, err
}

// SaveIntegrationSettings stores them (admins only). The minimum version
// is dotted numbers ("10.2") or empty.
func (d *Desk) SaveIntegrationSettings(ctx context.Context, actor model.User, s IntegrationSettings) error {
	if actor.Role != model.RoleAdmin {
		return model.ErrForbidden
	}
	s.MinDesktopVersion = strings.TrimSpace(s.MinDesktopVersion)
	if s.MinDesktopVersion != "" && !model.ValidVersion(s.MinDesktopVersion) {
		return model.Invalid("min_desktop_version", "error.version_format")
	}
	private := "0"
	if s.AllowPrivateWebhooks {
		private = "1"
	}
	return d.tx(ctx, func(q *store.Q) error {
		if err := q.SetSetting(ctx, settingMinVersion, s.MinDesktopVersion); err != nil {
			return err
		}
		return q.SetSetting(ctx, settingAllowPrivate, private)
	})
}

// Key and token formats: a short kind prefix tells them apart (and lets
// secret scanners find them); the rest is 256 random bits.
const (
	keyPrefix    = "hdk_"
	tokenPrefix  = "hdp_"
	shownPrefix  = 12 // characters kept in clear to tell keys apart
	maxKeyName   = 100
	maxKeysShown = 500
)

// NewIntegrationKey is a key just created: Secret is shown once and never
// stored.
type NewIntegrationKey struct {
	Secret string
	Key    model.IntegrationKey
}

// CreateIntegrationKey issues a key to a customer company (admins only;
// the shell passes an admin without id).
func (d *Desk) CreateIntegrationKey(ctx context.Context, actor model.User, companyID int64, name string) (NewIntegrationKey, error) {
	if actor.Role != model.RoleAdmin {
		return NewIntegrationKey{}, model.ErrForbidden
	}
	name = strings.TrimSpace(name)
	v := &model.ValidationError{}
	checkLine(v, "name", name, maxKeyName, true)
	var out NewIntegrationKey
	err := d.tx(ctx, func(q *store.Q) error {
		comps, err := q.Companies(ctx)
		if err != nil {
			return err
		}
		found := false
		for _, c := range comps {
			found = found || (c.ID == companyID && c.Active)
		}
		if !found {
			v.Add("company", "error.choose")
		}
		if err := v.Err(); err != nil {
			return err
		}
		secret := keyPrefix + randomToken()
		k := model.IntegrationKey{CompanyID: companyID, Name: name, Prefix: secret[:shownPrefix],
			CreatedAt: d.clock(), CreatedByID: actor.ID}
		if k.ID, err = q.CreateIntegrationKey(ctx, k, hashToken(secret)); err != nil {
			return err
		}
		k, err = q.IntegrationKeyByID(ctx, k.ID)
		out = NewIntegrationKey{Secret: secret, Key: k}
		return err
	})
	return out, err
}

// CompanyByNIT finds a company by its tax id (for the shell).
func (d *Desk) CompanyByNIT(ctx context.Context, nit string) (model.Company, error) {
	return d.st.Read().CompanyByNIT(ctx, strings.TrimSpace(nit))
}

// IntegrationKeys lists keys, of one company when companyID is not 0
// (admins only).
func (d *Desk) IntegrationKeys(ctx context.Context, actor model.User, companyID int64) ([]model.IntegrationKey, error) {
	if actor.Role != model.RoleAdmin {
		return nil, model.ErrForbidden
	}
	ks, err := d.st.Read().IntegrationKeys(ctx, companyID)
	if len(ks) > maxKeysShown {
		ks = ks[:maxKeysShown]
	}
	return ks, err
}

// RevokeIntegrationKey stops a key at once (admins only); links it
// already minted stop working too.
func (d *Desk) RevokeIntegrationKey(ctx context.Context, actor model.User, id int64) error {
	if actor.Role != model.RoleAdmin {
		return model.ErrForbidden
	}
	return d.tx(ctx, func(q *store.Q) error { return q.RevokeIntegrationKey(ctx, id, d.clock()) })
}

// integrationKey returns the live key a secret names, else ErrUnauthorized.
func integrationKey(ctx context.Context, q *store.Q, secret string) (model.IntegrationKey, error) {
	if !strings.HasPrefix(secret, keyPrefix) {
		return model.IntegrationKey{}, model.ErrUnauthorized
	}
	k, err := q.IntegrationKeyByHash(ctx, hashToken(secret))
	if errors.Is(err, model.ErrNotFound) {
		return k, model.ErrUnauthorized
	}
	return k, err
}
