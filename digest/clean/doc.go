// Package clean turns raw article text into the paragraphs a human editor would keep.
//
// ParseText parses a scraped text file or a markdown document: an optional first
// line " date YYYY-MM-DD STATUS", a header (navigation, section labels, error
// banners, a dated line such as "Monday, June 2, 2025" in several languages), the
// headline (a markdown "# " heading, else the first line that reads as one: 3 to 30
// words, not a label, banner, date or prompt, and not a sentence of the body), then
// the body. The search for the headline ends at the first paragraph of body prose
// (a long line or several sentences, sharing words with what follows): an article
// that starts without a headline gets Title "" and keeps every paragraph. A short
// name label (capitalised words and connectors: a site or organisation) directly
// above a longer sentence-case line that shares words with the lead gives way to
// it (see headline.go). Each line of a scraped file is a paragraph; hard-wrapped
// prose and markdown syntax are undone.
//
// Body is the generic cleaner, for paragraphs from any source (scraped files,
// extracted HTML, feed items). Every removal is reported in Dropped with its Reason
// (the Reason* constants). Context-free rules, for lines of at most 40 words:
//
//   - error banners and bot walls ("the page you were looking for doesn't exist",
//     "Sorry!!", "Error 403: Access denied", "404 Not Found", "Seite nicht gefunden":
//     a short line made only of the words of HTTP error messages, see banner.go),
//     template tokens ("spot_img", "{{x}}"), lines without letters or digits,
//     video-player text and numbered gallery slides ("1/50 …");
//   - navigation ("Load more", "Back to top", "Tags: …", "Continue reading …");
//   - share, comment, reply-form, social, newsletter and app-download prompts;
//   - bylines and date labels standing alone, dated lines, copyright footers
//     ("© 2025 … All Rights Reserved"), feed footers ("The post … appeared first on …"),
//     inline links to other articles ("Read more: …").
//
// Rules that use context:
//
//   - blocks: a "related/latest/popular/most read/see also" or comments heading drops
//     what follows until the article visibly resumes (a paragraph of prose that shares
//     at least 30% of its vocabulary with the headline and lead); a "Disclaimer" or
//     "About us" heading takes the paragraph after it; "Previous/Next article" takes the
//     linked headline after it;
//   - readers' comment threads: once two or more reply markers ("Reply", "Jane
//     says:") follow the article, everything from the first comment's author line;
//   - repeats: copies of the headline; a duplicated block (two or more different
//     paragraphs reappearing in the same order: the first copy is kept); any repeated
//     paragraph of at most 15 words;
//   - a trailing ticker, by structure: read backwards from the end, a run of at least
//     5 short (at most 70 words, 3 sentences), self-contained items (not opening with
//     a pronoun, connective, quotation or number; in the third person) that share
//     little with the headline and lead (12% of their vocabulary on average; single
//     items up to 34%: a ticker item may mention the same country) and with each
//     other; its start is the split that best separates items that continue the
//     article (sharing vocabulary or a name with what precedes them) from those that
//     do not (see ticker.go for the thresholds and measured figures);
//   - edges: before the first and after the last paragraph of prose, heading-like
//     labels that share no word with the rest of the article (a promo line, an agency
//     credit, a category) and truncated teasers ("…"); subheads inside the body are kept.
//
// Words are compared by a language-neutral stem (the first 6 letters; character
// pairs for Chinese, Japanese and Korean). Phrase lists cover English and, where
// cheap, Russian, Ukrainian, German, French and Spanish. No rule names a site.
//
// The package does no I/O and keeps no state: every function is a pure function of
// its input. It does not fetch pages, parse HTML (see package extract), or judge
// relevance.
package clean
