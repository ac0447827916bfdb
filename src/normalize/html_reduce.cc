// ReduceHtml: gumbo spends most of ExtractHtml's time (about 90% on the extraction benchmark),
// and its cost grows with every byte it tokenizes, including the inline scripts and styles that
// make up over half of a typical news page and are thrown away after parsing. One light scan
// (quotes, comments and raw-text elements respected, as the HTML tokenizer does) rewrites the
// page before gumbo sees it:
//  - comments, <?…> and the contents of script (except JSON-LD), style, noscript, template,
//    iframe, textarea, svg and math elements are left out, with their tags;
//  - start tags keep only the attributes the metadata and content passes read (class, id, href,
//    rel, itemprop, property, name, content, datetime, type); a style or aria-hidden that hides
//    the element becomes a bare `hidden`; end tags lose their (meaningless) attributes;
//  - runs of white space in text become their first character, and white space alone between
//    two block-level tags ("</p>\n<p>") is left out (every pass already separates blocks);
//  - an <a href> that cannot point to another host (relative, fragment, mailto:) loses its
//    href: only absolute http(s) and scheme-relative ones can become outbound links.
// Text, entity references and the element structure gumbo builds from them are unchanged, so
// the extraction result is the same on the benchmark while gumbo reads about a quarter of the
// bytes.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "normalize/html_internal.h"

namespace headwater::normalize::internal {

namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsLower(std::string_view s, const char* lower) {
  size_t n = std::strlen(lower);
  if (s.size() != n) return false;
  for (size_t i = 0; i < n; ++i)
    if (Lower(s[i]) != lower[i]) return false;
  return true;
}

bool ContainsLower(std::string_view s, const char* lower) {
  size_t n = std::strlen(lower);
  for (size_t i = 0; i + n <= s.size(); ++i) {
    size_t k = 0;
    while (k < n && Lower(s[i + k]) == lower[k]) ++k;
    if (k == n) return true;
  }
  return false;
}

// A tag or attribute name, lower-cased and packed into 16 bytes, so a set lookup is a few
// integer compares (names longer than 16 bytes match nothing here).
struct Key {
  uint64_t a = 0, b = 0;
  bool operator==(const Key&) const = default;
};

Key MakeKey(std::string_view name) {
  Key k;
  if (name.size() > 16) {
    k.b = ~uint64_t{0};
    return k;
  }
  for (size_t i = 0; i < name.size(); ++i) {
    uint64_t c = static_cast<unsigned char>(Lower(name[i]));
    (i < 8 ? k.a : k.b) |= c << (8 * (i % 8));
  }
  return k;
}

class KeySet {
 public:
  KeySet(std::initializer_list<std::string_view> names) {
    for (std::string_view n : names) keys_.push_back(MakeKey(n));
  }
  bool Contains(Key k) const { return std::find(keys_.begin(), keys_.end(), k) != keys_.end(); }

 private:
  std::vector<Key> keys_;
};

// Elements whose content the tokenizer reads as raw text up to the matching end tag.
bool RawTextElement(Key name) {
  static const KeySet kSet{"script",   "style", "noscript", "template", "iframe",
                           "textarea", "title", "xmp",      "noembed",  "noframes"};
  return kSet.Contains(name);
}

bool KeptAttribute(Key name) {
  static const KeySet kSet{"class", "id",      "href",     "rel",  "itemprop", "property",
                           "name",  "content", "datetime", "type", "hidden"};
  return kSet.Contains(name);
}

// Tags around which white space means nothing to either pass: each is a block boundary for the
// content pass (or dropped by it) and is not inside a title-like text NodeText reads.
bool BlockBoundary(Key name) {
  static const KeySet kSet{
      "html",  "head",    "body",       "meta",    "link",   "title",    "script",   "style",
      "div",   "p",       "ul",         "ol",      "dl",     "table",    "thead",    "tbody",
      "tfoot", "tr",      "section",    "article", "header", "footer",   "nav",      "aside",
      "main",  "figure",  "figcaption", "h1",      "h2",     "h3",       "h4",       "h5",
      "h6",    "form",    "blockquote", "hr",      "br",     "noscript", "template", "iframe",
      "pre",   "address", "button",     "select",  "option", "label",    "input"};
  return kSet.Contains(name);
}

// The name of the tag starting at lt ("" when it is not a start or end tag).
std::string_view TagNameAt(std::string_view s, size_t lt) {
  size_t n = lt + 1;
  if (n < s.size() && s[n] == '/') ++n;
  size_t e = n;
  while (e < s.size() && (IsAlpha(s[e]) || (e > n && s[e] >= '0' && s[e] <= '9'))) ++e;
  return s.substr(n, e - n);
}

// True when an href can resolve to another host: http(s):, or scheme-relative "//host".
bool MayBeOutbound(std::string_view v) {
  size_t i = 0;
  while (i < v.size() && IsSpace(v[i])) ++i;
  v = v.substr(i);
  if (v.size() >= 2 && (v[0] == '/' || v[0] == '\\') && (v[1] == '/' || v[1] == '\\')) return true;
  return ContainsLower(v.substr(0, std::min<size_t>(v.size(), 8)), "http:") ||
         ContainsLower(v.substr(0, std::min<size_t>(v.size(), 8)), "https:") ||
         v.find("&#") != std::string_view::npos || v.find("&") == 0;  // entities: keep, unsure
}

// Position of the case-insensitive "</name" closing the raw text starting at from, or npos.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  while (true) {
    size_t k = s.find("</", from);
    if (k == std::string_view::npos) return k;
    size_t e = k + 2 + name.size();
    if (e <= s.size()) {
      bool eq = true;
      for (size_t i = 0; i < name.size() && eq; ++i) eq = Lower(s[k + 2 + i]) == Lower(name[i]);
      if (eq && (e == s.size() || IsSpace(s[e]) || s[e] == '>' || s[e] == '/')) return k;
    }
    from = k + 2;
  }
}

