// Cue tagger: which tokens to score, scoring and merging, vocabulary induction, and the
// built-in English tagger (weights in cue_tagger_en.cc).
#include "attribution/cue_tagger.h"

#include <algorithm>
#include <unordered_map>

namespace headwater::attribution {

extern const char* const kEnglishCueTaggerFeatures[];
extern const float kEnglishCueTaggerWeights[];
extern const size_t kEnglishCueTaggerSize;
extern const float kEnglishCueTaggerBias;
extern const char* const kEnglishCueTaggerVocabulary[];
extern const size_t kEnglishCueTaggerVocabularySize;

const CueModel& EnglishCueTagger() {
  static const CueModel* kTagger = [] {
    std::unordered_map<std::string, float> w;
    w.reserve(kEnglishCueTaggerSize);
    for (size_t i = 0; i < kEnglishCueTaggerSize; ++i)
      w.emplace(kEnglishCueTaggerFeatures[i], kEnglishCueTaggerWeights[i]);
    std::vector<std::string> vocab(kEnglishCueTaggerVocabulary,
                                   kEnglishCueTaggerVocabulary + kEnglishCueTaggerVocabularySize);
    return new CueModel(std::move(w), kEnglishCueTaggerBias, std::move(vocab));
  }();
  return *kTagger;
}

bool IsCueParticle(std::string_view w) {
  return w == "about" || w == "out" || w == "against" || w == "for" || w == "back";
}

std::vector<bool> CoveredByCues(const std::vector<Token>& tokens,
                                const std::vector<CueMatch>& matches) {
  std::vector<bool> covered(tokens.size(), false);
  for (const CueMatch& m : matches) {
    for (size_t k = 0; k < m.count && m.first + k < tokens.size(); ++k) covered[m.first + k] = true;
    const size_t after = m.first + m.count;
    if (after < tokens.size() && IsCueParticle(tokens[after].folded)) covered[after] = true;
    // The extractor takes up to three auxiliaries/adverbs before a verb cue into it.
    for (size_t k = m.first, n = 0; k > 0 && n < 3; --k, ++n) {
      const std::string& w = tokens[k - 1].folded;
      if (!IsAuxiliary(w) && !IsAdverb(w)) break;
      covered[k - 1] = true;
    }
  }
  return covered;
}

std::vector<size_t> TaggerTokens(const CueModel& tagger, const std::vector<Token>& tokens,
                                 const std::vector<bool>& covered) {
  std::vector<size_t> out;
  if (tagger.candidates().empty()) return out;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (!covered[i] && tagger.Candidate(tokens[i].folded)) out.push_back(i);
  return out;
}

std::vector<TaggedCue> TagCues(const CueModel& tagger,
                               const std::vector<std::vector<std::string>>& features,
                               const std::vector<size_t>& tokens, double threshold) {
  std::vector<TaggedCue> out;
  for (size_t i : tokens) {
    if (i >= features.size()) break;
    double p = tagger.Score(features[i]);
    if (p < threshold) continue;
    if (!out.empty() && out.back().first + out.back().count == i) {
      ++out.back().count;
      out.back().probability = std::max(out.back().probability, p);
    } else {
      out.push_back({i, 1, p});
    }
  }
  return out;
}

std::vector<std::string> InduceTaggerVocabulary(const std::vector<std::string>& positives,
                                                int min_count) {
  std::unordered_map<std::string, int> count;
  for (const std::string& w : positives) ++count[w];
  std::vector<std::string> out;
  for (const auto& [w, c] : count) {
    if (c < min_count || w.empty() || IsAuxiliary(w) || IsBeForm(w) || IsPronoun(w) ||
        IsNonFiniteMarker(w) || IsRelativePronoun(w) || w == "and" || w == "the")
      continue;
    out.push_back(w);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace headwater::attribution
