// CLD2 adapter. Steps: count letters (too few -> "und"); cut at max_bytes on a UTF-8 boundary
// and replace invalid UTF-8 (CLD2 requires valid input); ExtDetectLanguageSummary on plain text;
// unreliable or unknown -> "und"; map CLD2's codes to ISO 639-1 ("iw" -> "he", "zh-Hant" -> "zh").
#include "normalize/language.h"

#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>

#include "common/text.h"

namespace headwater::normalize {
namespace {

std::string Iso6391(const char* cld2_code) {
  std::string c = cld2_code ? cld2_code : "";
  if (c == "iw") return "he";
  if (c == "in") return "id";
  if (c == "ji") return "yi";
  if (c == "jw") return "jv";
  if (c == "zh-Hant") return "zh";
  if (c == "nb") return "no";
  size_t dash = c.find('-');
  if (dash != std::string::npos) c.resize(dash);
  return c.size() == 2 ? c : "und";  // three-letter codes have no ISO 639-1 form
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view text, const LanguageOptions& o) {
  LanguageGuess out;
  std::string_view head = text.substr(0, std::min(text.size(), o.max_bytes));
  while (!head.empty() && head.size() < text.size() &&
         (static_cast<unsigned char>(text[head.size()]) & 0xC0) == 0x80) {
    head.remove_suffix(1);
  }
  size_t letters = 0;
  for (size_t i = 0; i < head.size() && letters < o.min_letters;) {
    char32_t cp = DecodeUtf8(head, &i);
    if (IsWordChar(cp) && !(cp >= '0' && cp <= '9')) ++letters;
  }
  if (letters < o.min_letters) return out;
  std::string valid = SanitizeUtf8(head);
  CLD2::Language language3[3];
  int percent3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary(valid.data(), static_cast<int>(valid.size()),
                                                       /*is_plain_text=*/true, language3, percent3,
                                                       &text_bytes, &reliable);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return out;
  std::string code = Iso6391(CLD2::LanguageCode(lang));
  if (code == "und") return out;
  out.lang = code;
  out.confidence = language3[0] == lang ? percent3[0] / 100.0 : 0.5;
  return out;
}

}  // namespace headwater::normalize