// Skips a foreign subtree (<svg>…</svg>, <math>…</math>) counting nested ones; returns the
// position after its end tag (or the end of s).
size_t SkipForeign(std::string_view s, size_t from, std::string_view name) {
  int depth = 1;
  size_t i = from;
  while (depth > 0) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) return s.size();
    bool close = lt + 1 < s.size() && s[lt + 1] == '/';
    size_t n = lt + 1 + close;
    size_t e = n + name.size();
    bool match = e <= s.size() &&
                 EqualsLower(s.substr(n, name.size()), std::string(name).c_str()) &&
                 (e == s.size() || IsSpace(s[e]) || s[e] == '>' || s[e] == '/');
    size_t gt = s.find('>', lt);
    i = gt == std::string_view::npos ? s.size() : gt + 1;
    if (!match) continue;
    bool self_closing = gt != std::string_view::npos && gt > 0 && s[gt - 1] == '/';
    if (close) {
      --depth;
    } else if (!self_closing) {
      ++depth;
    }
  }
  return i;
}

}  // namespace

std::string ReduceHtml(std::string_view s, size_t* start_tags) {
  size_t starts = 0;
  std::string out;
  out.reserve(s.size() / 2);
  size_t i = 0;
  bool after_block = true;  // the last tag written was a block boundary (or none yet)
  while (i < s.size()) {
    size_t lt = s.find('<', i);
    size_t text_end = lt == std::string_view::npos ? s.size() : lt;
    bool blank = true;
    for (size_t k = i; k < text_end && blank; ++k) blank = IsSpace(s[k]);
    if (blank && after_block && lt != std::string_view::npos &&
        BlockBoundary(MakeKey(TagNameAt(s, lt))))
      i = text_end;  // white space between two blocks
    // Text: white-space runs become their first character.
    for (size_t k = i; k < text_end;) {
      size_t run = k;
      while (run < text_end && !IsSpace(s[run])) ++run;
      out.append(s.data() + k, run - k);
      if (run == text_end) break;
      out.push_back(s[run]);  // a white-space run: its first character
      k = run + 1;
      while (k < text_end && IsSpace(s[k])) ++k;
    }
    if (lt == std::string_view::npos) break;
    i = lt;
    if (lt + 1 >= s.size()) {
      out.push_back('<');
      break;
    }
    char c = s[lt + 1];
    if (c == '!' || c == '?') {
      if (s.compare(lt, 4, "<!--") == 0) {  // comment: left out
        size_t end = s.find("-->", lt + 4);
        i = end == std::string_view::npos ? s.size() : end + 3;
      } else {  // doctype and CDATA kept; <?…> and other bogus comments left out
        size_t end = s.find('>', lt);
        size_t stop = end == std::string_view::npos ? s.size() : end + 1;
        if (c == '!' && EqualsLower(s.substr(lt, std::min<size_t>(9, stop - lt)), "<!doctype"))
          out.append(s.substr(lt, stop - lt));
        i = stop;
      }
      continue;
    }
    bool close = c == '/';
    size_t n = lt + 1 + close;
    if (n >= s.size() || !IsAlpha(s[n])) {  // not a tag: a literal '<'
      out.push_back('<');
      i = lt + 1;
      continue;
    }
    size_t name_end = n;
    while (name_end < s.size() && !IsSpace(s[name_end]) && s[name_end] != '>' && s[name_end] != '/')
      ++name_end;
    std::string_view name = s.substr(n, name_end - n);
    const Key key = MakeKey(name);
    static const Key kA = MakeKey("a"), kStyle = MakeKey("style"),
                     kAriaHidden = MakeKey("aria-hidden"), kHref = MakeKey("href"),
                     kType = MakeKey("type"), kSvg = MakeKey("svg"), kMath = MakeKey("math"),
                     kTitle = MakeKey("title"), kXmp = MakeKey("xmp"),
                     kNoembed = MakeKey("noembed"), kNoframes = MakeKey("noframes"),
                     kScript = MakeKey("script");
    const bool anchor = key == kA;
    // Attributes, as the tokenizer reads them.
    size_t j = name_end;
    std::string attrs;
    bool hidden = false, self_closing = false, ld_json = false;
    while (j < s.size() && s[j] != '>') {
      if (IsSpace(s[j]) || s[j] == '/') {
        self_closing = s[j] == '/';
        ++j;
        continue;
      }
      self_closing = false;
      size_t an = j;
      while (j < s.size() && !IsSpace(s[j]) && s[j] != '/' && s[j] != '>' &&
             (s[j] != '=' || j == an))
        ++j;
      std::string_view aname = s.substr(an, j - an);
      size_t k = j;
      while (k < s.size() && IsSpace(s[k])) ++k;
      std::string_view value;
      size_t vstart = std::string_view::npos, vend = 0;
      if (k < s.size() && s[k] == '=') {
        ++k;
        while (k < s.size() && IsSpace(s[k])) ++k;
        if (k < s.size() && (s[k] == '"' || s[k] == '\'')) {
          size_t q = s.find(s[k], k + 1);
          vstart = k;
          vend = q == std::string_view::npos ? s.size() : q + 1;
          value = s.substr(k + 1, (q == std::string_view::npos ? s.size() : q) - k - 1);
        } else {
          vstart = k;
          while (k < s.size() && !IsSpace(s[k]) && s[k] != '>') ++k;
          vend = k;
          value = s.substr(vstart, vend - vstart);
        }
        j = vend;
      }
      if (close) continue;
      const Key akey = MakeKey(aname);
      if (akey == kStyle) {
        std::string v;
        for (char ch : value)
          if (!IsSpace(ch)) v.push_back(Lower(ch));
        hidden = hidden || v.find("display:none") != std::string::npos ||
                 v.find("visibility:hidden") != std::string::npos;
      } else if (akey == kAriaHidden) {
        hidden = hidden || value == "true";
      } else if (anchor && akey == kHref && !MayBeOutbound(value)) {
        continue;
      } else if (KeptAttribute(akey)) {
        if (akey == kType && ContainsLower(value, "ld+json")) ld_json = true;
        attrs.push_back(' ');
        attrs.append(aname);
        if (vstart != std::string_view::npos) {
          attrs.push_back('=');
          attrs.append(s.substr(vstart, vend - vstart));
        }
      }
    }
    size_t tag_end = j < s.size() ? j + 1 : s.size();
    i = tag_end;
    after_block = BlockBoundary(key);
    if (!close && (key == kSvg || key == kMath)) {
      if (!self_closing) i = SkipForeign(s, tag_end, name);
      continue;
    }
    if (!close && RawTextElement(key)) {
      size_t end = FindEndTag(s, tag_end, name);
      size_t content_end = end == std::string_view::npos ? s.size() : end;
      size_t after = end == std::string_view::npos ? s.size() : s.find('>', end);
      after = after == std::string_view::npos ? s.size() : after + 1;
      i = after;
      bool keep = key == kTitle || key == kXmp || key == kNoembed || key == kNoframes ||
                  (key == kScript && ld_json);
      if (!keep) continue;
      ++starts;
      out.push_back('<');
      out.append(name);
      out.append(attrs);
      out.push_back('>');
      out.append(s.substr(tag_end, content_end - tag_end));
      out.append("</");
      out.append(name);
      out.push_back('>');
      continue;
    }
    if (!close) ++starts;
    out.push_back('<');
    if (close) out.push_back('/');
    out.append(name);
    out.append(attrs);
    if (hidden) out.append(" hidden");
    if (self_closing && !close) out.push_back('/');
    out.push_back('>');
  }
  if (start_tags) *start_tags = starts;
  return out;
}

}  // namespace headwater::normalize::internal
