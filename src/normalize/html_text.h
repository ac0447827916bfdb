// A first HTML-to-article step: parses with gumbo, keeps the text of block elements inside the
// body (dropping script, style, nav, header, footer, aside, form, and elements whose class/id
// says menu/comment/share/related), and collects title, canonical URL, published time and
// byline from meta tags, and links found inside paragraphs.
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
  // A paragraph inside the main text whose share of characters inside links is at least this
  // (0..1) is a teaser link, not text, and is dropped.
  double max_paragraph_link_density = 0.9;
  // The chosen main block is widened to an ancestor whose link-poor paragraph text is at least
  // this many times its own (> 1).
  double climb_gain = 1.2;
};

struct HtmlArticle {
  std::string title;
  std::string text;  // paragraphs separated by '\n'
  std::string canonical_url;
  std::optional<UnixSeconds> published;
  std::string byline;
  std::vector<std::string> links;  // absolute, resolved against base_url
};

HtmlArticle ExtractHtml(std::string_view html, std::string_view base_url, const HtmlOptions& o = {});

}  // namespace headwater::normalize
