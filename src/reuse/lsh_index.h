// LshIndex: the candidate step of reuse detection. Banded MinHash LSH over Signatures: a pair
// becomes a candidate when all rows of at least one band agree, or when the two signatures
// share an anchor shingle (Options::anchor_one_in; this finds short texts inside long ones,
// which Jaccard-based banding misses). It holds no texts; the exact check (compare.h) is a
// separate step.
//
// Memory: one open-addressing table of (64-bit key, posting) plus the low 32 bits of each key
// per article for Remove(); about 1 KB per article with the defaults (32 bands, ~15 anchors
// for a 5 KB text); MemoryBytes() reports it.
// Thread-safety: none; a const LshIndex may be read concurrently. Copyable and movable.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "reuse/options.h"
#include "reuse/shingle.h"

namespace headwater::reuse {

class LshIndex {
 public:
  // Uses options.bands bands of options.num_hashes / options.bands rows (at least 1 of each).
  explicit LshIndex(Options options);

  // Indexes id under sig; replaces an earlier entry of the same id. An empty signature (a text
  // without shingles) is not indexed.
  void Add(ArticleId id, const Signature& sig);
  // Forgets id (aging out). Edges already found elsewhere are not affected. No-op when absent.
  void Remove(ArticleId id);

  struct Candidate {
    ArticleId id = 0;
    int votes = 0;  // band keys plus anchors shared with the query, >= 1; more = more similar
  };
  // Indexed articles sharing at least one band or anchor with sig, most votes first, then by
  // ascending id; at most `limit` of them. A bucket larger than Options::max_bucket contributes
  // only its max_bucket most recently added articles. Articles sharing no shingle with the
  // query essentially never appear (only through a 64-bit band-key collision); dissimilar ones
  // may (false positives are for the exact step to reject).
  std::vector<Candidate> RankedCandidates(const Signature& sig, size_t limit) const;
  // Ids of RankedCandidates(sig, unlimited), in that order.
  std::vector<ArticleId> Candidates(const Signature& sig) const;

  bool Contains(ArticleId id) const { return slot_of_.count(id) > 0; }
  size_t size() const { return slot_of_.size(); }
  // Bytes of heap memory held (tables, postings, per-article keys), an estimate for the map.
  size_t MemoryBytes() const;
  const Options& options() const { return options_; }

 private:
  static constexpr uint32_t kNoArticle = 0xFFFFFFFFu;  // posting of a key whose articles left
  static constexpr uint32_t kListBit = 0x80000000u;    // posting is an index into lists_

  // Band keys and anchor keys of sig, sorted, unique, never 0. Empty for an empty signature.
  std::vector<uint64_t> Keys(const Signature& sig) const;
  size_t Find(uint64_t key) const;                           // slot of key, or SIZE_MAX
  size_t FindLow(uint32_t key_low, uint32_t article) const;  // slot whose posting has article
  void Insert(uint64_t key, uint32_t article);
  void Erase(size_t slot, uint32_t article);
  void Rehash(size_t min_capacity);
  void Posting(size_t slot, std::vector<uint32_t>* out) const;

  Options options_;
  int bands_ = 1;
  int rows_ = 1;
  // Open-addressing table, linear probing; key 0 = empty slot.
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> postings_;  // article index, kNoArticle, or kListBit | list index
  std::vector<std::vector<uint32_t>> lists_;
  std::vector<uint32_t> free_lists_;
  size_t used_ = 0;  // slots with a key (including dead ones)
  size_t dead_ = 0;  // slots whose key has no article left
  // Articles by dense index.
  std::vector<ArticleId> ids_;
  std::vector<std::vector<uint32_t>> article_keys_;  // low 32 bits of each key, per article
  std::vector<uint32_t> free_articles_;
  std::unordered_map<ArticleId, uint32_t> slot_of_;
};

}  // namespace headwater::reuse
