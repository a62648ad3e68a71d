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
	EachToken(text, func(tok []byte, _ bool) { out = append(out, string(tok)) })
	return out
}

// EachToken calls fn with every token of text, as Tokens splits it, without
// allocating: tok is only valid during the call. name reports whether the
// token began with an upper-case letter other than at the start of the text
// or of a sentence (after '.', '!', '?', ':' or a line break): a hint that
// it is part of a name.
func EachToken(text string, fn func(tok []byte, name bool)) {
	var arr [64]byte
	buf := arr[:0]
	upper, sentence, first := false, true, true
	flush := func() {
		if len(buf) > 0 {
			fn(buf, upper && !first)
			buf = buf[:0]
			sentence = false
		}
	}
	lastDigit := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				if len(buf) == 0 {
					upper, first = false, sentence
				}
				buf = append(buf, c)
				lastDigit = c <= '9'
			case 'A' <= c && c <= 'Z':
				if len(buf) == 0 {
					upper, first = true, sentence
				}
				buf = append(buf, c+'a'-'A')
				lastDigit = false
			case c == '\'' && len(buf) > 0:
				if possessive(text[i+1:]) {
					flush()
					i += 2
					continue
				}
				flush()
			case (c == ',' || c == '.') && len(buf) > 0 && lastDigit && i+1 < len(text) && '0' <= text[i+1] && text[i+1] <= '9':
				// Inside a number: 1,000 or 3.5.
			case c == '.' || c == '!' || c == '?' || c == ':' || c == '\n':
				flush()
				sentence = true
			default:
				flush()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			flush()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(buf) == 0 {
				upper, first = unicode.IsUpper(r), sentence
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			lastDigit = unicode.IsDigit(r)
		case r == '’' && len(buf) > 0:
			if possessive(text[i+size:]) {
				flush()
				i += size + 1
				continue
			}
			flush()
		default:
			flush()
		}
		i += size
	}
	flush()
}

// possessive reports whether rest (what follows an apostrophe) is "s" and
// then a non-word rune or the end.
func possessive(rest string) bool {
	if len(rest) == 0 || (rest[0] != 's' && rest[0] != 'S') {
		return false
	}
	next, _ := utf8.DecodeRuneInString(rest[1:])
	return len(rest) == 1 || !(unicode.IsLetter(next) || unicode.IsDigit(next))
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
	return s.miss(word)
}

// StemBytes is Stem for a token from EachToken; it allocates only for words
// it has not seen before.
func (s *Stemmer) StemBytes(word []byte) string {
	if st, ok := s.cache[string(word)]; ok {
		return st
	}
	return s.miss(string(word))
}

func (s *Stemmer) miss(word string) string {
	st := StemWord(word)
	if len(s.cache) < 1<<18 {
		s.cache[word] = st
	}
	return st
}

// StemWord is Stem without a cache, for callers that keep their own.
func StemWord(word string) string {
	if isASCIIWord(word) {
		return english.Stem(word, true)
	}
	return word
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
