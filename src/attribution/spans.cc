// Text helpers of the span finder. Sentence splitting: a sentence ends at a newline, or at
// '.', '!' or '?' (plus closing quotes/brackets) followed by white space and an upper-case
// letter, digit or opening quote, unless the word before the period is an abbreviation or an
// initial. Quotation regions: one inside/outside state per paragraph, curly marks open/close,
// straight '"', doubled "''" and "``" toggle.
#include "attribution/spans.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_set>

namespace headwater::attribution {
namespace {

const std::unordered_set<std::string_view>& Abbreviations() {
  static const auto* k = new std::unordered_set<std::string_view>{
      "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jan", "feb",
      "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "inc", "jr", "sr", "vs", "no",
      "prof", "sgt", "capt", "cmdr", "adm", "maj", "rev", "ft", "mt", "sra", "sr", "dra"};
  return *k;
}

}  // namespace


// A gap between two tokens that separates clauses.
bool GapHasBoundary(std::string_view gap) {
  for (size_t i = 0; i < gap.size(); ++i) {
    char c = gap[i];
    if (c == ',' || c == ';' || c == ':' || c == '"' || c == '\n')
      return true;
    if ((c == '-' || c == '\'' || c == '`') && i + 1 < gap.size() && gap[i + 1] == c) return true;
    if (StartsWith(gap, i, "\xE2\x80\x9C") || StartsWith(gap, i, "\xE2\x80\x9D") ||
        StartsWith(gap, i, "\xE2\x80\x94") || StartsWith(gap, i, "\xE2\x80\x93") ||
        StartsWith(gap, i, "\xC2\xAB") || StartsWith(gap, i, "\xC2\xBB"))
      return true;
  }
  return false;
}

bool GapHas(std::string_view gap, char c) { return gap.find(c) != std::string_view::npos; }

// Straight double quotes: '"' and the doubled apostrophe "''" some papers use.
size_t CountStraightQuotes(std::string_view c) {
  size_t n = std::count(c.begin(), c.end(), '"');
  for (size_t p = c.find("''"); p != c.npos; p = c.find("''", p + 2)) ++n;
  return n;
}

bool GapHasQuote(std::string_view gap) {
  return GapHas(gap, '"') || gap.find("''") != gap.npos || gap.find("``") != gap.npos ||
         gap.find("\xE2\x80\x9C") != gap.npos || gap.find("\xE2\x80\x9D") != gap.npos ||
         gap.find("\xC2\xAB") != gap.npos || gap.find("\xC2\xBB") != gap.npos;
}


std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<Sentence> out;
  size_t start = 0, n = text.size();
  auto push = [&](size_t b, size_t e) {
    if (e > b) out.push_back({uint32_t(b), uint32_t(e), 0, 0});
  };
  for (size_t i = 0; i < n; ++i) {
    char c = text[i];
    if (c == '\n') {
      push(start, i);
      start = i + 1;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    while (j < n) {
      if (text[j] == '"' || text[j] == ')' || text[j] == '\'') ++j;
      else if (IsCloseQuoteAt(text, j) || StartsWith(text, j, "\xE2\x80\x99")) j += 3;
      else break;
    }
    auto space_at = [&](size_t p) -> size_t {  // length of a space character at p, or 0
      if (p < n && (text[p] == ' ' || text[p] == '\t')) return 1;
      if (StartsWith(text, p, "\xC2\xA0")) return 2;
      return 0;
    };
    if (j >= n || !space_at(j)) continue;
    size_t k = j;
    while (size_t sp = space_at(k)) k += sp;
    if (k >= n) continue;
    unsigned char nc = text[k];
    bool upper_next = (nc >= 'A' && nc <= 'Z') || (nc >= '0' && nc <= '9') || nc == '"' ||
                      nc == '(' || IsOpenQuoteAt(text, k) || nc >= 0xC3;
    if (!upper_next) continue;
    if (c == '.') {
      size_t w = i;
      while (w > start && (std::isalpha(static_cast<unsigned char>(text[w - 1])) || text[w - 1] == '.')) --w;
      std::string word = Fold(text.substr(w, i - w));
      if (word.size() == 1 || Abbreviations().count(word) ||
          (word.find('.') != std::string::npos && word.size() <= 4))
        continue;
    }
    push(start, j);
    start = k;
    i = k - 1;
  }
  push(start, n);
  size_t t = 0;
  for (Sentence& s : out) {
    while (t < tokens.size() && tokens[t].begin < s.begin) ++t;
    s.tok_begin = t;
    while (t < tokens.size() && tokens[t].end <= s.end) ++t;
    s.tok_end = t;
  }
  return out;
}

// Trims white space, ASCII punctuation and common typographic marks from both ends.
Span Trim(std::string_view text, Span s) {
  static const char* kMarks[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
                                 "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\xA6", "\xC2\xAB",
                                 "\xC2\xBB", "\xC2\xBF", "\xC2\xA1", "\xC2\xA0", "\xEF\xBB\xBF"};
  bool changed = true;
  while (changed && s.begin < s.end) {
    changed = false;
    unsigned char c = text[s.begin];
    if (c < 0x80 && (std::isspace(c) || std::ispunct(c))) {
      ++s.begin, changed = true;
      continue;
    }
    for (const char* m : kMarks) {
      size_t n = std::strlen(m);
      if (s.begin + n <= s.end && text.compare(s.begin, n, m) == 0) {
        s.begin += n, changed = true;
        break;
      }
    }
  }
  changed = true;
  while (changed && s.end > s.begin) {
    changed = false;
    unsigned char c = text[s.end - 1];
    if (c < 0x80 && (std::isspace(c) || std::ispunct(c))) {
      --s.end, changed = true;
      continue;
    }
    for (const char* m : kMarks) {
      size_t n = std::strlen(m);
      if (s.end >= s.begin + n && text.compare(s.end - n, n, m) == 0) {
        s.end -= n, changed = true;
        break;
      }
    }
  }
  return s;
}

std::vector<Span> QuotedRegions(std::string_view text) {
  std::vector<Span> out;
  bool inside = false;
  uint32_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\n' && c != '"' && c != '\'' && c != '`' && c != '\xE2') continue;  // fast path
    bool was = inside;
    size_t len = 0;
    if (c == '\n') {
      if (was) out.push_back({start, uint32_t(i)});
      inside = false;
      continue;
    } else if (IsOpenQuoteAt(text, i)) {
      inside = true, len = 3;
    } else if (IsCloseQuoteAt(text, i)) {
      inside = false, len = 3;
    } else if (text[i] == '"') {
      inside = !inside, len = 1;
    } else if ((text[i] == '\'' || text[i] == '`') && i + 1 < text.size() && text[i + 1] == text[i]) {
      inside = !inside, len = 2;
    } else {
      continue;
    }
    if (!was && inside) start = uint32_t(i + len);
    if (was && !inside) out.push_back({start, uint32_t(i)});
    i += len - 1;
  }
  if (inside) out.push_back({start, uint32_t(text.size())});
  return out;
}

bool InRegions(const std::vector<Span>& regions, uint32_t pos) {
  auto it = std::upper_bound(regions.begin(), regions.end(), pos,
                             [](uint32_t p, const Span& r) { return p < r.begin; });
  return it != regions.begin() && pos < std::prev(it)->end;
}

std::string JoinSpans(std::string_view text, const std::vector<Span>& spans) {
  std::string out;
  for (const Span& s : spans) {
    if (!out.empty()) out += " \xE2\x80\xA6 ";
    out.append(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

}  // namespace headwater::attribution
