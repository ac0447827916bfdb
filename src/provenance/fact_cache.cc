// FactCache: per-article facts kept across Analyze() calls (see fact_cache.h).
#include "provenance/fact_cache.h"

#include <xxhash.h>

#include "reuse/wire_credit.h"

namespace headwater::provenance {
namespace {

// XXH3-64 of the text and the byline, with the byline's length so that moving bytes between the
// two changes the hash.
uint64_t HashOf(const Article& a) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  uint64_t sizes[2] = {a.text.size(), a.byline.size()};
  XXH3_64bits_update(state, sizes, sizeof(sizes));
  XXH3_64bits_update(state, a.text.data(), a.text.size());
  XXH3_64bits_update(state, a.byline.data(), a.byline.size());
  uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

}  // namespace

ArticleTextFacts ComputeArticleTextFacts(const Article& a) {
  ArticleTextFacts f;
  f.retraction_cues = FindRetractionCues(a.text);
  f.wire_credit = reuse::WireCredit(a.text, a.byline);
  return f;
}

std::shared_ptr<const ArticleTextFacts> FactCache::Get(const Article& a) {
  uint64_t h = HashOf(a);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(a.id);
    if (it != entries_.end() && it->second.hash == h) {
      ++hits_;
      return it->second.facts;
    }
    ++misses_;
  }
  auto facts = std::make_shared<const ArticleTextFacts>(ComputeArticleTextFacts(a));
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= options_.max_entries && !entries_.count(a.id)) entries_.clear();
  entries_[a.id] = Entry{h, facts};
  return facts;
}

void FactCache::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

size_t FactCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

uint64_t FactCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

uint64_t FactCache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

}  // namespace headwater::provenance
