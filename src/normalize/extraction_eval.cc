// Mirrors the benchmark's evaluate.py: a text of fewer tokens than a shingle yields one shorter
// shingle (the whole token list), an empty text none.
#include "normalize/extraction_eval.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <unordered_map>

#include "common/text.h"

namespace headwater::normalize {

namespace {

bool IsPythonWordChar(char32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  int8_t t = u_charType(static_cast<UChar32>(cp));
  switch (t) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

// Shingles are keyed by their token span joined with a separator no token contains.
std::unordered_map<std::string, int> Shingles(std::string_view text, int n) {
  std::vector<std::string_view> tok = WordTokens(text);
  std::unordered_map<std::string, int> out;
  if (tok.empty()) return out;
  size_t count = tok.size() >= static_cast<size_t>(n) ? tok.size() - n + 1 : 1;
  out.reserve(count);
  std::string key;
  for (size_t i = 0; i < count; ++i) {
    key.clear();
    for (size_t j = i; j < std::min(tok.size(), i + n); ++j) {
      key.append(tok[j]);
      key.push_back(' ');
    }
    ++out[key];
  }
  return out;
}

}  // namespace

std::vector<std::string_view> WordTokens(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  size_t start = std::string_view::npos;
  while (i < text.size()) {
    size_t at = i;
    char32_t cp = DecodeUtf8(text, &i);
    bool w = IsPythonWordChar(cp);
    if (w && start == std::string_view::npos) start = at;
    if (!w && start != std::string_view::npos) {
      out.push_back(text.substr(start, at - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) out.push_back(text.substr(start));
  return out;
}

PageOverlap ShingleOverlap(std::string_view truth, std::string_view predicted,
                           const ExtractionEvalOptions& o) {
  auto t = Shingles(truth, o.shingle_tokens);
  auto p = Shingles(predicted, o.shingle_tokens);
  PageOverlap r;
  for (const auto& [k, tc] : t) {
    auto it = p.find(k);
    int pc = it == p.end() ? 0 : it->second;
    r.tp += std::min(tc, pc);
    r.fn += std::max(0, tc - pc);
    r.fp += std::max(0, pc - tc);
  }
  for (const auto& [k, pc] : p)
    if (!t.count(k)) r.fp += pc;
  double s = r.tp + r.fp + r.fn;
  if (s > 0) {
    r.tp /= s;
    r.fp /= s;
    r.fn /= s;
  }
  return r;
}

ExtractionScore ScoreExtraction(const std::vector<std::string>& truth,
                                const std::vector<std::string>& predicted,
                                const ExtractionEvalOptions& o) {
  ExtractionScore s;
  double psum = 0, rsum = 0;
  size_t pn = 0, rn = 0, exact = 0;
  size_t n = std::min(truth.size(), predicted.size());
  for (size_t i = 0; i < n; ++i) {
    PageOverlap ov = ShingleOverlap(truth[i], predicted[i], o);
    if (ov.tp + ov.fp + ov.fn == 0) {  // both empty: a perfect page
      psum += 1;
      rsum += 1;
      ++pn;
      ++rn;
    } else {
      if (ov.tp + ov.fp > 0) {
        psum += ov.tp / (ov.tp + ov.fp);
        ++pn;
      }
      if (ov.tp + ov.fn > 0) {
        rsum += ov.tp / (ov.tp + ov.fn);
        ++rn;
      }
    }
    if (WordTokens(truth[i]) == WordTokens(predicted[i])) ++exact;
  }
  s.pages = n;
  s.precision = pn ? psum / pn : 0;
  s.recall = rn ? rsum / rn : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  s.accuracy = n ? static_cast<double>(exact) / n : 0;
  return s;
}

}  // namespace headwater::normalize
