// CapNesting: gumbo checks element scopes by walking its stack of open elements, so a page
// nested 100,000 deep costs it quadratic time (about half a minute). A light tag scan (quotes,
// comments and raw-text elements respected) estimates the nesting depth; start tags beyond the
// cap, and as many end tags, are left out, keeping all the text. Void elements and elements
// whose end tag is optional (p, li, td, ...) do not count, so ordinary pages are never touched.
#include <cstring>

#include "normalize/html_internal.h"

namespace headwater::normalize::internal {

namespace {

bool NameIs(std::string_view name, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set) {
    if (name.size() != s.size()) continue;
    bool eq = true;
    for (size_t i = 0; i < name.size() && eq; ++i)
      eq = std::tolower(static_cast<unsigned char>(name[i])) == s[i];
    if (eq) return true;
  }
  return false;
}

bool Uncounted(std::string_view name) {
  return NameIs(
      name, {"area", "base",   "br",       "col",     "embed", "hr",     "img",   "input", "link",
             "meta", "source", "track",    "wbr",     "param", "keygen", "p",     "li",    "dt",
             "dd",   "option", "optgroup", "tr",      "td",    "th",     "thead", "tbody", "tfoot",
             "rt",   "rp",     "colgroup", "caption", "html",  "head",   "body",  "image"});
}

bool RawText(std::string_view name) {
  return NameIs(name, {"script", "style", "textarea", "title", "xmp", "noscript", "iframe",
                       "noembed", "plaintext"});
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Calls keep(begin, end, drop) for each tag; returns the max estimated depth.
template <typename F>
int Scan(std::string_view s, int cap, F&& on_tag) {
  int depth = 0, max = 0, dropped = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= s.size()) break;
    char c = s[lt + 1];
    if (c == '!') {  // comment, doctype, CDATA
      size_t end = s.compare(lt, 4, "<!--") == 0 ? s.find("-->", lt + 4) : s.find('>', lt);
      i = end == std::string_view::npos ? s.size() : end + (s[end] == '-' ? 3 : 1);
      continue;
    }
    bool close = c == '/';
    size_t n = lt + 1 + close;
    if (n >= s.size() || !IsAlpha(s[n])) {
      i = lt + 1;
      continue;
    }
    size_t name_end = n;
    while (
        name_end < s.size() &&
        (IsAlpha(s[name_end]) || (s[name_end] >= '0' && s[name_end] <= '9') || s[name_end] == '-'))
      ++name_end;
    std::string_view name = s.substr(n, name_end - n);
    size_t j = name_end;
    char quote = 0;
    for (; j < s.size(); ++j) {
      if (quote) {
        if (s[j] == quote) quote = 0;
      } else if (s[j] == '"' || s[j] == '\'') {
        quote = s[j];
      } else if (s[j] == '>') {
        break;
      }
    }
    size_t tag_end = j < s.size() ? j + 1 : s.size();
    bool self_closing = j > 0 && j < s.size() && s[j - 1] == '/';
    bool drop = false;
    if (!Uncounted(name) && !self_closing) {
      if (!close) {
        if (depth >= cap) {
          drop = true;
          ++dropped;
        } else {
          max = std::max(max, ++depth);
        }
      } else if (dropped > 0) {
        drop = true;
        --dropped;
      } else if (depth > 0) {
        --depth;
      }
    }
    on_tag(lt, tag_end, drop);
    i = tag_end;
    if (!close && RawText(name)) {  // skip to the matching end tag
      size_t k = tag_end;
      while (true) {
        k = s.find("</", k);
        if (k == std::string_view::npos) {
          i = s.size();
          break;
        }
        if (NameIs(s.substr(k + 2, name.size()), {name})) {
          i = k;
          break;
        }
        k += 2;
      }
    }
    if (dropped > 0) max = cap + 1;
  }
  return max;
}

}  // namespace

std::string CapNesting(std::string html, int cap) {
  bool any = false;
  Scan(html, cap, [&](size_t, size_t, bool drop) { any = any || drop; });
  if (!any) return html;
  std::string out;
  out.reserve(html.size());
  size_t copied = 0;
  Scan(html, cap, [&](size_t b, size_t e, bool drop) {
    if (!drop) return;
    out.append(html, copied, b - copied);
    copied = e;
  });
  out.append(html, copied, std::string::npos);
  return out;
}

}  // namespace headwater::normalize::internal
