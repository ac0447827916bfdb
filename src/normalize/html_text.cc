// Cuts and sanitises the input, parses it once with gumbo, then runs the metadata pass
// (html_meta.cc) and the main-content pass (html_content.cc).
#include "normalize/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "common/text.h"
#include "normalize/html_internal.h"

namespace headwater::normalize {
namespace {

// Gumbo allocates every node, attribute and string buffer separately and frees them one by one;
// for an ordinary page a bump arena released at once is cheaper (about a tenth of the parse
// time went to malloc/free). Pages above kArenaMaxInput keep malloc, so a hostile page cannot
// make the arena (which never reuses memory within a page) grow without bound.
class Arena {
 public:
  static constexpr size_t kBlock = size_t{1} << 20;
  static constexpr size_t kArenaMaxInput = size_t{4} << 20;

  static void* Allocate(void* self, size_t n) { return static_cast<Arena*>(self)->Take(n); }
  static void Release(void*, void*) {}

 private:
  void* Take(size_t n) {
    n = (n + 15) & ~size_t{15};
    if (n > kBlock / 4) return big_.emplace_back(std::make_unique<char[]>(n)).get();
    if (blocks_.empty() || used_ + n > kBlock) {
      blocks_.push_back(std::make_unique<char[]>(kBlock));
      used_ = 0;
    }
    void* p = blocks_.back().get() + used_;
    used_ += n;
    return p;
  }
  std::vector<std::unique_ptr<char[]>> blocks_, big_;
  size_t used_ = 0;
};

}  // namespace

HtmlArticle ExtractHtml(std::string_view html, std::string_view base_url, const HtmlOptions& o) {
  HtmlArticle out;
  if (html.size() > o.max_bytes) html = html.substr(0, o.max_bytes);
  std::string clean;
  if (o.reduce_before_parse) {
    size_t start_tags = 0;
    clean = SanitizeUtf8(internal::ReduceHtml(html, &start_tags));
    // Fewer start tags than the cap: nothing can be nested beyond it.
    if (start_tags >= static_cast<size_t>(std::max(o.max_parse_depth, 0)))
      clean = internal::CapNesting(std::move(clean), o.max_parse_depth);
  } else {
    clean = internal::CapNesting(SanitizeUtf8(html), o.max_parse_depth);
  }
  GumboOptions opts = kGumboDefaultOptions;
  opts.max_errors = 1000;
  Arena arena;  // outlives doc: released after gumbo_destroy_output
  if (clean.size() <= Arena::kArenaMaxInput) {
    opts.allocator = &Arena::Allocate;
    opts.deallocator = &Arena::Release;
    opts.userdata = &arena;
  }
  GumboOutput* doc = gumbo_parse_with_options(&opts, clean.data(), clean.size());
  if (!doc) return out;
  internal::CollectMetadata(doc->root, base_url, o, &out);
  std::string base = out.canonical_url.empty() ? std::string(base_url) : out.canonical_url;
  internal::ExtractMainText(doc->root, base, o, &out);
  gumbo_destroy_output(&opts, doc);
  return out;
}

}  // namespace headwater::normalize
