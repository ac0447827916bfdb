// Main-text extraction (boilerplate removal), after Readability's scoring:
//  1. Flatten the tree (iteratively, to HtmlOptions::max_depth) into nodes with parent links,
//     dropping non-content tags (script, nav, footer, aside, ...), hidden elements and elements
//     whose class/id says they are unlikely content (menu, comment, sidebar, ...) unless it also
//     says content (article, body, main, ...).
//  2. Sum per subtree: text characters, characters inside links (link density), commas.
//  3. Each paragraph-like block (p, pre, td, or a div without block children) of 25+ chars
//     scores 1 + commas + min(chars/100, 3), credited to its parent (full), grandparent (1/2)
//     and further ancestors up to 5 levels (1/(3*level)). A candidate starts from a tag bonus
//     plus the class/id weight (+25 content hint, -25 boilerplate hint); its final score is
//     scaled by (1 - link density).
//  4. The best candidate is promoted to an ancestor shared by three of the best five, or that
//     scores higher, or that adds HtmlOptions::climb_gain times its link-poor paragraph text;
//     siblings scoring HtmlOptions::sibling_score_share of it, or link-poor paragraphs, join it.
//  5. The chosen subtrees are written out one paragraph per block, skipping link-heavy lists
//     and boxes, negative-weight elements, headings that are links, link-only paragraphs,
//     figures, forms, and furniture paragraphs ("Read more: …", "All rights reserved").
#include <algorithm>
#include <cstring>
#include <vector>

#include "common/text.h"
#include "common/url.h"
#include "normalize/html_internal.h"

namespace headwater::normalize::internal {

namespace {

struct Node {
  const GumboNode* g;
  int parent;
  GumboTag tag;
  int weight = 0;        // class/id weight: -25, 0, +25 (+more for itemprop=articleBody)
  bool in_link = false;  // inside an <a>
  bool block_child = false;
  long text = 0;       // non-space bytes in the subtree
  long link_text = 0;  // of which inside links
  long own_text = 0;   // in direct text children
  long good = 0;       // text of link-poor paragraphs of 80+ chars in the subtree
  int commas = 0, own_commas = 0;
  int paragraphs = 0, items = 0, images = 0, inputs = 0;
  double score = 0;
  bool candidate = false;
  bool unlikely = false;  // class/id says boilerplate
  bool removed = false;   // unlikely itself or inside an unlikely node
};

bool DroppedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

// An unlikely-looking node holding at least this share (in tenths) of the page's text is kept.
constexpr long kKeepShareTenths = 3;

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
         t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

bool Has(const std::string& s, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (s.find(w) != std::string::npos) return true;
  return false;
}

std::string ClassId(const GumboNode* n) {
  std::string s;
  for (const char* a : {"class", "id"}) {
    if (const char* v = Attr(n, a)) {
      s += v;
      s += ' ';
    }
  }
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Unlikely(const std::string& ci) {
  return Has(ci, {"-ad-",         "ai2html",    "banner",   "breadcrumb",   "combx",   "comment",
                  "community",    "cover-wrap", "disqus",   "extra",        "footer",  "gdpr",
                  "header",       "legends",    "menu",     "related",      "remark",  "replies",
                  "rss",          "shoutbox",   "sidebar",  "skyscraper",   "social",  "sponsor",
                  "supplemental", "ad-break",   "agegate",  "pagination",   "pager",   "popup",
                  "yom-remote",   "newsletter", "cookie",   "subscribe",    "paywall", "share",
                  "signup",       "recirc",     "trending", "most-popular", "promo"}) &&
         !Has(ci, {"and", "article", "body", "column", "content", "main", "shadow"});
}

int ClassWeight(const GumboNode* n, const std::string& ci) {
  int w = 0;
  if (Has(ci,
          {"-ad-",     "hidden",   "banner",     "combx",     "comment",  "com-",      "contact",
           "foot",     "footnote", "gdpr",       "masthead",  "media",    "meta",      "outbrain",
           "promo",    "related",  "scroll",     "share",     "shoutbox", "sidebar",   "skyscraper",
           "sponsor",  "shopping", "tags",       "tool",      "widget",   "byline",    "author",
           "caption",  "credit",   "newsletter", "subscribe", "signup",   "recommend", "popular",
           "trending", "taboola"}))
    w -= 25;
  if (Has(ci, {"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post",
               "text", "blog", "story"}))
    w += 25;
  if (const char* ip = Attr(n, "itemprop"))
    if (std::strstr(ip, "articleBody")) w += 50;
  return w;
}

bool Hidden(const GumboNode* n) {
  if (Attr(n, "hidden")) return true;
  if (const char* ah = Attr(n, "aria-hidden"))
    if (std::strcmp(ah, "true") == 0) return true;
  if (const char* st = Attr(n, "style")) {
    std::string s = st;
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    if (s.find("display:none") != std::string::npos ||
        s.find("visibility:hidden") != std::string::npos)
      return true;
  }
  return false;
}

long NonSpace(std::string_view s, int* commas) {
  long n = 0;
  for (char c : s) {
    if (c == ',') ++*commas;
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') ++n;
  }
  return n;
}

// Short paragraphs that are page furniture wherever they stand: cross-promotion, subscription
// pitches, slideshow stubs, copyright lines. Matched on the lower-cased start of the paragraph.
bool FurnitureParagraph(std::string_view p) {
  if (p.size() > 220) return false;
  std::string l(p.substr(0, 48));
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* exact :
       {"advertisement", "comments", "share", "share this", "don't miss", "don’t miss",
        "also:", "related", "related:", "tell us what you think...",
        "this slideshow requires javascript.", "read more", "more:"})
    if (l == exact) return true;
  for (const char* prefix :
       {"related:", "read more:", "read more", "see more:", "more from ", "also read",
        "recommended:", "sign up for", "subscribe to", "follow us on", "copyright ©",
        "copyright (c)", "© ", "like this story", "image 1 of", "image 2 of", "image 3 of",
        "click here to", "advertisement"})
    if (l.rfind(prefix, 0) == 0) return true;
  return l.find("all rights reserved") != std::string::npos;
}

double LinkDensity(const Node& n) {
  return n.text > 0 ? static_cast<double>(n.link_text) / n.text : 0;
}

class Extractor {
 public:
  Extractor(std::string_view base, const HtmlOptions& o) : base_(base), o_(o) {}

