package api

import (
	"net/http"

	"helpdesk/internal/i18n"
	"helpdesk/internal/model"
)

// localizer speaks the request's Accept-Language; without one, the signed-in
// caller's profile language; Spanish when neither says otherwise.
func (a *api) localizer(r *http.Request) i18n.Localizer {
	accept := r.Header.Get("Accept-Language")
	if u, ok := r.Context().Value(userKey{}).(model.User); ok && accept == "" {
		return a.catalog.For(a.catalog.Negotiate(u.Language, ""), u.TimeZone)
	}
	return a.catalog.For(a.catalog.Negotiate("", accept), "")
}

// userKey holds the signed-in caller in a request's context, for the
// language of its answers.
type userKey struct{}
