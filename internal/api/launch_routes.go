package api

import (
	"net/http"
	"strings"

	"helpdesk/internal/desk"
)

// launchRoutes are the routes of the desktop entry, access tokens, the
// complete ticket and FAQ API, admin settings and the description itself.
func (a *api) launchRoutes() {
	a.public("GET /api/v1/openapi.json", a.openAPI)       // anyone
	a.keyed("POST /api/v1/launch", a.launch)              // an integration key (hdk_…); the key decides the company
	a.signedIn("GET /api/v1/tokens", a.listTokens)        // any user: their own tokens
	a.signedIn("POST /api/v1/tokens", a.createToken)      // any user signed in with a login token (not with an access token)
	a.signedIn("DELETE /api/v1/tokens/{id}", a.dropToken) // any user: their own tokens, else 404

	a.signedIn("POST /api/v1/tickets/{number}/assign", a.assignTicket)     // staff
	a.signedIn("POST /api/v1/tickets/{number}/priority", a.priorityTicket) // staff
	a.signedIn("POST /api/v1/tickets/{number}/module", a.moduleTicket)     // staff
	a.signedIn("GET /api/v1/attachments/{id}", a.attachment)               // who may see its ticket (notes' files: staff), else 404
	a.signedIn("GET /api/v1/staff", a.staffList)                           // staff

	a.signedIn("GET /api/v1/faqs", a.listFAQs)                             // any user; staff also see drafts
	a.signedIn("GET /api/v1/faqs/{id}", a.faq)                             // any user; drafts staff only, else 404
	a.signedIn("POST /api/v1/faqs", a.createFAQ)                           // staff
	a.signedIn("PATCH /api/v1/faqs/{id}", a.editFAQ)                       // staff
	a.signedIn("POST /api/v1/faqs/{id}/publish", a.publishFAQ)             // staff
	a.signedIn("GET /api/v1/admin/settings", adminOnly(a.adminSettings))   // admins
	a.signedIn("PATCH /api/v1/admin/settings", adminOnly(a.patchSettings)) // admins
}

// keyed serves a route for an integration key, within its rate limit.
func (a *api) keyed(pattern string, h func(w http.ResponseWriter, r *http.Request, key string) error) {
	a.handle(pattern, func(w http.ResponseWriter, r *http.Request) {
		key := bearer(r)
		err := a.limit(w, desk.KeyCredential(key).ID)
		if err == nil {
			err = h(w, r, key)
		}
		if err != nil {
			a.fail(w, r, err)
		}
	})
}

// requestBaseURL is the site's address as this request reached it.
func requestBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func credential(r *http.Request) desk.Credential {
	c, _ := r.Context().Value(credentialKey{}).(desk.Credential)
	return c
}

func trimSlash(s string) string { return strings.TrimRight(s, "/") }
