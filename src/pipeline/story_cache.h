// StoryInputCache: the provenance input of recently touched stories (their articles,
// attributions and reuse edges among them) kept in memory between ingest batches, so that a
// story touched again is brought up to date by reading only its NEW articles from the store
// instead of reloading every article, attribution list and reuse edge of the story (at 100k
// articles that reload was a quarter of the ingest time).
//
// An entry holds exactly what Pipeline::LoadStoryInput would read from the store, in the same
// order: articles by (published or ingested time, id), their attributions concatenated in that
// order, the reuse edges between members sorted by (source, copy). Entries are evicted least
// recently used when their estimated size passes Options::max_bytes. The owner must Erase() a
// story whose articles changed other than by adding articles (a merge) and Clear() the cache
// after a rollback or a commit by another connection.
// Thread-safety: not thread-safe; one owner (the ingesting Pipeline).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "provenance/provenance.h"

namespace headwater::pipeline {

struct StoryCacheOptions {
  // Heap bytes of all entries as CachedStory::Bytes() estimates them (every allocation with
  // malloc's header and rounding, vectors by capacity: within a few percent of the heap the
  // entries hold, tested); 0 disables the cache. Default 48 MiB, about 12,000 articles of the
  // bench corpus (~4 KB each with their attributions).
  size_t max_bytes = size_t{48} << 20;
};

// The cached part of a provenance::StoryInput.
struct CachedStory {
  Story story;                               // as last written to the store
  std::vector<Article> articles;             // ordered by (published or ingested, id)
  std::vector<uint32_t> attribution_counts;  // per article, parallel to articles
  std::vector<Attribution> attributions;     // concatenated in article order
  std::vector<ReuseEdge> reuse;              // between members, sorted by (source_id, copy_id)

  // Adds one article read from the store, with its attributions and every reuse edge it has
  // (edges to non-members are dropped; an edge already held is kept once). The article must not
  // be a member yet.
  void AddArticle(Article a, std::vector<Attribution> attrs, const std::vector<ReuseEdge>& edges);
  bool Has(ArticleId id) const;
  // Heap bytes held by the entry, its cache slot included (the eviction measure): every
  // allocation counted as glibc's malloc holds it (8-byte header, 16-byte rounding, 32 at
  // least), vectors by capacity.
  size_t Bytes() const;
};

// The order LoadStoryInput and the cache share for reuse edges.
void SortReuseEdges(std::vector<ReuseEdge>* edges);
// The article order of Store::ArticlesOfStory: (published or ingested, id).
bool ArticleBefore(const Article& a, const Article& b);

class StoryInputCache {
 public:
  explicit StoryInputCache(StoryCacheOptions options = {}) : options_(options) {}

  bool enabled() const { return options_.max_bytes > 0; }
  // Removes and returns a story's entry (the caller puts it back with Put when done).
  std::optional<CachedStory> Take(StoryId id);
  // Stores an entry as the most recently used, then evicts the least recently used entries
  // until the total fits (the new one included: a story bigger than the cap is not kept).
  void Put(StoryId id, CachedStory entry);
  void Erase(StoryId id);
  void Clear();

  size_t size() const { return entries_.size(); }
  size_t bytes() const { return bytes_; }
  // Lookups that found an entry / did not, since construction.
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  struct Slot {
    CachedStory entry;
    size_t bytes = 0;
    std::list<StoryId>::iterator lru;
  };
  StoryCacheOptions options_;
  std::unordered_map<StoryId, Slot> entries_;
  std::list<StoryId> lru_;  // most recently used first
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace headwater::pipeline
