// The candidate index.
//
// Keys: each anchor of a Signature (a winnowed shingle hash; window minima are small numbers,
// so each is mixed by a bijective 64-bit finalizer first) and, with bands, each band of MinHash
// slots (XXH3-64 seeded by the band number). Only the high 32 bits of a key are stored, as its
// fingerprint; its home slot in the table is derived from the fingerprint, so the table can
// grow without the full key. Two different keys with one fingerprint share a posting: with
// 30 million keys (a million articles) a query key meets a foreign fingerprint with
// probability ~0.7%, a spurious candidate the exact step rejects.
//
// Postings: most keys belong to one article, kept inline in the table; a key shared by several
// articles points to a chain of 8-byte entries, newest first, so a flood of identical copies
// is capped (max_bucket) by reading the head of the chain. Removing an article marks it dead;
// queries skip dead articles, and when the dead outnumber the live (and exceed 1,024) Sweep()
// rebuilds the table, the chains and the dense numbering from the live articles.
#include "reuse/lsh_index.h"

#include <xxhash.h>

#include <algorithm>

namespace headwater::reuse {
namespace {

inline uint64_t Mix64(uint64_t x) {  // murmur3 fmix64: a bijection
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33;
  return x;
}

inline uint32_t Fingerprint(uint64_t key) {
  const uint32_t fp = static_cast<uint32_t>(key >> 32);
  return fp == 0 ? 1 : fp;
}

inline size_t Home(uint32_t fp, size_t mask) {
  return static_cast<size_t>((static_cast<uint64_t>(fp) * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
}

inline size_t IdHome(ArticleId id, size_t mask) {
  return static_cast<size_t>(Mix64(static_cast<uint64_t>(id))) & mask;
}

}  // namespace

LshIndex::LshIndex(Options options) : options_(options) {
  if (options_.bands > 0 && options_.num_hashes >= options_.bands) {
    bands_ = options_.bands;
    rows_ = options_.num_hashes / bands_;
  }
  Rehash(1024);
  RehashIds(1024);
}

std::vector<uint32_t> LshIndex::Keys(const Signature& sig) const {
  std::vector<uint32_t> keys;
  if (sig.empty()) return keys;
  keys.reserve(sig.anchors.size() + static_cast<size_t>(bands_));
  for (uint64_t anchor : sig.anchors) keys.push_back(Fingerprint(Mix64(anchor)));
  if (bands_ > 0 && sig.mins.size() >= static_cast<size_t>(bands_) * rows_) {
    for (int b = 0; b < bands_; ++b) {
      keys.push_back(Fingerprint(
          XXH3_64bits_withSeed(sig.mins.data() + static_cast<size_t>(b) * rows_,
                               sizeof(uint32_t) * rows_, static_cast<uint64_t>(b) + 1)));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

uint32_t LshIndex::FindKey(uint32_t fp) const {
  const size_t mask = fingerprints_.size() - 1;
  for (size_t p = Home(fp, mask);; p = (p + 1) & mask) {
    if (fingerprints_[p] == fp) return static_cast<uint32_t>(p);
    if (fingerprints_[p] == 0) return kNone;
  }
}

void LshIndex::InsertKey(uint32_t fp, uint32_t article) {
  if ((used_ + 1) * 10 > fingerprints_.size() * 8) Rehash(fingerprints_.size() * 2);
  const size_t mask = fingerprints_.size() - 1;
  size_t p = Home(fp, mask);
  while (fingerprints_[p] != 0 && fingerprints_[p] != fp) p = (p + 1) & mask;
  if (fingerprints_[p] == 0) {
    fingerprints_[p] = fp;
    postings_[p] = article;
    ++used_;
    return;
  }
  uint32_t& post = postings_[p];
  if (!(post & kChainBit)) {  // second article of this key: start a chain
    entries_.push_back({post, kNone});
    post = kChainBit | static_cast<uint32_t>(entries_.size() - 1);
  }
  entries_.push_back({article, post & ~kChainBit});
  post = kChainBit | static_cast<uint32_t>(entries_.size() - 1);
}

void LshIndex::Rehash(size_t min_capacity) {
  size_t capacity = 1024;
  while (capacity < min_capacity) capacity <<= 1;
  std::vector<uint32_t> fps(capacity, 0), posts(capacity, 0);
  const size_t mask = capacity - 1;
  for (size_t i = 0; i < fingerprints_.size(); ++i) {
    if (fingerprints_[i] == 0) continue;
    size_t p = Home(fingerprints_[i], mask);
    while (fps[p] != 0) p = (p + 1) & mask;
    fps[p] = fingerprints_[i];
    posts[p] = postings_[i];
  }
  fingerprints_.swap(fps);
  postings_.swap(posts);
}

void LshIndex::Sweep() {
  // New dense numbers for the live articles, in their old order.
  std::vector<uint32_t> renumber(ids_.size(), kNone);
  std::vector<ArticleId> ids;
  std::vector<uint16_t> key_counts;
  for (size_t i = 0; i < ids_.size(); ++i) {
    if (!alive_[i]) continue;
    renumber[i] = static_cast<uint32_t>(ids.size());
    ids.push_back(ids_[i]);
    key_counts.push_back(key_counts_[i]);
  }
  std::vector<uint32_t> old_fps, old_posts;
  old_fps.swap(fingerprints_);
  old_posts.swap(postings_);
  std::vector<Entry> old_entries;
  old_entries.swap(entries_);
  fingerprints_.assign(old_fps.size(), 0);
  postings_.assign(old_fps.size(), 0);
  used_ = 0;
  std::vector<uint32_t> chain;
  for (size_t s = 0; s < old_fps.size(); ++s) {
    if (old_fps[s] == 0) continue;
    chain.clear();  // newest first
    uint32_t post = old_posts[s];
    if (!(post & kChainBit)) {
      chain.push_back(post);
    } else {
      for (uint32_t e = post & ~kChainBit; e != kNone; e = old_entries[e].next) {
        chain.push_back(old_entries[e].article);
      }
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {  // oldest first keeps the order
      if (renumber[*it] != kNone) InsertKey(old_fps[s], renumber[*it]);
    }
  }
  ids_ = std::move(ids);
  key_counts_ = std::move(key_counts);
  alive_.assign(ids_.size(), 1);
  live_ = ids_.size();
  id_keys_.assign(id_keys_.size(), 0);
  id_values_.assign(id_values_.size(), kNone);
  id_used_ = 0;
  for (size_t i = 0; i < ids_.size(); ++i) MapArticle(ids_[i], static_cast<uint32_t>(i));
  if (fingerprints_.size() > 1024 && used_ * 10 < fingerprints_.size() * 2) Rehash(used_ * 2);
}

uint32_t LshIndex::FindArticle(ArticleId id) const {
  const size_t mask = id_values_.size() - 1;
  for (size_t p = IdHome(id, mask);; p = (p + 1) & mask) {
    if (id_values_[p] == kNone) return kNone;
    if (id_keys_[p] == id) return id_values_[p];
  }
}

void LshIndex::MapArticle(ArticleId id, uint32_t article) {
  if ((id_used_ + 1) * 2 > id_values_.size()) RehashIds(id_values_.size() * 2);
  const size_t mask = id_values_.size() - 1;
  size_t p = IdHome(id, mask);
  while (id_values_[p] != kNone && id_keys_[p] != id) p = (p + 1) & mask;
  if (id_values_[p] == kNone) ++id_used_;
  id_keys_[p] = id;
  id_values_[p] = article;
}

void LshIndex::UnmapArticle(ArticleId id) {
  const size_t mask = id_values_.size() - 1;
  size_t p = IdHome(id, mask);
  while (id_values_[p] != kNone && id_keys_[p] != id) p = (p + 1) & mask;
  if (id_values_[p] == kNone) return;
  // Backward-shift deletion: move later members of the probe run into the hole.
  size_t hole = p;
  for (size_t q = (p + 1) & mask; id_values_[q] != kNone; q = (q + 1) & mask) {
    const size_t home = IdHome(id_keys_[q], mask);
    // q may move to the hole when its home is not in (hole, q] (cyclically).
    const bool movable = hole <= q ? (home <= hole || home > q) : (home <= hole && home > q);
    if (movable) {
      id_keys_[hole] = id_keys_[q];
      id_values_[hole] = id_values_[q];
      hole = q;
    }
  }
  id_values_[hole] = kNone;
  --id_used_;
}

void LshIndex::RehashIds(size_t min_capacity) {
  size_t capacity = 1024;
  while (capacity < min_capacity) capacity <<= 1;
  std::vector<ArticleId> keys(capacity, 0);
  std::vector<uint32_t> values(capacity, kNone);
  keys.swap(id_keys_);
  values.swap(id_values_);
  id_used_ = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] != kNone) MapArticle(keys[i], values[i]);
  }
}

void LshIndex::Add(ArticleId id, const Signature& sig) {
  Remove(id);
  std::vector<uint32_t> keys = Keys(sig);
  if (keys.empty()) return;
  const uint32_t article = static_cast<uint32_t>(ids_.size());
  ids_.push_back(id);
  key_counts_.push_back(static_cast<uint16_t>(std::min<size_t>(keys.size(), 0xFFFF)));
  alive_.push_back(1);
  ++live_;
  MapArticle(id, article);
  for (uint32_t fp : keys) InsertKey(fp, article);
}

void LshIndex::Remove(ArticleId id) {
  const uint32_t article = FindArticle(id);
  if (article == kNone) return;
  UnmapArticle(id);
  alive_[article] = 0;
  --live_;
  const size_t dead = ids_.size() - live_;
  if (dead > 1024 && dead > live_) Sweep();
}

void LshIndex::Posting(uint32_t post, std::vector<uint32_t>* out) const {
  if (!(post & kChainBit)) {
    if (alive_[post]) out->push_back(post);
    return;
  }
  const size_t cap = std::max<size_t>(1, options_.max_bucket);
  size_t taken = 0;
  for (uint32_t e = post & ~kChainBit; e != kNone && taken < cap; e = entries_[e].next) {
    if (!alive_[entries_[e].article]) continue;
    out->push_back(entries_[e].article);
    ++taken;
  }
}

std::vector<LshIndex::Candidate> LshIndex::RankedCandidates(const Signature& sig,
                                                            size_t limit) const {
  std::vector<Candidate> result;
  // (article, 1 / live postings of the key) per key hit; a key's postings are counted as they
  // are read, so its rarity costs nothing beyond the read.
  thread_local std::vector<uint32_t> posting;
  thread_local std::vector<std::pair<uint32_t, float>> hits;
  hits.clear();
  for (uint32_t fp : Keys(sig)) {
    const uint32_t slot = FindKey(fp);
    if (slot == kNone) continue;
    posting.clear();
    Posting(postings_[slot], &posting);
    if (posting.empty()) continue;
    const float weight = 1.0f / static_cast<float>(posting.size());
    for (uint32_t article : posting) hits.emplace_back(article, weight);
  }
  // By article, then weight: equal key sets sum in one order, so give equal rarity.
  std::sort(hits.begin(), hits.end());
  for (size_t i = 0; i < hits.size();) {
    size_t j = i;
    float rarity = 0;
    while (j < hits.size() && hits[j].first == hits[i].first) rarity += hits[j++].second;
    result.push_back(
        {ids_[hits[i].first], static_cast<int>(j - i), rarity, key_counts_[hits[i].first]});
    i = j;
  }
  auto better = [](const Candidate& x, const Candidate& y) {
    if (x.votes != y.votes) return x.votes > y.votes;
    if (x.rarity != y.rarity) return x.rarity > y.rarity;
    return x.id < y.id;
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
  return fingerprints_.capacity() * sizeof(uint32_t) + postings_.capacity() * sizeof(uint32_t) +
         entries_.capacity() * sizeof(Entry) + ids_.capacity() * sizeof(ArticleId) +
         key_counts_.capacity() * sizeof(uint16_t) + alive_.capacity() +
         id_keys_.capacity() * sizeof(ArticleId) + id_values_.capacity() * sizeof(uint32_t);
}

}  // namespace headwater::reuse
