package api

import (
	"net/http"

	"helpdesk/internal/model"
)

type settingsOut struct {
	MinDesktopVersion    string `json:"min_desktop_version"`
	AllowPrivateWebhooks bool   `json:"allow_private_webhooks"`
}

type settingsPatch struct {
	MinDesktopVersion    *string `json:"min_desktop_version"`
	AllowPrivateWebhooks *bool   `json:"allow_private_webhooks"`
}

// adminSettings shows the integration settings (admins).
func (a *api) adminSettings(w http.ResponseWriter, r *http.Request, u model.User) error {
	s, err := a.desk.IntegrationSettings(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, settingsOut{s.MinDesktopVersion, s.AllowPrivateWebhooks})
}

// patchSettings changes the fields sent and keeps the others (admins).
func (a *api) patchSettings(w http.ResponseWriter, r *http.Request, u model.User) error {
	var in settingsPatch
	if err := decode(w, r, &in); err != nil {
		return err
	}
	s, err := a.desk.IntegrationSettings(r.Context())
	if err != nil {
		return err
	}
	if in.MinDesktopVersion != nil {
		s.MinDesktopVersion = *in.MinDesktopVersion
	}
	if in.AllowPrivateWebhooks != nil {
		s.AllowPrivateWebhooks = *in.AllowPrivateWebhooks
	}
	if err := a.desk.SaveIntegrationSettings(r.Context(), u, s); err != nil {
		return err
	}
	return a.adminSettings(w, r, u)
}
