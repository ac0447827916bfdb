// Internal: the state behind StoryClusterer (vocabulary with document frequencies, stories with
// truncated centroids, the inverted index) and the sparse-vector helpers. Shared by
// clusterer.cc, clusterer_index.cc and serialize.cc only.
// Thread-safety: as StoryClusterer.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stories/clusterer.h"
#include "stories/terms.h"

namespace headwater::stories {

using TermId = uint32_t;

constexpr double kSecondsPerDay = 86400.0;

// Dot product of two sparse vectors sorted by term id.
inline double SparseDot(const std::vector<std::pair<TermId, double>>& x,
                        const std::vector<std::pair<TermId, double>>& y) {
  double sum = 0;
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].first < y[j].first) {
      ++i;
    } else if (y[j].first < x[i].first) {
      ++j;
    } else {
      sum += x[i++].second * y[j++].second;
    }
  }
  return sum;
}

// x + y (both sorted by term id), then only the top k weights kept, sorted by term id again.
inline std::vector<std::pair<TermId, double>> AddTruncated(
    const std::vector<std::pair<TermId, double>>& x,
    const std::vector<std::pair<TermId, double>>& y, size_t k) {
  std::vector<std::pair<TermId, double>> merged;
  merged.reserve(x.size() + y.size());
  size_t i = 0, j = 0;
  while (i < x.size() || j < y.size()) {
    if (j == y.size() || (i < x.size() && x[i].first < y[j].first)) {
      merged.push_back(x[i++]);
    } else if (i == x.size() || y[j].first < x[i].first) {
      merged.push_back(y[j++]);
    } else {
      merged.emplace_back(x[i].first, x[i].second + y[j].second);
      ++i;
      ++j;
    }
  }
  if (merged.size() > k) {
    std::partial_sort(merged.begin(), merged.begin() + k, merged.end(),
                      [](const auto& a, const auto& b) {
                        return a.second != b.second ? a.second > b.second : a.first < b.first;
                      });
    merged.resize(k);
    std::sort(merged.begin(), merged.end());
  }
  return merged;
}

struct TermInfo {
  std::string text;     // key as produced by TermExtractor
  std::string surface;  // readable form (first seen)
  uint32_t df = 0;      // articles containing the term
  uint32_t sf = 0;      // stories containing the term (counted when it enters a centroid)
  bool independent = false;
};

// Language bits of StoryState::langs.
inline uint8_t LangBit(std::string_view lang) {
  if (lang == "en") return 1;
  if (lang == "es") return 2;
  if (lang == "pt") return 4;
  return 8;
}

// Index of a language in StoryState::lang_counts.
inline int LangIndex(std::string_view lang) {
  if (lang == "en") return 0;
  if (lang == "es") return 1;
  if (lang == "pt") return 2;
  return 3;
}

struct StoryState {
  StoryId id = 0;
  UnixSeconds first_seen = 0, last_seen = 0;
  uint32_t size = 0;
  uint8_t langs = 0;
  // Articles per language, indexed by LangIndex (en, es, pt, other).
  uint32_t lang_counts[4] = {0, 0, 0, 0};
  std::string title;
  double title_score = -1;
  // Sum of member unit vectors, truncated to the top centroid_terms; sorted by term id.
  std::vector<std::pair<TermId, double>> centroid;
  // Unit vectors of the last Options::exemplars members, oldest first.
  std::vector<std::vector<std::pair<TermId, double>>> exemplars;
  StoryId merged_into = 0;  // 0 = live; else the story this one merged into (centroid empty)
  double norm = 0;          // L2 norm of centroid
  double indep_norm = 0;    // L2 norm of its language-independent part
  // The same norm with the independence flags of now (Assign's cross-language rule; a term can
  // become independent after indep_norm was computed): set by ComputeNorms, cleared when a term
  // of the centroid becomes independent, recomputed by Assign when needed. A cache only: the
  // value is the one recomputing it over the centroid gives.
  double indep_norm_now = 0;
  bool indep_norm_now_valid = false;
};

