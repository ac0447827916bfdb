// Banded MinHash LSH.
//
// Signature slots are cut into `bands` runs of `rows` slots; each run hashes (XXH3-64, seeded by
// the band number) to a band key, so equal runs in different bands never collide on purpose.
// Each anchor shingle (the signature's lowest shingle hashes) is a key of its own: one shared
// anchor makes a candidate, which is how a short copy inside a long page is found. All keys
// share one open-addressing table from band key to a posting: one article index
// inline (the common case: most keys belong to one article) or an index into a side list when
// several articles share the key (wire copies). Removing an article takes it out of its
// postings; a key left without articles stays as a dead slot until the next rehash, which drops
// dead slots. For Remove() each article keeps the low 32 bits of its band keys: a slot matches
// when its key's low bits agree and its posting holds the article, which is unambiguous unless
// one article has two band keys equal in 32 bits, and even then each removal removes one entry.
#include "reuse/lsh_index.h"

#include <xxhash.h>

#include <algorithm>

namespace headwater::reuse {

LshIndex::LshIndex(Options options) : options_(options) {
  bands_ = std::max(1, options_.bands);
  rows_ = std::max(1, options_.num_hashes / bands_);
  Rehash(1024);
}

std::vector<uint64_t> LshIndex::Keys(const Signature& sig) const {
  std::vector<uint64_t> keys;
  if (sig.empty()) return keys;
  keys.reserve(bands_ + sig.anchors.size());
  if (sig.mins.size() >= static_cast<size_t>(bands_) * rows_) {
    for (int b = 0; b < bands_; ++b) {
      uint64_t key = XXH3_64bits_withSeed(sig.mins.data() + static_cast<size_t>(b) * rows_,
                                          sizeof(uint32_t) * rows_, static_cast<uint64_t>(b) + 1);
      keys.push_back(key);
    }
  }
  for (uint64_t anchor : sig.anchors) {
    // Anchors have zero high bits; rehash so keys spread over the table (seed 0 = anchors).
    keys.push_back(XXH3_64bits_withSeed(&anchor, sizeof(anchor), 0));
  }
  for (uint64_t& key : keys) key = key == 0 ? 1 : key;
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

size_t LshIndex::Find(uint64_t key) const {
  const size_t mask = keys_.size() - 1;
  for (size_t p = key & mask;; p = (p + 1) & mask) {
    if (keys_[p] == key) return p;
    if (keys_[p] == 0) return SIZE_MAX;
  }
}

size_t LshIndex::FindLow(uint32_t key_low, uint32_t article) const {
  const size_t mask = keys_.size() - 1;
  for (size_t p = key_low & mask;; p = (p + 1) & mask) {
    if (keys_[p] == 0) return SIZE_MAX;
    if (static_cast<uint32_t>(keys_[p]) != key_low) continue;
    uint32_t post = postings_[p];
    if (post == article) return p;
    if (post != kNoArticle && (post & kListBit)) {
      const auto& list = lists_[post & ~kListBit];
      if (std::find(list.begin(), list.end(), article) != list.end()) return p;
    }
  }
}

void LshIndex::Insert(uint64_t key, uint32_t article) {
  if ((used_ + 1) * 10 > keys_.size() * 7) Rehash((used_ - dead_ + 1) * 2);
  const size_t mask = keys_.size() - 1;
  size_t p = key & mask;
  while (keys_[p] != 0 && keys_[p] != key) p = (p + 1) & mask;
  if (keys_[p] == 0) {
    keys_[p] = key;
    postings_[p] = article;
    ++used_;
    return;
  }
  uint32_t& post = postings_[p];
  if (post == kNoArticle) {
    post = article;
    --dead_;
  } else if (post & kListBit) {
    lists_[post & ~kListBit].push_back(article);
  } else {
    uint32_t list;
    if (!free_lists_.empty()) {
      list = free_lists_.back();
      free_lists_.pop_back();
    } else {
      list = static_cast<uint32_t>(lists_.size());
      lists_.emplace_back();
    }
    lists_[list] = {post, article};
    post = kListBit | list;
  }
}

void LshIndex::Erase(size_t slot, uint32_t article) {
  uint32_t& post = postings_[slot];
  if (post == article) {
    post = kNoArticle;
    ++dead_;
    return;
  }
  if (post == kNoArticle || !(post & kListBit)) return;
  const uint32_t list_index = post & ~kListBit;
  auto& list = lists_[list_index];
  auto it = std::find(list.begin(), list.end(), article);
  if (it != list.end()) list.erase(it);
  if (list.size() == 1) {
    post = list[0];
    std::vector<uint32_t>().swap(list);
    free_lists_.push_back(list_index);
  }
}

void LshIndex::Rehash(size_t min_capacity) {
  size_t capacity = 1024;
  while (capacity < min_capacity) capacity <<= 1;
  std::vector<uint64_t> old_keys(capacity, 0);
  std::vector<uint32_t> old_postings(capacity, kNoArticle);
  old_keys.swap(keys_);
  old_postings.swap(postings_);
  const size_t mask = capacity - 1;
  used_ = dead_ = 0;
  for (size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] == 0) continue;
    if (old_postings[i] == kNoArticle) continue;  // dead key: dropped
    size_t p = old_keys[i] & mask;
    while (keys_[p] != 0) p = (p + 1) & mask;
    keys_[p] = old_keys[i];
    postings_[p] = old_postings[i];
    ++used_;
  }
}

