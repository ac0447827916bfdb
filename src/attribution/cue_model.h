// A learned English attribution filter: a logistic regression over sparse features of a
// candidate attribution's cue token in context and of its spans, giving the probability that
// the candidate is a real attribution (cue, source and content all right), so the extractor can
// drop lexicon cues the context rules out ("called" a name, "show", "want" of a plan).
//
// Features (CueFeatures) use only the token stream: the folded word, its suffixes, its
// neighbours (one and two tokens each side, and word pairs), its capitalisation and place in
// the sentence, the punctuation before and after it (comma, quote, colon, dash), whether it is
// inside a quotation, whether "that" follows within three tokens, whether a capitalised word or
// a quotation stands to its left, and whether the lexicon matched it; plus the candidate's
// spans (AttributionFeatures). The weights are trained
// offline on PolNeAR *train* only (tests/attribution/cue_model_train_test.cc, which writes
// cue_model_en.cc: feature names and weights, never article text).
//
// Thread-safety: a CueModel is immutable after construction; Score() is const and may run
// concurrently. CueFeatures is a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "attribution/lexicon.h"
#include "attribution/spans.h"
#include "common/model.h"
#include "common/text.h"

namespace headwater::attribution {

// What the features of one text are computed from (all views must outlive the call).
struct CueFeatureInput {
  std::string_view text;
  const std::vector<Token>* tokens = nullptr;
  const std::vector<Sentence>* sentences = nullptr;
  const std::vector<Span>* quoted = nullptr;       // QuotedRegions(text)
  const std::vector<CueMatch>* lexicon = nullptr;  // CueMatcher::Match over the tokens
};

// Feature names of every token of the text, index-aligned with *in.tokens; when `wanted` is
// given, only tokens i with (*wanted)[i] get features (the others stay empty).
std::vector<std::vector<std::string>> CueFeatures(const CueFeatureInput& in,
                                                  const std::vector<bool>* wanted = nullptr);

// Appends features of a candidate attribution's spans (byte spans into `text`): source length,
// first/last words and word classes (pronoun, role, official, anonymous, document, media),
// whether it is sourceless, content length and first word, whether the content comes before the
// cue, starts with a quotation, or has several pieces.
void AttributionFeatures(std::string_view text, Span cue, const std::vector<Span>& source,
                         const std::vector<Span>& content, std::vector<std::string>* features);

class CueModel {
 public:
  CueModel() = default;
  // `candidates`: folded words the extractor tries as extra verb cues where the lexicon has
  // none, each kept only when the model scores it at least Options::cue_add_threshold. A
  // preposition ("in", "per", "via") becomes a kAccordingTo entry, any other word a kVerb one.
  CueModel(std::unordered_map<std::string, float> weights, float bias,
           std::vector<std::string> candidates = {});

  // The model trained on PolNeAR train (cue_model_en.cc); built once, thread-safe static.
  static const CueModel& English();

  // Probability in [0,1] (higher = more likely part of a cue) of a token with `features`.
  double Score(const std::vector<std::string>& features) const;

  const std::unordered_map<std::string, float>& weights() const { return weights_; }
  float bias() const { return bias_; }
  bool empty() const { return weights_.empty(); }
  // The candidate cue entry for a folded word, or null.
  const CueEntry* Candidate(std::string_view word) const;
  const std::vector<CueEntry>& candidates() const { return candidates_; }

 private:
  std::vector<CueEntry> candidates_;
  std::unordered_map<std::string_view, size_t> candidate_index_;
  WordSignature candidate_signature_;  // prefilter for candidate_index_
  std::unordered_map<std::string, float> weights_;
  float bias_ = 0;
};

// Folded single-word cues that gold annotations of `docs_cues` (cue texts) use at least
// `min_count` times and the built-in lexicon does not start with: candidate cues.
std::vector<std::string> InduceCandidateCues(const std::vector<std::string>& cue_texts,
                                             int min_count);

// Trains a logistic regression by stochastic gradient descent (AdaGrad steps, L2 penalty
// `l2`) on `examples` (feature lists) with `labels` (true = cue). Features seen fewer than
// `min_count` times are ignored. Deterministic.
CueModel TrainCueModel(const std::vector<std::vector<std::string>>& examples,
                       const std::vector<bool>& labels, int epochs = 6, double l2 = 1e-6,
                       int min_count = 2);

}  // namespace headwater::attribution
