package api

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

type launchContextIn struct {
	Module    string `json:"module"`
	Screen    string `json:"screen"`
	ErrorCode string `json:"error_code"`
	Message   string `json:"message"`
}

type launchIn struct {
	Email   string          `json:"email"`
	Version string          `json:"version"`
	Context launchContextIn `json:"context"`
}

type launchOut struct {
	URL       string `json:"url"`
	ExpiresAt stamp  `json:"expires_at"`
}

// versionBody answers a version below the minimum: the error, and the
// page the program should open instead (update or use the web site).
type versionBody struct {
	Error errorVersion `json:"error"`
	URL   string       `json:"url"`
}

type errorVersion struct {
	errorDetail
	Version string `json:"version"`
	Minimum string `json:"minimum_version"`
}

// Launch refusals, each with its own code.
var (
	errInvalidKey   = &apiError{status: http.StatusUnauthorized, code: "invalid_key", key: "api.invalid_key"}
	errUnknownUser  = &apiError{status: http.StatusUnprocessableEntity, code: "unknown_user", key: "api.unknown_user"}
	errUserDisabled = &apiError{status: http.StatusUnprocessableEntity, code: "user_disabled", key: "api.user_disabled"}
	errWrongCompany = &apiError{status: http.StatusUnprocessableEntity, code: "wrong_company", key: "api.wrong_company"}
)

// launch mints a single-use link that signs the user in to the portal,
// for the desktop program holding the company's integration key.
func (a *api) launch(w http.ResponseWriter, r *http.Request, key string) error {
	var in launchIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	l, err := a.desk.CreateLaunch(r.Context(), key, desk.LaunchRequest{Email: in.Email, Version: in.Version,
		Context: model.LaunchContext{Module: in.Context.Module, Screen: in.Context.Screen,
			ErrorCode: in.Context.ErrorCode, Message: in.Context.Message}})
	var ve *model.VersionError
	switch {
	case err == nil:
		return writeJSON(w, http.StatusCreated, launchOut{URL: trimSlash(a.baseURL(r)) + "/launch/" + l.Token,
			ExpiresAt: stamp(l.ExpiresAt.Truncate(time.Second))})
	case errors.Is(err, model.ErrUnauthorized):
		return errInvalidKey
	case errors.Is(err, model.ErrUnknownUser):
		return errUnknownUser
	case errors.Is(err, model.ErrUserDisabled):
		return errUserDisabled
	case errors.Is(err, model.ErrWrongCompany):
		return errWrongCompany
	case errors.As(err, &ve):
		msg := a.localizer(r).T("api.version_too_old", ve.Version, ve.Minimum)
		return writeJSON(w, http.StatusUnprocessableEntity, versionBody{
			Error: errorVersion{errorDetail: errorDetail{Code: "version_too_old", Message: msg}, Version: ve.Version, Minimum: ve.Minimum},
			URL:   trimSlash(a.baseURL(r)) + "/launch/update?version=" + url.QueryEscape(ve.Version)})
	}
	return err
}
