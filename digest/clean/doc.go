// Package clean turns raw article text into the paragraphs a human editor would keep.
//
// It parses scraped text files and markdown (ParseText): an optional first line
// " date YYYY-MM-DD STATUS", a header with navigation, section labels, error banners
// and dated lines, the headline, then the body. Its generic paragraph cleaner (Body)
// works on paragraphs from any source (scraped files, extracted HTML, feed items) and
// drops, each with a Reason:
//
//   - error banners ("the page you were looking for doesn't exist", "Sorry!!");
//   - navigation, section labels, template tokens ("spot_img"), "Load more";
//   - share, comment, newsletter, social and app-download prompts;
//   - bylines and date labels standing alone;
//   - blocks introduced by a "related", "latest", "popular", "most read" heading,
//     previous/next article links, "about us" and disclaimer blocks, copyright footers;
//   - paragraphs that repeat (the first copy is kept) or repeat the headline;
//   - a trailing ticker: after the article's end, a run of short self-contained items
//     that share little with the headline and lead, found by structure, not by topic.
//
// Rules are generic patterns (with cheap multi-language variants); none names a site.
// The package does no I/O and keeps no state: every function is a pure function of its
// input. It does not fetch pages, parse HTML (see package extract), or judge relevance.
package clean
