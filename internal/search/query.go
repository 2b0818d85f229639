package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxWords bounds the words of a query that are used: suggestions come from
// a ticket title, and a pasted essay must not turn into a huge IN list.
const maxWords = 16

// minPrefix is the shortest partial word that is matched as a prefix;
// shorter ones would match an unbounded share of the vocabulary.
const minPrefix = 3

// minStopPrefix is the shortest stop word that is still matched as a
// prefix when it is the partial last word; 3-letter ones ("que", "los",
// "una") would only add noise.
const minStopPrefix = 4

// qword is one analyzed query word.
type qword struct {
	folded string // the token as typed, folded (see fold)
	exact  string // its index term
	runes  int    // rune length of folded
	// prefix is set only for the partial last word: terms starting with it
	// match too. It is the common prefix of exact and folded, so that both
	// "factu" (stem "factu") and "facturas" (stem "factur") find "factur".
	prefix string
	// cands are proper prefixes of folded tried as whole terms when no term
	// starts with prefix: the stem of the word being typed is often shorter
	// than what has been typed ("electroni" → "electron").
	cands []string
	// tildes are the exact term with n turned into ñ, for keyboards and
	// users that type no ñ: "contrasena" → "contraseñ", "ano" → "año".
	tildes []string
	// syns are the terms of words meaning the same (see synonymGroups).
	syns []string
}

// parseQuery analyzes a query into words, dropping stop words and
// duplicates. The last word is partial when the query ends in a letter or
// digit, i.e. the user is still typing it.
func parseQuery(q string) []qword {
	f := fold(q)
	toks := tokens(f)
	last, _ := utf8.DecodeLastRuneInString(f)
	partial := unicode.IsLetter(last) || unicode.IsDigit(last)
	var words []qword
	for i, tok := range toks {
		w := qword{folded: tok, runes: utf8.RuneCountInString(tok)}
		typing := partial && i == len(toks)-1
		t, ok := term(tok)
		switch {
		case ok:
			w.exact = t
		case typing && w.runes >= minStopPrefix:
			// A stop word being typed may be the start of a real word:
			// "contra" on the way to "contraseña", "esta" to "estado".
			// Stop words are not indexed, so only completions match.
			w.exact = tok
		default:
			// Otherwise stop words are dropped, so "de la que" finds
			// nothing rather than every "quej..." and "quer...".
			continue
		}
		if typing && w.runes >= minPrefix {
			w.prefix = commonPrefix(t, tok)
			if utf8.RuneCountInString(w.prefix) < minPrefix {
				w.prefix = tok
			}
			w.cands = shorterPrefixes(tok, utf8.RuneCountInString(w.prefix))
		}
		if ok {
			w.tildes = tildeVariants(w.exact)
			w.syns = synonyms[w.exact]
		}
		if !hasWord(words, w) {
			words = append(words, w)
		}
		if len(words) == maxWords {
			break
		}
	}
	return words
}

func hasWord(words []qword, w qword) bool {
	for _, o := range words {
		if o.exact == w.exact && o.prefix == w.prefix {
			return true
		}
	}
	return false
}

// commonPrefix is the longest common prefix of a and b, in whole runes.
func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) {
		ra, n := utf8.DecodeRuneInString(a[i:])
		rb, _ := utf8.DecodeRuneInString(b[i:])
		if ra != rb {
			break
		}
		i += n
	}
	return a[:i]
}

// shorterPrefixes returns the prefixes of s, longest first, that are
// shorter than upTo runes and could be the stem of a word starting with s:
// at least minPrefix runes, and followed in s by the start of a suffix that
// Snowball strips ("electron" + "i" of -ica, "factur" + "acio" of -ación).
// The suffix check keeps "contrasena" from settling for "contr".
func shorterPrefixes(s string, upTo int) []string {
	var ends []int // byte offsets of rune ends
	for i := range s {
		if i > 0 {
			ends = append(ends, i)
		}
	}
	n := len(ends) + 1
	var out []string
	for k := min(upTo, n) - 1; k >= minPrefix; k-- {
		if startsSuffix(s[ends[k-1]:]) {
			out = append(out, s[:ends[k-1]])
		}
	}
	return out
}

// stemSuffixes are the endings Snowball's Spanish stemmer removes (steps 0
// to 3), folded, with the plural where the singular is listed.
var stemSuffixes = strings.Fields(`me se sela selo selas selos la le lo las les los nos
anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas
amiento amientos imiento imientos adora ador acion adoras adores aciones ante antes
ancia ancias logia logias ucion uciones encia encias amente mente idad idades iva ivo ivas ivos
ya ye yan yen yeron yendo yo yas yes yais yamos
arian arias aran aras ariais aria areis ariamos aremos ara are erian erias eran eras
eriais eria ereis eriamos eremos era ere irian irias iran iras iriais iria ireis iriamos
iremos ira ire aba ada ida ia ara iera ad ed id ase iese aste iste an aban ian aran ieran
asen iesen aron ieron ado ido ando iendo io ar er ir as abas adas idas ias aras ieras ases
ieses is ais abais iais arais ierais aseis ieseis asteis isteis ados idos amos abamos
iamos imos aramos ieramos iesemos asemos en es eis emos os a o e i`)

// startsSuffix reports whether rest is the beginning of a stem suffix,
// possibly followed by a final -s or -es (plural).
func startsSuffix(rest string) bool {
	for _, suf := range stemSuffixes {
		if strings.HasPrefix(suf, rest) || strings.HasPrefix(suf+"s", rest) || strings.HasPrefix(suf+"es", rest) {
			return true
		}
	}
	return false
}

// tildeVariants returns t with each combination of its n's turned into ñ
// (at most 3 n's are varied: 7 variants), or nil when t has no n.
func tildeVariants(t string) []string {
	var at []int
	for i, r := range t {
		if r == 'n' && len(at) < 3 {
			at = append(at, i)
		}
	}
	var out []string
	for mask := 1; mask < 1<<len(at); mask++ {
		var b strings.Builder
		prev := 0
		for j, i := range at {
			if mask&(1<<j) != 0 {
				b.WriteString(t[prev:i])
				b.WriteString("ñ")
				prev = i + 1
			}
		}
		b.WriteString(t[prev:])
		out = append(out, b.String())
	}
	return out
}
