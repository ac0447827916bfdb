// Metadata of an article page. Sources, most trusted first:
//  title:     og:title, JSON-LD headline, the first <h1>, <title>;
//  published: article:published_time (and its aliases), JSON-LD datePublished, <time datetime>;
//  byline:    JSON-LD author.name, meta author, rel=author link text;
//  canonical: rel=canonical, og:url, JSON-LD url.
// JSON-LD blocks are parsed with nlohmann::json after a nesting-depth check (the parser
// recurses), and only objects typed as articles are read.
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/text.h"
#include "common/url.h"
#include "normalize/html_internal.h"

namespace headwater::normalize::internal {

namespace {

using json = nlohmann::json;

struct Found {
  std::string og_title, ld_title, h1, title_tag;
  std::optional<UnixSeconds> meta_date, ld_date, time_date;
  std::string ld_author, meta_author, rel_author;
  std::string canonical, og_url, ld_url;
};

bool IsArticleType(const json& t) {
  auto one = [](const json& s) {
    if (!s.is_string()) return false;
    std::string v = s.get<std::string>();
    return v.find("Article") != std::string::npos || v == "BlogPosting" || v == "Report" ||
           v == "WebPage" || v == "LiveBlogPosting";
  };
  if (t.is_array()) {
    for (const json& s : t)
      if (one(s)) return true;
    return false;
  }
  return one(t);
}

std::string AuthorName(const json& a) {
  if (a.is_string()) return a.get<std::string>();
  if (a.is_object() && a.contains("name") && a["name"].is_string())
    return a["name"].get<std::string>();
  if (a.is_array()) {
    std::string out;
    for (const json& x : a) {
      std::string n = AuthorName(x);
      if (n.empty()) continue;
      if (!out.empty()) out += ", ";
      out += n;
    }
    return out;
  }
  return "";
}

void ReadJsonLd(const json& j, Found* f, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const json& x : j) ReadJsonLd(x, f, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) ReadJsonLd(j["@graph"], f, depth + 1);
  if (!j.contains("@type") || !IsArticleType(j["@type"])) return;
  bool page = j["@type"].is_string() && j["@type"].get<std::string>() == "WebPage";
  if (!page && f->ld_title.empty() && j.contains("headline") && j["headline"].is_string())
    f->ld_title = j["headline"].get<std::string>();
  if (!f->ld_date && j.contains("datePublished") && j["datePublished"].is_string())
    f->ld_date = ParseLooseDate(j["datePublished"].get<std::string>());
  if (!page && f->ld_author.empty() && j.contains("author")) f->ld_author = AuthorName(j["author"]);
  if (!page && f->ld_url.empty() && j.contains("url") && j["url"].is_string())
    f->ld_url = j["url"].get<std::string>();
}

// Max nesting of brackets outside strings; nlohmann's parser recurses once per level.
int JsonDepth(std::string_view s) {
  int d = 0, max = 0;
  bool in_str = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_str) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_str = false;
    } else if (c == '"') {
      in_str = true;
    } else if (c == '{' || c == '[') {
      max = std::max(max, ++d);
    } else if (c == '}' || c == ']') {
      --d;
    }
  }
  return max;
}

}  // namespace

const char* Attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string NodeText(const GumboNode* n, size_t max_bytes) {
  std::string raw;
  std::vector<const GumboNode*> stack{n};
  while (!stack.empty() && raw.size() < max_bytes) {
    const GumboNode* x = stack.back();
    stack.pop_back();
    if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_WHITESPACE ||
        x->type == GUMBO_NODE_CDATA) {
      raw += x->v.text.text;
      continue;
    }
    if (x->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag t = x->v.element.tag;
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE) continue;
    if (t == GUMBO_TAG_BR || t == GUMBO_TAG_P || t == GUMBO_TAG_DIV) raw += ' ';
    const GumboVector& c = x->v.element.children;
    for (unsigned i = c.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(c.data[i]));
  }
  return std::string(TrimSpace(CollapseSpace(raw, false)));
}

std::optional<UnixSeconds> ParseLooseDate(std::string_view s) {
  std::string v(TrimSpace(s));
  if (v.size() > 10 && v[10] == ' ') v[10] = 'T';
  // "+0000" / "-0500" offsets to "+00:00".
  if (v.size() > 5) {
    size_t k = v.size() - 5;
    if ((v[k] == '+' || v[k] == '-') && std::isdigit(static_cast<unsigned char>(v[k + 1])) &&
        v.find(':', k) == std::string::npos && k > 10)
      v.insert(k + 3, ":");
  }
  if (auto t = ParseRfc3339(v)) return t;
  if (v.size() >= 10) return ParseRfc3339(v.substr(0, 10));
  return std::nullopt;
}

