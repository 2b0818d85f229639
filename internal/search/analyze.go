package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/spanish"
	"golang.org/x/text/unicode/norm"
)

// Field of a FAQ; title and situation weigh more in ranking than cause and
// solution.
type Field uint8

// The four fields of a FAQ, in the order of the fields array of IndexDoc.
const (
	Title Field = iota
	Situation
	Cause
	Solution
)

// NumFields is the number of FAQ fields.
const NumFields = 4

// Terms analyzes text into index terms: NFKC normalisation (which implies
// NFC), lower case, accents folded (á→a, ü→u, but ñ stays ñ: año ≠ ano),
// split on anything not a letter or digit, Spanish stop words removed, and
// Snowball Spanish stems. Tokens with digits ("401", "2024", "v2") are kept
// unstemmed.
//
// Accents are folded before stemming, never after, so that a word typed
// with or without accents always yields the same term. Snowball's suffix
// rules are written for accented words though ("facturación" → "factur" but
// "facturacion" → "facturacion"), so words ending in -cion/-sion/-xion get
// their accent back first: in Spanish those endings always carry it, and it
// makes "facturacion", "facturación", "facturas" and "facturando" share the
// stem "factur". Stems ending in vowel + s lose the s, for short plurals
// Snowball leaves alone ("años" → "año").
func Terms(text string) []string {
	var out []string
	for _, tok := range tokens(fold(text)) {
		if t, ok := term(tok); ok {
			out = append(out, t)
		}
	}
	return out
}

// fold normalises text to NFKD, lowercases it and drops combining marks
// except the tilde of ñ, then recomposes (NFC) so ñ is one rune again. The
// result is what tokens and stems are made from, for documents and queries
// alike.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	d := norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	prev := rune(0)
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			// Keep only n + combining tilde, i.e. ñ.
			if r == '\u0303' && prev == 'n' {
				b.WriteRune(r)
			}
			continue
		}
		r = unicode.ToLower(r)
		b.WriteRune(r)
		prev = r
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// tokens splits folded text on anything that is not a letter or a digit, so
// that % _ ' " : ( * \ and friends are separators, never syntax.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// term maps one folded token to its index term; ok is false for stop words.
func term(tok string) (t string, ok bool) {
	if stopWords[tok] {
		return "", false
	}
	if hasDigit(tok) {
		return tok, true
	}
	return stem(tok), true
}

// stemCache memoises stem: Snowball is the bulk of indexing time and a
// collection repeats a few thousand words over and over. It is cleared when
// full rather than evicting, which is enough to bound memory.
var stemCache struct {
	sync.RWMutex
	m map[string]string
}

const stemCacheMax = 1 << 16

// stem is the Snowball Spanish stem of a folded, non stop word token.
func stem(tok string) string {
	stemCache.RLock()
	st, ok := stemCache.m[tok]
	stemCache.RUnlock()
	if ok {
		return st
	}
	st = stemUncached(tok)
	stemCache.Lock()
	if len(stemCache.m) >= stemCacheMax || stemCache.m == nil {
		stemCache.m = make(map[string]string)
	}
	stemCache.m[tok] = st
	stemCache.Unlock()
	return st
}

func stemUncached(tok string) string {
	for _, suf := range [...]string{"cion", "sion", "xion"} {
		if strings.HasSuffix(tok, suf) {
			// Restore the accent that Spanish spelling guarantees, so that
			// Snowball's -ación/-ución rules fire (see Terms). Its output
			// has acute accents removed again.
			tok = tok[:len(tok)-2] + "ón"
			break
		}
	}
	st := spanish.Stem(tok, true)
	// Snowball only strips -s/-os/-as inside its RV region, which short
	// words lack: "años" stays "años" next to "año", "días" next to "día".
	// Dropping a final vowel + s from the stem joins them; it is applied to
	// every stem, so forms that already agreed still do ("mes", "meses" →
	// "me").
	if n := len(st); n >= 4 && st[n-1] == 's' && isVowel(st[n-2]) {
		st = st[:n-1]
	}
	return st
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Words splits text into folded words, stop words included: the text as
// typed, without case or accents (ñ kept).
func Words(text string) []string { return tokens(fold(text)) }
