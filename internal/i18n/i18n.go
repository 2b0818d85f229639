// Package i18n holds the translation catalogs (Spanish first, English
// complete) and picks a language per request or recipient.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Default is the language used when nothing else is known.
const Default = "es"

// Catalog holds every language's messages.
type Catalog struct {
	langs map[string]map[string]string
}

// New returns the built-in catalogs.
func New() *Catalog {
	return &Catalog{langs: map[string]map[string]string{
		"es": merge(spanish(), spanishAPI(), spanishLaunch(), spanishNotify(), spanishAccount(), spanishPeople()),
		"en": merge(english(), englishAPI(), englishLaunch(), englishNotify(), englishAccount(), englishPeople()),
	}}
}

// merge joins a language's catalog files; a key written twice is a bug the
// tests catch, so the later one simply wins here.
func merge(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}

// Languages lists the supported language codes.
func (c *Catalog) Languages() []string { return []string{"es", "en"} }

// Keys returns the message keys of a language.
func (c *Catalog) Keys(lang string) []string {
	out := make([]string, 0, len(c.langs[lang]))
	for k := range c.langs[lang] {
		out = append(out, k)
	}
	return out
}

// Localizer translates into one language, falling back to Spanish.
type Localizer struct {
	Lang     string
	msgs     map[string]string
	fallback map[string]string
	zone     *time.Location
}

// For returns the localizer of a language and time zone.
func (c *Catalog) For(lang, zone string) Localizer {
	if _, ok := c.langs[lang]; !ok {
		lang = Default
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" {
		loc = bogota()
	}
	return Localizer{Lang: lang, msgs: c.langs[lang], fallback: c.langs[Default], zone: loc}
}

// bogota is Colombia's zone: UTC-5 all year, built in so a machine without
// time zone data still shows local times.
func bogota() *time.Location {
	if loc, err := time.LoadLocation("America/Bogota"); err == nil {
		return loc
	}
	return time.FixedZone("COT", -5*60*60)
}

// T translates a key; with arguments, the message is a fmt format. An
// unknown key shows as itself, which the catalog tests catch.
func (l Localizer) T(key string, args ...any) string {
	m, ok := l.msgs[key]
	if !ok {
		if m, ok = l.fallback[key]; !ok {
			m = key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

// Has reports whether a key exists.
func (l Localizer) Has(key string) bool {
	_, ok := l.msgs[key]
	return ok
}

// Time formats a time in the reader's zone.
func (l Localizer) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(l.zone).Format("2006-01-02 15:04")
}

// Negotiate picks a supported language from a preference (a cookie or a
// profile) or else from an Accept-Language header, by quality; Spanish when
// nothing supported is asked for.
func (c *Catalog) Negotiate(pref, acceptLanguage string) string {
	if _, ok := c.langs[pref]; ok {
		return pref
	}
	best, bestQ := Default, 0.0
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if _, ok := c.langs[base]; ok && q > bestQ {
			best, bestQ = base, q
		}
	}
	return best
}
