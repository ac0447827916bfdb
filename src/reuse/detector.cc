// The detector in the order of its steps: Prepare (shingle once, with offsets and ranks) ->
// Sketch -> LshIndex::RankedCandidates (capped) -> for each candidate, its distinct shingles
// from the cache, or else, when the candidate shares enough rare keys, fetched and shingled ->
// CompareSorted (quick: containments first) -> Classify -> Orient -> LshIndex::Add -> cache
// the article's shingles.
//
// Why uncached candidates are gated: in a stream of a million articles, most candidates older
// than the cache share one stock 5-gram ("the president said on Monday") with the new article,
// an anchor that hundreds of articles have. Fetching and re-shingling them cost more than
// everything else together and found nothing. A copied passage of a few sentences gives
// several shared anchors, or one that few articles have; LshIndex::Candidate::rarity says which.
#include "reuse/detector.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>

namespace headwater::reuse {

ReuseDetector::ReuseDetector(Options options) : options_(options), index_(options) {}

void ReuseDetector::Cache(const Article& article, uint64_t text_hash,
                          const std::vector<uint64_t>& sorted) {
  if (options_.cache_articles == 0) return;
  auto it = cache_of_.find(article.id);
  size_t slot;
  if (it != cache_of_.end()) {
    slot = it->second;
  } else {
    if (ring_.size() < options_.cache_articles) {
      ring_.emplace_back();
      slot = ring_.size() - 1;
    } else {
      slot = next_;
      next_ = (next_ + 1) % ring_.size();
      cache_of_.erase(ring_[slot].id);
    }
    cache_of_[article.id] = slot;
  }
  Cached& c = ring_[slot];
  c.id = article.id;
  c.text_hash = text_hash;
  c.high.resize(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) c.high[i] = static_cast<uint32_t>(sorted[i] >> 32);
  c.high.shrink_to_fit();
}

ReuseDetector::Prepared ReuseDetector::Prepare(const Article& article, const Options& options) {
  Prepared p;
  p.text = internal::Prepare(article.text, options);
  p.signature = Sketch(p.text.sequence, options);
  p.text_hash = XXH3_64bits(article.text.data(), article.text.size());
  return p;
}

std::vector<ReuseEdge> ReuseDetector::Process(const Article& article, const Fetch& fetch) {
  return Process(article, Prepare(article, options_), fetch);
}

std::vector<ReuseEdge> ReuseDetector::Process(const Article& article, Prepared p,
                                              const Fetch& fetch) {
  std::vector<ReuseEdge> edges;
  const internal::PreparedText& prepared = p.text;
  last_signature_ = std::move(p.signature);
  if (last_signature_.empty()) {
    index_.Remove(article.id);
    return edges;
  }
  const uint64_t text_hash = p.text_hash;
  std::optional<Comparison> self_comparison;
  Article stub;  // marks a candidate found in the cache
  const int query_keys = static_cast<int>(last_signature_.anchors.size()) +
                         (last_signature_.mins.empty() ? 0 : options_.bands);
  for (const LshIndex::Candidate& candidate :
       index_.RankedCandidates(last_signature_, options_.max_candidates + 1)) {
    if (candidate.id == article.id) continue;
    const Article* other = nullptr;
    const std::vector<uint32_t>* cached_high = nullptr;
    bool identical = false;
    internal::PreparedText fetched;
    auto cached = cache_of_.find(candidate.id);
    if (cached != cache_of_.end()) {
      const Cached& c = ring_[cached->second];
      other = &stub;
      cached_high = &c.high;
      identical = c.text_hash == text_hash;
    } else {
      if (!fetch) continue;
      // Shared keys: enough of them, or rare ones, or at least half of the shorter text's
      // (a short wire item has one or two anchors, each shared by all its copies).
      const int fewer_keys = std::min(candidate.keys, query_keys);
      if (candidate.votes < options_.min_uncached_votes &&
          candidate.rarity < options_.min_uncached_rarity && 2 * candidate.votes < fewer_keys) {
        ++skipped_;
        continue;
      }
      ++fetched_;
      other = fetch(candidate.id);
      if (other == nullptr) continue;
      identical = other->text == article.text;
      if (!identical) fetched = internal::Prepare(other->text, options_);
    }
    Comparison comparison;
    if (identical) {  // a flood of identical copies: compare once
      if (!self_comparison) {
        self_comparison =
            internal::CompareSorted(prepared, article.text, prepared.sorted, options_);
      }
      comparison = *self_comparison;
    } else if (cached_high != nullptr) {
      comparison = internal::CompareSorted(prepared, article.text, *cached_high, options_,
                                           /*quick=*/true);
    } else {
      comparison = internal::CompareSorted(prepared, article.text, fetched.sorted, options_,
                                           /*quick=*/true);
    }
    ReuseClass cls = Classify(comparison, options_);
    if (cls == ReuseClass::kNone) continue;
    if (other == &stub) {  // an edge to a cached article: it must still exist
      if (!fetch) continue;
      other = fetch(candidate.id);
      if (other == nullptr) continue;
    }
    edges.push_back(Orient(article, *other, comparison, cls));
    if (edges.size() >= options_.max_candidates) break;
  }
  index_.Add(article.id, last_signature_);
  Cache(article, text_hash, prepared.sorted);
  return edges;
}

void ReuseDetector::Add(ArticleId id, const Signature& sig) { index_.Add(id, sig); }

}  // namespace headwater::reuse
