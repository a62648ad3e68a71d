// Package dedupetest generates synthetic news corpora for tests and
// benchmarks of duplicate detection and story grouping: events with their own
// rare names, several outlets writing about each event in their own words,
// and planted near-duplicates (the same text with small edits, another
// outlet's boilerplate and another headline) whose pairs are known.
//
// It is test support: nothing in it is used by the pipeline.
package dedupetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Article is one generated article.
type Article struct {
	URL       string
	Title     string
	Text      string
	Source    string
	Published time.Time
	Event     int // index of the event it reports
	CopyOf    int // index of the article it was copied from, -1 for an original
}

// Corpus is a generated set of articles.
type Corpus struct {
	Articles []Article
	// Pairs are the planted near-duplicates: {copy, original}.
	Pairs [][2]int
}

// Options shape a corpus. Zero values take defaults.
type Options struct {
	Seed       uint64
	DupShare   float64   // share of articles that are planted copies (default 0.2)
	PerEvent   int       // original articles per event (default 3)
	PerDay     int       // articles per day (default 200)
	Start      time.Time // first day (default 2025-01-01)
	Paragraphs int       // paragraphs per article (default 8)
}

// Generate returns a corpus of n articles. Each event has three rare names
// of its own and three entities shared with other events; its articles draw
// about one word in seven from those six, the rest from a Zipf vocabulary.
func Generate(n int, o Options) Corpus {
	if o.DupShare <= 0 || o.DupShare >= 1 {
		o.DupShare = 0.2
	}
	if o.PerEvent <= 0 {
		o.PerEvent = 3
	}
	if o.PerDay <= 0 {
		o.PerDay = 200
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.Paragraphs <= 0 {
		o.Paragraphs = 8
	}
	g := &gen{rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed)), opt: o}
	g.vocab = make([]string, 20000)
	for i := range g.vocab {
		g.vocab[i] = g.word(2 + g.rng.IntN(3))
	}
	g.zipf = rand.NewZipf(g.rng, 1.1, 2, uint64(len(g.vocab)-1))
	g.entities = make([]string, 40)
	for i := range g.entities {
		w := g.word(3)
		g.entities[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	g.boiler = make([]string, 64)
	for i := range g.boiler {
		g.boiler[i] = g.sentence(nil, 14) + " " + g.sentence(nil, 10)
	}
	var c Corpus
	nDup := int(float64(n) * o.DupShare)
	nOrig := n - nDup
	var ev eventSpec
	for i := range nOrig {
		if i%o.PerEvent == 0 {
			ev = g.event(i/o.PerEvent, i)
		}
		c.Articles = append(c.Articles, g.original(ev, len(c.Articles)))
	}
	for range nDup {
		src := g.rng.IntN(nOrig)
		c.Pairs = append(c.Pairs, [2]int{len(c.Articles), src})
		c.Articles = append(c.Articles, g.copyOf(c.Articles[src], src, len(c.Articles)))
	}
	// Shuffle so that copies are not all at the end; keep pairs in step.
	perm := g.rng.Perm(len(c.Articles))
	pos := make([]int, len(perm)) // old index -> new index
	arts := make([]Article, len(c.Articles))
	for newI, oldI := range perm {
		arts[newI] = c.Articles[oldI]
		pos[oldI] = newI
	}
	for i := range arts {
		if arts[i].CopyOf >= 0 {
			arts[i].CopyOf = pos[arts[i].CopyOf]
		}
	}
	for k, p := range c.Pairs {
		c.Pairs[k] = [2]int{pos[p[0]], pos[p[1]]}
	}
	c.Articles = arts
	return c
}

type gen struct {
	rng    *rand.Rand
	opt    Options
	vocab  []string
	zipf   *rand.Zipf
	boiler []string
	// entities recur across events (the same ministers, the same capitals).
	entities []string
}

type eventSpec struct {
	id    int
	names []string // rare words specific to the event
	day   time.Time
}

func (g *gen) word(syll int) string {
	const cons, vow = "bcdfghklmnprstvz", "aeiou"
	var b strings.Builder
	for range syll {
		b.WriteByte(cons[g.rng.IntN(len(cons))])
		b.WriteByte(vow[g.rng.IntN(len(vow))])
	}
	return b.String()
}

func (g *gen) event(id, firstArticle int) eventSpec {
	e := eventSpec{id: id, day: g.opt.Start.AddDate(0, 0, firstArticle/g.opt.PerDay)}
	for range 3 {
		w := g.word(3 + g.rng.IntN(2))
		e.names = append(e.names, strings.ToUpper(w[:1])+w[1:])
	}
	// Three shared entities: events overlap in who and where, not in what.
	for range 3 {
		e.names = append(e.names, g.entities[g.rng.IntN(len(g.entities))])
	}
	return e
}

// sentence draws n words, mostly common ones, some from names.
func (g *gen) sentence(names []string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		if len(names) > 0 && g.rng.IntN(7) == 0 {
			ws[i] = names[g.rng.IntN(len(names))]
		} else {
			ws[i] = g.vocab[g.zipf.Uint64()]
		}
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) original(e eventSpec, idx int) Article {
	src := g.rng.IntN(len(g.boiler))
	paras := make([]string, 0, g.opt.Paragraphs+1)
	for range g.opt.Paragraphs {
		paras = append(paras, g.sentence(e.names, 12+g.rng.IntN(10))+" "+g.sentence(e.names, 10+g.rng.IntN(10)))
	}
	paras = append(paras, g.boiler[src])
	return Article{
		URL:       fmt.Sprintf("https://outlet%d.example/%d", src, idx),
		Title:     g.title(e),
		Text:      strings.Join(paras, "\n\n"),
		Source:    fmt.Sprintf("outlet%d", src),
		Published: e.day.Add(time.Duration(g.rng.IntN(20*60)) * time.Minute),
		Event:     e.id,
		CopyOf:    -1,
	}
}

func (g *gen) title(e eventSpec) string {
	return e.names[g.rng.IntN(len(e.names))] + " " + strings.TrimSuffix(g.sentence(e.names, 6), ".")
}

// copyOf republishes a: about 3% of words replaced or dropped, the outlet's
// boilerplate swapped for another's, a new headline, a few hours later.
func (g *gen) copyOf(a Article, src, idx int) Article {
	paras := strings.Split(a.Text, "\n\n")
	paras = paras[:len(paras)-1] // drop the original outlet's boilerplate
	for i, p := range paras {
		ws := strings.Fields(p)
		out := ws[:0]
		for _, w := range ws {
			switch r := g.rng.IntN(100); {
			case r < 2:
				out = append(out, g.vocab[g.zipf.Uint64()])
			case r < 3:
				// dropped
			default:
				out = append(out, w)
			}
		}
		paras[i] = strings.Join(out, " ")
	}
	outlet := g.rng.IntN(len(g.boiler))
	paras = append(paras, g.boiler[outlet])
	names := []string{strings.Fields(a.Title)[0]}
	return Article{
		URL:       fmt.Sprintf("https://outlet%d.example/copy/%d", outlet, idx),
		Title:     g.title(eventSpec{names: names}),
		Text:      strings.Join(paras, "\n\n"),
		Source:    fmt.Sprintf("outlet%d", outlet),
		Published: a.Published.Add(time.Duration(1+g.rng.IntN(6)) * time.Hour),
		Event:     a.Event,
		CopyOf:    src,
	}
}
