package model

import (
	"errors"
	"sort"
	"strings"
)

// Sentinel errors; the HTTP edge maps them to statuses and translated text.
var (
	ErrNotFound     = errors.New("not found")
	ErrForbidden    = errors.New("forbidden")
	ErrConflict     = errors.New("conflict")
	ErrUnauthorized = errors.New("unauthorized")
	ErrRateLimited  = errors.New("too many attempts")
)

// ValidationError maps form fields to untranslated message keys, with the
// arguments some messages take (a limit, a file name).
type ValidationError struct {
	Fields map[string]string
	Args   map[string][]any
}

// Add records the message key for a field; the first one wins.
func (v *ValidationError) Add(field, key string, args ...any) {
	if v.Fields == nil {
		v.Fields = map[string]string{}
	}
	if _, ok := v.Fields[field]; ok {
		return
	}
	v.Fields[field] = key
	if len(args) > 0 {
		if v.Args == nil {
			v.Args = map[string][]any{}
		}
		v.Args[field] = args
	}
}

// Err returns v as an error when it holds any field, else nil.
func (v *ValidationError) Err() error {
	if v == nil || len(v.Fields) == 0 {
		return nil
	}
	return v
}

func (v *ValidationError) Error() string {
	parts := make([]string, 0, len(v.Fields))
	for f, k := range v.Fields {
		parts = append(parts, f+": "+k)
	}
	sort.Strings(parts)
	return "invalid input: " + strings.Join(parts, ", ")
}

// Invalid builds a ValidationError with one field.
func Invalid(field, key string, args ...any) error {
	v := &ValidationError{}
	v.Add(field, key, args...)
	return v
}
