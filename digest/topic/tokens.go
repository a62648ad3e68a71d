package topic

import (
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Tokens splits text into lower-case word tokens: runs of letters and digits.
// A possessive "'s" (straight or curly apostrophe) is dropped, digits joined by
// "," or "." stay one token ("1,000" -> "1000"), and every other rune separates
// tokens, so "good-faith" gives "good" and "faith". It never fails: invalid
// UTF-8 separates tokens like punctuation does.
func Tokens(text string) []string {
	var out []string
	buf := make([]rune, 0, 32)
	flush := func() {
		if len(buf) > 0 {
			out = append(out, string(buf))
			buf = buf[:0]
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			flush()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = append(buf, unicode.ToLower(r))
		case (r == '\'' || r == '’') && len(buf) > 0:
			// Possessive: word's / word’s followed by a non-letter.
			rest := text[i+size:]
			if len(rest) > 0 && (rest[0] == 's' || rest[0] == 'S') {
				next, _ := utf8.DecodeRuneInString(rest[1:])
				if len(rest) == 1 || !(unicode.IsLetter(next) || unicode.IsDigit(next)) {
					flush()
					i += size + 1
					continue
				}
			}
			flush()
		case (r == ',' || r == '.') && len(buf) > 0 && unicode.IsDigit(buf[len(buf)-1]):
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			if !unicode.IsDigit(next) {
				flush()
			}
		default:
			flush()
		}
		i += size
	}
	flush()
	return out
}

// Stemmer stems English words with the Snowball algorithm and remembers what
// it has stemmed. It is not safe for concurrent use; make one per goroutine.
type Stemmer struct {
	cache map[string]string
}

// NewStemmer returns an empty Stemmer.
func NewStemmer() *Stemmer { return &Stemmer{cache: make(map[string]string, 1024)} }

// Stem returns the Snowball stem of a lower-case token. Tokens that are not
// plain ASCII letters (numbers, other scripts) are returned unchanged.
func (s *Stemmer) Stem(word string) string {
	if st, ok := s.cache[word]; ok {
		return st
	}
	st := word
	if isASCIIWord(word) {
		st = english.Stem(word, true)
	}
	if len(s.cache) < 1<<18 {
		s.cache[word] = st
	}
	return st
}

// Stems tokenises text and stems every token.
func (s *Stemmer) Stems(text string) []string {
	toks := Tokens(text)
	for i, t := range toks {
		toks[i] = s.Stem(t)
	}
	return toks
}

func isASCIIWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
