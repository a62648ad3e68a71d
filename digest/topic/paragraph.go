package topic

// Tail detection limits. A tail item is a short paragraph: at most
// shortWords words and at most two sentences.
const (
	shortWords    = 60
	minTailRun    = 3    // fewer unrelated trailing items than this are left alone
	coreOverlap   = 2    // shared headline/lead stems that make a paragraph related
	priorOverlap  = 0.35 // share of stems seen before that, with one headline/lead stem, makes it related
	strongOverlap = 0.5  // share of stems seen before that alone makes it related
)

// OnTopic marks the paragraphs of an article that belong to its story. It is
// conservative: it only removes a trailing run of at least three short
// paragraphs (one or two sentences each) that share little vocabulary with
// the headline, the lead and the text before them, such as a ticker of
// unrelated one-line news items. Ordinary body paragraphs are kept even when
// they carry no profile term. The lead (first paragraph) is always kept.
func (m *Matcher) OnTopic(title string, paras []string) []bool {
	keep := make([]bool, len(paras))
	for i := range keep {
		keep[i] = true
	}
	if len(paras) < minTailRun+2 {
		return keep
	}
	st := NewStemmer()
	sets := make([]map[string]bool, len(paras))
	for i, p := range paras {
		sets[i] = contentStems(st, p)
	}
	core := contentStems(st, title)
	leadEnd := 1
	for k := range sets[0] {
		core[k] = true
	}
	if len(sets[0]) < 12 && len(paras) > 1 {
		for k := range sets[1] {
			core[k] = true
		}
		leadEnd = 2
	}
	// Forward pass: a paragraph is related when it shares enough stems with
	// the headline and lead, or with the related text before it. Unrelated
	// paragraphs do not feed the vocabulary, so a ticker cannot vouch for itself.
	prior := contentStems(st, title)
	for j := 0; j < leadEnd; j++ {
		for k := range sets[j] {
			prior[k] = true
		}
	}
	related := make([]bool, len(paras))
	lexical := make([]bool, len(paras))
	weak := func(i int) bool { return !lexical[i] && m.profileHits(st, paras[i]) <= 2 }
	for i := range paras {
		if i < leadEnd {
			related[i] = true
			continue
		}
		nc, np := 0, 0
		for k := range sets[i] {
			if core[k] {
				nc++
			}
			if prior[k] {
				np++
			}
		}
		share := float64(np) / float64(max(len(sets[i]), 1))
		lexical[i] = nc >= coreOverlap || (nc >= 1 && share >= priorOverlap) || share >= strongOverlap
		related[i] = lexical[i] || m.profileHits(st, paras[i]) > 0
		if related[i] || !isShort(paras[i]) {
			for k := range sets[i] {
				prior[k] = true
			}
		}
	}
	// Backward walk over the trailing short paragraphs. A paragraph that is
	// only weakly tied to the story (one profile term, no shared headline
	// words) between two unrelated ones is part of the run; anything related
	// ends it.
	cut, unrelated := len(paras), 0
	for i := len(paras) - 1; i >= leadEnd; i-- {
		if !isShort(paras[i]) {
			break
		}
		if related[i] {
			between := i+1 < len(paras) && !related[i+1] && i-1 >= leadEnd && !related[i-1] && isShort(paras[i-1])
			if !between || !weak(i) {
				break
			}
		} else {
			unrelated++
		}
		cut = i
	}
	if unrelated < minTailRun || 3*unrelated < 2*(len(paras)-cut) {
		return keep
	}
	for i := cut; i < len(paras); i++ {
		keep[i] = false
	}
	return keep
}

// contentStems is the set of stems of p that carry content: no stopwords, no
// tokens shorter than three characters.
func contentStems(st *Stemmer, p string) map[string]bool {
	out := make(map[string]bool)
	for _, t := range Tokens(p) {
		if len(t) < 3 || IsStopword(t) {
			continue
		}
		s := st.Stem(t)
		if IsStopword(s) {
			continue
		}
		out[s] = true
	}
	return out
}

// isShort reports whether p reads as a one-liner: few words, at most two sentences.
func isShort(p string) bool {
	words, sentences := 0, 0
	inWord := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		if !space && !inWord {
			words++
		}
		inWord = !space
		if (c == '.' || c == '!' || c == '?') && (i+1 == len(p) || p[i+1] == ' ' || p[i+1] == '\n') {
			sentences++
		}
	}
	return words <= shortWords && sentences <= 2
}

// profileHits counts the distinct profile terms found in p.
func (m *Matcher) profileHits(st *Stemmer, p string) int {
	z := newZone(st.Stems(p))
	n := 0
	for _, t := range m.terms {
		if len(z.find(t)) > 0 {
			n++
		}
	}
	return n
}
