// The detector in the order of its steps: Prepare (shingle once, with offsets) -> Sketch ->
// LshIndex::RankedCandidates (capped) -> fetch + ComparePrepared per candidate -> Classify ->
// Orient -> LshIndex::Add.
#include "reuse/detector.h"

#include <algorithm>
#include <optional>

namespace headwater::reuse {

ReuseDetector::ReuseDetector(Options options) : options_(options), index_(options) {}

std::vector<ReuseEdge> ReuseDetector::Process(const Article& article, const Fetch& fetch) {
  std::vector<ReuseEdge> edges;
  internal::PreparedText prepared = internal::Prepare(article.text, options_);
  last_signature_ = Sketch(prepared.sequence, options_);
  if (last_signature_.empty()) {
    index_.Remove(article.id);
    return edges;
  }
  std::optional<Comparison> self_comparison;
  for (const LshIndex::Candidate& candidate :
       index_.RankedCandidates(last_signature_, options_.max_candidates + 1)) {
    if (candidate.id == article.id) continue;
    if (!fetch) break;
    const Article* other = fetch(candidate.id);
    if (other == nullptr) continue;
    Comparison comparison;
    if (other->text == article.text) {  // a flood of identical copies: compare once
      if (!self_comparison) {
        self_comparison = internal::ComparePrepared(prepared, article.text, prepared, options_);
      }
      comparison = *self_comparison;
    } else {
      internal::PreparedText other_prepared = internal::Prepare(other->text, options_);
      comparison = internal::ComparePrepared(prepared, article.text, other_prepared, options_);
    }
    ReuseClass cls = Classify(comparison, options_);
    if (cls == ReuseClass::kNone) continue;
    edges.push_back(Orient(article, *other, comparison, cls));
    if (edges.size() >= options_.max_candidates) break;
  }
  index_.Add(article.id, last_signature_);
  return edges;
}

void ReuseDetector::Add(ArticleId id, const Signature& sig) { index_.Add(id, sig); }

}  // namespace headwater::reuse
