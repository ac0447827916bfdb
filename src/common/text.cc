// UTF-8 and folding. Folding uses a table built once from ICU for the first 0x2500 code points
// (Latin, Greek, Cyrillic, punctuation): each entry is the lower-cased NFD decomposition with
// combining marks removed. Code points above the table fall back to u_tolower.
#include "common/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <mutex>

namespace headwater {

char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  size_t i = *pos;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return 0xFFFD;
  }
  *pos = i + len;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && !(i - start == 3 && s.substr(start, 3) == "\xEF\xBF\xBD")) {
      if (bad_offset) *bad_offset = start;
      return false;
    }
  }
  return true;
}

std::string SanitizeUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) AppendUtf8(DecodeUtf8(s, &i), &out);
  return out;
}

std::string NormalizeNfc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  if (nfc->isNormalized(u, err) && U_SUCCESS(err)) return std::string(s);
  err = U_ZERO_ERROR;
  icu::UnicodeString n = nfc->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  std::string out;
  n.toUTF8String(out);
  return out;
}

namespace {

constexpr char32_t kTableSize = 0x2500;

struct FoldTable {
  std::vector<std::string> entries;  // folded UTF-8 per code point
  FoldTable() {
    entries.resize(kTableSize);
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    for (char32_t cp = 0; cp < kTableSize; ++cp) {
      std::string& e = entries[cp];
      if (cp < 0x80) {
        e.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        continue;
      }
      switch (cp) {  // typographic quotes and dashes to ASCII
        case 0x2018: case 0x2019: case 0x201B: case 0x2032: e = "'"; continue;
        case 0x201C: case 0x201D: case 0x201E: case 0x2033: e = "\""; continue;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: e = "-"; continue;
        case 0x00A0: case 0x2007: case 0x202F: e = " "; continue;
        case 0x00DF: e = "ss"; continue;
        case 0x00E6: case 0x00C6: e = "ae"; continue;
        case 0x0153: case 0x0152: e = "oe"; continue;
        case 0x00F8: case 0x00D8: e = "o"; continue;
        case 0x0131: e = "i"; continue;
        case 0x0142: case 0x0141: e = "l"; continue;
        case 0x00F0: case 0x00D0: e = "d"; continue;
        default: break;
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        AppendUtf8(0xFFFD, &e);
        continue;
      }
      icu::UnicodeString u(static_cast<UChar32>(cp));
      UErrorCode e2 = U_ZERO_ERROR;
      icu::UnicodeString d = U_SUCCESS(err) ? nfd->normalize(u, e2) : u;
      icu::UnicodeString kept;
      for (int32_t k = 0; k < d.length();) {
        UChar32 c = d.char32At(k);
        k += U16_LENGTH(c);
        if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
        kept.append(static_cast<UChar32>(u_tolower(c)));
      }
      if (kept.isEmpty() && u_charType(static_cast<UChar32>(cp)) == U_NON_SPACING_MARK) continue;
      kept.toUTF8String(e);
    }
  }
};

const FoldTable& Table() {
  static const FoldTable* table = new FoldTable();
  return *table;
}

}  // namespace

std::string Fold(std::string_view s) {
  const FoldTable& t = Table();
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    char32_t cp = DecodeUtf8(s, &i);
    if (cp < kTableSize) {
      out += t.entries[cp];
    } else {
      AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))), &out);
    }
  }
  return out;
}

CodePointIndex::CodePointIndex(std::string_view text) {
  total_bytes_ = text.size();
  size_t i = 0;
  byte_of_cp_.reserve(text.size());
  while (i < text.size()) {
    byte_of_cp_.push_back(static_cast<uint32_t>(i));
    DecodeUtf8(text, &i);
  }
  total_cps_ = byte_of_cp_.size();
}

size_t CodePointIndex::ToCodePoint(size_t byte_offset) const {
  if (byte_offset >= total_bytes_) return total_cps_;
  auto it = std::upper_bound(byte_of_cp_.begin(), byte_of_cp_.end(),
                             static_cast<uint32_t>(byte_offset));
  return static_cast<size_t>(it - byte_of_cp_.begin()) - 1;
}

size_t CodePointIndex::ToByte(size_t cp) const {
  if (cp >= total_cps_) return total_bytes_;
  return byte_of_cp_[cp];
}

size_t CodePointLength(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  return u_isalnum(static_cast<UChar32>(cp)) || u_charType(static_cast<UChar32>(cp)) == U_NON_SPACING_MARK;
}

bool IsUpperCase(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return u_isupper(static_cast<UChar32>(cp));
}

static bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t cp = DecodeUtf8(s, &i);
    if (!IsWordChar(cp)) continue;
    size_t end = i;
    while (end < s.size()) {
      size_t j = end;
      char32_t c = DecodeUtf8(s, &j);
      if (IsWordChar(c)) {
        end = j;
        continue;
      }
      if (IsApostrophe(c) && j < s.size()) {  // keep "JW's", "d'Alembert" whole
        size_t k = j;
        if (IsWordChar(DecodeUtf8(s, &k))) {
          end = k;
          continue;
        }
      }
      break;
    }
    Token t;
    t.begin = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(end);
    t.folded = Fold(s.substr(start, end - start));
    tokens.push_back(std::move(t));
    i = end;
  }
  return tokens;
}

std::vector<std::string> FoldedWords(std::string_view s) {
  std::vector<std::string> words;
  for (Token& t : Tokenize(s)) words.push_back(std::move(t.folded));
  return words;
}

std::string_view TrimSpace(std::string_view s) {
  auto is_space_at_front = [&](size_t* len) {
    size_t i = 0;
    char32_t cp = DecodeUtf8(s, &i);
    *len = i;
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0xFEFF || cp == 0x2009 || cp == 0x200B || cp == 0x202F ||
           cp == 0x3000;
  };
  size_t len;
  while (!s.empty() && is_space_at_front(&len)) s.remove_prefix(len);
  while (!s.empty()) {
    size_t k = s.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    std::string_view tail = s.substr(k);
    size_t i = 0;
    char32_t cp = DecodeUtf8(tail, &i);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
        cp == 0xA0 || cp == 0xFEFF || cp == 0x2009 || cp == 0x200B || cp == 0x202F || cp == 0x3000) {
      s.remove_suffix(s.size() - k);
    } else {
      break;
    }
  }
  return s;
}

std::string CollapseSpace(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false, pending_newline = false;
  for (char c : s) {
    if (c == '\n' && keep_newlines) {
      pending_newline = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      pending_space = true;
      continue;
    }
    if (!out.empty()) {
      if (pending_newline) out.push_back('\n');
      else if (pending_space) out.push_back(' ');
    }
    pending_space = pending_newline = false;
    out.push_back(c);
  }
  return out;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') continue;
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace headwater
