// Text helpers of the attribution span finder (internal to the stage): sentence splitting,
// clause boundaries between tokens, quotation regions and span trimming. All offsets are bytes.
// Thread-safety: free functions over values; safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "common/text.h"

namespace headwater::attribution {

struct Sentence {
  uint32_t begin = 0, end = 0;        // bytes
  size_t tok_begin = 0, tok_end = 0;  // token range [tok_begin, tok_end)
};

// True when s[i..] starts with the NUL-terminated p.
// Inline: called for every byte by the sentence splitter and the quotation scan.
inline bool StartsWith(std::string_view s, size_t i, const char* p) {
  if (!*p) return i <= s.size();
  if (i >= s.size() || s[i] != *p) return false;  // cheap first-byte test
  size_t n = std::char_traits<char>::length(p);
  return i + n <= s.size() && s.compare(i, n, p) == 0;
}
inline bool IsOpenQuoteAt(std::string_view s, size_t i) {  // U+201C
  return StartsWith(s, i, "\xE2\x80\x9C");
}
inline bool IsCloseQuoteAt(std::string_view s, size_t i) {  // U+201D
  return StartsWith(s, i, "\xE2\x80\x9D");
}

// True when the text between two tokens separates clauses: , ; : " “ ” — – « » '' `` -- or a
// newline.
bool GapHasBoundary(std::string_view gap);
bool GapHas(std::string_view gap, char c);
// True when the gap holds any quotation mark (", '', ``, “, ”).
bool GapHasQuote(std::string_view gap);
// Number of straight double quotes: '"' and doubled "''".
size_t CountStraightQuotes(std::string_view c);

// Sentences of `text` with their token ranges (`tokens` = Tokenize(text)), in order.
std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens);

// `s` without leading/trailing white space, ASCII punctuation and typographic marks
// (quotes, dashes, ellipsis, guillemets, NBSP, BOM). May return an empty span.
Span Trim(std::string_view text, Span s);

// Byte ranges inside quotations, sorted; InRegions tells whether `pos` is inside one.
std::vector<Span> QuotedRegions(std::string_view text);
bool InRegions(const std::vector<Span>& regions, uint32_t pos);

// The texts of `spans` joined by " … ".
std::string JoinSpans(std::string_view text, const std::vector<Span>& spans);

}  // namespace headwater::attribution
