package api

import (
	"errors"
	"net/http"
	"strconv"

	"helpdesk/internal/model"
)

// retryAfter is told to a throttled client: the desk's failure window.
const retryAfter = 15 * 60

// apiError is an answer with a status, a code and a message key; fields
// maps request fields to message keys.
type apiError struct {
	status int
	code   string
	key    string
	fields map[string]string
	args   map[string][]any // arguments of the fields' messages
}

func (e *apiError) Error() string { return e.code + ": " + e.key }

func badRequest(key string, fields map[string]string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "bad_request", key: key, fields: fields}
}

var (
	errMethod   = &apiError{status: http.StatusMethodNotAllowed, code: "method_not_allowed", key: "api.method_not_allowed"}
	errTooLarge = &apiError{status: http.StatusRequestEntityTooLarge, code: "too_large", key: "api.too_large"}
	errSlowDown = &apiError{status: http.StatusTooManyRequests, code: "rate_limited", key: "api.slow_down"}
)

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// classify maps an error to its answer; ok is false for a server fault.
func classify(err error) (e *apiError, ok bool) {
	var ve *model.ValidationError
	switch {
	case errors.As(err, &e):
		return e, true
	case errors.As(err, &ve):
		return &apiError{status: http.StatusUnprocessableEntity, code: "validation", key: "api.validation",
			fields: ve.Fields, args: ve.Args}, true
	case errors.Is(err, model.ErrNotFound):
		return &apiError{status: http.StatusNotFound, code: "not_found", key: "api.not_found"}, true
	case errors.Is(err, model.ErrForbidden):
		return &apiError{status: http.StatusForbidden, code: "forbidden", key: "api.forbidden"}, true
	case errors.Is(err, model.ErrUnauthorized):
		return &apiError{status: http.StatusUnauthorized, code: "unauthorized", key: "api.unauthorized"}, true
	case errors.Is(err, model.ErrConflict):
		return &apiError{status: http.StatusConflict, code: "conflict", key: "api.conflict"}, true
	case errors.Is(err, model.ErrRateLimited):
		return &apiError{status: http.StatusTooManyRequests, code: "rate_limited", key: "api.rate_limited"}, true
	}
	return &apiError{status: http.StatusInternalServerError, code: "internal", key: "api.internal"}, false
}

// fail answers an error in the request's language. A server fault is
// logged once here and its text never reaches the client.
func (a *api) fail(w http.ResponseWriter, r *http.Request, err error) {
	e, ok := classify(err)
	if !ok {
		a.log.ErrorContext(r.Context(), "api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	switch e.status {
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="helpdesk"`)
	case http.StatusTooManyRequests:
		if w.Header().Get("Retry-After") == "" { // the rate limiter sets its own
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		}
	}
	l := a.localizer(r)
	d := errorDetail{Code: e.code, Message: l.T(e.key)}
	if len(e.fields) > 0 {
		d.Fields = make(map[string]string, len(e.fields))
		for f, k := range e.fields {
			d.Fields[f] = l.T(k, e.args[f]...)
		}
	}
	if err := writeJSON(w, e.status, errorBody{d}); err != nil {
		a.log.ErrorContext(r.Context(), "api error response", "err", err)
	}
}
