// Internal to ExtractHtml (html_text.cc): the metadata pass (html_meta.cc) and the main-content
// pass (html_content.cc) over one gumbo tree. Not a public API.
// Thread-safety: pure functions.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

#include "normalize/html_text.h"

namespace headwater::normalize::internal {

const char* Attr(const GumboNode* n, const char* name);

// The text of n's subtree, whitespace collapsed (iterative; bounded by max_bytes).
std::string NodeText(const GumboNode* n, size_t max_bytes = 4096);

// Lenient date: RFC 3339, "2019-11-19 10:00:00", "+0000" offsets, bare dates.
std::optional<UnixSeconds> ParseLooseDate(std::string_view s);

// html rewritten for a cheaper parse with the same result (html_reduce.cc): no comments, no
// script/style/noscript/template/iframe/textarea/svg/math contents (JSON-LD scripts kept), only
// the attributes the passes read, white-space runs shortened to one character. *start_tags
// (when given) receives the number of start tags written: no element can nest deeper.
std::string ReduceHtml(std::string_view html, size_t* start_tags = nullptr);

// html with start tags nested deeper than cap (and as many end tags) removed; the text stays.
std::string CapNesting(std::string html, int cap);

// Fills title, published, byline, canonical_url (and meta_title/h1 fallbacks) from meta tags,
// JSON-LD, <time datetime>, rel=author/canonical, <h1> and <title>.
void CollectMetadata(const GumboNode* root, std::string_view base_url, const HtmlOptions& o,
                     HtmlArticle* out);

// Fills text (paragraphs separated by '\n') and links (absolute, inside the main text only).
void ExtractMainText(const GumboNode* root, std::string_view base_url, const HtmlOptions& o,
                     HtmlArticle* out);

}  // namespace headwater::normalize::internal