  void Run(const GumboNode* root, HtmlArticle* out) {
    Flatten(root);
    if (nodes_.empty()) return;
    Accumulate();
    Score();
    std::vector<int> chosen = Choose();
    Emit(chosen, out);
  }

 private:
  void Flatten(const GumboNode* root) {
    struct Item {
      const GumboNode* g;
      int parent;
      int depth;
      bool in_link;
    };
    std::vector<Item> stack{{root, -1, 0, false}};
    while (!stack.empty()) {
      Item it = stack.back();
      stack.pop_back();
      const GumboNode* g = it.g;
      if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_CDATA) {
        if (it.parent < 0) continue;
        Node& p = nodes_[it.parent];
        int commas = 0;
        long n = NonSpace(g->v.text.text, &commas);
        p.own_text += n;
        p.own_commas += commas;
        continue;
      }
      if (g->type != GUMBO_NODE_ELEMENT || it.depth > o_.max_depth) continue;
      GumboTag tag = g->v.element.tag;
      if (DroppedTag(tag) || Hidden(g)) continue;
      std::string ci = ClassId(g);
      bool structural = tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_A ||
                        tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN;
      Node n;
      n.unlikely = !ci.empty() && !structural && Unlikely(ci);
      n.g = g;
      n.parent = it.parent;
      n.tag = tag;
      n.weight = ci.empty() && !Attr(g, "itemprop") ? 0 : ClassWeight(g, ci);
      n.in_link = it.in_link || tag == GUMBO_TAG_A;
      int idx = static_cast<int>(nodes_.size());
      nodes_.push_back(n);
      const GumboVector& c = g->v.element.children;
      for (unsigned i = c.length; i-- > 0;)
        stack.push_back({static_cast<const GumboNode*>(c.data[i]), idx, it.depth + 1, n.in_link});
    }
  }

