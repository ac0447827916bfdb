// ReuseDetector: the streaming reuse stage. For each new article: shingle and sketch it, ask the
// LSH index for candidates (the best Options::max_candidates by shared bands), fetch each
// candidate's text and metadata, compare exactly, and return the copies edges of class partial
// or whole; then index the article. It keeps signatures in the index, never texts.
// Thread-safety: none; use one detector per thread or lock around it. Movable.
#pragma once

#include <functional>
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
  // pointer need only live until the next call of fetch.
  using Fetch = std::function<const Article*(ArticleId)>;

  // Edges (Orient()ed, class from Classify(), never kNone) between `article` and earlier indexed
  // articles, best candidates first; then indexes `article` (replacing an entry of its id). An
  // article with fewer than shingle_words words gets no edges and is not indexed.
  std::vector<ReuseEdge> Process(const Article& article, const Fetch& fetch);

  // Indexes a stored signature (reload from the store) without comparing.
  void Add(ArticleId id, const Signature& sig);

  // The signature Process() computed for the last article (to store beside it).
  const Signature& last_signature() const { return last_signature_; }

  LshIndex& index() { return index_; }
  const Options& options() const { return options_; }

 private:
  Options options_;
  LshIndex index_;
  Signature last_signature_;
};

}  // namespace headwater::reuse