void LshIndex::Add(ArticleId id, const Signature& sig) {
  Remove(id);
  std::vector<uint64_t> keys = Keys(sig);
  if (keys.empty()) return;
  uint32_t article;
  if (!free_articles_.empty()) {
    article = free_articles_.back();
    free_articles_.pop_back();
    ids_[article] = id;
  } else {
    article = static_cast<uint32_t>(ids_.size());
    ids_.push_back(id);
    article_keys_.emplace_back();
  }
  slot_of_[id] = article;
  std::vector<uint32_t>& low = article_keys_[article];
  low.clear();
  low.reserve(keys.size());
  for (uint64_t key : keys) {
    low.push_back(static_cast<uint32_t>(key));
    Insert(key, article);
  }
}

void LshIndex::Remove(ArticleId id) {
  auto it = slot_of_.find(id);
  if (it == slot_of_.end()) return;
  const uint32_t article = it->second;
  slot_of_.erase(it);
  for (uint32_t key_low : article_keys_[article]) {
    size_t slot = FindLow(key_low, article);
    if (slot != SIZE_MAX) Erase(slot, article);
  }
  std::vector<uint32_t>().swap(article_keys_[article]);
  free_articles_.push_back(article);
  if (dead_ > 4096 && dead_ * 2 > used_) Rehash((used_ - dead_) * 2);
}

void LshIndex::Posting(size_t slot, std::vector<uint32_t>* out) const {
  uint32_t post = postings_[slot];
  if (post == kNoArticle) return;
  if (!(post & kListBit)) {
    out->push_back(post);
    return;
  }
  const auto& list = lists_[post & ~kListBit];
  const size_t take = std::min(list.size(), std::max<size_t>(1, options_.max_bucket));
  out->insert(out->end(), list.end() - static_cast<std::ptrdiff_t>(take), list.end());
}

std::vector<LshIndex::Candidate> LshIndex::RankedCandidates(const Signature& sig,
                                                            size_t limit) const {
  std::vector<Candidate> result;
  std::vector<uint32_t> hits;
  for (uint64_t key : Keys(sig)) {
    size_t slot = Find(key);
    if (slot != SIZE_MAX) Posting(slot, &hits);
  }
  std::sort(hits.begin(), hits.end());
  for (size_t i = 0; i < hits.size();) {
    size_t j = i;
    while (j < hits.size() && hits[j] == hits[i]) ++j;
    result.push_back({ids_[hits[i]], static_cast<int>(j - i)});
    i = j;
  }
  auto better = [](const Candidate& x, const Candidate& y) {
    return x.votes != y.votes ? x.votes > y.votes : x.id < y.id;
  };
  if (result.size() > limit) {
    std::partial_sort(result.begin(), result.begin() + static_cast<std::ptrdiff_t>(limit),
                      result.end(), better);
    result.resize(limit);
  } else {
    std::sort(result.begin(), result.end(), better);
  }
  return result;
}

std::vector<ArticleId> LshIndex::Candidates(const Signature& sig) const {
  std::vector<ArticleId> ids;
  for (const Candidate& c : RankedCandidates(sig, SIZE_MAX)) ids.push_back(c.id);
  return ids;
}

size_t LshIndex::MemoryBytes() const {
  size_t bytes = keys_.capacity() * sizeof(uint64_t) + postings_.capacity() * sizeof(uint32_t) +
                 lists_.capacity() * sizeof(std::vector<uint32_t>) +
                 free_lists_.capacity() * sizeof(uint32_t) + ids_.capacity() * sizeof(ArticleId) +
                 article_keys_.capacity() * sizeof(std::vector<uint32_t>) +
                 free_articles_.capacity() * sizeof(uint32_t);
  for (const auto& list : lists_) bytes += list.capacity() * sizeof(uint32_t);
  for (const auto& keys : article_keys_) bytes += keys.capacity() * sizeof(uint32_t);
  // unordered_map: a node (next pointer, key, value, cached hash) plus a bucket pointer.
  bytes += slot_of_.size() * (sizeof(void*) + sizeof(ArticleId) + 8 + sizeof(size_t)) +
           slot_of_.bucket_count() * sizeof(void*);
  return bytes;
}

}  // namespace headwater::reuse
