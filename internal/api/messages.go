package api

import (
	"net/http"

	"helpdesk/internal/i18n"
)

// localizer speaks the request's Accept-Language (Spanish when neither
// Spanish nor English is asked for).
func (a *api) localizer(r *http.Request) i18n.Localizer {
	return a.catalog.For(a.catalog.Negotiate("", r.Header.Get("Accept-Language")), "")
}
