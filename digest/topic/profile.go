// Package topic scores how relevant an article is to a weighted profile of
// terms and phrases, and marks which paragraphs of an on-topic article belong
// to its story. Matching is case-insensitive, on word boundaries and on
// Snowball stems, so "negotiation", "negotiations" and "negotiating" match one
// term; a phrase matches as a sequence of stems.
//
// It does not fetch, clean or summarise text, and it does not know about the
// digest pipeline: callers pass a title and a text and get a Result back.
package topic

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Profile is a weighted description of a topic.
type Profile struct {
	// Terms maps a term or phrase to its weight ("ukraine": 3, "prisoner exchange": 3).
	Terms map[string]float64
	// Must lists groups of terms; at least one term of every group must match
	// (in the title, in the lead, or twice in the body) for an article to be relevant.
	Must [][]string
	// Exclude lists terms whose presence anywhere makes an article irrelevant.
	Exclude []string
	// Threshold is the lowest relevant Score, in 0..1.
	Threshold float64
	// TitleWeight multiplies the weight of a term found in the title (0 means 1).
	TitleWeight float64
}

// DefaultProfile is the built-in profile for Ukraine-related diplomacy: it
// keeps talks, calls, envoys, sanctions and prisoner exchanges that concern
// Russia and Ukraine, and drops war reports without a diplomatic angle and
// news that merely mentions one of the capitals.
func DefaultProfile() Profile {
	entities := map[string]float64{
		"ukraine": 3, "ukrainian": 3, "kyiv": 3, "kiev": 3, "zelensky": 3, "zelenskyy": 3,
		"putin": 2, "kremlin": 2, "lavrov": 2, "moscow": 1, "russia": 1.5, "russian": 1,
		"rubio": 1.5, "witkoff": 1.5, "kellogg": 1.5, "peskov": 1.5, "ushakov": 1.5,
		"medinsky": 2, "umerov": 2, "yermak": 2, "sybiha": 2, "dmitriev": 1,
		"donbas": 2, "crimea": 2, "istanbul talks": 3,
	}
	diplomacy := map[string]float64{
		"ceasefire": 3, "cease fire": 3, "truce": 3, "peace deal": 3, "peace plan": 3,
		"peace talks": 3, "prisoner exchange": 3, "prisoner swap": 3, "security guarantees": 3,
		"negotiations": 2.5, "talks": 2, "envoy": 2, "summit": 2, "sanctions": 2,
		"foreign minister": 2, "diplomacy": 2, "diplomatic": 2, "mediation": 2,
		"memorandum": 2, "delegation": 2, "phone call": 2, "dialogue": 1.5,
		"peace": 1.5, "agreement": 1.5, "secretary of state": 1.5, "state department": 1.5,
		"security council": 1.5, "call": 1, "nato": 1,
		"peace process": 3, "treaty": 2, "accord": 2, "ambassador": 1.5,
	}
	terms := make(map[string]float64, len(entities)+len(diplomacy))
	for t, w := range entities {
		terms[t] = w
	}
	for t, w := range diplomacy {
		terms[t] = w
	}
	return Profile{
		Terms: terms,
		Must: [][]string{
			{"ukraine", "ukrainian", "kyiv", "kiev", "zelensky", "zelenskyy", "putin", "kremlin",
				"lavrov", "moscow", "russia", "russian", "donbas", "crimea", "istanbul talks",
				"peskov", "medinsky", "umerov", "yermak", "sybiha"},
			{"ceasefire", "cease fire", "truce", "negotiations", "talks", "envoy", "summit",
				"sanctions", "prisoner exchange", "prisoner swap", "security guarantees",
				"peace deal", "peace plan", "peace talks", "foreign minister", "diplomacy",
				"diplomatic", "mediation", "memorandum", "delegation", "phone call", "dialogue",
				"peace process", "treaty", "accord", "ambassador"},
		},
		Threshold:   0.35,
		TitleWeight: 2,
	}
}

// ErrEmptyProfile is returned by New for a profile without terms.
var ErrEmptyProfile = errors.New("topic: profile has no terms")

// term is one compiled profile term: its stem sequence and weight.
type term struct {
	name   string
	stems  []string
	weight float64
}

// Matcher scores articles against a compiled Profile. It is safe for
// concurrent use.
type Matcher struct {
	p           Profile
	terms       []term   // weighted terms, sorted by name
	must        [][]term // weight 1 each
	exclude     []term
	titleWeight float64
}

// New validates p and compiles it. Errors name the bad term.
func New(p Profile) (*Matcher, error) {
	if len(p.Terms) == 0 {
		return nil, ErrEmptyProfile
	}
	if p.Threshold < 0 || p.Threshold > 1 || p.Threshold != p.Threshold {
		return nil, fmt.Errorf("topic: threshold %v is outside 0..1", p.Threshold)
	}
	if p.TitleWeight < 0 {
		return nil, fmt.Errorf("topic: title weight %v is negative", p.TitleWeight)
	}
	st := NewStemmer()
	m := &Matcher{p: p, titleWeight: max(p.TitleWeight, 1)}
	for _, name := range sortedKeys(p.Terms) {
		w := p.Terms[name]
		if !(w > 0) {
			return nil, fmt.Errorf("topic: term %q has weight %v, want > 0", name, w)
		}
		t, err := compile(st, name, w)
		if err != nil {
			return nil, err
		}
		m.terms = append(m.terms, t)
	}
	for gi, g := range p.Must {
		if len(g) == 0 {
			return nil, fmt.Errorf("topic: must group %d is empty", gi+1)
		}
		var group []term
		for _, name := range g {
			t, err := compile(st, name, 1)
			if err != nil {
				return nil, fmt.Errorf("must group %d: %w", gi+1, err)
			}
			group = append(group, t)
		}
		m.must = append(m.must, group)
	}
	for _, name := range p.Exclude {
		t, err := compile(st, name, 1)
		if err != nil {
			return nil, fmt.Errorf("exclude: %w", err)
		}
		m.exclude = append(m.exclude, t)
	}
	return m, nil
}

// Profile returns the profile m was built from.
func (m *Matcher) Profile() Profile { return m.p }

func compile(st *Stemmer, name string, w float64) (term, error) {
	stems := st.Stems(name)
	if len(stems) == 0 {
		return term{}, fmt.Errorf("topic: term %q has no words", name)
	}
	return term{name: strings.TrimSpace(name), stems: stems, weight: w}, nil
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
