// ReuseDetector: the streaming reuse stage. For each new article: shingle and sketch it, ask the
// index for candidates (the best Options::max_candidates by shared keys), compare exactly with
// each, and return the copies edges of class partial or whole; then index the article. The
// distinct shingles of the last Options::cache_articles articles are kept (32 bits of each, not
// their texts), so most candidates in a news burst are compared without fetching; older ones
// are fetched and re-shingled, but only when the index says they share enough rare text
// (Options::min_uncached_votes, Options::min_uncached_rarity).
// Thread-safety: none, except the static Prepare(), which is pure: shingling the next articles
// on other threads while one thread calls Process() is how the detector uses a second core.
// Movable.
#pragma once

#include <functional>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "reuse/compare.h"
#include "reuse/lsh_index.h"
#include "reuse/options.h"
#include "reuse/shingle.h"

namespace headwater::reuse {

class ReuseDetector {
 public:
  explicit ReuseDetector(Options options);

  // Returns the article a candidate id refers to, or nullptr when it is gone (then skipped). The
  // pointer need only live until the next call of fetch. Called for candidates whose shingles
  // are not cached, and for every candidate that makes an edge (so a deleted article never
  // gets one).
  using Fetch = std::function<const Article*(ArticleId)>;

  // Edges (Orient()ed, class from Classify(), never kNone) between `article` and earlier indexed
  // articles, best candidates first; then indexes `article` (replacing an entry of its id). An
  // article with fewer than shingle_words words gets no edges and is not indexed.
  std::vector<ReuseEdge> Process(const Article& article, const Fetch& fetch);

  // An article shingled and sketched, ready for Process(); made by Prepare().
  struct Prepared {
    internal::PreparedText text;
    Signature signature;
    uint64_t text_hash = 0;  // XXH3-64 of the text
  };
  // The first step of Process(), pure and thread-safe: shingles and sketches article.text with
  // options (the detector's own, or the edges may differ).
  static Prepared Prepare(const Article& article, const Options& options);
  // Process() of an article prepared by Prepare(article, options()).
  std::vector<ReuseEdge> Process(const Article& article, Prepared prepared, const Fetch& fetch);

  // Indexes a stored signature (reload from the store) without comparing.
  void Add(ArticleId id, const Signature& sig);

  // The signature Process() computed for the last article (to store beside it).
  const Signature& last_signature() const { return last_signature_; }

  LshIndex& index() { return index_; }
  const Options& options() const { return options_; }

  // Articles whose shingles are cached (at most Options::cache_articles).
  size_t cached() const { return cache_of_.size(); }
  // Candidates fetched because their shingles were not cached, and uncached candidates skipped
  // as sharing too little rare text, since construction.
  size_t fetched() const { return fetched_; }
  size_t skipped() const { return skipped_; }

 private:
  struct Cached {
    ArticleId id = 0;
    uint64_t text_hash = 0;        // XXH3-64 of the text: identical copies compare once
    std::vector<uint32_t> high;    // high 32 bits of the distinct shingle hashes, ascending
  };
  void Cache(const Article& article, uint64_t text_hash, const std::vector<uint64_t>& sorted);

  Options options_;
  LshIndex index_;
  Signature last_signature_;
  std::vector<Cached> ring_;  // FIFO of cached articles; next_ is the slot to fill next
  size_t next_ = 0;
  std::unordered_map<ArticleId, size_t> cache_of_;  // id -> slot in ring_
  size_t fetched_ = 0;
  size_t skipped_ = 0;
};

}  // namespace headwater::reuse
