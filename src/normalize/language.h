// Language identification of article text with CLD2 (Compact Language Detector 2).
//
// Returns ISO 639-1 codes ("en", "es", "pt"), or "und" when the text is too short to tell
// (fewer than LanguageOptions::min_letters letters) or CLD2 says its answer is unreliable.
// Thread-safety: DetectLanguage may run concurrently (CLD2's tables are read-only).
#pragma once

#include <string>
#include <string_view>

namespace headwater::normalize {

struct LanguageOptions {
  // Texts with fewer letters than this give "und": CLD2 guesses poorly on a headline.
  size_t min_letters = 40;
  // Only this many leading bytes are examined (CLD2's accuracy saturates long before).
  size_t max_bytes = 64 * 1024;
};

struct LanguageGuess {
  std::string lang = "und";  // ISO 639-1, or "und"
  // Share of the examined text CLD2 attributes to lang, in [0,1]; higher = surer. 0 for "und".
  double confidence = 0;
};

LanguageGuess DetectLanguage(std::string_view text, const LanguageOptions& o = {});

}  // namespace headwater::normalize