struct StoryClusterer::Rep {
  explicit Rep(Options o) : options(std::move(o)), extractor(options.terms) {}

  // Recomputes norms of s and updates the inverted index from old_terms to s's centroid terms.
  // The story ends in the window's postings (it has just been joined or merged into), moved
  // there from the aged postings if it was aged, and is queued for ageing.
  void Reindex(size_t story_index, const std::vector<std::pair<TermId, double>>& old_centroid);
  // Moves every live story whose last article is more than window_days before latest_time from
  // `postings` to `aged_postings` (oldest first, through the ageing heap).
  void AgeStories();
  // Rebuilds the whole inverted index and norms (after Deserialize).
  void RebuildIndex();
  // Forgets the vectors of single-article stories quiet for more than window_days, then drops
  // terms no story centroid or exemplar holds, keeping (while under max_terms / 2) those
  // found in two or more stories, and renumbers the rest in their old order.
  void PruneTerms();
  void ComputeNorms(StoryState& s) const;
  // How many of the article's terms (`order`: heaviest first) to probe in the inverted index:
  // the fewest such that no story holding none of them can reach `threshold` (ordinary or
  // cross-language score; see clusterer.cc step 4).
  size_t ProbeCount(const std::vector<std::pair<TermId, double>>& order, double indep_norm,
                    double threshold) const;
  // Merges story index `from` into story index `into` (centroids added and truncated, sizes,
  // times, languages and story frequencies combined), records it and reindexes both.
  void MergeStories(size_t from, size_t into, UnixSeconds at, double score);
  // The best live story in the window to merge with stories[si]: (index, cosine), or (-1, 0)
  // when none reaches `threshold` (Options::merge_threshold in Assign).
  std::pair<int64_t, double> MergeCandidate(size_t si, UnixSeconds now, double threshold);

  Options options;
  TermExtractor extractor;
  int64_t docs = 0;
  StoryId next_id = 1;
  int64_t counted_stories = 0;
  UnixSeconds latest_time = 0;  // latest article time seen (derived from stories on load)
  uint64_t next_prune_at = 0;   // PruneTerms runs when terms reach max(max_terms, this)  // stories
                                // with at least sf_min_story_size articles
  std::vector<TermInfo> terms;
  std::unordered_map<std::string, TermId> term_index;
  std::vector<StoryState> stories;  // stories[i].id == i + 1
  std::vector<StoryMerge> merges;   // oldest first
  // The inverted index, split by age so that the cost of an article does not grow with the
  // stories held: term id -> indices of the stories holding the term in their centroid, in
  // `postings` for stories whose last article is within window_days of latest_time (after
  // AgeStories), in `aged_postings` for the others (quiet or dormant: matched only for revival,
  // under the stricter revive threshold, through fewer terms). Order within a list is arbitrary.
  std::vector<std::vector<uint32_t>> postings;
  std::vector<std::vector<uint32_t>> aged_postings;
  std::vector<uint8_t> aged;  // by story index: its terms are in aged_postings
  // Min-heap (std::push_heap with std::greater) of (last_seen, story index), one entry pushed
  // each time a story is touched; an entry whose story has been touched since (last_seen
  // differs) is skipped when popped. A heap, not a queue: an article older than the latest one
  // touches a story with an earlier time. Holds at most the window's stories plus the stale
  // entries of the window's articles.
  std::vector<std::pair<UnixSeconds, uint32_t>> ageing;
  // Largest size of any story (an upper bound of the size prior in the candidate bound; kept by
  // join, merge and RebuildIndex).
  uint32_t max_story_size = 1;
  // Scratch for scoring, reused across Assign calls.
  std::vector<uint32_t> touched;
  std::vector<uint8_t> seen;  // by story index: already a candidate of this article
  // The article's terms while its candidates are scored: a bit per term id (set only for the
  // article's terms, cleared after), and for those bits the term's index in the article vector.
  std::vector<uint64_t> article_bits;
  std::vector<uint32_t> article_slot;
};

}  // namespace headwater::stories
