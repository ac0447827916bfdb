// Walks the gumbo tree iteratively (an explicit stack, so 100,000-deep nesting cannot overflow
// the call stack) and emits one paragraph per block element.
#include "normalize/html_text.h"

#include <gumbo.h>

#include <cstring>
#include <utility>

#include "common/text.h"
#include "common/url.h"

namespace headwater::normalize {

namespace {

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_PRE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
      return true;
    default:
      return false;
  }
}

bool IsSkipped(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

bool BoilerplateClass(const GumboElement& e) {
  for (const char* attr : {"class", "id"}) {
    const char* v = Attr(e, attr);
    if (!v) continue;
    std::string f = Fold(v);
    for (const char* bad : {"menu", "comment", "share", "related", "footer", "sidebar", "cookie",
                            "newsletter", "promo", "advert", "social", "breadcrumb", "subscribe"})
      if (f.find(bad) != std::string::npos) return true;
  }
  return false;
}

void CollectHead(const GumboNode* root, HtmlArticle* out, std::string_view base) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_TITLE && out->title.empty() && e.children.length > 0) {
      const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
      if (t->type == GUMBO_NODE_TEXT) out->title = std::string(TrimSpace(t->v.text.text));
    } else if (e.tag == GUMBO_TAG_META) {
      const char* prop = Attr(e, "property");
      if (!prop) prop = Attr(e, "name");
      if (!prop) prop = Attr(e, "itemprop");
      const char* content = Attr(e, "content");
      if (prop && content) {
        std::string p = Fold(prop);
        if (p == "og:title") out->title = content;
        else if (p == "og:url" && out->canonical_url.empty()) out->canonical_url = content;
        else if ((p == "article:published_time" || p == "datepublished" || p == "pubdate" ||
                  p == "date") && !out->published)
          out->published = ParseRfc3339(content);
        else if ((p == "author" || p == "article:author") && out->byline.empty() &&
                 std::strstr(content, "://") == nullptr)
          out->byline = content;
      }
    } else if (e.tag == GUMBO_TAG_LINK) {
      const char* rel = Attr(e, "rel");
      const char* href = Attr(e, "href");
      if (rel && href && Fold(rel) == "canonical") {
        if (auto abs = ResolveUrl(base, href)) out->canonical_url = *abs;
      }
    }
    for (unsigned i = 0; i < e.children.length; ++i)
      stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
  }
}

}  // namespace

HtmlArticle ExtractHtml(std::string_view html, std::string_view base_url, const HtmlOptions& o) {
  HtmlArticle out;
  if (html.size() > o.max_bytes) html = html.substr(0, o.max_bytes);
  std::string clean = SanitizeUtf8(html);
  GumboOptions opts = kGumboDefaultOptions;
  opts.max_errors = 1000;
  GumboOutput* doc = gumbo_parse_with_options(&opts, clean.data(), clean.size());
  if (!doc) return out;
  CollectHead(doc->root, &out, base_url);
  std::string base = out.canonical_url.empty() ? std::string(base_url) : out.canonical_url;

  std::string text;
  std::string para;
  auto flush = [&]() {
    std::string p = CollapseSpace(para, false);
    std::string_view t = TrimSpace(p);
    if (!t.empty()) {
      if (!text.empty()) text.push_back('\n');
      text.append(t);
    }
    para.clear();
  };
  // Explicit stack of (node, depth, closing-marker) so block ends flush paragraphs.
  struct Item {
    const GumboNode* node;
    int depth;
    bool close;
  };
  std::vector<Item> stack{{doc->root, 0, false}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    if (it.close) {
      flush();
      continue;
    }
    const GumboNode* n = it.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      para += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT || it.depth > o.max_depth) continue;
    const GumboElement& e = n->v.element;
    if (IsSkipped(e.tag) || BoilerplateClass(e)) continue;
    if (e.tag == GUMBO_TAG_A) {
      if (const char* href = Attr(e, "href")) {
        if (auto abs = ResolveUrl(base, href)) {
          if (HostOf(*abs) != HostOf(base) || HostOf(base).empty()) out.links.push_back(*abs);
        }
      }
    }
    bool block = IsBlock(e.tag);
    if (block) {
      flush();
      stack.push_back({n, it.depth, true});
    }
    for (unsigned i = e.children.length; i-- > 0;)
      stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), it.depth + 1, false});
  }
  flush();
  gumbo_destroy_output(&opts, doc);
  out.text = std::move(text);
  return out;
}

}  // namespace headwater::normalize
