// HTML to article: main-text extraction (boilerplate removal) plus metadata.
//
// ExtractHtml cuts the page at HtmlOptions::max_bytes, leaves out what no pass reads (scripts,
// styles, comments, unused attributes), repairs invalid UTF-8, drops tags nested beyond
// max_parse_depth, parses once with gumbo, then
//  - metadata (html_meta.cc): title (og:title, JSON-LD headline, <h1>, <title>), published
//    (article:published_time and aliases, JSON-LD NewsArticle datePublished, <time datetime>),
//    byline (JSON-LD author.name, meta author, rel=author), canonical URL (rel=canonical,
//    og:url, JSON-LD url);
//  - main text (html_content.cc): Readability-style scoring of blocks by text length, commas,
//    link density and class/id hints, the best subtree with its worthy siblings, cleaned of
//    link-heavy boxes and furniture paragraphs; outbound links (other hosts) inside it only.
// Every walk is iterative, so hostile nesting cannot overflow the stack.
// F1 0.977 on the article-extraction benchmark (tests/normalize/extraction_eval_test.cc).
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace headwater::normalize {

struct HtmlOptions {
  size_t max_bytes = size_t{32} << 20;  // larger pages are cut here before parsing
  int max_depth = 400;                  // deeper elements are skipped (hostile nesting)
  // Start tags nested deeper than this are removed before parsing (gumbo's scope checks are
  // quadratic in depth); elements with optional end tags (p, li, td) and void ones don't count.
  int max_parse_depth = 2000;
  // Strip what neither pass reads (scripts, styles, comments, unused attributes, white-space
  // runs) in one scan before gumbo parses: the same article, about 3x faster (html_reduce.cc).
  bool reduce_before_parse = true;
  // A paragraph inside the main text whose share of characters inside links is at least this
  // (0..1) is a teaser link, not text, and is dropped.
  double max_paragraph_link_density = 0.75;
  // The chosen main block is widened to an ancestor whose link-poor paragraph text is at least
  // this many times its own (> 1).
  double climb_gain = 1.2;
  // Siblings of the chosen block join it when their content score is at least this share (0..1)
  // of its score (Readability uses 0.2; 0.6 measured best on the extraction benchmark).
  double sibling_score_share = 0.6;
};

struct HtmlArticle {
  std::string title;
  std::string text;           // main text only, paragraphs separated by '\n'
  std::string canonical_url;  // absolute; "" when the page names none
  std::optional<UnixSeconds> published;
  std::string byline;
  std::vector<std::string> links;  // absolute, resolved against base_url
};

HtmlArticle ExtractHtml(std::string_view html, std::string_view base_url,
                        const HtmlOptions& o = {});

}  // namespace headwater::normalize
