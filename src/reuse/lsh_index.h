// LshIndex: the candidate step of reuse detection. An inverted index from a Signature's keys
// to articles: each anchor (a winnowed shingle hash, see Options::winnow_window) is a key, and
// so is each MinHash band when Options::bands > 0. A pair becomes a candidate when the two
// signatures share a key: a shared anchor means a shared shingle, which is how a short copy
// inside a long page is found; a shared band means near-identical MinHash slots. It holds no
// texts; the exact check (compare.h) is a separate step.
//
// Memory: one open-addressing table of 32-bit key fingerprints and 32-bit postings (8 bytes
// per slot, load 0.4-0.8), one 8-byte chain entry per extra article of a shared key, and the
// article ids: about 450 bytes per 5 KB article with the defaults (~35 keys); MemoryBytes()
// reports it. Removed articles are tombstoned and swept out when they outnumber live ones.
// Thread-safety: none; a const LshIndex may be read concurrently. Copyable and movable.
#pragma once

#include <cstdint>
#include <vector>

#include "common/model.h"
#include "reuse/options.h"
#include "reuse/shingle.h"

namespace headwater::reuse {

class LshIndex {
 public:
  // Uses options.bands bands of options.num_hashes / options.bands rows (no bands when either
  // is 0) and every anchor of a signature.
  explicit LshIndex(Options options);

  // Indexes id under sig; replaces an earlier entry of the same id. An empty signature (a text
  // without shingles) is not indexed.
  void Add(ArticleId id, const Signature& sig);
  // Forgets id (aging out). Edges already found elsewhere are not affected. No-op when absent.
  void Remove(ArticleId id);

  struct Candidate {
    ArticleId id = 0;
    int votes = 0;  // keys shared with the query, >= 1; more = more shared text
    // Rarity of the shared keys: the sum over them of 1 / (indexed articles filed under the
    // key, counted up to Options::max_bucket), in (0, votes]; higher = the shared keys are
    // rarer. A key many articles share is a stock phrase ("the president said on ..."), a
    // weak sign of copied text; 1.0 is one key no other indexed article has.
    float rarity = 0;
    int keys = 0;  // keys the candidate is indexed under (capped at 65,535), >= votes
  };
  // Indexed articles sharing at least one key with sig, most votes first, then the rarest
  // shared keys (highest rarity), then by ascending id; at most `limit` of them, so a
  // one-key candidate through a rare key outranks those through a stock phrase. A key shared by
  // more than Options::max_bucket articles contributes only its max_bucket most recently added
  // ones. Articles sharing no shingle with the query appear only through a collision of 32-bit key
  // fingerprints that also share a home slot (rare; the exact step rejects them).
  std::vector<Candidate> RankedCandidates(const Signature& sig, size_t limit) const;
  // Ids of RankedCandidates(sig, unlimited), in that order.
  std::vector<ArticleId> Candidates(const Signature& sig) const;

  bool Contains(ArticleId id) const { return FindArticle(id) != kNone; }
  size_t size() const { return live_; }
  // Bytes of heap memory held (tables, chains, ids).
  size_t MemoryBytes() const;
  const Options& options() const { return options_; }

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  static constexpr uint32_t kChainBit = 0x80000000u;  // posting is a chain head, not an article

  struct Entry {  // one article of a shared key; next = index of the next entry or kNone
    uint32_t article;
    uint32_t next;
  };

  // Keys of sig as 32-bit fingerprints (anchors and band keys mixed to 64 bits, the high half
  // kept, 0 made 1), sorted, unique.
  std::vector<uint32_t> Keys(const Signature& sig) const;
  uint32_t FindKey(uint32_t fp) const;  // table slot of a key, or kNone
  void InsertKey(uint32_t fp, uint32_t article);
  // Grows the key table to at least min_capacity slots.
  void Rehash(size_t min_capacity);
  // Rebuilds everything without the removed articles (renumbering the live ones).
  void Sweep();
  // Articles of a posting, newest first, live only, at most max_bucket of them.
  void Posting(uint32_t posting, std::vector<uint32_t>* out) const;
  uint32_t FindArticle(ArticleId id) const;  // dense index of a live id, or kNone
  void MapArticle(ArticleId id, uint32_t article);
  void UnmapArticle(ArticleId id);
  void RehashIds(size_t min_capacity);

  Options options_;
  int bands_ = 0;
  int rows_ = 0;
  // Key table, linear probing from home slot Home(fp): fingerprints (0 = empty) and postings
  // (an article index, or kChainBit | index of the newest entry of a chain).
  std::vector<uint32_t> fingerprints_;
  std::vector<uint32_t> postings_;
  size_t used_ = 0;
  std::vector<Entry> entries_;
  // Articles by dense index (never reused before a Sweep): id and whether still indexed.
  std::vector<ArticleId> ids_;
  std::vector<uint16_t> key_counts_;  // keys each article is indexed under
  std::vector<uint8_t> alive_;
  size_t live_ = 0;
  // Live id -> dense index, linear probing with backward-shift deletion (value kNone = empty).
  std::vector<ArticleId> id_keys_;
  std::vector<uint32_t> id_values_;
  size_t id_used_ = 0;
};

}  // namespace headwater::reuse
