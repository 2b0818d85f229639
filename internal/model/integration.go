package model

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// IntegrationKey lets a customer company's desktop program (or the
// vendor's license server) mint launch links. Only its hash is stored.
type IntegrationKey struct {
	ID          int64
	CompanyID   int64
	Company     string
	Name        string
	Prefix      string // the first characters, to tell keys apart
	CreatedAt   time.Time
	LastUsedAt  time.Time
	RevokedAt   time.Time
	CreatedByID int64
}

// Active reports whether the key still works.
func (k IntegrationKey) Active() bool { return k.RevokedAt.IsZero() }

// LaunchContext is what the desktop program knows when the user asks
// for help: where they were and what went wrong.
type LaunchContext struct {
	Module    string `json:"module,omitempty"`
	Screen    string `json:"screen,omitempty"`
	ErrorCode string `json:"error_code,omitempty"`
	Message   string `json:"message,omitempty"`
}

// Empty reports whether the program sent no context.
func (c LaunchContext) Empty() bool { return c == LaunchContext{} }

// AccessToken is a personal access token for the JSON API.
type AccessToken struct {
	ID         int64
	UserID     int64
	Name       string
	Prefix     string
	CreatedAt  time.Time
	ExpiresAt  time.Time // zero: never
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// Active reports whether the token works at now.
func (t AccessToken) Active(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// ValidVersion reports whether v is dotted numbers: "10", "10.2", "10.2.3".
func ValidVersion(v string) bool {
	if v == "" || len(v) > 40 {
		return false
	}
	for _, p := range strings.Split(v, ".") {
		if p == "" || len(p) > 9 {
			return false
		}
		for _, r := range p {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}

// CompareVersions compares dotted numbers part by part as integers, so
// "10.2" < "10.10" and "10.2" == "10.2.0". Both must be ValidVersion.
func CompareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		x, y := 0, 0
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

// Why a launch request or link was refused; the API answers each with
// its own code.
var (
	ErrUnknownUser  = errors.New("launch: no user with that e-mail")
	ErrUserDisabled = errors.New("launch: user disabled")
	ErrWrongCompany = errors.New("launch: user of another company")
	ErrInvalidLink  = errors.New("launch: link used, expired or unknown")
)

// VersionError refuses a desktop program older than the minimum.
type VersionError struct {
	Version, Minimum string
}

func (e *VersionError) Error() string {
	return "desktop version " + e.Version + " is below the minimum " + e.Minimum
}

// Keys of the integration settings in the settings table.
const (
	SettingMinDesktopVersion    = "min_desktop_version"
	SettingAllowPrivateWebhooks = "webhooks_allow_private" // "1" allows inside addresses
)
