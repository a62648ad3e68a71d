// Package summarize turns a story (one or more cleaned articles about one
// event) into a short summary.
//
// Two summarizers live here. Extractive (the default) needs no network: it
// splits the articles into sentences, ranks them with LexRank over stemmed,
// stop-word-free sentence vectors combined with a lead (position) prior and
// similarity to the headline, and picks sentences with MMR so that no two say
// the same thing. LLM asks an OpenAI-compatible chat-completions endpoint for
// one summary per story, within a per-digest budget, with a cache, retries,
// and a grounding check; every story it cannot serve falls back to Extractive.
//
// The package does not fetch, clean, dedupe or group articles, and it does not
// know about the digest pipeline: callers hand it Stories and get Summaries.
package summarize
