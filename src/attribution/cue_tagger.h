// The learned token-level cue tagger: proposes cue words the lexicon lacks ("asked" of a
// question, "in" before a poll, "support", "plans", "criticized"), next to the lexicon.
//
// A tagger is a CueModel (cue_model.h) whose weights score ONE token from CueFeatures (its word,
// suffixes, neighbours, capitalisation, punctuation around it, whether it is inside a quotation,
// whether "that" follows, the lexicon matches around it), and whose `candidates` are its
// vocabulary: the folded words that gold cues of PolNeAR *train* use, outside the lexicon's
// matches, at least a few times. Only vocabulary tokens outside the lexicon's matches (and the
// auxiliaries the extractor already adds to a verb cue) are scored, so the tagger costs one
// hash lookup for most tokens. Adjacent proposed tokens form one cue. The extractor treats a
// proposal like a lexicon cue (a preposition as "according to", anything else as a verb) and the
// learned attribution filter then keeps or drops the whole attribution.
//
// Weights are trained offline on PolNeAR train only by
// tests/attribution/cue_tagger_train_test.cc, which writes cue_tagger_en.cc (feature names,
// weights and the vocabulary, never article text).
//
// Thread-safety: all functions are pure; EnglishCueTagger() is built once (thread-safe static).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "attribution/cue_model.h"
#include "attribution/lexicon.h"
#include "common/text.h"

namespace headwater::attribution {

// The tagger trained on PolNeAR train (cue_tagger_en.cc). Its candidates' CueEntry kinds are
// kAccordingTo for prepositions ("in", "from", "per") and kVerb otherwise.
const CueModel& EnglishCueTagger();

// Particles after a verb cue PolNeAR includes in the cue ("asked about", "lashed out", "argued
// against", "called for", "fired back"); on PolNeAR train each is inside the gold cue in at least
// two of three cases where it directly follows a predicted verb cue.
bool IsCueParticle(std::string_view w);

// Tokens the tagger must not propose, index-aligned with `tokens`: those inside `matches`, the
// auxiliaries and adverbs right before a match ("has also said") and a particle right after one
// ("asked about"): the extractor extends a verb cue over them.
std::vector<bool> CoveredByCues(const std::vector<Token>& tokens,
                                const std::vector<CueMatch>& matches);

// Indices of the tokens the tagger scores: not covered, and in the tagger's vocabulary.
std::vector<size_t> TaggerTokens(const CueModel& tagger, const std::vector<Token>& tokens,
                                 const std::vector<bool>& covered);

// One proposed cue: tokens [first, first + count) and the highest token probability in it
// (in [0,1], higher = more likely a cue word).
struct TaggedCue {
  size_t first = 0, count = 0;
  double probability = 0;
};

// Scores `tokens` (ascending indices into the text's tokens) with `tagger` from `features`
// (CueFeatures of the text, filled at least for those tokens) and returns those with probability
// >= `threshold`, adjacent ones merged, in text order.
std::vector<TaggedCue> TagCues(const CueModel& tagger,
                               const std::vector<std::vector<std::string>>& features,
                               const std::vector<size_t>& tokens, double threshold);

// Folded words that occur in `positives` (folded words of gold cue tokens outside the lexicon's
// coverage) at least `min_count` times, excluding auxiliaries, pronouns and determiners: the
// tagger's vocabulary, sorted.
std::vector<std::string> InduceTaggerVocabulary(const std::vector<std::string>& positives,
                                                int min_count);

}  // namespace headwater::attribution
