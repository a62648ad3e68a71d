// Package summarize turns a story (one or more cleaned articles about one
// event) into a short summary.
//
// Two summarizers live here, both with the method
// SummarizeAll(ctx, []Story) ([]Summary, Usage, error).
//
// Extractive (the default) needs no network. It splits the articles into
// sentences (SplitSentences), drops what may not stand in a summary
// (boilerplate, error-page lines, datelines, questions to the reader,
// cut-off sentences), ranks the rest with LexRank over stemmed,
// stop-word-free TF-IDF sentence vectors combined with a lead (position)
// prior and similarity to the headline, and picks sentences with MMR so that
// no two say the same thing, within a sentence and a word limit. The chosen
// sentences are printed by article rank, then position.
//
// LLM asks an OpenAI-compatible chat-completions endpoint (OpenAI, Ollama,
// vLLM, llama.cpp server) for one summary per story, within a per-call
// ("per digest") request and token budget, with a cache, retries with
// backoff, bounded concurrency, a form check and a grounding check (every
// number and proper name must appear in the sources). Every story it cannot
// serve falls back to Extractive, and Summary.Fallback says why.
//
// Sources in Russian or Ukrainian are detected (Summary.Lang) and the summary
// says so: "[Russian] …", or "[Translated from Russian] …" when the LLM
// translates.
//
// The package does not fetch, clean, dedupe or group articles, and it does not
// know about the digest pipeline: callers hand it Stories and get Summaries.
// Its quality is measured by TestROUGE against the BBC News Summary corpus
// (DIGESTD_SHARED=/path/to/shared go test -run ROUGE -v ./summarize).
package summarize
