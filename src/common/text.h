// Text utilities every stage shares: UTF-8 decoding, code-point offsets, Unicode NFC,
// accent folding and word tokenizing.
//
// All text in Headwater is UTF-8. Offsets shown to users (CLI JSON, API) are Unicode code points
// into the text exactly as given; internal offsets are bytes. CodePointIndex converts.
// Thread-safety: all functions are safe to call concurrently (tables are built once, lazily).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace headwater {

// Decodes one code point at s[*pos], advancing *pos. Invalid bytes decode as U+FFFD and advance
// by one byte, so a loop always terminates.
char32_t DecodeUtf8(std::string_view s, size_t* pos);
void AppendUtf8(char32_t cp, std::string* out);

// True when s is well-formed UTF-8 (no overlongs, no surrogates). *bad_offset gets the byte
// offset of the first bad sequence when non-null and the text is invalid.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// Replaces every invalid sequence with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// Unicode NFC of s (ICU). Returns s unchanged when it is already NFC.
std::string NormalizeNfc(std::string_view s);

// Lower-cases and removes diacritics: "Ciudad JUÁREZ" -> "ciudad juarez", "São" -> "sao".
// Typographic apostrophes and quotes become ASCII ones. Length may change.
std::string Fold(std::string_view s);

// Maps byte offsets of one text to code-point offsets. Build once per text, O(n); Lookup is
// O(log n). A byte offset inside a multi-byte sequence maps to the code point that contains it.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  size_t ToCodePoint(size_t byte_offset) const;
  size_t ToByte(size_t code_point_offset) const;
  size_t size_code_points() const { return total_cps_; }

 private:
  std::vector<uint32_t> starts_;  // byte offset of every code point that is not ASCII-contiguous
  std::vector<uint32_t> byte_of_cp_;
  size_t total_cps_ = 0;
  size_t total_bytes_ = 0;
};

// Number of code points in s.
size_t CodePointLength(std::string_view s);

struct Token {
  uint32_t begin = 0;  // byte offset into the original text
  uint32_t end = 0;    // byte offset, half-open
  std::string folded;  // Fold() of the token
};

// Words of s: maximal runs of letters, digits, and apostrophes between letters ("JW's" is one
// token "jw's"). Punctuation and space separate tokens.
std::vector<Token> Tokenize(std::string_view s);

// Folded words only, without offsets; faster when offsets are not needed.
std::vector<std::string> FoldedWords(std::string_view s);

// True for a letter or digit code point (Unicode-aware).
bool IsWordChar(char32_t cp);
bool IsUpperCase(char32_t cp);

// Trims ASCII and Unicode white space from both ends.
std::string_view TrimSpace(std::string_view s);

// Collapses runs of white space into one space (newlines kept when keep_newlines).
std::string CollapseSpace(std::string_view s, bool keep_newlines = true);

// ASCII case-insensitive equality (header names, month names, tags).
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

// Escapes &, <, >, " and ' for XML text and attributes, and drops control characters XML 1.0
// does not allow (all below 0x20 but tab and newline).
std::string XmlEscape(std::string_view s);

}  // namespace headwater
