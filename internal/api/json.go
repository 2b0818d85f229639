package api

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxBody caps every request body.
const maxBody = 1 << 20

// decode reads exactly one JSON value into v: at most maxBody bytes, no
// unknown fields, nothing after it.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	var extra json.RawMessage
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
		return nil
	case isTooLarge(err):
		return errTooLarge
	}
	return badRequest("api.trailing_data", nil)
}

func isTooLarge(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}

func decodeError(err error) error {
	var typ *json.UnmarshalTypeError
	var own *apiError
	switch {
	case errors.As(err, &own):
		return own
	case isTooLarge(err):
		return errTooLarge
	case err == io.EOF:
		return badRequest("api.empty_body", nil)
	case errors.As(err, &typ) && typ.Field != "":
		return badRequest("api.bad_fields", map[string]string{typ.Field: "api.wrong_type"})
	}
	// encoding/json reports unknown fields only as text.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if f, err := strconv.Unquote(name); err == nil {
			return badRequest("api.bad_fields", map[string]string{f: "api.unknown_field"})
		}
	}
	return badRequest("api.bad_json", nil)
}

// writeJSON answers v with a status; an error means nothing was written.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
	return nil
}

// stamp is a time in RFC 3339 UTC, null when unset.
type stamp time.Time

func (s stamp) MarshalJSON() ([]byte, error) {
	t := time.Time(s)
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.UTC().Format(time.RFC3339) + `"`), nil
}

// emailList reads "cc" as a string ("a@x, b@y") or an array of strings.
type emailList string

func (l *emailList) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*l = emailList(s)
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return badRequest("api.bad_fields", map[string]string{"cc": "api.wrong_type"})
	}
	*l = emailList(strings.Join(list, ", "))
	return nil
}

// cursor is the keyset position after a ticket: its creation time and id,
// opaque to clients.
type cursor struct {
	created time.Time
	id      int64
}

func (c cursor) String() string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d.%d", c.created.UnixMilli(), c.id))
}

func parseCursor(s string) (cursor, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, false
	}
	ms, id, ok := strings.Cut(string(b), ".")
	m, err1 := strconv.ParseInt(ms, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil || n <= 0 {
		return cursor{}, false
	}
	return cursor{time.UnixMilli(m).UTC(), n}, true
}