void CollectMetadata(const GumboNode* root, std::string_view base_url, const HtmlOptions& o,
                     HtmlArticle* out) {
  Found f;
  struct Item {
    const GumboNode* n;
    int depth;
  };
  std::vector<Item> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT || depth > o.max_depth) continue;
    const GumboElement& e = n->v.element;
    switch (e.tag) {
      case GUMBO_TAG_TITLE:
        if (f.title_tag.empty()) f.title_tag = NodeText(n, 1024);
        continue;
      case GUMBO_TAG_H1:
        if (f.h1.empty()) f.h1 = NodeText(n, 1024);
        continue;
      case GUMBO_TAG_META: {
        const char* prop = Attr(n, "property");
        if (!prop) prop = Attr(n, "name");
        if (!prop) prop = Attr(n, "itemprop");
        const char* content = Attr(n, "content");
        if (!prop || !content || !*content) continue;
        std::string p = Fold(prop);
        if (p == "og:title") {
          if (f.og_title.empty()) f.og_title = content;
        } else if (p == "og:url") {
          if (f.og_url.empty()) f.og_url = content;
        } else if (p == "article:published_time" || p == "datepublished" || p == "pubdate" ||
                   p == "date" || p == "publishdate" || p == "sailthru.date" ||
                   p == "parsely-pub-date" || p == "dc.date.issued" || p == "dcterms.created" ||
                   p == "og:published_time") {
          if (!f.meta_date) f.meta_date = ParseLooseDate(content);
        } else if (p == "author" || p == "article:author" || p == "byl" || p == "parsely-author" ||
                   p == "dc.creator" || p == "sailthru.author") {
          if (f.meta_author.empty() && std::strstr(content, "://") == nullptr)
            f.meta_author = content;
        }
        continue;
      }
      case GUMBO_TAG_LINK: {
        const char* rel = Attr(n, "rel");
        const char* href = Attr(n, "href");
        if (rel && href && Fold(rel) == "canonical" && f.canonical.empty()) f.canonical = href;
        continue;
      }
      case GUMBO_TAG_TIME: {
        if (!f.time_date)
          if (const char* dt = Attr(n, "datetime")) f.time_date = ParseLooseDate(dt);
        break;
      }
      case GUMBO_TAG_A: {
        const char* rel = Attr(n, "rel");
        if (rel && f.rel_author.empty() && Fold(rel) == "author") f.rel_author = NodeText(n, 256);
        break;
      }
      case GUMBO_TAG_SCRIPT: {
        const char* type = Attr(n, "type");
        if (!type || Fold(type) != "application/ld+json" || e.children.length == 0) continue;
        const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
        if (t->type != GUMBO_NODE_TEXT && t->type != GUMBO_NODE_CDATA) continue;
        std::string_view js = t->v.text.text;
        if (js.size() > (size_t{1} << 20) || JsonDepth(js) > 64) continue;
        json j = json::parse(js, nullptr, false);
        if (!j.is_discarded()) ReadJsonLd(j, &f, 0);
        continue;
      }
      default:
        break;
    }
    for (unsigned i = e.children.length; i-- > 0;)
      stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), depth + 1});
  }
  for (const std::string* t : {&f.og_title, &f.ld_title, &f.h1, &f.title_tag})
    if (out->title.empty()) out->title = std::string(TrimSpace(CollapseSpace(*t, false)));
  out->published = f.meta_date ? f.meta_date : f.ld_date ? f.ld_date : f.time_date;
  for (const std::string* b : {&f.ld_author, &f.meta_author, &f.rel_author})
    if (out->byline.empty()) out->byline = std::string(TrimSpace(CollapseSpace(*b, false)));
  // A relative canonical link resolves against the page's URL, or else against og:url.
  std::string base(base_url.empty() ? std::string_view(f.og_url) : base_url);
  for (const std::string* c : {&f.canonical, &f.og_url, &f.ld_url}) {
    if (!out->canonical_url.empty() || c->empty()) continue;
    if (auto abs = ResolveUrl(base, *c)) out->canonical_url = *abs;
  }
}

}  // namespace headwater::normalize::internal