  // Sums subtree figures; a first pass with every node tells which unlikely nodes still hold
  // most of the page's text (a wrapper named "page-ad-margins"), which are then kept.
  void Accumulate() {
    Sum();
    long total = nodes_[0].text;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      Node& n = nodes_[i];
      if (n.unlikely && n.text * 10 >= total * kKeepShareTenths && n.text > 500) n.unlikely = false;
      n.removed = n.unlikely || (n.parent >= 0 && nodes_[n.parent].removed);
    }
    Sum();
  }

  void Sum() {
    for (Node& n : nodes_) {
      n.text = n.own_text;
      n.link_text = n.in_link ? n.own_text : 0;
      n.commas = n.own_commas;
      n.paragraphs = n.items = n.images = 0;
      n.good = 0;
      n.block_child = false;
    }
    for (size_t i = nodes_.size(); i-- > 1;) {
      Node& n = nodes_[i];
      if (n.parent < 0 || n.removed) continue;
      Node& p = nodes_[n.parent];
      if ((n.tag == GUMBO_TAG_P || (n.tag == GUMBO_TAG_DIV && !n.block_child)) && n.text >= 80 &&
          LinkDensity(n) < 0.25)
        n.good = n.text;
      p.good += n.good;
      p.text += n.text;
      p.link_text += n.link_text;
      p.commas += n.commas;
      p.paragraphs += n.paragraphs + (n.tag == GUMBO_TAG_P ||
                                      (n.tag == GUMBO_TAG_DIV && !n.block_child && n.text > 0));
      p.items += n.items + (n.tag == GUMBO_TAG_LI);
      p.images += n.images + (n.tag == GUMBO_TAG_IMG);
      if (IsBlock(n.tag)) p.block_child = true;
    }
  }

  void InitCandidate(Node& n) {
    if (n.candidate) return;
    n.candidate = true;
    switch (n.tag) {
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_ARTICLE:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_MAIN:
        n.score = 5;
        break;
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_BLOCKQUOTE:
        n.score = 3;
        break;
      case GUMBO_TAG_ADDRESS:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
      case GUMBO_TAG_LI:
      case GUMBO_TAG_FORM:
        n.score = -3;
        break;
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
      case GUMBO_TAG_TH:
        n.score = -5;
        break;
      default:
        break;
    }
    n.score += n.weight;
  }

