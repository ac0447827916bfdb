#include "pipeline/story_cache.h"

#include <algorithm>
#include <utility>

namespace headwater::pipeline {

namespace {
// Heap bytes of one allocation of n bytes as glibc's malloc holds it: the request plus an 8-byte
// header, rounded up to 16, at least 32. (Counting payloads alone undercounted what an entry
// holds by about a fifth: on the 30k bench corpus a cache estimated at 50 MB held ~60 MB.)
size_t HeapBlock(size_t n) { return n == 0 ? 0 : std::max<size_t>(32, (n + 8 + 15) & ~size_t{15}); }
size_t StringBytes(const std::string& s) {
  return s.capacity() > 15 ? HeapBlock(s.capacity() + 1) : 0;
}
template <typename T>
size_t VectorBytes(const std::vector<T>& v) {
  return HeapBlock(v.capacity() * sizeof(T));
}

// Heap bytes an article holds outside its own struct (which its vector's capacity counts).
size_t ArticleBytes(const Article& a) {
  size_t n = StringBytes(a.url) + StringBytes(a.canonical_url) + StringBytes(a.outlet_name) +
             StringBytes(a.title) + StringBytes(a.text) + StringBytes(a.lang) +
             StringBytes(a.byline) + StringBytes(a.dateline.text) + StringBytes(a.dateline.place) +
             StringBytes(a.dateline.country) + StringBytes(a.dateline.credit) +
             VectorBytes(a.links) + VectorBytes(a.places);
  for (const std::string& l : a.links) n += StringBytes(l);
  for (const PlaceMention& p : a.places)
    n += StringBytes(p.name) + StringBytes(p.country) + StringBytes(p.admin1);
  return n;
}

size_t AttributionBytes(const Attribution& a) {
  return VectorBytes(a.cue) + VectorBytes(a.source) + VectorBytes(a.content) +
         StringBytes(a.cue_text) + StringBytes(a.source_text) + StringBytes(a.content_text) +
         StringBytes(a.outlet_name) + StringBytes(a.person) + StringBytes(a.role) +
         StringBytes(a.anonymous_reason) + StringBytes(a.link);
}
}  // namespace

bool ArticleBefore(const Article& a, const Article& b) {
  UnixSeconds ta = a.published.value_or(a.ingested), tb = b.published.value_or(b.ingested);
  if (ta != tb) return ta < tb;
  return a.id < b.id;
}

void SortReuseEdges(std::vector<ReuseEdge>* edges) {
  std::sort(edges->begin(), edges->end(), [](const ReuseEdge& a, const ReuseEdge& b) {
    return std::make_pair(a.source_id, a.copy_id) < std::make_pair(b.source_id, b.copy_id);
  });
}

bool CachedStory::Has(ArticleId id) const {
  for (const Article& a : articles)
    if (a.id == id) return true;
  return false;
}

void CachedStory::AddArticle(Article a, std::vector<Attribution> attrs,
                             const std::vector<ReuseEdge>& edges) {
  auto pos = std::upper_bound(articles.begin(), articles.end(), a, ArticleBefore);
  size_t index = static_cast<size_t>(pos - articles.begin());
  size_t offset = 0;
  for (size_t i = 0; i < index; ++i) offset += attribution_counts[i];
  attribution_counts.insert(attribution_counts.begin() + static_cast<std::ptrdiff_t>(index),
                            static_cast<uint32_t>(attrs.size()));
  attributions.insert(attributions.begin() + static_cast<std::ptrdiff_t>(offset),
                      std::make_move_iterator(attrs.begin()), std::make_move_iterator(attrs.end()));
  ArticleId id = a.id;
  articles.insert(pos, std::move(a));
  bool added = false;
  for (const ReuseEdge& e : edges) {
    if (e.source_id != id && e.copy_id != id) continue;
    ArticleId other = e.source_id == id ? e.copy_id : e.source_id;
    if (other != id && !Has(other)) continue;
    bool held = false;
    for (const ReuseEdge& r : reuse)
      if (r.source_id == e.source_id && r.copy_id == e.copy_id) held = true;
    if (held) continue;
    reuse.push_back(e);
    added = true;
  }
  if (added) SortReuseEdges(&reuse);
}

size_t CachedStory::Bytes() const {
  // The entry itself in the cache's hash map and LRU list (nodes of ~sizeof + pointers).
  size_t n = HeapBlock(sizeof(CachedStory) + 32) + HeapBlock(32) + StringBytes(story.title) +
             VectorBytes(story.key_terms) + VectorBytes(articles) +
             VectorBytes(attribution_counts) + VectorBytes(attributions) + VectorBytes(reuse);
  for (const std::string& t : story.key_terms) n += StringBytes(t);
  for (const Article& a : articles) n += ArticleBytes(a);
  for (const Attribution& a : attributions) n += AttributionBytes(a);
  for (const ReuseEdge& e : reuse) n += StringBytes(e.longest_text);
  return n;
}

std::optional<CachedStory> StoryInputCache::Take(StoryId id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  CachedStory out = std::move(it->second.entry);
  bytes_ -= it->second.bytes;
  lru_.erase(it->second.lru);
  entries_.erase(it);
  return out;
}

void StoryInputCache::Put(StoryId id, CachedStory entry) {
  if (!enabled()) return;
  Erase(id);
  size_t b = entry.Bytes();
  if (b > options_.max_bytes) return;
  lru_.push_front(id);
  Slot& slot = entries_[id];
  slot.entry = std::move(entry);
  slot.bytes = b;
  slot.lru = lru_.begin();
  bytes_ += b;
  while (bytes_ > options_.max_bytes && !lru_.empty()) Erase(lru_.back());
}

void StoryInputCache::Erase(StoryId id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  bytes_ -= it->second.bytes;
  lru_.erase(it->second.lru);
  entries_.erase(it);
}

void StoryInputCache::Clear() {
  entries_.clear();
  lru_.clear();
  bytes_ = 0;
}

}  // namespace headwater::pipeline
