package api

import (
	_ "embed"
	"net/http"

	"helpdesk/internal/model"
)

// openAPIDoc describes every route. It is written by hand, so it can say
// what each route is for in words a developer reads; the tests keep it
// honest: every route registered must be described, and every answer the
// API test suite receives must match its schema.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the description, for tests.
func OpenAPI() []byte { return openAPIDoc }

func (a *api) openAPI(w http.ResponseWriter, r *http.Request, _ model.User) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(openAPIDoc)
	return nil
}
