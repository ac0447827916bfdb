// FactCache: the facts of an article that depend on nothing but the article itself — the
// retraction cues found in its text (provenance/retraction.h) and the wire agency its byline or
// lead credits (reuse::WireCredit) — kept across Analyze() calls so that recomputing a story after
// one new article scans only the new article's text (issue 8: ≤ 1 ms for stories of up to 1,000
// articles).
//
// An entry is keyed by article id and holds a 64-bit hash (XXH3) of the text and byline it was
// computed from; an article whose text or byline changed is computed again, so a cached fact is
// always the fact of the text given. Analyze() with a cache gives byte-identical reports to
// Analyze() without one (tests/provenance/fact_cache_test.cc).
// Thread-safety: every method is safe to call concurrently (one mutex; the text is scanned
// outside it). One cache may be shared by the stories of one store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "provenance/retraction.h"

namespace headwater::provenance {

struct ArticleTextFacts {
  std::vector<RetractionCue> retraction_cues;  // FindRetractionCues(text)
  std::string wire_credit;                     // reuse::WireCredit(text, byline); "" = none
};

// Computes the facts of one article (what the cache stores).
ArticleTextFacts ComputeArticleTextFacts(const Article& a);

class FactCache {
 public:
  struct Options {
    // Entries kept; when a new entry would exceed it the cache is emptied (a story's articles
    // are then scanned once more). Default 200,000 entries, ~100 bytes each when no cue.
    size_t max_entries = 200'000;
  };

  FactCache() : FactCache(Options{}) {}
  explicit FactCache(Options options) : options_(options) {}
  FactCache(const FactCache&) = delete;
  FactCache& operator=(const FactCache&) = delete;

  // The facts of `a`: cached when its id, text and byline are those of an earlier call, else
  // computed now and kept. Never null.
  std::shared_ptr<const ArticleTextFacts> Get(const Article& a);
  // Get() of each article, in order, under one lock for the cached ones.
  std::vector<std::shared_ptr<const ArticleTextFacts>> GetAll(const std::vector<Article>& articles);

  void Clear();
  size_t size() const;
  uint64_t hits() const;    // Get() calls answered from the cache
  uint64_t misses() const;  // Get() calls that scanned the text

 private:
  struct Entry {
    uint64_t hash = 0;
    std::shared_ptr<const ArticleTextFacts> facts;
  };
  Options options_;
  mutable std::mutex mu_;
  std::unordered_map<ArticleId, Entry> entries_;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace headwater::provenance
