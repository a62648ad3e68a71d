package summarize

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// Language codes reported in Summary.Lang.
const (
	LangEnglish   = ""
	LangRussian   = "ru"
	LangUkrainian = "uk"
)

// langName names a language code for readers.
func langName(code string) string {
	switch code {
	case LangRussian:
		return "Russian"
	case LangUkrainian:
		return "Ukrainian"
	}
	return "English"
}

// detectLang returns LangRussian or LangUkrainian when most letters of the
// sample are Cyrillic, LangEnglish otherwise. Ukrainian is told from Russian
// by the letters only one of them uses (і ї є ґ against ы э ё ъ).
func detectLang(sample string) string {
	var letters, cyr, uk, ru int
	for _, r := range sample {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if !unicode.Is(unicode.Cyrillic, r) {
			continue
		}
		cyr++
		switch unicode.ToLower(r) {
		case 'і', 'ї', 'є', 'ґ':
			uk++
		case 'ы', 'э', 'ё', 'ъ':
			ru++
		}
	}
	if letters == 0 || cyr*2 < letters {
		return LangEnglish
	}
	if uk > ru {
		return LangUkrainian
	}
	return LangRussian
}

// vocab maps words to term ids for one summarisation, stemming each distinct
// surface form once.
type vocab struct {
	lang  string
	cache *stemCache
	ids   map[string]int32 // lower-cased surface form -> term id (-1: stop word)
	stems map[string]int32 // stem -> term id
	buf   []byte
	n     int32
}

func newVocab(lang string, cache *stemCache) *vocab {
	return &vocab{lang: lang, cache: cache, ids: make(map[string]int32, 256), stems: make(map[string]int32, 256)}
}

// terms appends the term ids of the content words of s to dst.
func (v *vocab) terms(s string, dst []int32) []int32 {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		v.buf = v.buf[:0]
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				// keep apostrophes inside words: "Ukraine's" -> "ukraine's"
				if (r == '\'' || r == '’') && i+size < len(s) {
					if n, _ := utf8.DecodeRuneInString(s[i+size:]); unicode.IsLetter(n) {
						v.buf = append(v.buf, '\'')
						i += size
						continue
					}
				}
				break
			}
			v.buf = utf8.AppendRune(v.buf, unicode.ToLower(r))
			i += size
		}
		if id := v.id(); id >= 0 {
			dst = append(dst, id)
		}
	}
	return dst
}

// id returns the term id of the word in v.buf, or -1 for a stop word.
func (v *vocab) id() int32 {
	if id, ok := v.ids[string(v.buf)]; ok {
		return id
	}
	w := string(v.buf)
	id := int32(-1)
	if !v.isStop(w) {
		st := v.stem(w)
		var ok bool
		if id, ok = v.stems[st]; !ok {
			id = v.n
			v.n++
			v.stems[st] = id
		}
	}
	v.ids[w] = id
	return id
}

func (v *vocab) isStop(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return true
	}
	switch v.lang {
	case LangRussian:
		return russian.IsStopWord(w)
	case LangUkrainian:
		return isUkrainianStop(w)
	}
	return english.IsStopWord(w) || isExtraEnglishStop(w)
}

func (v *vocab) stem(w string) string {
	if v.cache == nil {
		return stemWord(v.lang, w)
	}
	return v.cache.stem(v.lang, w)
}

// stemWord stems one lower-cased word of lang.
func stemWord(lang, w string) string {
	switch lang {
	case LangRussian:
		return russian.Stem(w, true)
	case LangUkrainian:
		// No Ukrainian snowball stemmer: a fixed-length prefix is the usual
		// light stemmer for highly inflected languages.
		if r := []rune(w); len(r) > 6 {
			return string(r[:6])
		}
		return w
	}
	if len(w) > 2 && w[len(w)-2] == '\'' && w[len(w)-1] == 's' {
		w = w[:len(w)-2] // possessive
	}
	return english.Stem(w, true)
}

// isExtraEnglishStop lists reporting verbs and fillers that carry no topic.
func isExtraEnglishStop(w string) bool {
	switch w {
	case "said", "says", "say", "told", "also", "would", "could", "may",
		"might", "must", "shall", "one", "mr", "mrs", "ms", "new", "year",
		"years", "like", "get", "got", "make", "made", "many", "much", "well",
		"even", "us", "per", "since", "yet", "however", "according", "last",
		"week", "it's", "he's", "she's", "that's", "don't", "we're", "they're":
		return true
	}
	return false
}

func isUkrainianStop(w string) bool {
	switch w {
	case "і", "й", "та", "в", "у", "на", "з", "із", "зі", "до", "що", "це",
		"як", "не", "за", "по", "від", "для", "про", "але", "або", "ще",
		"вже", "його", "її", "їх", "він", "вона", "вони", "ми", "ви", "я",
		"бути", "був", "була", "було", "були", "буде", "є", "під", "над",
		"при", "так", "також", "який", "яка", "яке", "які", "цей", "ця",
		"ці", "той", "те", "ті", "щодо", "після", "через", "між", "заявив",
		"заявила", "сказав", "сказала", "зокрема", "тому", "коли", "якщо":
		return true
	}
	return false
}

// wordCount counts the space-separated words of s.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// stemCache remembers stems across summaries: news reuses its vocabulary,
// and stemming is the costliest step. It stops growing at max entries.
// It is safe for concurrent use.
type stemCache struct {
	mu  sync.RWMutex
	m   map[string]string // lang + "\x00" + word -> stem
	max int
}

func newStemCache(max int) *stemCache {
	return &stemCache{m: make(map[string]string, 1024), max: max}
}

func (c *stemCache) stem(lang, w string) string {
	key := lang + "\x00" + w
	c.mu.RLock()
	st, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return st
	}
	st = stemWord(lang, w)
	c.mu.Lock()
	if len(c.m) < c.max {
		c.m[key] = st
	}
	c.mu.Unlock()
	return st
}