  void Score() {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      Node& n = nodes_[i];
      bool para =
          n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_PRE || n.tag == GUMBO_TAG_TD ||
          ((n.tag == GUMBO_TAG_DIV || n.tag == GUMBO_TAG_SECTION || n.tag == GUMBO_TAG_SPAN) &&
           !n.block_child);
      if (n.removed || n.parent < 0 || n.in_link) continue;
      // A block with loose text beside its child blocks ("text<br>text<div>…</div>") scores
      // that text as a paragraph of its own, credited to the block itself first.
      bool loose = !para && IsBlock(n.tag) && n.own_text >= 25;
      if (!loose && (!para || n.text < 25)) continue;
      double s = loose ? 1 + n.own_commas + std::min(n.own_text / 100.0, 3.0)
                       : 1 + n.commas + std::min(n.text / 100.0, 3.0);
      int a = loose ? static_cast<int>(i) : n.parent;
      for (int level = 0; a >= 0 && level < 5; ++level, a = nodes_[a].parent) {
        Node& an = nodes_[a];
        if (an.tag == GUMBO_TAG_BODY || an.tag == GUMBO_TAG_HTML) break;
        InitCandidate(an);
        an.score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
      }
    }
    for (Node& n : nodes_)
      if (n.candidate) n.score *= 1 - LinkDensity(n);
  }

  std::vector<int> Choose() {
    int top = -1;
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].candidate && (top < 0 || nodes_[i].score > nodes_[top].score))
        top = static_cast<int>(i);
    if (top < 0) {  // no scored paragraph: the body as a whole
      for (size_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].tag == GUMBO_TAG_BODY) return {static_cast<int>(i)};
      return {0};
    }
    // Paragraphs split across sibling boxes (one card per paragraph): when three of the five
    // best candidates scoring 3/4 of the best share an ancestor, that ancestor is the article.
    std::vector<int> best;
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].candidate && static_cast<int>(i) != top &&
          nodes_[i].score >= 0.75 * nodes_[top].score)
        best.push_back(static_cast<int>(i));
    std::sort(best.begin(), best.end(),
              [&](int a, int b) { return nodes_[a].score > nodes_[b].score; });
    if (best.size() > 4) best.resize(4);
    if (best.size() >= 3) {
      for (int p = nodes_[top].parent; p >= 0 && nodes_[p].tag != GUMBO_TAG_BODY;
           p = nodes_[p].parent) {
        int within = 0;
        for (int c : best)
          for (int a = nodes_[c].parent; a >= 0; a = nodes_[a].parent)
            if (a == p) {
              ++within;
              break;
            }
        if (within >= 3) {
          top = p;
          break;
        }
      }
    }
    double last = nodes_[top].score;
    double threshold = last / 3;
    for (int p = nodes_[top].parent; p >= 0 && nodes_[p].tag != GUMBO_TAG_BODY;
         p = nodes_[p].parent) {
      if (!nodes_[p].candidate) continue;
      if (nodes_[p].score < threshold) break;
      if (nodes_[p].score > last) {
        top = p;
        break;
      }
      last = nodes_[p].score;
    }
    // An article split into several boxes (text, figure, text): climb while the ancestor adds
    // a good share of link-poor paragraphs.
    for (int p = nodes_[top].parent; p >= 0 && nodes_[p].tag != GUMBO_TAG_BODY;
         p = nodes_[p].parent) {
      if (nodes_[top].good == 0 || nodes_[p].good < nodes_[top].good * o_.climb_gain ||
          LinkDensity(nodes_[p]) > 0.25)
        continue;
      top = p;
    }
    int parent = nodes_[top].parent;
    if (parent < 0) return {top};
    double sib_threshold = std::max(10.0, nodes_[top].score * o_.sibling_score_share);
    std::string top_class = Attr(nodes_[top].g, "class") ? Attr(nodes_[top].g, "class") : "";
    std::vector<int> out;
    for (size_t i = parent + 1; i < nodes_.size(); ++i) {
      const Node& s = nodes_[i];
      if (s.parent != parent || s.removed) continue;
      if (static_cast<int>(i) == top) {
        out.push_back(static_cast<int>(i));
        continue;
      }
      double bonus = 0;
      const char* cls = Attr(s.g, "class");
      if (cls && !top_class.empty() && top_class == cls) bonus = nodes_[top].score * 0.2;
      bool join = s.candidate && s.score + bonus >= sib_threshold;
      if (!join && s.tag == GUMBO_TAG_P) {
        double ld = LinkDensity(s);
        join = (s.text > 80 && ld < 0.25) ||
               (s.text > 0 && s.text <= 80 && ld == 0 && s.commas >= 0 && EndsSentence(s.g));
      }
      if (join) out.push_back(static_cast<int>(i));
    }
    return out;
  }

  static bool EndsSentence(const GumboNode* g) {
    std::string t = NodeText(g, 400);
    return !t.empty() && (t.back() == '.' || t.find(". ") != std::string::npos);
  }

  // Readability's conditional cleaning of boxes inside the article.
  bool Junk(const Node& n) const {
    if (n.weight < 0) return true;
    if (n.tag == GUMBO_TAG_FIGURE || n.tag == GUMBO_TAG_FIGCAPTION || n.tag == GUMBO_TAG_FORM ||
        n.tag == GUMBO_TAG_H1)
      return true;
    double ld = LinkDensity(n);
    if (IsHeading(n.tag)) return ld > 0.33;
    // A paragraph that is nothing but a link is a teaser ("Who will make the Rock Hall?").
    bool leaf =
        n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_LI || (n.tag == GUMBO_TAG_DIV && !n.block_child);
    if (leaf && n.text > 0 && ld >= o_.max_paragraph_link_density) return true;
    bool box = n.tag == GUMBO_TAG_DIV || n.tag == GUMBO_TAG_UL || n.tag == GUMBO_TAG_OL ||
               n.tag == GUMBO_TAG_TABLE || n.tag == GUMBO_TAG_SECTION || n.tag == GUMBO_TAG_DL;
    if (!box) return false;
    if (n.commas >= 10) return false;
    bool list = n.tag == GUMBO_TAG_UL || n.tag == GUMBO_TAG_OL;
    if (n.images > 1 && n.paragraphs * 2 < n.images) return true;
    if (!list && n.items > n.paragraphs + 1 && n.items > 3) return true;
    if (n.text < 25 && (n.images == 0 || n.images > 2) && n.paragraphs == 0) return true;
    if (n.weight < 25 && ld > 0.3) return true;
    if (n.weight >= 25 && ld > 0.5) return true;
    return false;
  }

  void Emit(const std::vector<int>& chosen, HtmlArticle* out) {
    // Index GumboNode -> Node for the walk (only kept nodes were flattened).
    std::vector<std::pair<const GumboNode*, int>> index;
    index.reserve(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) index.push_back({nodes_[i].g, static_cast<int>(i)});
    std::sort(index.begin(), index.end());
    auto find = [&](const GumboNode* g) -> int {
      auto it = std::lower_bound(index.begin(), index.end(), std::pair{g, -1});
      return it != index.end() && it->first == g ? it->second : -1;
    };
    std::string host = HostOf(base_);
    std::string text, para;
    auto flush = [&]() {
      std::string p = CollapseSpace(para, false);
      std::string_view t = TrimSpace(p);
      if (!t.empty() && !FurnitureParagraph(t)) {
        if (!text.empty()) text.push_back('\n');
        text.append(t);
      }
      para.clear();
    };
    struct Item {
      const GumboNode* g;
      bool close;
    };
    for (int c : chosen) {
      std::vector<Item> stack{{nodes_[c].g, false}};
      while (!stack.empty()) {
        Item it = stack.back();
        stack.pop_back();
        if (it.close) {
          flush();
          continue;
        }
        const GumboNode* g = it.g;
        if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
            g->type == GUMBO_NODE_CDATA) {
          para += g->v.text.text;
          continue;
        }
        if (g->type != GUMBO_NODE_ELEMENT) continue;
        int idx = find(g);
        if (idx < 0) continue;  // dropped while flattening
        const Node& n = nodes_[idx];
        if (n.removed) continue;
        if (idx != c && Junk(n)) continue;
        if (n.tag == GUMBO_TAG_A) {
          if (const char* href = Attr(g, "href")) {
            if (auto abs = ResolveUrl(base_, href)) {
              std::string h = HostOf(*abs);
              if (!h.empty() && h != host &&
                  std::find(out->links.begin(), out->links.end(), *abs) == out->links.end())
                out->links.push_back(*abs);
            }
          }
        }
        bool block = IsBlock(n.tag);
        if (block) {
          flush();
          stack.push_back({g, true});
        }
        const GumboVector& ch = g->v.element.children;
        for (unsigned i = ch.length; i-- > 0;)
          stack.push_back({static_cast<const GumboNode*>(ch.data[i]), false});
      }
      flush();
    }
    out->text = std::move(text);
  }

  std::string base_;
  const HtmlOptions& o_;
  std::vector<Node> nodes_;
};

}  // namespace

void ExtractMainText(const GumboNode* root, std::string_view base_url, const HtmlOptions& o,
                     HtmlArticle* out) {
  Extractor(base_url, o).Run(root, out);
}

}  // namespace headwater::normalize::internal
