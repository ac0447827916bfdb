// Index maintenance of StoryClusterer (clusterer_state.h): the inverted index split into the
// window's stories and aged ones (AgeStories moves stories across as time passes, Reindex moves
// a revived or merged-into story back and keeps the lists in step with its centroid,
// RebuildIndex builds both from scratch), the probe bounds (ProbeCount), story merging
// (MergeCandidate, MergeStories, MergePass), vocabulary pruning and the memory estimate.
// Assignment itself is in clusterer.cc.
#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "stories/clusterer.h"
#include "stories/clusterer_state.h"

namespace headwater::stories {

std::pair<int64_t, double> StoryClusterer::Rep::MergeCandidate(size_t si, UnixSeconds now,
                                                               double threshold) {
  const StoryState& s = stories[si];
  if (s.norm <= 0) return {-1, 0};
  // Candidates: stories holding one of s's heaviest merge_probe_terms terms (two centroids
  // with a cosine near merge_threshold share their heavy terms); then exact cosines. Of those
  // terms only the heaviest few are walked: a story sharing none of the first p terms has a
  // cosine of at most |rest after p| / |s| (Cauchy-Schwarz), so once that is below
  // merge_threshold the lighter (commoner, longer) postings cannot add a story that passes,
  // and the merge found is the same. Stories outside the window are not candidates.
  std::vector<std::pair<TermId, double>> probe = s.centroid;
  size_t k = std::min(options.merge_probe_terms, probe.size());
  std::partial_sort(probe.begin(), probe.begin() + k, probe.end(),
                    [](const auto& x, const auto& y) {
                      return x.second != y.second ? x.second > y.second : x.first < y.first;
                    });
  {
    // rest(p) = squared norm of every term after the first p (sorted or not, past k).
    double rest = 0;
    for (size_t i = k; i < probe.size(); ++i) rest += probe[i].second * probe[i].second;
    double limit = threshold * s.norm * (1 - 1e-9);
    while (k > 0) {
      double w = probe[k - 1].second;
      if (std::sqrt(rest + w * w) >= limit) break;
      rest += w * w;
      --k;
    }
  }
  touched.clear();
  seen.resize(stories.size(), 0);
  // Stories in the aged postings are out of the window unless `now` is older than latest_time.
  for (size_t i = 0; i < k; ++i) {
    for (const auto* lists : {&postings, &aged_postings}) {
      if (lists == &aged_postings && now >= latest_time) continue;
      for (uint32_t sj : (*lists)[probe[i].first]) {
        if (sj == si || seen[sj]) continue;
        seen[sj] = 1;
        touched.push_back(sj);
      }
    }
  }
  const double window = options.window_days * kSecondsPerDay;
  for (uint32_t sj : touched) seen[sj] = 0;
  std::erase_if(touched, [&](uint32_t sj) {
    return static_cast<double>(now - stories[sj].last_seen) > window;
  });
  std::sort(touched.begin(), touched.end());
  int64_t best = -1;
  double best_cos = 0;
  for (uint32_t sj : touched) {
    const StoryState& o = stories[sj];
    if (o.norm <= 0) continue;
    if (static_cast<double>(now - o.last_seen) > options.window_days * kSecondsPerDay) continue;
    double cosine = SparseDot(s.centroid, o.centroid) / (s.norm * o.norm);
    if (cosine >= threshold && cosine > best_cos) {
      best = sj;
      best_cos = cosine;
    }
  }
  return {best, best_cos};
}

void StoryClusterer::Rep::MergeStories(size_t from, size_t into, UnixSeconds at, double score) {
  StoryState& f = stories[from];
  StoryState& t = stories[into];
  // Story frequencies: the two stories become one; terms both held count once.
  uint32_t min_size = std::max<uint32_t>(1, options.sf_min_story_size);
  if (f.size >= min_size && t.size >= min_size) {
    counted_stories -= 1;
    size_t i = 0, j = 0;
    while (i < f.centroid.size() && j < t.centroid.size()) {
      if (f.centroid[i].first < t.centroid[j].first) {
        ++i;
      } else if (t.centroid[j].first < f.centroid[i].first) {
        ++j;
      } else {
        TermInfo& info = terms[f.centroid[i].first];
        if (info.sf > 0) info.sf -= 1;
        ++i;
        ++j;
      }
    }
  }
  std::vector<std::pair<TermId, double>> old_into = t.centroid, old_from = std::move(f.centroid);
  t.centroid = AddTruncated(old_into, old_from, options.centroid_terms);
  f.centroid.clear();
  f.exemplars.clear();
  t.size += f.size;
  max_story_size = std::max(max_story_size, t.size);
  t.langs |= f.langs;
  for (int i = 0; i < 4; ++i) t.lang_counts[i] += f.lang_counts[i];
  t.first_seen = std::min(t.first_seen, f.first_seen);
  t.last_seen = std::max(t.last_seen, f.last_seen);
  if (f.title_score > t.title_score) {
    t.title = f.title;
    t.title_score = f.title_score;
  }
  f.merged_into = t.id;
  merges.push_back(StoryMerge{.from = f.id, .into = t.id, .at = at, .score = score});
  Reindex(from, old_from);
  Reindex(into, old_into);
}

size_t StoryClusterer::Rep::ProbeCount(const std::vector<std::pair<TermId, double>>& order,
                                       double indep_norm, double threshold) const {
  const Options& o = options;
  // Exemplars pick their stories among the best candidates: keep all of them (not with the
  // learned rule, which reads exemplars only as a feature of candidates above its score floor).
  if (o.exemplars > 0 && o.exemplar_candidates > 0 && o.join_model.empty()) return order.size();
  // A story none of whose terms is probed meets the article only on the unprobed rest R, so
  // (Cauchy-Schwarz against the story's unit centroid) its cosine is at most |R|, its score at
  // most |R| x max decay x the size prior of the largest story; its cross-language score at most
  // |R_indep| / |article_indep| x max decay. Probing stops once both bounds are below
  // `threshold` (with a small margin for rounding).
  double max_decay = std::max(1.0, 1 - o.time_decay_weight);
  double size_factor =
      std::max(1.0, 1 + o.size_prior * std::log(static_cast<double>(max_story_size)));
  double limit = threshold / (size_factor * max_decay) * (1 - 1e-9);
  double cross_limit =
      std::max(threshold, o.cross_language_threshold) / max_decay * indep_norm * (1 - 1e-9);
  if (!(limit > 0)) return order.size();
  // Suffix sums of squares, from the lightest term up.
  double rest = 0, rest_indep = 0;
  size_t probes = order.size();
  while (probes > 0) {
    double w = order[probes - 1].second;
    double next = rest + w * w;
    double next_indep = rest_indep + (terms[order[probes - 1].first].independent ? w * w : 0);
    if (std::sqrt(next) >= limit || (next_indep > 0 && std::sqrt(next_indep) >= cross_limit)) {
      break;
    }
    rest = next;
    rest_indep = next_indep;
    --probes;
  }
  return probes;
}

void StoryClusterer::Rep::ComputeNorms(StoryState& s) const {
  double n = 0, ni = 0;
  for (const auto& [t, w] : s.centroid) {
    n += w * w;
    if (terms[t].independent) ni += w * w;
  }
  s.norm = std::sqrt(n);
  s.indep_norm = std::sqrt(ni);
  s.indep_norm_now = s.indep_norm;
  s.indep_norm_now_valid = true;
}

namespace {

// Removes one occurrence of v from list (order is not kept).
void SwapRemove(std::vector<uint32_t>& list, uint32_t v) {
  auto it = std::find(list.begin(), list.end(), v);
  if (it == list.end()) return;
  *it = list.back();
  list.pop_back();
}

}  // namespace

void StoryClusterer::Rep::AgeStories() {
  // The window test of Assign's scoring, at latest_time.
  while (!ageing.empty() &&
         std::max<double>(0, latest_time - ageing.front().first) / kSecondsPerDay >
             options.window_days) {
    auto [at, si] = ageing.front();
    std::pop_heap(ageing.begin(), ageing.end(), std::greater<>());
    ageing.pop_back();
    StoryState& s = stories[si];
    if (s.last_seen != at || aged[si]) continue;  // touched since: a later entry stands for it
    for (const auto& [t, w] : s.centroid) {
      SwapRemove(postings[t], si);
      aged_postings[t].push_back(si);
    }
    aged[si] = 1;
  }
}

void StoryClusterer::Rep::Reindex(size_t story_index,
                                  const std::vector<std::pair<TermId, double>>& old_centroid) {
  StoryState& s = stories[story_index];
  ComputeNorms(s);
  const uint32_t si = static_cast<uint32_t>(story_index);
  aged.resize(stories.size(), 0);
  if (s.merged_into == 0) {
    ageing.emplace_back(s.last_seen, si);
    std::push_heap(ageing.begin(), ageing.end(), std::greater<>());
  }
  if (aged[story_index]) {
    // Revived (or merged while out of the window): back into the window's postings.
    for (const auto& [t, w] : old_centroid) SwapRemove(aged_postings[t], si);
    for (const auto& [t, w] : s.centroid) postings[t].push_back(si);
    aged[story_index] = 0;
    return;
  }
  // Both lists are sorted by term id: walk them together.
  size_t i = 0, j = 0;
  const auto& now = s.centroid;
  while (i < old_centroid.size() || j < now.size()) {
    if (j == now.size() || (i < old_centroid.size() && old_centroid[i].first < now[j].first)) {
      SwapRemove(postings[old_centroid[i].first], si);
      ++i;
    } else if (i == old_centroid.size() || now[j].first < old_centroid[i].first) {
      postings[now[j].first].push_back(static_cast<uint32_t>(story_index));
      ++j;
    } else {
      ++i;
      ++j;
    }
  }
}

void StoryClusterer::Rep::RebuildIndex() {
  postings.assign(terms.size(), {});
  aged_postings.assign(terms.size(), {});
  aged.assign(stories.size(), 0);
  ageing.clear();
  counted_stories = 0;
  for (const StoryState& s : stories) {
    // A merged story's articles count in the story it merged into.
    if (s.merged_into == 0 && s.size >= std::max<uint32_t>(1, options.sf_min_story_size)) {
      ++counted_stories;
    }
  }
  max_story_size = 1;
  for (size_t i = 0; i < stories.size(); ++i) {
    max_story_size = std::max(max_story_size, stories[i].size);
    ComputeNorms(stories[i]);
    const StoryState& s = stories[i];
    aged[i] = std::max<double>(0, latest_time - s.last_seen) / kSecondsPerDay > options.window_days;
    auto& lists = aged[i] ? aged_postings : postings;
    for (const auto& [t, w] : s.centroid) lists[t].push_back(static_cast<uint32_t>(i));
  }
  // The ageing heap: live stories in the window only.
  for (size_t i = 0; i < stories.size(); ++i) {
    if (!aged[i] && stories[i].merged_into == 0) {
      ageing.emplace_back(stories[i].last_seen, static_cast<uint32_t>(i));
    }
  }
  std::make_heap(ageing.begin(), ageing.end(), std::greater<>());
}

void StoryClusterer::Rep::PruneTerms() {
  // Single-article stories quiet for longer than the window are forgotten as vectors (their id,
  // title and times stay): they are the bulk of the stories and rarely come back.
  for (StoryState& s : stories) {
    if (s.size <= 1 && latest_time - s.last_seen > options.window_days * kSecondsPerDay) {
      s.centroid.clear();
      s.exemplars.clear();
    }
  }
  // Keep every term some story still uses; of the rest keep those in two or more stories.
  std::vector<char> keep(terms.size(), 0);
  for (const StoryState& s : stories) {
    for (const auto& [t, w] : s.centroid) keep[t] = 1;
    for (const auto& e : s.exemplars) {
      for (const auto& [t, w] : e) keep[t] = 1;
    }
  }
  size_t kept = 0;
  for (size_t t = 0; t < terms.size(); ++t) kept += keep[t];
  // Rare terms go only while there is room for them: at most half of max_terms survive.
  for (size_t t = 0; t < terms.size() && kept < options.max_terms / 2; ++t) {
    if (!keep[t] && terms[t].sf >= 2) {
      keep[t] = 1;
      ++kept;
    }
  }
  std::vector<TermId> remap(terms.size(), 0);
  std::vector<TermInfo> survivors;
  survivors.reserve(kept);
  for (size_t t = 0; t < terms.size(); ++t) {
    if (!keep[t]) continue;
    remap[t] = static_cast<TermId>(survivors.size());
    survivors.push_back(std::move(terms[t]));
  }
  terms = std::move(survivors);
  term_index.clear();
  for (size_t t = 0; t < terms.size(); ++t)
    term_index.emplace(terms[t].text, static_cast<TermId>(t));
  // Ids keep their order, so centroids stay sorted by term id.
  for (StoryState& s : stories) {
    for (auto& [t, w] : s.centroid) t = remap[t];
    for (auto& e : s.exemplars) {
      for (auto& [t, w] : e) t = remap[t];
    }
  }
  RebuildIndex();
  // Hysteresis: when live stories hold most terms, do not prune again at the very next article.
  next_prune_at = terms.size() + terms.size() / 4;
}

std::vector<StoryMerge> StoryClusterer::MergePass(UnixSeconds now, double threshold) {
  Rep& r = *rep_;
  if (threshold <= 0) threshold = r.options.merge_threshold;
  const size_t first_merge = r.merges.size();
  if (threshold <= 0) return {};
  for (int round = 0; round < 4; ++round) {
    const size_t before = r.merges.size();
    // The stories in the window: those queued for ageing (each once, by its current entry).
    std::vector<uint32_t> live;
    for (const auto& [at, si] : r.ageing) {
      const StoryState& s = r.stories[si];
      if (s.last_seen == at && !r.aged[si] && s.merged_into == 0 && s.size >= 2 &&
          std::max<double>(0, now - s.last_seen) / kSecondsPerDay <= r.options.window_days) {
        live.push_back(si);
      }
    }
    std::sort(live.begin(), live.end());
    live.erase(std::unique(live.begin(), live.end()), live.end());
    for (uint32_t si : live) {
      if (r.stories[si].merged_into != 0) continue;
      auto [other, cosine] = r.MergeCandidate(si, now, threshold);
      if (other < 0) continue;
      size_t from = static_cast<size_t>(std::max<int64_t>(si, other));
      size_t into = static_cast<size_t>(std::min<int64_t>(si, other));
      r.MergeStories(from, into, now, cosine);
    }
    if (r.merges.size() == before) break;
  }
  return {r.merges.begin() + static_cast<std::ptrdiff_t>(first_merge), r.merges.end()};
}

size_t StoryClusterer::ApproxMemoryBytes() const {
  const Rep& r = *rep_;
  auto str = [](const std::string& x) { return x.capacity() > 15 ? x.capacity() + 1 : 0; };
  using Entry = std::pair<TermId, double>;
  size_t bytes = r.terms.capacity() * sizeof(TermInfo);
  for (const TermInfo& t : r.terms) bytes += str(t.text) + str(t.surface);
  // unordered_map: a node (key string, id, hash, next) per term plus the bucket array.
  for (const auto& [k, v] : r.term_index) bytes += sizeof(std::string) + 24 + str(k);
  bytes += r.term_index.bucket_count() * sizeof(void*);
  bytes += r.stories.capacity() * sizeof(StoryState);
  for (const StoryState& s : r.stories) {
    bytes += s.centroid.capacity() * sizeof(Entry) + str(s.title);
    bytes += s.exemplars.capacity() * sizeof(s.exemplars[0]);
    for (const auto& e : s.exemplars) bytes += e.capacity() * sizeof(Entry);
  }
  for (const auto* lists : {&r.postings, &r.aged_postings}) {
    bytes += lists->capacity() * sizeof((*lists)[0]);
    for (const auto& l : *lists) bytes += l.capacity() * sizeof(uint32_t);
  }
  bytes += r.aged.capacity() + r.seen.capacity() + r.touched.capacity() * sizeof(uint32_t);
  bytes += r.ageing.capacity() * sizeof(r.ageing[0]);
  bytes += r.merges.capacity() * sizeof(StoryMerge);
  return bytes;
}

}  // namespace headwater::stories
