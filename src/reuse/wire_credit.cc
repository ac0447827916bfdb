// Wire credits by table: each agency has a few spellings, each searched either in the Fold()ed
// window (names) or in the raw window as a capitalised whole word (acronyms).
#include "reuse/wire_credit.h"

#include <algorithm>
#include <array>

#include "common/text.h"

namespace headwater::reuse {
namespace {

enum class Match { kFoldedWord, kExactWord, kExact, kBylineWord };

struct Spelling {
  const char* pattern;  // folded (lower case, no accents) for kFoldedWord
  Match match;
  const char* credit;
};

constexpr std::array<Spelling, 17> kSpellings = {{
    {"(AP)", Match::kExact, "AP"},
    {"associated press", Match::kFoldedWord, "AP"},
    {"AP", Match::kBylineWord, "AP"},
    {"reuters", Match::kFoldedWord, "Reuters"},
    {"AFP", Match::kExactWord, "AFP"},
    {"agence france-presse", Match::kFoldedWord, "AFP"},
    {"agence france presse", Match::kFoldedWord, "AFP"},
    {"EFE", Match::kExactWord, "EFE"},
    {"agencia efe", Match::kFoldedWord, "EFE"},
    {"UPI", Match::kExactWord, "UPI"},
    {"united press international", Match::kFoldedWord, "UPI"},
    {"notimex", Match::kFoldedWord, "Notimex"},
    {"europa press", Match::kFoldedWord, "Europa Press"},
    {"agencia brasil", Match::kFoldedWord, "Agência Brasil"},
    {"Bloomberg", Match::kExactWord, "Bloomberg"},
    {"BLOOMBERG", Match::kExactWord, "Bloomberg"},
    {"REUTERS", Match::kExactWord, "Reuters"},
}};

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// True when the match at [pos, end) sits in a photo credit ("Brendan Smialowski / AFP /
// Getty Images", "(AFP Photo/...)", "Photo: Bloomberg"): an agency's picture, not its text.
// Looks kPhotoContext bytes either side, within the line.
constexpr size_t kPhotoContext = 30;
bool InPhotoCredit(std::string_view s, size_t pos, size_t end) {
  size_t line_begin = s.rfind('\n', pos);
  line_begin = line_begin == std::string_view::npos ? 0 : line_begin + 1;
  size_t line_end = s.find('\n', end);
  if (line_end == std::string_view::npos) line_end = s.size();
  size_t from = std::max(line_begin, pos > kPhotoContext ? pos - kPhotoContext : 0);
  size_t to = std::min(line_end, end + kPhotoContext);
  const std::string window = Fold(s.substr(from, to - from));
  for (const char* cue : {"photo", "getty", "image", "picture"}) {
    if (window.find(cue) != std::string::npos) return true;
  }
  return false;
}

// First position of pattern in s as a whole word (no ASCII letter or digit on either side) and
// not in a photo credit, or npos. whole_word = false drops the word test.
size_t FindWord(std::string_view s, std::string_view pattern, bool whole_word = true) {
  for (size_t pos = s.find(pattern); pos != std::string_view::npos;
       pos = s.find(pattern, pos + 1)) {
    size_t after = pos + pattern.size();
    if (whole_word) {
      bool left_ok = pos == 0 || !IsAsciiAlnum(s[pos - 1]);
      bool right_ok = after >= s.size() || !IsAsciiAlnum(s[after]);
      if (!left_ok || !right_ok) continue;
    }
    if (!InPhotoCredit(s, pos, after)) return pos;
  }
  return std::string_view::npos;
}

// The earliest credit in one field; is_byline enables the bare "AP".
std::string Search(std::string_view raw, bool is_byline) {
  if (raw.empty()) return "";
  const std::string folded = Fold(raw);
  size_t best = std::string_view::npos;
  const char* credit = "";
  for (const Spelling& s : kSpellings) {
    size_t pos = std::string_view::npos;
    switch (s.match) {
      case Match::kFoldedWord:
        pos = FindWord(folded, s.pattern);
        break;
      case Match::kExactWord:
        pos = FindWord(raw, s.pattern);
        break;
      case Match::kExact:
        pos = FindWord(raw, s.pattern, /*whole_word=*/false);
        break;
      case Match::kBylineWord:
        if (is_byline) pos = FindWord(raw, s.pattern);
        break;
    }
    if (pos < best) best = pos, credit = s.credit;
  }
  return credit;
}

}  // namespace

std::string WireCredit(std::string_view text, std::string_view byline) {
  std::string credit = Search(byline.substr(0, 4 * kWireCreditWindow), /*is_byline=*/true);
  if (!credit.empty()) return credit;
  size_t take = std::min(text.size(), kWireCreditWindow);
  while (take < text.size() && (static_cast<unsigned char>(text[take]) & 0xC0) == 0x80) ++take;
  return Search(text.substr(0, take), /*is_byline=*/false);
}

}  // namespace headwater::reuse
