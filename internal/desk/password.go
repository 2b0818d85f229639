package desk

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"helpdesk/internal/model"
)

// Password rules for a password a person chooses.
const (
	MinPassword = 10
	MaxPassword = 128
)

// commonPasswords is a list of 1,000 of the most used passwords, in lower
// case, one a line.
//
//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords returns the list as a set. It is built on each call
// (no package state); only entries long enough to pass the length rule
// are kept, since shorter ones are refused anyway.
func commonPasswords() map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(line); utf8.RuneCountInString(line) >= MinPassword {
			set[line] = true
		}
	}
	return set
}

// checkNewPassword checks a password someone chooses for the account of
// email: 10 to 128 characters, not one of the most common passwords, and
// not containing the e-mail's name (the part before @, ignoring case and
// accents) when that has at least 3 characters. Errors are on the field "password".
func (d *Desk) checkNewPassword(email, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password) || strings.ContainsFunc(password, badControl):
		return model.Invalid("password", "error.invalid_text")
	case n < MinPassword || n > MaxPassword:
		return model.Invalid("password", "error.password_rules", MinPassword, MaxPassword)
	}
	lower := strings.ToLower(password)
	if d.common[lower] {
		return model.Invalid("password", "error.password_common")
	}
	// Compared without case or accents: "lucía.muñoz" contains
	// "lucia.munoz".
	local, _, _ := strings.Cut(foldText(strings.TrimSpace(email)), "@")
	if utf8.RuneCountInString(local) >= 3 && strings.Contains(foldText(password), local) {
		return model.Invalid("password", "error.password_email")
	}
	return nil
}

// passwordBytes is what bcrypt hashes: bcrypt reads only 72 bytes, so a
// longer password is first reduced to its SHA-256 (in base64, 44 bytes)
// and every character counts. Shorter ones are hashed as they are, as
// they always were.
func passwordBytes(pw string) []byte {
	if len(pw) <= maxPassword {
		return []byte(pw)
	}
	sum := sha256.Sum256([]byte(pw))
	return []byte(base64.StdEncoding.EncodeToString(sum[:]))
}
