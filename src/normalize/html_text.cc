// Cuts and sanitises the input, parses it once with gumbo, then runs the metadata pass
// (html_meta.cc) and the main-content pass (html_content.cc).
#include "normalize/html_text.h"

#include <gumbo.h>

#include "common/text.h"
#include "normalize/html_internal.h"

namespace headwater::normalize {

HtmlArticle ExtractHtml(std::string_view html, std::string_view base_url, const HtmlOptions& o) {
  HtmlArticle out;
  if (html.size() > o.max_bytes) html = html.substr(0, o.max_bytes);
  std::string clean = o.reduce_before_parse
                          ? internal::CapNesting(SanitizeUtf8(internal::ReduceHtml(html)),
                                                 o.max_parse_depth)
                          : internal::CapNesting(SanitizeUtf8(html), o.max_parse_depth);
  GumboOptions opts = kGumboDefaultOptions;
  opts.max_errors = 1000;
  GumboOutput* doc = gumbo_parse_with_options(&opts, clean.data(), clean.size());
  if (!doc) return out;
  internal::CollectMetadata(doc->root, base_url, o, &out);
  std::string base = out.canonical_url.empty() ? std::string(base_url) : out.canonical_url;
  internal::ExtractMainText(doc->root, base, o, &out);
  gumbo_destroy_output(&opts, doc);
  return out;
}

}  // namespace headwater::normalize
